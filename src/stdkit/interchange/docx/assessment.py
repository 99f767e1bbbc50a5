"""1.9 职业技能鉴定要求 as the export prints it: the lines of each of its sections (申报条件, 评价途径, 鉴定方式,
配比, 鉴定时间, 鉴定场所设备), and their numbers. Text only: :mod:`.write` puts it on the page, and this
module never touches python-docx.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stdkit.interchange import layout
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec, LevelledBody
from stdkit.model.common import METHOD_NAMES, Method
from stdkit.model.evaluation import (
    CANDIDATE_NAMES,
    TIER_NAMES,
    ApprenticeshipRoute,
    CompetitionRoute,
    DirectRoute,
    GradingRoute,
    Route,
)
from stdkit.model.standard import PassMarks, Ratios

#: Paragraphs to print: each one's text, and whether it is bold.
Lines = list[tuple[str, bool]]


def sections(document: LevelledBody, names: dict[Level, str]) -> list[tuple[str, str, Lines]]:
    """(number, title, lines) of each section of 1.9 that has something to print, numbered in turn."""
    parts: tuple[tuple[str, Lines], ...] = (
        (layout.H_ELIGIBILITY, _eligibility(document, names)),
        (layout.H_ROUTES, _routes(document, names)),
        (layout.H_METHODS, _methods(document, names)),
        (layout.H_RATIOS, _ratios(document, names)),
        (layout.H_DURATIONS, _durations(document, names)),
        (layout.H_VENUE, _venues(document)),
    )
    out: list[tuple[str, str, Lines]] = []
    number = 0
    for title, lines in parts:
        if not lines:
            continue
        number += 1
        out.append((f"1.9.{number}", title, lines))
        if title == layout.H_RATIOS:
            number = _numbered_after_ratios(document.assessment.ratios, number)
    return out


def _minutes(value: int | dict[Level, int] | None, levels: Sequence[Level], names: dict[Level, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return "；".join(f"{layout.level_title(lv, names)}{value[lv]}" for lv in levels if lv in value)


def _numbered_after_ratios(ratios: Ratios, number: int) -> int:
    """The number the section after 配比 follows: as the export has always printed it, the last minimum
    printed (每个考场监考人员不少于 …) when there is one — the loop that printed the minimums reused the
    sections' counter for their values. Kept so that the restructuring changes no byte; to fix on its own."""
    minimums = [value for field, _ in layout.RATIO_MINIMUMS if (value := getattr(ratios, field))]
    return minimums[-1] if minimums else number


def _numbered(texts: Iterable[str]) -> Lines:
    """Numbered as the layout numbers items: （1）…, （2）…"""
    return [(f"（{index}）{text}", False) for index, text in enumerate(texts, 1)]


def _eligibility(document: LevelledBody, names: dict[Level, str]) -> Lines:
    """申报条件: each level's conditions, then each 工种's."""
    lines: Lines = []
    for level, conditions in document.assessment.eligibility.items():
        lines.append((f"{layout.level_title(level, names)}：", True))
        lines += _numbered(c.text for c in conditions)
    for work_type in document.work_types:
        for level, conditions in work_type.eligibility.items():
            lines.append((f"{layout.level_title(level, names)}（{work_type.name}）：", True))
            lines += _numbered(c.text for c in conditions)
    footnotes = document.assessment.footnotes  # the notes of the texts' markers (①), as printed under them
    if footnotes:
        lines.append((layout.NOTES_LABEL, True))
        lines += [(f"{marker}{note}", False) for marker, note in footnotes.items()]
    return lines


def _routes(document: LevelledBody, names: dict[Level, str]) -> Lines:
    """评价途径 (an evaluation spec's)."""
    routes = document.routes if isinstance(document, EvaluationSpec) else []
    return [(f"（{index}）{_route(route, names)}", False) for index, route in enumerate(routes, 1)]


