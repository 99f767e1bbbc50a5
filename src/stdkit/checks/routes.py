"""Routes (其他评价途径): the ways to a level other than the examination that an evaluation spec states.

Why: 第九、十条 let employers promote competition winners (以赛代评), recognise outstanding front-line
workers directly (直接认定), grade staff when they start their system (定级考评) and place apprentices
(学徒工转正定级); but 特级技师 and 首席技师 are filled only by 评聘, a route can only lead to a level the
spec sets, and a promotion goes up the ladder. An exam system trusts the blueprint's routes, so a
route that contradicts the ladder must not reach it. This module reads one document and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdkit import ladder
from stdkit.collection import AnyEntry
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec
from stdkit.model.evaluation import (
    ANY_PRIOR,
    ApprenticeshipRoute,
    CompetitionRoute,
    DirectRoute,
    GradingRoute,
    Rank,
)

R_APPOINTED = rule(
    "RTE951",
    "routes",
    Severity.ERROR,
    "A route leads to 特级技师 or 首席技师, which are filled only by 评聘 (第九条).",
    "Grant at most the spec's highest examined level; describe principal/chief under `appointment:`.",
    bad="routes:\n  - kind: direct\n    level: principal\n    conditions: [获得全国技术能手称号]",
    good="routes:\n  - kind: direct\n    level: L1\n    conditions: [获得全国技术能手称号]",
    detail="{level_title} is filled only by 评聘.",
    zh=Wording(
        "途径通向特级技师或首席技师，而这两级只能通过评聘产生（第九条）。",
        "途径授予的等级最高为本规范经考核的最高等级；特级技师、首席技师请在 `appointment:` 下说明。",
        "{level_title}只能通过评聘产生。",
    ),
)
R_NOT_A_LEVEL = rule(
    "RTE952",
    "routes",
    Severity.ERROR,
    "A route names a level the spec does not set.",
    "Name one of the spec's `levels`, or add the level to the spec.",
    bad="levels: [L4, L3, L2]\nroutes:\n  - kind: direct\n    level: L1\n    conditions: [获得省级技术能手称号]",
    good="levels: [L4, L3, L2]\nroutes:\n  - kind: direct\n    level: L2\n    conditions: [获得省级技术能手称号]",
    detail={
        "level": "The spec does not set {level_title}.",
        "prior": "The spec does not set {level_title}, the prior level.",
    },
    zh=Wording(
        "途径中的等级不是本规范设置的等级。",
        "请写本规范 `levels` 中的等级，或把该等级加入本规范。",
        {"level": "本规范没有设{level_title}。", "prior": "本规范没有设原等级{level_title}。"},
    ),
)
R_NOT_UP = rule(
    "RTE953",
    "routes",
    Severity.ERROR,
    "A competition grants a level that is not above the level the candidate already holds.",
    "Grant a higher level than the prior one (e.g. `L3: L2`: holders of 三级 become 二级).",
    bad="grants: {L3: L4}",
    good="grants: {L3: L2}",
    detail="Holders of {held} would be granted {granted}.",
    zh=Wording(
        "竞赛授予的等级不高于参赛者已持有的等级。",
        "请授予高于原等级的等级（例如 `L3: L2`：持三级者晋升为二级）。",
        "持有{held}者将被授予{granted}。",
    ),
)
R_BAND = rule(
    "RTE954",
    "routes",
    Severity.ERROR,
    "A competition's rank band is not well formed.",
    "Give exactly one of `top: N` (N ≥ 1) or `top_percent: P` (0 < P ≤ 100).",
    bad="rank: {top: 0}",
    good="rank: {top: 6}",
    detail={
        "both": "Give one band, not both.",
        "none": "Give one band, not none.",
        "top": "top: {top} promotes nobody.",
        "percent": "top_percent: {percent} is not a share.",
    },
    zh=Wording(
        "竞赛的名次范围写法不对。",
        "请给出 `top: N`（N ≥ 1）或 `top_percent: P`（0 < P ≤ 100），且只给其中一项。",
        {
            "both": "名次范围只能给一种，不能两种都给。",
            "none": "没有给出名次范围。",
            "top": "top: {top} 不会使任何人晋升。",
            "percent": "top_percent: {percent} 不是有效的百分比。",
        },
    ),
)
R_NO_TIER = rule(
    "RTE955",
    "routes",
    Severity.ERROR,
    "A competition route does not say the competition's tier.",
    "Add `tier:` national | provincial | municipal | district | enterprise.",
    bad="- kind: competition\n  name: 公司变电运维技能竞赛\n  rank: {top: 6}\n  grants: {any: L3}",
    good="- kind: competition\n  name: 公司变电运维技能竞赛\n  tier: enterprise\n  rank: {top: 6}\n  grants: {any: L3}",
    detail="「{name}」:",
    zh=Wording(
        "竞赛途径没有写明竞赛级别。",
        "请加入 `tier:`，取 national（国家级）、provincial（省级）、municipal（市级）、district（区县级）"
        "或 enterprise（企业级）。",
        "「{name}」：",
    ),
)
R_NO_CONDITIONS = rule(
    "RTE956",
    "routes",
    Severity.ERROR,
    "A direct route (直接认定) states no conditions.",
    "List the conditions a worker must meet under `conditions:`, as the spec states them.",
    bad="- kind: direct\n  level: L2",
    good="- kind: direct\n  level: L2\n  conditions: [获得省级及以上技术能手称号]",
    zh=Wording("直接认定途径没有写明条件。", "请在 `conditions:` 下按规范原文列出职工须满足的条件。"),
)
R_NO_END = rule(
    "RTE957",
    "routes",
    Severity.WARNING,
    "An initial grading (定级考评) has no end date.",
    "Add `until: YYYY-MM-DD`: grading on 岗位条件、日常表现、工作业绩 is for starting the system, not a standing route.",
    bad="- kind: grading\n  levels: [L4, L3]",
    good="- kind: grading\n  levels: [L4, L3]\n  until: 2025-12-31",
    zh=Wording(
        "定级考评没有截止日期。",
        "请加入 `until: YYYY-MM-DD`：依据岗位条件、日常表现、工作业绩的定级考评只用于建立评价制度之初，不是长期途径。",
    ),
)
R_CONFLICT = rule(
    "RTE958",
    "routes",
    Severity.ERROR,
    "Two competition routes of the same tier, class, rank band and `candidates` grant different levels.",
    "Merge the two routes, or make their tiers, classes or bands differ, or name whom each promotes (`candidates`).",
    bad="- {kind: competition, name: 甲, tier: enterprise, rank: {top: 6}, grants: {any: L3}}\n"
    "- {kind: competition, name: 乙, tier: enterprise, rank: {top: 6}, grants: {any: L2}}",
    good="- {kind: competition, name: 甲, tier: enterprise, rank: {top: 6}, grants: {any: L3}}\n"
    "- {kind: competition, name: 乙, tier: provincial, rank: {top: 6}, grants: {any: L2}}",
    detail="Route {route} grants {granted} where route {first} grants {first_granted} to the same band.",
    zh=Wording(
        "两条级别、类别、名次范围和参赛对象（`candidates`）都相同的竞赛途径，授予了不同等级。",
        "请合并这两条途径，或使它们的级别、类别或名次范围不同，或写明各自的参赛对象（`candidates`）。",
        "第 {route} 条途径授予{granted}，而第 {first} 条途径对同一名次范围授予{first_granted}。",
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = entry.document
    if not isinstance(document, EvaluationSpec):
        return
    levels = set(document.levels)
    seen: dict[tuple[object, ...], tuple[int, Level]] = {}
    for index, route in enumerate(document.routes):
        where: Path_ = ("routes", index)
        if isinstance(route, CompetitionRoute):
            yield from _competition(entry, where, route, levels)
            for prior, granted in route.table().items():
                # 职工 and 学生 of one competition are often promoted differently (routes for other
                # `candidates` never conflict)
                band = (
                    route.tier,
                    route.class_,
                    route.rank.top,
                    route.rank.top_percent,
                    route.candidates,
                    str(prior),
                )
                first = seen.setdefault(band, (index, granted))
                if first[1] != granted:
                    yield entry.at(
                        (*where, "grants", str(prior)),
                        R_CONFLICT,
                        route=index + 1,
                        granted=ladder.title(granted),
                        first=first[0] + 1,
                        first_granted=ladder.title(first[1]),
                    )
        elif isinstance(route, DirectRoute):
            yield from _level(entry, (*where, "level"), route.level, levels)
            if not route.conditions:
                yield entry.at(where, R_NO_CONDITIONS)
        elif isinstance(route, GradingRoute):
            for n, level in enumerate(route.levels):
                yield from _level(entry, (*where, "levels", n), level, levels)
            if route.until is None:
                yield entry.at(where, R_NO_END)
        elif isinstance(route, ApprenticeshipRoute):
            yield from _level(entry, (*where, "level"), route.level, levels)


def _level(entry: AnyEntry, where: Path_, level: Level, levels: set[Level]) -> Iterator[Diagnostic]:
    """A level a route leads to: never an appointed post, always one of the spec's levels."""
    if level in ladder.APPOINTED_LEVELS:
        yield entry.at(where, R_APPOINTED, level_title=ladder.title(level))
    elif level not in levels:
        yield entry.at(where, R_NOT_A_LEVEL, variant="level", level_title=ladder.title(level))


