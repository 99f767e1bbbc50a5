"""Gather: find the files, then the per-document stage — read, parse, bind, every document rule, facts —
on every core for a large run, from and into the content-hash cache (:mod:`stdkit.run.cache`).

The per-document stage (:func:`examine`) is a pure function of one file's bytes; whole documents (the
site and blueprints need them) or light entries (:mod:`stdkit.checks.facts`: a header and the facts the
collection rules read) come back in file order.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit import checks
from stdkit.config import Config, ConfigError
from stdkit.diagnostics import RULES, Diagnostic
from stdkit.discovery import MAX_BYTES, R_NO_FILES, Found, display_paths, find

if TYPE_CHECKING:  # a run answered from the cache finds its files and keys without the model (issue 39)
    from stdkit.collection import AnyEntry, Collection, Entry
    from stdkit.run import cache

#: Below this many files to examine, a process pool costs more than it saves (start-up ~0.1 s).
POOL_THRESHOLD = 200
#: Files per task handed to a worker: large enough to amortise the hand-over, small enough to balance.
CHUNK = 50

Progress = Callable[[int, int], None]  # (files done, files in all)

#: shown path → (record key, "-" for a file that cannot be read; what each check of :func:`reading` read of
#: the file's bytes)
Known = dict[str, tuple[str, list[Any]]]


def known_codes(config: Config) -> None:
    """A severity for a code no rule has is a typo that would silently change nothing."""
    if config.severity:
        checks.declare_every_rule()
    unknown = sorted(code for code in config.severity if code not in RULES)
    if unknown:
        raise ConfigError("config.unknown_codes", path=config.where, codes=unknown)


def gather(
    paths: Sequence[Path],
    config: Config,
    documents: bool,
    store: cache.Cache | None,
    progress: Progress | None,
    known: Known | None = None,
    located: Found | None = None,
) -> tuple[Collection, int, list[Diagnostic]]:
    """``located``: what :func:`find` found for ``paths`` already in this run (the memo looks first)."""
    from stdkit.heap import settled

    known_codes(config)
    with settled():
        return _gathered(
            paths, config, documents, store, progress, known, located or find(paths, config.root)
        )


def _gathered(
    paths: Sequence[Path],
    config: Config,
    documents: bool,
    store: cache.Cache | None,
    progress: Progress | None,
    known: Known | None,
    located: Found,
) -> tuple[Collection, int, list[Diagnostic]]:
    from stdkit.collection import Collection, load_entry

    off = config.rules_off()
    files, missing = located.files, located.missing
    found = discovered(located)
    entries: list[AnyEntry] = []
    if documents:
        from stdkit.pool import forked_map

        document_checks = [c for c in checks.DOCUMENT_CHECKS if c.wanted(off)]

        def whole(file: Path) -> tuple[Entry | None, list[Diagnostic]]:
            from stdkit.checks import facts

            entry, _, problems = load_entry(file, config.root)
            if entry is not None:
                for document_check in document_checks:
                    problems.extend(document_check.run(entry))
                entry = dataclasses.replace(entry, facts=facts.of(entry.document, entry.source))
            return entry, problems

        # whole documents (the site and blueprints need them) come back from the workers pickled, which
        # costs the parent a fifth of parsing and checking them itself; with their facts, so the parent
        # does not compute them one by one for the collection rules
        examined = forked_map(whole, files, minimum=POOL_THRESHOLD, chunksize=CHUNK)
        for done, (entry, problems) in enumerate(examined, 1):
            found.extend(problems)
            if entry is not None:
                entries.append(entry)
            if progress is not None:
                progress(done, len(files))
    else:
        light(files, config, store, progress, entries, found, known)
    if not files and not missing and not located.problems:
        shown = ", ".join(str(p) for p in paths)
        found.append(R_NO_FILES.at(shown, 1, 1, variant="empty", paths=shown))
    collection = Collection(tuple(entries), config, cache=store)
    if not documents:
        collection = checks.gathered(collection)
    return collection, len(files), found


def discovered(located: Found) -> list[Diagnostic]:
    """What discovery refused: paths that do not exist, links out of the repository, names not UTF-8 …"""
    found = [R_NO_FILES.at(path, 1, 1, variant="missing", shown=path) for path in located.missing]
    found.extend(located.problems)
    return found


# -- the per-document stage, light: pool and cache ----------------------------------------------------


def examine(file: Path, shown: str, run: str) -> tuple[str | None, bytes, bytes | None]:
    """The per-document stage as a pure function of one file: (cache key, packed record, packed lines).

    Reads the file once; the key is made from the bytes actually examined, so a file edited during the
    run is never stored under its old content. Every document rule runs (severities and ``off`` are
    applied later, in :func:`_finish`), so the record does not depend on the configuration. The lines
    (:func:`stdkit.checks.coverage.pack_table`) are not part of the record: coverage uses them in this
    run and caches what it finds per pair.
    """
    from stdkit.checks import facts
    from stdkit.collection import entry_of
    from stdkit.load import parse, read
    from stdkit.run import cache

    raw = _raw(file)
    loaded = parse(raw, shown) if raw is not None else read(file, shown_as=shown)
    entry, _, problems = entry_of(loaded, file)
    light = None
    lines = None
    if entry is not None:
        for document_check in checks.DOCUMENT_CHECKS:
            problems.extend(document_check.run(entry))
        found = facts.of(entry.document, entry.source, lines=True)
        light = facts.Light(entry.path, entry.sha256, entry.suppressions, found)
        lines = found.lines
    key = cache.record_key(run, shown, raw) if raw is not None else None
    return key, cache.pack(problems, light), lines


def _raw(file: Path) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is too large (``read`` then says why)."""
    try:
        if file.stat().st_size > MAX_BYTES:
            return None
        return file.read_bytes()
    except OSError:
        return None


