"""Check the collection, then publish the site and the blueprints into site/, atomically.

Nothing is written when the check finds errors (the diagnostics are printed, exit 1), and a failure
in a later stage leaves the previously published site/ untouched (see :func:`stdkit.pipeline.build`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stdkit.commands import add_lang, add_paths, fail, language, load_config, paths_of


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
        return fail("build stopped: fix the errors above; nothing was written", 1)
    try:
        built = pipeline.build(
            report,
            args.out or config.site_dir,
            include_drafts=bool(args.drafts or config.include_drafts),
            setting="--out" if args.out else f"site_dir of {config.where}",
        )
    except pipeline.BuildError as exc:
        return fail(str(exc), 1)
    print(
        f"{report.files} documents checked; the site and {built.blueprints} blueprints written to {built.folder}"
    )
    from stdkit.publish import withheld

    held = withheld(report.collection.entries, bool(args.drafts or config.include_drafts))
    if held:  # reachable only where the collection lowered DRF702/DRF703
        print(f"no blueprints for {len(held)} published documents not finished: {'; '.join(held)}")
    tally = report.tally()
    if tally:
        # warnings do not stop a build, so they must not hide in check.html either
        shown = ", ".join(f"{code} ×{count}" for code, count in tally)
        print(f"findings that did not stop the build: {shown}; `stdkit check` lists them with their lines")
    return 0