def _competition(
    entry: AnyEntry, where: Path_, route: CompetitionRoute, levels: set[Level]
) -> Iterator[Diagnostic]:
    if route.tier is None:
        yield entry.at(where, R_NO_TIER, name=route.name)
    yield from _band(entry, (*where, "rank"), route.rank)
    for prior, granted in route.table().items():
        key = str(prior)
        if prior != ANY_PRIOR:
            held = Level(prior)
            if held not in levels:
                yield entry.at(
                    (*where, "grants", key),
                    R_NOT_A_LEVEL,
                    key=True,
                    variant="prior",
                    level_title=ladder.title(held),
                )
            if ladder.rank(granted) <= ladder.rank(held):
                yield entry.at(
                    (*where, "grants", key),
                    R_NOT_UP,
                    held=ladder.title(held),
                    granted=ladder.title(granted),
                )
                continue
        yield from _level(entry, (*where, "grants", key), granted, levels)


def _band(entry: AnyEntry, where: Path_, rank: Rank) -> Iterator[Diagnostic]:
    if (rank.top is None) == (rank.top_percent is None):
        yield entry.at(where, R_BAND, variant="both" if rank.top is not None else "none")
    elif rank.top is not None and rank.top < 1:
        yield entry.at((*where, "top"), R_BAND, variant="top", top=rank.top)
    elif rank.top_percent is not None and not 0 < rank.top_percent <= 100:
        yield entry.at((*where, "top_percent"), R_BAND, variant="percent", percent=f"{rank.top_percent:g}")
