"""Assessment: review panels, pass marks per component, composite scores, 评聘 groups, minimum times.

Why: the blueprint an exam system trusts is compiled from these fields. An even review panel cannot
reach a majority (评审委员为3人（含）以上单数); a per-component pass mark table that forgets the skill
test has no pass mark at all; a composite of 30 + 60 scores candidates out of 90; a 评聘 group that
asks for 3 of 2 conditions can never be met. Each is a fact a reviewer would otherwise have to spot.

Checks never mutate the document; they only read the fields and yield located diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdkit import ladder
from stdkit.collection import AnyEntry, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec, LevelledBody
from stdkit.model.common import METHOD_NAMES, Method
from stdkit.model.eligibility import Eligibility
from stdkit.model.evaluation import AnyOf
from stdkit.model.standard import Composite, PassMarks

#: A panel decides by majority: at least this many members, and an odd number of them.
MIN_PANEL = 3
PANELS = (Method.REVIEW, Method.PERFORMANCE)

R_PANEL = rule(
    "ASM301",
    "assessment",
    Severity.ERROR,
    "A review panel (综合评审 or 业绩评审) has an even number of members or fewer than 3.",
    "Make the panel an odd number of 3 or more members (3, 5, 7 …), so that it can decide by majority.",
    detail="The {method} panel{scope} has {size} member(s); it needs an odd number of at least 3.",
    zh=Wording(
        "评审委员人数为双数或少于 3 人。",
        "请将评审委员人数定为 3 人（含）以上的单数（3、5、7……），以便按多数意见作出结论。",
        "{method_zh}委员{scope_zh}为 {size} 人；应为 3 人（含）以上单数。",
    ),
    bad="ratios: {theory: 15, skill: 5, review: 4}",
    good="ratios: {theory: 15, skill: 5, review: 5}",
)
R_PASS_MISSING = rule(
    "ASM302",
    "assessment",
    Severity.WARNING,
    "Pass marks are given per component, but a component the document uses has none (none is assumed).",
    "Add the component's pass mark to `assessment.pass_mark`, e.g. `{theory: 60, skill: 70}`.",
    detail="`pass_mark` gives no mark for {method} ({method_zh}), which {levels} use; its blueprints say "
    "`not-stated`.",
    zh=Wording(
        "合格分数线按考核部分给出，但缺少文件所用的某一部分（不作任何假定）。",
        "请在 `assessment.pass_mark` 中补上该部分的合格分数线，例如 `{theory: 60, skill: 70}`。",
        "`pass_mark` 没有给出{method_zh}（{method}）的合格分数线，{levels_zh}采用该方式；蓝图中该项为“未规定”。",
    ),
    bad="methods: {L4: [theory, skill]}\npass_mark: {theory: 60}",
    good="methods: {L4: [theory, skill]}\npass_mark: {theory: 60, skill: 70}",
)
R_PASS_UNUSED = rule(
    "ASM303",
    "assessment",
    Severity.WARNING,
    "A pass mark or composite weight names a component no level of the document uses.",
    "Remove it, or add the method to the levels' `assessment.methods`.",
    detail="{field} names {method} ({method_zh}), but no level is assessed by it.",
    zh=Wording(
        "合格分数线或综合成绩构成中列出了文件未采用的考核部分。",
        "请删除该项，或在相应等级的 `assessment.methods` 中加入这一鉴定方式。",
        "{field} 列出了{method_zh}（{method}），但没有任何等级采用该方式。",
    ),
    bad="methods: {L4: [theory, skill]}\npass_mark: {theory: 60, skill: 70, review: 60}",
    good="methods: {L4: [theory, skill]}\npass_mark: {theory: 60, skill: 70}",
)
R_COMPOSITE_SUM = rule(
    "ASM304",
    "assessment",
    Severity.ERROR,
    "The composite weights (综合成绩构成) do not sum to 100.",
    "Adjust the percentages of `composite.weights` so that they add up to exactly 100.",
    detail="`composite.weights` sums to {total} ({shown}), not 100.",
    zh=Wording(
        "综合成绩构成合计不是 100。",
        "请调整 `composite.weights` 各项百分比，使合计恰为 100。",
        "`composite.weights` 合计为 {total}（{shown}），不是 100。",
    ),
    bad="composite: {weights: {theory: 30, skill: 60}, pass_mark: 60}",
    good="composite: {weights: {theory: 30, skill: 70}, pass_mark: 60}",
)
R_COMPOSITE_LEVEL = rule(
    "ASM311",
    "assessment",
    Severity.ERROR,
    "At a level, the composite weights of the components it has do not add up to 100.",
    "Give the level the components `composite.weights` names, or weigh only components every level has "
    "(components outside the composite pass on their own `pass_mark`).",
    detail="{level} is assessed by {methods}: of `composite.weights` only {shown} apply there, {total} in all, "
    "not 100.",
    zh=Wording(
        "某一等级所含考核部分的综合成绩构成合计不是 100。",
        "请为该等级补上 `composite.weights` 所列的考核部分，或只对各等级都有的考核部分计算综合成绩"
        "（综合成绩以外的部分按各自的 `pass_mark` 单独合格）。",
        "{level} 的鉴定方式为 {methods}：`composite.weights` 中只有 {shown} 适用于该等级，合计 {total}，不是 100。",
    ),
    bad="methods: {L3: [theory, skill], L2: [theory, review]}\ncomposite: {weights: {theory: 30, skill: 70}}",
    good="methods: {L3: [theory, skill], L2: [theory, skill, review]}\n"
    "composite: {weights: {theory: 30, skill: 70}}",
)
R_GROUP_IMPOSSIBLE = rule(
    "ASM305",
    "assessment",
    Severity.ERROR,
    "A 评聘 criteria group asks for more conditions than it lists.",
    "Lower `any` to at most the number of conditions under `of`, or add the missing conditions.",
    detail="The group asks for {wanted} of {listed} condition(s).",
    zh=Wording(
        "评聘条件组要求具备的项数多于所列条件数。",
        "请把 `any` 改为不超过 `of` 下所列条件的数量，或补充缺少的条件。",
        "该条件组要求具备 {wanted} 项，但只列出 {listed} 项。",
    ),
    bad="criteria:\n  - {any: 3, of: [获得省级技术能手称号, 主持完成技术攻关项目]}",
    good="criteria:\n  - {any: 1, of: [获得省级技术能手称号, 主持完成技术攻关项目]}",
)
R_AT_LEAST_UNTIMED = rule(
    "ASM306",
    "assessment",
    Severity.WARNING,
    "`durations.at_least` names a component that has no duration.",
    "Give the component's minutes under `durations`, or remove it from `at_least`.",
    detail="{method} ({method_zh}) is marked 不少于 but `durations.{method}` is not given.",
    zh=Wording(
        "`durations.at_least` 列出了没有规定时间的考核部分。",
        "请在 `durations` 中给出该部分的分钟数，或将其从 `at_least` 中删除。",
        "{method_zh}（{method}）标为“不少于”，但没有给出 `durations.{method}`。",
    ),
    bad="durations: {theory: 90, at_least: [theory, skill]}",
    good="durations: {theory: 90, skill: 120, at_least: [theory, skill]}",
)
R_AGE_RANGE = rule(
    "ASM307",
    "assessment",
    Severity.ERROR,
    "An eligibility condition's minimum age is above its maximum age.",
    "Swap or correct `min_age` and `max_age` so that the minimum is not above the maximum.",
    detail="`min_age` {low} is above `max_age` {high}.",
    zh=Wording(
        "申报条件的最低年龄高于最高年龄。",
        "请更正 `min_age` 与 `max_age`，使最低年龄不高于最高年龄。",
        "`min_age` {low} 高于 `max_age` {high}。",
    ),
    bad="- {text: 年满35周岁且不超过30周岁。, min_age: 35, max_age: 30}",
    good="- {text: 年满18周岁。, min_age: 18}",
)

R_YEARS_TEXT = rule(
    "ASM308",
    "assessment",
    Severity.WARNING,
    "An eligibility condition's `years` is not a number of years its text states (「N年」).",
    "Copy the years from the sentence (累计从事本职业工作4年（含）以上 → `years: 4`), or correct the sentence.",
    detail="`years: {years}`, but the text states {stated}.",
    zh=Wording(
        "申报条件的 `years` 与条文中的「N年」不符。",
        "请按条文填写年限（累计从事本职业工作4年（含）以上 → `years: 4`），或更正条文。",
        "`years: {years}`，而条文写的是{stated_zh}。",
    ),
    bad="- text: 累计从事本职业工作4年（含）以上。\n  years: 3",
    good="- text: 累计从事本职业工作4年（含）以上。\n  years: 4",
)
R_PRIOR_TEXT = rule(
    "ASM309",
    "assessment",
    Severity.WARNING,
    "An eligibility condition's `prior_level` is not a level its text names.",
    "Set `prior_level` to the level the sentence names (取得本职业二级/技师职业资格证书后… → `prior_level: L2`), "
    "or correct the sentence.",
    detail="`prior_level: {prior}` ({prior_title}), but the text names {named}.",
    zh=Wording(
        "申报条件的 `prior_level` 不是条文所写的等级。",
        "请按条文填写前置等级（取得本职业二级/技师职业资格证书后…… → `prior_level: L2`），或更正条文。",
        "`prior_level: {prior}`（{prior_title}），而条文写的是{named}。",
    ),
    bad="- text: 取得本职业二级/技师职业资格证书后，累计从事本职业工作4年（含）以上。\n  prior_level: L3",
    good="- text: 取得本职业二级/技师职业资格证书后，累计从事本职业工作4年（含）以上。\n  prior_level: L2",
)

R_FOOTNOTE = rule(
    "ASM310",
    "assessment",
    Severity.WARNING,
    "A footnote marker of a 申报条件 text has no note under `eligibility.notes`, or a note has no marker.",
    "Give each marker (①, ②, …) its note under `assessment.eligibility.notes`, and each note a marker in a text.",
    detail={
        "marker": "「{marker}」 in 「{text}」 has no note under `eligibility.notes`.",
        "note": "The note 「{marker}」 is marked in no 申报条件 text.",
    },
    zh=Wording(
        "申报条件中的注释标记在 `eligibility.notes` 下没有注释，或某条注释没有对应的标记。",
        "请为每个标记（①、②……）在 `assessment.eligibility.notes` 下写出注释，并让每条注释在条文中有标记。",
        {
            "marker": "「{text}」中的「{marker}」在 `eligibility.notes` 下没有注释。",
            "note": "注释「{marker}」在申报条件条文中没有对应的标记。",
        },
    ),
    bad="eligibility:\n  L4:\n    - text: 累计从事本职业或相关职业①工作4年（含）以上。",
    good="eligibility:\n  L4:\n    - text: 累计从事本职业或相关职业①工作4年（含）以上。\n  notes: {①: 相关职业：……}",
)
#: A footnote marker inside a text: ① … ⑳.
_MARKER = re.compile(r"[\u2460-\u2473]")

_CJK_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
#: 「4年」「4 年」「四年」「十年」 as a duration: not a calendar year (2019年), not 年满/周岁, not 年版/年度.
_YEARS = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d)?|[一二两三四五六七八九十])\s*年(?![版度级满])")
#: The levels a sentence names, as printed in 申报条件: 五级/初级工 … 一级/高级技师 (技师 alone is 二级).
#: A level's number as a 申报条件 names it: 「二级/技师」, 「二级职业资格证书」, 「二级（技师）」 — never 「低一级」
#: 「高一级」 (relative to the level applied for) or 「三级医院」 (another ladder).
_NUMBERED = r"(?<![低高上下])({})级(?=\s*[/／（(]|职业|证书|技能等级)"
_LEVEL_WORDS: tuple[tuple[re.Pattern[str], Level], ...] = (
    (re.compile(_NUMBERED.format("五") + "|初级工"), Level.L5),
    (re.compile(_NUMBERED.format("四") + "|中级工"), Level.L4),
    (re.compile(_NUMBERED.format("三") + "|高级工"), Level.L3),
    (re.compile(_NUMBERED.format("二") + "|(?<![高备])技师"), Level.L2),
    (re.compile(_NUMBERED.format("一") + "|高级技师"), Level.L1),
)


def _stated_years(text: str) -> list[float]:
    found: list[float] = []
    for match in _YEARS.finditer(text):
        number = match.group(1)
        found.append(float(_CJK_DIGITS[number]) if number in _CJK_DIGITS else float(number))
    return found


def _named_levels(text: str, own: dict[Level, str]) -> list[Level]:
    """The levels ``text`` names: an evaluation spec's own names first (三级操作师 may be L4), then the ladder's."""
    named: list[Level] = []
    for level, name in sorted(own.items(), key=lambda item: -len(item[1])):
        if name in text:
            named.append(level)
            text = text.replace(name, "")
    return named + [level for pattern, level in _LEVEL_WORDS if pattern.search(text) and level not in named]


def _conditions(document: LevelledBody) -> Iterator[tuple[Path_, Eligibility]]:
    """Every 申报条件 of the document with where it stands: the common ones, then each 工种's."""
    for level, conditions in document.assessment.eligibility.items():
        for n, condition in enumerate(conditions):
            yield ("assessment", "eligibility", level, n), condition
    for w, work_type in enumerate(document.work_types):
        for level, conditions in work_type.eligibility.items():
            for n, condition in enumerate(conditions):
                yield ("work_types", w, "eligibility", level, n), condition


