"""Validate every document, then cross-check the collection: catalogue links, overlaps, references.

Same output as `validate`, with the cross-document findings added.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_format, add_paths, language, load_config, paths_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    from stdkit.report import REPORTERS

    add_format(parser, list(REPORTERS))
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="examine every document again, ignoring and not writing .stdkit-cache/ at the collection's root",
    )
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="report only on documents changed since the git revision REV (committed, uncommitted or "
        "untracked); the whole collection is still used for the cross-checks",
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import pipeline, progress
    from stdkit.report import REPORTERS

    config = load_config(args)
    bar = progress.for_run(args.format)
    try:
        report = pipeline.check(
            paths_of(args, config), config, documents=False, cache=not args.no_cache, progress=bar
        )
    finally:
        if bar is not None:
            bar.close()
    for notice in report.notices:
        print(f"stdkit: {notice}", file=sys.stderr)
    if args.changed_since is not None:
        import dataclasses

        from stdkit.changes import GitError, changed_paths
        from stdkit.commands import fail

        try:
            changed = changed_paths(config.root, args.changed_since)
        except GitError as exc:
            return fail(str(exc))
        kept = tuple(d for d in report.diagnostics if d.path in changed)
        report = dataclasses.replace(report, diagnostics=kept)
    sys.stdout.write(REPORTERS[args.format](report.localized(language(args))))
    return report.exit_status
