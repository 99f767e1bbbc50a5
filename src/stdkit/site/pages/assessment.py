"""The sections of a levelled document that say who may be assessed and how: 职业概况, 等级设置,
申报条件, 鉴定方式与要求 and an evaluation spec's 其他评价途径 — printed as the fields give them."""

from __future__ import annotations

from stdkit import ladder
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec
from stdkit.model.common import METHOD_NAMES, Method, amount_text, per_level
from stdkit.model.eligibility import Eligibility
from stdkit.model.evaluation import (
    ANY_PRIOR,
    CANDIDATE_NAMES,
    ROUTE_NAMES,
    TIER_NAMES,
    CompetitionRoute,
    DirectRoute,
    GradingRoute,
    Route,
    RouteKind,
)
from stdkit.model.standard import Composite, LevelledBody, PassMarks, Venues, pass_mark_of
from stdkit.site.html import text
from stdkit.site.pages.pieces import dl, html_table, level_name, notes_text, plain_list, section


def profile(doc: LevelledBody) -> str:
    definition = doc.occupation.definition if doc.occupation is not None else None
    rows: list[tuple[str, str]] = [("职业定义", text(definition or ""))]
    profile = getattr(doc, "profile", None)  # optional on an evaluation spec
    if profile is not None:
        rows += [
            ("职业环境条件", text(profile.environment or "")),
            ("职业能力特征", text(profile.abilities or "")),
            ("普通受教育程度", text(profile.education or "")),
            ("备注", notes_text(profile.notes)),
        ]
    levels = "、".join(level_name(doc, level) for level in doc.levels)
    rows.insert(1, ("职业技能等级", text(f"本职业共设{len(doc.levels)}个等级：{levels}。")))
    return dl(rows)


def ladder_table(doc: LevelledBody) -> str:
    training = doc.training
    durations = doc.assessment.durations
    rows = []
    for level in doc.levels:
        step = ladder.step(level)
        own = doc.level_names.get(level, "") if isinstance(doc, EvaluationSpec) else ""
        methods = "、".join(METHOD_NAMES[m] for m in doc.assessment.methods.get(level, []))
        if level in ladder.APPOINTED_LEVELS:
            methods = methods or "评聘"
        minutes = []
        for method, value in (
            (Method.THEORY, durations.theory),
            (Method.SKILL, durations.skill),
            (Method.REVIEW, durations.review),
            (Method.PERFORMANCE, durations.performance),
        ):
            got = per_level(value, level)
            if got and method in doc.assessment.methods.get(level, []):
                minutes.append(f"{METHOD_NAMES[method]} {got} 分钟")
        given = training.hours.get(level) if training else None
        hours = amount_text(given, "") if given is not None else None
        rows.append(
            [
                f"<code>{level.value}</code>",
                text(step.grade or "—"),
                text(step.name),
                text(own or "—"),
                text(methods or "—"),
                text("；".join(minutes) or "—"),
                text(hours or "—"),
            ]
        )
    return html_table(["等级", "国家等级", "名称", "本文件名称", "鉴定方式", "鉴定时间", "培训学时"], rows)


def eligibility(doc: LevelledBody) -> str:
    parts = []
    for level in doc.levels:
        items = doc.assessment.eligibility.get(level)
        if not items:
            continue
        lis = "".join(f"<li>{text(item.text)}{_eligibility_marks(item)}</li>" for item in items)
        parts.append(
            f"<h3>{text(level_name(doc, level))}</h3><p>具备以下条件之一者，可申报本等级：</p><ol>{lis}</ol>"
        )
    notes = doc.assessment.eligibility_notes
    if notes is not None:
        rows = [
            (title, text("、".join(names)))
            for title, names in (
                ("相关职业", notes.related_occupations),
                ("本专业", notes.majors),
                ("相关专业", notes.related_majors),
            )
            if names
        ]
        if rows:
            parts.append("<h3>注</h3>" + dl(rows))
    footnotes = doc.assessment.footnotes
    if footnotes:  # the notes the texts' markers (①, ②) point to, as printed
        parts.append(dl([(marker, text(note)) for marker, note in footnotes.items()]))
    return "".join(parts)


def _eligibility_marks(item: Eligibility) -> str:
    """Badges for what the condition's fields mark (破格, an age) — the sentence itself says the rest."""
    marks = []
    if item.exceptional:
        marks.append("破格")
    if item.min_age is not None:
        marks.append(f"年满 {item.min_age} 周岁")
    if item.max_age is not None:
        marks.append(f"不超过 {item.max_age} 周岁")
    return "".join(f' <span class="sk-tag">{text(m)}</span>' for m in marks)


def assessment(doc: LevelledBody) -> str:
    """The 鉴定要求 exactly as the fields give them: no sentence, qualifier or default the document
    does not state (a pass mark of 70 is printed as 70, a panel of 5 as 5, not 不少于 5; 不少于 and
    （含）以上 appear only where `durations.at_least` or `ratios.review_at_least` say so)."""
    a = doc.assessment
    ratios = _ratios(doc)
    durations = _durations(doc)
    venues = _venues(a.venue)
    return dl(
        [
            ("合格分数线", text(pass_marks(a.pass_mark))),
            ("综合成绩", text(_composite(a.composite)) if a.composite else ""),
            ("理论试卷题量", text(f"{a.theory_items} 题") if a.theory_items is not None else ""),
            ("考评人员与考生配比", plain_list(ratios) if ratios else ""),
            ("鉴定时间", plain_list(durations) if durations else ""),
            ("鉴定场所设备", dl(venues) if venues else ""),
            ("备注", notes_text(a.notes)),
        ]
    )


