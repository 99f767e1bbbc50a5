"""Check the collection, then publish the site and the blueprints into site/, atomically.

Nothing is written when the check finds errors (the diagnostics are printed, exit 1), and a failure
in a later stage leaves the previously published site/ untouched (see :func:`stdkit.build.build`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from stdkit import config as configuration
from stdkit.commands import (
    add_lang,
    add_paths,
    fail,
    language,
    load_config,
    paths_of,
    require_repository,
    require_site,
    tell,
)
from stdkit.messages import Message

if TYPE_CHECKING:
    from stdkit.collection import Entry
    from stdkit.run.report import Report
    from stdkit.site.sources import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    add_lang(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="help.build.drafts",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="help.build.no_cache",
    )
    parser.add_argument("--out", type=Path, default=None, help="help.build.out")
    parser.add_argument(
        "--generator",
        choices=("mkdocs-material", "zensical"),
        default=None,
        help="help.build.generator",
    )
    sharding = parser.add_mutually_exclusive_group()
    sharding.add_argument(
        "--shards",
        action="store_true",
        help="help.build.shards",
    )
    sharding.add_argument(
        "--shard",
        metavar="NAME",
        help="help.build.shard",
    )
    sharding.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="SHARD_DIR",
        help="help.build.merge",
    )


def run(args: argparse.Namespace) -> int:
    from stdkit.report import REPORTERS

    config = _with_generator(args, load_config(args))
    require_repository(args, config)
    if args.shards:
        return _list_shards(args, config)
    require_site()
    if (args.shard is not None or args.merge) and args.out is None:
        return fail(args, Message("build.shard_needs_out"), 2)
    from stdkit.site.build import SiteBuildError, vet

    try:  # mkdocs.yml first: mkdocs' loader would run its tags, and it names what the site reads
        settings = vet(config)
    except SiteBuildError as exc:
        return fail(args, exc, 1)
    setting = _target_checked(args, config)
    report = _checked(args, config)
    if settings is not None:
        report = _with_site_links(report, settings)
    from stdkit import build as building
    from stdkit import shards

    report, skipped = building.drafts_aside(report)
    if report.exit_status or skipped:
        lang = language(args)
        sys.stdout.write(REPORTERS["text"](report.localized(lang), lang=lang))
    if report.exit_status:
        return fail(args, Message("build.stopped"), 1)
    if skipped:
        tell(args, Message("build.drafts_skipped", {"count": len(skipped), "paths": "; ".join(skipped)}))

    drafts = bool(args.drafts or config.include_drafts)
    try:
        if args.shard is not None:
            built = shards.build_shard(report, args.out, args.shard, include_drafts=drafts)
        elif args.merge:
            built = shards.merge(report, args.merge, args.out, include_drafts=drafts)
        else:
            built = building.build(
                report, args.out or config.site_dir, include_drafts=drafts, setting=setting
            )
    except building.BuildError as exc:
        return fail(args, exc, 1)
    except shards.ShardError as exc:
        return fail(args, exc, 1)
    done = {"files": report.files, "blueprints": built.blueprints, "folder": built.folder}
    if args.shard is not None:
        tell(args, Message("build.shard_done", {**done, "shard": args.shard}))
    else:
        tell(args, Message("build.done", done))
    from stdkit.publish import withheld

    held = withheld(report.collection.entries, bool(args.drafts or config.include_drafts))
    if held:  # reachable only where the collection lowered DRF702/DRF703
        tell(args, Message("build.withheld", {"count": len(held), "refs": "; ".join(held)}))
    tally = report.tally()
    if tally:
        # warnings do not stop a build, so they must not hide in check.html either
        shown = ", ".join(f"{code} ×{count}" for code, count in tally)
        tell(args, Message("build.findings", {"shown": shown}))
    return 0


def _with_generator(args: argparse.Namespace, config: configuration.Config) -> configuration.Config:
    """The configuration with the site generator of ``--generator`` (:mod:`stdkit.site.generator`)."""
    import dataclasses

    return dataclasses.replace(config, site_generator=args.generator) if args.generator else config


def _target_checked(args: argparse.Namespace, config: configuration.Config) -> Message | str:
    """The setting that names the folder a whole build replaces, that folder checked first
    (:func:`stdkit.output.check_target`, :class:`~stdkit.output.OutputError` when refused): before the check,
    which takes minutes at national scale and writes its cache, so a refused target leaves the repository as
    it was (:func:`stdkit.build.build` checks it again before it writes)."""
    setting = "--out" if args.out else Message("config.setting", {"key": "site_dir", "where": config.where})
    if args.shard is None and not args.merge:
        from stdkit import output

        output.check_target(
            args.out or config.site_dir, root=config.root, protected=config.standards, setting=setting
        )
    return setting


def _checked(args: argparse.Namespace, config: configuration.Config) -> Report[Entry]:
    """The check the build stands on. A whole build keeps headers only (light entries, as `stdkit check`
    keeps them) and so, as `stdkit check`, answers from the cache what did not change (``--no-cache``: not):
    each document is read whole again by a build worker, one at a time, which writes its outputs only when
    its bytes are those checked (:func:`stdkit.build.documents`), and the pages and blueprints read only the
    headers of the others. A shard or a merge keeps whole documents (:mod:`stdkit.shards` renders from them)."""
    from stdkit.run import pipeline
    from stdkit.site.pages import ANALYSES

    paths = paths_of(args, config)
    if args.shard is None and not args.merge:
        # a header-only model is the same class as a whole one, read only for its header by the build
        checked = pipeline.check(paths, config, documents=False, cache=not args.no_cache, analyses=ANALYSES)
        return cast("Report[Entry]", checked)
    return pipeline.check(paths, config, analyses=ANALYSES)


def _with_site_links(report: Report[Entry], settings: Settings) -> Report[Entry]:
    """The report with a USE003 finding at each link among the site's own sources that leads out of the
    repository: as for the standards, an error that stops the build before anything is written."""
    import dataclasses

    from stdkit.site import sources

    found = sources.links(settings.folders, settings.root)
    if not found:
        return report
    return dataclasses.replace(report, diagnostics=tuple(sorted((*report.diagnostics, *found))))


def _list_shards(args: argparse.Namespace, config: configuration.Config) -> int:
    """The shard names as one JSON array on stdout (a workflow matrix); invalid documents are left out."""
    import json

    from stdkit import shards

    # light entries (header and facts, from the cache when unchanged) say each document's shard
    from stdkit.run import pipeline

    report = pipeline.validate(paths_of(args, config), config, documents=False, cache=not args.no_cache)
    print(json.dumps(shards.names(report.collection)))
    return 0
