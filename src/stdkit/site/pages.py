"""The site's pages as Markdown strings, computed from a checked collection.

This module knows nothing of mkdocs: :func:`render` takes a :class:`~stdkit.run.report.Report`
and returns every page (path → Markdown) and the navigation as plain lists and dicts, so
another static-site engine (zensical) only needs new glue. Page bodies are raw HTML blocks
built with :mod:`stdkit.site.html`; every author string is escaped there. Nothing here
reads or writes files.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from stdkit import blueprint, editions, ladder
from stdkit.collection import Entry, levelled, special
from stdkit.diagnostics import Severity
from stdkit.ladder import Level
from stdkit.model import Document, EvaluationSpec, OccupationalStandard, SpecialCompetency
from stdkit.model.blueprint import UNIT_LEVEL, Exam, SkillModule
from stdkit.model.common import (
    KIND_NAMES,
    METHOD_NAMES,
    SECTION_NAMES,
    SECTION_TITLES,
    STATUS_NAMES,
    Header,
    Kind,
    Line,
    Method,
    Status,
    per_level,
)
from stdkit.model.evaluation import (
    ANY_PRIOR,
    CANDIDATE_NAMES,
    ISSUER_TYPE_NAMES,
    ROUTE_NAMES,
    TIER_NAMES,
    CompetitionRoute,
    DirectRoute,
    GradingRoute,
    RouteKind,
)
from stdkit.model.standard import Composite, Eligibility, LevelledBody, PassMarks, WorkFunction, pass_mark_of
from stdkit.reference import Occupation, Qualification, ReferenceData
from stdkit.run.report import Report
from stdkit.site import chart, search
from stdkit.site.html import attr, block, href, link, md_text, text

#: 大类 display names: the 大典 numbers its eight major groups 第一大类 … 第八大类.
_ORDINALS = "一二三四五六七八九"
UNCLASSIFIED = "未归类"
OTHER = "other"  # category key of documents whose occupation code the loaded 大典 does not resolve
TALENT_NAMES = {"technical": "技术技能型", "knowledge": "知识技能型", "composite": "复合技能型"}
IMPORTANCE_NAMES = {"X": "核心要素", "Y": "一般要素", "Z": "辅助要素"}
RELATION_NAMES = {
    "licence-required": "从业仍须取得该准入类资格",
    "evaluation-basis": "本文件是该水平评价类资格的评价依据",
}

#: Up to this many documents, the navigation lists every document; above it, categories only.
NAV_LIMIT = 200
SPECIALS_URI = "specials.md"
#: A 大类 with more documents than this gets one page per 中类 (第六大类 was 76,848 px tall at 1,000).
PAGE_LIMIT = 150
#: Filters the page's occupation blocks and table rows as one types (assets/filter.js).
FILTER = '<p class="sk-filter"><input type="search" placeholder="筛选：输入职业名称、编码或发布单位" aria-label="筛选"></p>'

Nav = list[Any]  # mkdocs-shaped: [{"title": "page.md"} | {"title": [...]} | "page.md", ...]


@dataclasses.dataclass(frozen=True)
class SitePages:
    """What the site consists of: Markdown (or raw bytes) per path, and the navigation."""

    pages: dict[str, str | bytes]
    nav: Nav
    terms: tuple[str, ...] = ()  # occupation names, for the search segmenter's dictionary
    sources: dict[str, Entry] = dataclasses.field(default_factory=dict)  # uri → the document published there
    #: page uri → what a search result shows beside the title (document pages only)
    search_meta: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)


def doc_uri(entry: Entry) -> str:
    return f"standards/{entry.document.id}/{entry.document.edition}.md"


def source_uri(entry: Entry) -> str:
    return f"sources/{entry.document.id}/{entry.document.edition}.yaml"


def blueprint_uri(entry: Entry, level: str, suffix: str) -> str:
    return f"{blueprint.ROOT}/{blueprint.url(entry, level, suffix)}"


def category_uri(major: str) -> str:
    return f"categories/{major}/index.md"  # index.md: the section page of its nav entry


def major_title(code: str, name: str) -> str:
    if code == OTHER:
        return "未能归入2022年版大典的职业"
    if code.isdigit() and 1 <= int(code) <= len(_ORDINALS):
        return f"第{_ORDINALS[int(code) - 1]}大类 {name}"
    return name


# --------------------------------------------------------------------------------------------- index


@dataclasses.dataclass(frozen=True)
class _Index:
    """The collection arranged for pages: documents by occupation and category, editions, links."""

    entries: tuple[Entry, ...]
    reference: ReferenceData
    occupation_of: dict[str, Occupation | None]  # ref → 2022 occupation
    superseded_by: dict[str, list[Entry]]  # ref → entries that supersede it
    include_drafts: bool
    #: id → its editions in the collection; a page looks up its own, never the whole list (10,000 pages)
    by_id: dict[str, tuple[Entry, ...]] = dataclasses.field(default_factory=dict)
    #: spec path → its coverage, as the check computed it for the whole collection (never again per page)
    coverage: dict[str, Any] = dataclasses.field(default_factory=dict)

    def editions_of(self, ref: str) -> tuple[Entry, ...]:
        """The collection's editions of the document ``ref`` names (``id`` or ``id@edition``)."""
        return self.by_id.get(ref.partition("@")[0], ())

    def occupation_codes(self, entry: Entry) -> list[str]:
        doc = entry.document
        body = levelled(doc)
        if body is not None:
            return [body.occupation.code]
        sc = special(doc)
        return list(sc.related_occupations) if sc is not None else []


def _place(entry: Entry, reference: ReferenceData) -> Occupation | None:
    body = levelled(entry.document)
    if body is None:
        return None
    resolution = reference.resolve(body.occupation.code, body.occupation.name)
    return resolution.occupation or reference.occupation(body.occupation.code)


def _index(report: Report, include_drafts: bool) -> _Index:
    from stdkit.checks import coverage

    collection = report.collection
    entries = tuple(sorted(collection.entries, key=lambda e: (e.document.id, e.document.edition)))
    reference = collection.reference
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.document.id].append(entry)
    return _Index(
        entries,
        reference,
        {entry.ref: _place(entry, reference) for entry in entries},
        editions.successors(entries),
        include_drafts,
        {key: tuple(found) for key, found in by_id.items()},
        {found.spec.path: found for found in coverage.analyse(collection)},
    )


# --------------------------------------------------------------------------------------------- pieces


def _line(line: Line, number: str) -> str:
    badge = ""
    if line.importance.value != "X":
        name = IMPORTANCE_NAMES[line.importance.value]
        badge = f' <span class="sk-imp sk-imp--{line.importance.value}" title="{name}">{line.importance.value}</span>'
    return f'<li><span class="sk-num">{number}</span> {text(line.text)}{badge}</li>'


def _lines(lines: Sequence[Line], prefix: str) -> str:
    items = "".join(_line(line, f"{prefix}.{n}" if prefix else str(n)) for n, line in enumerate(lines, 1))
    return f'<ul class="sk-lines">{items}</ul>'


def _plain_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{text(item)}</li>" for item in items) + "</ul>"


