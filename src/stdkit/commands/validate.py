"""Check each document on its own: YAML, schema and the per-document rules.

Prints one `file:line:col: CODE [severity] message` per finding, sorted, then a summary.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import (
    add_format,
    add_outputs,
    add_paths,
    in_repository,
    language,
    load_config,
    paths_of,
    report_formats,
    tell,
    write_report,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser)
    from stdkit.report import REPORTERS

    add_format(parser, list(REPORTERS))
    add_outputs(parser, list(REPORTERS))
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="help.no_cache",
    )


def run(args: argparse.Namespace) -> int:
    from stdkit.report import analyses
    from stdkit.run import pipeline, progress

    config = load_config(args)
    paths = paths_of(args, config)
    if not paths:  # every file named was another tool's YAML
        return 0
    bar = progress.for_run(args.format, language(args))
    try:
        report = pipeline.validate(
            paths,
            config,
            documents=False,
            cache=not args.no_cache and in_repository(config),
            progress=bar,
            analyses=tuple(dict.fromkeys(a for name in report_formats(args) for a in analyses(name))),
        )
    finally:
        if bar is not None:
            bar.close()
    for notice in report.notices:
        tell(args, notice, sys.stderr)
    return write_report(args, report) or report.exit_status
