"""What a run found: :class:`Report`, the value every reporter, the site and ``build`` read.

At the bottom of :mod:`stdkit.run` so that its readers (the reporters in :mod:`stdkit.report`, the site
in :mod:`stdkit.site`, the shards) import a value, never the composition root. :func:`finish` applies a
collection's configuration to raw findings: severities (``off`` removes a finding), suppressions with
reasons, unused suppressions. It never runs a rule.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic

from typing_extensions import TypeVar  # a TypeVar with a default (PEP 696), before Python 3.13

from stdkit.diagnostics import Diagnostic, Severity, reading_order
from stdkit.messages import Message

if TYPE_CHECKING:  # a report answered from the cache is made and printed without the model (issue 39)
    from stdkit.collection import AnyEntry, Collection
    from stdkit.load import Suppression

#: as :data:`stdkit.collection.E_co` and :data:`stdkit.collection.F`, made here without importing the model
E_co = TypeVar("E_co", bound="AnyEntry", covariant=True, default="AnyEntry")
F = TypeVar("F", bound="AnyEntry")


@dataclasses.dataclass(frozen=True)
class Suppressed:
    diagnostic: Diagnostic
    reason: str


@dataclasses.dataclass(frozen=True)
class Report(Generic[E_co]):
    """What a run found: the documents that are valid, the findings, and what was suppressed. ``E``: whole
    entries (:class:`~stdkit.collection.Entry`, what the site reads) or header-only ones."""

    collection: Collection[E_co]
    files: int
    diagnostics: tuple[Diagnostic, ...]
    suppressed: tuple[Suppressed, ...] = ()
    #: about the run, not the documents (e.g. a damaged cache record): for stderr
    notices: tuple[Message, ...] = ()
    #: paths of the valid documents; set where the collection holds no entries (an answer from the memo)
    valid_paths: tuple[str, ...] | None = None
    #: the reference basis remembered by the memo (otherwise it comes from the collection's reference data)
    basis: Message | None = None
    #: analyses of collection checks by name (:attr:`stdkit.checks.Check.name`): coverage's, for the JSON
    #: report and the site; an answer from the memo holds those its caller asked for
    analyses: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def documents(self) -> tuple[str, ...]:
        """Paths of the documents that loaded (reporters list them even when they have no finding)."""
        if self.valid_paths is not None:
            return self.valid_paths
        return tuple(entry.path for entry in self.collection.entries)

    @property
    def reference_basis(self) -> Message:
        """The 大典 state the occupation codes were checked against (the edition and the releases after
        it), which the reports name: :attr:`stdkit.reference.ReferenceData.basis_message`."""
        return self.basis or self.collection.reference.basis_message

    @property
    def exit_status(self) -> int:
        return 1 if any(d.severity is Severity.ERROR for d in self.diagnostics) else 0

    def localized(self, lang: str) -> Report[E_co]:
        """The same report with every message in ``lang`` (``zh`` or ``en``)."""
        return dataclasses.replace(
            self,
            diagnostics=tuple([_localized(d, lang) for d in self.diagnostics]),
            suppressed=tuple(Suppressed(_localized(s.diagnostic, lang), s.reason) for s in self.suppressed),
        )

    def tally(self) -> list[tuple[str, int]]:
        """(code, number of findings) for every code found, worst severity first, then by code."""
        found: dict[str, tuple[Severity, int]] = {}
        for d in self.diagnostics:
            severity, count = found.get(d.code, (d.severity, 0))
            found[d.code] = (max(severity, d.severity), count + 1)
        return [(code, count) for code, (_, count) in sorted(found.items(), key=lambda i: (-i[1][0], i[0]))]

    def counts(self) -> dict[Severity, int]:
        return {severity: sum(1 for d in self.diagnostics if d.severity is severity) for severity in Severity}


def _localized(diagnostic: Diagnostic, lang: str) -> Diagnostic:
    """:meth:`Diagnostic.localized`, without a copy where the message stays (English) and without
    :func:`dataclasses.replace` (a tenth of a national report's time otherwise)."""
    message = diagnostic.text(lang)
    if message == diagnostic.message:
        return diagnostic
    d = diagnostic
    return Diagnostic(d.path, d.line, d.col, d.code, message, d.severity, d.args)


#: A diagnostic's fields in order: the order :class:`Diagnostic` sorts by, as a key (its generated
#: comparison builds two tuples a comparison)
_FIELDS = operator.attrgetter("path", "line", "col", "code", "message", "severity", "args")


def finish(
    collection: Collection[F],
    files: int,
    found: Iterable[Diagnostic],
    suppressions: dict[str, tuple[Suppression, ...]] | None = None,
    only: Named | None = None,
) -> Report[F]:
    """``only``: the report of those documents alone (:class:`Named`), every other finding left out before
    anything is sorted."""
    from stdkit.collection import R_UNUSED_SUPPRESSION

    if suppressions is None:
        suppressions = {entry.path: entry.suppressions for entry in collection.entries}
    if only is not None:
        found = [d for d in found if only.involves(d)]
    used: set[tuple[str, int]] = set()
    kept: list[Diagnostic] = []
    suppressed: list[tuple[Diagnostic, Suppressed]] = []
    severities = collection.config.severity
    # one sort, in the order the report lists them: by reading order, and findings that read alike by their
    # fields (the order two sorts gave, a stable one by reading order after one by fields)
    for raw in sorted(set(found), key=listed):
        override = severities.get(raw.code, raw.severity)
        if override is None:  # the collection turned the rule off
            continue
        diagnostic = raw if override is raw.severity else raw.with_severity(override)
        items = suppressions.get(diagnostic.path)
        match = suppression_of(diagnostic, items) if items else None
        if match is not None and match.reason:
            used.add((diagnostic.path, match.line))
            suppressed.append((raw, Suppressed(diagnostic, match.reason)))
        else:
            kept.append(diagnostic)
    unused: list[Diagnostic] = []
    for path, items in suppressions.items():
        if only is not None and path not in only.paths:
            continue  # another document's comment may suppress a finding that does not name these
        for item in items:
            if (path, item.line) not in used:
                variant = "no_reason" if not item.reason else "unused"
                codes = ", ".join(item.codes)
                unused.append(
                    R_UNUSED_SUPPRESSION.at(path, item.comment_line, 1, variant=variant, codes=codes)
                )
    ordered = tuple(sorted([*kept, *unused], key=reading_order) if unused else kept)
    quiet = tuple(s for _, s in sorted(suppressed, key=lambda pair: _FIELDS(pair[0])))
    if only is None:
        return Report(collection, files, ordered, quiet)
    valid = tuple(entry.path for entry in collection.entries if entry.path in only.paths)
    return Report(collection, only.files, ordered, quiet, valid_paths=valid)


def listed(diagnostic: Diagnostic) -> tuple[Any, ...]:
    """The order a report lists findings in (:func:`finish`): reading order, then severity and values."""
    return (*reading_order(diagnostic), diagnostic.severity, diagnostic.args)


@dataclasses.dataclass(frozen=True)
class Named:
    """The documents a report is narrowed to (``stdkit check FILE…``, as pre-commit runs it), as reports
    show their paths, and how many of the named paths are files (the summary's count).

    A finding is theirs when it is on one of them, or when it is on another document and its ``place``
    names one of them (a pair of overlapping documents, a reference, a crosswalk: the cross-document
    rules name the other document so, ``path`` or ``path:line``)."""

    paths: frozenset[str]
    files: int

    def involves(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.path in self.paths:
            return True
        for name, value in diagnostic.args:
            if name == "place":
                return value in self.paths or value.rsplit(":", 1)[0] in self.paths
        return False

    def key(self) -> str:
        """What a kept rendering of the narrowed report is kept under, beside the printer's key."""
        return "\0".join(sorted(self.paths))


def suppression_of(diagnostic: Diagnostic, items: Iterable[Suppression]) -> Suppression | None:
    for item in items:
        if diagnostic.code in item.codes and (item.whole_document or item.line == diagnostic.line):
            return item
    return None
