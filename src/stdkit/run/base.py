"""The base: what a full light check leaves for the incremental runs after it (:mod:`stdkit.run.delta`).

After a full light check with the cache, the base (``.stdkit-cache/base-v1/``) keeps what that run found
and what the collection rules need to compare one document with all the others, column-wise:

- every file's record key, the per-document stage's diagnostics and the suppressions;
- each valid document's :func:`stdkit.checks.facts.header_digest` (what the rules that read headers read of it)
  and :func:`stdkit.checks.facts.body_context` (what the rules that compare bodies read of its header);
- the findings of the rules that read headers (catalogue, references, OVL701–703, WTY908), each
  document's contacts for each of them (:attr:`stdkit.checks.Check.contacts`) and, in a file of its own
  read only when a header changed, each document's :func:`stdkit.checks.facts.head`;
- for OVL704/OVL706 every document's body bands, MinHash signature, size and lineage, with each finding
  and the other document it names;
- for OVL705 every module (its bands, hashes and the rows of 工作内容 that reach the threshold) and, in a
  file of its own read only when a special competency changed, the bands of every 工作内容;
- for COV901 every spec's basis and its findings.

Every file is sealed (:meth:`stdkit.run.cache.Cache.seal`) under its own name; the files beside the base
carry the base's MAC of them, so a run reads them only beside the base written with them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import numpy as np

from stdkit import checks, sketch
from stdkit.checks import coverage, facts, overlap
from stdkit.collection import Collection, Entry, levelled, special
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic
from stdkit.model import EvaluationSpec
from stdkit.run import cache

if TYPE_CHECKING:
    from stdkit.run.memo import Memo

FOLDER = "base-v1"
#: Below this many documents a full run takes well under a second: no base is written (a hook that checks
#: the few files of a commit would otherwise leave one behind for every set of files it was given).
MINIMUM = 200
#: The rules that compare two bodies: code → (the kind of document they compare, see _kind; the rule, the
#: label and the place of its finding, as :func:`stdkit.checks.overlap.body_finding` takes them).
NEAR = {
    overlap.R_WORK.code: (1, overlap.R_WORK, "work", ("work",)),
    overlap.R_SPECIAL_COPY.code: (2, overlap.R_SPECIAL_COPY, "modules", ("units",)),
}
#: The rules whose findings an incremental run recomputes; the base keeps every other collection finding.
BODY_CODES = frozenset({*NEAR, overlap.R_SPECIAL_REPEAT.code, coverage.R_OMITTED.code})


def kind_of(entry: Entry) -> int:
    """1 for an active levelled document (OVL704 compares them), 2 for an active special competency
    (OVL706), 0 for the rest."""
    if entry.document.status in overlap.RETIRED:
        return 0
    return 1 if levelled(entry.document) is not None else 2 if special(entry.document) is not None else 0


def file_of(store: cache.Cache, key: str, side: str = "") -> Path:
    """The base's file, or one of the files beside it that only some runs read (``targets``, ``heads``).
    Its name starts with the run key's, like a pack's: bases no run can reach any more are known."""
    name = f"{store.run[:16]}-{key}"
    return store.folder / FOLDER / (f"{name}.{side}.bin" if side else f"{name}.bin")


def _write_side(memo: Memo, base: dict[str, Any], side: str, value: Any) -> None:
    where = file_of(memo.records, base_key(memo), side)
    packed = sealed(memo.records, where, value)
    base[side] = packed[: cache.DIGEST]  # what is written beside this base, not beside another run's
    memo.records.write(where, packed)


def base_key(memo: Memo) -> str:
    """The base of one configuration, run (stdkit, reference data) and set of paths on the command line."""
    digest = hashlib.sha256(b"base\0" + memo.records.run.encode() + b"\0" + repr(memo.config).encode())
    for item in memo.asked:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


def sealed(store: cache.Cache, where: Path, value: Any) -> bytes:
    """``value`` packed and sealed under the name of the file it is written to."""
    body: bytes = msgpack.packb(value, use_bin_type=True)
    return store.seal(where.name, body)


def _rows(found: Iterable[Diagnostic]) -> list[Any]:
    return [cache.diagnostic_row(d) for d in found]


# ------------------------------------------------------------------------------------------ writing


def remember(
    memo: Memo, collection: Collection, stage: Sequence[Diagnostic], kept: Sequence[Diagnostic]
) -> None:
    """Write the base of a full run: ``stage`` the per-document diagnostics, ``kept`` the collection findings
    that come from the cache (CNT513, read from disk every run, is not among them)."""
    if len(memo.files) < MINIMUM:
        return
    off = set(collection.config.rules_off())
    repeats = collection.derived.get(overlap.REPEATS)
    coverages = collection.derived.get(coverage.DERIVED)
    if (overlap.R_SPECIAL_REPEAT.code not in off and repeats is None) or (
        coverage.R_OMITTED.code not in off and coverages is None
    ):
        return  # a rule ran without keeping what an incremental run needs: no base (never a wrong one)
    entries = collection.entries
    kinds = [kind_of(e) for e in entries]
    light = [facts.of_entry(e) for e in entries]
    # each head packed apart: a run unpacks only those it needs, and their digests are header_digest's
    heads = [facts.packed_head(e.path, f) for e, f in zip(entries, light, strict=True)]
    base = {
        **_findings_part(memo, collection, stage, kept),
        "headers": [facts.digest(head) for head in heads],
        "contexts": [facts.body_context(f) for f in light],
        "contacts": _contacts(collection.config, entries, light),
        "kinds": bytes(kinds),
        "ids": [e.document.id for e in entries],
        "named": [basis_id(e) for e in entries],
        "lineages": [sorted(overlap.lineage(e)) for e in entries],
        **_bodies_part(light),
        "units": None if repeats is None else _repeated_units(repeats, light, entries),
        "coverage": None if coverages is None else _coverage_rows(coverages, kept),
    }
    if repeats is not None:
        _write_side(memo, base, "targets", _target_index(entries, kinds, light))
    _write_side(memo, base, "heads", heads)
    main = file_of(memo.records, base_key(memo))
    memo.records.write(main, sealed(memo.records, main, base))
    memo.records.forget_other_runs(FOLDER)  # 50 MB each at national scale


def _findings_part(
    memo: Memo, collection: Collection, stage: Sequence[Diagnostic], kept: Sequence[Diagnostic]
) -> dict[str, Any]:
    """What the base keeps of the run: its files and valid documents, the per-document findings, the
    collection findings an incremental run keeps or recomputes, suppressions and the reference basis."""
    shown = {name for _, name in memo.files}
    basis = collection.reference.basis_message
    return {
        "files": [[name, memo.known[name][0]] for _, name in memo.files],
        "valid": [e.path for e in collection.entries],
        "stage": _rows(d for d in stage if d.path in shown),
        "held": _rows(d for d in kept if d.code not in BODY_CODES),
        "near": [[cache.diagnostic_row(d), overlap.other_path(d)] for d in kept if d.code in NEAR],
        "suppressions": {
            e.path: [s.row() for s in e.suppressions] for e in collection.entries if e.suppressions
        },
        "basis": [basis.key, dict(basis.fields)],
    }


def _coverage_rows(coverages: Any, kept: Sequence[Diagnostic]) -> list[Any]:
    """Each spec coverage compared with its basis, with the COV findings it gave."""
    omitted: dict[str, list[Diagnostic]] = {}
    for d in kept:
        if d.code == coverage.R_OMITTED.code:
            omitted.setdefault(d.path, []).append(d)
    return [[c.spec.path, c.basis.path, _rows(omitted.get(c.spec.path, ()))] for c in coverages]


def _bodies_part(light: Sequence[facts.Facts]) -> dict[str, bytes]:
    """Every document's body size, bands and MinHash signature, as rows (zero where a body has none), and
    which rows hold one."""
    wide = sketch.BANDING[facts.WORK_BANDING][0]
    bands = np.zeros((len(light), wide), dtype=np.uint64)
    signatures = np.zeros((len(light), facts.WORK_BANDING[1]), dtype=np.uint32)
    banded = np.zeros(len(light), dtype=bool)
    for i, f in enumerate(light):
        if f.body_bands is not None and f.body_signature is not None:
            bands[i], signatures[i], banded[i] = f.body_bands, f.body_signature, True
    return {
        "sizes": np.array([f.body_size for f in light], dtype=np.uint32).tobytes(),
        "bands": bands.tobytes(),
        "signatures": signatures.tobytes(),
        "banded": banded.tobytes(),
    }


def _repeated_units(repeats: Any, light: Sequence[facts.Facts], entries: Sequence[Entry]) -> list[Any]:
    """What OVL705 found for each module it compared (:data:`stdkit.checks.overlap.REPEATS`), with the
    module's hashes and bands, so an incremental run compares only the modules that changed."""
    by_path = {e.path: f for e, f in zip(entries, light, strict=True)}
    units = []
    for path, u_index, found, finding in repeats:
        unit = by_path[path].units[u_index]
        units.append(
            [
                path,
                u_index,
                unit.name,
                unit.hashes.tobytes(),
                None if unit.bands is None else unit.bands.tobytes(),
                [list(row) for row in found],
                None if finding is None else cache.diagnostic_row(finding),
            ]
        )
    return units


