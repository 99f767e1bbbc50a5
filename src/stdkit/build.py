"""Build: the site, the blueprints and their schemas, of a checked collection, into one folder swapped in
atomically.

Above the run (:mod:`stdkit.run`), beside the site and the shards: it reads a :class:`Report` and writes
outputs, and never runs a rule.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stdkit.collection import Entry
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

    output.replace_dir(target, published)
    count = sum(
        1
        for p in made
        if p.suffix == ".json"
        and not publish.is_pointer(p.as_posix())
        and p.name not in (publish.INDEX, case.FILE_NAME)
    )
    return Built(target, count)
