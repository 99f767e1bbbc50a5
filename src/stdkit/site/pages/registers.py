"""The site's two registers: the 国家职业资格目录 with the documents that link to each item, and the
检查报告 (every diagnostic of the run, in Chinese)."""

from __future__ import annotations

from stdkit.collection import Entry
from stdkit.diagnostics import Severity
from stdkit.model.common import EditionForm
from stdkit.reference import Qualification
from stdkit.run.report import Report
from stdkit.site.html import block, link, text
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import html_table, page, section
from stdkit.site.pages.urls import CATALOGUE_URI, CHECK_URI, doc_uri


def _links_to(idx: Index, q: Qualification) -> list[Entry]:
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


def catalogue(idx: Index) -> str:
    uri = CATALOGUE_URI
    edition = idx.reference.catalogue_edition
    out = [
        page("国家职业资格目录衔接"),
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
                "<br>".join(link(uri, doc_uri(e), e.document.titled(EditionForm.BARE)) for e in docs) or "—"
            )
            rows.append(
                [text(q.id), text(q.name), text(q.category), text("、".join(q.departments) or "—"), cell]
            )
        out.append(
            section(
                title,
                html_table(["编号", "职业资格", "类别", "实施部门", "衔接的文件"], rows, "sk-catalogue"),
            )
        )
    return "".join(out)


def check_report(idx: Index, report: Report[Entry]) -> str:
    uri = CHECK_URI
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
    table = (
        html_table(["位置", "规则", "级别", "说明"], rows, "sk-check") if rows else "<p>没有发现问题。</p>"
    )
    return page("检查报告", block(f"<p>{text(summary)}</p>", table))
