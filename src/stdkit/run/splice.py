"""The text of an answer from the base, spliced from the lines of the findings that did not move (issue 39).

Why: after a one-line edit to a national collection that prints tens of thousands of findings, the answer
from the last full run's base (:mod:`stdkit.run.delta`) keeps almost every finding, yet the report sorted,
localized and formatted every one again. Here only the findings that moved are finished and formatted.

Beside the base, for each printer that asked (by its key), a *lines* file: for every finding the base holds
(:attr:`stdkit.run.delta.Answer.table`, in the order the base wrote them), its line as that printer writes
it once the collection's severities are applied (None when the configuration turns it off, or for a second
copy of one finding), its severity then, and the findings' order in a report. The first answer from a
base for a printer writes it (formatting every finding once); it is sealed like every record, with the
base's seal inside, so it is only ever read beside the base it was made from.

An answer's findings are *kept* when they are base findings (the same objects: the delta passes the
findings that did not move through as it read them) and *new* otherwise. Every finding of a document with a
suppression comment, in the base or now, counts as new (whether a comment is used, and so an unused
comment, depends on every finding of its document). The new findings are finished
(:func:`stdkit.run.report.finish`) and formatted, and the kept lines merged in by reading order. A new
finding that reads exactly like a kept one (same place, code, level and message: the report's order would
then depend on fields the lines do not carry) sends the run back to the whole report. The text is byte for
byte the whole report's (tests/test_rendered.py compares it with a run without the cache after random edits).
Nothing here knows a rule or a format.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import numpy as np
import numpy.typing as npt

from stdkit.collection import Collection
from stdkit.diagnostics import Diagnostic, Severity, reading_order
from stdkit.messages import Message
from stdkit.run import cache
from stdkit.run.base import base_key, file_of
from stdkit.run.report import Report, finish, listed

if TYPE_CHECKING:
    from stdkit.config import Config
    from stdkit.run.delta import Answer
    from stdkit.run.memo import Memo


class Lines(Protocol):
    """How a printer writes a report a line at a time (:class:`stdkit.report.TextLines`)."""

    def finding(self, diagnostic: Diagnostic) -> str:
        """One finished finding's line, as the whole report writes it."""
        ...

    def text(self, findings: Sequence[str], rest: Report, counts: Mapping[Severity, int]) -> str:
        """The whole text: ``findings`` every finding's line in order, then what ``rest`` (the report of the
        new findings) says besides its findings, with ``counts`` every finding's."""
        ...


@dataclasses.dataclass(frozen=True)
class _Kept:
    """The lines file of one base and printer, by place in the base's table."""

    lines: list[str | None]
    severities: npt.NDArray[np.int8]  # the severity a report gives each (0 where none)
    order: npt.NDArray[np.int64]  # the places in the order a report lists them


def printed(memo: Memo, lines: Lines, printer: str) -> tuple[int, str] | None:
    """(exit status, text) of this run's report answered from the base, its kept findings' lines from the
    lines file of ``printer`` (made now when there is none); None when the memo of this state answers, the
    base cannot, or the lines cannot be merged (the caller makes the whole report)."""
    from stdkit.run import delta

    if memo.records.memo_path(memo.key).exists():
        return None  # a warm state: the memo answers (and it is checked there, sealed)
    answered = delta.answer(memo)
    if answered is None:
        return None
    # no memo of this state is written (33,543 findings packed and sealed: a fifth of the run at national
    # scale): its text is kept (the next run prints it), and another output of it answers from the base again
    kept = _kept(memo, answered, lines, printer)
    return _spliced(memo, answered, lines, kept)


