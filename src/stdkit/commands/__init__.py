"""One module per CLI verb, each with ``add_arguments(parser)`` and ``run(args) -> int``.

A verb module imports heavy dependencies inside ``run`` so that ``stdkit validate`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stdkit import config as configuration


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders of documents (default: the collection's standards/)",
    )


def add_format(parser: argparse.ArgumentParser, formats: list[str]) -> None:
    """``--format``: the first of ``formats`` by default, or github under GitHub Actions when offered."""
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats else formats[0]
    parser.add_argument(
        "--format",
        "-f",
        choices=formats,
        default=default,
        help=f"output format (default: {default})",
    )


def load_config(args: argparse.Namespace) -> configuration.Config:
    return configuration.load(Path.cwd())


def paths_of(args: argparse.Namespace, config: configuration.Config) -> list[Path]:
    return list(args.paths) if args.paths else list(config.standards)


def fail(message: str, status: int = 2) -> int:
    from stdkit.report import log_safe  # messages may quote author text: no line of it may be a CI command

    print(log_safe(f"stdkit: {message}"), file=sys.stderr)
    return status
