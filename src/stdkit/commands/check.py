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
    from stdkit.run.report import Named, Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_paths(parser, "help.check.paths")
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
    from stdkit.report import TextLines, analyses, parts
    from stdkit.run import pipeline, progress

    config = load_config(args)
    whole = _names_configuration(args.paths, config)
    if whole:
        args.paths = [p for p in args.paths if not _is_configuration(p, config)]
    paths = paths_of(args, config)
    if not paths and not whole:  # every file named was another tool's YAML
        return 0
    paths, only = _collection_of(paths, config, named=bool(args.paths), whole=whole)
    lang = language(args)
    painted = colour(args.format)
    printer = pipeline.Printer(
        lambda report: parts(args.format, report.localized(lang), lang, painted),
        _printer_key(args.format, lang, painted),
        TextLines(lang, painted) if args.format == "text" else None,
    )
    cached = not args.no_cache and in_repository(config)
    # the text a run prints is kept with the memo (pipeline.printed) when stdout is the whole output; with
    # --changed-since or --output the report is made from the findings every run
    kept = args.changed_since is None and not args.output
    wanted = tuple(dict.fromkeys(a for name in report_formats(args) for a in analyses(name)))
    bar = progress.for_run(args.format, lang)
    try:
        if kept:
            printed = pipeline.printed(
                paths, config, printer, cache=cached, progress=bar, analyses=wanted, only=only
            )
        else:
            report = pipeline.check(
                paths, config, documents=False, cache=cached, progress=bar, analyses=wanted, only=only
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


def _is_configuration(path: Path, config: Config) -> bool:
    return path.name == "stdkit.toml" and path.resolve() == (config.root / "stdkit.toml").resolve()


def _names_configuration(paths: list[Path], config: Config) -> bool:
    """Whether the collection's own stdkit.toml is named (pre-commit passes it when it is staged): a change
    to it may change a finding on any document, so the whole collection is reported."""
    return any(_is_configuration(path, config) for path in paths)


def _collection_of(
    paths: list[Path], config: Config, *, named: bool, whole: bool
) -> tuple[list[Path], Named | None]:
    """The paths to check as one collection, and the documents the report is narrowed to.

    Files named (as pre-commit passes the staged ones) are checked as part of the whole collection: the
    collection's standards folders, with each named file outside them, and the report holds the named
    files' findings and the cross-document findings on other documents that name one of them
    (:class:`stdkit.run.report.Named`); the exit status is theirs. Inside the standards folders the paths
    are exactly those of ``stdkit check`` without paths, so the two share their memo, base and cache.
    A folder named is checked as a collection of what is under it, as before; with the collection's
    stdkit.toml named (``whole``) the whole collection is reported.
    """
    from stdkit.discovery import display_path
    from stdkit.run.report import Named

    if not named or (any(path.is_dir() for path in paths) and not whole):
        return paths, None
    folders = [folder for folder in config.standards if folder.exists()]
    inside = [folder.resolve() for folder in folders]

    def within(path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved == folder or folder in resolved.parents for folder in inside)

    outside = [path for path in paths if not (path.exists() and within(path))]
    if whole:
        return [*folders, *outside], None
    # a missing file's USE001 shows the path as given
    shown = frozenset({*(display_path(path, config.root) for path in paths), *map(str, paths)})
    files = sum(1 for path in paths if path.is_file())
    return [*folders, *outside], Named(shown, files)


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
