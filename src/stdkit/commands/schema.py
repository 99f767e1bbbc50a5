"""Regenerate the JSON Schemas in schema/ from the models (for editors and exam systems).

In a standards repository it also writes schema/workspace.json, the collection's own schema for the
editor: each document's kind schema with the collection's editions and the 大典's codes offered for
completion (stdkit.schemas.workspace). With --check, change nothing and exit 1 when a schema of the
models is missing or out of date (the workspace schema only suggests values: a stale one is not an error).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stdkit.commands import add_lang, in_repository, load_config, tell
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
    if in_repository(config):
        from stdkit.reference.index import for_config
        from stdkit.run import pipeline

        report = pipeline.validate(list(config.standards), config, documents=False, cache=True)
        content = schemas.workspace((e.document for e in report.collection.entries), for_config(config))
        target = folder / schemas.WORKSPACE
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
            tell(args, Message("cli.wrote", {"path": target}))
    return 0
