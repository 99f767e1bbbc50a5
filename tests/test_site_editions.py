"""The site over time: a superseded or withdrawn edition keeps its page and its blueprints with a banner
that says so (from the collection's standing, not the file's own status), and a corrected edition lists
its 勘误."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from stdkit import config as configuration
from stdkit.build import build
from stdkit.model.common import Erratum, ErratumChange
from stdkit.run import pipeline
from stdkit.site.pages.history import errata

from .conftest import without_index_stops
from .over_time import (
    ERRATUM_DATE,
    ERRATUM_NOTICE,
    FIXED_CODE,
    FIXED_TEXT,
    PRINTED_TEXT,
    TRANSITION_UNTIL,
    WITHDRAWN_ON,
    collection_over_time,
)

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = collection_over_time(tmp_path_factory.mktemp("over-time"))
    config = configuration.load(root)
    report = pipeline.check(list(config.standards), config)
    return build(report, root / "site", include_drafts=False).folder


def _page(site: Path, uri: str) -> str:
    return (site / uri).read_text(encoding="utf-8")


def _banner(html: str) -> str:
    found = re.search(r'<div class="sk-banner sk-banner--(\w+)">(.*?)</div>', html, re.S)
    assert found, "no banner"
    return f"{found[1]}: {found[2]}"


def _section(html: str, heading: str) -> str:
    start = html.index(f">{heading}<a")
    end = html.find("<h2", start)
    return html[start : end if end > 0 else None]


def _links(html: str) -> dict[str, str]:
    """Label → href of every link in ``html``."""
    return {
        re.sub(r"<[^>]+>", "", label): href
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html)
    }


def _resolves(site: Path, page: str, href: str) -> bool:
    return (
        site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0]))
    ).is_file()


def test_a_superseded_edition_says_so_and_links_to_its_successor(site: Path) -> None:
    page = "standards/6-31-01-03/2009.html"
    html = _page(site, page)
    banner = _banner(html)
    assert banner.startswith("superseded: ")
    assert f"代替，可考至 {TRANSITION_UNTIL}（过渡期）" in banner
    assert "现行有效版本" in banner
    links = _links(banner)
    assert links == {"电工（2018年版）": "2018.html"}
    assert _resolves(site, page, links["电工（2018年版）"])
    # the file says published; the successor's supersedes makes it superseded everywhere on the page
    assert (
        '<dt>状态</dt><dd><span class="sk-status sk-status--superseded">已被替代</span>'
        in without_index_stops(html)
    )
    history = _section(html, "版本沿革")
    assert f"已被替代</span> 可考至 {TRANSITION_UNTIL}" in history
    assert "现行</span>" in history  # on the 2018 row


def test_a_superseded_editions_blueprints_stay_listed(site: Path) -> None:
    page = "standards/6-31-01-03/2009.html"
    section = _section(_page(site, page), "考试蓝图")
    assert "尚未发布" not in section
    assert f"过渡期截止（{TRANSITION_UNTIL}）后不应再据以组织考试" in section
    hrefs = [href for href in re.findall(r'<a href="([^"]+)"', section) if "/2009/" in href]
    assert {posixpath.basename(h) for h in hrefs} == {
        "L5.json",
        "L4.json",
        "L3.json",
        "L5.xlsx",
        "L4.xlsx",
        "L3.xlsx",
    }
    assert all(_resolves(site, page, href) for href in hrefs)


def test_a_withdrawn_edition_says_when(site: Path) -> None:
    html = _page(site, "standards/4-14-02-01/2021.html")
    assert _banner(html) == f"withdrawn: <p>本文件已于 {WITHDRAWN_ON} 废止，此后不再据以组织考核。</p>"
    assert "L4.json" in _section(html, "考试蓝图")


def test_the_edition_in_force_has_no_banner_but_its_errata(site: Path) -> None:
    html = _page(site, "standards/6-31-01-03/2018.html")
    assert "sk-banner" not in html
    assert f"共 1 次勘误，最近一次 {ERRATUM_DATE}" in html
    section = _section(html, "勘误")
    assert f"<strong>第 1 次勘误</strong>　{ERRATUM_DATE}　{ERRATUM_NOTICE}" in section
    assert "<th>序号</th><th>位置（鉴定点代码）</th><th>原文</th><th>更正为</th>" in section
    assert (
        f"<td>1</td><td><code>{FIXED_CODE}</code></td><td>{PRINTED_TEXT}</td><td>{FIXED_TEXT}</td>" in section
    )
    work = _section(html, "工作要求")
    assert FIXED_TEXT in work and PRINTED_TEXT not in work  # the page shows the corrected text
    assert "勘误 1 次" in _section(html, "版本沿革")


def test_no_errata_no_section(site: Path) -> None:
    assert ">勘误<a" not in _page(site, "standards/4-10-01-02/2019.html")


def test_errata_text_is_escaped() -> None:
    from stdkit.collection import load_entry

    from .conftest import STANDARDS

    entry, _, _ = load_entry(STANDARDS / "6-31-01-03_2018.yaml")
    assert entry is not None
    change = ErratumChange.model_validate({"code": "L5/1.1.1", "from": SCRIPT, "to": f"{SCRIPT}!"})
    erratum = Erratum.model_validate({"date": "2024-03-01", "notice": SCRIPT, "changes": [change]})
    html = errata(entry.document.model_copy(update={"errata": [erratum]}))
    assert SCRIPT not in html
    assert html.count("&lt;script&gt;") == 3
