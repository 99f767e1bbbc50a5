"""Crosswalk rules (XWK1xx): a crosswalk must say, truthfully, what became of every line of both editions.

Why: exam systems re-tag their question items from the old edition's 鉴定点 codes to the new one's through
the crosswalk (``crosswalks/<id>_<old>_<new>.yaml``, :mod:`stdkit.crosswalks`), and the lineage and the
对照表 are built from it. So every line of both editions is in exactly one row, every code is a line of its
edition, a relation that claims the same text (identical) or the same requirement (wording) holds by the
measure the diff and the 勘误 rules share (:mod:`stdkit.wording`), and the verdict agrees with the rows. A
published edition that supersedes another without a confirmed crosswalk is a warning: consumers then have
to pair the lines themselves.

The crosswalk files are part of every cache key (:func:`stdkit.run.cache.run_key`): editing one is a full
run. Each finding names in its ``place`` the edition it reads (the new one where it reads both), and the
editions of one id share a contact (:func:`contacts`), so an incremental run checks a crosswalk again when
an edition it names changes its header, arrives or leaves. Not yet when only an edition's lines change: the
incremental run (``run/delta.py``) answers a pairwise check from the documents whose header changed (the
strict xfail in tests/test_crosswalks.py shows it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from stdkit import crosswalks, releases, sketch
from stdkit.collection import AnyEntry, Collection, Entry
from stdkit.crosswalks import Crosswalk, Relation, Verdict
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.model import Status
from stdkit.wording import WORDING_RATIO, ratio

#: Codes a finding lists; the rest are counted.
SHOWN = 8

_HEAD = "kind: crosswalk\nfrom: 6-31-01-03@2009\nto: 6-31-01-03@2018\n"

R_EDITION = rule(
    "XWK101",
    "crosswalks",
    Severity.ERROR,
    "A crosswalk names an edition that is not in the collection, or editions that do not supersede each other.",
    "Write `from:` as the superseded edition and `to:` as the edition whose `supersedes:` names it "
    "(id@edition, as the documents write them).",
    detail={
        "missing": "{ref} is not an edition in the collection.",
        "not_superseding": "{to} does not supersede {ref} (its `supersedes:` is {named}).",
    },
    zh=Wording(
        "对照文件指向的版本不在文件库中，或两版本之间没有替代关系。",
        "`from:` 写被替代的版本，`to:` 写 `supersedes:` 指向它的新版本（id@edition，与文件中的写法一致）。",
        {
            "missing": "文件库中没有版本 {ref}。",
            "not_superseding": "{to} 并不替代 {ref}（其 `supersedes:` 为 {named}）。",
        },
    ),
    bad=_HEAD.replace("@2009", "@2008"),
    good=_HEAD,
)
R_FILE_NAME = rule(
    "XWK102",
    "crosswalks",
    Severity.ERROR,
    "A crosswalk file is not named after its editions, or a second crosswalk covers the same new edition.",
    "Name the file `crosswalks/<id>_<old edition>_<new edition>.yaml`, one file per superseding edition.",
    detail={
        "name": "The crosswalk from {from_ref} to {to_ref} belongs in {expected}.",
        "twice": "{other} is already the crosswalk of {to_ref}.",
    },
    zh=Wording(
        "对照文件的文件名与其版本不符，或同一新版本有两个对照文件。",
        "请把文件命名为 `crosswalks/<id>_<原版本>_<新版本>.yaml`，每个新版本一个文件。",
        {
            "name": "从 {from_ref} 到 {to_ref} 的对照应写在 {expected} 中。",
            "twice": "{other} 已是 {to_ref} 的对照文件。",
        },
    ),
    bad="# crosswalks/dianhong.yaml\n" + _HEAD,
    good="# crosswalks/6-31-01-03_2009_2018.yaml\n" + _HEAD,
)
R_UNKNOWN_CODE = rule(
    "XWK103",
    "crosswalks",
    Severity.ERROR,
    "A crosswalk row names a code that is not a line of its edition.",
    "Write the code as the edition's blueprints print it after id@edition: L5/1.1.2 (技能要求), L5/1.1.k1 "
    "(相关知识要求), basics/1.2, ethics/c3, unit/1.2.",
    detail="{code} is not a line of {ref}.",
    zh=Wording(
        "对照行中的代码不是该版本的条目。",
        "请按考核蓝图中 id@edition 之后的写法填写代码：L5/1.1.2（技能要求）、L5/1.1.k1（相关知识要求）、"
        "basics/1.2、ethics/c3、unit/1.2。",
        "{ref} 中没有 {code}。",
    ),
    bad="rows:\n  - {from: L5/9.9.9, to: L5/1.1.1, relation: revised}",
    good="rows:\n  - {from: L5/1.1.1, to: L5/1.1.1, relation: revised}",
)
R_UNCOVERED = rule(
    "XWK104",
    "crosswalks",
    Severity.ERROR,
    "A line of one of the two editions is in no row of the crosswalk.",
    "Give every line a row: a deleted line `{from: CODE, to: null, relation: deleted}`, a new one "
    "`{from: null, to: CODE, relation: new}` (`stdkit crosswalk propose` writes a row for every line).",
    detail="{count} line(s) of {ref} are in no row: {codes}.",
    zh=Wording(
        "两个版本中有条目不在对照文件的任何一行中。",
        "请为每个条目写一行：删除的条目写 `{from: 代码, to: null, relation: deleted}`，新增的写 "
        "`{from: null, to: 代码, relation: new}`（`stdkit crosswalk propose` 会为每个条目写一行）。",
        "{ref} 有 {count} 个条目不在任何一行中：{codes}。",
    ),
    bad="rows:\n  - {from: L5/1.1.1, to: L5/1.1.1, relation: identical}\n# …and no row for L5/1.1.2",
    good="rows:\n  - {from: L5/1.1.1, to: L5/1.1.1, relation: identical}\n"
    "  - {from: L5/1.1.2, to: null, relation: deleted, reason: 淘汰设备}",
)
R_TWICE = rule(
    "XWK105",
    "crosswalks",
    Severity.ERROR,
    "A code is in more than one row on the same side.",
    "Give each line one row: several new lines from one old line are one `split` row, several old lines "
    "into one new line one `merged` row.",
    detail="{code} of {ref} is also in row {other}.",
    zh=Wording(
        "同一代码出现在同一侧的多行中。",
        "每个条目只写一行：一条拆成多条写一行 `split`，多条合成一条写一行 `merged`。",
        "{ref} 的 {code} 也出现在第 {other} 行。",
    ),
    bad="rows:\n  - {from: L5/1.1.3, to: L5/1.1.3, relation: revised}\n"
    "  - {from: L5/1.1.3, to: L5/1.1.4, relation: revised}",
    good="rows:\n  - {from: L5/1.1.3, to: [L5/1.1.3, L5/1.1.4], relation: split}",
)
R_SHAPE = rule(
    "XWK106",
    "crosswalks",
    Severity.ERROR,
    "A row's codes do not fit its relation.",
    "identical, wording, moved and revised pair one old code with one new code; split is one old code and "
    "a list of new codes; merged a list of old codes and one new code; new has `from: null`, deleted `to: null`.",
    detail="A {relation} row has {olds} old and {news} new code(s).",
    zh=Wording(
        "对照行的代码数量与变化类型不符。",
        "identical、wording、moved、revised 一条原代码对一条新代码；split 一条原代码对多条新代码；merged 多条原代码对"
        "一条新代码；new 的 `from` 为 null，deleted 的 `to` 为 null。",
        "{relation} 行有 {olds} 条原代码、{news} 条新代码。",
    ),
    bad="rows:\n  - {from: L5/1.1.3, to: [L5/1.1.3, L5/1.1.4], relation: revised}",
    good="rows:\n  - {from: L5/1.1.3, to: [L5/1.1.3, L5/1.1.4], relation: split}",
)
R_NOT_IDENTICAL = rule(
    "XWK107",
    "crosswalks",
    Severity.ERROR,
    "An `identical` row pairs lines whose texts differ.",
    "Write `wording` when only the wording changed, `revised` when what the line requires changed.",
    detail="{old_code} reads 「{old}」, {new_code} reads 「{new}」.",
    zh=Wording(
        "`identical` 行的两个条目文字不同。",
        "只改了文字请写 `wording`，改变了要求请写 `revised`。",
        "{old_code} 为「{old}」，{new_code} 为「{new}」。",
    ),
    bad="rows:\n  - {from: L5/1.1.2, to: L5/1.1.2, relation: identical}   # 哺喂用品 → 喂哺用品",
    good="rows:\n  - {from: L5/1.1.2, to: L5/1.1.2, relation: wording, note: 术语统一}",
)
R_NOT_WORDING = rule(
    "XWK108",
    "crosswalks",
    Severity.ERROR,
    "A `wording` row pairs lines that differ by more than wording, or not at all.",
    "Wording keeps at least the share of a line the diff's 等效 keeps: write `revised` for a change of "
    "requirement, `identical` for the same text.",
    detail={
        "below": "「{old}」 → 「{new}」 keeps {kept} of the line (wording keeps at least {least}).",
        "same": "{old_code} and {new_code} read the same 「{old}」: write `identical`.",
    },
    zh=Wording(
        "`wording` 行的两个条目不只是文字修改，或文字完全相同。",
        "文字修改至少保留与差异比较「等效」相同的比例：要求改变写 `revised`，文字相同写 `identical`。",
        {
            "below": "「{old}」→「{new}」只保留了原文的 {kept}（文字修改至少保留 {least}）。",
            "same": "{old_code} 与 {new_code} 文字相同（「{old}」）：请写 `identical`。",
        },
    ),
    bad="rows:\n  - {from: L5/1.1.2, to: L5/1.1.2, relation: wording}   # 能安装单相电能表 → 能选择、安装有功电能表",
    good="rows:\n  - {from: L5/1.1.2, to: L5/1.1.2, relation: revised}",
)
R_VERDICT = rule(
    "XWK109",
    "crosswalks",
    Severity.ERROR,
    "The crosswalk's verdict disagrees with its rows.",
    "`equivalent` only when every row is identical, wording, or moved within its level; otherwise "
    "`not-equivalent`.",
    detail={
        "equivalent": "verdict: equivalent, but row {row} is {relation}.",
        "not_equivalent": "verdict: not-equivalent, but every row keeps its line (identical, wording or moved "
        "within its level).",
    },
    zh=Wording(
        "对照文件的结论与各行不一致。",
        "只有每一行都是 identical、wording 或同一等级内的 moved 时才写 `equivalent`，否则写 `not-equivalent`。",
        {
            "equivalent": "结论为 equivalent，但第 {row} 行是 {relation}。",
            "not_equivalent": "结论为 not-equivalent，但每一行都保留了原条目（identical、wording 或同一等级内的 moved）。",
        },
    ),
    bad="verdict: equivalent\nrows:\n  - {from: L4/3.2.4, to: null, relation: deleted, reason: 淘汰设备}",
    good="verdict: not-equivalent\nrows:\n  - {from: L4/3.2.4, to: null, relation: deleted, reason: 淘汰设备}",
)
R_NO_CROSSWALK = rule(
    "XWK110",
    "crosswalks",
    Severity.WARNING,
    "A published edition supersedes another without a confirmed crosswalk.",
    "Run `stdkit crosswalk propose OLD NEW`, correct the rows it proposes and set `status: confirmed` "
    "(docs/editions.md); exam systems then re-tag their items from it instead of pairing the lines themselves.",
    detail={
        "none": "{ref} supersedes {old} and there is no {expected}.",
        "proposed": "{file} is still proposed.",
    },
    zh=Wording(
        "已发布的版本替代了旧版本，但没有已确认的新旧版本对照。",
        "请运行 `stdkit crosswalk propose 旧版本 新版本`，更正其提议的各行并写 `status: confirmed`（见 "
        "docs/editions.md）；鉴定机构据此改标题目，而不必自行配对条目。",
        {
            "none": "{ref} 替代 {old}，但没有 {expected}。",
            "proposed": "{file} 仍为提议稿（proposed）。",
        },
    ),
    bad="supersedes: 6-31-01-03@2009   # and no crosswalks/6-31-01-03_2009_2018.yaml",
    good="supersedes: 6-31-01-03@2009   # crosswalks/6-31-01-03_2009_2018.yaml, status: confirmed",
)

#: The number of old and new codes each relation takes: (old, new), None for "two or more".
_SHAPES: dict[Relation, tuple[int | None, int | None]] = {
    Relation.IDENTICAL: (1, 1),
    Relation.WORDING: (1, 1),
    Relation.MOVED: (1, 1),
    Relation.REVISED: (1, 1),
    Relation.SPLIT: (1, None),
    Relation.MERGED: (None, 1),
    Relation.NEW: (0, 1),
    Relation.DELETED: (1, 0),
}
_OLD, _NEW = "from", "to"


def names_any(root: Path, ids: set[str]) -> bool:
    """Whether a crosswalk of the collection pairs editions of one of ``ids`` (named by the new edition's id):
    its findings lie in the crosswalk file, which an incremental run does not answer for."""
    found, _ = crosswalks.files(root)
    return any(file.name.startswith(f"{document_id}_") for file in found for document_id in ids)


def contacts(entry: AnyEntry, facts: object) -> sketch.Bands:
    """The editions a crosswalk can pair share their id (and a superseding edition the id it names)."""
    named = entry.document.supersedes
    ids = {entry.document.id, *([named.partition("@")[0]] if named else [])}
    return sketch.keys([f"id\0{value}" for value in sorted(ids)])


def check(collection: Collection) -> Iterator[Diagnostic]:
    root = collection.config.root
    walks, problems = crosswalks.load_all(root)
    yield from (_placed(d, d.path) for d in problems)
    lines = _Lines(collection)
    first_of: dict[str, Crosswalk] = {}
    for walk in walks:
        earlier = first_of.setdefault(walk.to_ref, walk)
        if earlier is not walk:
            yield _placed(
                walk.at(("to",), R_FILE_NAME, variant="twice", other=earlier.path, to_ref=walk.to_ref),
                walk.path,
            )
        yield from _one(walk, lines)
    yield from _missing(collection, {walk.to_ref: walk for walk in reversed(walks)})


@dataclasses.dataclass
class _Lines:
    """Each edition's lines (code → text), read once a run, from whole documents."""

    collection: Collection
    tables: dict[str, tuple[Entry, dict[str, str]] | None] = dataclasses.field(default_factory=dict)

    def of(self, ref: str) -> tuple[Entry, dict[str, str]] | None:
        if ref not in self.tables:
            entry = self.collection.find(ref) if "@" in ref else None
            whole = self.collection.complete(entry) if entry is not None else None
            if not isinstance(whole, Entry):
                self.tables[ref] = None
            else:
                flat = {
                    code: text
                    for table in releases.line_tables(whole).values()
                    for code, text in table.items()
                }
                self.tables[ref] = (whole, flat)
        return self.tables[ref]


def _placed(finding: Diagnostic, place: str) -> Diagnostic:
    """``finding`` naming in its ``place`` the file it depends on (see the module docstring)."""
    return dataclasses.replace(finding, args=(*finding.args, ("place", f"{place}:1")))


def _one(walk: Crosswalk, lines: _Lines) -> Iterator[Diagnostic]:
    expected = crosswalks.file_name(walk.from_ref, walk.to_ref)
    if walk.file.name != expected:
        yield _placed(
            walk.at(
                ("from",),
                R_FILE_NAME,
                key=True,
                variant="name",
                from_ref=walk.from_ref,
                to_ref=walk.to_ref,
                expected=f"{crosswalks.FOLDER}/{expected}",
            ),
            walk.path,
        )
    yield from _verdict(walk)
    yield from _shapes(walk)
    old, new = lines.of(walk.from_ref), lines.of(walk.to_ref)
    for side, ref, found in ((_OLD, walk.from_ref, old), (_NEW, walk.to_ref, new)):
        if found is None:
            yield _placed(walk.at((side,), R_EDITION, variant="missing", ref=ref), walk.path)
    if old is None or new is None:
        return
    (old_entry, old_lines), (new_entry, new_lines) = old, new
    if new_entry.document.supersedes != walk.from_ref:
        named = new_entry.document.supersedes or "—"
        yield _placed(
            walk.at(
                (_OLD,), R_EDITION, variant="not_superseding", ref=walk.from_ref, to=walk.to_ref, named=named
            ),
            new_entry.path,
        )
    yield from _codes(walk, _OLD, old_entry, old_lines)
    yield from _codes(walk, _NEW, new_entry, new_lines)
    yield from _texts(walk, old_lines, new_lines, new_entry.path)


def _shapes(walk: Crosswalk) -> Iterator[Diagnostic]:
    for index, row in enumerate(walk.rows):
        olds, news = _SHAPES[row.relation]
        if not (_fits(len(row.olds), olds) and _fits(len(row.news), news)):
            yield _placed(
                walk.at(
                    ("rows", index, "relation"),
                    R_SHAPE,
                    relation=row.relation.value,
                    olds=len(row.olds),
                    news=len(row.news),
                ),
                walk.path,
            )


def _fits(count: int, wanted: int | None) -> bool:
    return count >= 2 if wanted is None else count == wanted


def _verdict(walk: Crosswalk) -> Iterator[Diagnostic]:
    given = crosswalks.equivalent(walk.rows)
    said = walk.content.verdict is Verdict.EQUIVALENT
    if said == given:
        return
    if said:
        index, row = next((i, r) for i, r in enumerate(walk.rows) if not crosswalks.equivalent([r]))
        finding = walk.at(
            ("verdict",), R_VERDICT, variant="equivalent", row=index + 1, relation=row.relation.value
        )
    else:
        finding = walk.at(("verdict",), R_VERDICT, variant="not_equivalent")
    yield _placed(finding, walk.path)


def _codes(walk: Crosswalk, side: str, entry: Entry, lines: dict[str, str]) -> Iterator[Diagnostic]:
    """XWK103, XWK105 and XWK104 on one side of the rows."""
    seen: dict[str, int] = {}
    for index, row in enumerate(walk.rows):
        codes = row.olds if side == _OLD else row.news
        for position, code in enumerate(codes):
            where = _code_path(index, side, row, position)
            if code not in lines:
                yield _placed(walk.at(where, R_UNKNOWN_CODE, code=code, ref=entry.ref), entry.path)
            elif code in seen:
                yield _placed(
                    walk.at(where, R_TWICE, code=code, ref=entry.ref, other=seen[code] + 1), entry.path
                )
            else:
                seen[code] = index
    missing = [code for code in lines if code not in seen]
    if missing:
        shown = ", ".join(missing[:SHOWN]) + (f" … (+{len(missing) - SHOWN})" if len(missing) > SHOWN else "")
        yield _placed(
            walk.at(("rows",), R_UNCOVERED, key=True, count=len(missing), ref=entry.ref, codes=shown),
            entry.path,
        )


def _code_path(index: int, side: str, row: crosswalks.Row, position: int) -> tuple[str | int, ...]:
    value = row.from_ if side == _OLD else row.to
    return ("rows", index, side, position) if isinstance(value, list) else ("rows", index, side)


def _texts(
    walk: Crosswalk, old_lines: dict[str, str], new_lines: dict[str, str], place: str
) -> Iterator[Diagnostic]:
    """XWK107 and XWK108: what an identical or a wording row claims of its two texts."""
    for index, row in enumerate(walk.rows):
        if (
            row.relation not in (Relation.IDENTICAL, Relation.WORDING)
            or len(row.olds) != 1
            or len(row.news) != 1
        ):
            continue
        (old_code,), (new_code,) = row.olds, row.news
        old, new = old_lines.get(old_code), new_lines.get(new_code)
        if old is None or new is None:
            continue  # XWK103 said so
        line, col = walk.source.value(("rows", index, "relation"))
        texts = {"old_code": old_code, "new_code": new_code, "old": old, "new": new}
        if row.relation is Relation.IDENTICAL and old != new:
            yield _placed(R_NOT_IDENTICAL.at(walk.path, line, col, **texts), place)
        elif row.relation is Relation.WORDING and old == new:
            yield _placed(R_NOT_WORDING.at(walk.path, line, col, variant="same", **texts), place)
        elif row.relation is Relation.WORDING and ratio(old, new) < WORDING_RATIO:
            kept, least = f"{ratio(old, new):.0%}", f"{WORDING_RATIO:.0%}"
            finding = R_NOT_WORDING.at(walk.path, line, col, variant="below", kept=kept, least=least, **texts)
            yield _placed(finding, place)


def _missing(collection: Collection, by_to: dict[str, Crosswalk]) -> Iterator[Diagnostic]:
    """XWK110: a published edition that supersedes another, without a confirmed crosswalk (from its header
    and the crosswalk files only, so that an incremental run answers it from the edition alone)."""
    for entry in collection.entries:
        document = entry.document
        if document.status is not Status.PUBLISHED or not document.supersedes:
            continue
        walk = by_to.get(entry.ref)
        if walk is None:
            expected = f"{crosswalks.FOLDER}/{crosswalks.file_name(document.supersedes, entry.ref)}"
            finding = entry.at(
                ("supersedes",),
                R_NO_CROSSWALK,
                variant="none",
                ref=entry.ref,
                old=document.supersedes,
                expected=expected,
            )
        elif not walk.is_confirmed:
            finding = entry.at(("supersedes",), R_NO_CROSSWALK, variant="proposed", file=walk.path)
        else:
            continue
        yield _placed(finding, entry.path)
