"""The lineage of each document (``site/lineage/<id>.json``): every line of every edition and its history.

Built from the editions whose blueprints are published (:func:`stdkit.publish.selected`) and the confirmed
crosswalks only (:func:`stdkit.crosswalks.confirmed`): a proposed crosswalk is not published. For each line:
``earlier``, the crosswalk rows back through every earlier edition (null where an edition on the way was
reached without a confirmed crosswalk: then nobody has said what its lines were before); ``later``, the row
into the next edition; ``introduced``, the edition it first appeared in; ``last_changed``, the edition its text
last changed in (identical and moved with the same text keep the earlier one); ``retired``, for a line the next
edition deleted, that edition and the old edition's last exam day, and for a withdrawn edition its date.
Deterministic (sorted keys, no timestamps): two builds give the same bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from stdkit import crosswalks, editions, releases
from stdkit.collection import Collection, Entry
from stdkit.crosswalks import Crosswalk, Relation, Row
from stdkit.model import Status
from stdkit.model.blueprint import Blueprint
from stdkit.model.lineage import (
    SCHEMA_VERSION,
    CrosswalkRef,
    EditionHistory,
    Lineage,
    LineHistory,
    Retired,
    Step,
)

ROOT = "lineage"
_KEEP_TEXT = frozenset({Relation.IDENTICAL, Relation.MOVED})


def write_into(
    collection: Collection[Entry],
    folder: Path,
    include_drafts: bool,
    tables: Mapping[str, dict[str, str]] | None = None,
) -> list[Path]:
    """Write ``<id>.json`` of every document with a published edition into ``folder``; the files written,
    relative to ``folder``'s parent (``lineage/<id>.json``). ``tables``: every published edition's lines
    (:func:`lines_of`) where they were read already (a build's workers; the collection then holds headers)."""
    from stdkit import publish

    made = lineages(
        publish.selected(collection.entries, include_drafts),
        crosswalks.confirmed(collection.config.root),
        tables,
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for document_id, lineage in made:  # one at a time: 10,000 lineages at once held gigabytes
        (folder / f"{document_id}.json").write_bytes(publish.dump(lineage))
        written.append(Path(ROOT) / f"{document_id}.json")
    return written


def lineages(
    entries: Sequence[Entry], walks: Sequence[Crosswalk], known: Mapping[str, dict[str, str]] | None = None
) -> Iterator[tuple[str, Lineage]]:
    """Each id and its lineage, in the order of ``entries``' ids, for the whole ``entries`` and the crosswalks
    between them (confirmed ones), made as they are asked for; ``known``: their lines already read (ref →
    :func:`lines_of`)."""
    from stdkit.pool import forked_map

    ordered = editions.ordered(entries)
    tables: Mapping[str, dict[str, str]] = (
        _Only(known, {e.ref for e in ordered})
        if known is not None
        else dict(
            zip((e.ref for e in ordered), forked_map(lines_of, ordered, minimum=40, chunksize=8), strict=True)
        )
    )
    history = _History(ordered, tables, [w for w in walks if w.from_ref in tables and w.to_ref in tables])
    standing = editions.standing(entries)
    for document_id, group in editions.by_id(ordered).items():
        yield (
            document_id,
            Lineage(
                schema_version=SCHEMA_VERSION,
                id=document_id,
                editions=[_edition(e, standing[e.ref], history.into.get(e.ref)) for e in group],
                lines=[history.line(e, code) for e in group for code in tables[e.ref]],
            ),
        )


def lines_of(entry: Entry, made: Mapping[str, Blueprint] | None = None) -> dict[str, str]:
    """code → text of every line of ``entry``, in the order of its line tables (``made``: its blueprints by
    level key, where they were built already)."""
    return {
        code: text for table in releases.line_tables(entry, made).values() for code, text in table.items()
    }


class KeptLines(Mapping[str, dict[str, str]]):
    """Every published edition's lines (:func:`lines_of`) kept on disk by a build's workers, one file an edition,
    and read back as the lineage asks for them: 10,000 documents' lines held at once were a third of a GB.

    :meth:`keep` writes one edition's (in a worker); the build's process notes each ``ref`` and its file
    (:meth:`note`). The editions read last are kept in memory (a lineage reads an edition's lines once a line,
    and the lines of the editions before it, all of one document)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, Path] = {}
        self._read: dict[str, dict[str, str]] = {}  # the last editions read, oldest first

    def keep(self, number: int, lines: dict[str, str]) -> Path:
        """``lines`` written as the ``number``-th edition's file (in a worker: no state of this object changes)."""
        import orjson

        path = self.folder / f"{number}.json"
        path.write_bytes(orjson.dumps(lines))
        return path

    def note(self, ref: str, path: Path) -> None:
        self._files[ref] = path

    def __getitem__(self, ref: str) -> dict[str, str]:
        found = self._read.get(ref)
        if found is None:
            import orjson

            found = self._read[ref] = orjson.loads(self._files[ref].read_bytes())
            if len(self._read) > _KEPT_EDITIONS:
                del self._read[next(iter(self._read))]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, ref: object) -> bool:
        return ref in self._files


_KEPT_EDITIONS = 64


def _edition(entry: Entry, standing: editions.Standing, walk: Crosswalk | None) -> EditionHistory:
    reached = None
    if walk is not None:
        transition = walk.content.transition
        reached = CrosswalkRef.model_validate(
            {
                "from": walk.from_ref,
                "path": walk.path,
                "verdict": walk.content.verdict,
                "new_effective": _day(transition.new_effective if transition else None),
                "old_last_exam": _day(transition.old_last_exam if transition else None),
            }
        )
    return EditionHistory(
        ref=entry.ref,
        edition=entry.document.edition,
        status=standing.status.value,
        superseded_by=standing.superseded_by,
        exam_until=_day(standing.exam_until),
        crosswalk=reached,
    )


class _Only(Mapping[str, dict[str, str]]):
    """``known`` seen through the editions of ``refs`` only, each read when asked for (not copied)."""

    def __init__(self, known: Mapping[str, dict[str, str]], refs: set[str]) -> None:
        self._known, self._refs = known, refs

    def __getitem__(self, ref: str) -> dict[str, str]:
        if ref not in self._refs:
            raise KeyError(ref)
        return self._known[ref]

    def __iter__(self) -> Iterator[str]:
        return (ref for ref in self._known if ref in self._refs)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, ref: object) -> bool:
        return ref in self._refs and ref in self._known


