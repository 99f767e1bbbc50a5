"""The built site in a real browser: navigation by clicking, Chinese search, screenshots.

Needs Debian's chromium (scripts/browser-setup.sh installs it) and Playwright's Python package;
never downloads a browser. Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
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
    yield from _served(out)


def _served(out: Path) -> Iterator[str]:
    """The URL of ``out`` served over HTTP on this machine, until the fixture ends; ``out`` removed then."""
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
def parted_url() -> Iterator[str]:
    """The samples' site with its search index written in parts of two pages (as a national one is, of
    :data:`stdkit.site.search.PART_PAGES`)."""
    from unittest import mock

    from stdkit.site import search
    from stdkit.site.build import build_site

    out = Path(tempfile.mkdtemp(prefix="stdkit-parted-"))
    with mock.patch.object(search, "PART_PAGES", 2):
        build_site(configuration.load(ROOT), out)
    yield from _served(out)


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
def test_the_header_search_box_finds_a_word_inside_a_sentence(site_url: str, page: Any, word: str) -> None:
    """From a document page's header: one box, one engine, the search page's results (no overlay)."""
    page.goto(site_url + "standards/6-31-01-03/2018.html")
    assert page.locator("input[type=search]").count() == 1
    box = page.get_by_role("searchbox", name="搜索")
    box.fill(word)
    box.press("Enter")
    page.wait_for_selector(".pagefind-ui__result", timeout=30000)
    assert "search.html?q=" in page.url
    assert page.locator(".md-search").count() == 0
    results = page.locator(".pagefind-ui__result")
    assert results.count() >= 1
    assert word in "".join(results.first.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    _shot(page, f"search-{word}.png")


def _pagefind_search(page: Any, url: str, word: str) -> tuple[Any, int]:
    """Type ``word`` into the Pagefind search page; the results and the bytes the query downloaded."""
    page.goto(url + "search.html")
    page.wait_for_load_state("networkidle")
    sizes: list[int] = []

    def count(request: Any) -> None:
        sizes.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", count)
    try:
        page.fill(".pagefind-ui__search-input", word)
        page.wait_for_selector(".pagefind-ui__result", timeout=30000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # the UI loads a result's fragment after showing its placeholder
    finally:
        page.remove_listener("requestfinished", count)
    return page.locator(".pagefind-ui__result"), sum(sizes)


@pytest.mark.parametrize("word", ["照明", "继电", "高级技师"])
def test_pagefind_finds_a_word_inside_a_sentence(site_url: str, page: Any, word: str) -> None:
    results, _ = _pagefind_search(page, site_url, word)
    _shot(page, f"pagefind-{word}.png")
    assert results.count() >= 1
    first = results.first
    excerpts = "".join(first.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    assert word in excerpts, "the snippet is a sentence of the document holding the word"
    # the query is segmented (高级技师 → 高级 / 技师): every highlighted piece is part of it
    marks = first.locator("mark").all_inner_texts()
    assert marks and any(mark in word for mark in marks), marks
    # title with its edition, and the metadata as separate tags, not labels run into the snippet
    assert "年版）" in first.locator(".pagefind-ui__result-title").first.inner_text()
    tags = first.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert any(tag.startswith("等级") for tag in tags) and any(tag.startswith("类型") for tag in tags)
    assert "发布单位" not in excerpts
    # a line's number and 重要程度 badge are not indexed: a snippet is the document's sentences
    assert not re.search(r"(?<![A-Za-z])[XYZ](?![A-Za-z])|\d+\.\d+\s", excerpts), excerpts


@pytest.mark.parametrize("word", ["高级技师", "照明"])
def test_an_index_in_parts_finds_what_one_index_finds(
    site_url: str, parted_url: str, page: Any, word: str
) -> None:
    """The search page merges every part of a national index: the same pages are found (the order may differ:
    each part ranks by its own word statistics)."""

    def found(url: str) -> tuple[str, list[str]]:
        _pagefind_search(page, url, word)
        said = page.locator(".pagefind-ui__message").inner_text()  # 「找到 N 个结果」
        pages = page.evaluate(
            """async (word) => {
                const pagefind = await import("./pagefind/pagefind.js");  // the page's, its parts merged
                const search = await pagefind.search(word);
                return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url).sort();
            }""",
            word,
        )
        return said, pages

    whole = found(site_url)
    assert whole[1] and found(parted_url) == whole


def test_home_search_box_opens_the_search_page(site_url: str, page: Any) -> None:
    page.goto(site_url + "index.html")
    page.fill(".sk-search-form input", "照明")
    page.press(".sk-search-form input", "Enter")
    page.wait_for_selector(".pagefind-ui__result", timeout=30000)
    assert "search.html?q=" in page.url


NATIONAL = 2000  # documents: a national collection's search downloads only what a query needs


@pytest.fixture(scope="module")
def national_url() -> Iterator[str]:
    """A generated collection of 2,000 documents (bench/corpus.py), its site built with search."""
    import subprocess
    import sys

    from stdkit.site.build import build_site

    folder = Path(tempfile.mkdtemp(prefix="stdkit-national-"))
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "corpus.py"), str(NATIONAL), str(folder)],
            check=True,
            capture_output=True,
        )
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        shutil.copytree(ROOT / "docs_site", folder / "docs_site")
        out = folder / "site"
        build_site(configuration.load(folder), out)
        handler = functools.partial(_QuietHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.national
def test_national_collection_first_search_downloads_under_a_megabyte(national_url: str, page: Any) -> None:
    page.goto(national_url + "index.html")
    _shot(page, "national-home.png", full=True)
    assert page.locator(".md-search").count() == 0 and page.locator(".sk-header-search").count() == 1
    results, downloaded = _pagefind_search(page, national_url, "安装")
    assert results.count() >= 1
    assert downloaded <= 1_000_000, f"the first search downloaded {downloaded} bytes"
    _shot(page, "national-search.png")
    (ARTIFACTS / "national-search.txt").write_text(f"first search: {downloaded} bytes\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.national
def test_national_listing_pages_stay_short_and_filter(national_url: str, page: Any) -> None:
    page.goto(national_url + "categories/6/index.html")
    _shot(page, "national-category.png")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 20000, f"the 第六大类 page is {height} px tall"
    page.locator("article table a").first.click()  # a 中类
    page.wait_for_load_state()
    blocks = page.locator(".sk-occ-block")
    total = blocks.count()
    assert total >= 2
    first_code = blocks.first.locator("h3 code").inner_text()
    page.fill(".sk-filter input", first_code)
    assert page.locator(".sk-occ-block:visible").count() < total
    _shot(page, "national-middle-filtered.png")
    page.fill(".sk-filter input", "")
    page.locator(".sk-occ-block a").first.click()
    page.wait_for_load_state()
    assert "/standards/" in page.url
    _shot(page, "national-standard.png")


# -- phones, keyboards and assistive technology ---------------------------------------------------------

AXE = ROOT / ".venv" / "tools" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
AUDITED = (
    "index.html",
    "categories/6/index.html",
    "standards/6-31-01-03/2018.html",
    "standards/EV-GD-BDYW/2024.html",
    "search.html?q=照明",
)
#: Violations of the theme's own markup, not of stdkit's, and why they are left: Material gives each
#: level of its navigation a <nav> without a distinct name (moderate, not serious).
THEME_OWN = {("landmark-unique", 'nav[data-md-level="1"]')}


@pytest.mark.parametrize("width", [1400, 390])
def test_axe_finds_no_serious_violation(site_url: str, page: Any, width: int) -> None:
    """axe-core (WCAG 2.1 A/AA and best practice) on a home, category, standard, evaluation-spec and
    search page: nothing serious or critical, and nothing moderate of stdkit's own markup."""
    if not AXE.is_file():
        pytest.skip("axe-core not installed; run scripts/lint-setup.sh")
    script = AXE.read_text(encoding="utf-8")
    page.set_viewport_size({"width": width, "height": 900})
    found: list[str] = []
    try:
        for uri in AUDITED:
            page.goto(site_url + uri)
            page.wait_for_load_state("networkidle")
            page.add_script_tag(content=script)
            violations = page.evaluate(
                "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations"
                ".map(v => ({id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' '))}))"
            )
            for violation in violations:
                for target in violation["targets"]:
                    if (violation["id"], target) in THEME_OWN:
                        continue
                    if violation["impact"] in ("serious", "critical", "moderate"):
                        found.append(
                            f"{width}px {uri}: {violation['id']} ({violation['impact']}) at {target}"
                        )
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    assert not found, "\n".join(found)


