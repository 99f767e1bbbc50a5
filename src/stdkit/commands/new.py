"""Scaffold a new document of KIND (occupational-standard, evaluation-spec, special-competency).

The file is written to standards/<ID>_<EDITION>.yaml (or --output) with the editor modeline and
comments to follow; it validates clean as written. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from stdkit.commands import fail, load_config
from stdkit.model import Kind


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=[str(kind) for kind in Kind], help="the document kind")
    parser.add_argument("id", help="the document id, e.g. 6-31-01-03 or S-44-0012")
    parser.add_argument(
        "--edition", default=str(datetime.date.today().year), help="edition (default: this year)"
    )
    parser.add_argument("--title", default="待填写名称", help="the title (default: a placeholder)")
    parser.add_argument(
        "--output", "-o", type=Path, help="file to write (default: standards/<ID>_<EDITION>.yaml)"
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import scaffold

    config = load_config(args)
    target: Path = args.output or config.standards[0] / f"{args.id}_{args.edition}.yaml"
    if target.exists():
        return fail(f"{target} already exists; choose another --output or edit the file", 1)
    try:
        text = scaffold.render(
            Kind(args.kind),
            args.id,
            edition=args.edition,
            title=args.title,
            schema_prefix=scaffold.schema_prefix(target, config.root / "schema"),
        )
    except ValueError as exc:
        return fail(str(exc))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}: fill in every 「待填写」, then run `stdkit validate {target}`")
    return 0