def _kept(memo: Memo, answered: Answer, lines: Lines, printer: str) -> _Kept:
    """The lines file of this base and ``printer``: read, or made and written."""
    name = "lines-" + hashlib.sha256(printer.encode()).hexdigest()[:16]
    where = file_of(memo.records, base_key(memo), name)
    written = memo.records.read_sealed(where, where.name)
    if written is not None:
        try:
            record = cache.decoded(written[1])
            if record["base"] == answered.mac and len(record["lines"]) == len(answered.table):
                severities = np.frombuffer(record["severities"], dtype=np.int8)
                order = np.frombuffer(record["order"], dtype=np.int64)
                if len(severities) == len(answered.table) and len(order) <= len(answered.table):
                    return _Kept(list(record["lines"]), severities, order)
        except (KeyError, TypeError, ValueError) as exc:
            memo.records.notices.append(Message("cache.damaged", {"path": where, "problem": exc}))
    made = _made(memo.config, answered.table, lines)
    body: bytes = msgpack.packb(
        {
            "base": answered.mac,
            "lines": made.lines,
            "severities": made.severities.tobytes(),
            "order": made.order.tobytes(),
        },
        use_bin_type=True,
    )
    memo.records.write(where, memo.records.seal(where.name, body))
    return made


def _made(config: Config, table: Sequence[Diagnostic], lines: Lines) -> _Kept:
    """Every base finding's line as the report prints it: finished as :func:`finish` does (its severity
    from the configuration; none when the configuration turns its rule off), and the report's order."""
    severities = config.severity
    made: list[str | None] = []
    levels = np.zeros(len(table), dtype=np.int8)
    for i, raw in enumerate(table):
        override = severities.get(raw.code, raw.severity)
        if override is None:
            made.append(None)
            continue
        levels[i] = int(override)
        made.append(lines.finding(raw if override is raw.severity else raw.with_severity(override)))
    order = sorted(range(len(table)), key=lambda i: listed(table[i]))
    for before, after in itertools.pairwise(order):
        if table[before] == table[after]:  # one finding twice: a report lists it once
            made[after] = None
    shown = [i for i in order if made[i] is not None]
    return _Kept(made, levels, np.array(shown, dtype=np.int64))


class _Keys(Sequence[tuple[Any, ...]]):
    """The reading order of the kept findings, made only where a search looks."""

    def __init__(self, table: Sequence[Diagnostic], places: list[int]) -> None:
        self.table = table
        self.places = places

    def __len__(self) -> int:
        return len(self.places)

    def __getitem__(self, index: Any) -> Any:
        return reading_order(self.table[self.places[index]])

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return (reading_order(self.table[place]) for place in self.places)


def _spliced(memo: Memo, answered: Answer, lines: Lines, kept: _Kept) -> tuple[int, str] | None:
    from stdkit.load import Suppression

    table = answered.table
    place = {id(d): i for i, d in enumerate(table)}
    wanted = np.zeros(len(table), dtype=bool)
    new: list[Diagnostic] = []
    commented = answered.suppressed | set(answered.suppressions)
    valid = set(answered.paths)
    per_file = [d for shown, d in memo.beyond() if shown in valid]
    for d in [*answered.found, *per_file]:
        i = place.get(id(d))
        if i is None or d.path in commented:
            new.append(d)
        else:
            wanted[i] = True
    order = kept.order[wanted[kept.order]].tolist()
    suppressions = {
        path: tuple(Suppression.from_row(row) for row in rows) for path, rows in answered.suppressions.items()
    }
    rest = finish(Collection((), memo.config), answered.files, new, suppressions)
    rest = dataclasses.replace(rest, valid_paths=tuple(answered.paths), basis=answered.basis)
    keys = _Keys(table, order)
    merged: list[str] = []
    done = 0
    for d in rest.diagnostics:
        key = reading_order(d)
        at = bisect.bisect_left(keys, key)
        if at < len(keys) and keys[at] == key:
            return None  # reads exactly like a kept finding: their order lies in fields the lines lack
        merged.extend(kept.lines[i] or "" for i in order[done:at])
        merged.append(lines.finding(d))
        done = at
    merged.extend(kept.lines[i] or "" for i in order[done:])
    counted = np.bincount(kept.severities[order], minlength=int(max(Severity)) + 1)
    counts = {severity: int(counted[severity]) + n for severity, n in rest.counts().items()}
    status = 1 if counts[Severity.ERROR] else 0
    return status, lines.text(merged, rest, counts)
