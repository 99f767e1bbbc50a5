"""Reference data: the occupation classification (职业分类大典 2022) and the 国家职业资格目录 (2021).

Three files ship in ``stdkit/data``:

``occupations_2022.json``
    every 细类 of the 大典 2022 (code, name, 数字/绿色 flag) with the names of its 大类/中类/小类;
``occupation_notes.yaml``
    codes that pre-2022 standards use and whose meaning changed (育婴员 4-10-01-02, 网约配送员 4-02-07-10),
    and 2022 occupations known by an earlier name (公共营养师 → 营养师);
``qualification_catalogue_2021.yaml``
    the catalogue items with category (准入类/水平评价类), departments and related occupations.

Every fact keeps the ``verified`` flag of its source: an unverified row is never presented as verified.

A collection may point stdkit at a newer edition of either the occupations or the catalogue file
(:func:`load_reference`). A file in the wrong shape is a broken environment, not a finding in a document,
so it raises :class:`ReferenceDataError` naming the file and the offending entry. The occupation notes
describe the 2022 edition; they apply only when the occupations file is of the same edition.

Checks ask :meth:`ReferenceData.resolve` about "code X with name Y" and map the returned status to a
diagnostic; they never need to look at the notes themselves.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, NoReturn, TypeAlias

import orjson
import yaml

from stdkit.errors import SetupError

__all__ = [
    "Category",
    "Dataset",
    "Group",
    "LegacyCode",
    "Occupation",
    "Qualification",
    "ReferenceData",
    "ReferenceDataError",
    "Rename",
    "Resolution",
    "Status",
    "load_reference",
]

Status: TypeAlias = Literal["ok", "unknown", "legacy", "name-mismatch", "renamed"]
Group: TypeAlias = Literal["professional", "skill"]
Category: TypeAlias = Literal["准入类", "水平评价类", "unknown"]

OCCUPATIONS_FILE: Final = "occupations_2022.json"
NOTES_FILE: Final = "occupation_notes.yaml"
CATALOGUE_FILE: Final = "qualification_catalogue_2021.yaml"

#: Largest reference file accepted, in bytes (the shipped ones are about 100 KB).
MAX_BYTES: Final = 32 * 1024 * 1024

_CODE = re.compile(r"[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}")
_GROUPS: Final[tuple[Group, ...]] = ("professional", "skill")
_CATEGORIES: Final[tuple[Category, ...]] = ("准入类", "水平评价类", "unknown")
# libyaml's loader when PyYAML has it (stdkit.load insists on it); the pure-Python one is only slower.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Occupation:
    """A 细类 (occupation) of the 大典, with its 大类 (major), 中类 (middle) and 小类 (minor)."""

    code: str
    name: str
    flag: str | None  # "S" 数字职业, "L" 绿色职业, "L/S" both, None neither
    major: str
    major_name: str
    middle: str
    middle_name: str
    minor: str
    minor_name: str

    @property
    def digital(self) -> bool:
        """数字职业 (flag S)."""
        return self.flag is not None and "S" in self.flag

    @property
    def green(self) -> bool:
        """绿色职业 (flag L)."""
        return self.flag is not None and "L" in self.flag


@dataclass(frozen=True, slots=True)
class LegacyCode:
    """A pre-2022 code under its old name, and the 2022 code of the same occupation (None if unknown)."""

    code: str
    name: str
    successor: str | None
    note: str
    verified: bool
    source: str = ""


@dataclass(frozen=True, slots=True)
class Rename:
    """A 2022 occupation known by an earlier or other name (e.g. 4-14-02-01 营养师, formerly 公共营养师)."""

    code: str
    name: str
    earlier_name: str
    legacy_code: str | None
    note: str
    verified: bool
    source: str = ""


@dataclass(frozen=True, slots=True)
class Qualification:
    """An item of the 国家职业资格目录."""

    id: str
    name: str
    group: Group
    category: Category
    departments: tuple[str, ...]
    related_occupations: tuple[str, ...]
    aliases: tuple[str, ...]
    verified: bool
    departments_verified: bool = False
    category_note: str | None = None
    note: str | None = None

    @property
    def licensing(self) -> bool:
        """准入类: the qualification is required to practise."""
        return self.category == "准入类"


@dataclass(frozen=True)
class Dataset:
    """Which edition of a reference dataset is loaded, and where it comes from."""

    title: str
    edition: str
    source: str
    issuer: str | None = None
    date: str | None = None
    verified: bool | None = None
    totals: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the 大典 says about "code X with name Y" in a document.

    status
        ``ok``            the code is a 2022 code and the name (if given) is its 2022 name;
        ``renamed``       the code is a 2022 code and the name is a known earlier name of it;
        ``legacy``        a pre-2022 code: absent from 2022, or reused there for another occupation and the
                          document's name is the old one (4-02-07-10 网约配送员);
        ``name-mismatch`` the code is a 2022 code whose 2022 name is not the document's name;
        ``unknown``       neither a 2022 code nor a known pre-2022 code.
    occupation
        the 2022 occupation the document means: the one at the code (ok, renamed, name-mismatch) or its
        successor (legacy); None when unknown.
    successor
        the 2022 code to use instead, where one is known: the legacy code's successor, or (name-mismatch,
        unknown) the single 2022 occupation whose name or verified earlier name is the document's name.
        For ``renamed`` it is the code itself.
    expected_name
        the 2022 name the document should use (None when no 2022 occupation is known).
    legacy
        the note behind a ``legacy`` or ``renamed`` status, when there is one.
    verified
        whether the fact behind the status is verified in the source data (False e.g. for the inferred
        民航安全检查员 → 安检员); an unverified status should be worded as a suggestion.
    """

    status: Status
    occupation: Occupation | None
    successor: str | None
    expected_name: str | None
    legacy: LegacyCode | None = None
    verified: bool = True
    note: str = ""


