"""Check the collection, then publish the site and the blueprints into site/, atomically.

Nothing is written when the check finds errors (the diagnostics are printed, exit 1), and a failure
in a later stage leaves the previously published site/ untouched (see :func:`stdkit.pipeline.build`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stdkit.commands import add_lang, add_paths, fail, language, load_config, paths_of, tell
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    add_lang(parser)
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="include unpublished documents (previews); also include_drafts in stdkit.toml",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="accepted for symmetry with check; build always reads every document in full (pages need them)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: site_dir of stdkit.toml)"
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import pipeline
    from stdkit.report import REPORTERS

    config = load_config(args)
    report = pipeline.check(paths_of(args, config), config)
    if report.exit_status:
        lang = language(args)
        sys.stdout.write(REPORTERS["text"](report.localized(lang), lang=lang))
        return fail(args, Message("build.stopped"), 1)
    try:
        built = pipeline.build(
            report,
            args.out or config.site_dir,
            include_drafts=bool(args.drafts or config.include_drafts),
            setting="--out"
            if args.out
            else Message("config.setting", {"key": "site_dir", "where": config.where}),
        )
    except pipeline.BuildError as exc:
        return fail(args, exc, 1)
    done = {"files": report.files, "blueprints": built.blueprints, "folder": built.folder}
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
