"""The incremental check: a collection in which a few files changed, checked from its last full run.

Why: a pull request edits a line or two of one standard; at national scale a full ``check`` restores
10,000 records and runs every collection rule again (seconds), though almost every finding is the one
the last run gave. The last full run left its *base* (:mod:`stdkit.run.base`).

A later run answers from the base when at most :data:`LIMIT` files changed, were added or were removed:
it keeps every finding that involves no changed document and computes the others — each check that
compares bodies from its own part of the base (its ``update``, :mod:`stdkit.checks.incremental`: the
documents on the other side restored from their cache records), each check that reads headers over the
documents that share a contact with a changed, new or departed one (built from their heads); a departed
document's findings go. More changes, or a record missing, is a full run, which writes a new base. The
answer is the full run's by construction (a property test compares them). No rule is named here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import numpy as np
import numpy.typing as npt

from stdkit import checks, sketch
from stdkit.checks import facts
from stdkit.checks.incremental import UnanswerableError
from stdkit.collection import AnyEntry, Collection, HeadEntry
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic
from stdkit.messages import Message
from stdkit.run import cache
from stdkit.run.base import base_key, file_of, unpacked

if TYPE_CHECKING:
    from stdkit.run.memo import Memo

#: Changed documents an incremental run handles; beyond this a full run is about as fast, and writes a new base.
LIMIT = 64


@dataclasses.dataclass
class _Run:
    """One incremental run: the base, the changed documents' new entries, and entries restored on demand.
    What a check's ``update`` reads (:class:`stdkit.checks.incremental.Base`), with ``part`` that check's."""

    memo: Memo
    base: dict[str, Any]
    changed: dict[str, AnyEntry]  # path → its entry now (with facts)
    keys: dict[str, str]  # path → its record key in the base
    files: dict[str, Path]
    position: dict[str, int]  # path → its place among the base's valid documents
    gone: set[str]  # documents of the base that left the collection (removed, or made invalid)
    renewed: set[str]  # changed documents whose body context changed (facts.body_context)
    #: the base's findings as this run made them: its per-document ones, those of the checks that read
    #: headers, then those in the checks' parts in the order they were written (:class:`Answer`)
    table: list[Diagnostic] = dataclasses.field(default_factory=list)
    restored: dict[str, HeadEntry] = dataclasses.field(default_factory=dict)
    heads: list[bytes] | None = None
    headed: dict[str, HeadEntry] = dataclasses.field(default_factory=dict)
    part: Any = None  # the part of the check being answered (set before its update is called)

    @property
    def config(self) -> Config:
        return self.memo.config

    def side(self, name: str) -> Any:
        where = file_of(self.memo.records, base_key(self.memo), name)
        written = self.memo.records.read_sealed(where, where.name)
        if written is None or written[0] != self.base["sides"].get(name):
            raise UnanswerableError(str(where))  # missing, damaged, or written by another full run since
        try:
            return unpacked(written[1])
        except ValueError as exc:
            raise UnanswerableError(str(where)) from exc

    @property
    def moved(self) -> set[str]:
        """The documents whose findings are computed again: changed, joined or gone."""
        return set(self.changed) | self.gone

    def entry(self, path: str) -> AnyEntry:
        """The entry of ``path`` as it is now: a changed one's, or restored from its cache record."""
        if path in self.changed:
            return self.changed[path]
        if path not in self.restored:
            record = self.memo.records.get(self.keys[path])
            if record is None or record[1] is None:
                raise UnanswerableError(path)
            self.restored[path] = facts.light_entry(record[1], self.files[path])
        return self.restored[path]

    def collection(self, paths: Iterable[str], *, heads: bool = False) -> Collection:
        """The documents at ``paths`` as they are now; with ``heads``, only what the rules that read headers
        need (:func:`stdkit.checks.facts.head_entry`), without reading their records."""
        made = self.head if heads else self.entry
        entries = sorted({path: made(path) for path in paths}.values(), key=lambda e: e.path)
        return Collection(tuple(entries), self.memo.config, cache=self.memo.records)

    def head(self, path: str) -> AnyEntry:
        if path in self.changed:
            return self.changed[path]
        if path not in self.headed:
            if self.heads is None:
                self.heads = self.side("heads")
            self.headed[path] = facts.head_entry(
                msgpack.unpackb(self.heads[self.position[path]]), self.files[path]
            )
        return self.headed[path]


@dataclasses.dataclass(frozen=True)
class Answer:
    """What the base answers for this run: the findings (without those of the checks that read files beyond
    the documents, :attr:`stdkit.checks.Check.per_file`, which the caller makes every run), the suppressions,
    the valid paths, the reference basis and the number of files.

    ``table``: every finding the base holds, made once; a finding of ``found`` that did not move since the
    base is one of them (the same object), every other is made by this run. ``mac``: the base's seal, which
    what is kept beside it for later runs names (:mod:`stdkit.run.splice`)."""

    found: list[Diagnostic]
    suppressions: dict[str, Any]
    paths: list[str]
    basis: Message
    files: int
    table: list[Diagnostic]
    mac: bytes
    #: the paths that had suppressions in the base
    suppressed: frozenset[str]


