"""The incremental check: a collection in which a few files changed, checked from its last full run.

Why: a pull request edits a line or two of one standard; at national scale a full ``check`` restores
10,000 records and runs every collection rule again (seconds), though almost every finding is the one
the last run gave. The last full run left its *base* (:mod:`stdkit.run.base`).

A later run answers from the base when at most :data:`LIMIT` files changed, were added or were removed:
it keeps every finding that involves no changed document and computes the others — the body rules'
for the changed and new documents' pairs (through LSH against the stored bands; the documents on the
other side restored from their cache records), the header rules' over the documents that share a
contact with a changed, new or departed one (built from their heads); a departed document's findings
go; a spec that is new, whose body context changed, or that names the id of a document that came,
went or changed its body context has its basis worked out again. More changes, or a record missing,
is a full run, which writes a new base. The answer is the full run's by
construction (a property test compares them).
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
from stdkit.checks import coverage, facts, overlap
from stdkit.collection import Collection, Entry
from stdkit.diagnostics import Diagnostic
from stdkit.messages import Message
from stdkit.run import cache
from stdkit.run.base import NEAR, base_key, basis_id, file_of, kind_of

if TYPE_CHECKING:
    from stdkit.run.memo import Memo

#: Changed documents an incremental run handles; beyond this a full run is about as fast, and writes a new base.
LIMIT = 64


class _UnanswerableError(Exception):
    """The base cannot answer this run (a record is missing or damaged): a full run does."""


@dataclasses.dataclass
class _Run:
    """One incremental run: the base, the changed documents' new entries, and entries restored on demand."""

    memo: Memo
    base: dict[str, Any]
    changed: dict[str, Entry]  # path → its entry now (with facts)
    keys: dict[str, str]  # path → its record key in the base
    files: dict[str, Path]
    position: dict[str, int]  # path → its place among the base's valid documents
    gone: set[str]  # documents of the base that left the collection (removed, or made invalid)
    renewed: set[str]  # changed documents whose body context changed (facts.body_context)
    restored: dict[str, Entry] = dataclasses.field(default_factory=dict)
    heads: list[bytes] | None = None
    headed: dict[str, Entry] = dataclasses.field(default_factory=dict)

    @property
    def moved(self) -> set[str]:
        """The documents whose findings are computed again: changed, joined or gone."""
        return set(self.changed) | self.gone

    def entry(self, path: str) -> Entry:
        """The entry of ``path`` as it is now: a changed one's, or restored from its cache record."""
        if path in self.changed:
            return self.changed[path]
        if path not in self.restored:
            record = self.memo.records.get(self.keys[path])
            if record is None or record[1] is None:
                raise _UnanswerableError(path)
            self.restored[path] = facts.light_entry(record[1], self.files[path])
        return self.restored[path]

    def collection(self, paths: Iterable[str], *, heads: bool = False) -> Collection:
        """The documents at ``paths`` as they are now; with ``heads``, only what the rules that read headers
        need (:func:`stdkit.checks.facts.head_entry`), without reading their records."""
        made = self.head if heads else self.entry
        entries = sorted({path: made(path) for path in paths}.values(), key=lambda e: e.path)
        return Collection(tuple(entries), self.memo.config, cache=self.memo.records)

    def head(self, path: str) -> Entry:
        if path in self.changed:
            return self.changed[path]
        if path not in self.headed:
            if self.heads is None:
                self.heads = _read_side(self, "heads")
            self.headed[path] = facts.head_entry(
                msgpack.unpackb(self.heads[self.position[path]]), self.files[path]
            )
        return self.headed[path]


def answer(memo: Memo) -> tuple[list[Diagnostic], dict[str, Any], list[str], Message, int] | None:
    """(findings, suppressions, valid paths, reference basis, files) of this run from the base, or None
    when a full run must answer. The findings lack CNT513 (read from disk every run, by the caller)."""
    main = file_of(memo.records, base_key(memo))
    base = memo.records.read(main, main.name, cache.decoded)
    if not isinstance(base, dict):
        return None
    try:
        return _answer(memo, base)
    except _UnanswerableError:
        return None
    except (
        KeyError,
        IndexError,
        TypeError,
        ValueError,
    ) as exc:  # a base of another shape: a full run rewrites it
        memo.records.notices.append(Message("cache.damaged", {"path": main, "problem": exc}))
        return None


