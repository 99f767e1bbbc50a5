"""Writing outputs: blueprint JSON and 细目表 workbooks, the index, and the atomic swap of a folder.

Rendering is deterministic (sorted keys, fixed zip dates, no timestamps), so building twice gives
the same bytes and exam systems can trust the sha256 in the index. Everything is written into a
temporary folder beside the target and validated there against the JSON Schemas; only then does
:func:`stdkit.output.replace_dir` swap it in. A failure leaves the published folder exactly as it was.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from stdkit import blueprint as builder
from stdkit import editions, output
from stdkit.collection import Collection, Entry
from stdkit.model.blueprint import SCHEMA_VERSION, Blueprint, Exam, Index, IndexEntry
from stdkit.model.common import Status

INDEX = "index.json"
LATEST = builder.LATEST
#: Zip entries need a date; 1980-01-01 is the earliest a zip can hold (used when a document has no issued date).
ZIP_EPOCH = datetime.date(1980, 1, 1)


class PublishError(Exception):
    """The build produced output that does not validate; nothing was replaced."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{len(problems)} output file(s) failed validation; nothing was published:\n{shown}{more}"
        )


# -- rendering ----------------------------------------------------------------------------------


def dump(model: BaseModel) -> bytes:
    """Canonical JSON: sorted keys, two-space indent, raw UTF-8 (no \\u escapes), trailing newline."""
    return (
        orjson.dumps(model.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    )


#: A cell whose text starts with one of these is read as a formula (or DDE) by Excel, LibreOffice
#: or a CSV import of the sheet (OWASP "CSV injection"): a skill line `=HYPERLINK(...)` would be a live link.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _append(sheet: Any, row: list[Any]) -> None:
    """Append ``row``; every text cell is a string cell, never a formula.

    openpyxl stores a value starting with ``=`` as a formula, so the type is set back to string; a
    value a spreadsheet could still read as a formula once edited or exported to CSV carries the
    quote prefix (as if typed with a leading ``'``: shown without it). Control characters, which
    the file format cannot hold (openpyxl raises on them), are shown as escapes.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from stdkit.report import printable

    def legal(value: str) -> str:
        return str(ILLEGAL_CHARACTERS_RE.sub(lambda m: printable(m.group()), value))

    sheet.append([legal(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.lstrip(" ").startswith(_FORMULA_START):
                cell.quotePrefix = True


def workbook(blueprint: Blueprint) -> bytes:
    """The level's 鉴定要素细目表 as .xlsx bytes, byte-identical for the same blueprint.

    Author text is untrusted: every row goes through :func:`_append`, so no cell is a formula.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    when = _fixed_date(blueprint)
    book = Workbook()
    book.remove(book.active)
    exams = [c for c in blueprint.components if isinstance(c, Exam)]
    for exam in exams:
        sheet = book.create_sheet("理论知识" if exam.kind == "theory" else "技能操作")
        _append(sheet, ["鉴定范围", "鉴定点代码", "鉴定点", "重要程度", "比重"])
        for section in exam.sections:
            for point in section.points:
                scope = f"{section.name} / {point.content}" if point.content else section.name
                _append(sheet, [scope, point.code, point.text, str(point.importance), section.weight])
            for point in section.inherited:
                scope = f"{section.name} / {point.content}（{point.level}）"
                _append(sheet, [scope, point.code, point.text, str(point.importance), section.weight])
        for column, width in zip("ABCDE", (36, 36, 60, 10, 8), strict=True):
            sheet.column_dimensions[column].width = width
    if not exams:
        sheet = book.create_sheet("细目表")
        _append(sheet, ["鉴定范围", "鉴定点代码", "鉴定点", "重要程度", "比重"])
        for component in blueprint.components:
            for point in getattr(component, "criteria", []):
                _append(sheet, [component.name, point.code, point.text, str(point.importance), None])
    moment = datetime.datetime.combine(when, datetime.time())
    book.properties.creator = "stdkit"
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.lastModifiedBy = None
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps `modified` with the current time.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _restamp(raw.getvalue(), when)


def _fixed_date(blueprint: Blueprint) -> datetime.date:
    issued = blueprint.document.issued
    date = datetime.date.fromisoformat(issued) if issued else ZIP_EPOCH
    return max(date, ZIP_EPOCH)


def _restamp(data: bytes, when: datetime.date) -> bytes:
    """Rewrite a zip with every entry dated ``when`` and fixed attributes (zip headers carry the write time)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# -- the blueprint tree -------------------------------------------------------------------------


def selected(entries: Iterable[Entry], include_drafts: bool) -> list[Entry]:
    """The documents whose blueprints are published: ``published`` ones, or every one for previews."""
    chosen = [e for e in entries if include_drafts or e.document.status is Status.PUBLISHED]
    return sorted(chosen, key=lambda e: (e.document.id, e.document.edition))


def build_blueprints_into(collection: Collection, folder: Path, include_drafts: bool) -> list[Path]:
    """Write every blueprint, workbook and the index into ``folder`` (no swap), then validate them.

    Raises :class:`PublishError` naming every file that fails its JSON Schema. Returns the paths
    written, relative to ``folder``, in a stable order.
    """
    entries = selected(collection.entries, include_drafts)
    newest = editions.newest(entries)
    successors = editions.superseded_by(collection.entries)
    written: list[Path] = []
    index: list[IndexEntry] = []

    def put(relative: str, data: bytes) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(Path(relative))

    for entry in entries:
        doc = entry.document
        is_newest = doc.id in newest and newest[doc.id].ref == doc.ref
        for level in builder.levels_of(entry):
            made = builder.classified(builder.build(entry, level), collection.reference.basis)
            data, book = dump(made), workbook(made)
            url = builder.url(entry, level)
            put(url, data)
            put(builder.url(entry, level, "xlsx"), book)
            latest_url = None
            if is_newest:
                latest_url = builder.latest_url(entry, level)
                put(latest_url, data)
                put(builder.latest_url(entry, level, "xlsx"), book)
            index.append(
                IndexEntry(
                    url=url,
                    latest_url=latest_url,
                    xlsx_url=builder.url(entry, level, "xlsx"),
                    sha256=_sha256(data),
                    xlsx_sha256=_sha256(book),
                    document=made.document,
                    level=made.level.id,
                    status=doc.status,
                    superseded_by=successors.get(doc.ref),
                    work_type=made.work_type,
                )
            )
    put(INDEX, dump(Index(schema_version=SCHEMA_VERSION, include_drafts=include_drafts, blueprints=index)))
    problems = validate_tree(folder)
    if problems:
        raise PublishError(problems)
    return written


def write_blueprints(collection: Collection, out_dir: Path, include_drafts: bool) -> list[Path]:
    """Build, validate and atomically publish ``out_dir`` (e.g. site/blueprints); returns the files written."""
    written: list[Path] = []

    def build(folder: Path) -> None:
        written.extend(build_blueprints_into(collection, folder, include_drafts))

    output.replace_dir(out_dir, build)
    return [out_dir / relative for relative in written]


# -- validation ---------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # no types-jsonschema in dev deps

    from stdkit import schemas

    return Draft202012Validator(orjson.loads(schemas.render(name, schemas.schemas()[name])))


def validate_tree(folder: Path) -> list[str]:
    """Every blueprint JSON under ``folder`` and its index.json against their schemas; problems as text."""
    blueprint_schema = _validator("blueprint.schema.json")
    index_schema = _validator("blueprint-index.schema.json")
    problems: list[str] = []
    for path in sorted(folder.rglob("*.json")):
        relative = path.relative_to(folder).as_posix()
        try:
            data = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            problems.append(f"{relative}: not JSON: {exc}")
            continue
        validator = index_schema if relative == INDEX else blueprint_schema
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            problems.append(f"{relative}: {where}: {error.message}")
    if not (folder / INDEX).exists():
        problems.append(f"{INDEX}: missing")
    return problems
