"""Regenerate the JSON Schemas in schema/ from the models (for editors and exam systems).

With --check, change nothing and exit 1 when a file is missing or out of date.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stdkit.commands import add_lang, load_config, tell
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("--out", type=Path, default=None, help="help.schema.out")
    parser.add_argument("--check", action="store_true", help="help.schema.check")


def run(args: argparse.Namespace) -> int:
    from stdkit import schemas

    config = load_config(args)
    folder = args.out or config.root / "schema"
    if args.check:
        stale = schemas.stale(folder)
        for name in stale:
            tell(args, Message("schema.stale", {"path": folder / name}))
        return 1 if stale else 0
    for path in schemas.write(folder):
        tell(args, Message("cli.wrote", {"path": path}))
    return 0