class ReferenceDataError(SetupError):
    """A reference data file cannot be read or is not in the expected shape."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --------------------------------------------------------------------------------------------- parsing


def _norm(name: str) -> str:
    """Name key for matching: NFKC (full-width （） → ()), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


class _Reader:
    """Typed access to decoded JSON/YAML with errors that name the file and the entry."""

    def __init__(self, path: Path | str) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> NoReturn:
        raise ReferenceDataError(self.path, f"{where}: {message}" if where else message)

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping, got {_kind(value)}")
        for key in value:
            if not isinstance(key, str):
                self.fail(where, f"keys must be strings, got {key!r}")
        return value

    def list(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
        return value

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected a non-empty string, got {_kind(value)}")
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
            self.fail(where, f"expected true or false, got {_kind(value)}")
        return value

    def code(self, value: object, where: str) -> str:
        code = self.text(value, where)
        if not _CODE.fullmatch(code):
            self.fail(where, f"{code!r} is not an occupation code of the form X-XX-XX-XX (e.g. 6-31-01-03)")
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
                self.fail(f"{where}.{key}", f"expected a count, got {_kind(count)}")
            out[key] = count
        return out


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"the string {value[:40]!r}" if value.strip() else "an empty string"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _decode(data: bytes, path: Path | str, *, yaml_format: bool) -> object:
    if len(data) > MAX_BYTES:
        raise ReferenceDataError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if yaml_format:
        try:
            return yaml.load(data.decode("utf-8"), Loader=_YAML_LOADER)  # a safe loader (see _YAML_LOADER)
        except UnicodeDecodeError as exc:
            raise ReferenceDataError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except yaml.YAMLError as exc:
            raise ReferenceDataError(path, f"not valid YAML: {exc}") from exc
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ReferenceDataError(path, f"not valid JSON: {exc}") from exc


def _read_user_file(path: Path, *, default_yaml: bool) -> object:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReferenceDataError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    yaml_format = suffix in (".yaml", ".yml") or (default_yaml and suffix != ".json")
    return _decode(data, path, yaml_format=yaml_format)


def _read_resource(name: str) -> object:
    label = f"stdkit/data/{name}"
    try:
        data = resources.files("stdkit").joinpath("data").joinpath(name).read_bytes()
    except OSError as exc:  # a broken installation
        raise ReferenceDataError(label, f"cannot read the packaged file: {exc}") from exc
    return _decode(data, label, yaml_format=not name.endswith(".json"))


@dataclass(frozen=True, slots=True)
class _Occupations:
    dataset: Dataset
    occupations: tuple[Occupation, ...]
    majors: Mapping[str, str]
    middles: Mapping[str, str]
    minors: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Notes:
    edition: str
    legacy: tuple[LegacyCode, ...]
    renames: tuple[Rename, ...]


@dataclass(frozen=True, slots=True)
class _Catalogue:
    dataset: Dataset
    items: tuple[Qualification, ...]


_ROW_KEYS: Final = ("code", "name", "flag")


def _parse_occupations(raw: object, path: Path | str) -> _Occupations:
    r = _Reader(path)
    top = r.mapping(raw, "")
    if "occupations" not in top:
        r.fail("", "no 'occupations' list: this is not an occupation classification file")
    edition = r.edition(top.get("edition"), "edition")
    title = r.opt_text(top.get("title"), "title") or f"职业分类大典（{edition}）"
    source = r.opt_text(top.get("source"), "source") or str(path)
    majors = r.names(top.get("major_categories"), "major_categories")
    middles = r.names(top.get("middle_categories"), "middle_categories")
    minors = r.names(top.get("minor_categories"), "minor_categories")
    columns = r.texts(top.get("columns"), "columns") or _ROW_KEYS
    if "code" not in columns or "name" not in columns:
        r.fail("columns", "must name at least 'code' and 'name'")

    seen: set[str] = set()
    out: list[Occupation] = []
    for i, row in enumerate(r.list(top["occupations"], "occupations")):
        where = f"occupations[{i}]"
        if isinstance(row, list):
            if len(row) != len(columns):
                r.fail(where, f"expected {len(columns)} values ({', '.join(columns)}), got {len(row)}")
            fields: dict[str, Any] = dict(zip(columns, row, strict=True))
        else:
            fields = r.mapping(row, where)
        code = r.code(fields.get("code"), f"{where}.code")
        where = f"{where} ({code})"
        if code in seen:
            r.fail(where, "duplicate code")
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
                    r.fail(where, f"no name for its {level} {key}: add it to the {level} table")
                table[key] = r.text(row_name, where)
            names.append(table[key])
        out.append(Occupation(code, name, flag, major, names[0], middle, names[1], minor, names[2]))
    if not out:
        r.fail("occupations", "the list is empty")
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
        totals=MappingProxyType(
            {"major": len(majors), "middle": len(middles), "minor": len(minors), "occupations": len(out)}
        ),
    )
    return _Occupations(dataset, tuple(out), majors, middles, minors)


