"""The stock sentences of the 编制技术规程, as printed national standards and committee drafts write them,
read into the fields stdkit's own layout prints one per line.

A printed standard says 「本职业共设三个等级，分别为：五级/初级工、四级/中级工、三级/高级工。」 where stdkit's
export writes the list alone, and 「理论知识考试时间不少于90 min；技能考核时间：五级/初级工不少于120 min，……」
where the export writes a line per method. Each function here takes one paragraph and returns what it
says, or None when the paragraph is not that sentence (the section's reader then reports it, DOC910).
Nothing here guesses: a number is read only where the sentence states it.
"""

from __future__ import annotations

import re

from stdkit import ladder
from stdkit.interchange import layout
from stdkit.interchange.docx import words
from stdkit.interchange.docx.draft import PerLevel
from stdkit.ladder import Level
from stdkit.model.common import Method

#: 「本职业共设三个等级，分别为：」, 「本职业共设五个等级，分别为」, 「本职业共设 3 个等级：」: the lead-in before the list.
_LEVELS_LEAD = re.compile(
    r"^本(?:职业|工种|专项职业能力)?共设[^，,：:。]*等级[，,]?\s*(?:分别为|分别是|即|为)?\s*[：:]?\s*"
)
#: The methods, by the names the 规程 gives them.
_METHOD_WORDS = tuple(layout.METHOD_OF_NAME.items())
#: 「分为理论知识考试、技能考核以及综合评审」 (the first sentence of 鉴定方式).
_METHODS_LEAD = re.compile(r"^(?:职业技能鉴定|鉴定|评价|考核)?(?:方式)?分为([^。；;]+)")
#: 「综合评审主要针对技师和高级技师」: the levels the review is for.
_REVIEW_FOR = re.compile(r"综合评审(?:主要)?(?:针对|适用于|用于)([^，,。；;]+)")
#: 「成绩皆达60分（含）以上者为合格」, 「成绩均达到 60 分（含）以上者为合格」.
_PASS_MARK = re.compile(r"(?:皆|均|都)?达(?:到)?\s*(\d{2,3})\s*分\s*[（(]含[）)]\s*以上(?:者)?为合格")
_RATIO = re.compile(
    r"(理论知识考试|技能考核)中?的?(?:监考人员|考评人员)与考生(?:的)?配比(?:不低于|为)?\s*1\s*[:：]\s*(\d+)"
)
_INVIGILATORS = re.compile(r"每个考场不少于\s*(\d+)\s*名监考人员")
_EXAMINERS = re.compile(r"考评人员为\s*(\d+)\s*人\s*[（(]含[）)]\s*以上(单数)?")
_REVIEWERS = re.compile(
    r"(?:综合评审委员|评审委员|综合评审专家)(?:为|不少于)?\s*(\d+)\s*人\s*[（(]含[）)]\s*以上(单数)?"
)
_MINUTES = r"(?:不少于|不低于)?\s*(\d+)\s*(?:min|分钟)"
_DURATION = re.compile(
    rf"(理论知识考试|技能考核|综合评审|业绩评审)(?:时间|时长)(?:为)?\s*[：:]?\s*{_MINUTES}"
)
_DURATION_BY_LEVEL = re.compile(
    r"(理论知识考试|技能考核|综合评审|业绩评审)(?:时间|时长)\s*[：:]\s*([^；;。]+)"
)
_LEVELS_MINUTES = re.compile(rf"([^，,；;：:]+?)\s*{_MINUTES}")
_VENUE = re.compile(
    r"(理论知识考试|技能考核|综合评审|业绩评审)(?:应|宜)?在([^；;。]+?)(?:进行|中进行)?(?=[；;。]|$)"
)


def level_list(text: str) -> str:
    """「本职业共设三个等级，分别为：五级/初级工、四级/中级工。」 → 「五级/初级工、四级/中级工。」; other text as it is."""
    return _LEVELS_LEAD.sub("", text.strip(), count=1)


