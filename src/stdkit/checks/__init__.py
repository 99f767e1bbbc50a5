"""The rule registry: which checks run on one document, and which on the whole collection.

Adding a rule family is one import and one entry below, no decorator and no import-time
registration beyond declaring the rules themselves. Each entry names the rule codes it can report,
so the pipeline skips a check whose every rule the collection turned ``off``. Document checks
take an :class:`Entry`, collection checks a :class:`Collection`; both yield diagnostics and never
mutate anything. The order in which they run, severities and suppressions belong to
:mod:`stdkit.run.pipeline`, so checks stay unaware of configuration.

The document families (ladder, weights, content) walk a document once for all of their rules, which
costs microseconds; the collection's overlap rules are each a pass of their own, since each costs
seconds at national scale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

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
    papers,
    references,
    routes,
    weights,
    worktypes,
)
from stdkit.collection import Collection, Entry
from stdkit.diagnostics import RULES, Diagnostic
from stdkit.sketch import Bands, no_bands

if TYPE_CHECKING:  # facts import the rule families that extract them
    from stdkit.checks.facts import Facts

Subject = TypeVar("Subject", Entry, Collection)


@dataclasses.dataclass(frozen=True)
class Check(Generic[Subject]):
    """A generator of findings and the rule codes it may report."""

    codes: tuple[str, ...]
    run: Callable[[Subject], Iterable[Diagnostic]]
    cacheable: bool = True  # a function of the documents' bytes, the configuration and the reference data
    #: keeps a result in ``collection.derived`` that later stages read (coverage: the report, the site),
    #: so it must run in the process that goes on; the others may run in a forked child meanwhile
    derives: bool = False
    #: For a collection check that reads only headers: the keys a document shares with every document that
    #: one of its findings depends on (its own findings, or findings on the other). The incremental run
    #: (:mod:`stdkit.run.delta`) checks a document whose header changed against those documents only. More
    #: keys than needed cost time, fewer give wrong findings. None: the incremental run does not answer so.
    contacts: Callable[[Entry, Facts], Bands] | None = None
    #: Each finding is on one document of a pair and names the other in its ``place``, and depends on those
    #: two only (so a changed document's findings are those of its pairs with the documents it contacts).
    pairwise: bool = False
    #: With ``contacts``: a finding on a document may change when its body changes, not only its header.
    reads_bodies: bool = False
    #: Whether an incremental run must leave this check to a full run, given the collection's root and the
    #: ids of the documents that changed, came or went (a crosswalk's findings lie in another file).
    full_run_for: Callable[[Path, set[str]], bool] | None = None

    def wanted(self, off: Iterable[str]) -> bool:
        """False when the collection turned every rule of this check off: then it is not run."""
        return not set(self.codes) <= set(off)


def alone(entry: Entry, facts: Facts) -> Bands:
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
COLLECTION_CHECKS: tuple[Check[Collection], ...] = (
    Check(family("catalogue") + family("pending"), catalogue.check, contacts=alone),
    Check((overlap.R_SAME_SCOPE.code,), overlap.same_scope, contacts=overlap.scope_contacts, pairwise=True),
    Check((overlap.R_TITLE.code,), overlap.near_titles, contacts=overlap.title_contacts, pairwise=True),
    Check(
        (overlap.R_OCCUPATION.code,), overlap.near_occupations, contacts=overlap.name_contacts, pairwise=True
    ),
    Check((overlap.R_WORK.code,), overlap.near_work),
    Check((overlap.R_SPECIAL_REPEAT.code,), overlap.special_repeats),
    Check((overlap.R_SPECIAL_COPY.code,), overlap.special_copies),
    Check(family("references"), references.check, contacts=references.contacts),
    # reads schema/ on disk, not only the documents: its findings are never taken from the cache
    Check((content.R_MODELINE.code,), content.modelines, cacheable=False),
    Check((worktypes.R_LICENCE.code,), worktypes.licences, contacts=alone),
    Check(family("coverage"), coverage.check, derives=True),
    # a document against the newest release: its findings depend on its body too, so an incremental run
    # checks every changed document again, not only those whose header changed
    Check(family("releases"), frozen.check, contacts=alone, reads_bodies=True),
    Check(
        family("crosswalks"),
        crosswalks.check,
        contacts=crosswalks.contacts,
        pairwise=True,
        reads_bodies=True,
        full_run_for=crosswalks.names_any,
    ),
)
