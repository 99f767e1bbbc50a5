"""Facts: the compact record of one document that the collection rules need, and nothing more.

Why: at national scale (10,000 documents) holding every model with its full source map costs
gigabytes, and re-parsing unchanged files costs most of a run. The per-document stage turns a file
into its diagnostics and a :class:`Facts` (header fields, the occupation, the handful of source
positions the collection rules point at, and the overlap rules' shingle hashes and LSH bands); the
cache (:mod:`stdkit.run.cache`) stores it as plain msgpack data, and :func:`light_entry` turns it back
into a :class:`~stdkit.collection.HeadEntry` whose ``document`` is a header-only model (built with
``model_construct``: no validation; the body fields are absent, except ``work_types`` and the keys of
``work`` (each level maps to no functions) which OVL701 and WTY908 read) and whose source map holds only those
positions. So the collection rules (catalogue, references, overlap) read the same
:class:`~stdkit.collection.AnyEntry` API whether the run holds full documents or facts. A light entry never
reaches the site or the blueprints: they take whole entries (:class:`~stdkit.collection.Entry`), so passing
a header-only collection there is a type error, and ``pipeline`` loads full documents for those.
This module never reads a file and never mutates a document.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from stdkit import sketch
from stdkit.checks import FACTS_VERSION, coverage, overlap
from stdkit.collection import AnyEntry, HeadEntry, levelled, special
from stdkit.ladder import Level
from stdkit.load import Path_, Position, SourceMap, Suppression
from stdkit.model import MODELS, Document, EvaluationSpec, Kind, Status
from stdkit.model.common import PartialDate, Publication, QualificationLink, Relation
from stdkit.model.standard import Occupation, WorkType

#: Bumped (in :mod:`stdkit.checks`, which every cache key reads without importing this module) whenever the
#: record below changes shape or meaning.
VERSION = FACTS_VERSION

# the banding of each kind of text is the overlap rules' own parameter (where their thresholds live)
TITLE_BANDING = overlap.TITLE_BANDING
WORK_BANDING = overlap.WORK_BANDING
UNIT_BANDING = overlap.UNIT_BANDING


@dataclasses.dataclass(frozen=True, slots=True)
class Targets:
    """The 工作内容 of a levelled document, as the special-competency rule compares them.

    Column-wise (one array for all of a document's contents), because a national collection has hundreds
    of thousands of them and one object each would dominate a warm run's time and memory.
    """

    where: list[tuple[str, int, int]]  # (level, function index, content index)
    labels: list[str]  # "function / content", as printed in the message
    names: list[tuple[str, str]]  # function and content name, normalised
    offsets: npt.NDArray[np.uint32]  # hashes[offsets[i]:offsets[i + 1]] are content i's shingle hashes
    hashes: sketch.Hashes
    bands: sketch.Bands  # (contents, bands); a row of an empty content is never used
    present: npt.NDArray[np.bool_]  # False for a content without shingles

    def __len__(self) -> int:
        return len(self.where)

    def path(self, i: int) -> Path_:
        level, f_index, c_index = self.where[i]
        return ("work", level, f_index, "contents", c_index, "name")


def _targets(
    rows: list[tuple[Path_, str, tuple[str, str], list[str]]],
    values: sketch.Hashes,
    offsets: npt.NDArray[np.uint32],
    bands: sketch.Bands,
    present: npt.NDArray[np.bool_],
) -> Targets:
    """The rows' table; row ``i``'s shingle hashes are ``values[offsets[i]:offsets[i + 1]]``, its bands
    ``bands[i]``."""
    offsets = offsets[: len(rows) + 1]
    return Targets(
        [(str(where[1]), int(where[2]), int(where[4])) for where, *_ in rows],
        [label for _, label, _, _ in rows],
        [names for _, _, names, _ in rows],
        offsets - offsets[0],
        values[: offsets[-1]],
        bands[: len(rows)],
        present[: len(rows)],
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Unit:
    """A module (考核模块) of a special competency."""

    name: str
    hashes: sketch.Hashes
    bands: sketch.Bands | None


@dataclasses.dataclass(frozen=True, slots=True)
class Facts:
    header: dict[str, Any]  # kind, id, edition, title, status, issuer, issued, supersedes, basis, …
    positions: tuple[tuple[Path_, Position], ...]
    title_bands: sketch.Bands | None
    name_bands: sketch.Bands | None  # occupation name (levelled documents)
    #: shingle hashes of a levelled document's functions that have no 工作内容 (rare: its other work is in
    #: ``targets``); the body is those with every content's or module's (:meth:`body`)
    bare: sketch.Hashes
    body_size: int  # how many distinct shingle hashes the body has
    body_bands: sketch.Bands | None
    body_signature: sketch.Hashes | None  # its MinHash (WORK_BANDING's permutations); None when empty
    targets: Targets
    units: tuple[Unit, ...]
    #: coverage's :data:`~stdkit.checks.coverage.Table` of a levelled document, packed, when the worker that
    #: examined it was asked for it; never stored in the cache (a cached pair's coverage is kept instead)
    lines: bytes | None = dataclasses.field(default=None, compare=False, repr=False)

    def body(self) -> sketch.Hashes:
        """The shingle hashes of the work content (levelled) or the modules (special), sorted and distinct.

        Made when asked, not kept: the overlap rule scores only the few pairs whose signatures are alike,
        and a national collection's bodies would hold ≈ 120 MB beside the same hashes in ``targets``.
        """
        parts = [self.targets.hashes, self.bare, *(unit.hashes for unit in self.units)]
        return np.unique(np.concatenate(parts))


# ---------------------------------------------------------------------------------------- making


def _positions(document: Document, source: SourceMap) -> Iterator[Path_]:
    yield from [
        (),
        ("id",),
        ("edition",),
        ("title",),
        ("status",),
        ("supersedes",),
        ("basis",),
        ("qualification",),
    ]
    yield from [("qualification", "item"), ("occupation",), ("occupation", "code"), ("occupation", "name")]
    yield ("work",)
    yield ("units",)
    if isinstance(document, EvaluationSpec) and document.occupations is not None:
        yield ("occupations",)  # a rule across occupations: CAT60x point at each code it lists
        yield from (("occupations", index) for index, _ in enumerate(document.occupation_codes()))
    body = levelled(document)
    if body is not None:
        for w_index, _ in enumerate(body.work_types):
            yield from [
                ("work_types", w_index),
                ("work_types", w_index, "name"),
                ("work_types", w_index, "code"),
            ]
        for level, functions in body.work.items():
            for f_index, function in enumerate(functions):
                for c_index, _ in enumerate(function.contents):
                    yield ("work", level, f_index, "contents", c_index, "name")
    competency = special(document)
    if competency is not None:
        for u_index, _ in enumerate(competency.units):
            yield ("units", u_index, "name")
        for index, _ in enumerate(competency.related_occupations):
            yield ("related_occupations", index)


def of(document: Document, source: SourceMap, *, lines: bool = False) -> Facts:
    """The facts of a bound document (the per-document stage calls this once per file); with ``lines``,
    a levelled document's lines for coverage too."""
    header: dict[str, Any] = {
        "kind": str(document.KIND),
        "id": document.id,
        "edition": document.edition,
        "title": document.title,
        "status": str(document.status),
        "issuer": document.issuer_label,
        "issued": document.issued.isoformat() if document.issued else None,
        "supersedes": document.supersedes,
        "qualification": [document.qualification.item, str(document.qualification.relation)]
        if document.qualification
        else None,
        # which blueprints a build publishes (publish.selected) without the body
        "unfinished": document.unfinished(),
        # what the pages and outputs of the other editions read (the standing's 过渡期, 废止 dates)
        "publication": document.publication.model_dump(mode="json") if document.publication else None,
        "withdrawn": document.withdrawn.isoformat() if document.withdrawn else None,
    }
    positions = tuple(
        (path, position) for path in _positions(document, source) if (position := source.positions.get(path))
    )
    body = levelled(document)
    competency = special(document)
    rows: list[tuple[Path_, str, tuple[str, str], list[str]]] = []
    units: list[Unit] = []
    name_bands = None
    values, offsets = sketch.shingles([])
    if body is not None:
        header["classification_edition"] = document.classification_edition  # CAT605 as info (issue 23)
        occupation = body.occupation
        header["occupation"] = [occupation.code, occupation.name] if occupation is not None else None
        header["levels"] = [str(level) for level in body.levels]
        # OVL701 and WTY908 read the 工种 and which levels have common work (not the work itself)
        header["work_levels"] = [str(level) for level in body.work]
        header["work_types"] = [work_type.model_dump(mode="json") for work_type in body.work_types]
        if isinstance(document, EvaluationSpec):
            header["basis"] = document.basis
            header["occupations"] = document.occupations
        if occupation is not None:  # a rule across occupations has no name of its own to compare (OVL703)
            name_bands = sketch.bands(sketch.hashes(overlap.grams(occupation.name, 2)), *TITLE_BANDING)
        rows.extend(overlap.contents(body))
        # the work's shingles are its contents' (each holds its function's) and those of functions without contents
        bare_texts = [
            overlap.normal(f.function)
            for functions in body.work.values()
            for f in functions
            if not f.contents
        ]
        values, offsets = sketch.shingles([row[3] for row in rows] + [bare_texts])
    elif competency is not None:
        header["related_occupations"] = list(competency.related_occupations)
        header["region"] = competency.region
        values, offsets = sketch.shingles([overlap.unit_texts(unit) for unit in competency.units])
    # one MinHash pass over every group (contents and bare functions, or modules): a group's signature
    # gives its bands, and their column-wise minimum is the whole body's signature
    count, depth = sketch.BANDING[UNIT_BANDING]
    used = slice(count * depth)
    signatures, present = sketch.signatures_of_many(values, offsets, WORK_BANDING[1], used)
    bands = sketch.fold(signatures, present, *UNIT_BANDING)
    distinct = np.unique(values)
    rows_end = int(offsets[len(rows)]) if body is not None else len(values)
    bare = values[rows_end:] if body is not None else values[:0]
    signed = None
    if len(distinct):  # the permutations the bands did not use are taken over the body's distinct hashes
        unused = slice(count * depth, None)
        rest = sketch.signatures_of_many(distinct, np.array([0, len(distinct)]), WORK_BANDING[1], unused)[0][
            0
        ]
        signed = np.concatenate([signatures[present].min(axis=0), rest])
    if competency is not None:
        for index, unit in enumerate(competency.units):
            own = values[offsets[index] : offsets[index + 1]]
            units.append(Unit(unit.name, own, bands[index] if present[index] else None))
    return Facts(
        header,
        positions,
        sketch.bands(sketch.hashes(overlap.grams(document.title, 2)), *TITLE_BANDING),
        name_bands,
        np.array(bare, dtype=np.uint32),
        len(distinct),
        sketch.bands_of(signed, *WORK_BANDING) if signed is not None else None,
        signed,
        _targets(rows, values, offsets, bands, present),
        tuple(units),
        coverage.pack_table(body, source) if lines and body is not None else None,
    )


# ---------------------------------------------------------------------------------------- entries


def skeleton(header: dict[str, Any]) -> Document:
    """A header-only model of the document's kind: what the collection rules read, unvalidated."""
    kind = Kind(header["kind"])
    fields: dict[str, Any] = {
        "kind": str(kind),
        "id": header["id"],
        "edition": header["edition"],
        "title": header["title"],
        "status": Status(header["status"]),
        "issuer": header["issuer"],
        "issued": PartialDate(header["issued"]) if header["issued"] else None,
        "supersedes": header["supersedes"],
        "qualification": None,
        "classification_edition": header.get("classification_edition"),
        "publication": Publication.model_validate(header["publication"]) if header["publication"] else None,
        "withdrawn": datetime.date.fromisoformat(header["withdrawn"]) if header["withdrawn"] else None,
    }
    if header["qualification"] is not None:
        item, relation = header["qualification"]
        fields["qualification"] = _construct(
            QualificationLink, {"item": item, "relation": Relation(relation), "note": None}
        )
    if "occupation" in header:
        if header["occupation"] is not None:
            code, name = header["occupation"]
            fields["occupation"] = _construct(
                Occupation, {"code": code, "name": name, "definition": None, "isco": None}
            )
        fields["levels"] = [Level(level) for level in header["levels"]]
        # the levels that have common work, each with no functions: only the keys are facts
        fields["work"] = {Level(level): [] for level in header["work_levels"]}
        fields["work_types"] = [WorkType.model_validate(item) for item in header["work_types"]]
    if kind is Kind.EVALUATION_SPEC:
        fields["basis"] = header.get("basis")
        fields["occupations"] = header.get("occupations")
    if kind is Kind.SPECIAL_COMPETENCY:
        fields["related_occupations"] = list(header["related_occupations"])
        fields["region"] = header.get("region")
    made = _construct(MODELS[kind], fields)
    made._unfinished = tuple(header["unfinished"])
    return made


def _construct(model: type[_M], fields: dict[str, Any]) -> _M:
    """``model.model_construct(**fields)`` with the other fields' defaults filled in here.

    pydantic works out afresh, for every default of every construction, whether its factory takes the
    validated data (an ``inspect.signature`` each): 6 s for the 10,000 skeletons of a national collection.
    The defaults are made once per model instead and copied (a container must not be shared).
    """
    return model.model_construct(
        **{**{name: copy.copy(value) for name, value in _defaults(model).items()}, **fields}
    )


_M = TypeVar("_M", bound=BaseModel)
_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {
            name: field.get_default(call_default_factory=True, validated_data={})
            for name, field in model.model_fields.items()
            if not field.is_required()
        }
    return _DEFAULTS[model]


@dataclasses.dataclass(frozen=True, slots=True)
class Light:
    """What the per-document stage hands back for a valid document: enough to rebuild a light entry."""

    path: str
    sha256: str
    suppressions: tuple[Suppression, ...]
    facts: Facts


def light_entry(light: Light, file: Path) -> HeadEntry:
    return HeadEntry(
        light.path,
        file,
        skeleton(light.facts.header),
        SourceMap(dict(light.facts.positions)),
        light.sha256,
        light.suppressions,
        facts=light.facts,
    )


def of_entry(entry: AnyEntry) -> Facts:
    """An entry's facts: stored on a light entry, computed for a full one."""
    return entry.facts if isinstance(entry.facts, Facts) else of(entry.document, entry.source)


def compares_bodies(path: Path_) -> bool:
    """A position only the rules that compare bodies (OVL704–706, COV901) read: under ``work`` or ``units``."""
    return bool(path) and path[0] in ("work", "units")


def head(path: str, facts: Facts) -> list[Any]:
    """What every collection rule other than those that compare bodies reads of a document: its path, header,
    title and occupation name bands, and every position not under ``work`` or ``units``."""
    kept = [
        [list(where), *_pos(position)] for where, position in facts.positions if not compares_bodies(where)
    ]
    return [path, facts.header, kept, _arr(facts.title_bands), _arr(facts.name_bands)]


def packed_head(path: str, facts: Facts) -> bytes:
    packed: bytes = msgpack.packb(head(path, facts), use_bin_type=True)
    return packed


def digest(packed: bytes) -> bytes:
    """The 16 bytes by which the incremental run's base compares packed facts of two states."""
    return hashlib.blake2b(packed, digest_size=16).digest()


def header_digest(path: str, facts: Facts) -> bytes:
    """The digest of :func:`head`: two states of a document with the same digest give the rules that read
    headers the same findings (:mod:`stdkit.run.delta` relies on it)."""
    return digest(packed_head(path, facts))


def head_entry(row: Any, file: Path) -> HeadEntry:
    """A light entry from a :func:`head`, for the rules that read headers only: it has no body (no shingles,
    bands or 工作内容) and no checksum. Raises (TypeError, ValueError …) on a malformed head."""
    path, header, kept, title_bands, name_bands = row
    positions = tuple((tuple(p[0]), Position(int(p[1]), int(p[2]), int(p[3]), int(p[4]))) for p in kept)
    count, _ = sketch.BANDING[UNIT_BANDING]
    nothing = np.zeros(0, dtype=np.uint32)
    bodiless = Facts(
        dict(header),
        positions,
        _u64(title_bands),
        _u64(name_bands),
        nothing,
        0,
        None,
        None,
        _targets(
            [],
            nothing,
            np.zeros(1, dtype=np.uint32),
            np.zeros((0, count), dtype=np.uint64),
            np.zeros(0, dtype=bool),
        ),
        (),
    )
    return HeadEntry(
        str(path), file, skeleton(bodiless.header), SourceMap(dict(positions)), "", facts=bodiless
    )


#: Header fields that no rule comparing bodies reads (their findings name a document by ref and path).
HEADER_ONLY = frozenset({"title", "issuer", "qualification", "classification_edition"})


def body_context(facts: Facts) -> bytes:
    """What the rules that compare bodies (OVL704–706, COV901) read of a document's header: its kind, ids,
    editions and dates, status, basis, levels … A header edit that keeps it leaves them comparing the same
    documents; one that changes it makes :mod:`stdkit.run.delta` work out again which specs compare with which
    basis."""
    kept = {key: value for key, value in facts.header.items() if key not in HEADER_ONLY}
    return digest(msgpack.packb(kept, use_bin_type=True))


# ---------------------------------------------------------------------------------------- msgpack


def _arr(values: np.ndarray[Any, Any] | None) -> bytes | None:
    return None if values is None else values.tobytes()


def _u32(data: bytes) -> sketch.Hashes:
    return np.frombuffer(data, dtype=np.uint32)


def _u64(data: bytes | None) -> sketch.Bands | None:
    return None if data is None else np.frombuffer(data, dtype=np.uint64)


def _pos(position: Position) -> list[int]:
    return [position.line, position.col, position.key_line, position.key_col]


def dump(light: Light) -> dict[str, Any]:
    """Plain data (str, int, bytes, lists, dicts) for msgpack: nothing that executes on load."""
    f = light.facts
    return {
        "path": light.path,
        "sha256": light.sha256,
        "suppressions": [s.row() for s in light.suppressions],
        "header": f.header,
        "positions": [[list(path), *_pos(position)] for path, position in f.positions],
        "title_bands": _arr(f.title_bands),
        "name_bands": _arr(f.name_bands),
        "bare": f.bare.tobytes(),
        "body_size": f.body_size,
        "body_bands": _arr(f.body_bands),
        "body_signature": _arr(f.body_signature),
        "targets": [
            [list(w) for w in f.targets.where],
            f.targets.labels,
            [list(n) for n in f.targets.names],
            f.targets.offsets.tobytes(),
            f.targets.hashes.tobytes(),
            f.targets.bands.tobytes(),
            f.targets.present.tobytes(),
        ],
        "units": [[u.name, u.hashes.tobytes(), _arr(u.bands)] for u in f.units],
    }


#: Equal values of different records as one object: a national collection's records repeat the same
#: paths, 工作内容 places, function and content names thousands of times (documents of one occupation
#: share most of them), and one object each is most of a loaded collection's memory.
_SHARED: dict[Any, Any] = {}
_SHARED_MAX = 1 << 21


def _load_targets(t: list[Any]) -> Targets:
    count, _ = sketch.BANDING[UNIT_BANDING]
    shared = _SHARED.setdefault  # each value as the one equal object seen first
    where = [shared(w, w) for w in ((str(level), int(f), int(c)) for level, f, c in t[0])]
    bands = np.frombuffer(t[5], dtype=np.uint64).reshape(-1, count)
    present = np.frombuffer(t[6], dtype=bool)
    offsets = np.frombuffer(t[3], dtype=np.uint32)
    if not (len(where) == len(t[1]) == len(t[2]) == len(bands) == len(present) == len(offsets) - 1):
        raise ValueError("targets of different lengths")
    labels = [shared(label, label) for label in map(str, t[1])]
    names = [
        shared(n, n) for n in ((shared(a, a), shared(b, b)) for a, b in ((str(a), str(b)) for a, b in t[2]))
    ]
    return Targets(where, labels, names, offsets, _u32(t[4]), bands, present)


def load(data: dict[str, Any]) -> Light:
    """The inverse of :func:`dump`. Raises (KeyError, TypeError, ValueError) on a malformed record."""
    if (
        len(_SHARED) > _SHARED_MAX
    ):  # start again, so that a long-running `stdkit serve` does not grow for ever
        _SHARED.clear()
    shared = _SHARED.setdefault
    facts = Facts(
        dict(data["header"]),
        tuple(
            (shared(path, path), Position(int(p[1]), int(p[2]), int(p[3]), int(p[4])))
            for p in data["positions"]
            for path in (tuple(p[0]),)
        ),
        _u64(data["title_bands"]),
        _u64(data["name_bands"]),
        _u32(data["bare"]),
        int(data["body_size"]),
        _u64(data["body_bands"]),
        None if data["body_signature"] is None else _u32(data["body_signature"]),
        _load_targets(data["targets"]),
        tuple(Unit(str(u[0]), _u32(u[1]), _u64(u[2])) for u in data["units"]),
    )
    suppressions = tuple(Suppression.from_row(row) for row in data["suppressions"])
    return Light(str(data["path"]), str(data["sha256"]), suppressions, facts)
