"""Reading and validating the reference data files: the edition, its notes, its later releases, the catalogue.

Each parser takes decoded JSON/YAML and the file's name and returns records, or raises
:class:`~stdkit.reference.records.ReferenceDataError` naming the file and the offending entry: a broken data
file is a broken environment (exit 2), never a finding in a document and never a traceback. Nothing here indexes
or combines datasets (see :mod:`stdkit.reference.index`).

A release file (``format: stdkit-release/1``, the shape of ``stdkit/data/releases/2024.yaml``) has ``id``, ``date``,
``title``, ``label``, ``source``, ``applies_to`` (the edition it follows) and the lists ``added`` (code, name, flag),
``renamed`` (code, name, earlier_name), ``removed`` (code, name, successor) and ``work_types`` (occupation, name, code).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NoReturn

import orjson
import yaml

from stdkit.messages import Message
from stdkit.reference.records import (
    UNVERIFIED,
    Category,
    Dataset,
    Group,
    LegacyCode,
    Occupation,
    Qualification,
    ReferenceDataError,
    Release,
    Rename,
    WorkType,
)

OCCUPATIONS_FILE: Final = "occupations_2022.json"
NOTES_FILE: Final = "occupation_notes.yaml"
CATALOGUE_FILE: Final = "qualification_catalogue_2021.yaml"
#: The releases shipped after the 2022 edition, in the order they apply.
RELEASE_FILES: Final = ("releases/2024.yaml", "releases/2025.yaml")

#: Largest reference file accepted, in bytes (the shipped ones are about 100 KB).
MAX_BYTES: Final = 32 * 1024 * 1024

_CODE = re.compile(r"[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}")
_WORK_TYPE_CODE = re.compile(r"[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{3}")
_GROUPS: Final[tuple[Group, ...]] = ("professional", "skill")
# unknown and null are older spellings of 未核实 (files written before the catalogue said so in Chinese)
_CATEGORY_WORDS: Final[dict[object, Category]] = {
    "准入类": "准入类",
    "水平评价类": "水平评价类",
    UNVERIFIED: UNVERIFIED,
    "unknown": UNVERIFIED,
    None: UNVERIFIED,
}
# libyaml's loader when PyYAML has it (stdkit.load insists on it); the pure-Python one is only slower.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def norm(name: str) -> str:
    """Name key for matching: NFKC (full-width （） → ()), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


