"""A :class:`~stdkit.diff.model.CollectionDiff` as Markdown (the pull-request comment) or JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from stdkit import ladder, markdown

#: Two lines at least this similar (difflib ratio) are an edit of each other rather than a swap.
from stdkit.diff.model import (
    FOLD_AFTER,
    SCOPES,
    VERDICT_NAMES,
    Change,
    CollectionDiff,
    DocumentDiff,
    Verdict,
)
from stdkit.ladder import Level
from stdkit.model.common import (
    SECTION_TITLES,
)

# --------------------------------------------------------------------------- rendering


def to_json(result: CollectionDiff) -> str:
    data = dataclasses.asdict(result)
    for document in data["documents"]:
        document["verdict"] = document["verdict"].value if document["verdict"] else None
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ACTION_NAMES = {
    "added": "新增",
    "removed": "删除",
    "renamed": "改名/新版本",
    "modified": "修改",
    "invalid": "无法解析",
    "changed": "修改",
    "moved": "移动",
}


def _scope_title(scope: str) -> str:
    if scope in SCOPES:
        return SCOPES[scope]
    if scope == "unit":
        return "unit 专项职业能力"
    try:
        return f"{scope} {ladder.title(Level(scope))}"
    except ValueError:
        return scope


def _cell(text: str | None) -> str:
    return "—" if text is None else markdown.text(text)


def to_markdown(result: CollectionDiff) -> str:
    out: list[str] = [
        f"## stdkit diff {markdown.code(result.old_rev, table=False)} → {markdown.code(result.new_rev, table=False)}",
        "",
    ]
    if not result.documents:
        out += ["No document changed.", ""]
        return "\n".join(out)
    out += ["| 文件 | 文件标识 | 变更 | 结论 |", "|---|---|---|---|"]
    for d in result.documents:
        ident = " ".join(
            x for x in (markdown.code(d.ref) if d.ref else None, _cell(d.title) if d.title else None) if x
        )
        verdict = VERDICT_NAMES[d.verdict] if d.verdict else "—"
        count = f" ({len(d.changes)})" if d.changes else ""
        out.append(
            f"| {markdown.code(d.path)} | {ident or '—'} | {ACTION_NAMES[d.action]}{count} | {verdict} |"
        )
    out.append("")
    for d in result.documents:
        out += _document_markdown(d)
    return "\n".join(out)


def _document_markdown(d: DocumentDiff) -> list[str]:
    name = " ".join(
        x for x in (_cell(d.title) if d.title else None, _code(d.ref) if d.ref else None) if x
    ) or _code(d.path)
    out = [f"### {name}", ""]
    if d.action == "renamed":
        out.append(f"- 文件 {_code(d.old_path)} → {_code(d.path)}")
    else:
        out.append(f"- 文件 {_code(d.path)} ({ACTION_NAMES[d.action]})")
    if d.old_ref:
        out.append(f"- 版本 {_code(d.old_ref)} → {_code(d.ref)}")
    if d.problems:
        out += ["- 无法解析 (does not parse):", ""]
        out += [f"  - {_code(p)}" for p in d.problems]
        out.append("")
        return out
    if d.verdict is not None:
        out.append(f"- **结论：{VERDICT_NAMES[d.verdict]}**")
    if d.verdict is Verdict.NOT_EQUIVALENT and d.action in ("modified", "renamed") and d.published:
        out.append(
            "- 已发布文件的不等效修改应另立新版本：写新的 `edition` 并以 `supersedes` 指向旧版本 "
            "(a not-equivalent change to a published document needs a new edition with `supersedes`)."
        )
    out.append("")
    scopes: dict[str, list[Change]] = {}
    for change in d.changes:
        scopes.setdefault(change.scope, []).append(change)
    for scope, changes in scopes.items():
        out += [f"#### {_cell(_scope_title(scope))}", ""]
        rows = ["| 项目 | 变更 | 原 → 新 | 实质 |", "|---|---|---|---|"]
        rows += [
            f"| {_cell(c.label)} | {ACTION_NAMES[c.action]} | {_values(c)} | {'是' if c.substantive else '否'} |"
            for c in changes
        ]
        out += _fold(rows, len(changes), "项变更")
        out.append("")
    if d.blueprints and d.action in ("added", "removed"):
        levels = ", ".join(_cell(_scope_title(b.level)) for b in d.blueprints)
        out += [f"- 考试蓝图 (blueprints) {ACTION_NAMES[d.action]}: {levels}", ""]
    elif d.blueprints:
        out += ["#### 考试蓝图 (blueprints)", ""]
        rows = ["| 等级 | 变更 | 理论题量 |", "|---|---|---|"]
        for b in d.blueprints:
            moves = "; ".join(
                f"{_section_name(i.section)} {_count(i.old)} → {_count(i.new)}" for i in b.items
            )
            rows.append(
                f"| {_cell(_scope_title(b.level))} | {ACTION_NAMES[b.action]} | {_cell(moves) if moves else '—'} |"
            )
        out += _fold(rows, len(d.blueprints), "个蓝图")
        out.append("")
    return out


def _code(text: str | None) -> str:
    """Author text outside a table (headings, list items) as a code span."""
    return markdown.code(text or "", table=False)


def _values(change: Change) -> str:
    if change.action == "added":
        return f"+ {_cell(change.new)}"
    if change.action == "removed":
        return f"− {_cell(change.old)}"
    if change.action == "moved":
        return f"↕ {_cell(change.new)}"
    return f"{_cell(change.old)} → {_cell(change.new)}"


def _section_name(key: str) -> str:
    return SECTION_TITLES.get(key, key)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _fold(rows: list[str], count: int, noun: str) -> list[str]:
    if count <= FOLD_AFTER:
        return rows
    return [f"<details><summary>{count} {noun}</summary>", "", *rows, "", "</details>"]


RENDERERS: dict[str, Callable[[CollectionDiff], str]] = {"markdown": to_markdown, "json": to_json}
