"""Small HTML fragments every page uses: numbered lines, fact lists, tables, badges, headings.

Every author string goes through :mod:`stdkit.site.html` (``text``, ``link``, ``md_text``) here or in
the caller; a fragment that takes "already-escaped HTML" says so.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence

from stdkit import ladder
from stdkit.collection import Entry, levelled
from stdkit.editions import Standing
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec
from stdkit.model.common import (
    KIND_NAMES,
    SECTION_NAMES,
    STATUS_NAMES,
    EditionForm,
    Header,
    Kind,
    Line,
    Status,
)
from stdkit.model.standard import LevelledBody
from stdkit.site.html import attr, block, link, md_text, text
from stdkit.site.pages.urls import doc_uri

IMPORTANCE_NAMES = {"X": "核心要素", "Y": "一般要素", "Z": "辅助要素"}


def _line(line: Line, number: str) -> str:
    badge = ""
    if line.importance.value != "X":
        name = IMPORTANCE_NAMES[line.importance.value]
        # no space before the badge (its margin sets it apart): the search index leaves the badge out, and
        # a line ending in a space got no full stop there, so the next row's cell ran on in excerpts
        badge = f'<span class="sk-imp sk-imp--{line.importance.value}" title="{name}">{line.importance.value}</span>'
    return f'<li><span class="sk-num">{number}</span> {text(line.text)}{badge}</li>'


def numbered_lines(lines: Sequence[Line], prefix: str) -> str:
    items = "".join(_line(line, f"{prefix}.{n}" if prefix else str(n)) for n, line in enumerate(lines, 1))
    return f'<ul class="sk-lines">{items}</ul>'


def plain_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{text(item)}</li>" for item in items) + "</ul>"


def notes_text(notes: str | None) -> str:
    """A section's notes (备注) as HTML, a line each as written; empty when there are none."""
    return "<br>".join(text(line) for line in (notes or "").splitlines() if line.strip())


def dl(rows: Iterable[tuple[str, str]], cls: str = "") -> str:
    """A definition list of (label, already-escaped HTML) rows; empty values are left out. Each pair reads
    as a sentence in search excerpts (「合格分数线：60 分。」), not run together (「合格分数线60 分考核时间」)."""
    body = "".join(
        f"<dt>{text(k)}{index_stop(k, '：')}</dt><dd>{v}{index_stop(v, '。')}</dd>" for k, v in rows if v
    )
    extra = f" {cls}" if cls else ""
    return f'<dl class="sk-facts{extra}">{body}</dl>' if body else ""


#: What ends a sentence or a clause already: no stop is added after it.
_STOPS = frozenset("。；：！？，、.;:!?…")
_TAG = re.compile(r"<[^>]*>")


def index_stop(shown: str, stop: str) -> str:
    """``stop`` (：, 。) for the search index alone, after ``shown`` (already-escaped HTML) unless it ends
    with a stop of its own. Pagefind ends a sentence at a paragraph, a list item or a table cell, but not
    at a ``<dt>``, a ``<dd>`` or a ``<th>``, so a label and its value ran together in excerpts. The stop
    is ``hidden``: not shown, not read aloud, not copied; Pagefind indexes it (it reads no styles)."""
    plain = html.unescape(_TAG.sub("", shown)).rstrip()
    return "" if not plain or plain[-1] in _STOPS else f"<span hidden>{stop}</span>"


#: A table whose rows become cards on a phone (stdkit.css): a listing of many rows, read one row at a time.
STACKED = "sk-stacked"


def html_table(head: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table of already-escaped cells."""
    thead = "".join(f"<th>{text(h)}</th>" for h in head)
    if STACKED in cls.split():
        # each cell names its column, which a phone shows beside it once the rows are stacked
        labels = [f' data-label="{attr(h)}"' for h in head]
        tbody = "".join(
            "<tr>" + "".join(f"<td{label}>{c}</td>" for label, c in zip(labels, row, strict=True)) + "</tr>"
            for row in rows
        )
    else:
        tbody = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    extra = f" {cls}" if cls else ""
    return scrolling(
        f'<table class="sk-table{extra}"><thead><tr>{thead}</tr></thead><tbody>{tbody}</tbody></table>'
    )


def scrolling(table: str) -> str:
    """``table`` in a box that scrolls sideways on a narrow screen, reachable and scrollable by keyboard
    (focusable: without it a keyboard user cannot see the columns past the edge)."""
    return f'<div class="sk-table-wrap" tabindex="0">{table}</div>'


def status_badge(status: Status) -> str:
    return f'<span class="sk-status sk-status--{status.value}">{STATUS_NAMES[status]}</span>'


def kind_badge(kind: Kind) -> str:
    return f'<span class="sk-kind">{KIND_NAMES[kind]}</span>'


def level_name(doc: LevelledBody, level: Level) -> str:
    own = doc.level_names.get(level) if isinstance(doc, EvaluationSpec) else None
    name = ladder.title(level)
    return f"{name}（{own}）" if own and own != name else name


def doc_table(entries: Iterable[Entry], from_uri: str, standing: Mapping[str, Standing]) -> str:
    """A row per document: its title, edition, kind, status (its ``standing``), issuer and levels."""
    rows = []
    for entry in entries:
        doc = entry.document
        body = levelled(doc)
        levels = "、".join(ladder.title(level) for level in body.levels) if body else "—"
        rows.append(
            [
                link(from_uri, doc_uri(entry), doc.title),
                text(doc.edition_label(EditionForm.BARE)),
                kind_badge(doc.KIND),
                status_badge(standing[entry.ref].status),
                text(doc.issuer_label),
                text(levels),
            ]
        )
    return html_table(["名称", "版本", "类型", "状态", "发布单位", "等级"], rows, STACKED)


def page(title: str, *blocks: str, hide: Sequence[str] = ()) -> str:
    """A page's front matter and heading. The front-matter title is what the theme prints in
    ``<title>`` unescaped; JSON is valid YAML and keeps any character literal."""
    meta = [f"title: {json.dumps(text(title), ensure_ascii=False)}"]
    if hide:
        meta.append("hide: [" + ", ".join(hide) + "]")
    return "---\n" + "\n".join(meta) + f"\n---\n\n# {md_text(title)}\n" + "".join(blocks)


def section(title: str, *html_parts: str, level: int = 2) -> str:
    """A Markdown heading (fixed text, in the table of contents) followed by a raw HTML block."""
    return f"\n{'#' * level} {md_text(title)}\n" + block(*html_parts)


def unfinished_banner(doc: Header) -> str:
    """A draft's sections that are left out or provisional (暂定), named so no reader takes them as final."""
    unfinished = doc.unfinished()
    if not unfinished:
        return ""
    names = "、".join(SECTION_NAMES.get(name, name) for name in unfinished)
    return (
        f'<p class="sk-banner sk-banner--provisional">暂定或尚未给出：{text(names)}。'
        "这些内容定稿前，本文件的考试蓝图不予发布。</p>"
    )


def provisional_mark(doc: Header, section: str) -> str:
    """「暂定」 above a section the draft marks provisional (a section left out says so in its place)."""
    if section not in {str(marked) for marked in doc.provisional}:
        return ""
    return '<p class="sk-provisional"><span class="sk-tag">暂定</span> 以下内容尚未定稿。</p>'


def not_yet_written() -> str:
    return '<p class="sk-provisional"><span class="sk-tag">暂定</span> 草案尚未给出本部分。</p>'
