"""Weights: every 权重表 column sums to 100 and names exactly the functions of its level.

Why: blueprints apportion a paper's items and a practical exam's marks from these columns;
a column of 95 or a function without weight would silently drop content from the exam.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from stdkit import ladder
from stdkit.checks import drafts
from stdkit.collection import AnyEntry, function_names, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import APPOINTED_LEVELS, Level
from stdkit.load import Path_
from stdkit.model import LevelledBody
from stdkit.model.common import BASICS_KEY, ETHICS_KEY, METHOD_NAMES, Method

ETHICS, BASICS = ETHICS_KEY, BASICS_KEY
NOUNS_ZH = {"function": "职业功能", "module": "考核模块"}

R_SUM = rule(
    "WGT401",
    "weights",
    Severity.ERROR,
    "A weight column does not sum to 100.",
    "Adjust the percentages of the column so that they add up to exactly 100.",
    bad="theory:\n  L5: {ethics: 5, basics: 25, 电气安装: 40, 线路检修: 25}",
    good="theory:\n  L5: {ethics: 5, basics: 25, 电气安装: 40, 线路检修: 30}",
    detail="The column {column} sums to {total} ({shown}), not 100.",
    zh=Wording(
        "权重表的一列合计不是 100。",
        "请调整该列各项的百分比，使合计恰为 100。",
        "权重列 {column} 合计为 {total}（{shown}），不是 100。",
    ),
)
R_UNWEIGHTED = rule(
    "WGT402",
    "weights",
    Severity.ERROR,
    "A 职业功能 (or module) has no weight in a column of its level.",
    "Add its name, exactly as written under `work:` (or `units:`), with its percentage to the column.",
    detail="The {noun} `{name}` has no weight in {column}.",
    zh=Wording(
        "某个职业功能（或考核模块）在本等级的权重列中没有权重。",
        "请把它的名称（与 `work:` 或 `units:` 下写法完全一致）连同百分比加入该列。",
        "{noun_zh}「{name}」在 {column} 中没有权重。",
    ),
    bad="work:\n  L5:\n    - function: 电气线路检修\nweights:\n  skill:\n    L5: {电气安装: 100}",
    good="    L5: {电气安装: 55, 电气线路检修: 45}",
)
R_UNKNOWN = rule(
    "WGT403",
    "weights",
    Severity.ERROR,
    "A weight names a function (or module) that the level does not have.",
    "Use the exact name as written under `work:` for that level (or `units:`), or remove the weight.",
    detail="`{name}` is not a {noun} of {owner}.{hint}",
    zh=Wording(
        "权重表中的名称不是本等级的职业功能（或考核模块）。",
        "请使用该等级 `work:`（或 `units:`）下的准确名称，或删除这项权重。",
        "「{name}」不是 {owner} 的{noun_zh}。{hint_zh}",
    ),
    bad="skill:\n  L5: {电器安装: 100}   # the function is 电气安装",
    good="skill:\n  L5: {电气安装: 100}",
)
R_THEORY_BASICS = rule(
    "WGT404",
    "weights",
    Severity.ERROR,
    "A theory column lacks `ethics` (职业道德) or `basics` (基础知识).",
    "Add `ethics` and `basics` with their percentages to the theory column.",
    detail="The theory column of {level} has no {missing}.",
    zh=Wording(
        "理论知识权重列缺少 `ethics`（职业道德）或 `basics`（基础知识）。",
        "请在理论知识权重列中加入 `ethics` 和 `basics` 及其百分比。",
        "{level} 的理论知识权重列没有 {missing}。",
    ),
    bad="theory:\n  L5: {电气安装: 60, 线路检修: 40}",
    good="theory:\n  L5: {ethics: 5, basics: 25, 电气安装: 40, 线路检修: 30}",
)
R_MISSING_COLUMN = rule(
    "WGT405",
    "weights",
    Severity.ERROR,
    "A level examined by theory or skill has no weight column for it.",
    "Add the level's column under `weights.theory` or `weights.skill`.",
    detail={
        "special": "The theory exam has no `weights.theory`.",
        "level": "{level_title} is examined by {method} but has no `{column}` column.",
    },
    zh=Wording(
        "某等级采用理论知识考试或技能考核，却没有对应的权重列。",
        "请在 `weights.theory` 或 `weights.skill` 下加入该等级的权重列。",
        {
            "special": "采用理论知识考试，却没有 `weights.theory`。",
            "level": "{level_title} 采用{method_zh}，却没有 `{column}` 权重列。",
        },
    ),
)
R_UNUSED_COLUMN = rule(
    "WGT406",
    "weights",
    Severity.WARNING,
    "A weight column for an assessment the level does not have.",
    "Remove the column, or add the method to the level's `assessment.methods`.",
    detail="{level} is not examined by {method}.",
    zh=Wording(
        "权重列所对应的鉴定方式不是本等级采用的方式。",
        "请删除该列，或在该等级的 `assessment.methods` 中加入这一鉴定方式。",
        "{level} 不采用{method_zh}。",
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is not None:
        # A draft's missing columns are warnings (DRF701 names a 权重表 left out altogether).
        yield from drafts.relaxed(entry, _levelled(entry))
        return
    competency = special(entry.document)
    if competency is None or "weights" not in competency.model_fields_set:
        return  # DRF701/702 report a 权重表 left out, once
    units = [unit.name for unit in competency.units]
    yield from _column(entry, ("weights", "skill"), competency.weights.skill, units, ("units",), "module")
    if competency.weights.theory is not None:
        yield from _column(
            entry, ("weights", "theory"), competency.weights.theory, units, ("units",), "module"
        )
    elif Method.THEORY in competency.assessment.methods:
        yield entry.at(("weights",), R_MISSING_COLUMN, key=True, variant="special")


def _levelled(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    assert document is not None
    if "weights" in document.model_fields_set:  # else DRF701/702 report the missing 权重表 once
        yield from _levels(entry, document, document.levels, ())
    # A 工种's own levels are checked on its view (common levels plus its own), at its own tables.
    for index, work_type in enumerate(document.work_types):
        own = [level for level in document.levels if level in work_type.levels]
        yield from _levels(entry, document.for_work_type(index), own, ("work_types", index))


def _levels(
    entry: AnyEntry, document: LevelledBody, levels: list[Level], prefix: Path_
) -> Iterator[Diagnostic]:
    """The columns of ``levels``; ``prefix`` is where the tables stand (a 工种's block, or the top)."""
    for level in levels:
        if level in APPOINTED_LEVELS or level not in document.work:
            continue
        functions = function_names(document, level)
        methods = document.assessment.methods.get(level, [])
        for method, table in (
            (Method.THEORY, document.weights.theory),
            (Method.SKILL, document.weights.skill),
        ):
            where: Path_ = (*prefix, "weights", method.value, level)
            shown = ".".join(map(str, where))
            if level not in table:
                if method in methods:
                    yield entry.at(
                        (*prefix, "weights", method.value)
                        if method.value in _present(document.weights)
                        else (*prefix, "weights"),
                        R_MISSING_COLUMN,
                        key=True,
                        variant="level",
                        level_title=ladder.title(level),
                        column=shown,
                        method=method.value,
                        method_zh=METHOD_NAMES[method],
                    )
                continue
            if methods and method not in methods:
                yield entry.at(
                    where,
                    R_UNUSED_COLUMN,
                    key=True,
                    level=level,
                    method=method.value,
                    method_zh=METHOD_NAMES[method],
                )
            column = table[level]
            if method is Method.THEORY:
                missing = [name for name in (ETHICS, BASICS) if name not in column]
                if missing:
                    yield entry.at(
                        where,
                        R_THEORY_BASICS,
                        key=True,
                        level=level,
                        missing=" or ".join(f"`{m}`" for m in missing),
                    )
            extra = (ETHICS, BASICS) if method is Method.THEORY else ()
            yield from _column(entry, where, column, functions, (*prefix, "work", level), "function", extra)


def _column(
    entry: AnyEntry,
    where: Path_,
    column: Mapping[str, int],
    names: list[str],
    owner: Path_,
    noun: str,
    extra: tuple[str, ...] = (),
) -> Iterator[Diagnostic]:
    total = sum(column.values())
    if total != 100:
        shown = " + ".join(str(value) for value in column.values())
        yield entry.at(where, R_SUM, key=True, column=".".join(map(str, where)), total=total, shown=shown)
    for index, name in enumerate(names):
        if name not in column:
            yield entry.at(
                (*owner, index, "function" if noun == "function" else "name"),
                R_UNWEIGHTED,
                noun=noun,
                noun_zh=NOUNS_ZH[noun],
                name=name,
                column=".".join(map(str, where)),
            )
    for name in column:
        if name not in names and name not in extra:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
            yield entry.at(
                (*where, name),
                R_UNKNOWN,
                key=True,
                name=name,
                noun=noun,
                noun_zh=NOUNS_ZH[noun],
                owner=".".join(map(str, owner)),
                hint=f" Did you mean `{close[0]}`?" if close else "",
                hint_zh=f"是否想写「{close[0]}」？" if close else "",
            )


def _present(weights: object) -> set[str]:
    return {name for name in ("theory", "skill") if getattr(weights, name)}