def _contacts(config: Config, entries: Sequence[Entry], light: Sequence[facts.Facts]) -> list[Any]:
    """For each collection check in order, every document's contacts (:attr:`stdkit.checks.Check.contacts`)
    as [offsets, keys], or None for a check that declares none or does not run."""
    off = set(config.rules_off())
    stored: list[Any] = []
    for check in checks.COLLECTION_CHECKS:
        if check.contacts is None or not check.wanted(off):
            stored.append(None)
            continue
        keys = [check.contacts(e, f) for e, f in zip(entries, light, strict=True)]
        offsets = np.cumsum([0, *map(len, keys)], dtype=np.int64)
        joined = np.concatenate(keys) if keys else sketch.no_bands()
        stored.append([offsets.tobytes(), joined.astype(np.uint64).tobytes()])
    return stored


def _target_index(
    entries: Sequence[Entry], kinds: Sequence[int], light: Sequence[facts.Facts]
) -> dict[str, Any]:
    """Every 工作内容's bands and names by document, for the modules of a special competency that changes."""
    owners = [i for i, kind in enumerate(kinds) if kind == 1]
    by_name: dict[str, list[int]] = {}
    for k, i in enumerate(owners):
        for names in light[i].targets.names:
            for name in names:
                listed = by_name.setdefault(name, [])
                if not listed or listed[-1] != k:  # owners come in order: each once, ascending
                    listed.append(k)
    return {
        "owners": [entries[i].path for i in owners],
        "rows": np.array([len(light[i].targets) for i in owners], dtype=np.uint32).tobytes(),
        "matrix": b"".join(light[i].targets.bands.tobytes() for i in owners),
        "present": b"".join(light[i].targets.present.tobytes() for i in owners),
        "by_name": by_name,
    }


def basis_id(entry: Entry) -> str:
    """The id an evaluation spec names as its basis ("" for any other document)."""
    document = entry.document
    basis = document.basis if isinstance(document, EvaluationSpec) else None
    return basis.split("@", 1)[0] if basis else ""
