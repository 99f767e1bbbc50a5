"""The manual builds without a warning, its reference pages come from the code, and its Chinese search
works in a browser (Sphinx 9.0's threw `ChineseStemmer is not defined`: pyproject.toml pins Sphinx)."""

from __future__ import annotations

import functools
import html
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT
from .test_site_browser import ARGS, CHROMIUM, _QuietHandler


@pytest.fixture(scope="module")
def manual() -> Iterator[tuple[Path, subprocess.CompletedProcess[str]]]:
    """The manual built once (about two minutes) for the tests of this module."""
    out = Path(tempfile.mkdtemp(prefix="stdkit-manual-"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        yield out, result
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_manual_builds_without_warnings(manual: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, result = manual
    assert result.returncode == 0, result.stderr
    rules = (folder / "generated" / "rules.html").read_text(encoding="utf-8")
    assert "WGT401" in rules
    assert "CNT502" in rules
    fields = (folder / "generated" / "fields.html").read_text(encoding="utf-8")
    assert "职业功能" in fields
    # the quickstart installs the stdkit that built the manual (a release by version, else its commit)
    from stdkit import distribution

    quickstart = (folder / "quickstart.html").read_text(encoding="utf-8")
    assert html.escape(distribution.running().with_extra("site"), quote=False) in quickstart
    assert "stdkit@&lt;提交&gt;" not in quickstart  # the placeholder of the Markdown file was replaced


def test_search_index_holds_chinese_terms(manual: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, result = manual
    assert result.returncode == 0, result.stderr
    script = (folder / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(script.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    for term in ("鉴定点", "细目表", "职业功能", "评价规范"):  # whole words of the domain, not 鉴定 + 点
        assert term in terms, term
    language = (folder / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "ChineseStemmer" not in language  # Sphinx 9.0's: a name that is never defined


@pytest.mark.browser
@pytest.mark.parametrize("word", ["鉴定点", "细目表"])
def test_manual_search_finds_chinese_in_the_browser(
    manual: tuple[Path, subprocess.CompletedProcess[str]], word: str
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium; run scripts/browser-setup.sh")
    sync_api = pytest.importorskip("playwright.sync_api")
    folder, result = manual
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="stdkit-chromium-")
    errors: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, locale="zh-CN"
            )
            try:
                page: Any = context.new_page()
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
                page.locator("input[name=q]").first.fill(word)
                page.locator("input[name=q]").first.press("Enter")
                page.wait_for_selector("#search-results ul.search li", timeout=20000)
                hits = page.locator("#search-results ul.search li")
                assert hits.count() >= 1
                assert word in page.locator("#search-results").inner_text()
            finally:
                context.close()
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(profile, ignore_errors=True)
    assert errors == []