def _parse_notes(raw: object, path: Path | str) -> _Notes:
    r = _Reader(path)
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
    return _Notes(edition, tuple(legacy), tuple(renames))


def _parse_catalogue(raw: object, path: Path | str) -> _Catalogue:
    r = _Reader(path)
    top = r.mapping(raw, "")
    if "items" not in top:
        r.fail("", "no 'items' list: this is not a qualification catalogue file")
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
            r.fail(where, "duplicate id")
        ids.add(qid)
        group = m.get("group")
        if group not in _GROUPS:
            r.fail(f"{where}.group", f"expected one of {', '.join(_GROUPS)}, got {_kind(group)}")
        category = m.get("category", "unknown")
        if category not in _CATEGORIES:
            r.fail(
                f"{where}.category",
                f"expected one of {', '.join(_CATEGORIES)}, got {_kind(category)}; "
                "write unknown and keep an uncertain value in category_note",
            )
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
            )
        )
    return _Catalogue(dataset, tuple(sorted(items, key=lambda q: q.id)))


# --------------------------------------------------------------------------------------------- the API


def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key, value in pairs:
        bucket = out.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)
    return out


class ReferenceData:
    """The loaded reference datasets, indexed for the checks and the site. Immutable; share freely."""

    def __init__(self, occupations: _Occupations, notes: _Notes | None, catalogue: _Catalogue) -> None:
        self.occupations_edition: Final = occupations.dataset
        self.catalogue_edition: Final = catalogue.dataset
        self._occupations = occupations.occupations
        self._by_code = {o.code: o for o in occupations.occupations}
        self._majors = occupations.majors
        self._middles = occupations.middles
        self._minors = occupations.minors
        self._by_name: dict[str, list[Occupation]] = _index((_norm(o.name), o) for o in self._occupations)

        # Notes describe one edition of the 大典; entries that do not fit the loaded table are dropped.
        legacy: dict[str, LegacyCode] = {}
        renames: list[Rename] = []
        if notes is not None and notes.edition == occupations.dataset.edition:
            for lc in notes.legacy:
                current = self._by_code.get(lc.code)
                if lc.successor is not None and lc.successor not in self._by_code:
                    continue
                if current is not None and _norm(current.name) == _norm(lc.name):
                    continue
                legacy.setdefault(lc.code, lc)
            renames = [rn for rn in notes.renames if rn.code in self._by_code]
        self._legacy = legacy
        self._renames: dict[str, list[Rename]] = _index((rn.code, rn) for rn in renames)
        self._renamed_legacy: dict[tuple[str, str], LegacyCode] = {
            (rn.code, _norm(rn.earlier_name)): LegacyCode(
                rn.legacy_code, rn.earlier_name, rn.code, rn.note, rn.verified, rn.source
            )
            for rn in renames
            if rn.legacy_code is not None
        }
        # earlier names → 2022 occupations (renames, and legacy names whose successor is known)
        self._by_earlier_name: dict[str, list[tuple[Occupation, bool]]] = _index(
            [(_norm(rn.earlier_name), (self._by_code[rn.code], rn.verified)) for rn in renames]
            + [
                (_norm(lc.name), (self._by_code[lc.successor], lc.verified))
                for lc in legacy.values()
                if lc.successor is not None
            ]
        )

        self._qualifications = catalogue.items
        self._q_by_id = {q.id: q for q in catalogue.items}
        self._q_by_name: dict[str, list[Qualification]] = _index((_norm(q.name), q) for q in catalogue.items)
        self._q_by_alias: dict[str, list[Qualification]] = _index(
            (_norm(a), q) for q in catalogue.items for a in q.aliases
        )
        self._q_by_code: dict[str, list[Qualification]] = _index(
            (c, q) for q in catalogue.items for c in q.related_occupations
        )

    # ---- occupations

    @property
    def all_occupations(self) -> tuple[Occupation, ...]:
        """Every occupation, sorted by code."""
        return self._occupations

    def occupation(self, code: str) -> Occupation | None:
        """The occupation with this code in the loaded edition."""
        return self._by_code.get(code.strip())

    def occupations_named(self, name: str, *, include_unverified: bool = False) -> tuple[Occupation, ...]:
        """Occupations whose name, or a known earlier name (公共营养师 → 营养师), is ``name``; sorted by code.

        Earlier names whose mapping is unverified (民航安全检查员 → 安检员) count only with
        ``include_unverified``.
        """
        key = _norm(name)
        found = {o.code: o for o in self._by_name.get(key, ())}
        for occ, verified in self._by_earlier_name.get(key, ()):
            if verified or include_unverified:
                found.setdefault(occ.code, occ)
        return tuple(found[c] for c in sorted(found))

    def legacy(self, code: str, name: str | None = None) -> LegacyCode | None:
        """The pre-2022 meaning of ``code``, where it differs from the loaded edition.

        A code absent from the edition: its legacy entry, whatever ``name`` is. A code of the edition that was
        reused for another occupation (4-02-07-10): its entry only when ``name`` is the old name. A code whose
        occupation was renamed (4-14-02-01 公共营养师): its entry when ``name`` is None or the old name.
        """
        code = code.strip()
        if code not in self._by_code:
            return self._legacy.get(code)
        renamed = [lc for (c, _), lc in self._renamed_legacy.items() if c == code]
        if name is None:
            return renamed[0] if renamed else None
        key = _norm(name)
        reused = self._legacy.get(code)
        if reused is not None and _norm(reused.name) == key:
            return reused
        return self._renamed_legacy.get((code, key))

    def renamed(self, code: str) -> str | None:
        """A verified earlier name of this code's occupation (4-14-02-01 → 公共营养师), if one is known."""
        for rn in self._renames.get(code.strip(), ()):
            if rn.verified:
                return rn.earlier_name
        return None

    def renames(self, code: str) -> tuple[Rename, ...]:
        """Every known earlier name of this code's occupation, verified or not, with its source."""
        return tuple(self._renames.get(code.strip(), ()))

    def resolve(self, code: str, name: str | None) -> Resolution:
        """What the loaded edition says about a document's occupation ``code`` with ``name``.

        See :class:`Resolution` for the statuses; a checker maps each status to one diagnostic.
        """
        code = code.strip()
        key = _norm(name) if name and name.strip() else None
        occ = self._by_code.get(code)
        if occ is not None:
            return self._resolve_current(occ, key)
        legacy = self._legacy.get(code)
        if legacy is not None:
            # the old name confirms the successor; another name decides by itself
            if key is None or key == _norm(legacy.name):
                return self._legacy_resolution(legacy, legacy.successor)
            return self._legacy_resolution(legacy, self._named_code(key))
        return Resolution("unknown", None, self._named_code(key) if key else None, None)

    def _resolve_current(self, occ: Occupation, key: str | None) -> Resolution:
        """A code of the loaded edition, with the document's (normalised) name."""
        if key is None or key == _norm(occ.name):
            return Resolution("ok", occ, None, occ.name)
        reused = self._legacy.get(occ.code)
        if reused is not None and key == _norm(reused.name):
            return self._legacy_resolution(reused, reused.successor)
        for rn in self._renames.get(occ.code, ()):
            if key == _norm(rn.earlier_name):
                legacy = self._renamed_legacy.get((occ.code, key))
                return Resolution("renamed", occ, occ.code, occ.name, legacy, rn.verified, rn.note)
        hint = self._named_code(key)
        return Resolution("name-mismatch", occ, hint if hint != occ.code else None, occ.name)

    def _legacy_resolution(self, legacy: LegacyCode, successor: str | None) -> Resolution:
        occ = self._by_code.get(successor) if successor else None
        return Resolution(
            "legacy", occ, successor, occ.name if occ else None, legacy, legacy.verified, legacy.note
        )

    def _named_code(self, key: str) -> str | None:
        found = self.occupations_named(key)
        return found[0].code if len(found) == 1 else None

    def categories(self, *, include_minor: bool = False) -> dict[str, str]:
        """大类 code → name and 中类 code → name (and 小类 with ``include_minor``), sorted by code."""
        out = {**self._majors, **self._middles, **(self._minors if include_minor else {})}
        return dict(sorted(out.items()))

    # ---- qualification catalogue

    @property
    def all_qualifications(self) -> tuple[Qualification, ...]:
        """Every catalogue item, sorted by id."""
        return self._qualifications

    def qualification(self, key: str) -> Qualification | None:
        """A catalogue item by id, else by name, else by alias (sub-item / leaf name)."""
        key = key.strip()
        if key in self._q_by_id:
            return self._q_by_id[key]
        norm = _norm(key)
        for index in (self._q_by_name, self._q_by_alias):
            if norm in index:
                return index[norm][0]
        return None

    def qualifications_for(self, code: str | None, name: str | None) -> tuple[Qualification, ...]:
        """Catalogue items relevant to a document's occupation, sorted by id.

        First by related occupation code (a legacy or renamed code counts through its 2022 successor);
        if none, by name: an item whose name or alias is the document's name or the 2022 name of its
        occupation, else an item related to the occupations that carry that name.
        """
        found: dict[str, Qualification] = {}

        def add(items: Iterable[Qualification]) -> None:
            for q in items:
                found.setdefault(q.id, q)

        resolution = self.resolve(code, name) if code else None
        if code and resolution is not None:
            codes = [code.strip()]
            if resolution.status == "legacy":
                # a reused code (4-02-07-10 网约配送员) means another occupation in the loaded edition
                codes = [c for c in codes if c not in self._by_code]
                if resolution.successor:
                    codes.append(resolution.successor)
            for c in codes:
                add(self._q_by_code.get(c, ()))
        if not found:
            keys = {_norm(name)} if name and name.strip() else set()
            meant = resolution.occupation if resolution and resolution.status != "name-mismatch" else None
            if meant is not None:
                keys.add(_norm(meant.name))
            for k in sorted(keys):
                add(self._q_by_name.get(k, ()))
                add(self._q_by_alias.get(k, ()))
            if not found and name and name.strip():
                for occ in self.occupations_named(name):
                    add(self._q_by_code.get(occ.code, ()))
        return tuple(found[i] for i in sorted(found))


