"""An edition over time on its page: the banner of a superseded, withdrawn or unpublished edition, the
勘误 its readers must know of, and the 版本沿革 table.

What an edition's status is comes from :func:`stdkit.editions.standing` (kept in the :class:`Index`), not
from its file: a later edition that names it in ``supersedes`` makes it superseded, and the blueprints
and their index say the same.
"""

from __future__ import annotations

from stdkit import editions
from stdkit.collection import Entry
from stdkit.model.common import STATUS_NAMES, WORKING_MARKS, EditionForm, Header, Status
from stdkit.site.html import link, text
from stdkit.site.pages import crosswalk
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import html_table, status_badge
from stdkit.site.pages.urls import doc_uri

#: The id of the 勘误 section, for the banner's link to it (a Chinese heading gets no stable id).
ERRATA_ANCHOR = "sk-errata"


def standing_banner(idx: Index, entry: Entry, uri: str) -> str:
    """Under the title: what a reader (or an exam organiser) must know before using this edition."""
    now = idx.standing_of(entry)
    if now.status is Status.SUPERSEDED:
        return _banner(
            now.status,
            _superseded(idx, entry, now, uri),
            crosswalk.from_old(idx, entry.ref, uri),
            _in_force(idx, entry, uri),
        )
    if now.status is Status.WITHDRAWN:
        withdrawn = entry.document.withdrawn
        when = f"已于 {text(withdrawn.isoformat())} 废止" if withdrawn else "已废止"
        return _banner(now.status, f"本文件{when}，此后不再据以组织考核。", _in_force(idx, entry, uri))
    mark = WORKING_MARKS.get(now.status)
    if mark is not None:
        return _banner(
            now.status, f"本文件为{mark}，尚未发布，不得据以组织考核；标为「暂定」的内容尚未确定。"
        )
    if now.status is not Status.PUBLISHED:
        return _banner(now.status, f"本文件状态为「{STATUS_NAMES[now.status]}」。")
    return ""


def _banner(status: Status, *lines: str) -> str:
    body = "".join(f"<p>{line}</p>" for line in lines if line)
    return f'<div class="sk-banner sk-banner--{status.value}">{body}</div>'


def _title(entry: Entry) -> str:
    return entry.document.titled(EditionForm.ALWAYS)


def _superseded(idx: Index, entry: Entry, now: editions.Standing, uri: str) -> str:
    """「已被 X 代替」 and, where the successor gives it, the last day of the 过渡期."""
    successor = idx.find(now.superseded_by) if now.superseded_by else None
    if successor is None:
        line = "本版本已被代替"
    else:
        line = f"本版本已被 {link(uri, doc_uri(successor), _title(successor))} 代替"
    if now.exam_until is not None:
        return f"{line}，可考至 {text(now.exam_until.isoformat())}（过渡期），此后不再据以组织考核。"
    return f"{line}；过渡期截止日期未给出。"


def _in_force(idx: Index, entry: Entry, uri: str) -> str:
    """The newest edition in force of the same document, where there is one."""
    current = idx.in_force.get(entry.document.id)
    if current is None or current.ref == entry.ref:
        return ""
    return f"现行有效版本：{link(uri, doc_uri(current), _title(current))}。"


def errata_note(doc: Header) -> str:
    """An edition with errata: the page shows the corrected text, and says so."""
    if not doc.errata:
        return ""
    latest = doc.errata[-1]
    return (
        f'<p class="sk-note">本页为勘误后的文本（共 {doc.revision} 次勘误，最近一次 '
        f"{text(latest.date.isoformat())}），"
        f'见 <a href="#{ERRATA_ANCHOR}">勘误</a>。</p>'
    )


def errata(doc: Header) -> str:
    """The 勘误 section's body: each erratum as the ministry prints it, its date and 文号 above a table
    序号 | 位置（鉴定点代码） | 原文 | 更正为; empty when the edition has none."""
    if not doc.errata:
        return ""
    parts = [
        f'<p id="{ERRATA_ANCHOR}">本版本发布后共有 {doc.revision} 次勘误，本页及考试蓝图均为更正后的文本；'
        "鉴定点代码及其位置不变。</p>"
    ]
    for number, erratum in enumerate(doc.errata, 1):
        notice = f"　{text(erratum.notice)}" if erratum.notice else ""
        parts.append(
            f'<p class="sk-erratum"><strong>第 {number} 次勘误</strong>　{text(erratum.date.isoformat())}{notice}</p>'
        )
        rows = [
            [str(n), f"<code>{text(change.code)}</code>", text(change.from_), text(change.to)]
            for n, change in enumerate(erratum.changes, 1)
        ]
        parts.append(html_table(["序号", "位置（鉴定点代码）", "原文", "更正为"], rows, "sk-errata"))
    return "".join(parts)


def _standing_cell(idx: Index, entry: Entry) -> str:
    """The status badge of an edition, with the day it stops being examined, and 现行 for the one in force."""
    now = idx.standing_of(entry)
    cell = status_badge(now.status)
    if now.exam_until is not None:
        cell += f" 可考至 {text(now.exam_until.isoformat())}"
    elif now.status is Status.WITHDRAWN and entry.document.withdrawn:
        cell += f" {text(entry.document.withdrawn.isoformat())}"
    current = idx.in_force.get(entry.document.id)
    if current is not None and current.ref == entry.ref:
        cell += ' <span class="sk-flag sk-flag--green">现行</span>'
    if entry.document.errata:
        cell += f" 勘误 {entry.document.revision} 次"
    return cell


def history(idx: Index, entry: Entry, uri: str) -> str:
    """版本沿革: every edition of the document, newest first, with its standing and what it replaces, then
    a link to each 新旧版本对照表 between its editions."""
    of_id = idx.editions_of(entry.document.id)
    rows = []
    for e in reversed(editions.ordered(of_id)):
        label = e.document.edition_label(EditionForm.YEAR)
        cell = text(label) + "（本页）" if e.ref == entry.ref else link(uri, doc_uri(e), label)
        rel = []
        if e.document.supersedes:
            target = idx.find(e.document.supersedes)
            rel.append(
                "代替 " + (link(uri, doc_uri(target), target.ref) if target else text(e.document.supersedes))
            )
        for later in idx.superseded_by.get(e.ref, []):
            rel.append("被 " + link(uri, doc_uri(later), later.ref) + " 代替")
        rows.append([cell, _standing_cell(idx, e), text(e.document.issued or "—"), "；".join(rel) or "—"])
    for later in idx.superseded_by.get(entry.ref, []):
        if later.document.id != entry.document.id:
            rows.append(
                [
                    link(uri, doc_uri(later), later.ref),
                    _standing_cell(idx, later),
                    text(later.document.issued or "—"),
                    "代替本文件",
                ]
            )
    return html_table(["版本", "状态", "发布日期", "代替关系"], rows) + crosswalk.links(
        idx, entry.document.id, uri
    )
