"""The site: every document has a page, author text is escaped, links are relative, failures publish nothing."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from stdkit import config as configuration
from stdkit import output, publish
from stdkit.ladder import Level
from stdkit.model import LevelledBody
from stdkit.run import pipeline
from stdkit.site import chart, pages
from stdkit.site.build import SiteBuildError, build_site
from stdkit.site.html import href, md_text, text
from stdkit.site.pages import pieces

ROOT = Path(__file__).resolve().parent.parent
ELECTRICIAN = ROOT / "standards" / "6-31-01-03_2018.yaml"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(configuration.load(ROOT), out)
    return out


def _collection(root: Path, *texts: str) -> configuration.Config:
    (root / "standards").mkdir(parents=True)
    for n, body in enumerate(texts):
        (root / "standards" / f"doc{n}.yaml").write_text(body, encoding="utf-8")
    return configuration.Config.default(root)


def test_every_document_has_a_page(built: Path) -> None:
    config = configuration.load(ROOT)
    report = pipeline.check(list(config.standards), config)
    assert report.collection.entries
    for entry in report.collection.entries:
        page = built / "standards" / entry.document.id / f"{entry.document.edition}.html"
        assert page.is_file(), page
        assert text(entry.document.title) in page.read_text(encoding="utf-8")
        assert (built / pages.source_uri(entry)).read_bytes() == entry.file.read_bytes()
    for name in ("index.html", "catalogue.html", "check.html", "categories/index.html"):
        assert (built / name).is_file(), name


def test_work_requirements_are_the_four_column_table(built: Path) -> None:
    html = (built / "standards/6-31-01-03/2018.html").read_text(encoding="utf-8")
    assert html.count('<table class="sk-table sk-work sk-stacked">') == 5  # L5 … L1
    assert "<th>职业功能</th><th>工作内容</th><th>技能要求</th><th>相关知识要求</th>" in html
    assert 'rowspan="' in html
    assert '<span class="sk-num">1.1.1</span>' in html
    assert html.count('<svg class="sk-chart"') >= 10  # theory and skill, per level
    assert "../../blueprints/6-31-01-03/2018/L4.json" in html
    assert "../../blueprints/6-31-01-03/2018/L4.xlsx" in html
    assert "../../sources/6-31-01-03/2018.yaml" in html
    assert "6-31-01-03@2009" in html  # edition history: supersedes


def test_enterprise_level_names_and_appointment(built: Path) -> None:
    html = (built / "standards/EV-GD-BDYW/2024.html").read_text(encoding="utf-8")
    assert "一级操作师" in html
    assert "评聘条件" in html


def test_links_are_relative(built: Path) -> None:
    pattern = re.compile(r'(?:href|src)="([^"]*)"')
    for page in built.rglob("*.html"):
        if page.name == "404.html":  # served for any missing path, so mkdocs makes its links root-absolute
            continue
        for target in pattern.findall(page.read_text(encoding="utf-8")):
            assert not target.startswith("/"), f"{page}: {target}"
            assert not re.match(r"(?i)https?:|//", target), f"{page}: {target}"


def test_catalogue_shows_the_documents_linking_to_an_item(built: Path) -> None:
    html = (built / "catalogue.html").read_text(encoding="utf-8")
    row = next(r for r in html.split("<tr>") if "<td>特种作业人员</td>" in r)
    assert "standards/6-31-01-03/2018.html" in row
    assert "standards/EV-GD-BDYW/2024.html" in row


def test_one_search_box_in_every_header_opens_the_search_page(built: Path) -> None:
    """One engine at every size: no Material index or overlay beside Pagefind's page (they answered the
    same ?q= with different results), and the header's own box on every page, labelled, going to
    search.html relative to the page."""
    assert not (built / "search").exists()
    for uri, action in (
        ("index.html", "search.html"),
        ("standards/6-31-01-03/2018.html", "../../search.html"),
        ("search.html", "search.html"),
    ):
        html = (built / uri).read_text(encoding="utf-8")
        assert 'class="md-search"' not in html and 'for="__search"' not in html, uri
        header = html[html.index('<header class="md-header"') : html.index("</header>")]
        assert header.count('class="sk-header-search"') == 1, uri
        assert f'action="{action}"' in header, uri
        assert '<label for="sk-header-q"' in header and 'id="sk-header-q"' in header, uri


def test_author_text_is_escaped(tmp_path: Path) -> None:
    source = ELECTRICIAN.read_text(encoding="utf-8")
    source = re.sub(
        r"(?m)^  definition: .*$", f"  definition: '{SCRIPT} *强调* [链接](http://x.invalid)'", source
    )
    source = source.replace("title: 电工", "title: '电工<img src=x onerror=alert(2)>'", 1)
    source = re.sub(r"(?m)^supersedes: .*\n", "", source)
    config = _collection(tmp_path / "repo", source)
    out = tmp_path / "out"
    out.mkdir()
    build_site(config, out)
    html = (out / "standards/6-31-01-03/2018.html").read_text(encoding="utf-8")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *强调* [链接](http://x.invalid)" in html
    for page in out.rglob("*.html"):
        body = page.read_text(encoding="utf-8")
        assert SCRIPT not in body, page
        assert "<img src=x" not in body and '<img src="x"' not in body, page


def test_markdown_escaping_keeps_text_literal() -> None:
    assert md_text("a*b*") == "a\\*b\\*"
    assert md_text("<b>") == "&lt;b&gt;"
    assert text("x\ny") == "x<br>y"
    assert href("standards/a/2018.md", "catalogue.md") == "../../catalogue.html"
    assert href("index.md", "categories/6/index.md") == "categories/6/index.html"


def test_chart_is_escaped_inline_svg() -> None:
    svg = chart.bars("权重 <x>", [("<b>电工</b>", 40), ("基础知识", 60)])
    assert svg.startswith('<svg class="sk-chart"') and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    widths = [int(w) for w in re.findall(r'class="sk-chart__bar" x="\d+" y="\d+" width="(\d+)"', svg)]
    assert widths[1] == chart.BAR and widths[0] < widths[1]


def test_failed_page_generation_keeps_the_published_site(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = tmp_path / "site"
    shutil.copytree(built, published)
    (published / output.MARKER).write_text("", encoding="utf-8")  # as if stdkit build had published it
    before = sorted(p.relative_to(published) for p in published.rglob("*"))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("page generation failed")

    monkeypatch.setattr(pages, "render", broken)
    with pytest.raises(SiteBuildError, match="page generation failed"):
        output.replace_dir(published, lambda folder: build_site(configuration.load(ROOT), folder))
    assert sorted(p.relative_to(published) for p in published.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no leftovers


def test_broken_mkdocs_yml_is_a_clear_error(tmp_path: Path) -> None:
    config = _collection(tmp_path / "repo", ELECTRICIAN.read_text(encoding="utf-8"))
    (config.root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    published = tmp_path / "site"
    published.mkdir()
    (published / output.MARKER).write_text("", encoding="utf-8")
    (published / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"mkdocs\.yml"):
        output.replace_dir(published, lambda folder: build_site(config, folder))
    assert (published / "index.html").read_text(encoding="utf-8") == "old"


def test_serve_watches_the_standards_and_the_crosswalks(tmp_path: Path) -> None:
    from stdkit.site.build import mkdocs_file
    from stdkit.site.mkdocs_material import StdkitPlugin, load_settings

    mk = load_settings(mkdocs_file(configuration.load(ROOT)), tmp_path)
    plugin = next(p for p in mk.plugins.values() if isinstance(p, StdkitPlugin))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=mk, builder=None)
    assert str(ROOT / "standards") in watched
    assert str(ROOT / "crosswalks") in watched  # a confirmed crosswalk changes the 新旧版本对照表 pages


def test_a_document_whose_occupation_is_unknown_is_still_browsable(built: Path) -> None:
    config = configuration.load(ROOT)
    report = pipeline.check(list(config.standards), config)
    site = pages.render(report)
    listed = set(re.findall(r"'(standards/[^']+\.md)'", repr(site.nav)))
    assert {pages.doc_uri(e) for e in report.collection.entries} == listed


def test_every_published_blueprint_is_linked_from_its_page(tmp_path: Path) -> None:
    # the index and the pages derive levels and URLs from one place (stdkit.blueprint)
    config = configuration.load(ROOT)
    report = pipeline.check(list(config.standards), config)
    out = tmp_path / "site"

    def build(folder: Path) -> None:
        build_site(config, folder, report=report)
        publish.build_blueprints_into(report.collection, folder / "blueprints", False)

    output.replace_dir(out, build)
    index = json.loads((out / "blueprints" / "index.json").read_text(encoding="utf-8"))
    assert index["blueprints"]
    kinds = set()
    for item in index["blueprints"]:
        document = item["document"]
        kinds.add(document["kind"])
        page = out / "standards" / document["id"] / f"{document['edition']}.html"
        html = page.read_text(encoding="utf-8")
        for url in (item["url"], item["xlsx_url"]):
            assert f"../../blueprints/{url}" in html, (page.name, url)
    assert kinds == {"occupational-standard", "evaluation-spec", "special-competency"}
    levels = {item["level"] for item in index["blueprints"]}
    assert {"principal", "chief", "unit"} <= levels


def _section_text(html: str, heading: str) -> str:
    start = html.index(f">{heading}<")
    end = html.find("<h2", start)
    return re.sub(r"<[^>]+>", " ", html[start : end if end > 0 else None])


#: Qualifiers a national standard may print but stdkit must not add: they are rules of their own.
INVENTED = ("不少于", "（含）以上", "各项考核", "均实行百分制", "监考人员", "皆达")
#: The fields that make a qualifier the document's own (printed only when the field is written).
LICENSED_BY = {
    "不少于": ("at_least", "invigilators_at_least"),
    "（含）以上": ("review_at_least", "examiners_at_least"),
    "监考人员": ("invigilators_at_least",),
}


def test_assessment_shows_only_what_the_document_says(built: Path) -> None:
    config = configuration.load(ROOT)
    report = pipeline.validate(list(config.standards), config)
    for entry in report.collection.entries:
        page = built / "standards" / entry.document.id / f"{entry.document.edition}.html"
        html = page.read_text(encoding="utf-8")
        heading = "鉴定方式与要求" if ">鉴定方式与要求<" in html else "考核要求"
        shown = _section_text(html, heading)
        source = entry.file.read_text(encoding="utf-8")
        for phrase in INVENTED:
            licensed = any(f"{field}:" in source for field in LICENSED_BY.get(phrase, ()))
            assert phrase not in shown or phrase in source or licensed, (page.name, phrase)
        for number in re.findall(r"\d+", shown):
            assert number in source, (page.name, number)


def test_a_pass_mark_of_70_is_printed_as_70(tmp_path: Path) -> None:
    body = ELECTRICIAN.read_text(encoding="utf-8").replace("pass_mark: 60", "pass_mark: 70")
    assert "pass_mark: 70" in body
    config = _collection(tmp_path, body)
    out = tmp_path / "out"
    build_site(config, out)
    shown = _section_text(
        (out / "standards/6-31-01-03/2018.html").read_text(encoding="utf-8"), "鉴定方式与要求"
    )
    assert "70 分" in shown
    assert "60" not in shown


def test_every_site_has_a_chunked_search_index_of_its_document_pages(built: Path) -> None:
    bundle = built / "pagefind"
    assert (bundle / "pagefind-entry.json").is_file() and (bundle / "pagefind-ui.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]  # one Chinese index, segmented by the extended binary
    assert entry["languages"]["zh"]["page_count"] == len(list((built / "standards").rglob("*.html")))
    assert len(list((bundle / "fragment").iterdir())) > 1 and len(list((bundle / "index").iterdir())) >= 1
    page = (built / "standards" / "6-31-01-03" / "2018.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in page
    assert '<span data-pagefind-meta="title">电工（2018年版）</span>' in page
    assert '<span data-pagefind-meta="等级">五级/初级工—一级/高级技师</span>' in page
    assert "data-pagefind-body" not in (built / "index.html").read_text(encoding="utf-8")
    assert 'action="search.html"' in (built / "index.html").read_text(encoding="utf-8")
    assert "pagefind/pagefind-ui.js" in (built / "search.html").read_text(encoding="utf-8")


def test_each_sections_notes_are_shown_in_it(tmp_path: Path) -> None:
    """A section's notes (备注: what `import docx` kept of a draft's paragraphs no field holds) are on the
    page in their section, a line each, escaped."""
    body = ELECTRICIAN.read_text(encoding="utf-8")
    for key, notes in (
        ("profile", "注：本职业包括维修电工。"),
        ("training", "培训时间由培训机构确定。"),
        ("assessment", f"具体考核方案另行制定。{SCRIPT}\n    第二行。"),
        ("basics", "基本要求适用于各等级。"),
    ):
        body = body.replace(f"\n{key}:\n", f"\n{key}:\n  notes: |-\n    {notes}\n", 1)
    config = _collection(tmp_path, body)
    report = pipeline.check(list(config.standards), config)
    assert report.exit_status == 0, [d.message for d in report.diagnostics]
    html = pages.render(report).pages[pages.doc_uri(report.collection.entries[0])]
    assert isinstance(html, str)
    for heading, shown in (
        ("职业概况", "<dt>备注<span hidden>：</span></dt><dd>注：本职业包括维修电工。</dd>"),
        ("培训要求", "<dt>备注<span hidden>：</span></dt><dd>培训时间由培训机构确定。</dd>"),
        ("鉴定方式与要求", "具体考核方案另行制定。&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行。</dd>"),
        ("基本要求", '<p class="sk-notes">基本要求适用于各等级。</p>'),
    ):
        start = html.index(f"\n## {heading}")
        assert shown in html[start : html.index("\n## ", start + 1)], heading
    assert SCRIPT not in html


def _indexed_text(built: Path, url: str) -> str:
    """What Pagefind keeps of the page at ``url`` (its excerpts are cut from it), without the zero-width
    spaces it puts between Chinese words."""
    import gzip

    for fragment in sorted((built / "pagefind" / "fragment").iterdir()):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if record["url"] == url:
            return str(record["content"]).replace("\u200b", "")
    raise AssertionError(f"{url} is not in the search index")


def test_search_excerpts_keep_a_requirement_rows_cells_apart(built: Path) -> None:
    """Issue 37: excerpts read as sentences. Each cell of a 工作要求 row (职业功能, 工作内容, each 技能要求 and
    相关知识要求 line) is set apart from the next, the next row's first cell included (a line with a 重要程度
    badge ran on: 「防爆标识 电工材料选用」); column headings are not indexed (「职业功能工作内容技能要求…」);
    a fact's label and value read 「合格分数线：60 分。」, not 「合格分数线60 分考核时间」."""
    indexed = _indexed_text(built, "/standards/6-31-01-03/2018.html")
    document = (
        pipeline.validate([ELECTRICIAN], configuration.Config.default(ROOT)).collection.entries[0].document
    )
    assert isinstance(document, LevelledBody)
    cells = [
        cell
        for function in document.work[Level.L5]
        for n, content in enumerate(function.contents)
        for cell in (
            *([function.function] if n == 0 else []),
            content.name,
            *(line.text for line in content.skills),
            *(line.text for line in content.knowledge),
        )
    ]
    assert len(cells) > 20
    for before, after in itertools.pairwise(cells):
        # a full stop between cells; only after a closing mark (「（柜）」) a space is enough
        stop = r"\s+" if before.endswith(("）", "”", "》", "。", "；")) else r"[.。；：]\s*"
        assert re.search(re.escape(before) + stop + re.escape(after), indexed), (before, after)
    assert "职业功能工作内容" not in indexed
    assert "防爆电气设备的分类和防爆标识. 电工材料选用." in indexed
    assert "职业定义：使用工具、量具和仪器、仪表" in indexed
    special = _indexed_text(built, "/standards/S-44-0012/2023.html")
    assert "考核方式：技能考核。合格分数线：60 分。" in special
    assert "考核模块技能要求" not in special


