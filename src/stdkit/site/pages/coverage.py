"""衔接 on an evaluation spec's page: how much of its basis standard it covers, level by level.

The figures are the ones :mod:`stdkit.checks.coverage` computed for the whole collection; a page
compares again only when its basis is not the one the check used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdkit import blueprint
from stdkit.collection import Entry
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec
from stdkit.site.html import link, text
from stdkit.site.pages.index import Index
from stdkit.site.pages.pieces import html_table, level_name, section
from stdkit.site.pages.urls import doc_uri

if TYPE_CHECKING:
    from stdkit.checks.coverage import LevelCoverage, Line


_KINDS = {"skill": "技能要求", "knowledge": "相关知识要求"}
_HEAD = ["等级", "依据标准条目", "覆盖", "遗漏", "新增", "遗漏比例"]


def basis_coverage(idx: Index, entry: Entry, doc: EvaluationSpec, uri: str) -> str:
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
    rows = []
    details = []
    for level in found.levels:
        title = _level_title(doc, level.key)
        rows.append(_row(title, level))
        details.append(_details(title, level))
    intro = (
        f"<p>依据标准 {link(uri, doc_uri(basis), f'{basis.document.title}（{basis.ref}）')}"
        f" 的技能要求和相关知识要求在本规范各等级中的覆盖情况（逐条比对，相似度不低于 {coverage.NEAR}% 视为覆盖）。</p>"
    )
    return section("衔接：依据标准覆盖情况", intro, html_table(_HEAD, rows), *details)


def _level_title(doc: EvaluationSpec, key: str) -> str:
    work_type, level_id = blueprint.split_key(key)
    title = level_name(doc, Level(level_id))
    return title + f"（工种 {work_type}）" if work_type else title


def _row(title: str, level: LevelCoverage) -> list[str]:
    near = [m for m in level.covered if m.similarity < 100]
    return [
        text(title),
        str(len(level.matches)),
        f"{len(level.covered)}（改写 {len(near)}）",
        str(len(level.omitted)),
        str(len(level.added)),
        f"{level.omitted_share}%",
    ]


def _details(title: str, level: LevelCoverage) -> str:
    """The level's lines, folded: covered (with the spec's rewording), omitted, added."""
    covered_items = "".join(
        f"<li>{text(m.basis.text)}"
        + (
            ""
            if m.similarity == 100 or m.spec is None
            else f' → {text(m.spec.text)} <span class="sk-cov-sim">相似度 {m.similarity}%</span>'
        )
        + f" {_where(m.basis)}</li>"
        for m in level.covered
    )
    omitted_items = "".join(f"<li>{text(line.text)} {_where(line)}</li>" for line in level.omitted)
    added_items = "".join(f"<li>{text(line.text)} {_where(line)}</li>" for line in level.added)
    return (
        f'<details class="sk-coverage"><summary>{text(title)}</summary>'
        + "".join(
            f"<h4>{heading}（{count}）</h4>" + (f"<ul>{items}</ul>" if items else "<p>无</p>")
            for heading, count, items in (
                ("覆盖", len(level.covered), covered_items),
                ("遗漏", len(level.omitted), omitted_items),
                ("新增", len(level.added), added_items),
            )
        )
        + "</details>"
    )


def _where(line: Line) -> str:
    return f'<span class="sk-cov-where">{text(_KINDS[line.kind])} · {text(line.function)} / {text(line.content)}</span>'
