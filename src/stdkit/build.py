"""Build: the site, the blueprints and their schemas, of a checked collection, into one folder swapped in
atomically.

Above the run (:mod:`stdkit.run`), beside the site and the shards: it reads a :class:`Report` and writes
outputs, and never runs a rule.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stdkit.collection import Collection, Entry
from stdkit.messages import Localized, Message
from stdkit.run.report import Report


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

    ``report`` must be a ``check`` report without errors. ``out_dir`` is checked first: it must be a
    folder stdkit may replace (:func:`stdkit.output.check_target`). A failure in any stage raises
    :class:`BuildError` and leaves the published folder as it was.
    """
    import shutil

    from stdkit import blueprint, lineage, output, publish, schemas
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
        if site:
            site_and_blueprints(folder)
        else:
            published = blueprints(folder / blueprint.ROOT)
            if isinstance(published, Message):
                raise BuildError(published)
            made.extend(published)
        schemas.publish(folder)  # last: the site generator empties its folder first

    def site_and_blueprints(folder: Path) -> None:
        from stdkit.site.build import SiteBuildError, build_site

        # the blueprints are made beside the site while it builds (a site generator empties its output
        # folder first), then moved in; the name is one a later build removes if this one is killed
        aside = folder.with_name(folder.name + "-blueprints")
        running = Background(lambda: blueprints(aside))
        try:
            try:
                build_site(dataclasses.replace(config, include_drafts=include_drafts), folder, report=report)
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

    def published(folder: Path) -> None:
        stages(folder)
        # every line's history across editions, from the confirmed crosswalks (not counted as blueprints)
        lineage.write_into(report.collection, folder / lineage.ROOT, include_drafts)
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


def write_feed(collection: Collection[Entry], folder: Path) -> list[Path]:
    """``site/changes/`` (:mod:`stdkit.feed`) into ``folder``; a release file that cannot be read stops the build."""
    from stdkit import feed, releases

    try:
        return feed.write_into(collection, folder / feed.ROOT)
    except releases.ReleaseError as exc:  # the check reports it first (REL103); a file changed since
        raise BuildError("build.feed_failed", problem=exc) from exc