def _day(value: object) -> str | None:
    return None if value is None else str(value)


@dataclasses.dataclass
class _History:
    """The crosswalk rows that lead into and out of each edition's lines."""

    entries: list[Entry]
    tables: Mapping[str, dict[str, str]]
    walks: list[Crosswalk]
    into: dict[str, Crosswalk] = dataclasses.field(default_factory=dict)  # new ref → its crosswalk
    out_of: dict[str, Crosswalk] = dataclasses.field(default_factory=dict)  # old ref → its crosswalk
    by_ref: dict[str, Entry] = dataclasses.field(default_factory=dict)
    rank: dict[str, int] = dataclasses.field(default_factory=dict)  # ref → its place, oldest first
    #: (crosswalk path, side) → code → its row; new side True
    rows: dict[tuple[str, bool], dict[str, Row]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        for walk in self.walks:
            self.into.setdefault(walk.to_ref, walk)
            self.out_of.setdefault(walk.from_ref, walk)
            for new in (True, False):
                self.rows[walk.path, new] = {
                    code: row for row in walk.rows for code in (row.news if new else row.olds)
                }
        self.by_ref = {e.ref: e for e in self.entries}
        self.rank = {e.ref: i for i, e in enumerate(self.entries)}

    def line(self, entry: Entry, code: str) -> LineHistory:
        ref = entry.ref
        return LineHistory(
            code=f"{ref}/{code}",
            edition=entry.document.edition,
            text=self.tables[ref][code],
            earlier=self.earlier(ref, code),
            later=self._later(ref, code),
            introduced=self._edition_of(self.introduced(ref, code)),
            last_changed=self._edition_of(self.last_changed(ref, code)),
            retired=self._retired(entry, code),
        )

    def _row_into(self, ref: str, code: str) -> tuple[Crosswalk, Row] | None:
        """The row that brought ``code`` into ``ref``; None when nobody has said (no confirmed crosswalk)."""
        walk = self.into.get(ref)
        row = None if walk is None else self.rows[walk.path, True].get(code)
        return None if walk is None or row is None else (walk, row)

    def _first(self, ref: str) -> bool:
        """Whether ``ref`` supersedes nothing: its lines have no earlier form."""
        return not self.by_ref[ref].document.supersedes

    def earlier(self, ref: str, code: str) -> list[Step] | None:
        if self._first(ref):
            return []
        found = self._row_into(ref, code)
        if found is None:
            return None
        walk, row = found
        if row.relation is Relation.NEW:
            return []
        steps = [self._step(walk.from_ref, row.olds, row.relation)]
        for old in row.olds:
            before = self.earlier(walk.from_ref, old)
            if before is None:
                return None
            steps.extend(before)
        return steps

    def introduced(self, ref: str, code: str) -> str | None:
        if self._first(ref):
            return ref
        found = self._row_into(ref, code)
        if found is None:
            return None
        walk, row = found
        if row.relation is Relation.NEW:
            return ref
        firsts = [self.introduced(walk.from_ref, old) for old in row.olds]
        if any(first is None for first in firsts):
            return None
        return min((f for f in firsts if f is not None), key=self.rank.__getitem__)

    def last_changed(self, ref: str, code: str) -> str | None:
        if self._first(ref):
            return ref
        found = self._row_into(ref, code)
        if found is None:
            return None
        walk, row = found
        if row.relation in _KEEP_TEXT and len(row.olds) == 1:
            (old,) = row.olds
            if self.tables[walk.from_ref].get(old) == self.tables[ref][code]:
                return self.last_changed(walk.from_ref, old)
        return ref

    def _later(self, ref: str, code: str) -> Step | None:
        walk = self.out_of.get(ref)
        row = None if walk is None else self.rows[walk.path, False].get(code)
        return None if walk is None or row is None else self._step(walk.to_ref, row.news, row.relation)

    def _retired(self, entry: Entry, code: str) -> Retired | None:
        document = entry.document
        if document.status is Status.WITHDRAWN:
            return Retired(edition=None, exam_until=_day(document.withdrawn))
        walk = self.out_of.get(entry.ref)
        row = None if walk is None else self.rows[walk.path, False].get(code)
        if walk is None or row is None or row.relation is not Relation.DELETED:
            return None
        transition = walk.content.transition
        last = transition.old_last_exam if transition else None
        if last is None:
            last = editions.exam_until(self.by_ref[walk.to_ref])
        return Retired(edition=self._edition_of(walk.to_ref), exam_until=_day(last))

    def _step(self, ref: str, codes: Sequence[str], relation: Relation) -> Step:
        return Step(
            edition=self.by_ref[ref].document.edition, codes=[f"{ref}/{c}" for c in codes], relation=relation
        )

    def _edition_of(self, ref: str | None) -> str | None:
        return None if ref is None else self.by_ref[ref].document.edition
