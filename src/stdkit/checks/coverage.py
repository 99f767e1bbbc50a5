"""Coverage (衔接): how much of its basis standard an evaluation spec (评价规范) covers, level by level.

Why: a 评价规范 that names a national standard as its ``basis`` is read as "this standard, adapted
to our posts"; if it silently leaves out a large part of the standard's skill and knowledge lines
at a level, its certificates certify less than the level's name promises. Reviewers need the
numbers and the lines: which lines of the basis the spec covers exactly or nearly (with the
similarity), which it omits, and which it adds.

Matching reuses the overlap matcher's normal form (:func:`stdkit.checks.overlap.normal`) and gram codes:
a basis line is covered by the spec line of the same kind (skill or knowledge) at the same level
(and 工种) whose character bigrams (function characters such as 的、和 left out) are most alike;
identical lines after normalisation score 100, and a line scoring at least :data:`NEAR` % counts as
covered (a slight rewording keeps most bigrams).
The work is linear in the number of specs (each is compared with its one basis).

A pure function of the collection; nothing here mutates a document. The warning's threshold is
the collection's ``[stdkit.coverage] max_omitted`` (percent, default 30).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information

from stdkit import editions, ladder, sketch
from stdkit.checks.incremental import Base, Kept
from stdkit.checks.overlap import normal
from stdkit.collection import AnyEntry, Collection, HeadEntry, levelled
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_, SourceMap
from stdkit.model import EvaluationSpec, LevelledBody, keys
from stdkit.pool import forked_map

#: A basis line counts as covered by a spec line at least this similar (percent, Jaccard of bigrams).
NEAR = 60
#: How many omitted lines a finding quotes.
QUOTED = 3

R_OMITTED = rule(
    "COV901",
    "coverage",
    Severity.WARNING,
    "An evaluation spec omits a large share of its basis standard's lines at a level.",
    "Add the omitted skill and knowledge lines of the basis (reworded if the post needs it), or explain in "
    "`notes:` why the level certifies less than the basis, or raise `[stdkit.coverage] max_omitted`.",
    bad="basis: 6-31-01-03@2018\nwork:\n  L3:   # keeps 5 of the basis's 12 L3 lines\n    - function: 电气设备装调维修",
    good="basis: 6-31-01-03@2018\nwork:\n  L3:   # covers 11 of 12 L3 lines, some reworded",
    detail="At {level} {spec} omits {omitted} of the {total} skill and knowledge lines of its basis {basis} "
    "({share} %, more than {limit} %); it covers {covered} ({near} of them reworded) and adds {added}. "
    "Omitted: {examples}.",
    zh=Wording(
        "评价规范在某一等级遗漏了其依据标准的大部分技能要求和相关知识要求。",
        "请补充所遗漏的依据标准条目（可结合岗位改写），或在 `notes:` 中说明该等级为何低于依据标准的要求，"
        "或调高 `[stdkit.coverage] max_omitted`。",
        "{spec} 在{level_zh}遗漏了依据标准 {basis} 的 {total} 条技能要求和相关知识要求中的 {omitted} 条"
        "（{share}%，超过 {limit}%）；覆盖 {covered} 条（其中改写 {near} 条），新增 {added} 条。"
        "遗漏条目：{examples}。",
    ),
)


@dataclasses.dataclass(frozen=True, slots=True)
class Line:
    """A skill or knowledge line of one level, with the function and 工作内容 it sits under."""

    kind: str  # skill | knowledge
    text: str
    function: str
    content: str


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A basis line and the spec line that covers it best (None when nothing comes near)."""

    basis: Line
    spec: Line | None
    similarity: int  # percent; 100 for the same line after normalisation


@dataclasses.dataclass(frozen=True)
class LevelCoverage:
    """One level (or 工种 at a level) of the spec against the same level of its basis."""

    key: str  # the blueprint key: L3, or 001/L3 for a 工种
    line: int  # where the level's key under `work:` is in the spec
    col: int
    matches: tuple[Match, ...]
    added: tuple[Line, ...]

    @property
    def covered(self) -> list[Match]:
        return [m for m in self.matches if m.similarity >= NEAR]

    @property
    def omitted(self) -> list[Line]:
        return [m.basis for m in self.matches if m.similarity < NEAR]

    @property
    def omitted_share(self) -> int:
        """Percent of the basis's lines omitted, rounded half up."""
        total = len(self.matches)
        return (200 * len(self.omitted) + total) // (2 * total) if total else 0


@dataclasses.dataclass(frozen=True)
class Coverage:
    spec: AnyEntry
    basis: AnyEntry
    levels: tuple[LevelCoverage, ...]