def _answer(
    memo: Memo, base: dict[str, Any]
) -> tuple[list[Diagnostic], dict[str, Any], list[str], Message, int] | None:
    from stdkit.run.gather import discovered, light

    keys = {str(name): str(key) for name, key in base["files"]}
    change = _change(memo, keys)
    if change is None:
        return None
    changed, removed = change
    valid = [str(p) for p in base["valid"]]
    position = {path: i for i, path in enumerate(valid)}
    files = {name: file for file, name in memo.files}
    entries: list[Entry] = []
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
    found = discovered(memo.located)
    found.extend(d for d in cache.diagnostics(base["stage"]) if d.path not in {*changed, *removed})
    found.extend(stage)
    found.extend(_headers(run, reheaded))
    found.extend(_bodies(run))
    members = {*position, *fresh} - gone
    key, fields = base["basis"]
    paths = [name for _, name in memo.files if name in members]
    return found, _suppressions(run), paths, Message(str(key), dict(fields)), len(memo.files)


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
    base: dict[str, Any], fresh: dict[str, Entry], position: dict[str, int]
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
    """The findings of the rules that compare bodies: the base's where neither document moved, the rest
    computed again for the documents that did."""
    off = set(run.memo.config.rules_off())
    found = []
    for row, other in run.base["near"]:
        (d,) = cache.diagnostics([row])
        if d.path not in run.moved and other not in run.moved:
            found.append(d)
    for code in NEAR:
        if code not in off:
            found.extend(_near(run, code))
    if overlap.R_SPECIAL_REPEAT.code not in off:
        found.extend(_repeats(run))
    if coverage.R_OMITTED.code not in off:
        found.extend(_coverage(run))
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
    held = cache.diagnostics(run.base["held"])
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
        contact = check.contacts
        contacts = _Contacts.of(
            stored,
            position,
            {path: contact(entry, entry.facts) for path, entry in run.changed.items() if entry.facts},
        )
        # a check that reads bodies answers again for every changed document, not only a re-headed one
        moved = sorted(run.changed) if check.reads_bodies else reheaded
        touched = set(moved) | gone
        now = contacts.sharing([contacts.now(p) for p in moved]) - gone
        if check.pairwise:
            again = _involving(touched)
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
            raise _UnanswerableError(d.code)  # a rule that reads headers but declares no contacts
        else:
            found.append(d)
    return found


def _involving(paths: set[str]) -> Callable[[Diagnostic], bool]:
    return lambda d: d.path in paths or overlap.other_path(d) in paths


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


