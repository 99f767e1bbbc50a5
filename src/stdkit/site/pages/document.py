"""A document's page: its title and facts, then every section in printed order, 考试蓝图 and 版本沿革.

The sections live in :mod:`.header`, :mod:`.assessment`, :mod:`.requirements`, :mod:`.plans`,
:mod:`.coverage` and :mod:`.competency`; this module puts them in order for the two shapes of document
(levelled, special) and adds what every page ends with.
"""

from __future__ import annotations

from stdkit import blueprint, editions, ladder, schemas
from stdkit.collection import Entry
from stdkit.model import EvaluationSpec, OccupationalStandard, SpecialCompetency
from stdkit.model.common import EditionForm, Status, amount_text
from stdkit.model.standard import LevelledBody
from stdkit.site.html import attr, block, href, text
from stdkit.site.pages import competency
from stdkit.site.pages.assessment import assessment, eligibility, ladder_table, profile, routes
from stdkit.site.pages.coverage import basis_coverage
from stdkit.site.pages.header import back_matter, foreword, header_facts
from stdkit.site.pages.history import errata, errata_note, history, standing_banner
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import (
    dl,
    html_table,
    notes_text,
    page,
    provisional_mark,
    section,
    unfinished_banner,
)
from stdkit.site.pages.plans import blueprint_title, exam_plans
from stdkit.site.pages.requirements import basics, weight_section, work, work_types
from stdkit.site.pages.urls import blueprint_uri, doc_uri


def document_page(idx: Index, entry: Entry) -> str:
    uri = doc_uri(entry)
    doc = entry.document
    if isinstance(doc, SpecialCompetency):
        return _special_page(idx, entry, doc, uri)
    assert isinstance(doc, OccupationalStandard | EvaluationSpec)
    if isinstance(doc, EvaluationSpec) and doc.across_occupations:
        return _across_page(idx, entry, doc, uri)
    return _levelled_page(idx, entry, doc, uri)


def _across_page(idx: Index, entry: Entry, doc: EvaluationSpec, uri: str) -> str:
    """A rule across occupations (a 以赛代评 rule): its facts (with its levels), 申报条件 and routes; no
    工作要求, 权重表 or blueprint is its own (each occupation's standard has them), so none is shown as missing."""
    found = errata(doc)
    return "".join(
        [
            _opening(idx, entry, uri, doc.titled(EditionForm.YEAR)),
            section("申报条件", eligibility(doc)) if any(doc.assessment.eligibility.values()) else "",
            routes(doc),
            back_matter(doc),
            section("勘误", found) if found else "",
            section("版本沿革", history(idx, entry, uri)),
        ]
    )


def _levelled_page(idx: Index, entry: Entry, doc: LevelledBody, uri: str) -> str:
    spec = doc if isinstance(doc, EvaluationSpec) else None
    work_mark = provisional_mark(doc, "work")
    parts = [
        _opening(idx, entry, uri, doc.titled(EditionForm.YEAR)),
        section("职业概况", provisional_mark(doc, "profile"), profile(doc)),
        section("等级设置", ladder_table(doc)),
        section("申报条件", eligibility(doc)) if any(doc.assessment.eligibility.values()) else "",
        routes(spec) if spec else "",
        section("鉴定方式与要求", provisional_mark(doc, "assessment"), assessment(doc)),
        _training(doc),
        section("基本要求", provisional_mark(doc, "basics"), basics(doc)),
        f"\n## 工作要求\n{block(work_mark) if work_mark else ''}{work(doc)}",
        f"\n## 工种\n{work_types(doc)}" if doc.work_types else "",
        _weights(doc),
        back_matter(doc),
        exam_plans(entry, doc),
        basis_coverage(idx, entry, spec, uri) if spec else "",
        *_closing(idx, entry, uri),
    ]
    return "".join(parts)


