"""The level ladder of the vocational skill level system (第五条): eight steps, defined once.

Every module that speaks of a level imports it from here; the JSON Schemas, the site and the
blueprints take their ids, names and grades from this table. Nothing here reads files.
"""

from __future__ import annotations

import dataclasses
import enum


class Level(enum.StrEnum):
    """A canonical ladder id, used in data, URLs and blueprints."""

    APPRENTICE = "apprentice"
    L5 = "L5"
    L4 = "L4"
    L3 = "L3"
    L2 = "L2"
    L1 = "L1"
    PRINCIPAL = "principal"
    CHIEF = "chief"


@dataclasses.dataclass(frozen=True, slots=True)
class Step:
    """One step of the ladder: its id, Chinese name and national grade (None for employer levels)."""

    level: Level
    name: str
    grade: str | None
    examined: bool  # principal and chief are appointed (评聘), not examined
    national: bool  # a national occupational standard may define it


LADDER: tuple[Step, ...] = (
    Step(Level.APPRENTICE, "学徒工", None, examined=True, national=False),
    Step(Level.L5, "初级工", "五级", examined=True, national=True),
    Step(Level.L4, "中级工", "四级", examined=True, national=True),
    Step(Level.L3, "高级工", "三级", examined=True, national=True),
    Step(Level.L2, "技师", "二级", examined=True, national=True),
    Step(Level.L1, "高级技师", "一级", examined=True, national=True),
    Step(Level.PRINCIPAL, "特级技师", None, examined=False, national=False),
    Step(Level.CHIEF, "首席技师", None, examined=False, national=False),
)

_BY_LEVEL = {step.level: step for step in LADDER}
_RANK = {step.level: rank for rank, step in enumerate(LADDER)}

#: Levels at which a 综合评审 (review) is part of the assessment.
REVIEW_LEVELS = frozenset({Level.L2, Level.L1})
#: Levels that only an employer's evaluation spec may define.
EMPLOYER_LEVELS = frozenset(step.level for step in LADDER if not step.national)
#: Levels filled by appointment (评聘: 推荐/评审/公示/聘任), not by examination.
APPOINTED_LEVELS = frozenset(step.level for step in LADDER if not step.examined)


def step(level: Level) -> Step:
    return _BY_LEVEL[level]


def rank(level: Level) -> int:
    """Position on the ladder, 0 for apprentice up to 7 for chief."""
    return _RANK[level]


def title(level: Level) -> str:
    """The conventional label of a level, e.g. ``四级/中级工`` or ``特级技师``."""
    s = _BY_LEVEL[level]
    return f"{s.grade}/{s.name}" if s.grade else s.name


def is_contiguous(levels: list[Level]) -> bool:
    """True when ``levels`` is a run of consecutive ladder steps in ascending order."""
    ranks = [_RANK[level] for level in levels]
    return ranks == list(range(ranks[0], ranks[0] + len(ranks))) if ranks else True


def below(level: Level, levels: list[Level]) -> list[Level]:
    """The levels of ``levels`` lower than ``level``, lowest first."""
    return sorted((lv for lv in levels if _RANK[lv] < _RANK[level]), key=rank)
