"""The rule registry: which checks run on one document, and which on the whole collection.

Adding a rule family is one import and one entry below (:mod:`stdkit.checks` explains the entries). Imported
when a rule must run (``stdkit.checks.COLLECTION_CHECKS`` and ``DOCUMENT_CHECKS`` come from here), never by a
run answered from the cache. A check that reads more than the documents is listed in
:func:`stdkit.checks.per_file_checks` too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from stdkit.checks import (
    Check,
    alone,
    assessment,
    catalogue,
    content,
    coverage,
    crosswalks,
    drafts,
    errata,
    family,
    frontmatter,
    frozen,
    ladder,
    modelines,
    overlap,
    overlap_incremental,
    papers,
    references,
    routes,
    weights,
    worktypes,
)
from stdkit.collection import AnyEntry, Collection, Entry
from stdkit.diagnostics import Diagnostic, Rule
from stdkit.sketch import Bands

if TYPE_CHECKING:
    from stdkit.checks.facts import Facts


DOCUMENT_CHECKS: tuple[Check[Entry], ...] = (
    Check(family("ladder"), ladder.check),
    Check(family("weights"), weights.check),
    Check(family("content"), content.check),
    Check(family("drafts"), drafts.check),
    Check(family("frontmatter"), frontmatter.check),
    Check(family("editions"), errata.check),
    Check(family("routes"), routes.check),
    Check(tuple(c for c in family("worktypes") if c != worktypes.R_LICENCE.code), worktypes.check),
    Check(family("assessment"), assessment.check),
    Check(family("papers"), papers.check),
)


def _pairs(
    which: Rule,
    run: Callable[[Collection], Iterable[Diagnostic]],
    contacts: Callable[[AnyEntry, Facts], Bands],
) -> Check[Collection]:
    """An overlap rule on headers whose every finding is on one pair of documents (named in its place)."""
    return Check((which.code,), run, contacts=contacts, pairwise=overlap.other_path)


def _bodies(
    near: overlap_incremental.NearBodies, run: Callable[[Collection], Iterable[Diagnostic]]
) -> Check[Collection]:
    """An overlap rule that compares whole bodies, answered incrementally from its part of the base."""
    return Check((near.which.code,), run, extract=near.extract, update=near.update)


COLLECTION_CHECKS: tuple[Check[Collection], ...] = (
    Check(family("catalogue") + family("pending"), catalogue.check, contacts=alone),
    _pairs(overlap.R_SAME_SCOPE, overlap.same_scope, overlap.scope_contacts),
    _pairs(overlap.R_TITLE, overlap.near_titles, overlap.title_contacts),
    _pairs(overlap.R_OCCUPATION, overlap.near_occupations, overlap.name_contacts),
    _bodies(overlap_incremental.WORK, overlap.near_work),
    Check(
        (overlap.R_SPECIAL_REPEAT.code,),
        overlap.special_repeats,
        analysed=overlap.special_repeats_analysed,
        extract=overlap_incremental.repeats_extract,
        update=overlap_incremental.repeats_update,
    ),
    _bodies(overlap_incremental.COPIES, overlap.special_copies),
    Check(family("references"), references.check, contacts=references.contacts),
    # the schema a modeline names is a file on disk, not part of the documents
    modelines.CHECK,
    Check((worktypes.R_LICENCE.code,), worktypes.licences, contacts=alone),
    Check(
        family("coverage"),
        coverage.check,
        analysed=coverage.analysed,
        name=coverage.ANALYSIS,
        extract=coverage.extract,
        update=coverage.update,
    ),
    # a document against the newest release: its findings depend on its body too, so an incremental run
    # checks every changed document again, not only those whose header changed
    Check(family("releases"), frozen.check, contacts=alone, reads_bodies=True),
    Check(
        family("crosswalks"),
        crosswalks.check,
        contacts=crosswalks.contacts,
        pairwise=overlap.other_path,
        reads_bodies=True,
        full_run_for=crosswalks.names_any,
    ),
)


def gathered(collection: Collection) -> Collection:
    """The collection as the collection checks take it from the per-document stage: what the workers handed
    back that no check reads let go (coverage's lines of the documents that are neither a spec with a basis
    in the collection nor such a basis)."""
    return coverage.keep_lines_needed(collection)