def _special_page(idx: Index, entry: Entry, doc: SpecialCompetency, uri: str) -> str:
    weights = competency.weights(doc)
    return "".join(
        [
            _opening(idx, entry, uri, doc.titled(EditionForm.BARE)),
            section("能力描述", f"<p>{text(doc.description)}</p>") if doc.description else "",
            section("考核内容", competency.units(doc)),
            section("考核要求", competency.requirements(doc)),
            section("权重表", *weights) if weights else "",
            back_matter(doc),
            *_closing(idx, entry, uri),
        ]
    )


def _opening(idx: Index, entry: Entry, uri: str, title: str) -> str:
    """The title, the banners (standing, errata, unfinished sections), the facts, the notes and the 说明."""
    doc = entry.document
    return (
        page(title)
        + block(
            standing_banner(idx, entry, uri),
            errata_note(doc),
            unfinished_banner(doc),
            header_facts(idx, entry, uri),
            f'<p class="sk-notes">{text(doc.notes)}</p>' if doc.notes else "",
        )
        + foreword(doc)
    )


def _closing(idx: Index, entry: Entry, uri: str) -> tuple[str, str, str]:
    found = errata(entry.document)
    return (
        section("勘误", found) if found else "",
        section("考试蓝图", _blueprints(idx, entry, uri)),
        section("版本沿革", history(idx, entry, uri)),
    )


def _training(doc: LevelledBody) -> str:
    """培训要求, when the document gives a venue or teachers (hours alone are in 等级设置)."""
    t = doc.training
    if t is None or not (t.venue or t.teachers or t.notes):
        return ""
    hours = "；".join(f"{ladder.title(k)} {amount_text(v, ' 标准学时')}" for k, v in t.hours.items())
    return section(
        "培训要求",
        provisional_mark(doc, "training"),
        dl(
            [
                ("培训学时", text(hours)),
                ("培训教师", dl([(ladder.title(k), text(v)) for k, v in t.teachers.items()])),
                ("培训场所设备", text(t.venue or "")),
                ("备注", notes_text(t.notes)),
            ]
        ),
    )


def _weights(doc: LevelledBody) -> str:
    weights = weight_section("理论知识权重表", doc.weights.theory, doc.levels) + weight_section(
        "技能要求权重表", doc.weights.skill, doc.levels
    )
    return section("权重表", provisional_mark(doc, "weights"), weights) if weights else ""


def _blueprints(idx: Index, entry: Entry, uri: str) -> str:
    """A row per published blueprint: the same levels and URLs that publishing writes (every issued
    edition's, :func:`stdkit.publish.selected`)."""
    doc = entry.document
    if doc.status not in editions.ISSUED and not idx.include_drafts:
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
        "<p>考试蓝图供考试系统下载，格式见 "
        f'<a href="{attr(href(uri, schemas.site_path("blueprint.schema.json")))}"><code>blueprint.schema.json</code></a>；'
        f'全部蓝图及其 sha256 列于 <a href="{attr(href(uri, "blueprints/index.json"))}">blueprints/index.json</a>。</p>'
    )
    return note + _blueprints_standing(idx, entry) + html_table(["等级", "考试蓝图", "细目表"], rows)


def _blueprints_standing(idx: Index, entry: Entry) -> str:
    """Why the blueprints of an edition no longer in force are still here, and until when to use them."""
    now = idx.standing_of(entry)
    if now.status is Status.SUPERSEDED:
        until = f"过渡期截止（{text(now.exam_until.isoformat())}）后" if now.exam_until else "过渡期结束后"
        return (
            '<p class="sk-note">本版本已被代替，其考试蓝图仍在原地址发布（<code>status: superseded</code>，'
            f"<code>exam_until</code> 为过渡期最后一天），{until}不应再据以组织考试。</p>"
        )
    if now.status is Status.WITHDRAWN:
        return (
            '<p class="sk-note">本文件已废止，其考试蓝图仍在原地址发布（<code>status: withdrawn</code>），'
            "废止后不应再据以组织考试。</p>"
        )
    return ""
