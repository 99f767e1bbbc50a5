"""The overlap rules that compare bodies, answered from the last full run (:mod:`stdkit.checks.incremental`).

Why: OVL704–706 compare every document's body with every other's (LSH, then exact scores): seconds at
national scale. After an edit to a few files, only the pairs with a changed document can give another
finding. So each keeps in the base what a later run needs to compare the changed documents with all the
others without restoring them: their bands, MinHash signatures, sizes and lineages (OVL704, OVL706); every
module's rows at or above the threshold, and the bands of every 工作内容 (OVL705). Apart from
:mod:`stdkit.checks.overlap` so that module stays the rules themselves (and under the house's 700 lines).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from stdkit import sketch
from stdkit.checks import facts, overlap
from stdkit.checks.incremental import Base, Kept, UnanswerableError
from stdkit.collection import AnyEntry, Collection, levelled, special
from stdkit.diagnostics import Diagnostic, Rule


def _active(entry: AnyEntry) -> bool:
    return entry.document.status not in overlap.RETIRED


def compared_work(entry: AnyEntry) -> bool:
    """A document whose work OVL704 compares (and OVL705's modules are compared with): active, levelled."""
    return _active(entry) and levelled(entry.document) is not None


def compared_modules(entry: AnyEntry) -> bool:
    """A document whose modules OVL705 and OVL706 compare: an active special competency."""
    return _active(entry) and special(entry.document) is not None


# ------------------------------------------------------------------------------- OVL704, OVL706


@dataclasses.dataclass(frozen=True)
class NearBodies:
    """A rule that compares whole bodies (:func:`stdkit.checks.overlap.body_finding`) of the documents it
    ``compares``: its part of the base and its incremental answer."""

    which: Rule
    label: str
    where: tuple[str, ...]
    compares: Callable[[AnyEntry], bool]

    def extract(self, collection: Collection, found: Sequence[Diagnostic], analysis: Any) -> Kept:
        """Its findings with the other document each names, and the bands, signature, size and lineage of
        every document it compares that has a body, by position among the valid documents."""
        rows: list[int] = []
        kept: list[facts.Facts] = []
        lineages: list[list[str]] = []
        for i, entry in enumerate(collection.entries):
            light = facts.of_entry(entry)
            if self.compares(entry) and light.body_bands is not None and light.body_signature is not None:
                rows.append(i)
                kept.append(light)
                lineages.append(sorted(overlap.lineage(entry)))
        wide = sketch.BANDING[facts.WORK_BANDING][0]
        return Kept(
            {
                "found": [[d, overlap.other_path(d)] for d in found],
                "rows": np.array(rows, dtype=np.int64).tobytes(),
                "bands": np.array([f.body_bands for f in kept], dtype=np.uint64).reshape(-1, wide).tobytes(),
                "signatures": np.array([f.body_signature for f in kept], dtype=np.uint32).tobytes(),
                "sizes": np.array([f.body_size for f in kept], dtype=np.uint32).tobytes(),
                "lineages": lineages,
            }
        )

    def update(self, base: Base) -> list[Diagnostic]:
        """The base's findings where neither document moved, and every pair with a changed document again:
        LSH against the stored bands."""
        part = base.part
        found: list[Diagnostic] = [d for d, other in part["found"] if not {d.path, other} & base.moved]
        mine = sorted(p for p, e in base.changed.items() if self.compares(e))
        if not mine:
            return found
        wide = sketch.BANDING[facts.WORK_BANDING][0]
        valid = list(base.position)
        rows = np.frombuffer(part["rows"], dtype=np.int64)
        bands = np.frombuffer(part["bands"], dtype=np.uint64).reshape(-1, wide)
        signatures = np.frombuffer(part["signatures"], dtype=np.uint32).reshape(-1, facts.WORK_BANDING[1])
        sizes = np.frombuffer(part["sizes"], dtype=np.uint32)
        if not len(rows) == len(bands) == len(signatures) == len(sizes) == len(part["lineages"]):
            raise UnanswerableError("a part of different lengths")
        stored = {valid[int(i)]: k for k, i in enumerate(rows.tolist()) if valid[int(i)] not in base.moved}
        group = np.array(list(stored.values()), dtype=np.int64)
        others = list(stored)
        new = {p: facts.of_entry(base.changed[p]) for p in mine}
        matches = sketch.across(
            [new[p].body_bands for p in mine], bands[group], np.ones(len(group), dtype=bool)
        )
        pairs: set[tuple[str, str]] = set()
        for q, hits in matches.items():
            pairs.update((mine[q], others[r]) for r in hits)
        for a_index, a in enumerate(mine):
            for b in mine[a_index + 1 :]:
                ba, bb = new[a].body_bands, new[b].body_bands
                if ba is not None and bb is not None and bool((ba == bb).any()):
                    pairs.add((a, b))

        def size(path: str) -> int:
            return new[path].body_size if path in new else int(sizes[stored[path]])

        def signature(path: str) -> Any:
            return new[path].body_signature if path in new else signatures[stored[path]]

        def lineage(path: str) -> set[str]:
            if path in new:
                return overlap.lineage(base.changed[path])
            return set(map(str, part["lineages"][stored[path]]))

        ordered = sorted(tuple(sorted(pair)) for pair in pairs)
        kept = [(a, b) for a, b in ordered if overlap.comparable(size(a), size(b), lineage(a), lineage(b))]
        names = sorted({p for pair in kept for p in pair})
        index = {p: i for i, p in enumerate(names)}
        for i, j in sketch.likely(
            [(index[a], index[b]) for a, b in kept],
            [signature(p) for p in names],
            overlap.WORK_SIMILARITY / 100,
        ):
            first, second = base.entry(names[i]), base.entry(names[j])
            finding = overlap.body_finding(
                first,
                second,
                facts.of_entry(first),
                facts.of_entry(second),
                self.which,
                self.label,
                self.where,
            )
            if finding is not None:
                found.append(finding)
        return found


WORK = NearBodies(overlap.R_WORK, "work", ("work",), compared_work)
COPIES = NearBodies(overlap.R_SPECIAL_COPY, "modules", ("units",), compared_modules)


# ------------------------------------------------------------------------------------------ OVL705


def repeats_extract(collection: Collection, found: Sequence[Diagnostic], analysis: overlap.Repeats) -> Kept:
    """What OVL705 found for each module it compared (its :data:`~stdkit.checks.overlap.Repeats`), with the
    module's hashes and bands, so an incremental run compares only the modules that changed; beside the
    base, every 工作内容's bands and names by document, for the modules of a special competency that
    changes."""
    light = {e.path: facts.of_entry(e) for e in collection.entries}
    units = []
    for path, u_index, rows, finding in analysis:
        unit = light[path].units[u_index]
        units.append(
            [
                path,
                u_index,
                unit.name,
                unit.hashes.tobytes(),
                None if unit.bands is None else unit.bands.tobytes(),
                [list(row) for row in rows],
                finding,
            ]
        )
    owners = [e for e in collection.entries if compared_work(e)]
    return Kept(units, {"targets": _target_index(owners, [light[e.path] for e in owners])})


def _target_index(owners: Sequence[AnyEntry], light: Sequence[facts.Facts]) -> dict[str, Any]:
    by_name: dict[str, list[int]] = {}
    for k, found in enumerate(light):
        for names in found.targets.names:
            for name in names:
                listed = by_name.setdefault(name, [])
                if not listed or listed[-1] != k:  # owners come in order: each once, ascending
                    listed.append(k)
    return {
        "owners": [e.path for e in owners],
        "rows": np.array([len(f.targets) for f in light], dtype=np.uint32).tobytes(),
        "matrix": b"".join(f.targets.bands.tobytes() for f in light),
        "present": b"".join(f.targets.present.tobytes() for f in light),
        "by_name": by_name,
    }


def repeats_update(base: Base) -> list[Diagnostic]:
    """OVL705 for every module whose rows involve a changed document; the others keep their finding."""
    moved = base.moved
    changed_levelled = sorted(p for p, e in base.changed.items() if compared_work(e))
    changed_special = sorted(p for p, e in base.changed.items() if compared_modules(e))
    # the other modules against the changed documents' 工作内容 as they are now
    others = [u for u in base.part if u[0] not in moved]
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
            base.collection(changed_levelled), [base.entry(p) for p in changed_levelled]
        )
        for k, found in enumerate(index.scores(modules)):
            scored[k] = index.keyed(found)
    results: list[Diagnostic] = []
    for (path, u_index, _, _, _, rows, finding), new_rows in zip(others, scored, strict=True):
        stored = [(str(p), int(r), float(s)) for p, r, s in rows]
        if not new_rows and not any(p in moved for p, _, _ in stored):
            if finding is not None:
                results.append(finding)
            continue
        results.extend(_best(base, path, u_index, [*(r for r in stored if r[0] not in moved), *new_rows]))
    for path in changed_special:
        entry = base.entry(path)
        for u_index, rows in enumerate(_all_targets(base, facts.of_entry(entry).units)):
            results.extend(_best(base, path, u_index, rows))
    return results


