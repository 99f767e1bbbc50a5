"""Validate every document, then cross-check the collection: catalogue links, overlaps, references.

Same output as `validate`, with the cross-document findings added.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_format, add_paths, load_config, paths_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    from stdkit.report import REPORTERS

    add_format(parser, sorted(REPORTERS))


def run(args: argparse.Namespace) -> int:
    from stdkit import checks
    from stdkit.report import REPORTERS

    config = load_config(args)
    report = checks.check(paths_of(args, config), config)
    sys.stdout.write(REPORTERS[args.format](report))
    return report.exit_status