def basis_of(entries: Sequence[AnyEntry] | Collection, entry: AnyEntry) -> AnyEntry | None:
    """The document an evaluation spec names as ``basis`` (id@edition, or an id's newest edition), if
    it is among ``entries`` (a list, or the collection)."""
    document = entry.document
    if not isinstance(document, EvaluationSpec) or not document.basis:
        return None
    found = (
        entries.find(document.basis)
        if isinstance(entries, Collection)
        else editions.find(entries, document.basis)
    )
    return found if found is not None and levelled(found.document) is not None else None


def keep_lines_needed(collection: Collection) -> Collection:
    """The collection with the worker-packed lines of only the specs that have a basis in it and those
    bases (at national scale ≈ 1 in 7 documents); the rest would only hold memory until the run ends."""
    needed: set[str] = set()
    for entry in collection.entries:
        basis = basis_of(collection, entry)
        if basis is not None:
            needed.update((entry.path, basis.path))
    unneeded = {
        e.path for e in collection.entries if e.path not in needed and e.facts is not None and e.facts.lines
    }
    if not unneeded:
        return collection
    return collection.with_entries(
        dataclasses.replace(entry, facts=dataclasses.replace(entry.facts, lines=None))
        if entry.path in unneeded and entry.facts is not None
        else entry
        for entry in collection.entries
    )


def _line_values(document: LevelledBody, key: str) -> list[tuple[str, str, str, str]]:
    """The skill lines, then the knowledge lines, of one blueprint key's own level, in document order,
    as (kind, text, function, content) values (:class:`Line`'s fields; packing needs no objects)."""
    work_type, level = keys.split_key(key)
    body = document
    if work_type is not None:
        index = keys.work_type_of(document, work_type)
        if index is None:
            return []
        body = document.for_work_type(index)
    found: list[tuple[str, str, str, str]] = []
    functions = body.work.get(Level(level), [])
    for kind in ("skill", "knowledge"):
        for function in functions:
            for content in function.contents:
                lines = content.skills if kind == "skill" else content.knowledge
                found.extend([(kind, line.text, function.function, content.name) for line in lines])
    return found


def _where(document: LevelledBody, key: str) -> Path_:
    work_type, level = keys.split_key(key)
    if work_type is None:
        return ("work", level)
    return ("work_types", keys.work_type_of(document, work_type) or 0, "work", level)


#: Function characters (的、和、并、及、与、或) that rewordings add, drop or swap without changing what a
#: line requires; they are left out of the bigrams, so 「能测量并调整…的侧隙」 ≈ 「能测量和调整…侧隙」.
_FILLER = re.compile("[的和并及与或]")


@functools.lru_cache(maxsize=1 << 16)
def _plain(text: str) -> tuple[str, str]:
    """A line's normal form, and that without function characters (whose bigrams are compared); a spec
    repeats most of its basis's lines, and a basis is compared with each of its specs: each text once."""
    plain = normal(text)
    return plain, _FILLER.sub("", plain) or plain


def _scores(wanted: Sequence[Line], have: Sequence[Line]) -> Any:
    """The similarity of every basis line (rows) with every spec line (columns); -1 across kinds.

    100 for the same line after normalisation; otherwise the Jaccard similarity of the bigrams, at most
    99 (a line that differs only in function characters is reworded, not the same). All pairs at once:
    each bigram is an exact integer (:func:`stdkit.sketch.gram_codes`), the bigrams two lines share are
    one matrix product, and the ratio is the same float64 division and half-even rounding as Python's
    ``round(100 * a / b)``.
    """
    import numpy as np

    w_plains, w_texts = zip(*(_plain(line.text) for line in wanted), strict=True) if wanted else ((), ())
    h_plains, h_texts = zip(*(_plain(line.text) for line in have), strict=True) if have else ((), ())
    codes, counts = sketch.gram_codes([*w_texts, *h_texts], 2)
    vocabulary, columns = np.unique(codes, return_inverse=True)
    # float64 so that the product is BLAS's (numpy multiplies integer matrices in a plain loop, ≈ 20 ×
    # slower); counts of a few hundred bigrams are exact in float64, so nothing rounds differently
    incidence = np.zeros((len(wanted) + len(have), len(vocabulary)), np.float64)
    incidence[np.repeat(np.arange(len(counts)), counts), columns.reshape(-1)] = 1
    a, b = incidence[: len(wanted)], incidence[len(wanted) :]
    shared = a @ b.T
    union = a.sum(axis=1)[:, None] + b.sum(axis=1)[None, :] - shared
    similarity = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
    scores = np.minimum(99, np.rint(100 * similarity)).astype(np.int64)
    at: dict[str, list[int]] = {}
    for column, plain in enumerate(h_plains):
        at.setdefault(plain, []).append(column)
    for row, plain in enumerate(w_plains):
        if plain in at:
            scores[row, at[plain]] = 100
    kinds = np.array([line.kind == "skill" for line in wanted])[:, None]
    scores[kinds != np.array([line.kind == "skill" for line in have])[None, :]] = -1
    return scores


