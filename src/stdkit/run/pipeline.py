"""The composition root: load → bind → document rules → collection rules → finish → :class:`Report`.

Every command, the mkdocs plugin (``stdkit serve``) and ``stdkit diff`` go through here, so the
stages run in one order everywhere:

1. *discover* the files (:func:`stdkit.collection.discover`);
2. *load and bind* each one to its model (:func:`stdkit.collection.load_entry`, a pure function
   of one file);
3. *document rules* (``checks.DOCUMENT_CHECKS``) on each valid document;
4. *collection rules* (``checks.COLLECTION_CHECKS``) for ``check`` and ``build``;
5. *finish*: per-collection severities (``off`` removes a finding), suppressions with reasons,
   unused suppressions;
6. for ``build``: the site, then the blueprints, into one temporary folder swapped in atomically.

Checks never mutate documents; outputs never re-validate.

``validate`` and ``check`` keep full documents by default (``stdkit blueprint``, ``lookup``, the site
and ``build`` need them). The ``validate`` and ``check`` commands ask for ``documents=False``: then the
per-document stage (:func:`examine`: read, parse, bind, every document rule, facts) runs on every core
for large runs, its results come from and go to the content-hash cache (:mod:`stdkit.cache`), and the
collection holds light entries (:mod:`stdkit.facts`) instead of 10,000 models with their source maps.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit import checks
from stdkit.collection import Collection, Entry, Found, entry_of, find, load_entry
from stdkit.config import Config, ConfigError
from stdkit.diagnostics import RULES, Diagnostic, Severity, Wording, rule
from stdkit.load import MAX_BYTES, Suppression, display_path
from stdkit.messages import Localized, Message

if TYPE_CHECKING:
    from stdkit import cache

#: Below this many files to examine, a process pool costs more than it saves (start-up ~0.1 s).
POOL_THRESHOLD = 200
#: Files per task handed to a worker: large enough to amortise the hand-over, small enough to balance.
CHUNK = 50

Progress = Callable[[int, int], None]  # (files done, files in all)

R_NO_FILES = rule(
    "USE001",
    "usage",
    Severity.ERROR,
    "A path given on the command line does not exist, or holds no YAML file.",
    "Check the path; documents are *.yaml or *.yml files.",
    detail={"missing": "{shown} does not exist.", "empty": "No YAML documents under {paths}."},
    zh=Wording(
        "命令行给出的路径不存在，或其中没有 YAML 文件。",
        "请检查路径；文件应为 *.yaml 或 *.yml 文件。",
        {"missing": "{shown} 不存在。", "empty": "{paths} 下没有 YAML 文件。"},
    ),
)
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


@dataclasses.dataclass(frozen=True)
class Suppressed:
    diagnostic: Diagnostic
    reason: str


@dataclasses.dataclass(frozen=True)
class Report:
    """What a run found: the documents that are valid, the findings, and what was suppressed."""

    collection: Collection
    files: int
    diagnostics: tuple[Diagnostic, ...]
    suppressed: tuple[Suppressed, ...] = ()
    #: about the run, not the documents (e.g. a damaged cache record): for stderr
    notices: tuple[Message, ...] = ()
    #: paths of the valid documents; set where the collection holds no entries (an answer from the memo)
    valid_paths: tuple[str, ...] | None = None
    #: the reference basis remembered by the memo (otherwise it comes from the collection's reference data)
    basis: Message | None = None

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

    def localized(self, lang: str) -> Report:
        """The same report with every message in ``lang`` (``zh`` or ``en``)."""
        return dataclasses.replace(
            self,
            diagnostics=tuple(d.localized(lang) for d in self.diagnostics),
            suppressed=tuple(Suppressed(s.diagnostic.localized(lang), s.reason) for s in self.suppressed),
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


def validate(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Schema and per-document rules for every file under ``paths``.

    ``documents=False`` keeps light entries (header and facts only) and allows the process pool and,
    with ``cache``, the content-hash cache in ``config.root``.
    """
    store = _store(config) if cache and not documents else None
    collection, files, found = _gather(paths, config, documents, store, progress)
    return dataclasses.replace(_finish(collection, files, found), notices=_notices(store))