def _methods(document: LevelledBody, names: dict[Level, str]) -> Lines:
    """鉴定方式: each level's methods, then 合格分数线 and 理论知识试卷题量 where the document gives them
    (a value it does not give is printed nowhere, so a Word round trip never adds it)."""
    assessment = document.assessment
    lines: Lines = []
    for level, methods in assessment.methods.items():
        shown = layout.LIST_SEPARATOR.join(METHOD_NAMES[m] for m in methods)
        lines.append((f"{layout.level_title(level, names)}：{shown}", False))
    marks = pass_marks(assessment.pass_mark)
    if marks:
        lines.append((f"{layout.PASS_MARK_LABEL}{marks}", False))
    if assessment.theory_items is not None:
        lines.append((f"{layout.THEORY_ITEMS_LABEL}{assessment.theory_items}", False))
    return lines


def pass_marks(value: int | PassMarks | None) -> str:
    """合格分数线 as the layout prints it (``60分``, ``理论知识考试60分；技能考核70分``); empty when not given."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value}分"
    return "；".join(
        f"{METHOD_NAMES[m]}{getattr(value, m.value)}分" for m in Method if getattr(value, m.value) is not None
    )


def _ratios(document: LevelledBody, names: dict[Level, str]) -> Lines:
    """监考人员、考评人员与考生配比: each method's ratio, the qualifiers, the minimums."""
    ratios = document.assessment.ratios
    lines: Lines = []
    for method in Method:
        value = getattr(ratios, method.value)
        if value is not None:
            shown = _minutes(value, document.levels, names)
            lines.append((f"{METHOD_NAMES[method]}：{'1:' if isinstance(value, int) else ''}{shown}", False))
    lines += [(label, False) for field, label in layout.RATIO_FLAGS if getattr(ratios, field)]
    for field, label in layout.RATIO_MINIMUMS:
        if getattr(ratios, field):
            lines.append((f"{label}{getattr(ratios, field)}", False))
    return lines


def _durations(document: LevelledBody, names: dict[Level, str]) -> Lines:
    """鉴定时间: each method's minutes, （不少于） when at least."""
    durations = document.assessment.durations
    lines: Lines = []
    for method in Method:
        value = getattr(durations, method.value)
        if value is not None:
            shown = _minutes(value, document.levels, names)
            suffix = "（不少于）" if method in durations.at_least else ""
            lines.append((f"{METHOD_NAMES[method]}：{shown}分钟{suffix}", False))
    return lines


def _venues(document: LevelledBody) -> Lines:
    """鉴定场所设备: each method's venue."""
    venue = document.assessment.venue
    return [(f"{METHOD_NAMES[m]}：{text}", False) for m in Method if (text := getattr(venue, m.value))]


def _route(route: Route, names: dict[Level, str]) -> str:
    if isinstance(route, CompetitionRoute):
        band = f"前{route.rank.top}名" if route.rank.top is not None else f"前{route.rank.top_percent}%"
        grants = "；".join(
            f"{'获奖者' if prior == 'any' else layout.level_title(Level(prior), names) + '获奖者'}"
            f"晋升{layout.level_title(granted, names)}"
            for prior, granted in route.table().items()
        )
        grants = route.by_reference() or grants
        parts = [f"以赛代评：{route.name}"]
        if route.tier is not None:
            parts.append(TIER_NAMES[route.tier])
        if route.class_ is not None:
            parts.append(route.class_.value)
        if route.candidates is not None:
            parts.append(f"参赛对象{CANDIDATE_NAMES[route.candidates]}")
        parts += [band, grants]
        if route.once_per_year:
            parts.append("同一年内只能晋升一次")
        return "，".join(parts) + "。"
    if isinstance(route, DirectRoute):
        return f"直接认定{layout.level_title(route.level, names)}：{'；'.join(route.conditions)}。"
    if isinstance(route, GradingRoute):
        levels = layout.LIST_SEPARATOR.join(layout.level_title(lv, names) for lv in route.levels)
        until = f"，截至{route.until.isoformat()}" if route.until else ""
        return f"定级考评{levels}：{layout.LIST_SEPARATOR.join(route.evidence)}{until}。"
    assert isinstance(route, ApprenticeshipRoute)
    return f"学徒工转正定级{layout.level_title(route.level, names)}：{route.after}。"
