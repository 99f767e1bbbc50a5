"""The base: what a full light check leaves for the incremental runs after it (:mod:`stdkit.run.delta`).

After a full light check with the cache, the base (``.stdkit-cache/base-v1/``) keeps what that run found
and what the collection checks need to compare one document with all the others, column-wise:

- every file's record key, the per-document stage's diagnostics and the suppressions;
- each valid document's :func:`stdkit.checks.facts.header_digest` (what the checks that read headers read of
  it) and :func:`stdkit.checks.facts.body_context` (what the checks that compare bodies read of its header);
- the findings of the checks that read headers, each document's contacts for each of them
  (:attr:`stdkit.checks.Check.contacts`) and, in a file of its own read only when a header changed, each
  document's :func:`stdkit.checks.facts.head`;
- for each check that compares bodies, what its ``extract`` keeps (:mod:`stdkit.checks.incremental`): its
  part, and files beside the base that only some runs read.

Every file is sealed (:meth:`stdkit.run.cache.Cache.seal`) under its own name; the files beside the base
carry the base's MAC of them, so a run reads them only beside the base written with them. A part may hold
findings: they are packed as msgpack extension values (:func:`packed`; the run's own, many more, as rows).
Nothing here knows a rule.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import numpy as np

from stdkit import checks, sketch
from stdkit.checks import facts
from stdkit.collection import AnyEntry, Collection
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic
from stdkit.run import cache

if TYPE_CHECKING:
    from stdkit.run.memo import Memo

FOLDER = "base-v1"
#: Below this many documents a full run takes well under a second: no base is written (a hook that checks
#: the few files of a commit would otherwise leave one behind for every set of files it was given).
MINIMUM = 200
#: A finding inside a part of the base: a msgpack extension value of this type, its body a diagnostic row.
_FINDING = 1


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one collection check gave a full run: its place in :data:`stdkit.checks.COLLECTION_CHECKS`, its
    findings and its analysis (None for a check that keeps none)."""

    check: int
    findings: list[Diagnostic]
    analysis: Any = None


def file_of(store: cache.Cache, key: str, side: str = "") -> Path:
    """The base's file, or one of the files beside it that only some runs read (``targets``, ``heads``).
    Its name starts with the run key's, like a pack's: bases no run can reach any more are known."""
    name = f"{store.run[:16]}-{key}"
    return store.folder / FOLDER / (f"{name}.{side}.bin" if side else f"{name}.bin")


def _write_side(memo: Memo, base: dict[str, Any], side: str, value: Any) -> None:
    where = file_of(memo.records, base_key(memo), side)
    written = sealed(memo.records, where, value)
    base["sides"][side] = written[
        : cache.DIGEST
    ]  # what is written beside this base, not beside another run's
    memo.records.write(where, written)


def base_key(memo: Memo) -> str:
    """The base of one configuration, run (stdkit, reference data) and set of paths on the command line."""
    digest = hashlib.sha256(b"base\0" + memo.records.run.encode() + b"\0" + repr(memo.config).encode())
    for item in memo.asked:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


def sealed(store: cache.Cache, where: Path, value: Any) -> bytes:
    """``value`` packed and sealed under the name of the file it is written to."""
    return store.seal(where.name, packed(value))


def packed(value: Any) -> bytes:
    """``value`` as msgpack, its findings (:class:`Diagnostic`) as extension values."""

    def finding(item: object) -> Any:
        if isinstance(item, Diagnostic):
            return msgpack.ExtType(_FINDING, msgpack.packb(cache.diagnostic_row(item), use_bin_type=True))
        raise TypeError(f"{type(item).__name__} in a base")

    body: bytes = msgpack.packb(value, use_bin_type=True, default=finding)
    return body


def unpacked(body: bytes, found: list[Diagnostic] | None = None) -> Any:
    """The inverse of :func:`packed`. Raises ValueError for a body that is not msgpack. ``found``: each
    finding of the value appended, in the order :func:`packed` wrote them (:mod:`stdkit.run.splice`)."""

    severities = cache.SEVERITIES
    add = found.append if found is not None else None

    def finding(code: int, data: bytes) -> Any:
        if code != _FINDING:
            raise ValueError(f"extension {code} in a base")
        # a row as :func:`stdkit.run.cache.diagnostic_row` wrote it, its arrays read as tuples (its args then
        # need no copy) and its values not converted one by one: the body is sealed, so it is what this very
        # code packed (a third of the time of 21,744 findings at national scale)
        path, line, col, rule, message, severity, args = msgpack.unpackb(data, raw=False, use_list=False)
        made = Diagnostic(path, line, col, rule, message, severities[severity], args)
        if add is not None:
            add(made)
        return made

    try:
        return msgpack.unpackb(body, raw=False, strict_map_key=True, ext_hook=finding)
    except (TypeError, KeyError) as exc:
        raise ValueError(f"unreadable record ({exc.__class__.__name__})") from exc


# ------------------------------------------------------------------------------------------ writing


def remember(
    memo: Memo, collection: Collection, stage: Sequence[Diagnostic], outcomes: Sequence[Outcome]
) -> None:
    """Write the base of a full run: ``stage`` the per-document diagnostics, ``outcomes`` what each
    collection check that ran gave."""
    if len(memo.files) < MINIMUM:
        return
    entries = collection.entries
    light = [facts.of_entry(e) for e in entries]
    # each head packed apart: a run unpacks only those it needs, and their digests are header_digest's
    heads = [facts.packed_head(e.path, f) for e, f in zip(entries, light, strict=True)]
    parts: list[Any] = [None] * len(checks.COLLECTION_CHECKS)
    held: list[Diagnostic] = []  # the findings of the checks that answer by their contacts
    sides: dict[str, Any] = {}
    for outcome in outcomes:
        check = checks.COLLECTION_CHECKS[outcome.check]
        if check.extract is None:
            held.extend(outcome.findings if check.cacheable else ())
            continue
        kept = check.extract(collection, outcome.findings, outcome.analysis)
        parts[outcome.check] = kept.part
        sides.update(kept.sides)
    base = {
        **_findings_part(memo, collection, stage, held),
        "headers": [facts.digest(head) for head in heads],
        "contexts": [facts.body_context(f) for f in light],
        "contacts": _contacts(collection.config, entries, light),
        "parts": parts,
        "sides": {},
    }
    for side, value in [*sides.items(), ("heads", heads)]:
        _write_side(memo, base, side, value)
    main = file_of(memo.records, base_key(memo))
    memo.records.write(main, sealed(memo.records, main, base))
    memo.records.forget_other_runs(FOLDER)  # 50 MB each at national scale


def _findings_part(
    memo: Memo, collection: Collection, stage: Sequence[Diagnostic], held: Sequence[Diagnostic]
) -> dict[str, Any]:
    """What the base keeps of the run: its files and valid documents, the per-document findings, the
    findings of the checks that read headers, suppressions and the reference basis."""
    shown = {name for _, name in memo.files}
    basis = collection.reference.basis_message
    return {
        "files": [[name, memo.known[name][0]] for _, name in memo.files],
        "valid": [e.path for e in collection.entries],
        "ids": [e.document.id for e in collection.entries],  # what Check.full_run_for is asked about
        "stage": [cache.diagnostic_row(d) for d in stage if d.path in shown],
        "held": [cache.diagnostic_row(d) for d in held],
        "suppressions": {
            e.path: [s.row() for s in e.suppressions] for e in collection.entries if e.suppressions
        },
        "basis": [basis.key, dict(basis.fields)],
    }


def _contacts(config: Config, entries: Sequence[AnyEntry], light: Sequence[facts.Facts]) -> list[Any]:
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