def check(
    paths: Sequence[Path],
    config: Config,
    *,
    documents: bool = True,
    cache: bool = False,
    progress: Progress | None = None,
    memoise: bool = True,
) -> Report:
    """``validate`` plus the rules that compare documents with each other and with the reference data.

    With light entries and the cache, an unchanged collection is answered from the collection memo
    (see :mod:`stdkit.cache`) without unpacking a record or running a collection rule again, and one in
    which a few bodies changed from the last full run's base (:mod:`stdkit.delta`); such a report holds
    no entries, so a caller that reads the documents themselves passes ``memoise=False`` (its full run
    still leaves the memo and the base for the next).
    """
    memo = _Memo(paths, config) if cache and not documents else None
    if memo is not None and memoise and (answer := memo.answer() or memo.incremental()) is not None:
        return answer
    store = memo.records if memo is not None else _store(config) if cache and not documents else None
    known = memo.known if memo is not None else None
    located = memo.located if memo is not None else None
    collection, files, found = _gather(paths, config, documents, store, progress, known, located)
    stage = list(found)
    off = config.rules_off()
    kept, fresh = _collection_findings(collection, [c for c in checks.COLLECTION_CHECKS if c.wanted(off)])
    found.extend(kept)
    if memo is not None:
        from stdkit import delta

        memo.remember(collection, files, found)
        delta.remember(memo, collection, stage, kept)
    # what the report reads of a light entry is its header and paths: the facts' hashes and bands (about
    # half a national collection's memory) are let go before the report is made
    collection = collection.without_facts()
    return dataclasses.replace(_finish(collection, files, [*found, *fresh]), notices=_notices(store))


def _collection_findings(
    collection: Collection, wanted: Sequence[checks.Check[Collection]]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The findings of the collection checks: those that may come from the cache, and those that may not.

    From :data:`POOL_THRESHOLD` documents the checks that keep nothing for later stages run in a forked
    child while coverage, which keeps its result for the report and the site, runs here: at national
    scale each side takes seconds, and they share nothing but the collection. Findings are sorted later
    (:func:`_finish`), so where each ran never shows.
    """
    from stdkit.pool import Background, reserving

    def run(
        selected: Sequence[checks.Check[Collection]],
    ) -> tuple[list[Diagnostic], list[Diagnostic], dict[str, Any]]:
        kept: list[Diagnostic] = []
        fresh: list[Diagnostic] = []
        before = set(collection.derived)
        for collection_check in selected:
            (kept if collection_check.cacheable else fresh).extend(collection_check.run(collection))
        # what a check kept for later (the incremental run reads OVL705's per-module rows) comes back too
        return kept, fresh, {k: v for k, v in collection.derived.items() if k not in before}

    apart = [c for c in wanted if not c.derives]
    here = [c for c in wanted if c.derives]
    if len(collection.entries) < POOL_THRESHOLD or not apart or not here:
        kept, fresh, _ = run(wanted)
        return kept, fresh
    _ = collection.reference  # read once, before the fork, for both sides
    child = Background(lambda: run(apart))
    try:
        with reserving(1) if child.forked else contextlib.nullcontext():  # coverage leaves it a core
            kept, fresh, _ = run(here)
    except BaseException:
        child.cancel()
        raise
    kept_apart, fresh_apart, derived = child.result()
    collection.derived.update(derived)
    return [*kept_apart, *kept], [*fresh_apart, *fresh]


def _store(config: Config) -> cache.Cache:
    from stdkit import cache

    return cache.Cache(config.root, config)


def _notices(store: cache.Cache | None) -> tuple[Message, ...]:
    return tuple(store.notices) if store is not None else ()


class _Memo:
    """The findings of a whole collection, keyed by every file's record key and the configuration."""

    def __init__(self, paths: Sequence[Path], config: Config) -> None:
        from stdkit import cache

        self.config = config
        self.records = cache.Cache(config.root, config)
        self.located = located = find(paths, config.root)
        self.asked = [str(p) for p in paths]
        self.files = [(file, display_path(file, config.root)) for file in located.files]
        #: shown path → (record key, "-" when it cannot be read; modeline), read or from the snapshot
        self.known = record_keys(self.records, self.files)
        seen = [*located.missing, *(d.render() for d in located.problems), *(str(p) for p in paths)]
        keys = ((shown, key) for shown, (key, _) in self.known.items())
        self.key = cache.collection_key(self.records.run, config, seen, keys)

    def answer(self) -> Report | None:
        """The report of a collection whose every file is as the memo knows it, or None."""
        memo = self.records.findings(self.key)
        if memo is None:
            return None
        files, found, stored, paths, basis = memo
        return self._report(files, found, stored, paths, basis)

    def incremental(self) -> Report | None:
        """The report of a collection in which a few bodies changed, from the last full run's base
        (:mod:`stdkit.delta`), or None; remembered for the next run like a full run's."""
        from stdkit import cache, delta

        answered = delta.answer(self)
        if answered is None:
            return None
        found, stored, paths, basis, files = answered
        self.records.put(self.key, cache.pack_findings(files, found, stored, paths, basis), memo=True)
        return self._report(files, found, stored, paths, basis)

    def _report(
        self, files: int, found: list[Diagnostic], stored: dict[str, Any], paths: list[str], basis: Message
    ) -> Report:
        from stdkit.checks import content
        from stdkit.load import Suppression

        if self.config.severity.get(content.R_MODELINE.code, content.R_MODELINE.severity) is not None:
            valid = set(paths)  # CNT513 is a collection rule: it reads the documents that are valid
            found = found + [
                finding
                for file, shown in self.files
                if shown in valid
                for finding in content.modeline_finding(file, shown, self.known[shown][1])
            ]
        suppressions = {
            path: tuple(Suppression.from_row(row) for row in items) for path, items in stored.items()
        }
        report = _finish(Collection((), self.config), files, found, suppressions)
        notices = tuple(self.records.notices)
        return dataclasses.replace(report, notices=notices, valid_paths=tuple(paths), basis=basis)

    def remember(self, collection: Collection, files: int, found: list[Diagnostic]) -> None:
        from stdkit import cache

        suppressions = {
            entry.path: [s.row() for s in entry.suppressions]
            for entry in collection.entries
            if entry.suppressions
        }
        paths = [entry.path for entry in collection.entries]
        basis = collection.reference.basis_message
        self.records.put(self.key, cache.pack_findings(files, found, suppressions, paths, basis), memo=True)


def _known_codes(config: Config) -> None:
    """A severity for a code no rule has is a typo that would silently change nothing."""
    unknown = sorted(code for code in config.severity if code not in RULES)
    if unknown:
        raise ConfigError("config.unknown_codes", path=config.where, codes=unknown)


def _gather(
    paths: Sequence[Path],
    config: Config,
    documents: bool,
    store: cache.Cache | None,
    progress: Progress | None,
    known: dict[str, tuple[str, tuple[int, int, str] | None]] | None = None,
    located: Found | None = None,
) -> tuple[Collection, int, list[Diagnostic]]:
    """``located``: what :func:`find` found for ``paths`` already in this run (the memo looks first)."""
    from stdkit.heap import settled

    _known_codes(config)
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
    known: dict[str, tuple[str, tuple[int, int, str] | None]] | None,
    located: Found,
) -> tuple[Collection, int, list[Diagnostic]]:
    off = config.rules_off()
    files, missing = located.files, located.missing
    found = discovered(located)
    entries: list[Entry] = []
    if documents:
        from stdkit.pool import forked_map

        document_checks = [c for c in checks.DOCUMENT_CHECKS if c.wanted(off)]

        def whole(file: Path) -> tuple[Entry | None, list[Diagnostic]]:
            from stdkit import facts

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
        _light(files, config, store, progress, entries, found, known)
    if not files and not missing and not located.problems:
        shown = ", ".join(str(p) for p in paths)
        found.append(R_NO_FILES.at(shown, 1, 1, variant="empty", paths=shown))
    collection = Collection(tuple(entries), config, cache=store)
    if not documents:
        from stdkit.checks import coverage

        collection = coverage.keep_lines_needed(collection)
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
    from stdkit import cache, facts
    from stdkit.load import parse, read

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