def test_on_a_phone_listings_and_requirements_read_as_cards(site_url: str, page: Any) -> None:
    """At 390 px a listing's 名称 and a 工作要求 line get the screen's width (they shrank to two characters a
    line in a four- or six-column table), each cell named by its column."""
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(site_url + "categories/6/index.html")
        name_cell = page.locator("table.sk-stacked td[data-label='名称']").first
        assert name_cell.evaluate("cell => cell.getBoundingClientRect().width") > 250
        page.goto(site_url + "standards/6-31-01-03/2018.html")
        skill = page.locator("table.sk-work td[data-label='技能要求']").first
        assert skill.evaluate("cell => cell.getBoundingClientRect().width") > 250
        label = skill.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert "技能要求" in label
        skill.scroll_into_view_if_needed()
        _shot(page, "phone-work.png")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_the_weights_table_fits_a_desktop_screen_and_tables_scroll_by_keyboard(
    site_url: str, page: Any
) -> None:
    page.goto(site_url + "standards/6-31-01-03/2018.html")
    wrap = page.locator(".sk-table-wrap:has(table.sk-weights)").first
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), "二级/一级 columns out of view at 1400 px"
    assert wrap.get_attribute("tabindex") == "0"


def test_crosswalk_table_scrolls_inside_its_frame_on_a_phone(site_url: str, page: Any) -> None:
    """The 新旧版本对照表 (seven columns) on a 375-px phone: the page itself does not scroll sideways; the
    table does, inside its frame. Reached from the superseded edition's banner."""
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        page.goto(site_url + "standards/6-31-01-03/2009.html")
        page.locator(".sk-banner a", has_text="新旧版本对照表").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("crosswalks/6-31-01-03_2009_2018.html")
        assert page.locator("table.sk-crosswalk tbody tr").count() == 325
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= 375 + 1, page_width
        frame = page.locator(".sk-table-wrap:has(table.sk-crosswalk)")
        assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
        _shot(page, "crosswalk-phone.png")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