# --------------------------------------------------------------------------------------------- loading


@functools.cache
def _default_occupations() -> _Occupations:
    return _parse_occupations(_read_resource(OCCUPATIONS_FILE), f"stdkit/data/{OCCUPATIONS_FILE}")


@functools.cache
def _default_notes() -> _Notes:
    return _parse_notes(_read_resource(NOTES_FILE), f"stdkit/data/{NOTES_FILE}")


@functools.cache
def _default_catalogue() -> _Catalogue:
    return _parse_catalogue(_read_resource(CATALOGUE_FILE), f"stdkit/data/{CATALOGUE_FILE}")


@functools.cache
def _default_reference() -> ReferenceData:
    return ReferenceData(_default_occupations(), _default_notes(), _default_catalogue())


def _load_user(
    path: str | os.PathLike[str], parse: Callable[[object, Path | str], Any], *, default_yaml: bool
) -> Any:
    p = Path(path)
    return parse(_read_user_file(p, default_yaml=default_yaml), p)


def load_reference(
    occupations: str | os.PathLike[str] | None = None,
    catalogue: str | os.PathLike[str] | None = None,
) -> ReferenceData:
    """The reference data: the shipped editions, or a collection's own file for either dataset.

    ``occupations`` is a JSON (or ``.yaml``) file shaped like ``stdkit/data/occupations_2022.json``;
    ``catalogue`` a YAML (or ``.json``) file shaped like ``stdkit/data/qualification_catalogue_2021.yaml``.
    The shipped data is parsed once per process. Raises :class:`ReferenceDataError` for a file that cannot
    be read or is not in that shape.
    """
    if occupations is None and catalogue is None:
        return _default_reference()
    occ: _Occupations = (
        _default_occupations()
        if occupations is None
        else _load_user(occupations, _parse_occupations, default_yaml=False)
    )
    cat: _Catalogue = (
        _default_catalogue()
        if catalogue is None
        else _load_user(catalogue, _parse_catalogue, default_yaml=True)
    )
    return ReferenceData(occ, _default_notes(), cat)
