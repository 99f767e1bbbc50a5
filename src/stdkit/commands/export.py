"""Export a document as Word or PDF in the layout of a published 国家职业技能标准 (编制技术规程 2018).

REF is ID (the newest published edition; the newest of any status with --drafts) or ID@EDITION.
`docx` writes a Word file with real styles (Heading 1–3, a table style, page numbers); `pdf` renders
that file through LibreOffice headless (exit 2 with a message when LibreOffice is absent). The file is
written to -o FILE, or to ID_EDITION.docx / .pdf in the current folder. Same input, same bytes (.docx).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stdkit.commands import fail, load_config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=["docx", "pdf"], help="docx (Word) or pdf (through LibreOffice)")
    parser.add_argument("ref", metavar="ID[@EDITION]", help="document id, optionally with @edition")
    parser.add_argument(
        "--output", "-o", type=Path, default=None, help="file to write (default: ID_EDITION.FORMAT)"
    )
    parser.add_argument(
        "--drafts", action="store_true", help="without @EDITION, consider unpublished editions too"
    )
    parser.add_argument(
        "--font-body", default="宋体", help="East Asian font of the body text (default: 宋体)"
    )
    parser.add_argument(
        "--font-heading", default="黑体", help="East Asian font of the headings (default: 黑体)"
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import editions, pipeline, publish
    from stdkit.collection import Entry
    from stdkit.interchange import docx_export, pdf

    config = load_config(args)
    report = pipeline.validate(list(config.standards), config)
    document_id, _, edition = str(args.ref).partition("@")
    of_id = report.collection.editions(document_id)
    if not of_id:
        return fail(f"no valid document with id {document_id!r}; run `stdkit validate` to see why", 1)
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
    document = chosen.document
    data = docx_export.export(document, docx_export.Fonts(body=args.font_body, heading=args.font_heading))
    if args.format == "pdf":
        data = pdf.to_pdf(data)
    target: Path = args.output or Path(f"{document.id}_{document.edition}.{args.format}")
    target.write_bytes(data)
    print(f"stdkit: wrote {target} ({document.ref}, {len(data)} bytes)")
    return 0