class Reader:
    """Typed access to decoded JSON/YAML with errors that name the file and the entry."""

    def __init__(self, path: Path | str) -> None:
        self.path = path

    def fail(self, where: str, said: str, /, **fields: object) -> NoReturn:
        """Stop at ``where`` (a path into the file, or "" for the whole file) with ``refdata.<said>``."""
        problem = Message(f"refdata.{said}", fields)
        raise ReferenceDataError(
            self.path, Message("refdata.where", {"where": where, "problem": problem}) if where else problem
        )

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "want_mapping", got=_kind(value))
        for key in value:
            if not isinstance(key, str):
                self.fail(where, "string_keys", got=repr(key))
        return value

    def list(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, "want_list", got=_kind(value))
        return value

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "want_text", got=_kind(value))
        return value.strip()

    def opt_text(self, value: object, where: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, date):
            return value.isoformat()
        return self.text(value, where)

    def edition(self, value: object, where: str) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(value, where)

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, "want_flag", got=_kind(value))
        return value

    def code(self, value: object, where: str) -> str:
        code = self.text(value, where)
        if not _CODE.fullmatch(code):
            self.fail(where, "bad_code", code=repr(code))
        return code

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(self.list(value, where)))

    def codes(self, value: object, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        return tuple(self.code(v, f"{where}[{i}]") for i, v in enumerate(self.list(value, where)))

    def names(self, value: object, where: str) -> dict[str, str]:
        if value is None:
            return {}
        return {k: self.text(v, f"{where}.{k}") for k, v in self.mapping(value, where).items()}

    def totals(self, value: object, where: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for key, count in ({} if value is None else self.mapping(value, where)).items():
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                self.fail(f"{where}.{key}", "want_count", got=_kind(count))
            out[key] = count
        return out


def _kind(value: object) -> Message:
    """What was found instead, in words of the message's language."""
    if value is None:
        return Message("refdata.kind_null")
    if isinstance(value, str):
        return (
            Message("refdata.kind_text", {"text": repr(value[:40])})
            if value.strip()
            else Message("refdata.kind_blank")
        )
    if isinstance(value, bool):
        return Message("refdata.kind_flag", {"value": str(value).lower()})
    kind = {dict: "mapping", list: "list", int: "number", float: "number"}.get(type(value))
    return (
        Message(f"refdata.kind_{kind}")
        if kind
        else Message("refdata.kind_other", {"name": type(value).__name__})
    )


def _decode(data: bytes, path: Path | str, *, yaml_format: bool) -> object:
    if len(data) > MAX_BYTES:
        raise ReferenceDataError(path, Message("reference.too_large", {"mb": MAX_BYTES // (1024 * 1024)}))
    if yaml_format:
        try:
            return yaml.load(data.decode("utf-8"), Loader=_YAML_LOADER)  # a safe loader (see _YAML_LOADER)
        except UnicodeDecodeError as exc:
            problem = Message("reference.not_utf8", {"reason": exc.reason, "byte": exc.start})
            raise ReferenceDataError(path, problem) from exc
        except yaml.YAMLError as exc:
            raise ReferenceDataError(path, Message("reference.not_yaml", {"problem": exc})) from exc
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ReferenceDataError(path, Message("reference.not_json", {"problem": exc})) from exc


def read_user_file(path: Path, *, default_yaml: bool) -> object:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        why = exc.strerror or exc
        raise ReferenceDataError(path, Message("reference.unreadable", {"why": why})) from exc
    suffix = path.suffix.lower()
    yaml_format = suffix in (".yaml", ".yml") or (default_yaml and suffix != ".json")
    return _decode(data, path, yaml_format=yaml_format)


def read_resource(name: str) -> object:
    label = f"stdkit/data/{name}"
    try:
        data = resources.files("stdkit").joinpath("data").joinpath(name).read_bytes()
    except OSError as exc:  # a broken installation
        raise ReferenceDataError(label, Message("reference.unreadable_packaged", {"why": exc})) from exc
    return _decode(data, label, yaml_format=not name.endswith(".json"))


@dataclass(frozen=True, slots=True)
class Occupations:
    dataset: Dataset
    occupations: tuple[Occupation, ...]
    majors: dict[str, str]
    middles: dict[str, str]
    minors: dict[str, str]


@dataclass(frozen=True, slots=True)
class Notes:
    edition: str
    legacy: tuple[LegacyCode, ...]
    renames: tuple[Rename, ...]
    work_types: tuple[WorkType, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    dataset: Dataset
    items: tuple[Qualification, ...]


_ROW_KEYS: Final = ("code", "name", "flag")


def parse_occupations(raw: object, path: Path | str) -> Occupations:
    r = Reader(path)
    top = r.mapping(raw, "")
    if "occupations" not in top:
        r.fail("", "not_classification")
    edition = r.edition(top.get("edition"), "edition")
    title = r.opt_text(top.get("title"), "title") or f"职业分类大典（{edition}）"
    source = r.opt_text(top.get("source"), "source") or str(path)
    majors = r.names(top.get("major_categories"), "major_categories")
    middles = r.names(top.get("middle_categories"), "middle_categories")
    minors = r.names(top.get("minor_categories"), "minor_categories")
    columns = r.texts(top.get("columns"), "columns") or _ROW_KEYS
    if "code" not in columns or "name" not in columns:
        r.fail("columns", "columns")

    seen: set[str] = set()
    out: list[Occupation] = []
    for i, row in enumerate(r.list(top["occupations"], "occupations")):
        where = f"occupations[{i}]"
        if isinstance(row, list):
            if len(row) != len(columns):
                r.fail(where, "row_values", count=len(columns), columns=", ".join(columns), got=len(row))
            fields: dict[str, Any] = dict(zip(columns, row, strict=True))
        else:
            fields = r.mapping(row, where)
        code = r.code(fields.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        if code in seen:
            r.fail(where, "duplicate_code")
        seen.add(code)
        name = r.text(fields.get("name"), f"{where}.name")
        flag = r.opt_text(fields.get("flag"), f"{where}.flag")
        major, middle, minor = code[:1], code[:4], code[:7]
        names: list[str] = []
        for level, key, table, field_name in (
            ("大类", major, majors, "major_name"),
            ("中类", middle, middles, "middle_name"),
            ("小类", minor, minors, "minor_name"),
        ):
            row_name = fields.get(field_name)
            if key not in table:
                if row_name is None:
                    r.fail(where, "no_group_name", level=level, key=key)
                table[key] = r.text(row_name, where)
            names.append(table[key])
        out.append(Occupation(code, name, flag, major, names[0], middle, names[1], minor, names[2], edition))
    if not out:
        r.fail("occupations", "empty")
    out.sort(key=lambda o: o.code)
    # `verified` is a flag, or {rows: flag, note: text, unverified: [text, ...]}
    verified = top.get("verified")
    notes: tuple[str, ...] = ()
    if isinstance(verified, dict):
        note = r.opt_text(verified.get("note"), "verified.note")
        notes = ((note,) if note else ()) + r.texts(verified.get("unverified"), "verified.unverified")
        verified = verified.get("rows")
    dataset = Dataset(
        title=title,
        edition=edition,
        source=source,
        verified=None if verified is None else r.flag(verified, "verified"),
        notes=notes,
        date=r.opt_text(top.get("date"), "date"),
        label=r.opt_text(top.get("label"), "label") or title,
        totals=MappingProxyType(
            {"major": len(majors), "middle": len(middles), "minor": len(minors), "occupations": len(out)}
        ),
    )
    return Occupations(dataset, tuple(out), majors, middles, minors)


def parse_notes(raw: object, path: Path | str) -> Notes:
    r = Reader(path)
    top = r.mapping(raw, "")
    edition = r.edition(top.get("edition"), "edition")
    legacy: list[LegacyCode] = []
    for i, row in enumerate(r.list(top.get("legacy_codes") or [], "legacy_codes")):
        where = f"legacy_codes[{i}]"
        m = r.mapping(row, where)
        successor = m.get("successor")
        legacy.append(
            LegacyCode(
                code=r.code(m.get("code"), f"{where}.code"),
                name=r.text(m.get("name"), f"{where}.name"),
                successor=None if successor is None else r.code(successor, f"{where}.successor"),
                note=r.opt_text(m.get("note") or None, f"{where}.note") or "",
                verified=r.flag(m.get("verified"), f"{where}.verified"),
                source=r.opt_text(m.get("source"), f"{where}.source") or "",
                candidates=r.codes(m.get("candidates"), f"{where}.candidates"),
            )
        )
    renames: list[Rename] = []
    for i, row in enumerate(r.list(top.get("renames") or [], "renames")):
        where = f"renames[{i}]"
        m = r.mapping(row, where)
        legacy_code = m.get("legacy_code")
        renames.append(
            Rename(
                code=r.code(m.get("code"), f"{where}.code"),
                name=r.text(m.get("name"), f"{where}.name"),
                earlier_name=r.text(m.get("earlier_name"), f"{where}.earlier_name"),
                legacy_code=None if legacy_code is None else r.code(legacy_code, f"{where}.legacy_code"),
                note=r.opt_text(m.get("note") or None, f"{where}.note") or "",
                verified=r.flag(m.get("verified"), f"{where}.verified"),
                source=r.opt_text(m.get("source"), f"{where}.source") or "",
            )
        )
    work_types = _work_types(r, top, "", edition)
    return Notes(edition, tuple(legacy), tuple(renames), tuple(work_types))


def parse_catalogue(raw: object, path: Path | str) -> Catalogue:
    r = Reader(path)
    top = r.mapping(raw, "")
    if "items" not in top:
        r.fail("", "not_catalogue")
    meta = r.mapping(top.get("meta"), "meta")
    verified = meta.get("verified")
    dataset = Dataset(
        title=r.text(meta.get("title"), "meta.title"),
        edition=r.edition(meta.get("edition"), "meta.edition"),
        source=r.opt_text(meta.get("source"), "meta.source") or str(path),
        issuer=r.opt_text(meta.get("issuer"), "meta.issuer"),
        date=r.opt_text(meta.get("date"), "meta.date"),
        verified=None if verified is None else r.flag(verified, "meta.verified"),
        totals=MappingProxyType(r.totals(meta.get("totals"), "meta.totals")),
        notes=r.texts(meta.get("notes"), "meta.notes"),
    )
    items: list[Qualification] = []
    ids: set[str] = set()
    for i, row in enumerate(r.list(top["items"], "items")):
        where = f"items[{i}]"
        m = r.mapping(row, where)
        qid = r.text(m.get("id"), f"{where}.id")
        where = f"{where} ({qid})"
        if qid in ids:
            r.fail(where, "duplicate_id")
        ids.add(qid)
        group = m.get("group")
        if group not in _GROUPS:
            r.fail(
                f"{where}.group", "want_group", groups=", ".join(str(g) for g in _GROUPS), got=_kind(group)
            )
        raw_category = m.get("category")
        if not isinstance(raw_category, str | None) or raw_category not in _CATEGORY_WORDS:
            r.fail(f"{where}.category", "want_category", unverified=UNVERIFIED, got=_kind(raw_category))
        category = _CATEGORY_WORDS[raw_category]
        item_verified = False if m.get("verified") is None else r.flag(m["verified"], f"{where}.verified")
        dep_verified = m.get("departments_verified")
        items.append(
            Qualification(
                id=qid,
                name=r.text(m.get("name"), f"{where}.name"),
                group=group,
                category=category,
                departments=r.texts(m.get("departments"), f"{where}.departments"),
                related_occupations=r.codes(m.get("related_occupations"), f"{where}.related_occupations"),
                aliases=r.texts(m.get("aliases"), f"{where}.aliases"),
                verified=item_verified,
                departments_verified=item_verified
                and (dep_verified is None or r.flag(dep_verified, f"{where}.departments_verified")),
                category_note=r.opt_text(m.get("category_note"), f"{where}.category_note"),
                note=r.opt_text(m.get("note"), f"{where}.note"),
                category_verified=category != UNVERIFIED
                and r.flag(m.get("category_verified", item_verified), f"{where}.category_verified"),
                name_verified=r.flag(m.get("name_verified", True), f"{where}.name_verified"),
            )
        )
    return Catalogue(dataset, tuple(sorted(items, key=lambda q: q.id)))


def parse_release(
    raw: object, path: Path | str, minors: dict[str, str], majors: dict[str, str], middles: dict[str, str]
) -> Release:
    """A later release of the 大典; ``minors`` (and the other tables) name the parents of added occupations."""
    r = Reader(path)
    top = r.mapping(raw, "")
    if "added" not in top and "renamed" not in top and "removed" not in top:
        r.fail("", "not_release")
    rid = r.edition(top.get("id"), "id")
    when = r.opt_text(top.get("date"), "date")
    if when is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", when):
        r.fail("date", "want_date", got=_kind(top.get("date")))
    applies_to = r.edition(top.get("applies_to"), "applies_to")
    title = r.text(top.get("title"), "title")
    label = r.opt_text(top.get("label"), "label") or f"{when[:4]} 年发布的新职业信息"
    source = r.text(top.get("source"), "source")

    added: list[Occupation] = []
    unassigned: list[str] = []
    for i, row in enumerate(r.list(top.get("added") or [], "added")):
        where = f"added[{i}]"
        m = r.mapping(row, where)
        code = r.code(m.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        minor = code[:7]
        minor_name = minors.get(minor) or r.opt_text(m.get("minor_name"), f"{where}.minor_name")
        if minor_name is None or code[:4] not in middles or code[:1] not in majors:
            r.fail(where, "minor_missing", minor=minor)
        added.append(
            Occupation(
                code,
                r.text(m.get("name"), f"{where}.name"),
                r.opt_text(m.get("flag"), f"{where}.flag"),
                code[:1],
                majors[code[:1]],
                code[:4],
                middles[code[:4]],
                minor,
                minor_name,
                rid,
            )
        )
        r.flag(m.get("verified", True), f"{where}.verified")
        if not r.flag(m.get("release_verified", True), f"{where}.release_verified"):
            unassigned.append(code)
    renamed: list[Rename] = []
    for i, row in enumerate(r.list(top.get("renamed") or [], "renamed")):
        where = f"renamed[{i}]"
        m = r.mapping(row, where)
        code = r.code(m.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        renamed.append(
            Rename(
                code=code,
                name=r.text(m.get("name"), f"{where}.name"),
                earlier_name=r.text(m.get("earlier_name"), f"{where}.earlier_name"),
                legacy_code=None,
                note=r.opt_text(m.get("note"), f"{where}.note") or "",
                verified=r.flag(m.get("verified", True), f"{where}.verified"),
                source=r.opt_text(m.get("source"), f"{where}.source") or source,
                release=rid,
            )
        )
    removed: list[LegacyCode] = []
    for i, row in enumerate(r.list(top.get("removed") or [], "removed")):
        where = f"removed[{i}]"
        m = r.mapping(row, where)
        code = r.code(m.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        successor = m.get("successor")
        removed.append(
            LegacyCode(
                code=code,
                name=r.text(m.get("name"), f"{where}.name"),
                successor=None if successor is None else r.code(successor, f"{where}.successor"),
                note=r.opt_text(m.get("note"), f"{where}.note") or "",
                verified=r.flag(m.get("verified", True), f"{where}.verified"),
                source=r.opt_text(m.get("source"), f"{where}.source") or source,
                candidates=r.codes(m.get("candidates"), f"{where}.candidates"),
            )
        )
    work_types = _work_types(r, top, source, rid)
    return Release(
        id=rid, applies_to=applies_to, date=when, title=title, label=label, source=source, path=str(path),
        added=tuple(added), renamed=tuple(renamed), removed=tuple(removed), work_types=tuple(work_types),
        unassigned=tuple(unassigned), notes=r.texts(top.get("notes"), "notes"),
    )  # fmt: skip


def _work_types(r: Reader, top: dict[str, object], source: str, release: str) -> list[WorkType]:
    """``work_types`` rows (occupation, name, code or null, source, verified) of a release or of the notes."""
    work_types: list[WorkType] = []
    for i, row in enumerate(r.list(top.get("work_types") or [], "work_types")):
        where = f"work_types[{i}]"
        m = r.mapping(row, where)
        occupation = r.code(m.get("occupation"), f"{where}.occupation")
        wt_code = r.opt_text(m.get("code"), f"{where}.code")
        if wt_code is not None and not (
            _WORK_TYPE_CODE.fullmatch(wt_code) and wt_code.startswith(occupation)
        ):
            r.fail(f"{where}.code", "bad_work_type", code=repr(wt_code), occupation=occupation)
        work_types.append(
            WorkType(
                occupation,
                r.text(m.get("name"), f"{where}.name"),
                wt_code,
                r.opt_text(m.get("source"), f"{where}.source") or source,
                r.flag(m.get("verified", True), f"{where}.verified"),
                release,
            )
        )
    return work_types
