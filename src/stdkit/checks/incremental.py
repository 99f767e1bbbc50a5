"""What a collection check keeps of a full run, and what it reads when it answers a later run from that.

Why: at national scale a full ``check`` runs every collection rule over 10,000 documents (seconds), though
after an edit to a few files almost every finding is the one the last run gave. A collection check that
compares bodies declares, in its registry entry (:class:`stdkit.checks.Check`):

- ``extract``: what it keeps in the run's *base* (:class:`Kept`): its part, and files beside the base
  that only some runs read;
- ``update``: its findings now, given a :class:`Base` — the documents that changed, and the part and the
  files it kept.

The run (:mod:`stdkit.run.base`, :mod:`stdkit.run.delta`) stores and seals the parts and builds the view;
it knows no rule. An ``update`` must give exactly the findings the full check would give (a property
test, ``tests/test_delta.py``, compares them); when it cannot, it raises :class:`UnanswerableError` and a
full run answers. Nothing here imports the run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Set
from typing import Any, Protocol

from stdkit.collection import AnyEntry, Collection
from stdkit.config import Config


class UnanswerableError(Exception):
    """The base cannot answer this run (a record is missing or damaged, a part of another shape …): a full
    run does."""


@dataclasses.dataclass(frozen=True)
class Kept:
    """What a check keeps in the base: ``part`` (plain data: msgpack) in the base itself, and ``sides``,
    each a file of its own beside the base, read only by a run whose update asks for it
    (:meth:`Base.side`). A side's name is unique among the checks."""

    part: Any
    sides: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class Base(Protocol):
    """The read-only view of the last full run that an ``update`` answers from."""

    @property
    def config(self) -> Config: ...

    @property
    def changed(self) -> Mapping[str, AnyEntry]:
        """Path → the entry now (with facts), of every document edited or added since the base."""
        ...

    @property
    def gone(self) -> Set[str]:
        """The base's documents that left the collection (removed, or no longer valid)."""
        ...

    @property
    def renewed(self) -> Set[str]:
        """The changed documents whose body context (:func:`stdkit.checks.facts.body_context`: what the
        rules that compare bodies read of a header) changed."""
        ...

    @property
    def moved(self) -> Set[str]:
        """The documents whose findings are computed again: changed, added or gone."""
        ...

    @property
    def position(self) -> Mapping[str, int]:
        """The base's valid documents, in order: path → position (what the parts' rows are indexed by)."""
        ...

    @property
    def part(self) -> Any:
        """This check's part, as its ``extract`` kept it (msgpack: tuples come back as lists)."""
        ...

    def side(self, name: str) -> Any:
        """The file ``name`` this check kept beside the base. Raises :class:`UnanswerableError` when it is
        missing, damaged or was written by another full run."""
        ...

    def entry(self, path: str) -> AnyEntry:
        """The entry of ``path`` as it is now, with its facts (restored from its cache record)."""
        ...

    def head(self, path: str) -> AnyEntry:
        """A header-only entry of ``path`` now (:func:`stdkit.checks.facts.head_entry`), without reading its
        record."""
        ...

    def collection(self, paths: Iterable[str], *, heads: bool = False) -> Collection:
        """The documents at ``paths`` as they are now, in path order: entries, or with ``heads`` headers."""
        ...