#: What coverage reads of one levelled document: per blueprint key (in :func:`stdkit.model.keys.keys_of`
#: order), where the key is written under ``work:`` and the key's lines.
Table = tuple[tuple[str, int, int, tuple[Line, ...]], ...]


def _rows(
    document: LevelledBody, source: SourceMap
) -> list[tuple[str, int, int, list[tuple[str, str, str, str]]]]:
    """A :data:`Table` as plain values (key, line, column, line values)."""
    return [
        (key, *source.key(_where(document, key)), _line_values(document, key))
        for key in keys.keys_of(document)
    ]


def table_of(document: LevelledBody, source: SourceMap) -> Table:
    return tuple(
        (key, line, col, tuple(Line(*values) for values in lines))
        for key, line, col, lines in _rows(document, source)
    )


def pack_table(document: LevelledBody, source: SourceMap) -> bytes:
    """:func:`table_of` as compressed msgpack (≈ 3 KB a document): what a worker hands back beside a
    light entry, so that a cold run compares specs with their bases without reading either again."""
    return zlib.compress(msgpack.packb(_rows(document, source), use_bin_type=True), 1)


def unpack_table(data: bytes) -> Table:
    """The inverse of :func:`pack_table` (the bytes never left this run: they are not stored)."""
    rows = msgpack.unpackb(zlib.decompress(data), raw=False)
    return tuple(
        (str(key), int(line), int(col), tuple(Line(*map(str, x)) for x in lines))
        for key, line, col, lines in rows
    )


def _table(collection: Collection | None, entry: AnyEntry) -> Table:
    if isinstance(entry, HeadEntry) and entry.facts is not None and entry.facts.lines is not None:
        return unpack_table(entry.facts.lines)
    if collection is not None:
        entry = collection.complete(entry)
    document = levelled(entry.document)
    assert document is not None  # basis_of and its callers keep to levelled documents
    return table_of(document, entry.source)


def compare(spec: AnyEntry, basis: AnyEntry) -> Coverage:
    """Every level the spec shares with its basis, line by line."""
    return Coverage(spec, basis, _levels(_table(None, spec), _table(None, basis)))


def _levels(spec: Table, basis: Table) -> tuple[LevelCoverage, ...]:
    """A basis line is matched with the spec line of its kind that scores highest (the first of equals);
    a spec line that comes near no basis line of its kind is added."""
    theirs = {key: lines for key, _, _, lines in basis}
    levels: list[LevelCoverage] = []
    for key, line_no, col, have in spec:
        level = keys.split_key(key)[1]
        other = key if key in theirs else level if level in theirs else None
        if other is None:
            continue
        wanted = theirs[other]
        if not wanted:
            continue
        scores = _scores(wanted, have)
        matches: list[Match] = []
        for row, line in enumerate(wanted):
            column = int(scores[row].argmax()) if have else 0
            best = int(scores[row, column]) if have else -1
            if best < NEAR:
                matches.append(Match(line, None, max(best, 0)))
            else:
                matches.append(Match(line, have[column], best))
        nearest = [int(value) for value in scores.max(axis=0)] if have else []
        added = tuple(line for line, value in zip(have, nearest, strict=True) if value < NEAR)
        levels.append(LevelCoverage(key, line_no, col, tuple(matches), added))
    return tuple(levels)


#: The name under which a run's :class:`~stdkit.run.report.Report` holds the analysis (``stdkit check
#: --format json`` and the site read it: :func:`of_report`).
ANALYSIS = "coverage"


def analyse(collection: Collection) -> list[Coverage]:
    """The coverage of every evaluation spec whose basis is a document of the collection, by path.

    A pair's result is a pure function of the two files' bytes and stdkit, so with the cache it is kept in
    ``.stdkit-cache/`` under those: an unchanged pair is neither read nor compared again.
    """
    pairs = [
        (entry, basis) for entry in collection.entries if (basis := basis_of(collection, entry)) is not None
    ]
    return compared(collection, pairs)


def analysed(collection: Collection) -> tuple[list[Diagnostic], list[Coverage]]:
    """COV901's findings and the analysis they come from (the run hands it to the report and the site)."""
    coverages = analyse(collection)
    limit = collection.config.coverage_max_omitted
    return [d for c in coverages for d in findings(c, limit)], coverages


