"""Export one document to an interchange format: `stdkit export case REF [-o FILE]`.

case: a 1EdTech CASE 1.1 CFPackage (JSON) of the document, the same bytes `stdkit build` publishes
as site/blueprints/<id>/<edition>/case.json. REF is ID (the newest published edition; with --drafts,
the newest of any status) or ID@EDITION (that edition whatever its status). Without -o the
package is written to standard output.

Each format is one entry of FORMATS: a function from the chosen document to bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.commands import fail, load_config

if TYPE_CHECKING:
    from stdkit.collection import Entry


def _case(entry: Entry) -> bytes:
    from stdkit.interchange import case

    return case.dump(entry)


#: Format name → exporter. A new format is one entry here.
FORMATS: dict[str, Callable[[Entry], bytes]] = {"case": _case}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=sorted(FORMATS), help="the format to export to")
    parser.add_argument("ref", metavar="ID[@EDITION]", help="document id, optionally with @edition")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write to FILE instead of stdout")
    parser.add_argument(
        "--drafts", action="store_true", help="without @EDITION, consider unpublished editions too"
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import editions, pipeline, publish

    config = load_config(args)
    report = pipeline.validate(list(config.standards), config)
    document_id, _, edition = str(args.ref).partition("@")
    of_id = report.collection.editions(document_id)
    if not of_id:
        return fail(f"no document with id {document_id!r} under {', '.join(map(str, config.standards))}", 1)
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
    data = FORMATS[args.format](chosen)
    if args.output is None:
        sys.stdout.write(data.decode())  # text, so the in-process CLI of the tests captures it
        return 0
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        return fail(f"cannot write {args.output}: {exc.strerror or exc}")
    return 0
