"""A collection: every document of a standards repository, valid and located.

:func:`discover` finds the files, :func:`load_entries` reads and validates each one (a pure
function of one file, so a process pool or a content-hash cache can wrap it unchanged).
An :class:`Entry` keeps the model together with the source map, so any check can point into
the file. Nothing here mutates a document.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Generic

from typing_extensions import TypeVar  # a TypeVar with a default (PEP 696), before Python 3.13

from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Rule, Severity, Wording, rule

# stdkit.site.sources imports these from here (discovery was part of this module)
from stdkit.discovery import R_LINK_OUTSIDE as R_LINK_OUTSIDE  # noqa: PLC0414 - a re-export, for mypy
from stdkit.discovery import _inside as _inside  # noqa: PLC0414 - a re-export, for mypy
from stdkit.discovery import _shown as _shown  # noqa: PLC0414 - a re-export, for mypy
from stdkit.ladder import Level
from stdkit.load import LoadedFile, Path_, SourceMap, Suppression, display_path, parse, read
from stdkit.model import Document, EvaluationSpec, LevelledBody, OccupationalStandard, SpecialCompetency
from stdkit.model.bind import bind

if TYPE_CHECKING:
    from stdkit.checks.facts import Facts
    from stdkit.reference import ReferenceData
    from stdkit.run.cache import Cache


@dataclasses.dataclass(frozen=True, slots=True)
class AnyEntry:
    """A valid document with where it came from: whole (:class:`Entry`) or header-only (:class:`HeadEntry`).
    What a collection rule reads; an output that needs the body takes an :class:`Entry`."""

    path: str  # as shown in diagnostics
    file: Path
    document: Document
    source: SourceMap
    sha256: str
    suppressions: tuple[Suppression, ...] = ()
    #: what the collection rules compare (computed where the document was examined; else on demand);
    #: derived from ``document`` and ``source``, so not part of an entry's equality
    facts: Facts | None = dataclasses.field(default=None, compare=False)

    @property
    def ref(self) -> str:
        return self.document.ref

    def at(
        self, where: Path_, rule: Rule, message: str | None = None, *, key: bool = False, **args: object
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at the value (or key) of ``where``.

        Give the message's values as ``args`` (the rule's templates make the English and Chinese
        text); a literal English ``message`` is the older form. Without either, the fix.
        """
        line, col = self.source.key(where) if key else self.source.value(where)
        if args or message is None:
            return rule.at(self.path, line, col, **args)
        return Diagnostic(self.path, line, col, rule.code, message, rule.severity)

    def finding(
        self, where: Path_, rule: Rule, values: Mapping[str, object], *, key: bool = False
    ) -> Diagnostic:
        """:meth:`at` with the message's values as a mapping (built by a rule's message function)."""
        line, col = self.source.key(where) if key else self.source.value(where)
        return rule.at(self.path, line, col, **values)


@dataclasses.dataclass(frozen=True, slots=True)
class Entry(AnyEntry):
    """A valid document whose ``document`` is the whole bound model (the site and the blueprints need it)."""


@dataclasses.dataclass(frozen=True, slots=True)
class HeadEntry(AnyEntry):
    """A light entry (restored from the cache or a worker, :mod:`stdkit.checks.facts`): its ``document`` is
    a header-only model and its source map holds only the positions the collection rules point at. Never
    reaches the site or the blueprints: they take :class:`Entry`, so a header-only collection there is a
    type error."""


R_UNUSED_SUPPRESSION = rule(
    "USE002",
    "usage",
    Severity.WARNING,
    "A `# stdkit: ignore` comment suppresses nothing, or gives no reason.",
    "Remove the comment if the problem is fixed; otherwise write why it is ignored after the code.",
    detail={
        "no_reason": "`# stdkit: ignore {codes}` gives no reason.",
        "unused": "`# stdkit: ignore {codes}` suppresses nothing.",
    },
    zh=Wording(
        "`# stdkit: ignore` 注释没有屏蔽任何问题，或没有写明原因。",
        "问题已经改正的，请删除该注释；否则请在规则代码后写明为什么忽略。",
        {
            "no_reason": "`# stdkit: ignore {codes}` 没有写明原因。",
            "unused": "`# stdkit: ignore {codes}` 没有屏蔽任何问题。",
        },
    ),
)


