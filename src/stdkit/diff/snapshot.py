"""Two snapshots of a collection (path → bytes) → a :class:`~stdkit.diff.model.CollectionDiff`.

Each file goes through the pipeline's own per-document stage (load and bind); documents are paired
by path, then by reference (a rename), then by ``supersedes`` (a new edition).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from stdkit import blueprint
from stdkit.collection import Entry, entry_from_bytes
from stdkit.diff.compare import compare
from stdkit.diff.impact import blueprint_impact

#: Two lines at least this similar (difflib ratio) are an edit of each other rather than a swap.
from stdkit.diff.model import (
    BlueprintImpact,
    CollectionDiff,
    DocumentDiff,
    Verdict,
)
from stdkit.model import Document
from stdkit.model.common import (
    Status,
)


@dataclasses.dataclass(frozen=True, slots=True)
class _Side:
    entry: Entry | None
    problems: tuple[str, ...]

    @property
    def document(self) -> Document | None:
        return self.entry.document if self.entry is not None else None


def _read(path: str, raw: bytes) -> _Side:
    """The pipeline's own per-document stage (load and bind), on bytes from a revision."""
    entry, problems = entry_from_bytes(raw, path)
    return _Side(entry, tuple(_problem(d.line, d.col, d.code, d.message) for d in problems))


def _problem(line: int, col: int, code: str, message: str) -> str:
    return f"{line}:{col} {code} {message}"


# --------------------------------------------------------------------------- collection


def diff_collections(
    old: Mapping[str, bytes], new: Mapping[str, bytes], old_rev: str = "A", new_rev: str = "B"
) -> CollectionDiff:
    """Compare two snapshots (path → contents) document by document."""
    before = _changed(old, new)
    after = _changed(new, old)
    both = set(before) & set(after)
    results = [_modified(path, before[path], after[path], old_rev, new_rev) for path in sorted(both)]
    # Invalid files on one side only are reported as they are; they take no part in matching.
    for side, rev in ((before, old_rev), (after, new_rev)):
        results += [
            _invalid_on_one_side(path, s, rev)
            for path, s in side.items()
            if path not in both and s.document is None
        ]
    gone = _valid(before, both)
    results += _arrived(_valid(after, both), gone)
    results += [_removed(path, entry) for path, entry in sorted(gone.items())]
    return CollectionDiff(old_rev, new_rev, tuple(sorted(results, key=lambda d: (d.path, d.action))))


def _changed(snapshot: Mapping[str, bytes], other: Mapping[str, bytes]) -> dict[str, _Side]:
    """The files of ``snapshot`` that ``other`` lacks or holds otherwise, read; an unchanged file is no news."""
    return {
        path: _read(path, raw)
        for path, raw in snapshot.items()
        if other.get(path) != raw or path not in other
    }


def _valid(side: Mapping[str, _Side], both: set[str]) -> dict[str, Entry]:
    """The valid documents of one side whose path the other side has not: what a rename may pair."""
    return {path: s.entry for path, s in side.items() if path not in both and s.entry is not None}


def _modified(path: str, a: _Side, b: _Side, old_rev: str, new_rev: str) -> DocumentDiff:
    if a.entry is None or b.entry is None:
        return _invalid(path, a, b, old_rev, new_rev)
    return _compare(path, path, "modified", a.entry, b.entry)


def _invalid_on_one_side(path: str, side: _Side, rev: str) -> DocumentDiff:
    return DocumentDiff(
        path, None, "invalid", None, None, problems=tuple(f"{rev}: {p}" for p in side.problems)
    )


def _arrived(arrivals: Mapping[str, Entry], gone: dict[str, Entry]) -> list[DocumentDiff]:
    """Each new path, in order: renamed from the gone document it continues (taken out of ``gone``), or added."""
    results: list[DocumentDiff] = []
    for path, entry in sorted(arrivals.items()):
        match = _predecessor(entry.document, gone)
        if match is not None:
            results.append(_compare(path, match, "renamed", gone.pop(match), entry))
        else:
            results.append(_added(path, entry))
    return results


def _predecessor(document: Document, gone: Mapping[str, Entry]) -> str | None:
    """The first gone path (by path) with the same reference (a rename), else the edition it supersedes."""
    match = next((p for p, e in sorted(gone.items()) if e.ref == document.ref), None)
    if match is None and document.supersedes:
        match = next((p for p, e in sorted(gone.items()) if e.ref == document.supersedes), None)
    return match


def _removed(path: str, entry: Entry) -> DocumentDiff:
    document = entry.document
    return DocumentDiff(
        path,
        None,
        "removed",
        document.ref,
        document.title,
        blueprints=tuple(BlueprintImpact(level, "removed") for level in blueprint.levels_of(entry)),
    )


def _invalid(path: str, a: _Side, b: _Side, old_rev: str, new_rev: str) -> DocumentDiff:
    problems = [f"{old_rev}: {p}" for p in a.problems if a.document is None]
    problems += [f"{new_rev}: {p}" for p in b.problems if b.document is None]
    known = b.document or a.document
    return DocumentDiff(
        path,
        path,
        "invalid",
        known.ref if known else None,
        known.title if known else None,
        problems=tuple(problems),
    )


def _added(path: str, entry: Entry) -> DocumentDiff:
    document = entry.document
    return DocumentDiff(
        path,
        None,
        "added",
        document.ref,
        document.title,
        blueprints=tuple(BlueprintImpact(level, "added") for level in blueprint.levels_of(entry)),
    )


def _compare(path: str, old_path: str, action: str, old_entry: Entry, new_entry: Entry) -> DocumentDiff:
    old, new = old_entry.document, new_entry.document
    changes = compare(old, new)
    verdict = Verdict.NOT_EQUIVALENT if any(c.substantive for c in changes) else Verdict.EQUIVALENT
    if type(old) is not type(new):
        verdict = Verdict.NOT_EQUIVALENT
    return DocumentDiff(
        path,
        old_path if action == "renamed" else None,
        action,
        new.ref,
        new.title,
        old_ref=old.ref if old.ref != new.ref else None,
        changes=tuple(changes),
        verdict=verdict,
        blueprints=tuple(blueprint_impact(old_entry, new_entry, changes)),
        published=old.status is Status.PUBLISHED,
    )
