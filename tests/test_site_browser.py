"""The built site in a real browser: navigation by clicking, Chinese search, screenshots.

Needs Debian's chromium (scripts/browser-setup.sh installs it) and Playwright's Python package;
never downloads a browser. Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stdkit import config as configuration

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    from stdkit.site.build import build_site

    out = Path(tempfile.mkdtemp(prefix="stdkit-site-"))
    build_site(configuration.load(ROOT), out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(out, ignore_errors=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium; run scripts/browser-setup.sh")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tempfile.mkdtemp(prefix="stdkit-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1400, "height": 1000},
            locale="zh-CN",
        )
        try:
            yield context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def _shot(page: Any, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


def test_home_then_click_through_to_a_standard(site_url: str, page: Any) -> None:
    page.goto(site_url + "index.html")
    assert "职业技能标准库" in page.title()
    assert page.locator(".sk-stat").count() >= 3
    _shot(page, "home.png", full=True)
    page.get_by_role("link", name="第六大类").first.click()
    page.wait_for_load_state()
    assert "categories/6/index.html" in page.url
    _shot(page, "category.png")
    page.locator("article a", has_text="电工").first.click()  # newest edition first
    page.wait_for_load_state()
    assert "/standards/6-31-01-03/" in page.url
    assert page.locator("table.sk-work").count() >= 5  # one four-column table per level
    assert page.locator("svg.sk-chart").count() >= 5
    _shot(page, "standard.png")
    page.locator("table.sk-work").first.scroll_into_view_if_needed()
    _shot(page, "work-table.png")
    page.locator("svg.sk-chart").first.scroll_into_view_if_needed()
    _shot(page, "weights.png")


@pytest.mark.parametrize("word", ["照明", "继电"])
def test_chinese_search_finds_a_word_inside_a_sentence(site_url: str, page: Any, word: str) -> None:
    page.goto(site_url + "index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(word)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    results = page.locator(".md-search-result__item")
    assert results.count() >= 1
    assert word in results.first.inner_text()
    page.wait_for_timeout(400)  # let the search overlay finish fading in, so the screenshot is readable
    _shot(page, f"search-{word}.png")
