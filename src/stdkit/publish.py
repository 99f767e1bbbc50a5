"""Writing outputs: blueprint JSON and 细目表 workbooks, the index, and the atomic swap of a folder.

The workbooks are laid out by :mod:`stdkit.workbook`; this module renders each document's files (on
every core), checks them, and writes the tree and its index. Rendering is deterministic (sorted keys,
fixed zip dates, no timestamps), so building twice gives the same bytes and exam systems can trust
the sha256 in the index. Every JSON file is validated against its model as it is written
(:func:`_checked`: the schemas are generated from the models), into a temporary folder beside the
target; only then does :func:`stdkit.output.replace_dir` swap it in. A failure leaves the published
folder exactly as it was.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel

from stdkit import blueprint as builder
from stdkit import comparison, crosswalks, editions, output, schemas
from stdkit.collection import Collection, Entry
from stdkit.interchange import case
from stdkit.messages import Localized, Message
from stdkit.model.blueprint import (
    SCHEMA_VERSION,
    Blueprint,
    CurrentOccupation,
    DocumentRef,
    Index,
    IndexEntry,
    LatestPointer,
    SchemaUrls,
    WorkTypeRef,
)
from stdkit.reference import ReferenceData
from stdkit.workbook import workbook

INDEX = "index.json"
LATEST = builder.LATEST


class PublishError(Localized):
    """The build produced output that does not validate; nothing was replaced."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = Message("publish.more", {"count": len(problems) - 20}) if len(problems) > 20 else ""
        super().__init__("publish.invalid", count=len(problems), shown=shown, more=more)


# -- rendering ----------------------------------------------------------------------------------


def dump(model: BaseModel) -> bytes:
    """Canonical JSON: sorted keys, raw UTF-8 (no \\u escapes), trailing newline, a record a line.

    A record (a 鉴定点, a plan cell, an index row, a lineage line, a list of codes) is an array of scalars,
    or an object whose fields are scalars, empty, or arrays or objects of scalars. It is written compact on
    one line; what holds records is indented by two spaces, so a diff still shows one changed line per
    changed record. Indenting every field was 30 % of a blueprint's bytes.
    """
    return orjson.dumps(_records(model.model_dump(mode="json", by_alias=True)), option=_INDENTED) + b"\n"


_INDENTED = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2