def of_report(analyses: Mapping[str, Any]) -> list[Coverage]:
    """The analysis a run's report holds (:attr:`stdkit.run.report.Report.analyses`)."""
    found: list[Coverage] = analyses[ANALYSIS]
    return found


#: Below this many pairs to compare, the pool's start-up costs more than it saves.
POOL_MIN = 16


def compared(collection: Collection, pairs: Sequence[tuple[AnyEntry, AnyEntry]]) -> list[Coverage]:
    """The coverage of each (spec, basis) pair, by the spec's path: from the cache where the pair is kept."""
    store = collection.cache
    found: dict[str, Coverage] = {}
    todo: dict[str, list[tuple[AnyEntry, str | None]]] = {}  # basis path → its specs to compare (and keys)
    bases: dict[str, AnyEntry] = {}
    seen: dict[tuple[str, ...], Line] = {}
    for entry, basis in pairs:
        key = store.pair_key("coverage", entry, basis) if store is not None else None
        if key is not None and store is not None and (kept := store.derived(key)) is not None:
            try:
                found[entry.path] = Coverage(entry, basis, _levels_from(kept, seen))
                continue
            except (TypeError, ValueError, IndexError):
                pass  # a record of another shape: computed again and replaced below
        bases[basis.path] = basis
        todo.setdefault(basis.path, []).append((entry, key))

    def compare_all(path: str) -> list[list[Any]]:
        # a light entry's lines come from the worker that examined it; one restored from the cache has
        # none, and is read whole again (each basis once for all its specs, and let go before the next,
        # so a national collection is never held whole in memory)
        basis = _table(collection, bases[path])
        return [_levels_data(_levels(_table(collection, spec), basis)) for spec, _ in todo[path]]

    groups = sorted(todo)
    with store.storing(sum(map(len, todo.values()))) if store is not None else contextlib.nullcontext():
        for path, results in zip(groups, forked_map(compare_all, groups, minimum=POOL_MIN), strict=True):
            for (spec, key), data in zip(todo[path], results, strict=True):
                found[spec.path] = Coverage(spec, bases[path], _levels_from(data, seen))
                if key is not None and store is not None:
                    store.put_derived(key, data)
    return [found[path] for path in sorted(found)]


def _line_data(line: Line) -> list[str]:
    return [line.kind, line.text, line.function, line.content]


def _levels_data(levels: Sequence[LevelCoverage]) -> list[Any]:
    return [
        [
            level.key,
            level.line,
            level.col,
            [
                [_line_data(m.basis), None if m.spec is None else _line_data(m.spec), m.similarity]
                for m in level.matches
            ],
            [_line_data(line) for line in level.added],
        ]
        for level in levels
    ]


def _levels_from(data: Any, seen: dict[tuple[str, ...], Line] | None = None) -> tuple[LevelCoverage, ...]:
    """The inverse of :func:`_levels_data`; a wrong shape raises TypeError, ValueError or IndexError.

    ``seen`` shares equal lines between the results of one run: a basis's lines recur in the coverage of
    each of its specs, and its specs repeat most of them (at national scale a third of a million lines,
    which would otherwise each be an object of their own).
    """
    known = {} if seen is None else seen

    def line(item: Any) -> Line:
        kind, text, function, content = item
        values = (str(kind), str(text), str(function), str(content))
        found = known.get(values)
        if found is None:
            found = known[values] = Line(*values)
        return found

    return tuple(
        LevelCoverage(
            str(key),
            int(line_no),
            int(col),
            tuple(Match(line(b), None if s is None else line(s), int(sim)) for b, s, sim in matches),
            tuple(line(item) for item in added),
        )
        for key, line_no, col, matches, added in data
    )


def _level_title(key: str, zh: bool) -> str:
    work_type, level = keys.split_key(key)
    title = ladder.title(Level(level)) if zh else level
    return f"{title}（工种 {work_type}）" if work_type else title


def check(collection: Collection) -> Iterator[Diagnostic]:
    """COV901: a level that omits more than ``max_omitted`` % of its basis's lines."""
    yield from analysed(collection)[0]


