"""Editions of a document: their order, the newest, and which edition supersedes which (沿革).

One place for these facts, so the index, the blueprints, the checks, the site and the diff agree
on what "the newest edition" is. Editions are ordered by issue date, then by the edition text
(numeric editions as numbers, so "2009" < "2018" < "10000"), then by path; a document without an
issue date sorts before every dated edition of its id. Pure functions of entries; nothing here
reads files.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from stdkit.model.common import Status

if TYPE_CHECKING:  # the collection asks for editions; this module only reads its entries
    from stdkit.collection import AnyEntry

#: whole or header-only entries: what comes in goes out
E = TypeVar("E", bound="AnyEntry")


def order_key(entry: AnyEntry) -> tuple[str, int, str, str]:
    """Oldest first: issue date, edition (numbers as numbers), path."""
    document = entry.document
    issued = document.issued.isoformat() if document.issued else ""
    edition = document.edition
    return (issued, int(edition) if edition.isdigit() else -1, edition, entry.path)


def ordered(entries: Iterable[E]) -> list[E]:
    """``entries`` oldest edition first."""
    return sorted(entries, key=order_key)


def by_id(entries: Iterable[E]) -> dict[str, list[E]]:
    """id → its editions, oldest first."""
    grouped: dict[str, list[E]] = defaultdict(list)
    for entry in entries:
        grouped[entry.document.id].append(entry)
    return {key: ordered(editions) for key, editions in sorted(grouped.items())}


def newest(entries: Iterable[E], *, published_only: bool = True) -> dict[str, E]:
    """id → its newest edition (among those in force, unless ``published_only`` is false): an edition
    that another names in ``supersedes`` is not in force, whatever its own ``status`` still says."""
    pool = list(entries)
    if published_only:
        now = standing(pool)
        pool = [e for e in pool if now[e.ref].in_force]
    return {key: editions[-1] for key, editions in by_id(pool).items()}


def successors(entries: Iterable[E]) -> dict[str, list[E]]:
    """ref → the entries that declare ``supersedes: ref``, oldest first."""
    found: dict[str, list[E]] = defaultdict(list)
    for entry in entries:
        if entry.document.supersedes:
            found[entry.document.supersedes].append(entry)
    return {ref: ordered(later) for ref, later in found.items()}


def superseded_by(entries: Iterable[E]) -> dict[str, str]:
    """ref → the ref of the newest edition that declares ``supersedes: ref``."""
    return {ref: later[-1].ref for ref, later in successors(entries).items()}


def find(entries: Sequence[E] | Mapping[str, E], ref: str) -> E | None:
    """The entry for ``id@edition``, or the newest edition of ``id`` (published or not)."""
    pool = list(entries.values()) if isinstance(entries, Mapping) else list(entries)
    if "@" in ref:
        return next((e for e in pool if e.ref == ref), None)
    editions = ordered(e for e in pool if e.document.id == ref)
    return editions[-1] if editions else None


#: The statuses of an issued edition: its outputs stay at its edition URLs for as long as it exists.
ISSUED = frozenset({Status.PUBLISHED, Status.SUPERSEDED, Status.WITHDRAWN})


@dataclasses.dataclass(frozen=True, slots=True)
class Standing:
    """Where an edition stands now: its status as the collection sees it, and for a superseded one
    the edition that replaced it and the last day it may still be examined (过渡期)."""

    status: Status
    superseded_by: str | None = None
    exam_until: datetime.date | None = None

    @property
    def in_force(self) -> bool:
        return self.status is Status.PUBLISHED


def standing(entries: Iterable[E]) -> dict[str, Standing]:
    """ref → its standing. A superseding document marks the edition it names as superseded (its own
    ``status`` may still say published: the old file need not be edited when a new edition appears);
    ``withdrawn`` and a draft's statuses are the document's own. The 过渡期 ends on the newest successor's
    ``publication.transition_until``, else the day before its ``effective`` date, else it is unknown."""
    pool = list(entries)
    later = successors(pool)
    found: dict[str, Standing] = {}
    for entry in pool:
        status = entry.document.status
        successor = later.get(entry.ref, [])
        issued_successors = [e for e in successor if e.document.status in ISSUED]
        if not issued_successors or status is Status.WITHDRAWN:
            found[entry.ref] = Standing(
                status, successor[-1].ref if status is Status.SUPERSEDED and successor else None
            )
            continue
        newest_successor = issued_successors[-1]
        found[entry.ref] = Standing(Status.SUPERSEDED, newest_successor.ref, exam_until(newest_successor))
    return found


def exam_until(successor: AnyEntry) -> datetime.date | None:
    """The last day the edition ``successor`` replaces may be examined."""
    publication = successor.document.publication
    if publication is None:
        return None
    if publication.transition_until is not None:
        return publication.transition_until
    if publication.effective is not None:
        return publication.effective - datetime.timedelta(days=1)
    return None
