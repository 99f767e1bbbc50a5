"""The site's search: a chunked static Pagefind index, so a visitor downloads only what a query needs.

Material's own search ships one ``search_index.json`` that every visitor downloads on the first
keystroke (55 MB at 1,000 documents). Pagefind instead writes a small entry file plus index
fragments keyed by word; the browser fetches the fragments of the words typed. Its extended build
segments Chinese at index time and its UI segments the query with ``Intl.Segmenter``.

Only document pages are indexed (``data-pagefind-body``), with their title, edition and levels as
metadata (``data-pagefind-meta``) so a result reads 「电工（2018年版）· 初级工—高级技师」 and its
snippet is a sentence of the document, not the labels of its header run together.

This module marks pages and runs the indexer; it never decides what a page says (that is
:mod:`stdkit.site.pages`) and never touches a folder other than the one it is given.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from stdkit.messages import Localized
from stdkit.site.html import attr, text

#: The index's folder below the site root.
BUNDLE = "pagefind"
#: Up to this many documents Material's single-file search is kept beside Pagefind; above it, the
#: monolithic index is switched off (it grows with the collection and every visitor pays for it).
MONOLITHIC_LIMIT = 200
SEARCH_URI = "search.md"
#: A document page's header facts (类型, 标识, 状态 … as label/value pairs).
HEADER_CLASS = "sk-header-facts"
#: Not sentences of the document: the weight charts' axis labels, the heading anchors (¶), the header facts.
EXCLUDE = f"svg, .headerlink, .{HEADER_CLASS}"
_ARTICLE = '<article class="md-content__inner md-typeset">'
TIMEOUT = 1800  # seconds; a national collection indexes in a few minutes


class SearchIndexError(Localized):
    """Pagefind is missing or failed; the message says why and what to do."""


def executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind[extended]`` wheel (the one that segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]  # no stubs
    except ImportError as exc:
        raise SearchIndexError("search.missing") from exc
    return Path(get_executable())


def index(site_dir: Path) -> None:
    """Write the Pagefind bundle into ``site_dir/pagefind`` from the HTML pages in ``site_dir``."""
    command = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--exclude-selectors",
        EXCLUDE,
        "--keep-index-url",  # the site uses plain .html URLs so that it works from a file share
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError("search.cannot_run", problem=exc) from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("search.failed", status=done.returncode, tail=" / ".join(tail))


def page() -> str:
    """The search page (Markdown with a raw HTML block): Pagefind's UI, with ``?q=`` prefilled."""
    return (
        '---\ntitle: "搜索"\nhide: [toc]\n---\n\n# 搜索\n\n'
        f'<link href="{BUNDLE}/pagefind-ui.css" rel="stylesheet">\n'
        f'<script src="{BUNDLE}/pagefind-ui.js"></script>\n'
        '<div id="sk-search" class="sk-search"></div>\n'
        "<script>\n"
        'window.addEventListener("DOMContentLoaded", function () {\n'
        '  var ui = new PagefindUI({element: "#sk-search", showSubResults: true, showImages: false,\n'
        '    excerptLength: 40, resetStyles: false, translations: {placeholder: "搜索标准、职业、技能要求……"}});\n'
        '  var q = new URLSearchParams(window.location.search).get("q");\n'
        "  if (q) { ui.triggerSearch(q); }\n"
        "});\n"
        "</script>\n\n"
    )


def form(action: str) -> str:
    """A search box that opens the search page (``action``: its relative URL) with the query."""
    return (
        f'<form class="sk-search-form" action="{attr(action)}" method="get" role="search">'
        f'<input type="search" name="q" placeholder="{text("搜索标准、职业、技能要求……")}" aria-label="搜索">'
        '<button type="submit">搜索</button></form>'
    )


def mark(html: str, meta: dict[str, str]) -> str:
    """A rendered document page with its article as the indexed body and ``meta`` attached.

    ``meta`` values are author text; they are escaped here. Pages without the theme's article
    element are returned unchanged (and so stay out of the index).
    """
    if _ARTICLE not in html:
        return html
    spans = "".join(
        f'<span data-pagefind-meta="{attr(key)}">{text(value)}</span>' for key, value in meta.items()
    )
    # metadata is still read from an ignored element; the body attribute keeps menus and footers out
    opening = (
        '<article class="md-content__inner md-typeset" data-pagefind-body>'
        f"<div hidden data-pagefind-ignore>{spans}</div>"
    )
    return html.replace(_ARTICLE, opening, 1)
