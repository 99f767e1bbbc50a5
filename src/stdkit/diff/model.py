"""The values a diff is made of: changes, blueprint impacts, per-document and per-collection results.

Plain frozen dataclasses, so the JSON and Markdown renderings and the tests read the same thing.
"""

from __future__ import annotations

import dataclasses
import enum

from stdkit.wording import PAIR_RATIO as PAIR_RATIO  # noqa: PLC0414 - the diff's vocabulary too
from stdkit.wording import WORDING_RATIO as WORDING_RATIO  # noqa: PLC0414 - the diff's vocabulary too

#: A section longer than this is folded into ``<details>`` in Markdown.
FOLD_AFTER = 8


class Verdict(enum.StrEnum):
    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not-equivalent"


VERDICT_NAMES = {Verdict.EQUIVALENT: "等效 (equivalent)", Verdict.NOT_EQUIVALENT: "不等效 (not equivalent)"}

#: Scopes that are not a level, in the order the report shows them.
SCOPES = {
    "header": "文件信息",
    "profile": "职业概况",
    "basics": "基本要求",
    "assessment": "鉴定要求",
    "units": "考核模块",
}
KIND_WORDS = {"theory": "理论", "skill": "技能"}


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One difference: where (scope and a label), what happened, old and new values, and whether it matters."""

    scope: str  # a level id, or a key of SCOPES
    label: str  # e.g. "技能要求 · 电气安装和线路敷设 / 照明电路安装" or "理论权重 · 电气安装"
    action: str  # added | removed | changed | moved
    old: str | None
    new: str | None
    substantive: bool


@dataclasses.dataclass(frozen=True, slots=True)
class ItemCount:
    section: str
    old: int | None
    new: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class BlueprintImpact:
    """How the blueprint of one level moves: added, removed or changed, and its theory item counts."""

    level: str
    action: str
    items: tuple[ItemCount, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentDiff:
    path: str
    old_path: str | None
    action: str  # added | removed | renamed | modified | invalid
    ref: str | None
    title: str | None
    old_ref: str | None = None
    changes: tuple[Change, ...] = ()
    verdict: Verdict | None = None
    blueprints: tuple[BlueprintImpact, ...] = ()
    problems: tuple[str, ...] = ()  # why a side does not parse
    published: bool = False  # the old side was published (a new edition is then suggested)


@dataclasses.dataclass(frozen=True, slots=True)
class CollectionDiff:
    old_rev: str
    new_rev: str
    documents: tuple[DocumentDiff, ...]
