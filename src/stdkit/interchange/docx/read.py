"""A Word draft in the 编制技术规程 layout → the data of a stdkit document, with located diagnostics.

The import reads as its stages: the package, bounded and safe before anything is parsed
(:mod:`.package`); the body as a stream of blocks, paragraphs and tables in reading order
(:mod:`.blocks`); the blocks section by section into a typed draft (:mod:`.sections`, :mod:`.tables`);
the draft bound to the model, over the data an export of stdkit carries (:mod:`.bind`).

Drafts as committees write them import: merged cells, or cells that repeat the text above instead of
merging; blank rows; 权重表 cells with % signs; several numbered lines in one cell. What cannot be
mapped is a diagnostic, never silence and never a traceback; a file that cannot be read safely is
one finding and no data.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from stdkit.diagnostics import Diagnostic
from stdkit.interchange.docx import bind, blocks, package, sections
from stdkit.model import Document


@dataclasses.dataclass(slots=True)
class Imported:
    """What an import gives: the document's data (None when the file could not be read) and the findings."""

    data: dict[str, Any] | None
    diagnostics: list[Diagnostic]
    document: Document | None = None
    #: The YAML file the Word file was exported from, when the Word file still says exactly what it
    #: says: written back as it was (comments, quoting, key order), so an unedited round trip changes nothing.
    text: str | None = None


def read(path: Path, shown: str | None = None) -> Imported:
    """Import the draft at ``path`` (``shown`` is the path as diagnostics name it)."""
    name = shown or str(path)
    try:
        raw = package.raw_of(path, name)
    except package.Refused as refused:
        return Imported(None, [refused.finding])
    return read_bytes(raw, name)


def read_bytes(raw: bytes, name: str) -> Imported:
    """Import the draft whose bytes are ``raw``; a file that cannot be read safely gives one finding, no data."""
    findings: list[Diagnostic] = []
    try:
        with package.open_package(raw, name) as zipped:
            body = blocks.read(zipped, name)
            hidden, part = package.carried(zipped, name, findings)
            carried_text = package.carried_text(zipped, name) if hidden is not None else None
    except package.Refused as refused:
        return Imported(None, [refused.finding])
    reading = sections.read(name, body, carried=hidden is not None)
    findings += reading.findings
    data, document = bind.bind(name, reading.draft, hidden, part, findings)
    text = carried_text if carried_text is not None and _says(carried_text, document, name) else None
    return Imported(data, findings, document, text)


def _says(text: str, document: Document | None, name: str) -> bool:
    """Whether the carried YAML ``text`` is a clean document equal to the imported ``document``. A file
    with a finding of its own, or with a suppression comment (which no Word text can show), is never
    written back verbatim: the import then writes the data it read, as a new file."""
    from stdkit.load import parse, suppressions
    from stdkit.model.bind import bind as bind_model

    if document is None or next(suppressions.lines(text), None) is not None:
        return False
    loaded = parse(text.encode("utf-8"), name)
    if not loaded.ok or loaded.diagnostics:
        return False
    original, problems = bind_model(loaded)
    return original is not None and not problems and original == document