def _records(value: Any) -> Any:
    """``value`` with each record (see :func:`dump`) pre-written as one compact line (an ``orjson.Fragment``).

    Plain loops and ``type() is``: this runs over every 鉴定点 of every blueprint of a build.
    """
    kind = type(value)
    if kind is dict:
        for inner in value.values():
            if (type(inner) is dict or type(inner) is list) and not _scalars(inner):
                return {key: _records(inner) for key, inner in value.items()}
        return orjson.Fragment(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    if kind is list and value:
        for inner in value:
            if type(inner) is dict or type(inner) is list:
                return [_records(inner) for inner in value]
        return orjson.Fragment(orjson.dumps(value))
    return value


def _scalars(container: dict[str, Any] | list[Any]) -> bool:
    """Whether every member of ``container`` is a scalar (true of an empty one)."""
    members = container.values() if type(container) is dict else container
    return not any(type(v) is dict or type(v) is list for v in members)


# -- the blueprint tree -------------------------------------------------------------------------


def selected(entries: Iterable[Entry], include_drafts: bool) -> list[Entry]:
    """The documents whose blueprints are published: every issued edition (published, superseded or
    withdrawn: an edition stays at its URLs for as long as it exists), or every one for previews.

    A document that leaves out or marks provisional a section (:meth:`Header.unfinished`) is withheld
    unless this is a preview; there its blueprints say which sections are provisional.
    """
    chosen = [
        e
        for e in entries
        if include_drafts or (e.document.status in editions.ISSUED and not e.document.unfinished())
    ]
    return sorted(chosen, key=lambda e: (e.document.id, e.document.edition))


def withheld(entries: Iterable[Entry], include_drafts: bool) -> list[str]:
    """Published documents whose blueprints :func:`selected` leaves out (a section missing or provisional)."""
    if include_drafts:
        return []
    return sorted(
        f"{e.ref} ({', '.join(e.document.unfinished())})"
        for e in entries
        if e.document.status in editions.ISSUED and e.document.unfinished()
    )


def build_blueprints_into(
    collection: Collection[Entry],
    folder: Path,
    include_drafts: bool,
    only: Callable[[Entry], bool] | None = None,
) -> list[Path]:
    """Write every blueprint, workbook, CASE package and the index into ``folder`` (no swap).

    Raises :class:`PublishError` naming every file that fails validation (see :func:`_checked`);
    returns the paths written, relative to ``folder``, in a stable order. With ``only`` (a shard,
    :mod:`stdkit.shards`) just the documents it accepts are written, and the index lists just theirs;
    editions and successors are still those of the whole collection.
    """
    plan = Plan.of(collection, include_drafts, only)
    rendered = _render_all(plan.entries, collection.reference, plan.standing, plan.placement)
    made = [write_rendered(folder, entry, done) for entry, done in zip(plan.entries, rendered, strict=True)]
    return plan.finish(folder, made)


@dataclasses.dataclass(frozen=True)
class Plan:
    """What the blueprints of a collection need beside each document: which documents, their standing,
    the newest editions and where the CASE packages are published. Made from headers only (a light
    collection will do, see :mod:`stdkit.build`); each document is then rendered on its own
    (:meth:`write`) and the index and ``latest/`` pointers written from what that hands back
    (:meth:`finish`)."""

    entries: list[Entry]
    standing: dict[str, editions.Standing]
    newest: dict[str, Entry]
    placement: case.Placement
    basis: str
    include_drafts: bool

    @classmethod
    def of(
        cls, collection: Collection[Entry], include_drafts: bool, only: Callable[[Entry], bool] | None = None
    ) -> Plan:
        entries = selected(collection.entries, include_drafts)
        standing = editions.standing(collection.entries)
        newest = editions.newest(entries)
        placement = placement_in(collection, include_drafts)
        if only is not None:
            entries = [entry for entry in entries if only(entry)]
        return cls(entries, standing, newest, placement, collection.reference.basis, include_drafts)

    def write(
        self, folder: Path, entry: Entry, current: CurrentOccupation | None
    ) -> tuple[Written, dict[str, Blueprint]]:
        """One document's blueprints, workbooks and CASE package into ``folder`` (in a worker: ``entry`` is
        whole); what the index needs of them comes back, and the blueprints by level key (for what else the
        worker reads of them: its lines)."""
        made: dict[str, Blueprint] = {}
        rendered = _render(entry, self.basis, self.standing[entry.ref], self.placement, current, made)
        return write_rendered(folder, entry, rendered), made

    def finish(self, folder: Path, made: Iterable[Written]) -> list[Path]:
        """The ``latest/`` pointers and the index, from what each document's files were (in ``entries`` order);
        returns every path written below ``folder``. Raises :class:`PublishError` when a file fails its model."""
        written: list[Path] = []
        index: list[IndexEntry] = []
        problems: list[str] = []

        def put(relative: str, data: bytes) -> None:
            _put(folder, relative, data, written)

        for entry, done in zip(self.entries, made, strict=True):
            doc = entry.document
            now = self.standing[doc.ref]
            is_newest = doc.id in self.newest and self.newest[doc.id].ref == doc.ref
            written.extend(done.paths)
            for level in done.levels:
                problems.extend(f"{level.url}: {problem}" for problem in level.problems)
                latest_url = None
                if is_newest:
                    latest_url = builder.latest_url(entry, level.key)
                    pointer = dump(_pointer(level, latest_url, level.url))
                    problems.extend(f"{latest_url}: {p}" for p in _checked(LatestPointer, pointer))
                    put(latest_url, pointer)
                index.append(
                    IndexEntry(
                        url=level.url,
                        latest_url=latest_url,
                        xlsx_url=level.xlsx_url,
                        sha256=level.sha256,
                        xlsx_sha256=level.xlsx_sha256,
                        document=level.document,
                        level=level.level,
                        status=now.status,
                        superseded_by=now.superseded_by,
                        exam_until=now.exam_until.isoformat() if now.exam_until else None,
                        work_type=level.work_type,
                        case_url=done.case_url,
                        case_sha256=done.case_sha256,
                    )
                )
        data = dump(index_of(index, self.include_drafts))
        problems.extend(f"{INDEX}: {p}" for p in _checked(Index, data))
        put(INDEX, data)
        if problems:
            raise PublishError(problems)
        return written


def _put(folder: Path, relative: str, data: bytes, written: list[Path]) -> None:
    """``data`` written at ``folder / relative`` (its folders made), and ``relative`` noted in ``written``."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(Path(relative))


@dataclasses.dataclass(frozen=True, slots=True)
class Written:
    """One document's files as written: their paths, and for the index and pointers their hashes (no bytes)."""

    case_url: str
    case_sha256: str
    levels: tuple[_WrittenLevel, ...]
    paths: tuple[Path, ...]  # relative to the blueprints' folder, in the order written


@dataclasses.dataclass(frozen=True, slots=True)
class _WrittenLevel:
    key: str
    url: str
    xlsx_url: str
    sha256: str
    xlsx_sha256: str
    document: DocumentRef
    level: str
    work_type: WorkTypeRef | None
    problems: tuple[str, ...]


def write_rendered(folder: Path, entry: Entry, rendered: _Rendered) -> Written:
    """A document's rendered CASE package and levels written below ``folder``."""
    cfpackage, levels = rendered
    paths: list[Path] = []

    def put(relative: str, data: bytes) -> None:
        _put(folder, relative, data, paths)

    case_url = case_url_of(entry)
    put(case_url, cfpackage)
    made = []
    for level in levels:
        url = builder.url(entry, level.key)
        xlsx_url = builder.url(entry, level.key, "xlsx")
        put(url, level.data)
        put(xlsx_url, level.book)
        made.append(
            _WrittenLevel(
                level.key,
                url,
                xlsx_url,
                _sha256(level.data),
                _sha256(level.book),
                level.document,
                level.level,
                level.work_type,
                level.problems,
            )
        )
    return Written(case_url, _sha256(cfpackage), tuple(made), tuple(paths))


def index_of(rows: list[IndexEntry], include_drafts: bool) -> Index:
    """The index listing ``rows`` in their order, naming this version's published schemas."""

    def url(name: str) -> str:
        return posixpath.relpath(schemas.site_path(name), builder.ROOT)

    urls = SchemaUrls(
        blueprint=url("blueprint.schema.json"),
        index=url("blueprint-index.schema.json"),
        latest=url("blueprint-latest.schema.json"),
    )
    return Index(schema_version=SCHEMA_VERSION, schemas=urls, include_drafts=include_drafts, blueprints=rows)


def placement_in(collection: Collection[Entry], include_drafts: bool) -> case.Placement:
    """Where the collection's CASE packages are published (without an edition's standing: each adds its own),
    with the 新旧版本对照表 of its confirmed crosswalks (CASE associations, the workbooks' sheet)."""
    published = selected(collection.entries, include_drafts)
    return case.Placement(
        collection.config.site_url,
        published=case.targets(collection.entries, published),
        comparisons=comparisons_in(collection, collection.entries, include_drafts),
    )


def comparisons_in(
    collection: Collection[Entry], entries: Iterable[Entry], include_drafts: bool
) -> dict[str, comparison.Comparison]:
    """The 新旧版本对照表 of the collection's confirmed crosswalks (:func:`stdkit.comparison.of_collection`) among
    ``entries``: the editions a crosswalk names are read whole when the collection holds headers only
    (a build, :mod:`stdkit.build`), the others are not."""
    walks = crosswalks.confirmed(collection.config.root)
    named = {ref for walk in walks if walk.is_confirmed for ref in (walk.from_ref, walk.to_ref)}
    chosen = [_whole(collection, entry) if entry.ref in named else entry for entry in entries]
    return comparison.of_collection(chosen, walks, include_drafts)


def _whole(collection: Collection[Entry], entry: Entry) -> Entry:
    found = collection.complete(entry)
    return found if isinstance(found, Entry) else entry


def case_url_of(entry: Entry) -> str:
    """Where the document's CASE package lives below the blueprints' root: beside its levels' blueprints."""
    return case.path_of(entry.ref)


#: Below this many documents the pool's start-up costs more than it saves.
POOL_MIN = 40


@dataclasses.dataclass(frozen=True, slots=True)
class _Level:
    """One level as a worker hands it back: the bytes, and the few facts the index and pointer need.

    Not the :class:`Blueprint` itself: pickling whole models back to the parent cost more than
    rendering them.
    """

    key: str  # the level key of the URL (L3, or 001/L3 for a 工种)
    data: bytes  # the blueprint JSON
    book: bytes  # the 细目表 workbook
    document: DocumentRef
    level: str  # the ladder id
    work_type: WorkTypeRef | None
    problems: tuple[str, ...]  # where the blueprint fails its model (see _checked); normally none


_Rendered = tuple[bytes, list[_Level]]  # (CASE package, levels) of one document


def published_blueprint(
    entry: Entry,
    key: str,
    basis: str,
    standing: editions.Standing,
    current: CurrentOccupation | None = None,
) -> Blueprint:
    """The blueprint of ``entry`` at ``key`` as publishing writes it: naming the 大典 state (``basis``), the
    current code and name of an earlier printed one (``current``, :func:`stdkit.blueprint.current_of`) and
    the edition's standing in the collection."""
    return builder.placed(builder.classified(builder.build(entry, key), basis, current), standing)


def _render(
    entry: Entry,
    basis: str,
    standing: editions.Standing,
    placement: case.Placement,
    current: CurrentOccupation | None,
    made: dict[str, Blueprint] | None = None,
) -> _Rendered:
    """Everything one document publishes (in a worker): blueprints, checked; workbooks (each level's with the
    新旧版本对照表 of the crosswalk into this edition, where one is confirmed); CASE package. Each level is
    built once: the CASE package reads the same blueprints; they are left in ``made`` (level key → blueprint)
    for the caller."""
    out = []
    into = placement.comparisons.get(entry.ref)
    built = made if made is not None else {}
    for key in builder.levels_of(entry):
        level = built[key] = published_blueprint(entry, key, basis, standing, current)
        data = dump(level)
        problems = tuple(_checked(Blueprint, data))
        book = workbook(level, into)
        out.append(_Level(key, data, book, level.document, level.level.id, level.work_type, problems))
    return case.dump(entry, dataclasses.replace(placement, standing=standing), built), out


def _checked(model: type[BaseModel], data: bytes) -> list[str]:
    """Where written JSON fails the model it was dumped from, as text (an empty list: it is valid).

    Why this guarantees that every published file validates against its JSON Schema: the schemas
    under schema/ are generated from these same pydantic models (a test keeps them in sync), and a
    model's own validation is at least as strict as the strict variant of its generated schema (types,
    patterns, closed shapes, literals; validators add to them), which the published one relaxes. A
    model built with ``model_copy`` or ``model_construct`` skips validation, so the round trip through
    ``model_validate_json`` of the very bytes written is what catches a bug there, at a small fraction
    of jsonschema's cost (which re-validated every file of the tree: 21 s for 300 documents). The tests
    still validate every blueprint of the samples and of a generated corpus with jsonschema against
    the strict variants.
    """
    from pydantic import ValidationError

    try:
        model.model_validate_json(data)
    except ValidationError as error:
        return [
            f"{'/'.join(str(p) for p in problem['loc']) or '(root)'}: {problem['msg']}"
            for problem in error.errors(include_url=False)
        ]
    return []


def _render_all(
    entries: list[Entry],
    reference: ReferenceData,
    standing: dict[str, editions.Standing],
    placement: case.Placement,
) -> Iterator[_Rendered]:
    """Every document's blueprints and workbooks, in ``entries`` order, on every core (:mod:`stdkit.pool`)."""
    from stdkit.pool import forked_map

    basis = reference.basis
    current = {entry.ref: builder.current_of(reference, entry) for entry in entries}
    return forked_map(
        lambda entry: _render(entry, basis, standing[entry.ref], placement, current[entry.ref]),
        entries,
        minimum=POOL_MIN,
        chunksize=8,
    )


def _pointer(written: _WrittenLevel, at: str, url: str) -> LatestPointer:
    """The ``latest/`` file at ``at`` for the blueprint written at ``url`` (both relative to the root)."""
    here = posixpath.dirname(at)
    return LatestPointer(
        schema_version=SCHEMA_VERSION,
        latest=True,
        document=written.document.ref,
        level=written.level,
        url=posixpath.relpath(url, here),
        sha256=written.sha256,
        xlsx_url=posixpath.relpath(posixpath.splitext(url)[0] + ".xlsx", here),
        xlsx_sha256=written.xlsx_sha256,
        work_type=written.work_type,
    )


def is_pointer(relative: str) -> bool:
    """Whether a path below the blueprint root is a ``latest/`` pointer (not a blueprint)."""
    return LATEST in relative.split("/")[1:-1]


def write_blueprints(collection: Collection[Entry], out_dir: Path, include_drafts: bool) -> list[Path]:
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
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schemas.loaded(name, strict=True))


