"""A proposed crosswalk: the diff's pairing of two editions' lines, as the rows an author corrects and confirms.

Lines are paired by the measure the diff and the 勘误 rules share (:mod:`stdkit.wording`), in this order,
each step on what the earlier ones left:

A line is paired only with a line of its kind (技能要求 with 技能要求, knowledge — 相关知识要求 and 基础知识 — with
knowledge, 职业守则 with 职业守则).

1. within each scope (a level, 基本要求) by the diff's alignment (:func:`stdkit.diff.compare.match`): a pair
   at least :data:`PAIR_RATIO` similar is kept — identical (the same text), wording (at least
   :data:`WORDING_RATIO`) or revised; a pair the alignment made by position alone (less similar) is undone;
2. the same text anywhere (a line reordered within its scope is identical; one in another scope is moved);
3. within each scope, the most similar pairs first (at least :data:`PAIR_RATIO`): wording or revised;
4. across scopes, the most similar pairs first (at least :data:`WORDING_RATIO`): moved;
5. split and merged, only where the measure supports them: an old line at least :data:`PAIR_RATIO` similar
   to two adjacent new lines of its scope read together, and not to either alone (merged the other way);
6. every line left is deleted (old) or new (new).

The author reads the rows (each has its texts in a comment), corrects the relations the measure got wrong,
writes the 修订说明 (``note``) and reasons, and sets ``status: confirmed`` in a pull request.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from typing import Any

import yaml

from stdkit import crosswalks, editions, releases
from stdkit.collection import Entry
from stdkit.crosswalks import CrosswalkFile, CrosswalkStatus, Relation, Row, Verdict
from stdkit.diff.compare import match
from stdkit.wording import PAIR_RATIO, WORDING_RATIO, ratio

#: The modeline, with the schema file in ../schema/ it names (crosswalks/ is beside schema/).
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/{file}"


@dataclasses.dataclass(frozen=True)
class _Line:
    code: str
    scope: str
    text: str
    order: int  # its place in the edition, all scopes one after the other

    @property
    def kind(self) -> str:
        """What the line is: a 技能要求 is paired only with a 技能要求, knowledge (相关知识要求, 基础知识) with
        knowledge, a 职业守则 line with another, an appointment criterion with another."""
        last = self.code.rsplit("/", 1)[-1]
        if self.code.startswith("basics/"):
            return "k"
        return "".join(character for character in last if character.isalpha())


@dataclasses.dataclass(frozen=True)
class Proposal:
    """A proposed crosswalk and the texts its comments quote."""

    content: CrosswalkFile
    old: dict[str, str]  # code → text of the old edition
    new: dict[str, str]


def propose(old: Entry, new: Entry) -> Proposal:
    """The proposed crosswalk from the whole document ``old`` to ``new``."""
    before, after = _lines(old), _lines(new)
    pairing = _Pairing(before, after)
    pairing.run()
    rows = pairing.rows()
    publication = new.document.publication
    content = CrosswalkFile.model_validate(
        {
            "kind": crosswalks.KIND,
            "from": old.ref,
            "to": new.ref,
            "status": CrosswalkStatus.PROPOSED,
            "verdict": Verdict.EQUIVALENT if crosswalks.equivalent(rows) else Verdict.NOT_EQUIVALENT,
            "transition": {
                "new_effective": publication.effective if publication else None,
                "old_last_exam": editions.exam_until(new),
            },
            "proposed_by": {"pair_ratio": PAIR_RATIO, "wording_ratio": WORDING_RATIO},
            "rows": rows,
        }
    )
    return Proposal(content, {x.code: x.text for x in before}, {x.code: x.text for x in after})


def _lines(entry: Entry) -> list[_Line]:
    found: list[_Line] = []
    for scope, table in releases.line_tables(entry).items():
        start = len(found)
        found.extend(_Line(code, scope, text, start + i) for i, (code, text) in enumerate(table.items()))
    return found


class _Pairing:
    """The steps of the module docstring over two editions' lines; ``paired`` holds old → (new, relation)."""

    def __init__(self, old: list[_Line], new: list[_Line]) -> None:
        self.old, self.new = old, new
        self.pairs: list[tuple[list[_Line], list[_Line], Relation]] = []
        self.free_old = {x.code: x for x in old}
        self.free_new = {x.code: x for x in new}

    def run(self) -> None:
        self._aligned()
        self._same_text()
        self._similar(same_scope=True, least=PAIR_RATIO)
        self._similar(same_scope=False, least=WORDING_RATIO)
        self._split_and_merged()

    def _take(self, olds: list[_Line], news: list[_Line], relation: Relation) -> None:
        for line in olds:
            del self.free_old[line.code]
        for line in news:
            del self.free_new[line.code]
        self.pairs.append((olds, news, relation))

    def _aligned(self) -> None:
        groups = dict.fromkeys((x.scope, x.kind) for x in self.old)
        for group in groups:
            olds = [x for x in self.old if (x.scope, x.kind) == group]
            news = [x for x in self.new if (x.scope, x.kind) == group]
            for i, j, _ in match([x.text for x in olds], [x.text for x in news]):
                if i is not None and j is not None and ratio(olds[i].text, news[j].text) >= PAIR_RATIO:
                    self._take([olds[i]], [news[j]], _by_text(olds[i], news[j]))

    def _same_text(self) -> None:
        by_text: dict[str, list[_Line]] = {}
        for line in self.free_new.values():
            by_text.setdefault(line.text, []).append(line)
        for line in list(self.free_old.values()):
            candidates = [
                x for x in by_text.get(line.text, []) if x.code in self.free_new and x.kind == line.kind
            ]
            if candidates:  # its own scope first, then the first in the new edition's order
                chosen = min(candidates, key=lambda x: (x.scope != line.scope, x.order))
                self._take([line], [chosen], _by_text(line, chosen))

    def _similar(self, *, same_scope: bool, least: float) -> None:
        scored = [
            (ratio(a.text, b.text), a, b)
            for a in self.free_old.values()
            for b in self.free_new.values()
            if (a.scope == b.scope) is same_scope and a.kind == b.kind
        ]
        for score, a, b in sorted(scored, key=lambda s: (-s[0], s[1].order, s[2].order)):
            if score >= least and a.code in self.free_old and b.code in self.free_new:
                self._take([a], [b], _by_text(a, b))

    def _split_and_merged(self) -> None:
        for whole, parts, relation in (
            (self.free_old, self.free_new, Relation.SPLIT),
            (self.free_new, self.free_old, Relation.MERGED),
        ):
            for line in list(whole.values()):
                if line.code not in whole:
                    continue
                found = _two_parts(
                    line, [x for x in parts.values() if (x.scope, x.kind) == (line.scope, line.kind)]
                )
                if found is not None:
                    one, many = [line], list(found)
                    self._take(*((one, many) if relation is Relation.SPLIT else (many, one)), relation)

    def rows(self) -> list[Row]:
        """Every pair, deleted and new line as a row, in the new edition's order (a deleted line after the row
        of the old line before it)."""
        made: list[tuple[tuple[int, int, int], Row]] = []
        anchor: dict[str, int] = {}  # old code → the new order of its row
        for olds, news, relation in self.pairs:
            made.append(((news[0].order, 0, olds[0].order), _row(olds, news, relation)))
            for line in olds:
                anchor[line.code] = news[0].order
        for line in self.free_new.values():
            made.append(((line.order, 0, -1), _row([], [line], Relation.NEW)))
        last = -1
        for line in self.old:
            if line.code in self.free_old:
                made.append(((last, 1, line.order), _row([line], [], Relation.DELETED)))
            last = anchor.get(line.code, last)
        return [row for _, row in sorted(made, key=lambda item: item[0])]


