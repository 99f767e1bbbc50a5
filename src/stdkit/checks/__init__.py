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

from stdkit.diagnostics import RULES, Diagnostic

if TYPE_CHECKING:  # the registry and what its checks' signatures name, imported when a rule must run
    from stdkit.checks.facts import Facts
    from stdkit.checks.incremental import Base, Kept
    from stdkit.checks.registry import COLLECTION_CHECKS, DOCUMENT_CHECKS, gathered
    from stdkit.collection import AnyEntry, Collection, Entry
    from stdkit.sketch import Bands

__all__ = [
    "COLLECTION_CHECKS",
    "DOCUMENT_CHECKS",
    "FACTS_VERSION",
    "Check",
    "PerFile",
    "alone",
    "declare_every_rule",
    "family",
    "gathered",
    "per_file_checks",
]

#: The version of the per-document facts' record (:mod:`stdkit.checks.facts`): bumped whenever the record
#: changes shape or meaning. Part of every cache key; here so that a key is made without importing the facts.
FACTS_VERSION = 7

Subject = TypeVar("Subject", "Entry", "Collection")


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
    from stdkit.sketch import no_bands

    return no_bands()


def family(name: str) -> tuple[str, ...]:
    """The codes of every rule declared with ``family=name``."""
    return tuple(sorted(code for code, declared in RULES.items() if declared.family == name))


def per_file_checks() -> tuple[Check[Collection], ...]:
    """The collection checks that read more than the documents (:attr:`Check.per_file`), in their order in
    :data:`COLLECTION_CHECKS`, without importing the registry: a run answered from the memo makes their
    findings every run (tests/test_check.py: the same checks as the registry's)."""
    from stdkit.checks import modelines

    return (modelines.CHECK,)


def declare_every_rule() -> None:
    """Import every rule family (through the registry), so that :data:`stdkit.diagnostics.RULES` holds every
    rule a run can report: what words a stored finding in another language (:meth:`Diagnostic.text`) and
    what a configuration's codes are checked against. A run that prints a kept text needs neither."""
    from stdkit.checks import registry  # noqa: F401 - imported for the rules its families declare


def __getattr__(name: str) -> object:
    """The registry (:mod:`stdkit.checks.registry`), imported when first asked for: it imports every rule
    family, the model and numpy, which a run answered from the cache never needs (PEP 562)."""
    if name in {"COLLECTION_CHECKS", "DOCUMENT_CHECKS", "gathered"}:
        from stdkit.checks import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
