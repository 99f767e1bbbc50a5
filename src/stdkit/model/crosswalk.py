"""The crosswalk between two editions (新旧版本对照): which old line became which new line.

A crosswalk is not a document: it is one file per superseding edition, ``crosswalks/<id>_<old>_<new>.yaml``,
read by :mod:`stdkit.crosswalks` (never by the collection of documents), with its own JSON Schema
(``schema/crosswalk.schema.json``). Each row maps codes of the old edition to codes of the new one (codes
within the edition, as the blueprints print them after ``id@edition/``: ``L5/1.1.2``, ``basics/1.2``) with a
relation. ``stdkit crosswalk propose`` writes one with ``status: proposed``; authors correct and confirm it.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Literal

from pydantic import Field

from stdkit.model.common import REF_PATTERN, Strict, Text

KIND = "crosswalk"
#: A line's code within its edition: ``L5/1.1.2``, ``L4/2.1.k1``, ``001/L3/1.1.1``, ``basics/1.2``, ``ethics/c3``.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$"


class Relation(enum.StrEnum):
    """变化类型: what happened to a line from one edition to the next."""

    IDENTICAL = "identical"  # 保留: the same text
    WORDING = "wording"  # 文字修改: reworded, same requirement (the diff's 等效)
    MOVED = "moved"  # 移动: the same requirement at another place (another level, function or content)
    REVISED = "revised"  # 内容修改: what the line requires changed
    SPLIT = "split"  # 拆分: one old line became several new ones
    MERGED = "merged"  # 合并: several old lines became one new one
    NEW = "new"  # 新增: a line the old edition did not have
    DELETED = "deleted"  # 删除: a line the new edition no longer has


#: The 变化类型 column of the 新旧版本对照表, in the order the table explains them.
RELATION_NAMES: dict[Relation, str] = {
    Relation.IDENTICAL: "保留",
    Relation.WORDING: "文字修改",
    Relation.MOVED: "移动",
    Relation.REVISED: "内容修改",
    Relation.SPLIT: "拆分",
    Relation.MERGED: "合并",
    Relation.DELETED: "删除",
    Relation.NEW: "新增",
}


class CrosswalkStatus(enum.StrEnum):
    """对照状态: proposed (written by `stdkit crosswalk propose`, not published) | confirmed (reviewed)."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"


class Verdict(enum.StrEnum):
    """结论: equivalent (等效: every line kept, reworded or reordered within its level) | not-equivalent."""

    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not-equivalent"


Code = Annotated[str, Field(pattern=CODE_PATTERN)]
Codes = Code | Annotated[list[Code], Field(min_length=1)] | None


class Transition(Strict):
    """过渡期: when the new edition applies and until when the old one may still be examined."""

    new_effective: datetime.date | None = Field(
        default=None,
        title="新版施行日期",
        description="YYYY-MM-DD: the new edition's `publication.effective`.",
    )
    old_last_exam: datetime.date | None = Field(
        default=None,
        title="旧版最后鉴定日期",
        description="YYYY-MM-DD: the last day the old edition may be examined (the new edition's "
        "`publication.transition_until`, by default the day before its `effective`).",
    )


class ProposedBy(Strict):
    """The similarity thresholds the proposal paired lines with (difflib ratio, 0–1)."""

    pair_ratio: float = Field(
        ge=0, le=1, title="配对阈值", description="Two lines at least this similar were paired."
    )
    wording_ratio: float = Field(
        ge=0, le=1, title="文字修改阈值", description="A pair at least this similar is wording only."
    )


class Row(Strict):
    """一行对照: old codes → new codes, with the relation and why."""

    from_: Codes = Field(
        default=None,
        alias="from",
        title="原代码",
        description="The old edition's code (a list for merged); null for a new line.",
    )
    to: Codes = Field(
        default=None,
        title="新代码",
        description="The new edition's code (a list for split); null for a deleted line.",
    )
    relation: Relation = Field(
        title="变化类型",
        description="identical | wording | moved | revised | split | merged | new | deleted.",
    )
    note: Text | None = Field(default=None, title="修订说明", description="What changed, for the 对照表.")
    reason: Text | None = Field(default=None, title="原因", description="Why a line was added or deleted.")

    @property
    def olds(self) -> tuple[str, ...]:
        """The old codes of the row (none for a new line)."""
        return _codes(self.from_)

    @property
    def news(self) -> tuple[str, ...]:
        """The new codes of the row (none for a deleted line)."""
        return _codes(self.to)


def _codes(value: Codes) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class CrosswalkFile(Strict):
    """新旧版本对照: the rows that pair the lines of two editions of a document."""

    kind: Literal["crosswalk"] = Field(title="类型", description="Always `crosswalk`.")
    from_: str = Field(
        alias="from", pattern=REF_PATTERN, title="原版本", description="The superseded edition, id@edition."
    )
    to: str = Field(pattern=REF_PATTERN, title="新版本", description="The superseding edition, id@edition.")
    status: CrosswalkStatus = Field(
        title="对照状态", description="proposed | confirmed; only confirmed is published."
    )
    verdict: Verdict = Field(
        title="结论", description="equivalent | not-equivalent; must agree with the rows."
    )
    transition: Transition | None = Field(default=None, title="过渡期", description="The transition dates.")
    proposed_by: ProposedBy | None = Field(
        default=None,
        title="提议阈值",
        description="The thresholds `stdkit crosswalk propose` paired lines with.",
    )
    rows: list[Row] = Field(title="对照行", description="Every line of both editions, each in one row.")
