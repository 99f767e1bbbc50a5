"""Validate every document, then cross-check the collection: catalogue links, overlaps, references.

Same output as `validate`, with the cross-document findings added. With ``--changed-since REV`` the
report is narrowed to what a change is answerable for (see :func:`_changed_since`), never to less:
a pull request gate must not pass a change that breaks a document it did not touch.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.commands import (
    add_format,
    add_outputs,
    add_paths,
    colour,
    in_repository,
    language,
    load_config,
    paths_of,
    report_formats,
    tell,
    write_report,
)

if TYPE_CHECKING:
    from stdkit.collection import HeadEntry
    from stdkit.config import Config
    from stdkit.run.report import Report


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
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="help.check.changed_since",
    )


def run(args: argparse.Namespace) -> int:
    from stdkit.report import analyses, parts
    from stdkit.run import pipeline, progress

    config = load_config(args)
    paths = paths_of(args, config)
    if not paths:  # every file named was another tool's YAML
        return 0
    lang = language(args)
    painted = colour(args.format)
    printer = pipeline.Printer(
        lambda report: parts(args.format, report.localized(lang), lang, painted),
        _printer_key(args.format, lang, painted),
    )
    cached = not args.no_cache and in_repository(config)
    # the text a run prints is kept with the memo (pipeline.printed) when stdout is the whole output; with
    # --changed-since or --output the report is made from the findings every run
    kept = args.changed_since is None and not args.output
    wanted = tuple(dict.fromkeys(a for name in report_formats(args) for a in analyses(name)))
    bar = progress.for_run(args.format, lang)
    try:
        if kept:
            printed = pipeline.printed(paths, config, printer, cache=cached, progress=bar, analyses=wanted)
        else:
            report = pipeline.check(
                paths, config, documents=False, cache=cached, progress=bar, analyses=wanted
            )
    finally:
        if bar is not None:
            bar.close()
    if kept:
        for notice in printed.notices:
            tell(args, notice, sys.stderr)
        for part in printed.parts:
            sys.stdout.write(part)
        return printed.exit_status
    for notice in report.notices:
        tell(args, notice, sys.stderr)
    if args.changed_since is not None:
        from stdkit.changes import GitError
        from stdkit.commands import fail

        try:
            report = _changed_since(report, paths, config, args.changed_since)
        except GitError as exc:
            return fail(args, exc)
    return write_report(args, report) or report.exit_status


def _printer_key(fmt: str, lang: str, painted: bool) -> str | None:
    """What besides the findings changes the printed bytes (:class:`stdkit.run.pipeline.Printer`); None
    for the GitHub report under Actions, which also appends the Markdown report to the job summary."""
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        return None
    return f"{fmt}\0{lang}\0{'colour' if painted else 'plain'}"


def _changed_since(
    report: Report[HeadEntry], paths: list[Path], config: Config, rev: str
) -> Report[HeadEntry]:
    """The findings in changed files, and those elsewhere that the change brought (absent at ``rev``).

    A finding of an unchanged file is the change's when checking the documents of ``rev`` (with
    today's configuration) does not give it at the same place with the same code.
    """
    from stdkit.changes import changed_paths, materialised
    from stdkit.checks import frozen
    from stdkit.run import pipeline

    changed = changed_paths(config.root, rev)
    elsewhere = [d for d in report.diagnostics if d.path not in changed]
    before: set[tuple[str, int, int, str]] = set()
    if elsewhere:
        with materialised(config.root, rev) as base:
            moved = [base / inner for p in paths if (inner := _inside(config.root, p)) is not None]
            standards = [
                base / inner for p in config.standards if (inner := _inside(config.root, p)) is not None
            ]
            base_config = dataclasses.replace(config, root=base, standards=tuple(standards))
            found = pipeline.check([p for p in moved if p.exists()], base_config).diagnostics
            before = {(d.path, d.line, d.col, d.code) for d in found}
    kept = tuple(
        d for d in report.diagnostics if d.path in changed or (d.path, d.line, d.col, d.code) not in before
    )
    return dataclasses.replace(report, diagnostics=(*kept, *frozen.rewritten(config.root, rev)))


def _inside(root: Path, path: Path) -> Path | None:
    """``path`` relative to ``root``, or None outside it (git knows nothing of it there)."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve())
    except ValueError:
        return None
