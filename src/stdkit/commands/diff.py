"""Semantic diff of the collection between two git revisions, as a pull-request comment (Markdown) or JSON.

Reads both revisions with git (no checkout): documents added, removed, renamed; header, work,
weight and assessment changes with old → new values; the blueprints that change; and a verdict
per document, equivalent (wording only) or not equivalent (needs a new edition with `supersedes`).
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_format, fail, load_config
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="REV_A", help="help.diff.old")
    parser.add_argument("new", metavar="REV_B", help="help.diff.new")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="help.diff.paths",
    )
    add_format(parser, ["markdown", "json"])


def run(args: argparse.Namespace) -> int:
    from stdkit.changes import GitError, files_at
    from stdkit.diff import RENDERERS, diff_collections

    config = load_config(args)
    root = config.root
    if args.paths:
        paths = [str(p).rstrip("/") for p in args.paths]
    else:
        paths = []
        for folder in config.standards:
            try:
                paths.append(folder.resolve().relative_to(root.resolve()).as_posix())
            except ValueError:
                return fail(args, Message("cli.outside_root", {"folder": folder, "root": root}))
    paths = [p for p in paths if p not in ("", ".")] if "." not in paths else []
    try:
        old = files_at(root, args.old, paths)
        new = files_at(root, args.new, paths)
    except GitError as exc:
        return fail(args, exc)
    sys.stdout.write(RENDERERS[args.format](diff_collections(old, new, args.old, args.new)))
    return 0