def load_entry(path: Path, root: Path | None = None) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    """Read, parse and bind one file to its model (the per-document stage of the pipeline)."""
    return _entry(read(path, shown_as=display_path(path, root)), path)


def entry_from_bytes(
    raw: bytes, shown: str, file: Path | None = None
) -> tuple[Entry | None, list[Diagnostic]]:
    """The same stage for bytes that are not a file here (a git revision, for ``stdkit diff``)."""
    entry, _, problems = _entry(parse(raw, shown), file or Path(shown))
    return entry, problems


def _entry(loaded: LoadedFile, file: Path) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    if not loaded.ok:
        return None, loaded, list(loaded.diagnostics)
    document, problems = bind(loaded)
    if document is None:
        return None, loaded, problems
    entry = Entry(loaded.path, file, document, loaded.source, loaded.sha256, loaded.suppressions)
    return entry, loaded, problems


def entry_of(loaded: LoadedFile, file: Path) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    """Bind a file already read (the pipeline's per-document stage reads the bytes itself, to key the cache)."""
    return _entry(loaded, file)


def levelled(document: Document) -> LevelledBody | None:
    return document if isinstance(document, OccupationalStandard | EvaluationSpec) else None


def special(document: Document) -> SpecialCompetency | None:
    return document if isinstance(document, SpecialCompetency) else None


def function_names(document: LevelledBody, level: Level) -> list[str]:
    return [function.function for function in document.work.get(level, [])]


#: The entries of a collection: whole, header-only, or either (a collection rule reads either).
E_co = TypeVar("E_co", bound=AnyEntry, covariant=True, default=AnyEntry)
#: Another collection's entries (:meth:`Collection.with_entries`).
F = TypeVar("F", bound=AnyEntry)


@dataclasses.dataclass(frozen=True)
class Collection(Generic[E_co]):
    """Every valid document of a run, with the configuration and the reference data it is checked against."""

    entries: tuple[E_co, ...]
    config: Config
    #: the content-hash cache of the run, where rules keep results derived from several files
    cache: Cache | None = dataclasses.field(default=None, compare=False, repr=False)

    @functools.cached_property
    def reference(self) -> ReferenceData:
        from stdkit.reference.index import for_config

        return for_config(self.config)

    def complete(self, entry: AnyEntry) -> AnyEntry:
        """``entry`` with its whole model: a light entry is read and bound again (rules that need the
        body of a few documents use this, so the collection itself stays light)."""
        if isinstance(entry, Entry):
            return entry
        full, _, _ = load_entry(entry.file, self.config.root)
        return full if full is not None and full.sha256 == entry.sha256 else entry

    def with_entries(self, entries: Iterable[F]) -> Collection[F]:
        """The same run's collection (configuration, cache) with other entries."""
        return Collection(tuple(entries), self.config, cache=self.cache)

    def without_facts(self) -> Collection:
        """Light entries without their facts, for what reads only headers once the collection rules ran."""
        if not any(isinstance(entry, HeadEntry) and entry.facts is not None for entry in self.entries):
            return self
        return self.with_entries(
            dataclasses.replace(entry, facts=None) if isinstance(entry, HeadEntry) else entry
            for entry in self.entries
        )

    @functools.cached_property
    def by_ref(self) -> dict[str, E_co]:
        return {entry.ref: entry for entry in self.entries}

    def editions(self, document_id: str) -> list[E_co]:
        return list(self._by_id.get(document_id, ()))

    @functools.cached_property
    def _by_id(self) -> dict[str, list[E_co]]:
        from stdkit import editions

        return editions.by_id(self.entries)

    def find(self, ref: str) -> E_co | None:
        """The entry for ``id@edition``, or the newest edition of ``id`` (published or not)."""
        if "@" in ref:
            return self.by_ref.get(ref)
        found = self._by_id.get(ref)
        return found[-1] if found else None
