"""Generated pages skip Markdown's HTML parser (stdkit.site.skeleton) and still read exactly as before."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from stdkit import config as configuration
from stdkit.run import pipeline
from stdkit.site import skeleton
from stdkit.site.build import DEFAULT_MKDOCS, build_site
from stdkit.site.pages import render

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "standards/6-31-01-03/2018.html"  # the electrician: work tables, charts, blueprints, history

#: Elements a browser lays out as blocks: their edges separate text, whatever whitespace is between them.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)


#: Elements without an end tag.
_VOID = frozenset(
    {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed"}
)


class _Visible(HTMLParser):
    """The article's text as a reader sees it (one line per block), and the page's table of contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.toc: list[str] = []
        self._article = 0  # depth inside <article>
        self._toc = 0  # depth inside the secondary (table of contents) <nav>
        self._skip = 0  # inside <script> or <style>
        self._hidden = 0  # depth inside an element marked hidden (e.g. the stops only search reads)
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if self._hidden or "hidden" in dict(attrs):
            self._hidden += tag not in _VOID
            return
        if tag == "article" or self._article:
            self._article += tag == "article"
        if tag == "nav" and ("md-nav--secondary" in classes or self._toc):
            self._toc += 1
        if tag in {"script", "style"}:
            self._skip += 1
        if self._toc and tag == "a":
            self._href = dict(attrs).get("href") or ""
        if self._article and tag in _BLOCKS:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            self._hidden -= 1
            return
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "nav" and self._toc:
            self._toc -= 1
        if tag in {"script", "style"}:
            self._skip -= 1
        if self._article and tag in _BLOCKS:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip or self._hidden:
            return
        if self._article:
            self.text.append(data)
        if self._toc and self._href and data.strip():
            self.toc.append(f"{self._href} {' '.join(data.split())}")
            self._href = ""


def visible(html: str) -> str:
    """A built page as a reader sees it: the table of contents, then the article's text line by line."""
    parser = _Visible()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.text).split("\n"))
    return "\n".join(["# toc", *parser.toc, "# article", *(line for line in lines if line)]) + "\n"


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["toc", "tables", "attr_list"], extension_configs={"toc": {"permalink": True}}
    )


@pytest.fixture(scope="module")
def site_pages() -> dict[str, str | bytes]:
    config = configuration.load(ROOT)
    return render(pipeline.check(list(config.standards), config)).pages


def test_the_site_uses_the_extensions_the_comparison_uses() -> None:
    assert DEFAULT_MKDOCS["markdown_extensions"] == [{"toc": {"permalink": True}}, "tables", "attr_list"]


def test_every_generated_page_converts_as_markdown_converts_it(site_pages: dict[str, str | bytes]) -> None:
    split = 0
    for uri, page in sorted(site_pages.items()):
        if not isinstance(page, str):
            continue
        parts = skeleton.split(page)
        if parts is None:
            continue
        split += 1
        whole, fast = _markdown(), _markdown()
        expected = whole.convert(page)
        actual = parts.fill(fast.convert(parts.markdown))
        # Markdown puts each top-level raw element on a line of its own: whitespace between blocks only
        assert actual.replace("\n", "") == expected.replace("\n", ""), uri
        assert fast.toc_tokens == whole.toc_tokens, uri  # type: ignore[attr-defined]  # set by the toc extension
    assert split >= len([uri for uri in site_pages if uri.startswith("standards/")])


def test_a_page_that_is_not_only_headings_and_html_blocks_is_not_split() -> None:
    assert skeleton.split("---\ntitle: x\n---\n\n# x\n\nsome *Markdown* text\n") is None
    assert skeleton.split("# x\n\n<span>inline</span>\n") is None  # Markdown wraps it in a paragraph
    parts = skeleton.split(
        '---\ntitle: "x"\n---\n\n# x\n\n<div>a</div>\n<p>b</p>\n\n## y\n\n<dl><dt>c</dt></dl>\n'
    )
    assert parts is not None
    assert parts.markdown == '---\ntitle: "x"\n---\n\n# x\n\nstdkit-block-0\n\n## y\n\nstdkit-block-1\n'
    assert parts.blocks == ("<div>a</div>\n<p>b</p>", "<dl><dt>c</dt></dl>")


def test_author_text_cannot_pass_for_a_placeholder(tmp_path: Path) -> None:
    parts = skeleton.split("# stdkit-block-0\n\n<p>stdkit-block-0</p>\n")
    assert parts is not None
    html = parts.fill(_markdown().convert(parts.markdown))
    assert re.sub(r"<a class=\"headerlink\".*?</a>", "", html) == (
        '<h1 id="stdkit-block-0">stdkit-block-0</h1>\n<p>stdkit-block-0</p>'
    )


def test_a_built_document_page_reads_as_before(
    tmp_path: Path, golden: Callable[[str, str | bytes], None]
) -> None:
    build_site(configuration.load(ROOT), tmp_path)
    # the golden was written from the site built through Markdown alone, before the skeleton
    golden("site/6-31-01-03_2018.visible.txt", visible((tmp_path / SAMPLE).read_text(encoding="utf-8")))
