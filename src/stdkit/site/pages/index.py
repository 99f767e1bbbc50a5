"""The collection arranged once for all pages: documents by id and occupation, successors, coverage.

Built once per :func:`~stdkit.site.pages.render`; a page looks up what it needs here and never scans
the whole collection (at 10,000 documents a scan per page is quadratic).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from stdkit import comparison, editions, publish
from stdkit.collection import Entry, levelled
from stdkit.reference import Occupation, ReferenceData
from stdkit.run.report import Report


@dataclasses.dataclass(frozen=True)
class Index:
    """The collection arranged for pages: documents by occupation and category, editions, links."""

    entries: tuple[Entry, ...]
    reference: ReferenceData
    occupation_of: dict[str, Occupation | None]  # ref → 2022 occupation
    superseded_by: dict[str, list[Entry]]  # ref → entries that supersede it
    include_drafts: bool
    #: id → its editions in the collection; a page looks up its own, never the whole list (10,000 pages)
    by_id: dict[str, tuple[Entry, ...]] = dataclasses.field(default_factory=dict)
    #: spec path → its coverage, as the check computed it for the whole collection (never again per page)
    coverage: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: ref → its standing: pages show this status, not the file's own (a successor supersedes it)
    standing: dict[str, editions.Standing] = dataclasses.field(default_factory=dict)
    #: id → its newest edition in force
    in_force: dict[str, Entry] = dataclasses.field(default_factory=dict)
    #: new id@edition → the 新旧版本对照表 of its confirmed crosswalk (published editions only)
    comparisons: dict[str, comparison.Comparison] = dataclasses.field(default_factory=dict)

    def standing_of(self, entry: Entry) -> editions.Standing:
        return self.standing.get(entry.ref) or editions.Standing(entry.document.status)

    def editions_of(self, ref: str) -> tuple[Entry, ...]:
        """The collection's editions of the document ``ref`` names (``id`` or ``id@edition``)."""
        return self.by_id.get(ref.partition("@")[0], ())

    #: id → the 新旧版本对照表 from or into its editions, oldest first (a page looks up its own)
    comparisons_by_id: dict[str, tuple[comparison.Comparison, ...]] = dataclasses.field(default_factory=dict)

    def comparisons_of(self, document_id: str) -> tuple[comparison.Comparison, ...]:
        """The 新旧版本对照表 from or into editions of ``document_id``, oldest first."""
        return self.comparisons_by_id.get(document_id, ())

    def find(self, ref: str) -> Entry | None:
        """The entry for ``id@edition`` (or the newest edition of ``id``)."""
        return editions.find(self.editions_of(ref), ref)


def _place(entry: Entry, reference: ReferenceData) -> Occupation | None:
    body = levelled(entry.document)
    if body is None or body.occupation is None:  # a rule across occupations is under no one occupation
        return None
    resolution = reference.resolve(body.occupation.code, body.occupation.name)
    return resolution.occupation or reference.occupation(body.occupation.code)


def arrange(report: Report[Entry], include_drafts: bool) -> Index:
    from stdkit.checks import coverage

    collection = report.collection
    entries = tuple(sorted(collection.entries, key=lambda e: (e.document.id, e.document.edition)))
    reference = collection.reference
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.document.id].append(entry)
    # the editions a crosswalk names are read whole here when the report holds headers only (a build)
    comparisons = publish.comparisons_in(collection, entries, include_drafts)
    rank = {e.ref: i for i, e in enumerate(editions.ordered(entries))}
    comparisons_by_id: dict[str, list[comparison.Comparison]] = defaultdict(list)
    for found in sorted(comparisons.values(), key=lambda c: rank[c.to_ref]):
        # under both editions' ids: a crosswalk may pair editions of two ids (a document renamed)
        for document_id in dict.fromkeys(ref.partition("@")[0] for ref in (found.to_ref, found.from_ref)):
            comparisons_by_id[document_id].append(found)
    return Index(
        entries,
        reference,
        {entry.ref: _place(entry, reference) for entry in entries},
        editions.successors(entries),
        include_drafts,
        {key: tuple(found) for key, found in by_id.items()},
        {found.spec.path: found for found in coverage.of_report(report.analyses)},
        editions.standing(entries),
        editions.newest(entries),
        comparisons,
        {key: tuple(found) for key, found in comparisons_by_id.items()},
    )
