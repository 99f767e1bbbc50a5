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

from stdkit.commands import add_lang, choose_in_collection, fail, load_config, tell
from stdkit.messages import Message

if TYPE_CHECKING:
    from stdkit.collection import Collection, Entry


@dataclasses.dataclass(frozen=True)
class Format:
    #: (the chosen edition, the collection it belongs to, the arguments) → the file's bytes
    export: Callable[[Entry, Collection[Entry], argparse.Namespace], bytes]
    to_stdout: bool  # text formats go to standard output when no -o is given


def _docx(entry: Entry, collection: Collection[Entry], args: argparse.Namespace) -> bytes:
    """The Word file, with the cover's standing and, for an edition a confirmed crosswalk leads into, the
    appendix 新旧版本对照表 (the same comparisons the build publishes)."""
    from stdkit import comparison, crosswalks, editions
    from stdkit.interchange.docx import write

    fonts = write.Fonts(body=args.font_body, heading=args.font_heading)
    walks = crosswalks.confirmed(collection.config.root)
    drafts = args.drafts or collection.config.include_drafts
    into = comparison.of_collection(collection.entries, walks, drafts).get(entry.ref)
    standing = editions.standing(collection.entries)[entry.ref]
    return write.export(entry.document, fonts, standing, into, text=_source_text(entry))


def _source_text(entry: Entry) -> str | None:
    """The document's YAML file as it was checked (None if it changed since), carried in the Word file."""
    import hashlib

    raw = entry.file.read_bytes()
    return raw.decode("utf-8") if hashlib.sha256(raw).hexdigest() == entry.sha256 else None


def _pdf(entry: Entry, collection: Collection[Entry], args: argparse.Namespace) -> bytes:
    from stdkit.interchange import pdf

    return pdf.to_pdf(_docx(entry, collection, args))


def _case(entry: Entry, collection: Collection[Entry], args: argparse.Namespace) -> bytes:
    """The package as the build publishes it: placed under the collection's site_url, with its standing."""
    from stdkit import editions, publish
    from stdkit.interchange import case

    placement = publish.placement_in(collection, args.drafts or collection.config.include_drafts)
    standing = editions.standing(collection.entries)[entry.ref]
    return case.dump(entry, dataclasses.replace(placement, standing=standing))


#: Format name → exporter. A new format is one entry here.
FORMATS: dict[str, Format] = {
    "docx": Format(_docx, to_stdout=False),
    "pdf": Format(_pdf, to_stdout=False),
    "case": Format(_case, to_stdout=True),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("format", choices=sorted(FORMATS), help="help.export.format")
    parser.add_argument("ref", metavar="ID[@EDITION]", help="help.ref")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help="help.export.output",
    )
    parser.add_argument("--drafts", action="store_true", help="help.drafts")
    parser.add_argument("--font-body", default="宋体", help="help.export.font_body")
    parser.add_argument("--font-heading", default="黑体", help="help.export.font_heading")


def run(args: argparse.Namespace) -> int:
    config = load_config(args)
    found = choose_in_collection(args, config)
    if isinstance(found, Message):
        return fail(args, found, 1)
    chosen, collection = found
    chosen_format = FORMATS[args.format]
    data = chosen_format.export(chosen, collection, args)
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