def validate_tree(folder: Path) -> list[str]:
    """Every blueprint JSON under ``folder`` and its index.json against the strict variant of their JSON
    Schemas (:mod:`stdkit.schemas`); problems as text.

    The full, independent check with jsonschema (tests and tools use it); the build itself relies
    on :func:`_checked`, which gives the same guarantee for a small fraction of the time.
    """
    blueprint_schema = _validator("blueprint.schema.json")
    index_schema = _validator("blueprint-index.schema.json")
    pointer_schema = _validator("blueprint-latest.schema.json")
    problems: list[str] = []
    for path in sorted(folder.rglob("*.json")):
        relative = path.relative_to(folder).as_posix()
        try:
            data = orjson.loads(path.read_bytes())
        except orjson.JSONDecodeError as exc:
            problems.append(f"{relative}: not JSON: {exc}")
            continue
        if path.name == case.FILE_NAME:
            continue  # a CASE package, not a blueprint: its schema is 1EdTech's (the tests validate it)
        validator = (
            index_schema
            if relative == INDEX
            else pointer_schema
            if is_pointer(relative)
            else blueprint_schema
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            problems.append(f"{relative}: {where}: {error.message}")
    if not (folder / INDEX).exists():
        problems.append(f"{INDEX}: missing")
    return problems
