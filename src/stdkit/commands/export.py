"""Export one document to an interchange format: `stdkit export docx|pdf|case REF [-o FILE]`.

REF is ID (the newest published edition; the newest of any status with --drafts) or ID@EDITION.

- docx: a Word file in the layout of a published 国家职业技能标准 (编制技术规程 2018), with real styles
  (Heading 1–3, a table style, page numbers); written to -o FILE or ID_EDITION.docx.
- pdf: that file rendered through LibreOffice headless (exit 2 with a message when it is absent).
- case: a 1EdTech CASE 1.1 CFPackage (JSON), the same bytes `stdkit build` publishes as
  site/blueprints/<id>/<edition>/case.json; written to standard output without -o.

Same input, same bytes (docx and case). Each format is one entry of FORMATS.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.commands import add_lang, choose_edition, fail, load_config, tell
from stdkit.messages import Message

if TYPE_CHECKING:
    from stdkit.collection import Entry


@dataclasses.dataclass(frozen=True)
class Format:
    export: Callable[[Entry, argparse.Namespace], bytes]
    to_stdout: bool  # text formats go to standard output when no -o is given


def _docx(entry: Entry, args: argparse.Namespace) -> bytes:
    from stdkit.interchange.docx import write

    return write.export(entry.document, write.Fonts(body=args.font_body, heading=args.font_heading))


def _pdf(entry: Entry, args: argparse.Namespace) -> bytes:
    from stdkit.interchange import pdf

    return pdf.to_pdf(_docx(entry, args))


def _case(entry: Entry, args: argparse.Namespace) -> bytes:
    from stdkit.interchange import case

    return case.dump(entry)


#: Format name → exporter. A new format is one entry here.
FORMATS: dict[str, Format] = {
    "docx": Format(_docx, to_stdout=False),
    "pdf": Format(_pdf, to_stdout=False),
    "case": Format(_case, to_stdout=True),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument(
        "format", choices=sorted(FORMATS), help="docx (Word), pdf (through LibreOffice) or case"
    )
    parser.add_argument("ref", metavar="ID[@EDITION]", help="document id, optionally with @edition")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help="file to write (default: ID_EDITION.FORMAT; case: stdout)",
    )
    parser.add_argument(
        "--drafts", action="store_true", help="without @EDITION, consider unpublished editions too"
    )
    parser.add_argument("--font-body", default="宋体", help="docx/pdf: East Asian font of the body text")
    parser.add_argument("--font-heading", default="黑体", help="docx/pdf: East Asian font of the headings")


def run(args: argparse.Namespace) -> int:
    config = load_config(args)
    chosen = choose_edition(args, config)
    if isinstance(chosen, Message):
        return fail(args, chosen, 1)
    chosen_format = FORMATS[args.format]
    data = chosen_format.export(chosen, args)
    if args.output is None and chosen_format.to_stdout:
        sys.stdout.write(data.decode())  # text, so the in-process CLI of the tests captures it
        return 0
    document = chosen.document
    target: Path = args.output or Path(f"{document.id}_{document.edition}.{args.format}")
    try:
        target.write_bytes(data)
    except OSError as exc:
        return fail(args, Message("cli.cannot_write", {"path": target, "why": exc.strerror or exc}))
    if not chosen_format.to_stdout:
        tell(
            args,
            Message(
                "cli.prefix",
                {"text": Message("export.wrote", {"path": target, "ref": document.ref, "size": len(data)})},
            ),
        )
    return 0