def footnotes(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    """ASM310: the markers of the 申报条件 texts and the notes of ``eligibility.notes``, each tied to the other."""
    notes = document.assessment.footnotes
    texts = [condition.text for _, condition in _conditions(document)]
    for where, condition in _conditions(document):
        for marker in dict.fromkeys(_MARKER.findall(condition.text)):
            if marker not in notes:
                yield entry.at(
                    (*where, "text"), R_FOOTNOTE, variant="marker", marker=marker, text=condition.text
                )
    for marker in notes:
        if not any(marker in text for text in texts):
            yield entry.at(
                ("assessment", "eligibility", "notes", marker),
                R_FOOTNOTE,
                key=True,
                variant="note",
                marker=marker,
            )


def eligibility_texts(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    """ASM308/309: the machine fields of a 申报条件 against the sentence they were read from."""
    yield from footnotes(entry, document)
    own = document.level_names if isinstance(document, EvaluationSpec) else {}
    for where, condition in _conditions(document):
        stated = _stated_years(condition.text)
        if condition.years is not None and stated:
            options = condition.year_options
            if any(value not in stated for value in options):
                shown = "、".join(f"{value:g}年" for value in dict.fromkeys(stated))
                yield entry.at(
                    (*where, "years"),
                    R_YEARS_TEXT,
                    years=", ".join(f"{value:g}" for value in options),
                    stated=", ".join(f"{value:g} years" for value in dict.fromkeys(stated)),
                    stated_zh=f"「{shown}」",
                )
        named = _named_levels(condition.text, own)
        if condition.prior_level is not None and named and condition.prior_level not in named:
            yield entry.at(
                (*where, "prior_level"),
                R_PRIOR_TEXT,
                prior=condition.prior_level,
                prior_title=ladder.title(condition.prior_level),
                named="、".join(ladder.title(level) for level in named),
            )


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is not None:
        a = document.assessment
        uses: dict[Method, list[Level]] = {}
        for level, methods in a.methods.items():
            for method in methods:
                uses.setdefault(method, []).append(level)
        yield from _panels(entry, a.ratios.model_dump())
        yield from _pass_marks(entry, a.pass_mark, uses)
        yield from _composite(entry, a.composite, uses, a.methods)
        for method in a.durations.at_least:
            if getattr(a.durations, method.value) is None:
                index = a.durations.at_least.index(method)
                yield entry.at(
                    ("assessment", "durations", "at_least", index),
                    R_AT_LEAST_UNTIMED,
                    method=method.value,
                    method_zh=METHOD_NAMES[method],
                )
        yield from eligibility_texts(entry, document)
        for level, conditions in a.eligibility.items():
            for n, condition in enumerate(conditions):
                low, high = condition.min_age, condition.max_age
                if low is not None and high is not None and low > high:
                    yield entry.at(
                        ("assessment", "eligibility", level, n, "min_age"), R_AGE_RANGE, low=low, high=high
                    )
        if isinstance(document, EvaluationSpec) and document.appointment is not None:
            for post in (Level.PRINCIPAL, Level.CHIEF):
                appointment = document.appointment.for_level(post)
                if appointment is None:
                    continue
                for n, item in enumerate(appointment.criteria):
                    if isinstance(item, AnyOf) and item.any > len(item.of):
                        yield entry.at(
                            ("appointment", post.value, "criteria", n, "any"),
                            R_GROUP_IMPOSSIBLE,
                            wanted=item.any,
                            listed=len(item.of),
                        )
        return
    competency = special(entry.document)
    if competency is None:
        return
    sa = competency.assessment
    uses = {method: [] for method in sa.methods}
    yield from _panels(entry, {m.value: n for m, n in sa.ratios.items()})
    yield from _pass_marks(entry, sa.pass_mark, uses)


def _panels(entry: AnyEntry, ratios: dict[str, object]) -> Iterator[Diagnostic]:
    for method in PANELS:
        value = ratios.get(method.value)
        where = ("assessment", "ratios", method.value)
        sizes = value.items() if isinstance(value, dict) else [(None, value)]
        for level, size in sizes:
            if isinstance(size, int) and (size < MIN_PANEL or size % 2 == 0):
                yield entry.at(
                    (*where, level) if level is not None else where,
                    R_PANEL,
                    method=method.value,
                    method_zh=METHOD_NAMES[method],
                    size=size,
                    scope=f" of {level}" if level is not None else "",
                    scope_zh=f"（{level}）" if level is not None else "",
                )


def _pass_marks(
    entry: AnyEntry, value: int | PassMarks | None, uses: dict[Method, list[Level]]
) -> Iterator[Diagnostic]:
    if value is None or isinstance(value, int):
        return
    given = value.model_fields_set
    for method, levels in uses.items():
        if getattr(value, method.value) is None:
            yield entry.at(
                ("assessment", "pass_mark"),
                R_PASS_MISSING,
                method=method.value,
                method_zh=METHOD_NAMES[method],
                levels=", ".join(str(level) for level in levels) or "the document",
                levels_zh="、".join(str(level) for level in levels) or "本文件",
            )
    for name in sorted(given, key=list(PassMarks.model_fields).index):
        method = Method(name)
        if method not in uses and getattr(value, name) is not None:
            yield entry.at(
                ("assessment", "pass_mark", name),
                R_PASS_UNUSED,
                key=True,
                field="`pass_mark`",
                method=name,
                method_zh=METHOD_NAMES[method],
            )


def _composite(
    entry: AnyEntry,
    composite: Composite | None,
    uses: dict[Method, list[Level]],
    levels: dict[Level, list[Method]],
) -> Iterator[Diagnostic]:
    if composite is None:
        return
    total = sum(composite.weights.values())
    if total != 100:
        shown = " + ".join(str(w) for w in composite.weights.values())
        yield entry.at(
            ("assessment", "composite", "weights"), R_COMPOSITE_SUM, key=True, total=total, shown=shown
        )
    for level, methods in levels.items():
        applies = {m: w for m, w in composite.weights.items() if m in methods}
        if applies and len(applies) < len(composite.weights) and sum(applies.values()) != 100:
            yield entry.at(
                ("assessment", "composite", "weights"),
                R_COMPOSITE_LEVEL,
                key=True,
                level=str(level),
                methods=", ".join(m.value for m in methods),
                shown=" + ".join(f"{m.value} {w}" for m, w in applies.items()),
                total=sum(applies.values()),
            )
    for method in composite.weights:
        if method not in uses:
            yield entry.at(
                ("assessment", "composite", "weights", method.value),
                R_PASS_UNUSED,
                key=True,
                field="`composite.weights`",
                method=method.value,
                method_zh=METHOD_NAMES[method],
            )
