"""The memo: a whole collection's findings, keyed by every file's record key and the configuration.

A warm ``check`` of an unchanged collection is answered from it without unpacking a record or running a
collection rule; one in which a few files changed is answered from the last full run's base
(:mod:`stdkit.run.delta`) and remembered like a full run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit.config import Config
from stdkit.diagnostics import Diagnostic
from stdkit.discovery import display_paths, find
from stdkit.messages import Message
from stdkit.run import cache
from stdkit.run.gather import reading, record_keys
from stdkit.run.report import Named, Report, finish

if TYPE_CHECKING:
    from stdkit.collection import Collection
    from stdkit.run import delta


def open_store(config: Config) -> cache.Cache:
    from stdkit.run import cache

    return cache.Cache(config.root, config)


def notices_of(store: cache.Cache | None) -> tuple[Message, ...]:
    return tuple(store.notices) if store is not None else ()


class Memo:
    """The findings of a whole collection, keyed by every file's record key and the configuration."""

    def __init__(self, paths: Sequence[Path], config: Config) -> None:
        from stdkit.run import cache

        self.config = config
        self.records = cache.Cache(config.root, config)
        self.located = located = find(paths, config.root)
        self.asked = [str(p) for p in paths]
        shown = display_paths(located.files, config.root, located.plain)
        self.files = list(zip(located.files, shown, strict=True))
        #: shown path → (record key, "-" when it cannot be read; what each check in :func:`reading` read of
        #: its bytes), read or from the snapshot
        self.known = record_keys(self.records, self.files)
        seen = [*located.missing, *(d.render() for d in located.problems), *(str(p) for p in paths)]
        keys = ((shown, key) for shown, (key, _) in self.known.items())
        self.key = cache.collection_key(self.records.run, config, seen, keys)
        self._beyond: list[tuple[str, Diagnostic]] | None = None

    def beyond(self) -> list[tuple[str, Diagnostic]]:
        """The findings of the checks that read more than the documents (:attr:`stdkit.checks.Check.per_file`)
        on every file (shown path, finding), valid or not, made once a run: each from what it read of the file's bytes when they
        were last hashed. Never kept: they are part of the key of a kept rendering
        (:func:`stdkit.run.cache.rendering_key`), and a report takes those of its valid documents."""
        if self._beyond is None:
            off = self.config.rules_off()
            found: list[tuple[str, Diagnostic]] = []
            for read, check in enumerate(reading()):
                if not check.wanted(off):
                    continue
                assert check.per_file is not None  # reading() gives only those
                for file, shown in self.files:
                    found.extend(
                        (shown, d) for d in check.per_file.findings(file, shown, self.known[shown][1][read])
                    )
            self._beyond = found
        return self._beyond

    def answer(self, only: Named | None = None) -> Report | None:
        """The report of a collection whose every file is as the memo knows it, or None; ``only``: narrowed
        to those documents (:class:`stdkit.run.report.Named`)."""
        memo = self.records.findings(self.key)
        if memo is None:
            return None
        files, found, stored, paths, basis = memo
        return self._report(files, found, stored, paths, basis, only)

    def incremental(self, only: Named | None = None) -> Report | None:
        """The report of a collection in which a few bodies changed, from the last full run's base
        (:mod:`stdkit.run.delta`), or None; remembered for the next run like a full run's unless narrowed
        to some documents (``only``)."""
        from stdkit.run import delta

        answered = delta.answer(self)
        if answered is None:
            return None
        if only is None:  # a report of some documents (pre-commit's) is not worth packing every finding for
            self.keep(answered)
        a = answered
        return self._report(a.files, a.found, a.suppressions, a.paths, a.basis, only)

    def keep(self, answered: delta.Answer) -> None:
        """Remember an answer from the base as the memo of this state, as a full run's."""
        from stdkit.run import cache

        a = answered
        self.records.put(
            self.key, cache.pack_findings(a.files, a.found, a.suppressions, a.paths, a.basis), memo=True
        )

    def _report(
        self,
        files: int,
        found: list[Diagnostic],
        stored: dict[str, Any],
        paths: list[str],
        basis: Message,
        only: Named | None,
    ) -> Report:
        from stdkit.checks import declare_every_rule
        from stdkit.collection import Collection
        from stdkit.load import Suppression

        declare_every_rule()  # the report words its stored findings in the language asked for
        found = found + self._per_file(set(paths))
        suppressions = {
            path: tuple(Suppression.from_row(row) for row in items) for path, items in stored.items()
        }
        report = finish(Collection((), self.config), files, found, suppressions, only)
        notices = tuple(self.records.notices)
        valid = tuple(paths) if only is None else tuple(p for p in paths if p in only.paths)
        return dataclasses.replace(report, notices=notices, valid_paths=valid, basis=basis)

    def _per_file(self, valid: set[str]) -> list[Diagnostic]:
        """:meth:`beyond` of the valid files (a collection check reads the documents that are valid)."""
        return [d for shown, d in self.beyond() if shown in valid]

    def remember(self, collection: Collection, files: int, found: list[Diagnostic]) -> None:
        from stdkit.run import cache

        suppressions = {
            entry.path: [s.row() for s in entry.suppressions]
            for entry in collection.entries
            if entry.suppressions
        }
        paths = [entry.path for entry in collection.entries]
        basis = collection.reference.basis_message
        self.records.put(self.key, cache.pack_findings(files, found, suppressions, paths, basis), memo=True)
