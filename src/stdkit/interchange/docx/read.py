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
    #: The YAML file the Word file was exported from, as the import writes it: as it was when the Word
    #: file says the same (an unedited round trip changes nothing), with only the edited values rewritten
    #: after an edit in Word; None when neither holds (the data is then written as a new file).
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
    text = _written_back(carried_text, document, name) if carried_text is not None else None
    return Imported(data, findings, document, text)


def _written_back(text: str, document: Document | None, name: str) -> str | None:
    """The carried YAML ``text`` as the import writes it: verbatim when its document equals the imported
    one, with only the changed values rewritten after an edit in Word (:mod:`stdkit.interchange.yaml_patch`),
    else None. A file with a finding of its own, or with a suppression comment (which no Word text can
    show), is never written back: the import then writes the data it read, as a new file."""
    from stdkit.interchange import yaml_patch
    from stdkit.load import parse, suppressions
    from stdkit.model.bind import bind as bind_model

    if document is None or next(suppressions.lines(text), None) is not None:
        return None
    loaded = parse(text.encode("utf-8"), name)
    if not loaded.ok or loaded.diagnostics:
        return None
    original, problems = bind_model(loaded)
    if original is None or problems:
        return None
    return text if original == document else yaml_patch.patched(text, document, name)
