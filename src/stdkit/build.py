"""Build: the site, the blueprints and their schemas, of a checked collection, into one folder swapped in
atomically.

Above the run (:mod:`stdkit.run`), beside the site and the shards: it reads a :class:`Report` and writes
outputs, and never runs a rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.collection import Collection, Entry
from stdkit.messages import Localized, Message
from stdkit.run.report import Report

if TYPE_CHECKING:
    from stdkit import lineage, publish
    from stdkit.config import Config
    from stdkit.site.pages import Staging
    from stdkit.site.pages.index import Index
    from stdkit.site.skeleton import Staged


class BuildError(Localized):
    """A stage after the checks failed (the site generator, or an output that does not validate);
    nothing was published. The message says which stage and why."""


@dataclasses.dataclass(frozen=True)
class Built:
    """What ``build`` published."""

    folder: Path
    blueprints: int  # blueprint JSON files, one per (document, edition, level)


def drafts_aside(report: Report[Entry]) -> tuple[Report[Entry], list[str]]:
    """The report without the working documents (草案, 征求意见稿) that have errors, and their paths.

    A draft is work in progress: one that cannot be built yet (a schema error, weights that do not add up)
    is skipped with its findings, and never blocks the other documents. Its errors stay in the report
    as warnings, so they are printed; a finished document's error still stops the build. A file that did
    not bind to the model is a draft when its own ``status:`` says so.
    """
    from stdkit import load
    from stdkit.diagnostics import Severity
    from stdkit.model.common import WORKING_MARKS

    failing = sorted({d.path for d in report.diagnostics if d.severity is Severity.ERROR})
    if not failing:
        return report, []
    working = {str(status) for status in WORKING_MARKS}
    statuses = {entry.path: str(entry.document.status) for entry in report.collection.entries}

    def status_of(path: str) -> str | None:
        if path in statuses:
            return statuses[path]
        data = load.read(Path(path)).data
        found = data.get("status") if isinstance(data, dict) else None
        return found if isinstance(found, str) else None

    aside = [path for path in failing if status_of(path) in working]
    if not aside:
        return report, []
    skipped = set(aside)
    diagnostics = tuple(
        d.with_severity(Severity.WARNING) if d.path in skipped else d for d in report.diagnostics
    )
    collection = report.collection.with_entries(e for e in report.collection.entries if e.path not in skipped)
    return dataclasses.replace(report, collection=collection, diagnostics=diagnostics), aside


def build(
    report: Report[Entry],
    out_dir: Path,
    *,
    include_drafts: bool,
    site: bool = True,
    setting: Message | str = "--out",
) -> Built:
    """The site, then the blueprints, into one temporary folder swapped in for ``out_dir``.

    ``report`` must be a ``check`` report without errors; its collection may hold headers only (what
    ``stdkit build`` checks with): every document is read whole again by a worker, one at a time, which
    writes its page, blueprints, workbooks and CASE package (:func:`documents`), and only what those files
    are comes back. ``out_dir`` is checked first: it must be a folder stdkit may replace
    (:func:`stdkit.output.check_target`). A failure in any stage raises :class:`BuildError` and leaves the
    published folder as it was.
    """
    import shutil

    from stdkit import blueprint, lineage, output, pool, publish, schemas
    from stdkit.interchange import case

    config = report.collection.config
    target = output.check_target(out_dir, root=config.root, protected=config.standards, setting=setting)
    made: list[Path] = []

    def stages(folder: Path) -> None:
        # the blueprints, the lineage and the pages are written beside the site (a site generator empties its
        # output folder first), the first two then moved in; the names are ones a later build removes if this
        # one is killed
        aside = folder.with_name(folder.name + "-blueprints")
        history = folder.with_name(folder.name + "-lineage")
        pages = folder.with_name(folder.name + "-pages")
        kept = folder.with_name(folder.name + "-lines")
        try:
            kept.mkdir()
            lines = lineage.KeptLines(
                kept
            )  # each edition's lines, for the lineage (as the workers read them)
            staging, published = documents(report, include_drafts, aside, pages if site else None, lines)
            # every line's history across editions, from the confirmed crosswalks (not counted as blueprints),
            # written by a child while this process builds the site (mkdocs keeps one core busy, not two)
            history_written = pool.Background(
                lambda: lineage.write_into(report.collection, history, include_drafts, lines)
            )
            try:
                with pool.reserving():  # a pool the site starts meanwhile leaves the child its core
                    if site and staging is not None:
                        _site(report, config, include_drafts, folder, staging)
            except BaseException:
                history_written.cancel()
                raise
            history_written.result()
            _move_in(aside, folder / blueprint.ROOT)
            _move_in(history, folder / lineage.ROOT)
            made.extend(published)
        finally:
            for scratch in (aside, history, pages, kept):
                shutil.rmtree(scratch, ignore_errors=True)
        schemas.publish(folder)  # last: the site generator empties its folder first

    def published(folder: Path) -> None:
        stages(folder)
        # what each committed release changed, from the release manifests and the confirmed crosswalks
        write_feed(report.collection, folder)

    output.replace_dir(target, published)
    count = sum(
        1
        for p in made
        if p.suffix == ".json"
        and not publish.is_pointer(p.as_posix())
        and p.name not in (publish.INDEX, case.FILE_NAME)
    )
    return Built(target, count)


def documents(
    report: Report[Entry],
    include_drafts: bool,
    blueprints: Path,
    pages: Path | None,
    lines: lineage.KeptLines,
) -> tuple[Staging | None, list[Path]]:
    """Every document's outputs, written by workers that each read one document whole at a time: its
    blueprints, workbooks and CASE package into ``blueprints`` (then the index and ``latest/`` pointers, from
    what the workers hand back), and with ``pages`` its site page and YAML file there (:class:`Staging`).
    Each published edition's lines (:func:`stdkit.lineage.lines_of`) are kept in ``lines``, for the lineage.

    What stays in this process across documents is what the site needs of them all (the collection's
    headers, arranged once) and, per document, a few paths and hashes. Raises :class:`BuildError` when a
    file changed since it was checked, an output fails its model, or a worker died.
    """
    from concurrent.futures.process import BrokenProcessPool

    from stdkit import blueprint, heap, lineage, publish
    from stdkit.pool import forked_map
    from stdkit.site.pages import Staging, arrange

    collection = report.collection
    plan = publish.Plan.of(collection, include_drafts)
    chosen = {entry.ref for entry in plan.entries}
    reference = collection.reference
    current = {entry.ref: blueprint.current_of(reference, entry) for entry in plan.entries}
    index = arrange(report, include_drafts) if pages is not None else None
    todo = list(index.entries) if index is not None else plan.entries
    blueprints.mkdir(parents=True, exist_ok=True)

    numbers = {entry.ref: number for number, entry in enumerate(todo)}
    heap.trimmed()  # what the check freed, given back before the workers are forked from this process

    def one(entry: Entry) -> _Done | Message:
        raw, whole = _whole(entry)
        if whole is None:  # changed since the check (or unreadable now): nothing unchecked is published
            return Message("site.changed", {"path": entry.path})
        files = _page_files(index, whole, pages, raw) if index is not None and pages is not None else {}
        if entry.ref not in chosen:
            return files, None, None
        made, levels = plan.write(blueprints, whole, current[entry.ref])
        return files, made, lines.keep(numbers[entry.ref], lineage.lines_of(whole, levels))

    staged: dict[str, Staged] = {}
    written: list[publish.Written] = []

    def every() -> Iterator[_Done | Message]:
        # a fresh pool for each run of WORKER_DOCUMENTS: a worker's memory grows with the documents it has made
        # (its own leftovers, and the parent's pages it touched and so copied: 550 MB a worker at 10,000 in one
        # pool), so workers are replaced before they hold much
        for start in range(0, len(todo), WORKER_DOCUMENTS):
            batch = todo[start : start + WORKER_DOCUMENTS]
            yield from forked_map(one, batch, minimum=publish.POOL_MIN, chunksize=8)

    try:
        for entry, done in zip(todo, every(), strict=True):
            if isinstance(done, Message):
                raise BuildError("build.site_failed", problem=done)
            files, made, read = done
            staged.update(files)
            if made is not None and read is not None:
                written.append(made)
                lines.note(entry.ref, read)
    except BrokenProcessPool as exc:  # a worker killed (out of memory, a signal) before it could say why
        raise BuildError("build.blueprints_failed", problem=exc) from exc
    try:
        paths = plan.finish(blueprints, written)
    except publish.PublishError as exc:
        raise BuildError(exc.said) from exc
    return (Staging(index, staged) if index is not None else None), paths


def _site(
    report: Report[Entry], config: Config, include_drafts: bool, folder: Path, staging: Staging
) -> None:
    """The site generator run over the staged pages into ``folder``."""
    from stdkit.site.build import SiteBuildError, build_site

    try:
        build_site(
            dataclasses.replace(config, include_drafts=include_drafts), folder, report=report, staging=staging
        )
    except SiteBuildError as exc:
        raise BuildError("build.site_failed", problem=exc) from exc


#: The documents a build's workers make before they are replaced by new ones (see :func:`documents`).
WORKER_DOCUMENTS = 1000

#: what a build's worker hands back for one document: its staged page and YAML, and for a published edition what
#: its blueprints are and the file of its lines (:class:`stdkit.lineage.KeptLines`)
_Done = tuple[dict[str, "Staged"], "publish.Written | None", Path | None]


def _move_in(source: Path, target: Path) -> None:
    """A folder written beside the site moved to its place in it (merged where the site's own sources have one)."""
    import shutil

    if target.exists():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        source.rename(target)


def _whole(entry: Entry) -> tuple[bytes, Entry | None]:
    """The document read and bound again, whole, with the bytes it was read from; None when they are not the
    bytes the check read (their sha256 differs) or no longer bind."""
    from stdkit.collection import entry_from_bytes

    try:
        raw = entry.file.read_bytes()
    except OSError:
        return b"", None
    whole, _ = entry_from_bytes(raw, entry.path, entry.file)
    return raw, whole if whole is not None and whole.sha256 == entry.sha256 else None


def _page_files(index: Index, entry: Entry, folder: Path, source: bytes) -> dict[str, Staged]:
    """The site page of ``entry`` (whole) and its YAML file (``source``: the very bytes checked), written below
    ``folder`` at their uris."""
    from stdkit.site.pages import doc_uri, source_uri
    from stdkit.site.pages.document import document_page
    from stdkit.site.skeleton import stage

    page, yaml_uri = doc_uri(entry), source_uri(entry)
    return {
        page: stage(document_page(index, entry), folder / page, page=True),
        yaml_uri: stage(source, folder / yaml_uri, page=False),
    }


def write_feed(collection: Collection[Entry], folder: Path) -> list[Path]:
    """``site/changes/`` (:mod:`stdkit.feed`) into ``folder``; a release file that cannot be read stops the build."""
    from stdkit import feed, releases

    try:
        return feed.write_into(_released_whole(collection), folder / feed.ROOT)
    except releases.ReleaseError as exc:  # the check reports it first (REL103); a file changed since
        raise BuildError("build.feed_failed", problem=exc) from exc


def _released_whole(collection: Collection[Entry]) -> Collection[Entry]:
    """The collection with the editions the committed releases name, and their successors, read whole: the
    feed prints their publication, withdrawal and errata (a build's collection holds headers only)."""
    from stdkit import editions, releases

    named: set[str] = set()
    for path in releases.files(collection.config.root):
        try:
            named.update(d.ref for d in releases.read(path, f"{releases.FOLDER}/{path.name}").documents)
        except releases.ReleaseError:
            continue  # the feed reads it again and says why
    if not named:
        return collection
    standing = editions.standing(collection.entries)
    named.update(s for ref in list(named) if ref in standing and (s := standing[ref].superseded_by))

    def whole(entry: Entry) -> Entry:
        found = collection.complete(entry)
        return found if isinstance(found, Entry) else entry

    return collection.with_entries(whole(e) if e.ref in named else e for e in collection.entries)