def methods(text: str, levels: list[str]) -> dict[str, list[str]] | None:
    """「分为理论知识考试和技能考核……」 → each level's methods; a 「综合评审主要针对技师和高级技师」 clause
    limits the review to the levels it names. None when the paragraph does not open that way."""
    lead = _METHODS_LEAD.match(text.strip())
    if lead is None or not levels:
        return None
    named = [method.value for name, method in _METHOD_WORDS if name in lead.group(1)]
    if not named:
        return None
    clause = _REVIEW_FOR.search(text)
    review_for = _levels_named(clause.group(1), levels) if clause is not None else None
    return {
        level: [m for m in named if m != Method.REVIEW.value or review_for is None or level in review_for]
        for level in levels
    }


def pass_mark(text: str) -> int | None:
    """「……均实行百分制，成绩皆达60分（含）以上者为合格。」 → 60."""
    found = _PASS_MARK.search(text)
    return int(found.group(1)) if found else None


def ratios(text: str) -> dict[str, bool | PerLevel] | None:
    """The 配比 sentence: candidates per invigilator/examiner, the minimum numbers of people, odd panels."""
    found: dict[str, bool | PerLevel] = {}
    for name, number in _RATIO.findall(text):
        found[layout.METHOD_OF_NAME[name].value] = int(number)
    if (invigilators := _INVIGILATORS.search(text)) is not None:
        found["invigilators_at_least"] = int(invigilators.group(1))
    if (examiners := _EXAMINERS.search(text)) is not None:
        found["examiners_at_least"] = int(examiners.group(1))
        if examiners.group(2):
            found["odd"] = True
    if (reviewers := _REVIEWERS.search(text)) is not None:
        found[Method.REVIEW.value] = int(reviewers.group(1))
        found["review_at_least"] = True
        if reviewers.group(2):
            found["odd"] = True
    return found or None


def durations(text: str) -> tuple[dict[str, PerLevel], list[str]] | None:
    """The 鉴定时间 sentence → (minutes per method, one number or per level; the methods whose time is a
    minimum). 「技能考核时间：五级/初级工、四级/中级工不少于120 min，三级/高级工不少于150 min」 gives L5 and L4 120."""
    found: dict[str, PerLevel] = {}
    at_least: list[str] = []
    for raw in re.split(r"[；;。]", text):
        clause = raw.strip()
        if not clause:
            continue
        by_level = _DURATION_BY_LEVEL.match(clause)
        minutes = _minutes_by_level(by_level.group(2)) if by_level is not None else None
        single = _DURATION.match(clause)
        if by_level is not None and minutes:
            method = layout.METHOD_OF_NAME[by_level.group(1)].value
            found[method] = minutes if len(set(minutes.values())) > 1 else next(iter(minutes.values()))
        elif single is not None:
            method = layout.METHOD_OF_NAME[single.group(1)].value
            found[method] = int(single.group(2))
        else:
            continue
        if "不少于" in clause or "不低于" in clause:
            at_least.append(method)
    return (found, at_least) if found else None


def _minutes_by_level(text: str) -> dict[str, int] | None:
    """「五级/初级工、四级/中级工不少于120 min，三级/高级工不少于150 min」 → {L5: 120, L4: 120, L3: 150};
    None when a part names no level."""
    minutes: dict[str, int] = {}
    for named, number in _LEVELS_MINUTES.findall(text):
        for part in re.split(r"[、和及]", named):
            level = words.parse_level(part.strip())
            if level is None:
                return None
            minutes[level[0].value] = int(number)
    return minutes or None


def venues(text: str) -> dict[str, str] | None:
    """「理论知识考试在标准教室或计算机机房进行；技能考核在……进行。」 → a place per method."""
    found = {
        layout.METHOD_OF_NAME[name].value: place.strip()
        for name, place in _VENUE.findall(text)
        if place.strip()
    }
    return found or None


def _levels_named(text: str, levels: list[str]) -> set[str]:
    """The levels of ``levels`` that ``text`` names, by their title or either half of it (二级, 技师); a
    longer name is taken first, so 高级技师 is never also read as 技师."""
    names = sorted(
        ((part, level) for level in levels for part in ladder.title(Level(level)).split("/") if part),
        key=lambda pair: -len(pair[0]),
    )
    found = set()
    for name, level in names:
        if name in text:
            found.add(level)
            text = text.replace(name, "　")
    return found