def findings(coverage: Coverage, limit: int) -> Iterator[Diagnostic]:
    """COV901 for one spec: each level that omits more than ``limit`` % of its basis's lines."""
    for level in coverage.levels:
        share = level.omitted_share
        if share <= limit:
            continue
        omitted = level.omitted
        examples = "; ".join(f"「{line.text}」" for line in omitted[:QUOTED])
        if len(omitted) > QUOTED:
            examples += f" … (+{len(omitted) - QUOTED})"
        covered = level.covered
        yield R_OMITTED.at(
            coverage.spec.path,
            level.line,
            level.col,
            spec=coverage.spec.ref,
            basis=coverage.basis.ref,
            level=_level_title(level.key, zh=False),
            level_zh=_level_title(level.key, zh=True),
            omitted=len(omitted),
            total=len(level.matches),
            share=share,
            limit=limit,
            covered=len(covered),
            near=sum(1 for m in covered if m.similarity < 100),
            added=len(level.added),
            examples=examples,
        )


# -- answered from the last full run (:mod:`stdkit.checks.incremental`) ---------------------------------


def basis_id(entry: AnyEntry) -> str:
    """The id an evaluation spec names as its basis ("" for any other document)."""
    document = entry.document
    basis = document.basis if isinstance(document, EvaluationSpec) else None
    return basis.split("@", 1)[0] if basis else ""


def extract(collection: Collection, found: Sequence[Diagnostic], analysis: list[Coverage]) -> Kept:
    """Each spec's basis with the findings it gave, and every document's id and the id it names as basis
    (by position among the valid documents)."""
    omitted: dict[str, list[Diagnostic]] = {}
    for d in found:
        omitted.setdefault(d.path, []).append(d)
    entries = collection.entries
    return Kept(
        {
            "pairs": [[c.spec.path, c.basis.path, omitted.get(c.spec.path, [])] for c in analysis],
            "ids": [e.document.id for e in entries],
            "named": [basis_id(e) for e in entries],
        }
    )


def update(base: Base) -> list[Diagnostic]:
    """COV901 of every spec whose own or whose basis's document changed; the others keep their findings.
    Specs that are new or renewed (:attr:`stdkit.checks.incremental.Base.renewed`), or that name the id of a
    document that arrived, left or was renewed (which edition they are compared with may change), have
    their basis worked out again among the documents of that id."""
    moved = base.moved
    part = base.part
    ids = part["ids"]
    joined = [path for path in base.changed if path not in base.position]
    # a renewed document left under its old id, edition and date, and came under its new ones
    came = {base.changed[p].document.id for p in [*joined, *base.renewed]}
    came_or_went = came | {str(ids[base.position[p]]) for p in [*base.gone, *base.renewed]}
    anew = {p for p in [*joined, *base.renewed] if basis_id(base.changed[p])}
    if came_or_went:  # the usual edit changes no id: no scan of every document
        anew.update(p for p, i in zip(base.position, part["named"], strict=True) if i in came_or_went)
    anew -= base.gone
    found: list[Diagnostic] = []
    pairs = []
    for spec, basis, kept in part["pairs"]:
        if spec in anew or spec in base.gone or spec in base.renewed:
            continue
        if spec in moved or basis in moved:
            pairs.append((str(spec), str(basis)))
        else:
            found.extend(kept)
    for path in sorted(anew):
        spec = base.head(path)
        wanted = basis_id(spec)
        present = [p for p, i in zip(base.position, ids, strict=True) if i == wanted and p not in moved]
        present.extend(p for p, e in base.changed.items() if e.document.id == wanted)
        basis = basis_of(base.collection(present, heads=True), spec)
        if basis is not None:
            pairs.append((path, basis.path))
    if pairs:
        collection = base.collection({p for pair in pairs for p in pair})
        limit = base.config.coverage_max_omitted
        for result in compared(collection, [(base.entry(s), base.entry(b)) for s, b in pairs]):
            found.extend(findings(result, limit))
    return found


# -- as data, for `stdkit check --format json` and the site ------------------------------------------


def _line(line: Line) -> dict[str, str]:
    return {"kind": line.kind, "text": line.text, "function": line.function, "content": line.content}


def as_json(coverages: list[Coverage]) -> list[dict[str, Any]]:
    """Plain data: per spec and level, the numbers and the lines (covered with their similarity)."""
    return [
        {
            "spec": c.spec.ref,
            "path": c.spec.path,
            "basis": c.basis.ref,
            "levels": [
                {
                    "level": level.key,
                    "basis_lines": len(level.matches),
                    "covered": len(level.covered),
                    "omitted": len(level.omitted),
                    "added": len(level.added),
                    "omitted_percent": level.omitted_share,
                    "covered_lines": [
                        {**_line(m.basis), "by": m.spec.text if m.spec else None, "similarity": m.similarity}
                        for m in level.covered
                    ],
                    "omitted_lines": [_line(line) for line in level.omitted],
                    "added_lines": [_line(line) for line in level.added],
                }
                for level in c.levels
            ],
        }
        for c in coverages
    ]
