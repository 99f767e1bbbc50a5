"""A collection: every document of a standards repository, valid and located.

:func:`discover` finds the files, :func:`load_entries` reads and validates each one (a pure
function of one file, so a process pool or a content-hash cache can wrap it unchanged).
An :class:`Entry` keeps the model together with the source map, so any check can point into
the file. Nothing here mutates a document.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Rule
from stdkit.ladder import Level
from stdkit.load import LoadedFile, Path_, SourceMap, Suppression, display_path, parse, read
from stdkit.model import Document, EvaluationSpec, LevelledBody, OccupationalStandard, SpecialCompetency
from stdkit.model.bind import bind

if TYPE_CHECKING:
    from stdkit.facts import Facts
    from stdkit.reference import ReferenceData

SUFFIXES = (".yaml", ".yml")


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """A valid document with where it came from."""

    path: str  # as shown in diagnostics
    file: Path
    document: Document
    source: SourceMap
    sha256: str
    suppressions: tuple[Suppression, ...] = ()
    # set on a light entry (restored from the cache or a worker): its document is then header-only
    facts: Facts | None = None

    @property
    def complete(self) -> bool:
        """True when ``document`` is the whole bound model (the site and blueprints need that)."""
        return self.facts is None

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


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """YAML files named by ``paths`` (folders are searched recursively), sorted; plus paths that do not exist."""
    found: set[Path] = set()
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            found.update(
                p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file() and not _hidden(p, path)
            )
        elif path.is_file():
            found.add(path)
        else:
            missing.append(str(path))
    return sorted(found), missing


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


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


def levelled(document: Document) -> LevelledBody | None:
    return document if isinstance(document, OccupationalStandard | EvaluationSpec) else None


def special(document: Document) -> SpecialCompetency | None:
    return document if isinstance(document, SpecialCompetency) else None


def function_names(document: LevelledBody, level: Level) -> list[str]:
    return [function.function for function in document.work.get(level, [])]


@dataclasses.dataclass(frozen=True)
class Collection:
    """Every valid document of a run, with the configuration and the reference data it is checked against."""

    entries: tuple[Entry, ...]
    config: Config

    @functools.cached_property
    def reference(self) -> ReferenceData:
        from stdkit.reference import load_reference

        return load_reference(
            self.config.occupations, self.config.catalogue, self.config.releases, self.config.pending
        )

    @functools.cached_property
    def by_ref(self) -> dict[str, Entry]:
        return {entry.ref: entry for entry in self.entries}

    @functools.cached_property
    def _facts(self) -> dict[str, Facts]:
        from stdkit import facts

        return {entry.path: facts.of_entry(entry) for entry in self.entries}

    def facts(self, entry: Entry) -> Facts:
        """The entry's facts (what the overlap rules compare), computed once per collection."""
        return self._facts[entry.path]

    def editions(self, document_id: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.document.id == document_id]