def test_search_stops_are_hidden_from_readers() -> None:
    """The stops only the index reads are hidden, and none follows text that ends a sentence already."""
    facts = pieces.dl([("合格分数线", "60 分"), ("职业定义", "……的人员。")])
    assert facts == (
        '<dl class="sk-facts"><dt>合格分数线<span hidden>：</span></dt><dd>60 分<span hidden>。</span></dd>'
        "<dt>职业定义<span hidden>：</span></dt><dd>……的人员。</dd></dl>"
    )


def test_search_metadata_is_escaped(tmp_path: Path) -> None:
    from stdkit.site import search

    html = '<html><body><article class="md-content__inner md-typeset"><h1>x</h1></article></body></html>'
    marked = search.mark(html, {"title": SCRIPT, "发布单位": 'a"b'})
    assert SCRIPT not in marked and "&lt;script&gt;" in marked
    assert search.mark("<html><body>no article</body></html>", {"title": "x"}).count("pagefind") == 0


def test_a_large_collection_keeps_pages_and_navigation_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    # the samples stand in for a national collection: the limits are lowered instead of the
    # collection raised (tests/test_site_browser.py builds 2,000 generated documents)
    monkeypatch.setattr(pages, "NAV_LIMIT", 3)
    monkeypatch.setattr(pages, "PAGE_LIMIT", 1)
    out = tmp_path / "site"
    build_site(configuration.load(ROOT), out)
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="sk-header-search"' in home, "the same search box at every collection size"
    nav = home[home.index("md-nav--primary") : home.index('class="md-content"')]
    assert "standards/" not in nav, "the navigation names categories, not every document"
    assert "specials.html" in nav and (out / "specials.html").is_file()
    category = (out / "categories" / "6" / "index.html").read_text(encoding="utf-8")
    middles = sorted((out / "categories" / "6").glob("6-*.html"))
    assert middles and all(f'href="{m.name}"' in category for m in middles)
    assert 'class="sk-filter"' in category
    middle = middles[0].read_text(encoding="utf-8")
    assert 'class="sk-occ-block"' in middle and "../../standards/" in middle
    assert "assets/stdkit/filter.js" in middle
