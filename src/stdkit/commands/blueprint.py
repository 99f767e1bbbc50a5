"""Print the exam blueprint of a document as JSON (what `stdkit build` publishes under site/blueprints/).

ID picks the newest published edition (newest of any status with --drafts); ID@EDITION picks that
edition whatever its status. With --level, one blueprint; without, a JSON array of every level's.
A special competency has the single level `unit`.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_lang, choose_edition, fail, load_config
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("ref", metavar="ID[@EDITION]", help="document id, optionally with @edition")
    parser.add_argument("--level", "-l", default=None, help="ladder id (L5 … L1, principal …) or unit")
    parser.add_argument(
        "--drafts", action="store_true", help="without @EDITION, consider unpublished editions too"
    )


def run(args: argparse.Namespace) -> int:
    import orjson

    from stdkit import blueprint, publish
    from stdkit.reference.index import for_config

    config = load_config(args)
    chosen = choose_edition(args, config)
    if isinstance(chosen, Message):
        return fail(args, chosen, 1)
    levels = blueprint.levels_of(chosen)
    basis = for_config(config).basis
    if args.level is not None:
        if args.level not in levels:
            shown = {"ref": chosen.ref, "level": args.level, "levels": list(levels)}
            return fail(args, Message("cli.no_level", shown), 1)
        sys.stdout.write(
            publish.dump(blueprint.classified(blueprint.build(chosen, args.level), basis)).decode()
        )
        return 0
    items = [
        blueprint.classified(blueprint.build(chosen, level), basis).model_dump(mode="json")
        for level in levels
    ]
    sys.stdout.write(
        (orjson.dumps(items, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n").decode()
    )
    return 0
