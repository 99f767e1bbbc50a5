"""The 新旧版本对照表 of a confirmed crosswalk: one row per crosswalk row, with both editions' texts, under a
summary in the 前言 style of printed standards.

One place for what the three media print (the site's page, the workbook's sheet 「新旧版本对照表」 and the Word
appendix 「附录 新旧版本对照表」) and for what CASE associates: the columns, the 变化类型 names
(:data:`stdkit.crosswalks.RELATION_NAMES`), the summary sentence and its counts
(:func:`stdkit.crosswalks.relation_counts`), so the numbers agree everywhere. Each medium only lays the
:class:`Comparison` out (and makes author text inert its own way); none recounts.

Only confirmed crosswalks whose two editions are in the collection become a comparison (:func:`of_collection`);
a proposed one is never published. Pure: a function of the crosswalks and the entries; it reads no file.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence

from stdkit import editions, releases
from stdkit.collection import Entry
from stdkit.crosswalks import RELATION_NAMES, Crosswalk, Relation, Verdict, relation_counts
from stdkit.model.common import EditionForm, Kind

__all__ = [
    "APPENDIX_TITLE",
    "TITLE",
    "Comparison",
    "ComparisonRow",
    "of",
    "of_collection",
    "published",
]

#: The table's title: the site page's heading, the workbook sheet's name and (after 附录) the Word appendix's.
TITLE = "新旧版本对照表"
#: The Word appendix's heading (what `stdkit import docx` recognises and reads back as nothing).
APPENDIX_TITLE = f"附录 {TITLE}"
#: How the summary names the document it opens (前言: 本标准 …).
_SELF = {
    Kind.OCCUPATIONAL_STANDARD: "本标准",
    Kind.EVALUATION_SPEC: "本规范",
    Kind.SPECIAL_COMPETENCY: "本规范",
}
#: The separator of several codes or texts in one cell (a split's new lines, a merge's old ones) where the
#: medium has no line break of its own.
JOIN = "；"


@dataclasses.dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One row of the table: the old lines and the new ones as (code, text), the relation and why."""

    number: int  # 序号, from 1
    olds: tuple[tuple[str, str], ...]  # (code within the old edition, its text); none for a new line
    news: tuple[tuple[str, str], ...]  # (code within the new edition, its text); none for a deleted line
    relation: Relation
    note: str  # 修订说明: the row's note, else its reason, else empty

    @property
    def change(self) -> str:
        """变化类型: 保留, 文字修改, 移动, 内容修改, 拆分, 合并, 删除 or 新增."""
        return RELATION_NAMES[self.relation]

    def cells(self) -> tuple[str, ...]:
        """The row's seven cells as plain text, several codes or texts joined by :data:`JOIN` (a medium with
        line breaks uses :attr:`olds` and :attr:`news` instead); author text is not yet made inert."""
        return (
            str(self.number),
            JOIN.join(code for code, _ in self.olds),
            JOIN.join(text for _, text in self.olds),
            JOIN.join(code for code, _ in self.news),
            JOIN.join(text for _, text in self.news),
            self.change,
            self.note,
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Comparison:
    """The 新旧版本对照表 of one confirmed crosswalk, ready to lay out."""

    from_ref: str  # id@old
    to_ref: str  # id@new
    path: str  # the crosswalk file, as diagnostics name it (crosswalks/<id>_<old>_<new>.yaml)
    title: str  # the document's title (of the new edition)
    old_label: str  # 2009年版
    new_label: str  # 2018年版
    kind: Kind  # of the new edition (the summary's 本标准 / 本规范)
    verdict: Verdict
    #: the last day the old edition may be examined: the crosswalk's ``transition.old_last_exam``, else the
    #: new edition's (``transition_until``, else the day before ``effective``); None when neither says
    old_last_exam: datetime.date | None
    rows: tuple[ComparisonRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """序号 | 原标准（2009年版）代码 | 原条文 | 新标准（2018年版）代码 | 新条文 | 变化类型 | 修订说明."""
        return (
            "序号",
            f"原标准（{self.old_label}）代码",
            "原条文",
            f"新标准（{self.new_label}）代码",
            "新条文",
            "变化类型",
            "修订说明",
        )

    @property
    def counts(self) -> dict[str, int]:
        """relation → rows (:func:`stdkit.crosswalks.relation_counts`): what the summary says."""
        return relation_counts(self.rows)

    @property
    def summary(self) -> str:
        """The 前言-style sentence above the table, every number counted from the rows:
        「与2009年版相比，本标准增加 N 条、删除 N 条、更改 N 条（其中文字修改 N 条、内容修改 N 条、移动 N 条），
        拆分 N 条，合并 N 条；本版与原版不等效。」"""
        n = self.counts

        def count(relation: Relation) -> int:
            return n.get(relation.value, 0)

        wording, revised, moved = count(Relation.WORDING), count(Relation.REVISED), count(Relation.MOVED)
        verdict = "等效" if self.verdict is Verdict.EQUIVALENT else "不等效"
        return (
            f"与{self.old_label}相比，{_SELF[self.kind]}增加 {count(Relation.NEW)} 条、"
            f"删除 {count(Relation.DELETED)} 条、更改 {wording + revised + moved} 条"
            f"（其中文字修改 {wording} 条、内容修改 {revised} 条、移动 {moved} 条），"
            f"拆分 {count(Relation.SPLIT)} 条，合并 {count(Relation.MERGED)} 条；本版与原版{verdict}。"
        )

    @property
    def heading(self) -> str:
        """The page's title: 电工 新旧版本对照表（2009年版 → 2018年版）."""
        return f"{self.title} {TITLE}（{self.old_label} → {self.new_label}）"


def _texts(entry: Entry) -> dict[str, str]:
    """code → text of every line of ``entry`` (after its errata), as the blueprints give them."""
    return {code: text for table in releases.line_tables(entry).values() for code, text in table.items()}


def of(walk: Crosswalk, old: Entry, new: Entry) -> Comparison:
    """The table of ``walk`` between the editions ``old`` and ``new`` (a code that names no line of its
    edition, which the crosswalk rules report, is printed with an empty text)."""
    return _made(walk, old, new, _texts(old), _texts(new))


def _made(
    walk: Crosswalk, old: Entry, new: Entry, before: dict[str, str], after: dict[str, str]
) -> Comparison:
    rows = tuple(
        ComparisonRow(
            number=number,
            olds=tuple((code, before.get(code, "")) for code in row.olds),
            news=tuple((code, after.get(code, "")) for code in row.news),
            relation=row.relation,
            note=row.note or row.reason or "",
        )
        for number, row in enumerate(walk.rows, 1)
    )
    transition = walk.content.transition
    last = transition.old_last_exam if transition else None
    return Comparison(
        from_ref=walk.from_ref,
        to_ref=walk.to_ref,
        path=walk.path,
        title=new.document.title,
        old_label=old.document.edition_label(EditionForm.PRINTED),
        new_label=new.document.edition_label(EditionForm.PRINTED),
        kind=new.document.KIND,
        verdict=walk.content.verdict,
        old_last_exam=last if last is not None else editions.exam_until(new),
        rows=rows,
    )


def published(entry: Entry, include_drafts: bool) -> bool:
    """Whether a comparison into ``entry`` is published: the new edition is issued (or this is a preview)."""
    return include_drafts or entry.document.status in editions.ISSUED


def of_collection(
    entries: Iterable[Entry], walks: Sequence[Crosswalk], include_drafts: bool
) -> dict[str, Comparison]:
    """new ``id@edition`` → its comparison, for every confirmed crosswalk of ``walks`` whose two editions are
    among ``entries`` and whose new edition is published (:func:`published`); the first crosswalk into an
    edition wins (there is one file per superseding edition). The editions' lines are read on every core
    when there are many (each is a blueprint build)."""
    from stdkit.pool import forked_map

    by_ref: Mapping[str, Entry] = {entry.ref: entry for entry in entries}
    chosen: dict[str, tuple[Crosswalk, Entry, Entry]] = {}
    for walk in walks:
        old, new = by_ref.get(walk.from_ref), by_ref.get(walk.to_ref)
        if not walk.is_confirmed or old is None or new is None or walk.to_ref in chosen:
            continue
        if published(new, include_drafts):
            chosen[walk.to_ref] = (walk, old, new)
    needed = sorted({e.ref: e for _, old, new in chosen.values() for e in (old, new)}.items())
    texts = dict(
        zip(
            (ref for ref, _ in needed),
            forked_map(_texts, [e for _, e in needed], minimum=40, chunksize=8),
            strict=True,
        )
    )
    return {
        ref: _made(walk, old, new, texts[old.ref], texts[new.ref]) for ref, (walk, old, new) in chosen.items()
    }
