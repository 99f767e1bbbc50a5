"""The site's pages as Markdown strings, computed from a checked collection.

This package knows nothing of mkdocs: :func:`render` takes a :class:`~stdkit.run.report.Report`
and returns every page (path → Markdown) and the navigation as plain lists and dicts, so
another static-site engine (zensical) only needs new glue. Page bodies are raw HTML blocks
built with :mod:`stdkit.site.html`; every author string is escaped there. Nothing here
reads or writes files.

One module per part of the site: :mod:`.urls` (where each page lives), :mod:`.index` (the
collection arranged once), :mod:`.pieces` (shared fragments), :mod:`.home`, :mod:`.categories`,
:mod:`.registers` (资格目录, 检查报告), :mod:`.document` (a document's page), whose sections are
in :mod:`.header`, :mod:`.assessment`, :mod:`.requirements`, :mod:`.plans`, :mod:`.coverage` and
:mod:`.competency`, and :mod:`.crosswalk` (a 新旧版本对照表 between two editions). This module puts the
pages together and builds the navigation.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from stdkit import ladder
from stdkit.checks.coverage import ANALYSIS as COVERAGE
from stdkit.collection import Entry, levelled
from stdkit.model import SpecialCompetency
from stdkit.model.common import KIND_NAMES, EditionForm
from stdkit.run.report import Report
from stdkit.site import search
from stdkit.site.html import text
from stdkit.site.pages.categories import (
    Middles,
    Tree,
    by_major,
    categories_index,
    category_page,
    major_title,
    occupation_name,
    specials_page,
    split_category,
)
from stdkit.site.pages.crosswalk import crosswalk_page, label_of, uri_of
from stdkit.site.pages.document import document_page
from stdkit.site.pages.home import home
from stdkit.site.pages.index import Index, arrange
from stdkit.site.pages.registers import catalogue, check_report
from stdkit.site.pages.urls import (
    CATALOGUE_URI,
    CATEGORIES_URI,
    CHECK_URI,
    HOME_URI,
    SPECIALS_URI,
    category_uri,
    doc_uri,
    source_uri,
)
from stdkit.site.skeleton import Staged

__all__ = [
    "ANALYSES",
    "NAV_LIMIT",
    "PAGE_LIMIT",
    "SitePages",
    "Staging",
    "arrange",
    "doc_uri",
    "render",
    "source_uri",
]

#: Up to this many documents, the navigation lists every document; above it, categories only.
NAV_LIMIT = 200
#: A 大类 with more documents than this gets one page per 中类 (第六大类 was 76,848 px tall at 1,000).
PAGE_LIMIT = 150

Nav = list[Any]  # mkdocs-shaped: [{"title": "page.md"} | {"title": [...]} | "page.md", ...]

#: What the site reads of a report's analyses (:attr:`stdkit.run.report.Report.analyses`): a run for the
#: site asks for them.
ANALYSES = (COVERAGE,)


@dataclasses.dataclass(frozen=True)
class SitePages:
    """What the site consists of: Markdown (or raw bytes) per path, and the navigation."""

    pages: dict[str, str | bytes]
    nav: Nav
    sources: dict[str, Entry] = dataclasses.field(default_factory=dict)  # uri → the document published there
    #: page uri → what a search result shows beside the title (document pages only)
    search_meta: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    #: uri → a document page or YAML file that a build's worker wrote to disk (:class:`Staging`)
    staged: dict[str, Staged] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Staging:
    """The document pages and their YAML files as a build's workers wrote them (:mod:`stdkit.build`), each from
    one whole document, with the arrangement of the collection's headers they were rendered with: the site
    takes them from disk instead of rendering them from 10,000 documents held at once."""

    index: Index
    files: dict[str, Staged]  # uri → where it was written


def render(
    report: Report[Entry], *, include_drafts: bool = False, staging: Staging | None = None
) -> SitePages:
    """Every page of the site and its navigation, from a checked collection; with ``staging``, the document
    pages and their YAML files are those written there (the report may then hold headers only)."""
    idx = staging.index if staging is not None else arrange(report, include_drafts)
    tree = by_major(idx)
    pages: dict[str, str | bytes] = {
        HOME_URI: home(idx, report),
        CATEGORIES_URI: categories_index(idx, tree),
        CATALOGUE_URI: catalogue(idx),
        CHECK_URI: check_report(idx, report),
        search.SEARCH_URI: search.page(),
    }
    sources: dict[str, Entry] = {}
    meta: dict[str, dict[str, str]] = {}
    for entry in idx.entries:
        if staging is None:
            pages[doc_uri(entry)] = document_page(idx, entry)
        sources[source_uri(entry)] = entry
        meta[doc_uri(entry)] = _search_meta(entry)
    for found in idx.comparisons.values():
        pages[uri_of(found)] = crosswalk_page(idx, found)
    for major in sorted(tree):
        pages.update(_category_pages(idx, major, tree[major]))
    # A large collection's navigation names categories only: every page carries its navigation, so
    # listing every document there makes each page grow with the collection (quadratic bytes).
    large = len(idx.entries) > NAV_LIMIT
    specials = [e for e in idx.entries if isinstance(e.document, SpecialCompetency)]
    if specials and large:
        pages[SPECIALS_URI] = specials_page(specials, idx.standing)
    staged = staging.files if staging is not None else {}
    return SitePages(pages, _navigation(idx, tree, specials, large), sources, meta, staged)


def _category_pages(idx: Index, major: str, middles: Middles) -> dict[str, str]:
    """A 大类's page, or for a large one a page of its 中类 and a page per 中类."""
    n_major = len({e.ref for occs in middles.values() for es in occs.values() for e in es})
    if n_major > PAGE_LIMIT:
        return split_category(idx, major, middles)
    return {category_uri(major): category_page(idx, major, middles)}