def _examined(todo: list[tuple[Path, str]], run: str) -> Iterator[tuple[str | None, bytes, bytes | None]]:
    """Records for ``todo`` in order: on every core when there are enough files to pay for the pool."""
    from stdkit.pool import forked_map

    return forked_map(
        lambda item: examine(item[0], item[1], run), todo, minimum=POOL_THRESHOLD, chunksize=CHUNK
    )


def reading() -> list[checks.Check[Collection]]:
    """The collection checks that read more than the documents (:attr:`stdkit.checks.Check.per_file`)."""
    return list(checks.per_file_checks())


def record_keys(store: cache.Cache, files: Sequence[tuple[Path, str]]) -> Known:
    """The record key of every file, with what each check of :func:`reading` reads of its bytes.

    A file whose stat the snapshot (:class:`stdkit.run.snapshot.Snapshot`) knows unchanged is not read; the
    others are read and hashed, and the snapshot is brought up to date.
    """
    from stdkit.run import cache
    from stdkit.run.snapshot import Snapshot, stat_of

    readers = [check.per_file.read for check in reading() if check.per_file is not None]
    snapshot = Snapshot(store)
    keys: Known = {}
    for file, shown in files:
        known = snapshot.known(shown, file)
        if known is None:
            stat = stat_of(file)
            raw = _raw(file)
            known = ("-", [None] * len(readers))
            if raw is not None:
                known = (cache.record_key(store.run, shown, raw), [read(raw) for read in readers])
                snapshot.hashed(shown, stat, *known)
        keys[shown] = known
    snapshot.keep(keys)
    return keys


def light(
    files: list[Path],
    config: Config,
    store: cache.Cache | None,
    progress: Progress | None,
    entries: list[AnyEntry],
    found: list[Diagnostic],
    known: Known | None = None,
) -> None:
    from stdkit.checks import facts
    from stdkit.run import cache

    run = store.run if store is not None else cache.run_key(config)
    results: list[tuple[list[Diagnostic], facts.Light | None] | None] = []
    todo: list[tuple[Path, str]] = []
    slots: list[int] = []
    named = list(zip(files, display_paths(files, config.root), strict=True))
    keys = (known or record_keys(store, named)) if store is not None else {}
    for file, shown in named:
        hit = None
        key = keys.get(shown, ("-", []))[0]
        if store is not None and key != "-":
            hit = store.get(key)
        if hit is None:
            slots.append(len(results))
            todo.append((file, shown))
        results.append(hit)
    done = len(files) - len(todo)
    if progress is not None:
        progress(done, len(files))
    with store.storing(len(todo)) if store is not None else contextlib.nullcontext():
        for slot, (examined_key, record, lines) in zip(slots, _examined(todo, run), strict=True):
            problems, light = cache.unpack(record)
            if light is not None and lines is not None:
                light = dataclasses.replace(light, facts=dataclasses.replace(light.facts, lines=lines))
            results[slot] = problems, light
            if store is not None and examined_key is not None:
                store.put(examined_key, record)
            done += 1
            if progress is not None:
                progress(done, len(files))
    for file, result in zip(files, results, strict=True):
        assert result is not None  # every slot was filled above
        problems, light = result
        found.extend(problems)
        if light is not None:
            entries.append(facts.light_entry(light, file))
