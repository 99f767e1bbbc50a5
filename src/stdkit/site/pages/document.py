"""A document's page: the header facts, 说明, every section in printed order, 考试蓝图 and 版本沿革.

The sections themselves live in :mod:`.assessment`, :mod:`.requirements`, :mod:`.plans` and
:mod:`.coverage`; this module puts them in order for the two shapes of document (levelled, special).
"""

from __future__ import annotations

from stdkit import blueprint, editions, ladder
from stdkit.collection import Entry, levelled
from stdkit.model import EvaluationSpec, OccupationalStandard, SpecialCompetency
from stdkit.model.common import (
    METHOD_NAMES,
    STATUS_NAMES,
    Header,
    Status,
)
from stdkit.model.evaluation import (
    ISSUER_TYPE_NAMES,
)
from stdkit.model.standard import LevelledBody
from stdkit.site import chart, search
from stdkit.site.html import attr, block, href, link, text
from stdkit.site.pages.assessment import assessment, eligibility, ladder_table, pass_marks, profile, routes
from stdkit.site.pages.coverage import basis_coverage
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import (
    dl,
    html_table,
    kind_badge,
    level_name,
    numbered_lines,
    page,
    provisional_mark,
    section,
    status_badge,
    unfinished_banner,
)
from stdkit.site.pages.plans import blueprint_title, exam_plans
from stdkit.site.pages.requirements import basics, weight_section, work, work_types
from stdkit.site.pages.urls import (
    CATALOGUE_URI,
    blueprint_uri,
    doc_uri,
    source_uri,
)

TALENT_NAMES = {"technical": "技术技能型", "knowledge": "知识技能型", "composite": "复合技能型"}
RELATION_NAMES = {
    "licence-required": "从业仍须取得该准入类资格",
    "evaluation-basis": "本文件是该水平评价类资格的评价依据",
}


def _levelled_page(idx: Index, entry: Entry, doc: LevelledBody, uri: str) -> str:
    banner = ""
    if doc.status is not Status.PUBLISHED:
        banner = f'<p class="sk-banner sk-banner--{doc.status.value}">本文件状态为「{STATUS_NAMES[doc.status]}」。</p>'
    parts = [
        page(
            f"{doc.title}（{doc.edition}年版）" if doc.edition.isdigit() else f"{doc.title}（{doc.edition}）"
        ),
        block(
            banner,
            unfinished_banner(doc),
            _header_facts(idx, entry, uri),
            f'<p class="sk-notes">{text(doc.notes)}</p>' if doc.notes else "",
        ),
        _foreword(doc),
        section("职业概况", provisional_mark(doc, "profile"), profile(doc)),
        section("等级设置", ladder_table(doc)),
    ]
    if any(doc.assessment.eligibility.values()):
        parts.append(section("申报条件", eligibility(doc)))
    if isinstance(doc, EvaluationSpec):
        parts.append(routes(doc))
    parts.append(section("鉴定方式与要求", provisional_mark(doc, "assessment"), assessment(doc)))
    if doc.training is not None and (doc.training.venue or doc.training.teachers):
        t = doc.training
        parts.append(
            section(
                "培训要求",
                provisional_mark(doc, "training"),
                dl(
                    [
                        (
                            "培训学时",
                            text("；".join(f"{ladder.title(k)} {v} 标准学时" for k, v in t.hours.items())),
                        ),
                        ("培训教师", dl([(ladder.title(k), text(v)) for k, v in t.teachers.items()])),
                        ("培训场所设备", text(t.venue or "")),
                    ]
                ),
            )
        )
    parts.append(section("基本要求", provisional_mark(doc, "basics"), basics(doc)))
    work_mark = provisional_mark(doc, "work")
    parts.append(f"\n## 工作要求\n{block(work_mark) if work_mark else ''}{work(doc)}")
    if doc.work_types:
        parts.append(f"\n## 工种\n{work_types(doc)}")
    weights = weight_section("理论知识权重表", doc.weights.theory, doc.levels) + weight_section(
        "技能要求权重表", doc.weights.skill, doc.levels
    )
    if weights:
        parts.append(section("权重表", provisional_mark(doc, "weights"), weights))
    parts.append(_back_matter(doc))
    parts.append(exam_plans(entry, doc))
    if isinstance(doc, EvaluationSpec):
        parts.append(basis_coverage(idx, entry, doc, uri))
    parts.append(section("考试蓝图", _blueprints(idx, entry, uri)))
    parts.append(section("版本沿革", _history(idx, entry, uri)))
    return "".join(parts)