def record_keys(
    store: cache.Cache, files: Sequence[tuple[Path, str]]
) -> dict[str, tuple[str, tuple[int, int, str] | None]]:
    """shown path → (record key, CNT513 modeline) of every file; "-" for a file that cannot be read.

    A file whose stat the snapshot (:class:`stdkit.cache.Snapshot`) knows unchanged is not read; the
    others are read and hashed, and the snapshot is brought up to date.
    """
    from stdkit import cache
    from stdkit.checks import content

    snapshot = cache.Snapshot(store)
    keys: dict[str, tuple[str, tuple[int, int, str] | None]] = {}
    for file, shown in files:
        known = snapshot.known(shown, file)
        if known is None:
            stat = cache.stat_of(file)
            raw = _raw(file)
            known = ("-", None)
            if raw is not None:
                known = (cache.record_key(store.run, shown, raw), content.modeline_target(raw))
                snapshot.hashed(shown, stat, *known)
        keys[shown] = known
    snapshot.keep(keys)
    return keys


def _light(
    files: list[Path],
    config: Config,
    store: cache.Cache | None,
    progress: Progress | None,
    entries: list[Entry],
    found: list[Diagnostic],
    known: dict[str, tuple[str, tuple[int, int, str] | None]] | None = None,
) -> None:
    from stdkit import cache, facts

    run = store.run if store is not None else cache.run_key(config)
    results: list[tuple[list[Diagnostic], facts.Light | None] | None] = []
    todo: list[tuple[Path, str]] = []
    slots: list[int] = []
    named = [(file, display_path(file, config.root)) for file in files]
    keys = (known or record_keys(store, named)) if store is not None else {}
    for file, shown in named:
        hit = None
        key = keys.get(shown, ("-", None))[0]
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