def _near(run: _Run, code: str) -> list[Diagnostic]:
    """OVL704 or OVL706 for every pair with a changed document: LSH against the stored bands."""
    base = run.base
    kind, which, label, where = NEAR[code]
    kinds = np.frombuffer(base["kinds"], dtype=np.uint8)
    wide = sketch.BANDING[facts.WORK_BANDING][0]
    bands = np.frombuffer(base["bands"], dtype=np.uint64).reshape(-1, wide)
    signatures = np.frombuffer(base["signatures"], dtype=np.uint32).reshape(-1, facts.WORK_BANDING[1])
    banded = np.frombuffer(base["banded"], dtype=bool)
    sizes = np.frombuffer(base["sizes"], dtype=np.uint32)
    position = run.position
    valid = list(position)
    mine = sorted(p for p, e in run.changed.items() if kind_of(e) == kind)
    if not mine:
        return []
    moved = run.moved
    group = np.flatnonzero((kinds == kind) & banded)
    group = group[[valid[i] not in moved for i in group.tolist()]] if len(group) else group
    new = {p: facts.of_entry(run.changed[p]) for p in mine}
    matches = sketch.across([new[p].body_bands for p in mine], bands[group], np.ones(len(group), dtype=bool))
    pairs: set[tuple[str, str]] = set()
    for q, rows in matches.items():
        pairs.update((mine[q], valid[int(group[r])]) for r in rows)
    for a_index, a in enumerate(mine):
        for b in mine[a_index + 1 :]:
            ba, bb = new[a].body_bands, new[b].body_bands
            if ba is not None and bb is not None and bool((ba == bb).any()):
                pairs.add((a, b))

    def size(path: str) -> int:
        return new[path].body_size if path in new else int(sizes[position[path]])

    def signature(path: str) -> Any:
        if path in new:
            return new[path].body_signature
        return signatures[position[path]] if banded[position[path]] else None

    def lineage(path: str) -> set[str]:
        if path in run.changed:
            return overlap.lineage(run.changed[path])
        return set(map(str, base["lineages"][position[path]]))

    ordered = sorted(tuple(sorted(pair)) for pair in pairs)
    kept = [
        (first, second)
        for first, second in ordered
        if overlap.comparable(size(first), size(second), lineage(first), lineage(second))
    ]
    names = sorted({p for pair in kept for p in pair})
    index = {p: i for i, p in enumerate(names)}
    found = []
    for i, j in sketch.likely(
        [(index[a], index[b]) for a, b in kept], [signature(p) for p in names], overlap.WORK_SIMILARITY / 100
    ):
        first, second = run.entry(names[i]), run.entry(names[j])
        finding = overlap.body_finding(
            first, second, facts.of_entry(first), facts.of_entry(second), which, label, where
        )
        if finding is not None:
            found.append(finding)
    return found


def _repeats(run: _Run) -> list[Diagnostic]:
    """OVL705 for every module whose rows involve a changed document; the others keep their finding."""
    base = run.base
    moved = run.moved
    changed_levelled = sorted(p for p, e in run.changed.items() if kind_of(e) == 1)
    changed_special = sorted(p for p, e in run.changed.items() if kind_of(e) == 2)
    # the other modules against the changed documents' 工作内容 as they are now
    others = [u for u in base["units"] if u[0] not in moved]
    modules = [
        facts.Unit(
            str(name),
            np.frombuffer(hashes, dtype=np.uint32),
            None if bands is None else np.frombuffer(bands, dtype=np.uint64),
        )
        for _, _, name, hashes, bands, _, _ in others
    ]
    scored: list[list[tuple[str, int, float]]] = [[] for _ in others]
    if changed_levelled:
        index = overlap.TargetIndex.of(
            run.collection(changed_levelled), [run.entry(p) for p in changed_levelled]
        )
        for k, found in enumerate(index.scores(modules)):
            scored[k] = index.keyed(found)
    results: list[Diagnostic] = []
    for (path, u_index, _, _, _, rows, finding), new_rows in zip(others, scored, strict=True):
        stored = [(str(p), int(r), float(s)) for p, r, s in rows]
        if not new_rows and not any(p in moved for p, _, _ in stored):
            if finding is not None:
                results.extend(cache.diagnostics([finding]))
            continue
        results.extend(_best(run, path, u_index, [*(r for r in stored if r[0] not in moved), *new_rows]))
    for path in changed_special:
        entry = run.entry(path)
        for u_index, rows in enumerate(_all_targets(run, facts.of_entry(entry).units)):
            results.extend(_best(run, path, u_index, rows))
    return results


def _best(run: _Run, path: str, u_index: int, rows: list[tuple[str, int, float]]) -> list[Diagnostic]:
    """The finding of module ``u_index`` of ``path`` given its rows at or above the threshold: the best
    score, and of equal scores the first row in path order (as the full rule keeps)."""
    if not rows:
        return []
    target_path, row, score = max(rows, key=lambda r: (r[2], _Reversed((r[0], r[1]))))
    entry, target = run.entry(path), run.entry(target_path)
    unit = facts.of_entry(entry).units[u_index]
    return [overlap.repeat_finding(entry, u_index, unit, target, facts.of_entry(target).targets, row, score)]


@dataclasses.dataclass(frozen=True)
class _Reversed:
    """Orders the other way round: the earliest row wins among equal scores in a ``max``."""

    value: tuple[str, int]

    def __lt__(self, other: _Reversed) -> bool:
        return self.value > other.value


