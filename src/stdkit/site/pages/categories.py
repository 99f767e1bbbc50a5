"""Browsing by the 职业分类大典: the index of 大类, a page per 大类 (a large one split per 中类) and
the list of special competencies a large site's navigation leaves out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from stdkit import editions
from stdkit.collection import Entry, levelled, special
from stdkit.editions import Standing
from stdkit.reference import Occupation
from stdkit.site.html import block, link, text
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import doc_table, html_table, page, section
from stdkit.site.pages.urls import CATEGORIES_URI, SPECIALS_URI, category_uri, middle_uri

#: 大类 display names: the 大典 numbers its eight major groups 第一大类 … 第八大类.
_ORDINALS = "一二三四五六七八九"
OTHER = "other"  # category key of documents whose occupation code the loaded 大典 does not resolve
#: Filters the page's occupation blocks and table rows as one types (assets/filter.js).
FILTER = '<p class="sk-filter"><input type="search" placeholder="筛选：输入职业名称、编码或发布单位" aria-label="筛选"></p>'

#: 中类 code → occupation code → entries (levelled documents and related specials)
Middles = dict[str, dict[str, list[Entry]]]
#: 大类 code → its 中类
Tree = dict[str, Middles]


def major_title(code: str, name: str) -> str:
    if code == OTHER:
        return "未能归入2022年版大典的职业"
    if code.isdigit() and 1 <= int(code) <= len(_ORDINALS):
        return f"第{_ORDINALS[int(code) - 1]}大类 {name}"
    return name


def by_major(idx: Index) -> Tree:
    """大类 code → 中类 code → occupation code → entries (levelled documents and related specials)."""
    tree: Tree = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for entry in idx.entries:
        occ = idx.occupation_of[entry.ref]
        if occ is not None:
            tree[occ.major][occ.middle][occ.code].append(entry)
            continue
        body = levelled(entry.document)
        if body is not None and body.occupation is not None:  # a code the 大典 does not know: still browsable
            tree[OTHER][OTHER][body.occupation.code].append(entry)
            continue
        sc = special(entry.document)
        # a special competency under its related occupations; a rule across occupations under each it lists
        # (one for every occupation, `occupations: any`, is in the listings only)
        codes = sc.related_occupations if sc else body.occupation_codes() if body else []
        for code in codes:
            related = idx.reference.occupation(code)
            if related is not None:
                tree[related.major][related.middle][related.code].append(entry)
    return tree


def categories_index(idx: Index, tree: Tree) -> str:
    uri = CATEGORIES_URI
    cats = idx.reference.categories()
    rows = []
    for code, name in cats.items():
        if "-" in code:
            continue
        middles = tree.get(code, {})
        n_occ = sum(len(occs) for occs in middles.values())
        n_doc = len({e.ref for occs in middles.values() for es in occs.values() for e in es})
        label = (
            link(uri, category_uri(code), major_title(code, name)) if n_doc else text(major_title(code, name))
        )
        rows.append([label, str(n_occ), str(n_doc)])
    if OTHER in tree:
        occs = tree[OTHER][OTHER]
        n_doc = len({e.ref for es in occs.values() for e in es})
        rows.append([link(uri, category_uri(OTHER), major_title(OTHER, "")), str(len(occs)), str(n_doc)])
    return page(
        "按职业分类浏览",
        block(
            "<p>依据《中华人民共和国职业分类大典（2022年版）》的大类、中类组织。</p>",
            html_table(["大类", "职业数", "文件数"], rows),
        ),
    )


def _occupation(idx: Index, major: str, code: str, entries: Sequence[Entry]) -> tuple[Occupation | None, str]:
    """The 大典 occupation of ``code`` (none under :data:`OTHER`) and the name to show for it."""
    occ = idx.reference.occupation(code) if major != OTHER else None
    return occ, occ.name if occ else _named(entries, code)


def occupation_name(idx: Index, major: str, code: str, entries: Sequence[Entry]) -> str:
    return _occupation(idx, major, code, entries)[1]


def _named(entries: Sequence[Entry], code: str) -> str:
    """The occupation name the documents give (for codes the reference data does not know)."""
    for entry in entries:
        body = levelled(entry.document)
        if body is not None and body.occupation is not None:
            return body.occupation.name
    return code


def _occupation_heading(idx: Index, major: str, code: str, entries: Sequence[Entry]) -> str:
    """The occupation's name, code and flags (数字职业, 绿色职业)."""
    occ, name = _occupation(idx, major, code, entries)
    flags = ""
    if occ is not None and occ.digital:
        flags += '<span class="sk-flag">数字职业</span>'
    if occ is not None and occ.green:
        flags += '<span class="sk-flag sk-flag--green">绿色职业</span>'
    return f'<h3 class="sk-occ">{text(name)} <code>{text(code)}</code>{flags}</h3>'


def _newest_first(entries: Sequence[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.document.id, editions.order_key(e)), reverse=True)


def _middle_title(idx: Index, middle: str) -> str:
    return (
        "职业编码未在大典中找到"
        if middle == OTHER
        else f"{middle} {idx.reference.categories().get(middle, '')}".strip()
    )


def split_category(idx: Index, major: str, middles: Middles) -> dict[str, str]:
    """A large 大类 as a page of its 中类 plus one page per 中类 (a page stays a few screens long)."""
    uri = category_uri(major)
    cats = idx.reference.categories()
    rows = []
    pages = {}
    for middle in sorted(middles):
        occs = middles[middle]
        n_doc = len({e.ref for es in occs.values() for e in es})
        rows.append(
            [link(uri, middle_uri(major, middle), _middle_title(idx, middle)), str(len(occs)), str(n_doc)]
        )
        pages[middle_uri(major, middle)] = page(
            f"{major_title(major, cats.get(major, major))} · {_middle_title(idx, middle)}",
            block(FILTER, f"<p>{link(middle_uri(major, middle), uri, '← 返回大类')}</p>"),
            *_occupation_blocks(idx, major, occs, middle_uri(major, middle)),
        )
    pages[uri] = page(
        major_title(major, cats.get(major, major)),
        block(FILTER, html_table(["中类", "职业数", "文件数"], rows, "sk-filterable")),
    )
    return pages


def _occupation_blocks(idx: Index, major: str, occs: dict[str, list[Entry]], uri: str) -> list[str]:
    """One filterable block per occupation: its name, code and flags, then its documents."""
    return [
        block(
            '<div class="sk-occ-block">',
            _occupation_heading(idx, major, code, occs[code]),
            doc_table(_newest_first(occs[code]), uri, idx.standing),
            "</div>",
        )
        for code in sorted(occs)
    ]


def category_page(idx: Index, major: str, middles: Middles) -> str:
    uri = category_uri(major)
    cats = idx.reference.categories()
    out = [page(major_title(major, cats.get(major, major)))]
    for middle in sorted(middles):
        parts = []
        for code, entries in sorted(middles[middle].items()):
            parts.append(_occupation_heading(idx, major, code, entries))
            parts.append(doc_table(_newest_first(entries), uri, idx.standing))
        out.append(section(_middle_title(idx, middle), *parts))
    return "".join(out)


def specials_page(specials: Sequence[Entry], standing: Mapping[str, Standing]) -> str:
    """Every special competency in one filterable table (the navigation of a large site omits them)."""
    return page("专项职业能力", block(FILTER, doc_table(specials, SPECIALS_URI, standing)))
