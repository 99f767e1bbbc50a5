"""Print the exam blueprint of a document as JSON (what `stdkit build` publishes under site/blueprints/).

ID picks the newest published edition (newest of any status with --drafts); ID@EDITION picks that
edition whatever its status. With --level, one blueprint; without, a JSON array of every level's.
A special competency has the single level `unit`.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_lang, choose_in_collection, fail, load_config
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("ref", metavar="ID[@EDITION]", help="help.ref")
    parser.add_argument("--level", "-l", default=None, help="help.blueprint.level")
    parser.add_argument("--drafts", action="store_true", help="help.drafts")


def run(args: argparse.Namespace) -> int:
    import orjson

    from stdkit import blueprint, editions, publish
    from stdkit.reference.index import for_config

    config = load_config(args)
    found = choose_in_collection(args, config)
    if isinstance(found, Message):
        return fail(args, found, 1)
    chosen, collection = found
    levels = blueprint.levels_of(chosen)
    reference = for_config(config)
    basis = reference.basis
    current = blueprint.current_of(reference, chosen)
    standing = editions.standing(collection.entries)[chosen.ref]
    if args.level is not None:
        if args.level not in levels:
            shown = {"ref": chosen.ref, "level": args.level, "levels": list(levels)}
            return fail(args, Message("cli.no_level", shown), 1)
        sys.stdout.write(
            publish.dump(publish.published_blueprint(chosen, args.level, basis, standing, current)).decode()
        )
        return 0
    items = [
        publish.published_blueprint(chosen, level, basis, standing, current).model_dump(
            mode="json", by_alias=True
        )
        for level in levels
    ]
    sys.stdout.write(
        (orjson.dumps(items, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n").decode()
    )
    return 0
