"""Editions of a document: their order, the newest, and which edition supersedes which (沿革).

One place for these facts, so the index, the blueprints, the checks, the site and the diff agree
on what "the newest edition" is. Editions are ordered by issue date, then by the edition text
(numeric editions as numbers, so "2009" < "2018" < "10000"), then by path; a document without an
issue date sorts before every dated edition of its id. Pure functions of entries; nothing here
reads files.
"""

from __future__ import annotations

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
    """id → its newest edition (among the published ones, unless ``published_only`` is false)."""
    chosen = (e for e in entries if not published_only or e.document.status is Status.PUBLISHED)
    return {key: editions[-1] for key, editions in by_id(chosen).items()}


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
