"""The rule registry: which checks run on one document, and which on the whole collection.

Adding a rule family is one import and one entry below, no decorator and no import-time
registration beyond declaring the rules themselves. Each entry names the rule codes it can report,
so the pipeline skips a check whose every rule the collection turned ``off``. Document checks
take an :class:`AnyEntry`, collection checks a :class:`Collection`; both yield diagnostics and never
mutate anything. The order in which they run, severities and suppressions belong to
:mod:`stdkit.run.pipeline`, so checks stay unaware of configuration.

The document families (ladder, weights, content) walk a document once for all of their rules, which
costs microseconds; the collection's overlap rules are each a pass of their own, since each costs
seconds at national scale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from stdkit.checks import (
    assessment,
    catalogue,
    content,
    coverage,
    crosswalks,
    drafts,
    errata,
    frontmatter,
    frozen,
    ladder,
    overlap,
    overlap_incremental,
    papers,
    references,
    routes,
    weights,
    worktypes,
)
from stdkit.checks.incremental import Base, Kept
from stdkit.collection import AnyEntry, Collection, Entry
from stdkit.diagnostics import RULES, Diagnostic, Rule
from stdkit.sketch import Bands, no_bands

if TYPE_CHECKING:  # facts import the rule families that extract them
    from stdkit.checks.facts import Facts

Subject = TypeVar("Subject", Entry, Collection)


@dataclasses.dataclass(frozen=True)
class PerFile:
    """What a check that depends on more than the documents' bytes reads of each file: its findings are
    never kept in the cache, and a run answered from the memo makes them from ``read`` of each file's bytes
    (kept beside the file's record key, a pure function of them) with ``findings``, every run."""

    read: Callable[[bytes], Any]  # plain data (msgpack), or None when the file has nothing to say
    findings: Callable[[Path, str, Any], Iterable[Diagnostic]]  # (file, shown path, what ``read`` gave)


@dataclasses.dataclass(frozen=True)
class Check(Generic[Subject]):
    """A generator of findings and the rule codes it may report."""

    codes: tuple[str, ...]
    run: Callable[[Subject], Iterable[Diagnostic]]
    #: For a collection check whose findings come from an analysis worth keeping: (findings, analysis). The
    #: run hands the analysis to ``extract`` and, when the check has a ``name``, to the report under it.
    analysed: Callable[[Collection], tuple[list[Diagnostic], Any]] | None = None
    #: the name of the analysis in :attr:`stdkit.run.report.Report.analyses` ("" for none the report keeps)
    name: str = ""
    #: For a collection check that compares bodies: what it keeps of a full run for an incremental one
    #: (:mod:`stdkit.checks.incremental`), given the collection, its findings and its analysis; and its
    #: findings now from that (``update``). Neither: the incremental run keeps its findings on documents that
    #: did not change and answers the others by ``contacts``.
    extract: Callable[[Collection, Sequence[Diagnostic], Any], Kept] | None = None
    update: Callable[[Base], Iterable[Diagnostic]] | None = None
    #: For a collection check that reads only headers: the keys a document shares with every document that
    #: one of its findings depends on (its own findings, or findings on the other). The incremental run
    #: (:mod:`stdkit.run.delta`) checks a document whose header changed against those documents only. More
    #: keys than needed cost time, fewer give wrong findings. None: the incremental run does not answer so.
    contacts: Callable[[AnyEntry, Facts], Bands] | None = None
    #: Each finding is on one document of a pair, depends on those two only (so a changed document's findings
    #: are those of its pairs with the documents it contacts) and names the other: this gives its path.
    pairwise: Callable[[Diagnostic], str] | None = None
    #: a check that reads more than the documents' bytes (files on disk): see :class:`PerFile`
    per_file: PerFile | None = None

    @property
    def cacheable(self) -> bool:
        """A function of the documents' bytes, the configuration and the reference data."""
        return self.per_file is None

    #: With ``contacts``: a finding on a document may change when its body changes, not only its header.
    reads_bodies: bool = False
    #: Whether an incremental run must leave this check to a full run, given the collection's root and the
    #: ids of the documents that changed, came or went (a crosswalk's findings lie in another file).
    full_run_for: Callable[[Path, set[str]], bool] | None = None

    def wanted(self, off: Iterable[str]) -> bool:
        """False when the collection turned every rule of this check off: then it is not run."""
        return not set(self.codes) <= set(off)


def alone(entry: AnyEntry, facts: Facts) -> Bands:
    """No contacts: the check's findings on a document depend on that document only."""
    return no_bands()


def family(name: str) -> tuple[str, ...]:
    """The codes of every rule declared with ``family=name``."""
    return tuple(sorted(code for code, declared in RULES.items() if declared.family == name))


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
    Check(
        (content.R_MODELINE.code,),
        content.modelines,
        per_file=PerFile(content.modeline_target, content.modeline_finding),
    ),
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