def _by_text(old: _Line, new: _Line) -> Relation:
    """The relation of a one-to-one pair, by where the lines stand and how alike their texts are."""
    if old.scope != new.scope:
        return Relation.MOVED
    if old.text == new.text:
        return Relation.IDENTICAL
    return Relation.WORDING if ratio(old.text, new.text) >= WORDING_RATIO else Relation.REVISED


def _two_parts(line: _Line, candidates: list[_Line]) -> tuple[_Line, _Line] | None:
    """Two adjacent ``candidates`` that together, and neither alone, are at least PAIR_RATIO like ``line``."""
    ordered = sorted(candidates, key=lambda x: x.order)
    best: tuple[float, tuple[_Line, _Line]] | None = None
    for a, b in itertools.pairwise(ordered):
        if b.order != a.order + 1 or max(ratio(line.text, a.text), ratio(line.text, b.text)) >= PAIR_RATIO:
            continue
        score = ratio(line.text, a.text + b.text)
        if score >= PAIR_RATIO and (best is None or score > best[0]):
            best = (score, (a, b))
    return None if best is None else best[1]


def _row(olds: list[_Line], news: list[_Line], relation: Relation) -> Row:
    def codes(lines: list[_Line]) -> str | list[str] | None:
        if not lines:
            return None
        return lines[0].code if len(lines) == 1 else [x.code for x in lines]

    return Row.model_validate({"from": codes(olds), "to": codes(news), "relation": relation})


