"""The 新旧版本对照表 page of a confirmed crosswalk (``crosswalks/<id>_<old>_<new>.md``), and the links to it
from both editions' pages (版本沿革 and the superseded edition's banner).

What the table says is :class:`stdkit.comparison.Comparison`'s (the same rows, columns and summary as the
workbook sheet and the Word appendix); this module lays it out. Every author string (texts, notes, codes)
goes through :func:`stdkit.site.html.text`. The table sits in the scrolling wrapper of
:func:`~stdkit.site.pages.pieces.html_table`, with a minimum width, so a phone scrolls it sideways
inside its container instead of squeezing seven columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from stdkit.comparison import Comparison
from stdkit.model.common import EditionForm
from stdkit.site.html import block, link, text
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import html_table, page, section
from stdkit.site.pages.urls import crosswalk_uri, doc_uri


def uri_of(found: Comparison) -> str:
    return crosswalk_uri(found.from_ref, found.to_ref)


def label_of(found: Comparison) -> str:
    """How a link to the page reads: 新旧版本对照表（2009年版 → 2018年版）."""
    return f"新旧版本对照表（{found.old_label} → {found.new_label}）"


def crosswalk_page(idx: Index, found: Comparison) -> str:
    """The page: both editions linked, the transition, the summary (前言 style), then the table."""
    uri = uri_of(found)
    old, new = idx.find(found.from_ref), idx.find(found.to_ref)
    editions = [
        f"原标准：{link(uri, doc_uri(old), old.document.titled(EditionForm.PRINTED))}" if old else "",
        f"新标准：{link(uri, doc_uri(new), new.document.titled(EditionForm.PRINTED))}" if new else "",
    ]
    facts = "　".join(part for part in editions if part)
    last = (
        f"原标准可考至 {text(found.old_last_exam.isoformat())}（过渡期），此后按新标准组织考核。"
        if found.old_last_exam
        else ""
    )
    source = (
        f"本表由已确认的对照文件 <code>{text(found.path)}</code> 生成，每行一条对照；"
        "鉴定点代码为各版本内的代码（完整代码为 <code>编号@版本/代码</code>）。"
    )
    return (
        page(found.heading)
        + block(
            f'<p class="sk-facts-line">{facts}</p>' if facts else "",
            f'<p class="sk-note">{last}</p>' if last else "",
            f'<p class="sk-summary">{text(found.summary)}</p>',
            f"<p>{source}</p>",
        )
        + section("对照表", table(found))
    )


def table(found: Comparison) -> str:
    """序号 | 原标准（…）代码 | 原条文 | 新标准（…）代码 | 新条文 | 变化类型 | 修订说明: one row per crosswalk row;
    a split's new lines (a merge's old ones) one under another in their cells."""
    rows = [
        [
            str(row.number),
            _codes(row.olds),
            _texts(row.olds),
            _codes(row.news),
            _texts(row.news),
            f'<span class="sk-change sk-change--{row.relation.value}">{text(row.change)}</span>',
            text(row.note),
        ]
        for row in found.rows
    ]
    return html_table(found.columns, rows, "sk-crosswalk")


def _codes(lines: Sequence[tuple[str, str]]) -> str:
    return "<br>".join(f"<code>{text(code)}</code>" for code, _ in lines) or "—"


def _texts(lines: Sequence[tuple[str, str]]) -> str:
    return "<br>".join(text(line) for _, line in lines) or "—"


def links(idx: Index, document_id: str, uri: str) -> str:
    """Under 版本沿革: a link to every 新旧版本对照表 between the document's editions, with its summary."""
    found = idx.comparisons_of(document_id)
    if not found:
        return ""
    items = "".join(f"<li>{link(uri, uri_of(c), label_of(c))}：{text(c.summary)}</li>" for c in found)
    return f'<ul class="sk-crosswalks">{items}</ul>'


def from_old(idx: Index, ref: str, uri: str) -> str:
    """In the superseded edition's banner: how its lines were carried into the edition that replaced it."""
    found = next((c for c in idx.comparisons_of(ref.partition("@")[0]) if c.from_ref == ref), None)
    if found is None:
        return ""
    return f"各条文在新版本中的去向见 {link(uri, uri_of(found), label_of(found))}。"