def _navigation(idx: Index, tree: Tree, specials: list[Entry], large: bool) -> Nav:
    """首页, 搜索, the categories (with their occupations and documents unless ``large``), the
    special competencies (their own page when ``large``), 职业资格目录 and 检查报告."""
    cats = idx.reference.categories()
    category_nav: Nav = [CATEGORIES_URI]
    for major in sorted(tree):
        occupations: Nav = [category_uri(major)]
        if not large:
            occupations += _occupation_nav(idx, major, tree[major])
        category_nav.append({md_nav(major_title(major, cats.get(major, major))): occupations})
    nav: Nav = [{"首页": HOME_URI}, {"搜索": search.SEARCH_URI}, {"职业分类": category_nav}]
    if specials and large:
        nav.append({"专项职业能力": SPECIALS_URI})
    elif specials:
        nav.append({"专项职业能力": [{md_nav(e.document.title): doc_uri(e)} for e in specials]})
    return [*nav, {"职业资格目录": CATALOGUE_URI}, {"检查报告": CHECK_URI}]


def _occupation_nav(idx: Index, major: str, middles: Middles) -> Nav:
    """Each occupation of the 大类 with its levelled documents' editions."""
    out: Nav = []
    for middle in sorted(middles):
        for code, entries in sorted(middles[middle].items()):
            documents = [
                {md_nav(e.document.titled(EditionForm.BARE)): doc_uri(e)}
                for e in entries
                if levelled(e.document) is not None
            ]
            # the 新旧版本对照表 of the occupation's documents, after their editions (each once)
            tables = {
                uri_of(found): found
                for document_id in sorted({e.document.id for e in entries})
                for found in idx.comparisons_of(document_id)
            }
            documents += [{md_nav(f"{c.title} {label_of(c)}"): uri} for uri, c in tables.items()]
            if documents:
                out.append({md_nav(occupation_name(idx, major, code, entries)): documents})
    return out


def _search_meta(entry: Entry) -> dict[str, str]:
    """What a search result shows: the title with its edition, the kind and the levels."""
    doc = entry.document
    body = levelled(doc)
    meta = {"title": doc.titled(EditionForm.YEAR), "类型": KIND_NAMES[doc.KIND], "发布单位": doc.issuer_label}
    if body is not None and body.levels:
        first, last = ladder.title(body.levels[0]), ladder.title(body.levels[-1])
        meta["等级"] = first if first == last else f"{first}—{last}"
    return meta


def md_nav(title: str) -> str:
    """A navigation title: the theme prints it unescaped (mkdocs' Jinja has no autoescape)."""
    return text(title)