# --------------------------------------------------------------------------- the file


def render(proposal: Proposal, schema_file: str = "crosswalk.schema.json") -> str:
    """The YAML an author edits: the modeline (naming ``schema_file``: the collection's workspace schema
    where there is one), a comment on how the rows were made, the fields, and the rows in flow style,
    each after a comment that quotes its texts (made inert: one line, no ``#``)."""
    content = proposal.content
    fields = content.model_dump(mode="json", by_alias=True, exclude={"rows"})
    head = _dumped({key: value for key, value in fields.items() if value is not None})
    lines = [SCHEMA_LINE.format(file=schema_file), *_EXPLAINED, *head, "rows:"]
    for row in content.rows:
        lines.append(f"  # {_quoted(row, proposal)}")
        written = row.model_dump(mode="json", by_alias=True)
        # `from: null` and `to: null` stay (a new or a deleted line says so); an empty note or reason goes
        kept = {key: value for key, value in written.items() if value is not None or key in ("from", "to")}
        lines.append(f"  - {_flow(kept)}")
    return "\n".join(lines) + "\n"


_EXPLAINED = (
    "# 新旧版本对照（提议稿），由 `stdkit crosswalk propose` 按差异比较的配对写成。",
    "# 同一等级内按对齐与相似度配对（不低于 pair_ratio）；不低于 wording_ratio 为文字修改（wording），",
    "# 否则为内容修改（revised）；文字相同或相近（不低于 wording_ratio）而等级不同为移动（moved）；",
    "# 拆分（split）与合并（merged）只在相似度支持时提议（相邻两条合读不低于 pair_ratio、单读均低于）；其余为删除或新增。",
    "# 请逐行核对（注释中是两版的条文），更正变化类型，写明修订说明（note）或原因（reason），再改为 status: confirmed。",
    "# A proposal from the diff's pairing: check every row, correct relations, write notes, then confirm.",
)


def _dumped(data: dict[str, Any]) -> list[str]:
    """The top-level fields of the file, one a line (mappings in flow style)."""
    return [
        f"{key}: {_flow(value) if isinstance(value, dict) else _scalar(value)}" for key, value in data.items()
    ]


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in mapping.items()) + "}"


#: Codes, refs, dates, thresholds and the vocabulary: plain scalars that read back as written.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@-]*")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if not isinstance(value, str) or _PLAIN.fullmatch(value):
        return str(value)
    # a note or a reason: double-quoted on one line, every line break escaped, and `#` as \x23 so that no
    # line reads as a `# stdkit:` comment (as the Word import writes YAML, stdkit.interchange.yaml_out)
    quoted = yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, default_style='"', width=1 << 30)
    return quoted.strip().replace("#", "\\x23")


def _quoted(row: Row, proposal: Proposal) -> str:
    olds = " + ".join(f"{code} 「{_inert(proposal.old[code])}」" for code in row.olds) or "—"
    news = " + ".join(f"{code} 「{_inert(proposal.new[code])}」" for code in row.news) or "—"
    similar = ""
    if len(row.olds) == 1 and len(row.news) == 1:
        similar = f" ({ratio(proposal.old[row.olds[0]], proposal.new[row.news[0]]):.2f})"
    return f"{olds} → {news}{similar}"


def _inert(text: str) -> str:
    """Author text in a comment: one line, and no ``#`` that a tool could read as a ``# stdkit:`` comment."""
    return "".join(c if c.isprintable() else " " for c in text).replace("#", "＃")
