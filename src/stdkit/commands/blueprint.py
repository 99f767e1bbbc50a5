"""Print the exam blueprint of a document as JSON (what `stdkit build` publishes under site/blueprints/).

ID picks the newest published edition (newest of any status with --drafts); ID@EDITION picks that
edition whatever its status. With --level, one blueprint; without, a JSON array of every level's.
A special competency has the single level `unit`.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import fail, load_config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="ID[@EDITION]", help="document id, optionally with @edition")
    parser.add_argument("--level", "-l", default=None, help="ladder id (L5 … L1, principal …) or unit")
    parser.add_argument(
        "--drafts", action="store_true", help="without @EDITION, consider unpublished editions too"
    )


def run(args: argparse.Namespace) -> int:
    import orjson

    from stdkit import blueprint, editions, pipeline, publish
    from stdkit.collection import Entry

    config = load_config(args)
    report = pipeline.validate(list(config.standards), config)
    document_id, _, edition = str(args.ref).partition("@")
    of_id = report.collection.editions(document_id)
    if not of_id:
        return fail(f"no document with id {document_id!r} under {_shown(config.standards)}", 1)
    chosen: Entry | None
    if edition:
        chosen = next((e for e in of_id if e.document.edition == edition), None)
        if chosen is None:
            known = ", ".join(e.document.edition for e in editions.ordered(of_id))
            return fail(f"{document_id} has no edition {edition!r}; editions: {known}", 1)
    else:
        pool = publish.selected(of_id, args.drafts or config.include_drafts)
        chosen = editions.newest(pool, published_only=not args.drafts).get(document_id)
        if chosen is None:
            return fail(
                f"{document_id} has no published edition; name one as {document_id}@EDITION or pass --drafts",
                1,
            )
    levels = blueprint.levels_of(chosen)
    basis = report.collection.reference.basis
    if args.level is not None:
        if args.level not in levels:
            return fail(f"{chosen.ref} has no level {args.level!r}; levels: {', '.join(levels)}", 1)
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


def _shown(paths: object) -> str:
    return ", ".join(str(p) for p in paths) if isinstance(paths, tuple | list) else str(paths)