def _special_page(idx: Index, entry: Entry, doc: SpecialCompetency, uri: str) -> str:
    units = []
    for i, unit in enumerate(doc.units, 1):
        units.append(
            f'<tr><td class="sk-fn"><span class="sk-num">{i}.</span> {text(unit.name)}</td>'
            f"<td>{numbered_lines(unit.skills, str(i))}</td><td>{numbered_lines(unit.knowledge, str(i))}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("考核模块", "技能要求", "相关知识要求"))
    table = f'<div class="sk-table-wrap"><table class="sk-table sk-work"><thead><tr>{head}</tr></thead><tbody>{"".join(units)}</tbody></table></div>'
    a = doc.assessment
    assessment = dl(
        [
            ("考核方式", text("、".join(METHOD_NAMES[m] for m in a.methods))),
            ("合格分数线", text(pass_marks(a.pass_mark)) if "pass_mark" in a.model_fields_set else ""),
            ("考评人员与考生配比", text("；".join(f"{METHOD_NAMES[m]} 1:{n}" for m, n in a.ratios.items()))),
            ("考核时间", text("；".join(f"{METHOD_NAMES[m]} {n} 分钟" for m, n in a.durations.items()))),
            ("考核场所设备", text(a.venue or "")),
        ]
    )
    weights = []
    for title, table_ in (("技能考核权重", doc.weights.skill), ("理论知识权重", doc.weights.theory or {})):
        if table_:
            weights.append(f"<h3>{text(title)}</h3>")
            weights.append(
                html_table(["考核模块", "权重（%）"], [[text(k), text(v)] for k, v in table_.items()])
            )
            weights.append(
                '<figure class="sk-figure">' + chart.bars(title, list(table_.items())) + "</figure>"
            )
    return "".join(
        [
            page(f"{doc.title}（{doc.edition}）"),
            block(
                unfinished_banner(doc),
                _header_facts(idx, entry, uri),
                f'<p class="sk-notes">{text(doc.notes)}</p>' if doc.notes else "",
            ),
            _foreword(doc),
            section("能力描述", f"<p>{text(doc.description)}</p>") if doc.description else "",
            section("考核内容", table),
            section("考核要求", assessment),
            section("权重表", *weights) if weights else "",
            _back_matter(doc),
            section("考试蓝图", _blueprints(idx, entry, uri)),
            section("版本沿革", _history(idx, entry, uri)),
        ]
    )


def document_page(idx: Index, entry: Entry) -> str:
    uri = doc_uri(entry)
    doc = entry.document
    if isinstance(doc, SpecialCompetency):
        return _special_page(idx, entry, doc, uri)
    assert isinstance(doc, OccupationalStandard | EvaluationSpec)
    return _levelled_page(idx, entry, doc, uri)


def _header_facts(idx: Index, entry: Entry, uri: str) -> str:
    doc = entry.document
    rows: list[tuple[str, str]] = [
        ("类型", kind_badge(doc.KIND)),
        ("标识", f"<code>{text(doc.ref)}</code>"),
        ("状态", status_badge(doc.status)),
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
        rows.append(("职业等级", text("、".join(level_name(body, level) for level in body.levels))))
    if isinstance(doc, EvaluationSpec):
        rows.append(("发布主体类型", text(ISSUER_TYPE_NAMES[doc.issuer_type])))
        if doc.scope:
            rows.append(("适用范围", text(doc.scope)))
        if doc.basis:
            target = idx.find(doc.basis)
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
        anchor = f'<a href="{attr(href(uri, CATALOGUE_URI))}">{label}</a>'
        rows.append(("职业资格衔接", f"{anchor}：{rel}{note}"))
    rows.append(("源文件", link(uri, source_uri(entry), f"{entry.path}（YAML）")))
    # search leaves these out (label and value would run together in a snippet); the result shows
    # the kind, issuer and levels as metadata instead
    return dl(rows, search.HEADER_CLASS)


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
    parts.append(dl(rows))
    return section("说明", *parts) if any(parts) else ""


def _back_matter(doc: Header) -> str:
    """附录 and 参考文献 (引用文件), verbatim and in printed order."""
    out: list[str] = []
    if doc.appendices:
        out.append(
            section(
                "附录",
                *(
                    f'<h3 class="sk-appendix">{text(a.title)}</h3><div class="sk-appendix-body"><p>{text(a.body.rstrip())}</p></div>'
                    for a in doc.appendices
                ),
            )
        )
    if doc.references:
        out.append(
            section(
                "参考文献",
                '<ol class="sk-references">'
                + "".join(f"<li>{text(r)}</li>" for r in doc.references)
                + "</ol>",
            )
        )
    return "".join(out)


def _blueprints(idx: Index, entry: Entry, uri: str) -> str:
    """A row per published blueprint: the same levels and URLs that publishing writes."""
    doc = entry.document
    if doc.status is not Status.PUBLISHED and not idx.include_drafts:
        return "<p>本文件尚未发布，不生成考试蓝图。</p>"
    rows = []
    for level in blueprint.levels_of(entry):
        rows.append(
            [
                text(blueprint_title(doc, level)),
                f'<a href="{attr(href(uri, blueprint_uri(entry, level, "json")))}">JSON</a>',
                f'<a href="{attr(href(uri, blueprint_uri(entry, level, "xlsx")))}">Excel（鉴定要素细目表）</a>',
            ]
        )
    note = (
        "<p>考试蓝图供考试系统下载，格式见 <code>blueprint.schema.json</code>；"
        f'全部蓝图及其 sha256 列于 <a href="{attr(href(uri, "blueprints/index.json"))}">blueprints/index.json</a>。</p>'
    )
    return note + html_table(["等级", "考试蓝图", "细目表"], rows)


def _history(idx: Index, entry: Entry, uri: str) -> str:
    of_id = idx.editions_of(entry.document.id)
    rows = []
    for e in reversed(editions.ordered(of_id)):
        label = f"{e.document.edition}年版" if e.document.edition.isdigit() else e.document.edition
        cell = text(label) + "（本页）" if e.ref == entry.ref else link(uri, doc_uri(e), label)
        rel = []
        if e.document.supersedes:
            target = idx.find(e.document.supersedes)
            rel.append(
                "代替 " + (link(uri, doc_uri(target), target.ref) if target else text(e.document.supersedes))
            )
        for later in idx.superseded_by.get(e.ref, []):
            rel.append("被 " + link(uri, doc_uri(later), later.ref) + " 代替")
        rows.append(
            [cell, status_badge(e.document.status), text(e.document.issued or "—"), "；".join(rel) or "—"]
        )
    for later in idx.superseded_by.get(entry.ref, []):
        if later.document.id != entry.document.id:
            rows.append(
                [
                    link(uri, doc_uri(later), later.ref),
                    status_badge(later.document.status),
                    text(later.document.issued or "—"),
                    "代替本文件",
                ]
            )
    return html_table(["版本", "状态", "发布日期", "代替关系"], rows)
