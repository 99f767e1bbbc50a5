"""What every kind of document shows from its header: the fact list under the title, the 说明 with
the publishing notice and drafting credits, and the 附录 and 参考文献 at the end — printed as the
fields give them."""

from __future__ import annotations

from stdkit import ladder
from stdkit.collection import Entry, levelled
from stdkit.model import EvaluationSpec, SpecialCompetency
from stdkit.model.common import EditionForm, Header, QualificationLink
from stdkit.model.evaluation import EVERY_OCCUPATION_LABEL, ISSUER_TYPE_NAMES
from stdkit.model.standard import TALENT_TYPE_NAMES, LevelledBody
from stdkit.site import search
from stdkit.site.html import attr, href, link, text
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import dl, kind_badge, level_name, section, status_badge
from stdkit.site.pages.urls import CATALOGUE_URI, doc_uri, source_uri

TALENT_NAMES = TALENT_TYPE_NAMES
RELATION_NAMES = {
    "licence-required": "从业仍须取得该准入类资格",
    "evaluation-basis": "本文件是该水平评价类资格的评价依据",
}


def header_facts(idx: Index, entry: Entry, uri: str) -> str:
    """The facts under a document's title: kind, id, status, issuer, occupation, levels, links."""
    doc = entry.document
    rows: list[tuple[str, str]] = [
        ("类型", kind_badge(doc.KIND)),
        ("标识", f"<code>{text(doc.ref)}</code>"),
        ("状态", status_badge(idx.standing_of(entry).status)),
        ("发布单位", text(doc.issuer_label)),
        ("发布日期", text(doc.issued) if doc.issued else ""),
    ]
    body = levelled(doc)
    if body is not None:
        rows += _occupation_facts(idx, entry, body)
    if isinstance(doc, EvaluationSpec):
        rows += _spec_facts(idx, doc, uri)
    if isinstance(doc, SpecialCompetency):
        rows += _special_facts(idx, doc)
    if doc.qualification:
        rows.append(_qualification_fact(idx, doc.qualification, uri))
    rows.append(("源文件", link(uri, source_uri(entry), f"{entry.path}（YAML）")))
    # search leaves these out (label and value would run together in a snippet); the result shows
    # the kind, issuer and levels as metadata instead
    return dl(rows, search.HEADER_CLASS)


def _occupation_facts(idx: Index, entry: Entry, body: LevelledBody) -> list[tuple[str, str]]:
    """职业 (with its 2022 大典 occupation where the code differs), ISCO-08, 人才类型, 职业等级; for a rule
    across occupations, 适用职业 (各职业（工种）, or each code it lists, named where the 大典 knows it)."""
    occ = body.occupation
    rows: list[tuple[str, str]] = []
    if occ is None:
        rows.append(("适用职业", _across(idx, body)))
    else:
        placed = idx.occupation_of[entry.ref]
        where = f"{text(occ.name)} <code>{text(occ.code)}</code>"
        if placed is not None and placed.code != occ.code:
            where += f"（2022年版大典：{text(placed.name)} <code>{text(placed.code)}</code>）"
        rows.append(("职业", where))
        if occ.isco:
            rows.append(("ISCO-08", text(occ.isco)))
    talent = body.talent_type
    if isinstance(talent, dict):  # one per level, in ladder order: 五级/初级工 技术技能型；…
        shown = "；".join(
            f"{level_name(body, level)} {TALENT_NAMES[str(kind)]}"
            for level, kind in sorted(talent.items(), key=lambda item: ladder.rank(item[0]))
        )
        rows.append(("人才类型", text(shown)))
    elif talent:
        rows.append(("人才类型", text(TALENT_NAMES.get(talent.value, talent.value))))
    rows.append(("职业等级", text("、".join(level_name(body, level) for level in body.levels))))
    return rows


def _across(idx: Index, body: LevelledBody) -> str:
    codes = body.occupation_codes()
    if not codes:
        return text(EVERY_OCCUPATION_LABEL)
    named = []
    for code in codes:  # named by the 大典 (an earlier code with the current occupation it means)
        occ = idx.reference.resolve(code[:10], None).occupation
        shown = f"<code>{text(code)}</code>"
        if occ is not None and occ.code == code[:10]:
            shown = f"{text(occ.name)} {shown}"
        elif occ is not None:
            shown += f"（2022年版大典：{text(occ.name)} <code>{text(occ.code)}</code>）"
        named.append(shown)
    return "、".join(named)


def _spec_facts(idx: Index, doc: EvaluationSpec, uri: str) -> list[tuple[str, str]]:
    """发布主体类型, 适用范围 and the 依据 standard (a link when the collection has it)."""
    rows = [("发布主体类型", text(ISSUER_TYPE_NAMES[doc.issuer_type]))]
    if doc.scope:
        rows.append(("适用范围", text(doc.scope)))
    if doc.basis:
        target = idx.find(doc.basis)
        rows.append(
            (
                "依据",
                link(uri, doc_uri(target), target.document.titled(EditionForm.ALWAYS))
                if target
                else text(doc.basis),
            )
        )
    return rows


def _special_facts(idx: Index, doc: SpecialCompetency) -> list[tuple[str, str]]:
    """适用地区 and 相关职业 (named where the 大典 knows the code)."""
    rows = [("适用地区", text(doc.region))] if doc.region else []
    related = []
    for code in doc.related_occupations:
        occ = idx.reference.occupation(code)
        related.append(f"{text(occ.name)} <code>{text(code)}</code>" if occ else f"<code>{text(code)}</code>")
    rows.append(("相关职业", "、".join(related)))
    return rows


def _qualification_fact(idx: Index, q: QualificationLink, uri: str) -> tuple[str, str]:
    """职业资格衔接: the 目录 item (linked to the 目录 page) and how the document relates to it."""
    found = idx.reference.qualification(q.item)
    label = text(q.item) + (f"（{text(found.category)}）" if found else "")
    rel = text(RELATION_NAMES.get(q.relation.value, q.relation.value))
    note = f"<br>{text(q.note)}" if q.note else ""
    anchor = f'<a href="{attr(href(uri, CATALOGUE_URI))}">{label}</a>'
    return ("职业资格衔接", f"{anchor}：{rel}{note}")


def foreword(doc: Header) -> str:
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


def back_matter(doc: Header) -> str:
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