def _dl(rows: Iterable[tuple[str, str]], cls: str = "") -> str:
    """A definition list of (label, already-escaped HTML) rows; empty values are left out."""
    body = "".join(f"<dt>{text(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    extra = f" {cls}" if cls else ""
    return f'<dl class="sk-facts{extra}">{body}</dl>' if body else ""


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table of already-escaped cells."""
    thead = "".join(f"<th>{text(h)}</th>" for h in head)
    tbody = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    extra = f" {cls}" if cls else ""
    return f'<div class="sk-table-wrap"><table class="sk-table{extra}"><thead><tr>{thead}</tr></thead><tbody>{tbody}</tbody></table></div>'


def _status(status: Status) -> str:
    return f'<span class="sk-status sk-status--{status.value}">{STATUS_NAMES[status]}</span>'


def _kind(kind: Kind) -> str:
    return f'<span class="sk-kind">{KIND_NAMES[kind]}</span>'


def _level_name(doc: LevelledBody, level: Level) -> str:
    own = doc.level_names.get(level) if isinstance(doc, EvaluationSpec) else None
    name = ladder.title(level)
    return f"{name}（{own}）" if own and own != name else name


def _doc_table(idx: _Index, entries: Iterable[Entry], from_uri: str) -> str:
    rows = []
    for entry in entries:
        doc = entry.document
        body = levelled(doc)
        levels = "、".join(ladder.title(level) for level in body.levels) if body else "—"
        rows.append(
            [
                link(from_uri, doc_uri(entry), doc.title),
                text(doc.edition),
                _kind(doc.KIND),
                _status(doc.status),
                text(doc.issuer),
                text(levels),
            ]
        )
    return _table(["名称", "版本", "类型", "状态", "发布单位", "等级"], rows)


def _page(title: str, *blocks: str, hide: Sequence[str] = ()) -> str:
    """A page's front matter and heading. The front-matter title is what the theme prints in
    ``<title>`` unescaped; JSON is valid YAML and keeps any character literal."""
    meta = [f"title: {json.dumps(text(title), ensure_ascii=False)}"]
    if hide:
        meta.append("hide: [" + ", ".join(hide) + "]")
    return "---\n" + "\n".join(meta) + f"\n---\n\n# {md_text(title)}\n" + "".join(blocks)


def _section(title: str, *html_parts: str, level: int = 2) -> str:
    """A Markdown heading (fixed text, in the table of contents) followed by a raw HTML block."""
    return f"\n{'#' * level} {md_text(title)}\n" + block(*html_parts)


def _unfinished_banner(doc: Header) -> str:
    """A draft's sections that are left out or provisional (暂定), named so no reader takes them as final."""
    unfinished = doc.unfinished()
    if not unfinished:
        return ""
    names = "、".join(SECTION_NAMES.get(name, name) for name in unfinished)
    return (
        f'<p class="sk-banner sk-banner--provisional">暂定或尚未给出：{text(names)}。'
        "这些内容定稿前，本文件的考试蓝图不予发布。</p>"
    )


def _provisional_mark(doc: Header, section: str) -> str:
    """「暂定」 above a section the draft marks provisional (a section left out says so in its place)."""
    if section not in {str(marked) for marked in doc.provisional}:
        return ""
    return '<p class="sk-provisional"><span class="sk-tag">暂定</span> 以下内容尚未定稿。</p>'


def _not_yet_written() -> str:
    return '<p class="sk-provisional"><span class="sk-tag">暂定</span> 草案尚未给出本部分。</p>'


# --------------------------------------------------------------------------------------------- home


def _home(idx: _Index, report: Report) -> str:
    uri = "index.md"
    kinds = Counter(entry.document.KIND for entry in idx.entries)
    statuses = Counter(entry.document.status for entry in idx.entries)
    majors: Counter[str] = Counter()
    for entry in idx.entries:
        occ = idx.occupation_of[entry.ref]
        majors[occ.major if occ else (OTHER if levelled(entry.document) else "")] += 1
    cats = idx.reference.categories()
    stat = (
        '<div class="sk-stats">'
        + "".join(
            f'<div class="sk-stat"><span class="sk-stat__n">{n}</span><span class="sk-stat__l">{text(label)}</span></div>'
            for label, n in [
                ("份文件", len(idx.entries)),
                *((KIND_NAMES[k], kinds[k]) for k in Kind if kinds[k]),
                ("个职业", len({o.code for o in idx.occupation_of.values() if o})),
            ]
        )
        + "</div>"
    )
    status_rows = [[_status(s), str(statuses[s])] for s in Status if statuses[s]]
    major_rows = []
    for code, n in sorted(majors.items()):
        if code:
            major_rows.append(
                [link(uri, category_uri(code), major_title(code, cats.get(code, code))), str(n)]
            )
        else:
            major_rows.append([text("专项职业能力"), str(n)])
    counts = report.counts()
    check_line = (
        f"{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 条提示"
    )
    latest = sorted(idx.entries, key=lambda e: (str(e.document.issued or ""), e.ref), reverse=True)[:8]
    intro = (
        '<p class="sk-lead">本站汇集职业技能标准、评价规范和专项职业能力考核规范，按职业分类大典（2022年版）组织，'
        "列出每个等级的工作要求、权重表、申报条件和考核方式，并提供机器可读的考试蓝图（JSON）和鉴定要素细目表（Excel）。</p>"
    )
    return (
        _page("职业技能标准库", hide=("navigation", "toc"))
        + block(intro, search.form(href(uri, search.SEARCH_URI)), stat)
        + _section(
            "按职业分类",
            _table(["大类", "文件数"], major_rows),
            f"<p>{link(uri, 'categories/index.md', '浏览全部职业分类 →')}</p>",
        )
        + _section("按状态", _table(["状态", "文件数"], status_rows))
        + _section("最近发布", _doc_table(idx, latest, uri))
        + _section(
            "检查结果",
            f"<p>最近一次检查：{text(check_line)}。{link(uri, 'check.md', '查看检查报告 →')}</p>",
            f"<p>{link(uri, 'catalogue.md', '国家职业资格目录衔接情况 →')}</p>",
        )
    )


# --------------------------------------------------------------------------------------------- categories


def _by_major(idx: _Index) -> dict[str, dict[str, dict[str, list[Entry]]]]:
    """大类 code → 中类 code → occupation code → entries (levelled documents and related specials)."""
    tree: dict[str, dict[str, dict[str, list[Entry]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for entry in idx.entries:
        occ = idx.occupation_of[entry.ref]
        if occ is not None:
            tree[occ.major][occ.middle][occ.code].append(entry)
            continue
        body = levelled(entry.document)
        if body is not None:  # a code the loaded 大典 does not know: still browsable
            tree[OTHER][OTHER][body.occupation.code].append(entry)
            continue
        sc = special(entry.document)
        for code in sc.related_occupations if sc else []:
            related = idx.reference.occupation(code)
            if related is not None:
                tree[related.major][related.middle][related.code].append(entry)
    return tree


def _categories_index(idx: _Index, tree: dict[str, dict[str, dict[str, list[Entry]]]]) -> str:
    uri = "categories/index.md"
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
    return _page(
        "按职业分类浏览",
        block(
            "<p>依据《中华人民共和国职业分类大典（2022年版）》的大类、中类组织。</p>",
            _table(["大类", "职业数", "文件数"], rows),
        ),
    )


def _named(entries: Sequence[Entry], code: str) -> str:
    """The occupation name the documents give (for codes the reference data does not know)."""
    for entry in entries:
        body = levelled(entry.document)
        if body is not None:
            return body.occupation.name
    return code


def middle_uri(major: str, middle: str) -> str:
    return f"categories/{major}/{middle}.md"


def _middle_title(idx: _Index, middle: str) -> str:
    return (
        "职业编码未在大典中找到"
        if middle == OTHER
        else f"{middle} {idx.reference.categories().get(middle, '')}".strip()
    )


def _split_category(idx: _Index, major: str, middles: dict[str, dict[str, list[Entry]]]) -> dict[str, str]:
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
        pages[middle_uri(major, middle)] = _page(
            f"{major_title(major, cats.get(major, major))} · {_middle_title(idx, middle)}",
            block(FILTER, f"<p>{link(middle_uri(major, middle), uri, '← 返回大类')}</p>"),
            *_occupation_blocks(idx, major, occs, middle_uri(major, middle)),
        )
    pages[uri] = _page(
        major_title(major, cats.get(major, major)),
        block(FILTER, _table(["中类", "职业数", "文件数"], rows, "sk-filterable")),
    )
    return pages


def _occupation_blocks(idx: _Index, major: str, occs: dict[str, list[Entry]], uri: str) -> list[str]:
    """One filterable block per occupation: its name, code and flags, then its documents."""
    out = []
    for code in sorted(occs):
        occ = idx.reference.occupation(code) if major != OTHER else None
        name = occ.name if occ else _named(occs[code], code)
        flags = ""
        if occ is not None and occ.digital:
            flags += '<span class="sk-flag">数字职业</span>'
        if occ is not None and occ.green:
            flags += '<span class="sk-flag sk-flag--green">绿色职业</span>'
        newest_first = sorted(occs[code], key=lambda e: (e.document.id, editions.order_key(e)), reverse=True)
        out.append(
            block(
                '<div class="sk-occ-block">',
                f'<h3 class="sk-occ">{text(name)} <code>{text(code)}</code>{flags}</h3>',
                _doc_table(idx, newest_first, uri),
                "</div>",
            )
        )
    return out


def _category(idx: _Index, major: str, middles: dict[str, dict[str, list[Entry]]]) -> str:
    uri = category_uri(major)
    cats = idx.reference.categories()
    out = [_page(major_title(major, cats.get(major, major)))]
    for middle in sorted(middles):
        parts = []
        for code in sorted(middles[middle]):
            occ = idx.reference.occupation(code) if major != OTHER else None
            name = occ.name if occ else _named(middles[middle][code], code)
            flags = ""
            if occ is not None and occ.digital:
                flags += '<span class="sk-flag">数字职业</span>'
            if occ is not None and occ.green:
                flags += '<span class="sk-flag sk-flag--green">绿色职业</span>'
            parts.append(f'<h3 class="sk-occ">{text(name)} <code>{text(code)}</code>{flags}</h3>')
            newest_first = sorted(
                middles[middle][code], key=lambda e: (e.document.id, editions.order_key(e)), reverse=True
            )
            parts.append(_doc_table(idx, newest_first, uri))
        heading = "职业编码未在大典中找到" if middle == OTHER else f"{middle} {cats.get(middle, '')}".strip()
        out.append(_section(heading, *parts))
    return "".join(out)


def _specials(idx: _Index, specials: Sequence[Entry]) -> str:
    """Every special competency in one filterable table (the navigation of a large site omits them)."""
    return _page("专项职业能力", block(FILTER, _doc_table(idx, specials, SPECIALS_URI)))


# --------------------------------------------------------------------------------------------- documents


def _header_facts(idx: _Index, entry: Entry, uri: str) -> str:
    doc = entry.document
    rows: list[tuple[str, str]] = [
        ("类型", _kind(doc.KIND)),
        ("标识", f"<code>{text(doc.ref)}</code>"),
        ("状态", _status(doc.status)),
        ("发布单位", text(doc.issuer)),
        ("发布日期", text(doc.issued) if doc.issued else ""),
    ]
    body = levelled(doc)
    if body is not None:
        occ = body.occupation
        placed = idx.occupation_of[entry.ref]
        where = f"{text(occ.name)} <code>{text(occ.code)}</code>"
        if placed is not None and placed.code != occ.code:
            where += f"（2022年版大典：{text(placed.name)} <code>{text(placed.code)}</code>）"
        rows.append(("职业", where))
        if occ.isco:
            rows.append(("ISCO-08", text(occ.isco)))
        if body.talent_type:
            rows.append(("人才类型", text(TALENT_NAMES.get(body.talent_type.value, body.talent_type.value))))
        rows.append(("职业等级", text("、".join(_level_name(body, level) for level in body.levels))))
    if isinstance(doc, EvaluationSpec):
        rows.append(("发布主体类型", text(ISSUER_TYPE_NAMES[doc.issuer_type])))
        if doc.scope:
            rows.append(("适用范围", text(doc.scope)))
        if doc.basis:
            target = idx_ref(idx, doc.basis)
            rows.append(
                (
                    "依据",
                    link(uri, doc_uri(target), f"{target.document.title}（{target.document.edition}年版）")
                    if target
                    else text(doc.basis),
                )
            )
    if isinstance(doc, SpecialCompetency):
        if doc.region:
            rows.append(("适用地区", text(doc.region)))
        related = []
        for code in doc.related_occupations:
            occ2 = idx.reference.occupation(code)
            related.append(
                f"{text(occ2.name)} <code>{text(code)}</code>" if occ2 else f"<code>{text(code)}</code>"
            )
        rows.append(("相关职业", "、".join(related)))
    if doc.qualification:
        q = doc.qualification
        found = idx.reference.qualification(q.item)
        label = text(q.item) + (f"（{text(found.category)}）" if found else "")
        rel = text(RELATION_NAMES.get(q.relation.value, q.relation.value))
        note = f"<br>{text(q.note)}" if q.note else ""
        anchor = f'<a href="{attr(href(uri, "catalogue.md"))}">{label}</a>'
        rows.append(("职业资格衔接", f"{anchor}：{rel}{note}"))
    rows.append(("源文件", link(uri, source_uri(entry), f"{entry.path}（YAML）")))
    # search leaves these out (label and value would run together in a snippet); the result shows
    # the kind, issuer and levels as metadata instead
    return _dl(rows, search.HEADER_CLASS)


def idx_ref(idx: _Index, ref: str) -> Entry | None:
    """The entry for ``id@edition`` (or the newest edition of ``id``)."""
    return editions.find(idx.editions_of(ref), ref)


def _profile(doc: LevelledBody) -> str:
    rows: list[tuple[str, str]] = [("职业定义", text(doc.occupation.definition or ""))]
    profile = getattr(doc, "profile", None)  # optional on an evaluation spec
    if profile is not None:
        rows += [
            ("职业环境条件", text(profile.environment or "")),
            ("职业能力特征", text(profile.abilities or "")),
            ("普通受教育程度", text(profile.education or "")),
        ]
    levels = "、".join(_level_name(doc, level) for level in doc.levels)
    rows.insert(1, ("职业技能等级", text(f"本职业共设{len(doc.levels)}个等级：{levels}。")))
    return _dl(rows)


def _ladder_table(doc: LevelledBody) -> str:
    training = doc.training
    durations = doc.assessment.durations
    rows = []
    for level in doc.levels:
        step = ladder.step(level)
        own = doc.level_names.get(level, "") if isinstance(doc, EvaluationSpec) else ""
        methods = "、".join(METHOD_NAMES[m] for m in doc.assessment.methods.get(level, []))
        if level in ladder.APPOINTED_LEVELS:
            methods = methods or "评聘"
        minutes = []
        for method, value in (
            (Method.THEORY, durations.theory),
            (Method.SKILL, durations.skill),
            (Method.REVIEW, durations.review),
            (Method.PERFORMANCE, durations.performance),
        ):
            got = per_level(value, level)
            if got and method in doc.assessment.methods.get(level, []):
                minutes.append(f"{METHOD_NAMES[method]} {got} 分钟")
        hours = training.hours.get(level) if training else None
        rows.append(
            [
                f"<code>{level.value}</code>",
                text(step.grade or "—"),
                text(step.name),
                text(own or "—"),
                text(methods or "—"),
                text("；".join(minutes) or "—"),
                text(hours or "—"),
            ]
        )
    return _table(["等级", "国家等级", "名称", "本文件名称", "鉴定方式", "鉴定时间", "培训学时"], rows)


def _assessment(doc: LevelledBody) -> str:
    """The 鉴定要求 exactly as the fields give them: no sentence, qualifier or default the document
    does not state (a pass mark of 70 is printed as 70, a panel of 5 as 5, not 不少于 5; 不少于 and
    （含）以上 appear only where `durations.at_least` or `ratios.review_at_least` say so)."""
    a = doc.assessment
    given = a.model_fields_set
    ratio = a.ratios
    ratios = []
    if ratio.theory:
        ratios.append(f"理论知识考试 {_per_level_ratio(doc, ratio.theory)}")
    if ratio.invigilators_at_least:
        ratios.append(f"每个考场不少于 {ratio.invigilators_at_least} 名监考人员")
    if ratio.skill:
        ratios.append(f"技能考核 {_per_level_ratio(doc, ratio.skill)}")
    if ratio.examiners_at_least:
        odd = "单数" if ratio.odd else ""
        ratios.append(f"技能考核考评人员 {ratio.examiners_at_least} 人（含）以上{odd}")
    for method in (Method.REVIEW, Method.PERFORMANCE):
        panel = getattr(ratio, method.value)
        if panel:
            qualifier = ("（含）以上" if ratio.review_at_least else "") + ("单数" if ratio.odd else "")
            ratios.append(f"{METHOD_NAMES[method]}委员 {_per_level_count(doc, panel, '人')}{qualifier}")
    durations = [
        f"{METHOD_NAMES[method]}{'不少于' if method in a.durations.at_least else ''} "
        f"{_per_level_minutes(doc, value)}"
        for method, value in (
            (Method.THEORY, a.durations.theory),
            (Method.SKILL, a.durations.skill),
            (Method.REVIEW, a.durations.review),
            (Method.PERFORMANCE, a.durations.performance),
        )
        if value is not None
    ]
    venues = [
        (METHOD_NAMES[m], v)
        for m, v in (
            (Method.THEORY, a.venue.theory),
            (Method.SKILL, a.venue.skill),
            (Method.REVIEW, a.venue.review),
            (Method.PERFORMANCE, a.venue.performance),
        )
        if v
    ]
    return _dl(
        [
            ("合格分数线", text(_pass_marks(a.pass_mark)) if "pass_mark" in given else ""),
            ("综合成绩", text(_composite(a.composite)) if a.composite else ""),
            ("理论试卷题量", text(f"{a.theory_items} 题") if "theory_items" in given else ""),
            ("考评人员与考生配比", _plain_list(ratios) if ratios else ""),
            ("鉴定时间", _plain_list(durations) if durations else ""),
            ("鉴定场所设备", _dl(venues_rows) if (venues_rows := [(k, text(v)) for k, v in venues]) else ""),
        ]
    )


def _pass_marks(value: int | PassMarks) -> str:
    if isinstance(value, int):
        return f"{value} 分"
    return "；".join(
        f"{METHOD_NAMES[method]} {mark} 分"
        for method in Method
        if (mark := pass_mark_of(value, method)) is not None
    )


def _composite(composite: Composite) -> str:
    parts = "，".join(f"{METHOD_NAMES[m]}占 {w}%" for m, w in composite.weights.items())
    if composite.pass_mark is not None:
        parts += f"；综合成绩合格分数线 {composite.pass_mark} 分"
    return parts


def _per_level_ratio(doc: LevelledBody, value: int | dict[Level, int]) -> str:
    if isinstance(value, int):
        return f"1:{value}"
    return "，".join(f"{_level_name(doc, level)} 1:{n}" for level, n in value.items())


def _per_level_count(doc: LevelledBody, value: int | dict[Level, int], unit: str) -> str:
    if isinstance(value, int):
        return f"{value} {unit}"
    return "，".join(f"{_level_name(doc, level)} {n} {unit}" for level, n in value.items())


def _per_level_minutes(doc: LevelledBody, value: int | dict[Level, int]) -> str:
    if isinstance(value, int):
        return f"{value} 分钟"
    return "，".join(f"{_level_name(doc, level)} {minutes} 分钟" for level, minutes in value.items())


def _eligibility(doc: LevelledBody) -> str:
    parts = []
    for level in doc.levels:
        items = doc.assessment.eligibility.get(level)
        if not items:
            continue
        lis = "".join(f"<li>{text(item.text)}{_eligibility_marks(item)}</li>" for item in items)
        parts.append(
            f"<h4>{text(_level_name(doc, level))}</h4><p>具备以下条件之一者，可申报本等级：</p><ol>{lis}</ol>"
        )
    notes = doc.assessment.eligibility_notes
    if notes is not None:
        rows = [
            (title, text("、".join(names)))
            for title, names in (
                ("相关职业", notes.related_occupations),
                ("本专业", notes.majors),
                ("相关专业", notes.related_majors),
            )
            if names
        ]
        if rows:
            parts.append("<h4>注</h4>" + _dl(rows))
    return "".join(parts)


def _eligibility_marks(item: Eligibility) -> str:
    """Badges for what the condition's fields mark (破格, an age) — the sentence itself says the rest."""
    marks = []
    if item.exceptional:
        marks.append("破格")
    if item.min_age is not None:
        marks.append(f"年满 {item.min_age} 周岁")
    if item.max_age is not None:
        marks.append(f"不超过 {item.max_age} 周岁")
    return "".join(f' <span class="sk-tag">{text(m)}</span>' for m in marks)


def _basics(doc: LevelledBody) -> str:
    if doc.basics is None:  # a draft that has not written its 基本要求 yet (DRF701)
        return _not_yet_written()
    ethics = doc.basics.ethics
    parts = [
        "<h3>职业道德</h3><h4>职业道德基本知识</h4>",
        _lines(ethics.knowledge, "2.1.1"),
        "<h4>职业守则</h4>",
        _lines(ethics.code_of_conduct, "2.1.2"),
        "<h3>基础知识</h3>",
    ]
    for n, area in enumerate(doc.basics.knowledge, 1):
        parts.append(f"<h4>2.2.{n} {text(area.area)}</h4>")
        parts.append(_lines(area.items, f"2.2.{n}"))
    return "".join(parts)


def _work_table(functions: Sequence[WorkFunction]) -> str:
    rows = []
    for i, function in enumerate(functions, 1):
        for j, content in enumerate(function.contents, 1):
            first = ""
            if j == 1:
                first = f'<td rowspan="{len(function.contents)}" class="sk-fn"><span class="sk-num">{i}.</span> {text(function.function)}</td>'
            rows.append(
                f'<tr>{first}<td class="sk-wc"><span class="sk-num">{i}.{j}</span> {text(content.name)}</td>'
                f"<td>{_lines(content.skills, f'{i}.{j}')}</td><td>{_lines(content.knowledge, f'{i}.{j}')}</td></tr>"
            )
    head = "".join(f"<th>{h}</th>" for h in ("职业功能", "工作内容", "技能要求", "相关知识要求"))
    return f'<div class="sk-table-wrap"><table class="sk-table sk-work"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _appointment(doc: EvaluationSpec, level: Level) -> str:
    appointment = doc.appointment.for_level(level) if doc.appointment else None
    if appointment is None:
        return ""
    groups = blueprint.appointment_groups(doc.ref, level, appointment.criteria)
    blocks = []
    for group in groups:
        if group.rule == "all":
            rule = "须全部具备" if len(groups) > 1 or group.name else ""
        else:
            rule = f"具备其中 {group.required} 项"
        head = "，".join(x for x in (group.name or "", rule) if x)
        items = "".join(f"<li>{text(c.text)}</li>" for c in group.criteria)
        blocks.append((f"<p><strong>{text(head)}</strong></p>" if head else "") + f"<ol>{items}</ol>")
    facts = [
        ("聘期", text(f"{appointment.term_years} 年") if appointment.term_years else ""),
        ("名额", text(appointment.quota) if appointment.quota else ""),
    ]
    return (
        "<h4>评聘条件</h4>"
        + "".join(blocks)
        + _dl(facts)
        + '<h4>评聘程序</h4><ol class="sk-steps">'
        + "".join(f"<li>{text(step)}</li>" for step in appointment.procedure)
        + "</ol>"
    )


def _work(doc: LevelledBody) -> str:
    out = [
        block(
            '<p class="sk-note">本标准对五级/初级工、四级/中级工、三级/高级工、二级/技师和一级/高级技师的技能要求和相关知识要求依次递进，'
            "高级别涵盖低级别的要求。</p>"
        )
    ]
    for level in doc.levels:
        functions = doc.work.get(level)
        parts = []
        if functions:
            parts.append(_work_table(functions))
        if isinstance(doc, EvaluationSpec):
            parts.append(_appointment(doc, level))
        if not parts:
            continue
        out.append(f"\n### {md_text(_level_name(doc, level))}\n" + block(*parts))
    return "".join(out)


_WEIGHT_LABELS = SECTION_TITLES


def _weight_section(title: str, table: dict[Level, dict[str, int]], order: Sequence[Level]) -> str:
    levels = [level for level in order if level in table]
    if not levels:
        return ""
    labels: list[str] = []
    for level in levels:
        for key in table[level]:
            if key not in labels:
                labels.append(key)
    rows = [
        [text(_WEIGHT_LABELS.get(key, key))] + [text(table[level].get(key, "—")) for level in levels]
        for key in labels
    ]
    rows.append(
        ["<strong>合计</strong>"] + [f"<strong>{sum(table[level].values())}</strong>" for level in levels]
    )
    table_html = _table(["项目"] + [ladder.title(level) + "（%）" for level in levels], rows, "sk-weights")
    charts = "".join(
        '<figure class="sk-figure">'
        + chart.bars(
            f"{title} {ladder.title(level)}", [(_WEIGHT_LABELS.get(k, k), v) for k, v in table[level].items()]
        )
        + f"<figcaption>{text(ladder.title(level))}</figcaption></figure>"
        for level in levels
    )
    return f'<h3>{text(title)}</h3>{table_html}<div class="sk-chart-grid">{charts}</div>'


def _blueprints(idx: _Index, entry: Entry, uri: str) -> str:
    """A row per published blueprint: the same levels and URLs that publishing writes."""
    doc = entry.document
    if doc.status is not Status.PUBLISHED and not idx.include_drafts:
        return "<p>本文件尚未发布，不生成考试蓝图。</p>"
    rows = []
    for level in blueprint.levels_of(entry):
        rows.append(
            [
                text(_blueprint_title(doc, level)),
                f'<a href="{attr(href(uri, blueprint_uri(entry, level, "json")))}">JSON</a>',
                f'<a href="{attr(href(uri, blueprint_uri(entry, level, "xlsx")))}">Excel（鉴定要素细目表）</a>',
            ]
        )
    note = (
        "<p>考试蓝图供考试系统下载，格式见 <code>blueprint.schema.json</code>；"
        f'全部蓝图及其 sha256 列于 <a href="{attr(href(uri, "blueprints/index.json"))}">blueprints/index.json</a>。</p>'
    )
    return note + _table(["等级", "考试蓝图", "细目表"], rows)


def _blueprint_level_title(level: str) -> str:
    return "专项职业能力" if level == UNIT_LEVEL else ladder.title(Level(level))


def _blueprint_title(doc: Document, key: str) -> str:
    """The row title of a blueprint key: its level, and for a 工种's level the 工种's name first."""
    work_type, level = blueprint.split_key(key)
    body = levelled(doc)
    index = blueprint.work_type_of(body, work_type) if body is not None and work_type else None
    if body is None or index is None:
        return _blueprint_level_title(level)
    return f"{body.work_types[index].name} · {ladder.title(Level(level))}"


def _work_types(doc: LevelledBody) -> str:
    """工种: an overview of which levels each 工种 has of its own (side by side), then one section per
    工种 with its work, the eligibility where it differs, and its own weight tables and charts."""
    overview_rows = [
        [text(w.name), text(w.code or "—")]
        + [("本工种" if level in w.levels else "通用") for level in doc.levels]
        for w in doc.work_types
    ]
    overview = _table(["工种", "工种编码"] + [ladder.title(level) for level in doc.levels], overview_rows)
    common = [ladder.title(level) for level in doc.levels if level not in doc.work_type_levels()]
    intro = (
        f"<p>本职业分为 {len(doc.work_types)} 个工种：{text('、'.join(w.name for w in doc.work_types))}。"
        + (f"{text('、'.join(common))}不分工种，其要求见上文“工作要求”。" if common else "")
        + "</p>"
    )
    parts = [block(intro, overview)]
    for w in doc.work_types:
        body = []
        for level in doc.levels:
            if level in w.work:
                body.append(f"<h4>{text(_level_name(doc, level))}</h4>" + _work_table(w.work[level]))
        for level in doc.levels:
            items = w.eligibility.get(level)
            if items:
                lis = "".join(f"<li>{text(item.text)}</li>" for item in items)
                body.append(
                    f"<h4>申报条件 · {text(_level_name(doc, level))}</h4>"
                    f"<p>本工种具备以下条件之一者，可申报本等级：</p><ol>{lis}</ol>"
                )
        if w.training_hours:
            hours = "；".join(f"{ladder.title(k)} {v} 标准学时" for k, v in w.training_hours.items())
            body.append(f"<p>培训学时：{text(hours)}</p>")
        body.append(
            _weight_section(f"理论知识权重表（{w.name}）", w.weights.theory, doc.levels)
            + _weight_section(f"技能要求权重表（{w.name}）", w.weights.skill, doc.levels)
        )
        parts.append(_section(f"{w.name}（{w.code}）" if w.code else w.name, *body, level=3))
    return "".join(parts)


def _history(idx: _Index, entry: Entry, uri: str) -> str:
    of_id = idx.editions_of(entry.document.id)
    rows = []
    for e in reversed(editions.ordered(of_id)):
        label = f"{e.document.edition}年版" if e.document.edition.isdigit() else e.document.edition
        cell = text(label) + "（本页）" if e.ref == entry.ref else link(uri, doc_uri(e), label)
        rel = []
        if e.document.supersedes:
            target = idx_ref(idx, e.document.supersedes)
            rel.append(
                "代替 " + (link(uri, doc_uri(target), target.ref) if target else text(e.document.supersedes))
            )
        for later in idx.superseded_by.get(e.ref, []):
            rel.append("被 " + link(uri, doc_uri(later), later.ref) + " 代替")
        rows.append([cell, _status(e.document.status), text(e.document.issued or "—"), "；".join(rel) or "—"])
    for later in idx.superseded_by.get(entry.ref, []):
        if later.document.id != entry.document.id:
            rows.append(
                [
                    link(uri, doc_uri(later), later.ref),
                    _status(later.document.status),
                    text(later.document.issued or "—"),
                    "代替本文件",
                ]
            )
    return _table(["版本", "状态", "发布日期", "代替关系"], rows)


# --------------------------------------------------------------------------------------------- front matter


def _foreword(doc: Header) -> str:
    """说明 and the publishing notice, printed as the document gives them (stdkit composes none)."""
    parts: list[str] = []
    if doc.foreword:
        paragraphs = [p for p in doc.foreword.splitlines() if p.strip()]
        parts.append("".join(f'<p class="sk-foreword">{text(p)}</p>' for p in paragraphs))
    publication = doc.publication
    drafting = doc.drafting
    rows: list[tuple[str, str]] = [
        ("文号", text(publication.notice) if publication and publication.notice else ""),
        ("发布日期", text(doc.issued) if doc.issued and publication else ""),
        ("施行日期", text(publication.effective) if publication and publication.effective else ""),
        ("职业分类大典版本", text(f"{doc.classification_edition}年版") if doc.classification_edition else ""),
    ]
    if drafting is not None:
        rows += [
            ("组织编制", text(drafting.organiser or "")),
            ("主要起草单位", text("、".join(drafting.units))),
            ("主要起草人", text("、".join(drafting.authors))),
            ("审定单位", text("、".join(drafting.reviewing_units))),
            ("审定人员", text("、".join(drafting.reviewers))),
        ]
    parts.append(_dl(rows))
    return _section("说明", *parts) if any(parts) else ""


def _back_matter(doc: Header) -> str:
    """附录 and 参考文献 (引用文件), verbatim and in printed order."""
    out: list[str] = []
    if doc.appendices:
        out.append(
            _section(
                "附录",
                *(
                    f'<h3 class="sk-appendix">{text(a.title)}</h3><div class="sk-appendix-body"><p>{text(a.body.rstrip())}</p></div>'
                    for a in doc.appendices
                ),
            )
        )
    if doc.references:
        out.append(
            _section(
                "参考文献",
                '<ol class="sk-references">'
                + "".join(f"<li>{text(r)}</li>" for r in doc.references)
                + "</ol>",
            )
        )
    return "".join(out)


# --------------------------------------------------------------------------------------------- routes


def _routes(doc: EvaluationSpec) -> str:
    """The spec's other routes to a level (第九、十条), in its order and in its words."""
    items: list[str] = []
    for route in doc.routes:
        kind = RouteKind(route.kind)
        rows: list[tuple[str, str]]
        if isinstance(route, CompetitionRoute):
            tier = TIER_NAMES[route.tier] if route.tier else ""
            grade = f"（{route.class_}）" if route.class_ else ""
            band = f"前{route.rank.top}名" if route.rank.top is not None else ""
            if route.rank.top_percent is not None:
                band = f"前{route.rank.top_percent:g}%"
            grants = "；".join(
                f"{'名次在列者' if prior == ANY_PRIOR else '已取得' + _level_name(doc, Level(prior)) + '者'}"
                f"晋升为{_level_name(doc, granted)}"
                for prior, granted in route.grants.items()
            )
            rows = [
                ("竞赛", text(route.name)),
                ("竞赛级别", text(tier + grade)),
                ("获奖名次", text(band)),
                ("参赛对象", text(CANDIDATE_NAMES[route.candidates]) if route.candidates else ""),
                ("晋升", text(grants)),
                ("限制", "同一年内只能晋升一次" if route.once_per_year else ""),
            ]
        elif isinstance(route, DirectRoute):
            rows = [
                ("认定等级", text(_level_name(doc, route.level))),
                ("认定条件", _plain_list(route.conditions)),
            ]
        elif isinstance(route, GradingRoute):
            rows = [
                ("定级等级", text("、".join(_level_name(doc, level) for level in route.levels))),
                ("考评依据", text("、".join(route.evidence))),
                ("截止日期", text(route.until) if route.until else ""),
            ]
        else:
            rows = [("定级等级", text(_level_name(doc, route.level))), ("定级时点", text(route.after))]
        items.append(
            f'<h3 class="sk-route sk-route--{kind.value}">{text(ROUTE_NAMES[kind])}</h3>' + _dl(rows)
        )
    return _section("其他评价途径", *items) if items else ""


def _coverage(idx: _Index, entry: Entry, doc: EvaluationSpec, uri: str) -> str:
    """衔接: how much of its basis standard the spec covers, level by level, with the lines."""
    from stdkit.checks import coverage

    basis = coverage.basis_of(idx.editions_of(doc.basis or ""), entry)
    if basis is None:
        return ""
    found = idx.coverage.get(entry.path)
    if found is None or found.basis.ref != basis.ref:
        found = coverage.compare(entry, basis)
    if not found.levels:
        return ""
    kinds = {"skill": "技能要求", "knowledge": "相关知识要求"}

    def where(line: coverage.Line) -> str:
        return f'<span class="sk-cov-where">{text(kinds[line.kind])} · {text(line.function)} / {text(line.content)}</span>'

    rows = []
    details = []
    for level in found.levels:
        work_type, level_id = blueprint.split_key(level.key)
        title = _level_name(doc, Level(level_id))
        if work_type:
            title += f"（工种 {work_type}）"
        covered = level.covered
        near = [m for m in covered if m.similarity < 100]
        rows.append(
            [
                text(title),
                str(len(level.matches)),
                f"{len(covered)}（改写 {len(near)}）",
                str(len(level.omitted)),
                str(len(level.added)),
                f"{level.omitted_share}%",
            ]
        )
        covered_items = "".join(
            f"<li>{text(m.basis.text)}"
            + (
                ""
                if m.similarity == 100 or m.spec is None
                else f' → {text(m.spec.text)} <span class="sk-cov-sim">相似度 {m.similarity}%</span>'
            )
            + f" {where(m.basis)}</li>"
            for m in covered
        )
        omitted_items = "".join(f"<li>{text(line.text)} {where(line)}</li>" for line in level.omitted)
        added_items = "".join(f"<li>{text(line.text)} {where(line)}</li>" for line in level.added)
        details.append(
            f'<details class="sk-coverage"><summary>{text(title)}</summary>'
            + "".join(
                f"<h4>{heading}（{count}）</h4>" + (f"<ul>{items}</ul>" if items else "<p>无</p>")
                for heading, count, items in (
                    ("覆盖", len(covered), covered_items),
                    ("遗漏", len(level.omitted), omitted_items),
                    ("新增", len(level.added), added_items),
                )
            )
            + "</details>"
        )
    intro = (
        f"<p>依据标准 {link(uri, doc_uri(basis), f'{basis.document.title}（{basis.ref}）')}"
        f" 的技能要求和相关知识要求在本规范各等级中的覆盖情况（逐条比对，相似度不低于 {coverage.NEAR}% 视为覆盖）。</p>"
    )
    table = _table(["等级", "依据标准条目", "覆盖", "遗漏", "新增", "遗漏比例"], rows)
    return _section("衔接：依据标准覆盖情况", intro, table, *details)


def _levelled_page(idx: _Index, entry: Entry, doc: LevelledBody, uri: str) -> str:
    banner = ""
    if doc.status is not Status.PUBLISHED:
        banner = f'<p class="sk-banner sk-banner--{doc.status.value}">本文件状态为「{STATUS_NAMES[doc.status]}」。</p>'
    parts = [
        _page(
            f"{doc.title}（{doc.edition}年版）" if doc.edition.isdigit() else f"{doc.title}（{doc.edition}）"
        ),
        block(
            banner,
            _unfinished_banner(doc),
            _header_facts(idx, entry, uri),
            f'<p class="sk-notes">{text(doc.notes)}</p>' if doc.notes else "",
        ),
        _foreword(doc),
        _section("职业概况", _provisional_mark(doc, "profile"), _profile(doc)),
        _section("等级设置", _ladder_table(doc)),
    ]
    if any(doc.assessment.eligibility.values()):
        parts.append(_section("申报条件", _eligibility(doc)))
    if isinstance(doc, EvaluationSpec):
        parts.append(_routes(doc))
    parts.append(_section("鉴定方式与要求", _provisional_mark(doc, "assessment"), _assessment(doc)))
    if doc.training is not None and (doc.training.venue or doc.training.teachers):
        t = doc.training
        parts.append(
            _section(
                "培训要求",
                _provisional_mark(doc, "training"),
                _dl(
                    [
                        (
                            "培训学时",
                            text("；".join(f"{ladder.title(k)} {v} 标准学时" for k, v in t.hours.items())),
                        ),
                        ("培训教师", _dl([(ladder.title(k), text(v)) for k, v in t.teachers.items()])),
                        ("培训场所设备", text(t.venue or "")),
                    ]
                ),
            )
        )
    parts.append(_section("基本要求", _provisional_mark(doc, "basics"), _basics(doc)))
    work_mark = _provisional_mark(doc, "work")
    parts.append(f"\n## 工作要求\n{block(work_mark) if work_mark else ''}{_work(doc)}")
    if doc.work_types:
        parts.append(f"\n## 工种\n{_work_types(doc)}")
    weights = _weight_section("理论知识权重表", doc.weights.theory, doc.levels) + _weight_section(
        "技能要求权重表", doc.weights.skill, doc.levels
    )
    if weights:
        parts.append(_section("权重表", _provisional_mark(doc, "weights"), weights))
    parts.append(_back_matter(doc))
    parts.append(_exam_plans(entry, doc))
    if isinstance(doc, EvaluationSpec):
        parts.append(_coverage(idx, entry, doc, uri))
    parts.append(_section("考试蓝图", _blueprints(idx, entry, uri)))
    parts.append(_section("版本沿革", _history(idx, entry, uri)))
    return "".join(parts)


# --------------------------------------------------------------------------------------------- 考评蓝图


def _exam_plans(entry: Entry, doc: LevelledBody) -> str:
    """考评蓝图: per level with a composed paper, its 双向细目表 and its 技能考核 modules.

    Drawn from the blueprints themselves (the same plan the JSON and the workbook carry), so the
    page never rounds differently from what an exam system downloads.
    """
    if doc.assessment.papers is None:
        return ""
    out: list[str] = []
    for key in blueprint.levels_of(entry):
        made = blueprint.build(entry, key)
        parts: list[str] = []
        for component in made.components:
            if isinstance(component, Exam) and component.plan is not None:
                parts.append(_plan_table(component))
            if isinstance(component, Exam) and component.modules is not None:
                parts.append(_modules_table(component))
        if parts:
            out.append(f"\n### {md_text(_blueprint_title(entry.document, key))}\n" + block(*parts))
    if not out:
        return ""
    intro = block(
        '<p class="sk-note">试卷结构（双向细目表）：鉴定范围 × 题型的题量，由权重与各题型题量按受控舍入得出，'
        "每行合计为该范围的题量，每列合计为该题型的题量；技能考核分必考与选考模块。</p>"
    )
    return "\n## 考评蓝图\n" + intro + "".join(out)


def _number(value: float | None) -> str:
    return "" if value is None else text(str(value))


def _plan_table(exam: Exam) -> str:
    blocks = exam.paper or []
    cells = {(cell.section, cell.type): cell for cell in exam.plan or []}
    head = ["鉴定范围", "比重（%）", *(f"{b.name}（{b.points}分/题）" for b in blocks), "合计"]
    rows = []
    for section in exam.sections:
        key = section.code or section.key
        counts = [cells[key, b.type].count if (key, b.type) in cells else 0 for b in blocks]
        rows.append(
            [
                text(section.name),
                text(str(section.weight)),
                *(text(str(n)) for n in counts),
                text(str(section.items or 0)),
            ]
        )
    rows.append(["合计（题）", "100", *(text(str(b.count)) for b in blocks), _number(exam.items)])
    points = [sum(c.points for c in exam.plan or [] if c.type == b.type) for b in blocks]
    rows.append(["分值（分）", "", *(_number(p) for p in points), _number(exam.total_points)])
    facts = [f"满分 {_number(exam.total_points)} 分", f"合格 {_number(exam.pass_points)} 分"]
    if exam.minutes is not None:
        facts.append(f"考试时间 {exam.minutes} 分钟")
    if exam.difficulty is not None:
        d = exam.difficulty
        facts.append(f"难度 容易 {d.easy} 题、中等 {d.medium} 题、较难 {d.hard} 题")
    scoring = [
        f"{b.name}{'错选、漏选不得分' if b.scoring == 'all-or-nothing' else '少选得部分分'}"
        for b in blocks
        if b.scoring
    ]
    facts.extend(scoring)
    caption = f'<p class="sk-note">理论知识考试：{"；".join(facts)}。</p>'
    return caption + _table(head, rows, "sk-plan")


def _modules_table(exam: Exam) -> str:
    modules = exam.modules
    rows: list[list[str]] = []
    if modules is not None:
        for module in modules.required:
            rows.append(["必考", *_module_cells(module)])
        for group in modules.choose:
            how = "抽签决定" if group.by == "lot" else "考生自选"
            label = f"选考（{len(group.modules)}选{group.draw}，{how}）"
            rows.extend([label, *_module_cells(module)] for module in group.modules)
    caption = '<p class="sk-note">技能考核'
    caption += f"：考核时间 {exam.duration} 分钟。</p>" if exam.duration is not None else "。</p>"
    return caption + _table(
        ["类别", "模块", "考核职业功能", "考核方式", "时间（分钟）", "配分"], rows, "sk-modules"
    )


def _module_cells(module: SkillModule) -> list[str]:
    return [
        text(module.module),
        text("、".join(module.functions)),
        text(module.form or ""),
        _number(module.minutes),
        _number(module.points),
    ]


def _special_page(idx: _Index, entry: Entry, doc: SpecialCompetency, uri: str) -> str:
    units = []
    for i, unit in enumerate(doc.units, 1):
        units.append(
            f'<tr><td class="sk-fn"><span class="sk-num">{i}.</span> {text(unit.name)}</td>'
            f"<td>{_lines(unit.skills, str(i))}</td><td>{_lines(unit.knowledge, str(i))}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("考核模块", "技能要求", "相关知识要求"))
    table = f'<div class="sk-table-wrap"><table class="sk-table sk-work"><thead><tr>{head}</tr></thead><tbody>{"".join(units)}</tbody></table></div>'
    a = doc.assessment
    assessment = _dl(
        [
            ("考核方式", text("、".join(METHOD_NAMES[m] for m in a.methods))),
            ("合格分数线", text(_pass_marks(a.pass_mark)) if "pass_mark" in a.model_fields_set else ""),
            ("考评人员与考生配比", text("；".join(f"{METHOD_NAMES[m]} 1:{n}" for m, n in a.ratios.items()))),
            ("考核时间", text("；".join(f"{METHOD_NAMES[m]} {n} 分钟" for m, n in a.durations.items()))),
            ("考核场所设备", text(a.venue or "")),
        ]
    )
    weights = []
    for title, table_ in (("技能考核权重", doc.weights.skill), ("理论知识权重", doc.weights.theory or {})):
        if table_:
            weights.append(f"<h3>{text(title)}</h3>")
            weights.append(_table(["考核模块", "权重（%）"], [[text(k), text(v)] for k, v in table_.items()]))
            weights.append(
                '<figure class="sk-figure">' + chart.bars(title, list(table_.items())) + "</figure>"
            )
    return "".join(
        [
            _page(f"{doc.title}（{doc.edition}）"),
            block(
                _unfinished_banner(doc),
                _header_facts(idx, entry, uri),
                f'<p class="sk-notes">{text(doc.notes)}</p>' if doc.notes else "",
            ),
            _foreword(doc),
            _section("能力描述", f"<p>{text(doc.description)}</p>") if doc.description else "",
            _section("考核内容", table),
            _section("考核要求", assessment),
            _section("权重表", *weights) if weights else "",
            _back_matter(doc),
            _section("考试蓝图", _blueprints(idx, entry, uri)),
            _section("版本沿革", _history(idx, entry, uri)),
        ]
    )


def document_page(idx: _Index, entry: Entry) -> str:
    uri = doc_uri(entry)
    doc = entry.document
    if isinstance(doc, SpecialCompetency):
        return _special_page(idx, entry, doc, uri)
    assert isinstance(doc, OccupationalStandard | EvaluationSpec)
    return _levelled_page(idx, entry, doc, uri)


# --------------------------------------------------------------------------------------------- catalogue, check


def _links_to(idx: _Index, q: Qualification) -> list[Entry]:
    found = []
    for entry in idx.entries:
        link_ = entry.document.qualification
        if (
            link_ is not None
            and (got := idx.reference.qualification(link_.item)) is not None
            and got.id == q.id
        ):
            found.append(entry)
    return found


def _catalogue(idx: _Index) -> str:
    uri = "catalogue.md"
    edition = idx.reference.catalogue_edition
    out = [
        _page("国家职业资格目录衔接"),
        block(
            f"<p>{text(edition.title)}（{text(edition.edition)}）。准入类职业资格是从业的前提；"
            "本站文件凡涉及目录内职业的，须说明与相应资格的衔接方式。</p>"
        ),
    ]
    for group, title in (("skill", "技能人员职业资格"), ("professional", "专业技术人员职业资格")):
        rows = []
        for q in idx.reference.all_qualifications:
            if q.group != group:
                continue
            docs = _links_to(idx, q)
            cell = (
                "<br>".join(
                    link(uri, doc_uri(e), f"{e.document.title}（{e.document.edition}）") for e in docs
                )
                or "—"
            )
            rows.append(
                [text(q.id), text(q.name), text(q.category), text("、".join(q.departments) or "—"), cell]
            )
        out.append(
            _section(
                title, _table(["编号", "职业资格", "类别", "实施部门", "衔接的文件"], rows, "sk-catalogue")
            )
        )
    return "".join(out)


def _check(idx: _Index, report: Report) -> str:
    uri = "check.md"
    report = report.localized("zh")  # the site's readers are the authors: the 检查报告 is always in Chinese
    by_path = {e.path: e for e in idx.entries}
    counts = report.counts()
    summary = f"检查了 {report.files} 个文件：{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 条提示；另有 {len(report.suppressed)} 条经说明后豁免。"
    names = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
    rows = []
    for d in report.diagnostics:
        entry = by_path.get(d.path)
        where = f"{d.path}:{d.line}:{d.col}"
        rows.append(
            [
                link(uri, doc_uri(entry), where) if entry else text(where),
                f"<code>{text(d.code)}</code>",
                f'<span class="sk-sev sk-sev--{d.severity.value}">{names.get(d.severity, d.severity.value)}</span>',
                text(d.message),
            ]
        )
    table = _table(["位置", "规则", "级别", "说明"], rows, "sk-check") if rows else "<p>没有发现问题。</p>"
    return _page("检查报告", block(f"<p>{text(summary)}</p>", table))


# --------------------------------------------------------------------------------------------- site


def render(report: Report, *, include_drafts: bool = False) -> SitePages:
    """Every page of the site and its navigation, from a checked collection."""
    idx = _index(report, include_drafts)
    tree = _by_major(idx)
    cats = idx.reference.categories()
    sources: dict[str, Entry] = {}
    pages: dict[str, str | bytes] = {
        "index.md": _home(idx, report),
        "categories/index.md": _categories_index(idx, tree),
        "catalogue.md": _catalogue(idx),
        "check.md": _check(idx, report),
    }
    pages[search.SEARCH_URI] = search.page()
    meta: dict[str, dict[str, str]] = {}
    for entry in idx.entries:
        pages[doc_uri(entry)] = document_page(idx, entry)
        sources[source_uri(entry)] = entry
        meta[doc_uri(entry)] = _search_meta(entry)
    category_nav: Nav = ["categories/index.md"]
    # A large collection's navigation names categories only: every page carries its navigation, so
    # listing every document there makes each page grow with the collection (quadratic bytes).
    large = len(idx.entries) > NAV_LIMIT
    for major in sorted(tree):
        n_major = len({e.ref for occs in tree[major].values() for es in occs.values() for e in es})
        if n_major > PAGE_LIMIT:
            pages.update(_split_category(idx, major, tree[major]))
        else:
            pages[category_uri(major)] = _category(idx, major, tree[major])
        occupations: Nav = [category_uri(major)]
        if large:
            category_nav.append({md_nav(major_title(major, cats.get(major, major))): occupations})
            continue
        for middle in sorted(tree[major]):
            for code in sorted(tree[major][middle]):
                occ = idx.reference.occupation(code) if major != OTHER else None
                editions = [
                    {md_nav(f"{e.document.title}（{e.document.edition}）"): doc_uri(e)}
                    for e in tree[major][middle][code]
                    if levelled(e.document) is not None
                ]
                if editions:
                    name = occ.name if occ else _named(tree[major][middle][code], code)
                    occupations.append({md_nav(name): editions})
        category_nav.append({md_nav(major_title(major, cats.get(major, major))): occupations})
    specials = [e for e in idx.entries if isinstance(e.document, SpecialCompetency)]
    nav: Nav = [{"首页": "index.md"}, {"职业分类": category_nav}]
    if specials and large:
        pages[SPECIALS_URI] = _specials(idx, specials)
        nav.append({"专项职业能力": SPECIALS_URI})
    elif specials:
        nav.append({"专项职业能力": [{md_nav(e.document.title): doc_uri(e)} for e in specials]})
    nav += [{"职业资格目录": "catalogue.md"}, {"检查报告": "check.md"}]
    nav.insert(1, {"搜索": search.SEARCH_URI})
    terms = {o.name for o in idx.occupation_of.values() if o is not None}
    terms.update(body.occupation.name for e in idx.entries if (body := levelled(e.document)) is not None)
    return SitePages(pages, nav, tuple(sorted(terms)), sources, meta)


def _search_meta(entry: Entry) -> dict[str, str]:
    """What a search result shows: the title with its edition, the kind and the levels."""
    doc = entry.document
    body = levelled(doc)
    edition = f"{doc.edition}年版" if doc.edition.isdigit() else doc.edition
    meta = {"title": f"{doc.title}（{edition}）", "类型": KIND_NAMES[doc.KIND], "发布单位": doc.issuer}
    if body is not None and body.levels:
        first, last = ladder.title(body.levels[0]), ladder.title(body.levels[-1])
        meta["等级"] = first if first == last else f"{first}—{last}"
    return meta


def md_nav(title: str) -> str:
    """A navigation title: the theme prints it unescaped (mkdocs' Jinja has no autoescape)."""
    return text(title)