def _best(base: Base, path: str, u_index: int, rows: list[tuple[str, int, float]]) -> Iterable[Diagnostic]:
    """The finding of module ``u_index`` of ``path`` given its rows at or above the threshold: the best
    score, and of equal scores the first row in path order (as the full rule keeps)."""
    if not rows:
        return []
    target_path, row, score = max(rows, key=lambda r: (r[2], _Reversed((r[0], r[1]))))
    entry, target = base.entry(path), base.entry(target_path)
    unit = facts.of_entry(entry).units[u_index]
    return [overlap.repeat_finding(entry, u_index, unit, target, facts.of_entry(target).targets, row, score)]


@dataclasses.dataclass(frozen=True)
class _Reversed:
    """Orders the other way round: the earliest row wins among equal scores in a ``max``."""

    value: tuple[str, int]

    def __lt__(self, other: _Reversed) -> bool:
        return self.value > other.value


def _all_targets(base: Base, units: Sequence[facts.Unit]) -> list[list[tuple[str, int, float]]]:
    """Rows at or above the threshold for changed modules, against every 工作内容 of the collection now."""
    stored = base.side("targets")
    owners = [str(p) for p in stored["owners"]]
    count = sketch.BANDING[facts.UNIT_BANDING][0]
    rows = np.frombuffer(stored["rows"], dtype=np.uint32).astype(np.int64)
    matrix = np.frombuffer(stored["matrix"], dtype=np.uint64).reshape(-1, count)
    present = np.frombuffer(stored["present"], dtype=bool)
    owner_of = np.repeat(np.arange(len(owners)), rows)
    if len(matrix) != len(owner_of) or len(present) != len(owner_of):
        raise UnanswerableError("targets of different lengths")
    wanted = {
        owners[int(owner_of[t])]
        for hits in sketch.across([u.bands for u in units], matrix, present).values()
        for t in hits
    }
    by_name = stored["by_name"]
    for unit in units:
        wanted.update(owners[int(k)] for k in by_name.get(overlap.normal(unit.name), ()))
    wanted.update(p for p, e in base.changed.items() if compared_work(e))  # as they are now
    wanted -= base.gone | {p for p, e in base.changed.items() if not compared_work(e)}
    collection = base.collection(wanted)
    index = overlap.TargetIndex.of(collection, list(collection.entries))
    return [
        [(index.place(t)[0].path, index.place(t)[2], score) for t, score in found]
        for found in index.scores(units)
    ]