def _all_targets(run: _Run, units: Sequence[facts.Unit]) -> list[list[tuple[str, int, float]]]:
    """Rows at or above the threshold for changed modules, against every 工作内容 of the collection now."""
    stored = _read_side(run, "targets")
    owners = [str(p) for p in stored["owners"]]
    count = sketch.BANDING[facts.UNIT_BANDING][0]
    rows = np.frombuffer(stored["rows"], dtype=np.uint32).astype(np.int64)
    matrix = np.frombuffer(stored["matrix"], dtype=np.uint64).reshape(-1, count)
    present = np.frombuffer(stored["present"], dtype=bool)
    owner_of = np.repeat(np.arange(len(owners)), rows)
    if len(matrix) != len(owner_of) or len(present) != len(owner_of):
        raise ValueError("targets of different lengths")
    wanted = {
        owners[int(owner_of[t])]
        for hits in sketch.across([u.bands for u in units], matrix, present).values()
        for t in hits
    }
    by_name = stored["by_name"]
    for unit in units:
        wanted.update(owners[int(k)] for k in by_name.get(overlap.normal(unit.name), ()))
    wanted.update(p for p, e in run.changed.items() if kind_of(e) == 1)  # as they are now
    wanted -= run.gone | {p for p, e in run.changed.items() if kind_of(e) != 1}
    collection = run.collection(wanted)
    index = overlap.TargetIndex.of(collection, list(collection.entries))
    return [
        [(index.place(t)[0].path, index.place(t)[2], score) for t, score in found]
        for found in index.scores(units)
    ]


def _coverage(run: _Run) -> list[Diagnostic]:
    """COV901 of every spec whose own or whose basis's document changed; the others keep their findings.
    Specs that are new or renewed (:attr:`_Run.renewed`), or that name the id of a document that arrived,
    left or was renewed (which edition they are compared with may change), have their basis worked out
    again among the documents of that id."""
    moved = run.moved
    ids = run.base["ids"]
    joined = [path for path in run.changed if path not in run.position]
    # a renewed document left under its old id, edition and date, and came under its new ones
    came = {run.changed[p].document.id for p in [*joined, *run.renewed]}
    came_or_went = came | {str(ids[run.position[p]]) for p in [*run.gone, *run.renewed]}
    anew = {p for p in [*joined, *run.renewed] if basis_id(run.changed[p])}
    if came_or_went:  # the usual edit changes no id: no scan of every document
        anew.update(p for p, i in zip(run.position, run.base["named"], strict=True) if i in came_or_went)
    anew -= run.gone
    found: list[Diagnostic] = []
    pairs = []
    for spec, basis, rows in run.base["coverage"]:
        if spec in anew or spec in run.gone or spec in run.renewed:
            continue
        if spec in moved or basis in moved:
            pairs.append((str(spec), str(basis)))
        else:
            found.extend(cache.diagnostics(rows))
    for path in sorted(anew):
        spec = run.head(path)
        wanted = basis_id(spec)
        present = [p for p, i in zip(run.position, ids, strict=True) if i == wanted and p not in moved]
        present.extend(p for p, e in run.changed.items() if e.document.id == wanted)
        basis = coverage.basis_of(run.collection(present, heads=True), spec)
        if basis is not None:
            pairs.append((path, basis.path))
    if pairs:
        collection = run.collection({p for pair in pairs for p in pair})
        limit = run.memo.config.coverage_max_omitted
        for result in coverage.compared(collection, [(run.entry(s), run.entry(b)) for s, b in pairs]):
            found.extend(coverage.findings(result, limit))
    return found


def _read_side(run: _Run, side: str) -> Any:
    where = file_of(run.memo.records, base_key(run.memo), side)
    written = run.memo.records.read_sealed(where, where.name)
    if written is None or written[0] != run.base[side]:
        raise _UnanswerableError(str(where))  # missing, damaged, or written by another full run since
    try:
        return cache.decoded(written[1])
    except ValueError as exc:
        raise _UnanswerableError(str(where)) from exc