def _finish(
    collection: Collection,
    files: int,
    found: Iterable[Diagnostic],
    suppressions: dict[str, tuple[Suppression, ...]] | None = None,
) -> Report:
    if suppressions is None:
        suppressions = {entry.path: entry.suppressions for entry in collection.entries}
    used: set[tuple[str, int]] = set()
    kept: list[Diagnostic] = []
    suppressed: list[Suppressed] = []
    for raw in sorted(set(found)):
        override = collection.config.severity.get(raw.code, raw.severity)
        if override is None:  # the collection turned the rule off
            continue
        diagnostic = raw.with_severity(override)
        match = _suppression(diagnostic, suppressions.get(diagnostic.path, ()))
        if match is not None and match.reason:
            used.add((diagnostic.path, match.line))
            suppressed.append(Suppressed(diagnostic, match.reason))
        else:
            kept.append(diagnostic)
    for path, items in suppressions.items():
        for item in items:
            if (path, item.line) not in used:
                variant = "no_reason" if not item.reason else "unused"
                codes = ", ".join(item.codes)
                kept.append(R_UNUSED_SUPPRESSION.at(path, item.comment_line, 1, variant=variant, codes=codes))
    return Report(collection, files, tuple(sorted(kept)), tuple(suppressed))


def _suppression(diagnostic: Diagnostic, items: Iterable[Suppression]) -> Suppression | None:
    for item in items:
        if diagnostic.code in item.codes and (item.whole_document or item.line == diagnostic.line):
            return item
    return None


# -- build ------------------------------------------------------------------------------------------


class BuildError(Localized):
    """A stage after the checks failed (the site generator, or an output that does not validate);
    nothing was published. The message says which stage and why."""


@dataclasses.dataclass(frozen=True)
class Built:
    """What ``build`` published."""

    folder: Path
    blueprints: int  # blueprint JSON files, one per (document, edition, level)


def build(
    report: Report,
    out_dir: Path,
    *,
    include_drafts: bool,
    site: bool = True,
    setting: Message | str = "--out",
) -> Built:
    """The site, then the blueprints, into one temporary folder swapped in for ``out_dir``.

    ``report`` must be a ``check`` report without errors. ``out_dir`` is checked first: it must be a
    folder stdkit may replace (:func:`stdkit.output.check_target`). A failure in any stage raises
    :class:`BuildError` and leaves the published folder as it was.
    """
    import shutil

    from stdkit import blueprint, output, publish
    from stdkit.interchange import case
    from stdkit.pool import Background

    config = report.collection.config
    target = output.check_target(out_dir, root=config.root, protected=config.standards, setting=setting)
    made: list[Path] = []

    def blueprints(into: Path) -> list[Path] | Message:
        try:
            return publish.build_blueprints_into(report.collection, into, include_drafts)
        except publish.PublishError as exc:
            return exc.said  # a message pickles back from a forked child; the exception need not

    def stages(folder: Path) -> None:
        if not site:
            published = blueprints(folder / blueprint.ROOT)
            if isinstance(published, Message):
                raise BuildError(published)
            made.extend(published)
            return
        from stdkit.site.build import SiteBuildError, build_site

        # the blueprints are made beside the site while it builds (a site generator empties its output
        # folder first), then moved in; the name is one a later build removes if this one is killed
        aside = folder.with_name(folder.name + "-blueprints")
        running = Background(lambda: blueprints(aside))
        try:
            try:
                build_site(config, folder, report=report)
            except SiteBuildError as exc:
                raise BuildError("build.site_failed", problem=exc) from exc
            try:
                published = running.result()
            except ChildProcessError as exc:  # killed (out of memory, a signal) before it could say why
                raise BuildError("build.blueprints_failed", problem=exc) from exc
            if isinstance(published, Message):
                raise BuildError(published)
            if (folder / blueprint.ROOT).exists():  # the site's own sources held a blueprints/ folder
                shutil.copytree(aside, folder / blueprint.ROOT, dirs_exist_ok=True)
            else:
                aside.rename(folder / blueprint.ROOT)
            made.extend(published)
        finally:
            running.cancel()
            shutil.rmtree(aside, ignore_errors=True)

    output.replace_dir(target, stages)
    count = sum(
        1
        for p in made
        if p.suffix == ".json"
        and not publish.is_pointer(p.as_posix())
        and p.name not in (publish.INDEX, case.FILE_NAME)
    )
    return Built(target, count)