def answer(memo: Memo) -> Answer | None:
    """The findings of this run from the base, or None when a full run must answer."""
    main = file_of(memo.records, base_key(memo))
    written = memo.records.read_sealed(main, main.name)
    if written is None:
        return None
    parts: list[Diagnostic] = []
    try:
        base = unpacked(written[1], parts)
    except ValueError as exc:
        memo.records.notices.append(Message("cache.damaged", {"path": main, "problem": exc}))
        return None
    if not isinstance(base, dict):
        return None
    try:
        return _answer(memo, base, parts, written[0])
    except UnanswerableError:
        return None
    except (
        KeyError,
        IndexError,
        TypeError,
        ValueError,
    ) as exc:  # a base of another shape: a full run rewrites it
        memo.records.notices.append(Message("cache.damaged", {"path": main, "problem": exc}))
        return None


def _answer(memo: Memo, base: dict[str, Any], parts: list[Diagnostic], mac: bytes) -> Answer | None:
    from stdkit.run.gather import discovered, light

    keys = {str(name): str(key) for name, key in base["files"]}
    change = _change(memo, keys)
    if change is None:
        return None
    changed, removed = change
    valid = [str(p) for p in base["valid"]]
    position = {path: i for i, path in enumerate(valid)}
    files = {name: file for file, name in memo.files}
    entries: list[AnyEntry] = []
    stage: list[Diagnostic] = []
    light([files[name] for name in changed], memo.config, memo.records, None, entries, stage, memo.known)
    fresh = {e.path: e for e in entries if e.facts is not None}
    gone = {name for name in [*changed, *removed] if name in position and name not in fresh}
    ids = {e.document.id for e in fresh.values()} | {
        str(base["ids"][position[p]]) for p in [*changed, *removed] if p in position
    }
    off = memo.config.rules_off()
    if any(
        c.full_run_for(memo.config.root, ids)
        for c in checks.COLLECTION_CHECKS
        if c.full_run_for and c.wanted(off)
    ):
        return None  # a check whose findings this base cannot place answers in a full run
    reheaded, renewed = _reheaded(base, fresh, position)
    run = _Run(memo, base, fresh, {path: keys[path] for path in valid}, files, position, gone, renewed)
    stored = cache.diagnostics(base["stage"])
    run.table = [*stored, *cache.diagnostics(base["held"]), *parts]
    found = discovered(memo.located)
    found.extend(d for d in stored if d.path not in {*changed, *removed})
    found.extend(stage)
    found.extend(_headers(run, reheaded))
    found.extend(_bodies(run))
    members = {*position, *fresh} - gone
    key, fields = base["basis"]
    paths = [name for _, name in memo.files if name in members]
    basis = Message(str(key), dict(fields))
    suppressed = frozenset(str(path) for path in base["suppressions"])
    return Answer(found, _suppressions(run), paths, basis, len(memo.files), run.table, mac, suppressed)


def _change(memo: Memo, keys: dict[str, str]) -> tuple[list[str], list[str]] | None:
    """(edited or added, removed) files since the base, or None when the base cannot answer: nothing
    changed (the memo of its full run answers), too much changed, or a changed file cannot be read."""
    now = {name: memo.known[name][0] for _, name in memo.files}
    changed = [name for name, key in now.items() if keys.get(name) != key]
    removed = [name for name in keys if name not in now]
    if not changed and not removed:
        return None
    if len(changed) + len(removed) > LIMIT or any(now[name] == "-" for name in changed):
        return None
    return changed, removed


def _suppressions(run: _Run) -> dict[str, Any]:
    """The base's suppressions of the documents that did not move, and the changed documents' own."""
    kept = {path: rows for path, rows in run.base["suppressions"].items() if path not in run.moved}
    for path, entry in run.changed.items():
        if entry.suppressions:
            kept[path] = [s.row() for s in entry.suppressions]
    return kept


def _reheaded(
    base: dict[str, Any], fresh: dict[str, AnyEntry], position: dict[str, int]
) -> tuple[list[str], set[str]]:
    """The changed documents whose header changed (or that joined the collection), and among them those
    whose body context changed: what the body rules read of a header (its id, status, basis …)."""
    reheaded = []
    renewed = set()
    for name, entry in fresh.items():
        assert entry.facts is not None  # fresh holds only entries with facts
        if name not in position:
            reheaded.append(name)  # joined the collection
        elif facts.header_digest(name, entry.facts) != base["headers"][position[name]]:
            reheaded.append(name)
            if facts.body_context(entry.facts) != base["contexts"][position[name]]:
                renewed.add(name)
    return reheaded, renewed


