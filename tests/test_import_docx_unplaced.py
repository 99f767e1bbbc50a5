"""Committee drafts carry sentences no field of the model holds: a 注 under a section, a remark on the cover,
a second paragraph under 职业定义, a sentence before the first 申报条件 heading, a 注 among the 工作要求
headings (issue 37). None is dropped:
each is kept verbatim in the notes (备注) of its section, each with a DOC910 at its block naming where it
went, and every requirement line and weight still imports. An export prints the notes under their
section's heading, where the import finds them again."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.text.paragraph import Paragraph

from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import export
from stdkit.model import OccupationalStandard

from .test_import_docx_printed import DRAFTS, build, numbered

#: (the stray sentence, the paragraph it is typed before, the field that keeps it); the first inserts two
#: paragraphs, a heading of its own section (职业培训要求, 培训时间) and the sentence.
STRAYS = (
    ("送审稿　二〇二六年六月", "中华人民共和国人力资源和社会保障部　制定", "notes"),
    ("本章依据《中华人民共和国职业分类大典（2022年版）》编写。", "职业名称", "profile.notes"),
    ("注：本职业包括维修电工、安装电工等工种。", "职业技能等级", "profile.notes"),
    ("培训时间由培训机构根据培训对象的实际情况确定。", "职业技能鉴定要求", "training.notes"),
    ("申报条件中的“相关职业”由评价机构认定。", "具备以下条件之一者，可申报五级/初级工：", "assessment.notes"),
    ("具体考核方案由评价机构另行制定。", "基本要求", "assessment.notes"),
    ("基本要求适用于本职业各等级。", "职业道德", "basics.notes"),
    ("注：权重表各项目之和为100%。", "理论知识权重表", "notes"),
    ("注：工作要求按职业功能排列。", "五级/初级工", "notes"),  # names no level: DOC913 too
)


def _before(word: Any, title: str) -> Paragraph:
    """The first paragraph whose text ends with ``title`` (a heading, whatever its numbering, or a line)."""
    found: Paragraph = next(p for p in word.paragraphs if p.text.endswith(title))
    return found


def _blocks(word: Any) -> dict[str, int]:
    """Each paragraph's text → its block (paragraphs and tables counted together from 1, as findings are)."""
    found: dict[str, int] = {}
    children = [c for c in word.element.body.iterchildren() if c.tag.rpartition("}")[2] in {"p", "tbl"}]
    for block, child in enumerate(children, 1):
        if child.tag.endswith("}p"):
            found.setdefault("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")), block)
    return found


def draft_with_strays(shape: str) -> tuple[bytes, dict[str, int]]:
    """A committee draft of ``shape`` (tests/test_import_docx_printed.py) with the stray sentences typed in,
    a blank row added to its first 工作要求 table, and the block of each stray."""
    style, headings, merged, fullwidth_code = DRAFTS[shape]
    word = docx.Document(
        io.BytesIO(build(style, headings=headings, merged=merged, fullwidth_code=fullwidth_code))
    )
    for text, before, _ in STRAYS:
        at = _before(word, before)
        if text.startswith("培训时间由"):  # a section the draft did not have: its headings, then the sentence
            for parts, title, level in (((1, 8), "职业培训要求", 2), ((1, 8, 1), "培训时间", 3)):
                heading = numbered(style, parts, title)
                at.insert_paragraph_before(heading, style=f"Heading {level}" if headings else None)
        at.insert_paragraph_before(text)
    word.tables[0].add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped; a stray blank row
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), _blocks(word)


def _field(document: OccupationalStandard, field: str) -> str | None:
    holder: Any = document
    for step in field.split("."):
        holder = getattr(holder, step)
    return holder  # type: ignore[no-any-return]  # every notes field is a str or None


@pytest.mark.parametrize("shape", list(DRAFTS))
def test_no_paragraph_of_a_committee_draft_is_lost(shape: str) -> None:
    raw, blocks = draft_with_strays(shape)
    imported = docx_import.read_bytes(raw, "draft.docx")
    document = imported.document
    assert isinstance(document, OccupationalStandard), [d.message for d in imported.diagnostics]
    kept = {field: (_field(document, field) or "").splitlines() for _, _, field in STRAYS}
    for text, _, field in STRAYS:
        assert text in kept[field], (text, field, kept[field])
    # each kept paragraph said once, at its block, naming the field that keeps it; nothing else unplaced
    said = sorted((d.code, d.line, dict(d.args)["field"]) for d in imported.diagnostics if d.code == "DOC910")
    assert said == sorted(("DOC910", blocks[text], field) for text, _, field in STRAYS)
    others = [
        (d.code, d.line) for d in imported.diagnostics if d.code in {"DOC911", "DOC912", "DOC913", "DOC920"}
    ]
    assert others == [("DOC913", blocks["注：工作要求按职业功能排列。"])]
    # the draft's own fields are still what it says: one-line fields keep their first paragraph
    assert document.occupation.definition is not None and document.occupation.definition.startswith(
        "使用工具"
    )
    assert document.levels == ["L5", "L4", "L3"]
    assert document.assessment.methods["L5"] == ["theory", "skill"]  # type: ignore[index]  # a str that names a Level finds it
    for level in ("L5", "L4", "L3"):
        functions = document.work[level]  # type: ignore[index]  # a str that names a Level finds it
        lines = [line for f in functions for c in f.contents for line in (*c.skills, *c.knowledge)]
        assert len(lines) == 9
    assert document.weights.theory["L3"] == {"ethics": 5, "basics": 15, "电气安装与配线": 40, "线路维修": 40}  # type: ignore[index]  # a str that names a Level finds it


def test_the_notes_come_back_from_an_export() -> None:
    """Exported, the notes are printed under their section's heading; imported again (without the data
    the file carries, as a committee's retyped copy), each section gets its notes back, line for line."""
    from .test_import_docx import without_source

    raw, _ = draft_with_strays(next(iter(DRAFTS)))
    first = docx_import.read_bytes(raw, "draft.docx").document
    assert isinstance(first, OccupationalStandard)
    again = docx_import.read_bytes(without_source(export(first)), "again.docx").document
    assert isinstance(again, OccupationalStandard)
    for field in ("profile.notes", "training.notes", "assessment.notes", "basics.notes"):
        assert _field(again, field) == _field(first, field), field
    printed = [p.text for p in docx.Document(io.BytesIO(export(first))).paragraphs]
    at = printed.index(next(t for t in printed if t.endswith("基本要求")))
    assert printed[at + 1] == "基本要求适用于本职业各等级。"  # under its heading, before 2.1