def _ratios(doc: LevelledBody) -> list[str]:
    """考评人员与考生配比, one line per ratio or panel the document gives."""
    ratio = doc.assessment.ratios
    ratios = []
    if ratio.theory:
        ratios.append(f"理论知识考试 {_per_level_ratio(doc, ratio.theory)}")
    if ratio.invigilators_at_least:
        ratios.append(f"每个考场不少于 {ratio.invigilators_at_least} 名监考人员")
    if ratio.skill:
        ratios.append(f"技能考核 {_per_level_ratio(doc, ratio.skill)}")
    if ratio.examiners_at_least:
        odd = "单数" if ratio.odd else ""
        ratios.append(f"技能考核考评人员 {ratio.examiners_at_least} 人（含）以上{odd}")
    for method in (Method.REVIEW, Method.PERFORMANCE):
        panel = getattr(ratio, method.value)
        if panel:
            qualifier = ("（含）以上" if ratio.review_at_least else "") + ("单数" if ratio.odd else "")
            ratios.append(f"{METHOD_NAMES[method]}委员 {_per_level_count(doc, panel, '人')}{qualifier}")
    return ratios


def _durations(doc: LevelledBody) -> list[str]:
    """鉴定时间 per method, 不少于 only where ``durations.at_least`` names the method."""
    durations = doc.assessment.durations
    return [
        f"{METHOD_NAMES[method]}{'不少于' if method in durations.at_least else ''} "
        f"{_per_level_minutes(doc, value)}"
        for method, value in (
            (Method.THEORY, durations.theory),
            (Method.SKILL, durations.skill),
            (Method.REVIEW, durations.review),
            (Method.PERFORMANCE, durations.performance),
        )
        if value is not None
    ]


def _venues(venue: Venues) -> list[tuple[str, str]]:
    """鉴定场所设备 per method, as (method name, escaped text) rows."""
    return [
        (METHOD_NAMES[m], text(v))
        for m, v in (
            (Method.THEORY, venue.theory),
            (Method.SKILL, venue.skill),
            (Method.REVIEW, venue.review),
            (Method.PERFORMANCE, venue.performance),
        )
        if v
    ]


def pass_marks(value: int | PassMarks | None) -> str:
    """合格分数线 as the page prints it; empty when the document gives none (nothing is assumed)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value} 分"
    return "；".join(
        f"{METHOD_NAMES[method]} {mark} 分"
        for method in Method
        if (mark := pass_mark_of(value, method)) is not None
    )


def _composite(composite: Composite) -> str:
    parts = "，".join(f"{METHOD_NAMES[m]}占 {w}%" for m, w in composite.weights.items())
    if composite.pass_mark is not None:
        parts += f"；综合成绩合格分数线 {composite.pass_mark} 分"
    return parts


def _per_level_ratio(doc: LevelledBody, value: int | dict[Level, int]) -> str:
    if isinstance(value, int):
        return f"1:{value}"
    return "，".join(f"{level_name(doc, level)} 1:{n}" for level, n in value.items())


def _per_level_count(doc: LevelledBody, value: int | dict[Level, int], unit: str) -> str:
    if isinstance(value, int):
        return f"{value} {unit}"
    return "，".join(f"{level_name(doc, level)} {n} {unit}" for level, n in value.items())


def _per_level_minutes(doc: LevelledBody, value: int | dict[Level, int]) -> str:
    if isinstance(value, int):
        return f"{value} 分钟"
    return "，".join(f"{level_name(doc, level)} {minutes} 分钟" for level, minutes in value.items())


def routes(doc: EvaluationSpec) -> str:
    """The spec's other routes to a level (第九、十条), in its order and in its words."""
    items = [_route(doc, route) for route in doc.routes]
    return section("其他评价途径", *items) if items else ""


def _route(doc: EvaluationSpec, route: Route) -> str:
    kind = RouteKind(route.kind)
    return f'<h3 class="sk-route sk-route--{kind.value}">{text(ROUTE_NAMES[kind])}</h3>' + dl(
        _route_rows(doc, route)
    )


def _route_rows(doc: EvaluationSpec, route: Route) -> list[tuple[str, str]]:
    if isinstance(route, CompetitionRoute):
        return _competition_rows(doc, route)
    if isinstance(route, DirectRoute):
        return [
            ("认定等级", text(level_name(doc, route.level))),
            ("认定条件", plain_list(route.conditions)),
        ]
    if isinstance(route, GradingRoute):
        return [
            ("定级等级", text("、".join(level_name(doc, level) for level in route.levels))),
            ("考评依据", text("、".join(route.evidence))),
            ("截止日期", text(route.until) if route.until else ""),
        ]
    return [("定级等级", text(level_name(doc, route.level))), ("定级时点", text(route.after))]


def _competition_rows(doc: EvaluationSpec, route: CompetitionRoute) -> list[tuple[str, str]]:
    """竞赛: its name, tier and class, the ranks that count, who may enter and what each rank grants."""
    tier = TIER_NAMES[route.tier] if route.tier else ""
    grade = f"（{route.class_}）" if route.class_ else ""
    band = f"前{route.rank.top}名" if route.rank.top is not None else ""
    if route.rank.top_percent is not None:
        band = f"前{route.rank.top_percent:g}%"
    grants = "；".join(
        f"{'名次在列者' if prior == ANY_PRIOR else '已取得' + level_name(doc, Level(prior)) + '者'}"
        f"晋升为{level_name(doc, granted)}"
        for prior, granted in route.table().items()
    )
    grants = route.by_reference() or grants
    return [
        ("竞赛", text(route.name)),
        ("竞赛级别", text(tier + grade)),
        ("获奖名次", text(band)),
        ("参赛对象", text(CANDIDATE_NAMES[route.candidates]) if route.candidates else ""),
        ("晋升", text(grants)),
        ("限制", "同一年内只能晋升一次" if route.once_per_year else ""),
    ]