def _bodies(run: _Run) -> list[Diagnostic]:
    """The findings of the checks that compare bodies, each from its part of the base
    (:attr:`stdkit.checks.Check.update`)."""
    off = set(run.memo.config.rules_off())
    found: list[Diagnostic] = []
    for check, part in zip(checks.COLLECTION_CHECKS, run.base["parts"], strict=True):
        if check.update is None or not check.wanted(off):
            continue
        if part is None:
            raise UnanswerableError(", ".join(check.codes))  # it did not run when the base was written
        run.part = part
        found.extend(check.update(run))
    return found


def _headers(run: _Run, reheaded: Sequence[str]) -> list[Diagnostic]:
    """The findings of the rules that read headers: the base's, and for the documents whose header changed
    (``reheaded``, with those that joined) or that left the collection, each such rule again over the
    documents it could compare them with (their contacts).

    A rule that compares pairs (:attr:`stdkit.checks.Check.pairwise`) is run over the changed documents and
    those that share a contact with them now, and its findings on a pair with a changed or departed document
    replace the base's. For another, a document's findings depend on all that share a contact with it:
    those on the documents that share one with a changed or departed document (before or after the change)
    are computed again, among them and all that share a contact with them, and replace the base's.
    """
    held = run.table[len(run.base["stage"]) : len(run.base["stage"]) + len(run.base["held"])]
    off = set(run.memo.config.rules_off())
    body_read = run.changed and any(c.reads_bodies and c.wanted(off) for c in checks.COLLECTION_CHECKS)
    if not reheaded and not run.gone and not body_read:
        return held
    position = run.position
    gone = run.gone
    changed = set(reheaded) | gone
    replaced: dict[str, Callable[[Diagnostic], bool]] = {}  # code → whether a base finding was computed again
    found: list[Diagnostic] = []
    for check, stored in zip(checks.COLLECTION_CHECKS, run.base["contacts"], strict=True):
        if stored is None or check.contacts is None or not check.wanted(off):
            continue
        # a check that reads bodies answers again for every changed document, not only a re-headed one
        moved = sorted(run.changed) if check.reads_bodies else reheaded
        touched = set(moved) | gone
        if not touched:
            continue  # none of its documents moved: the base's findings are its findings (and it is not run)
        contact = check.contacts
        contacts = _Contacts.of(
            stored,
            position,
            {path: contact(entry, entry.facts) for path, entry in run.changed.items() if entry.facts},
        )
        now = contacts.sharing([contacts.now(p) for p in moved]) - gone
        if check.pairwise is not None:
            again = _involving(touched, check.pairwise)
            found.extend(filter(again, check.run(run.collection(set(moved) | now, heads=True))))
        else:
            before = [contacts.stored(position[p]) for p in touched if p in position]
            near = (set(moved) | now | contacts.sharing(before)) - gone
            around = near | contacts.sharing([contacts.now(p) for p in sorted(near)]) - gone
            again = _within(near)
            found.extend(filter(again, check.run(run.collection(around, heads=True))))
        for code in check.codes:
            replaced[code] = again
    for d in held:
        if d.path in gone:
            continue
        if d.code in replaced:
            if not replaced[d.code](d):
                found.append(d)
        elif d.path in changed:
            raise UnanswerableError(d.code)  # a check that reads headers but declares no contacts
        else:
            found.append(d)
    return found


def _involving(paths: set[str], other: Callable[[Diagnostic], str]) -> Callable[[Diagnostic], bool]:
    return lambda d: d.path in paths or other(d) in paths


def _within(paths: set[str]) -> Callable[[Diagnostic], bool]:
    return lambda d: d.path in paths


@dataclasses.dataclass(frozen=True)
class _Contacts:
    """One check's contacts of every document: as the base stored them, and of the changed documents now."""

    position: dict[str, int]
    valid: list[str]  # the base's valid documents, by position
    offsets: npt.NDArray[np.int64]
    keys: sketch.Bands
    owner_of: npt.NDArray[np.int64]
    changed: dict[str, sketch.Bands]

    @classmethod
    def of(cls, stored: Any, position: dict[str, int], changed: dict[str, sketch.Bands]) -> _Contacts:
        offsets = np.frombuffer(stored[0], dtype=np.int64)
        keys = np.frombuffer(stored[1], dtype=np.uint64)
        if len(offsets) != len(position) + 1 or int(offsets[-1]) != len(keys):
            raise ValueError("contacts of different lengths")
        owner_of = np.repeat(np.arange(len(position)), np.diff(offsets))
        return cls(position, list(position), offsets, keys, owner_of, changed)

    def stored(self, i: int) -> sketch.Bands:
        return self.keys[self.offsets[i] : self.offsets[i + 1]]

    def now(self, path: str) -> sketch.Bands:
        return self.changed[path] if path in self.changed else self.stored(self.position[path])

    def sharing(self, wanted: Sequence[sketch.Bands]) -> set[str]:
        """The documents whose stored contacts meet ``wanted`` (a changed one's are the base's, so it may come
        out when it no longer shares one: a document more is time, never a wrong finding)."""
        hit = np.isin(self.keys, np.concatenate([sketch.no_bands(), *wanted]))
        return {self.valid[i] for i in np.unique(self.owner_of[hit]).tolist()}
