"""Releases: what a published edition said when the maintainers released the collection, to hold it to.

A release (``releases/NAME.json``, written by ``stdkit release NAME`` and committed) records for every
issued edition (published, superseded, withdrawn) its standing, its revision (the number of 勘误), the
sha256 of its source file, digests of its line table per scope and of its weights and assessment, and
the sha256 of each blueprint. It is small (well under a kilobyte a document) and needs no git to read:
the frozen-edition check (:mod:`stdkit.checks.frozen`) compares the collection with the newest release.

The *line table* of a document is every line a code names (``L5/1.1.2`` → its text and 重要程度), taken
from the blueprints (:mod:`stdkit.blueprint` owns the code grammar), grouped by *scope*: each blueprint
level key (``L5``, ``001/L3``, ``unit``) for its own lines, and ``basics`` for 基本要求 (基础知识 and
职业道德), which every level shares. Inserting a line moves the codes after it, so the scope's digest
changes; a 勘误 changes only texts, and undoing it (its ``to`` back to its ``from``) gives the released
digest again. Nothing here reads files except :func:`read` and :func:`newest`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:  # annotations: a run answered from the cache lists the releases without the model
    from stdkit.collection import Entry
    from stdkit.model.blueprint import Blueprint
    from stdkit.model.common import Erratum

#: The format of a release file (its own version, apart from the blueprints' contract).
FORMAT = "1.0"
FOLDER = "releases"
#: A release name: ``2026.12`` (year.month), or year.month.n for a second release in a month.
NAME_PATTERN = re.compile(r"^[0-9]{4}\.[0-9]{2}(\.[0-9]+)?$")
#: The scope of 基本要求 (basics and ethics lines, shared by every level).
BASICS = "basics"
WEIGHTS = "weights"
ASSESSMENT = "assessment"
_SHARED = ("basics/", "ethics/")

#: code (within the document, e.g. L5/1.1.2) → its text. Not its 重要程度: the blueprints print a default
#: where the author gave none, and a digest must change only when the document does.
Table = dict[str, str]


def line_tables(entry: Entry, made: Mapping[str, Blueprint] | None = None) -> dict[str, Table]:
    """scope → the lines of that scope, in document order (see the module docstring). ``made``: the
    document's blueprints by level key where the caller built them already (a build's worker)."""
    # imported here: a run without a release (and `validate`) never builds a blueprint
    from stdkit import blueprint

    prefix = entry.ref + "/"
    tables: dict[str, Table] = {}
    for key in blueprint.levels_of(entry):
        for code, text in _lines(
            made[key] if made is not None and key in made else blueprint.build(entry, key)
        ):
            if not code.startswith(prefix):
                continue
            local = code[len(prefix) :]
            scope = BASICS if local.startswith(_SHARED) else key
            tables.setdefault(scope, {})[local] = text
    return tables


def _lines(made: Blueprint) -> Iterator[tuple[str, str]]:
    """Every (code, text) of a blueprint: its sections' own 鉴定点 (inherited ones are the lower level's
    own) and its 评聘条件 — the two places a line with a code is kept (a test walks every field to hold
    this true)."""
    for component in made.components:
        for section in getattr(component, "sections", None) or ():
            for point in section.points:
                yield point.code, point.text
        for group in getattr(component, "groups", None) or ():
            for criterion in group.criteria:
                yield criterion.code, criterion.text


def undone(tables: Mapping[str, Table], errata: Sequence[Erratum]) -> dict[str, Table]:
    """``tables`` with ``errata`` undone, newest first: each changed line back to its ``from`` text.
    A change whose code is not in the table, or whose line does not read its ``to``, is left (the errata
    rules report it; the digests then differ)."""
    result = {scope: dict(table) for scope, table in tables.items()}
    for erratum in reversed(errata):
        for change in erratum.changes:
            for table in result.values():
                if table.get(change.code) == change.to:
                    table[change.code] = change.from_
    return result


def digest(value: Any) -> str:
    """A short digest (128 bits, hex) of a JSON-able value: enough to tell two versions apart."""
    return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def digests(entry: Entry, revision: int | None = None) -> dict[str, str]:
    """The digests a release records of ``entry``: one per scope of its line table, its weights and its
    assessment; at ``revision`` (the errata after it undone), or as it is now."""
    document = entry.document
    tables = line_tables(entry)
    if revision is not None:
        tables = undone(tables, document.errata[revision:])
    found = {scope: digest(list(table.items())) for scope, table in tables.items()}
    for name in (WEIGHTS, ASSESSMENT):
        part = getattr(document, name, None)
        if part is not None:  # as the author wrote it: a default stdkit fills in is not the document's
            found[name] = digest(part.model_dump(mode="json", by_alias=True, exclude_unset=True))
    return dict(sorted(found.items()))


@dataclasses.dataclass(frozen=True)
class Released:
    """One edition as a release recorded it."""

    ref: str
    path: str
    status: str
    revision: int
    sha256: str
    digests: dict[str, str]
    blueprints: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Release:
    name: str
    date: str
    previous: str | None
    documents: tuple[Released, ...]
    file: str  # as shown in diagnostics: releases/NAME.json
    text: str  # the file's text, to point at a document's row

    def by_ref(self) -> dict[str, Released]:
        return {d.ref: d for d in self.documents}

    def line_of(self, ref: str) -> int:
        """The line of ``ref``'s row in the file (1 when it cannot be found)."""
        at = self.text.find(orjson.dumps(ref).decode())
        return self.text.count("\n", 0, at) + 1 if at >= 0 else 1


def dumps(name: str, date: str, previous: str | None, documents: Sequence[Released]) -> bytes:
    """A release file's bytes: a document a line, so that a diff of two releases reads well."""
    head = orjson.dumps({"schema_version": FORMAT, "release": name, "date": date, "previous": previous})
    rows = ",\n".join(
        "  " + orjson.dumps(dataclasses.asdict(d), option=orjson.OPT_SORT_KEYS).decode() for d in documents
    )
    return head[:-1] + b',"documents":[\n' + rows.encode() + b"\n]}\n"


class ReleaseError(ValueError):
    """A release file that cannot be read (the message says where and why)."""


def read(file: Path, shown: str) -> Release:
    text = file.read_text(encoding="utf-8")
    try:
        data = orjson.loads(text)
        rows = data["documents"]
        documents = tuple(
            Released(
                ref=str(row["ref"]),
                path=str(row["path"]),
                status=str(row["status"]),
                revision=int(row["revision"]),
                sha256=str(row["sha256"]),
                digests={str(k): str(v) for k, v in row["digests"].items()},
                blueprints={str(k): str(v) for k, v in row["blueprints"].items()},
            )
            for row in rows
        )
        return Release(str(data["release"]), str(data["date"]), data.get("previous"), documents, shown, text)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReleaseError(f"{shown}: {exc}") from None


def names(root: Path) -> list[str]:
    """The releases of the collection at ``root``, oldest first (names sort by date)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    found = [p.stem for p in folder.glob("*.json") if NAME_PATTERN.match(p.stem) and p.is_file()]
    return sorted(found, key=lambda name: [int(part) for part in name.split(".")])


def files(root: Path) -> list[Path]:
    """Every release file of the collection at ``root``, oldest first."""
    return [root / FOLDER / f"{name}.json" for name in names(root)]


def newest(root: Path) -> tuple[str, Path] | None:
    """(shown path, file) of the newest release, or None when the collection has none."""
    found = names(root)
    if not found:
        return None
    shown = f"{FOLDER}/{found[-1]}.json"
    return shown, root / shown
