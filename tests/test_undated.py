"""`edition: undated` (a draft transcribed from a source that gives no year, issue #36): every label a reader
sees prints 「未注明年份」, never the English word; the reference and URLs keep `undated` (id@undated,
standards/<id>/undated.html, blueprints/<id>/undated/<level>.json), stable and documented in docs/authoring.md."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx

from stdkit.collection import Entry, entry_from_bytes
from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.model.common import EditionForm, ref_label
from tests.conftest import CliResult
from tests.test_import_docx import without_source

PARTIAL = Path(__file__).resolve().parent / "collections" / "drf70x_partial_transcriptions"


def visible(html: str) -> str:
    """The text of a page a reader sees as words: no tags, attributes (links), scripts or styles, and no
    identifier set as code (the 标识 `S-GD-ZBDH@undated` is the reference an author writes in `supersedes:`)."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|code)\b.*?</\1>", " ", html, flags=re.S))


def special() -> Entry:
    found, problems = entry_from_bytes((PARTIAL / "special.yaml").read_bytes(), "special.yaml")
    assert isinstance(found, Entry), problems
    return found


def test_every_edition_label_of_an_undated_draft_is_chinese() -> None:
    document = special().document
    assert {document.edition_label(form) for form in EditionForm} == {"未注明年份"}
    assert document.titled(EditionForm.YEAR) == "直播带货（未注明年份）"
    assert (document.ref, ref_label(document.ref)) == ("S-GD-ZBDH@undated", "S-GD-ZBDH（未注明年份）")


def test_the_preview_prints_no_english_edition_and_keeps_the_url(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = in_dir / "standards"
    standards.mkdir()
    for source in PARTIAL.glob("*.yaml"):
        shutil.copy(source, standards / source.name)
    status, _, err = cli("build", "--drafts", "--out", in_dir / "site", standards)
    assert status == 0, err
    site = in_dir / "site"
    page = (site / "standards" / "S-GD-ZBDH" / "undated.html").read_text(encoding="utf-8")
    assert "直播带货（未注明年份）" in visible(page)
    assert (site / "blueprints" / "S-GD-ZBDH" / "undated" / "unit.json").is_file()
    for html in site.rglob("*.html"):
        assert "undated" not in visible(html.read_text(encoding="utf-8")), html


def test_the_word_cover_prints_it_and_the_import_reads_it_back() -> None:
    document = special().document
    exported = export(document)
    printed = [p.text for p in docx.Document(io.BytesIO(exported)).paragraphs]
    assert "（未注明年份）" in printed
    assert not any("undated" in line for line in printed)
    imported = docx_import.read_bytes(without_source(exported), "x.docx").data
    assert imported is not None and imported["edition"] == "undated"
