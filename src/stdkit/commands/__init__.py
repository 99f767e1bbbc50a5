"""One module per CLI verb, each with ``add_arguments(parser)`` and ``run(args) -> int``.

A verb module imports heavy dependencies inside ``run`` so that ``stdkit validate`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stdkit import config as configuration
from stdkit.diagnostics import LANGUAGES


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders of documents (default: the collection's standards/)",
    )


def add_format(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    """``--format`` (the first of ``formats`` by default, or github under GitHub Actions when offered)
    and ``--lang``."""
    add_lang(parser)
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats else formats[0]
    parser.add_argument(
        "--format",
        "-f",
        choices=formats,
        default=default,
        help=f"output format (default: {default})",
    )


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of messages; Chinese unless asked for or the locale (LANG) is English."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the messages: zh (default) or en (also chosen by STDKIT_LANG, or LANG=en_*)",
    )


def language(args: argparse.Namespace) -> str:
    chosen: str | None = getattr(args, "lang", None)
    if chosen:
        return chosen
    explicit = os.environ.get("STDKIT_LANG", "")
    if explicit in LANGUAGES:
        return explicit
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else LANGUAGES[0]


def load_config(args: argparse.Namespace) -> configuration.Config:
    return configuration.load(Path.cwd())


def paths_of(args: argparse.Namespace, config: configuration.Config) -> list[Path]:
    """The paths named on the command line, without the files that are not stdkit documents (each
    noted on stderr); the collection's standards folders when none was named. Empty when every named
    file was skipped: the caller then has nothing to do."""
    if not args.paths:
        return list(config.standards)
    from stdkit.documents import REASONS_ZH, skip_reason

    kept: list[Path] = []
    for path in args.paths:
        reason = skip_reason(path, config.standards)
        if reason is None:
            kept.append(path)
        elif language(args) == "zh":
            print(
                f"stdkit：提示：已跳过 {path}：不是 stdkit 文档（{REASONS_ZH.get(reason, reason)}）",
                file=sys.stderr,
            )
        else:
            print(f"stdkit: note: skipped {path}: not a stdkit document ({reason})", file=sys.stderr)
    return kept


def fail(message: str, status: int = 2) -> int:
    from stdkit.report import log_safe  # messages may quote author text: no line of it may be a CI command

    print(log_safe(f"stdkit: {message}"), file=sys.stderr)
    return status
