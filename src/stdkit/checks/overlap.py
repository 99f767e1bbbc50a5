"""Overlap (交叉重复): documents that certify the same thing twice.

Why: the 2022 意见 on the vocational skill level system asks to avoid 交叉重复设置和评价: two
documents for the same occupation and level from the same issuer scope, near-copies of a
standard under a new id, and special competencies (专项职业能力) that only repeat a work function
of an occupation that already has a standard.

The check must stay sub-quadratic in the number of documents: exact keys are grouped in a dict,
and similar texts are found by MinHash-LSH over character n-grams (Chinese has no spaces, so
words are not available) and only the candidate pairs it returns are scored exactly
(Jaccard on n-gram sets, or rapidfuzz's ratio for short names); whole bodies are first compared by
their MinHash signatures, and only pairs estimated near the threshold are scored exactly
(:func:`stdkit.sketch.likely`). Documents of one lineage (editions
of one id, a ``supersedes`` chain, an evaluation spec and its ``basis``) are not overlaps.
Retired documents (superseded, withdrawn) are left out. Nothing here mutates a document.

The rules read each document's :class:`~stdkit.checks.facts.Facts` (shingle hashes and LSH bands computed in
the per-document stage, on every core, and cached), never the document's body, so they run the same on
light entries restored from the cache and on full ones.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from stdkit import ladder, sketch
from stdkit.collection import AnyEntry, Collection, levelled, special
from stdkit.diagnostics import Diagnostic, Rule, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec, LevelledBody, OccupationalStandard, Status

if TYPE_CHECKING:
    from stdkit.checks.facts import Facts, Targets, Unit
    from stdkit.model import LevelledBody
    from stdkit.model.special import Unit as Module


RETIRED = frozenset({Status.SUPERSEDED, Status.WITHDRAWN})
#: Reported similarity thresholds, in percent.
TITLE_SIMILARITY = 90
OCCUPATION_SIMILARITY = 90
WORK_SIMILARITY = 60
UNIT_SIMILARITY = 50
#: MinHash-LSH banding (threshold, permutations) of each kind of text the rules compare: titles and
#: occupation names, 工作内容 and bodies, a special competency's modules (see :mod:`stdkit.sketch`)
TITLE_BANDING = (0.4, 64)
WORK_BANDING = (0.4, 128)
UNIT_BANDING = (0.3, 128)

R_SAME_SCOPE = rule(
    "OVL701",
    "overlap",
    Severity.ERROR,
    "Two documents cover the same occupation and level in the same issuer scope.",
    "Keep one document per occupation, level and issuer: merge them, mark one superseded or withdrawn, "
    "or link them with `supersedes:`/`basis:` if one derives from the other.",
    detail="{second} and {first} ({place}) both cover {code} 「{name}」 at {levels} for the same issuer scope.",
    zh=Wording(
        "两份文件在同一发布范围内覆盖同一职业的同一等级（交叉重复）。",
        "每个职业、等级和发布单位只保留一份文件：合并它们，把其中一份标为已替代或已废止，或在一份派生自另一份时用 `supersedes:`/`basis:` 建立关联。",
        "{second} 和 {first}（{place}）在同一发布范围内都覆盖 {code} 「{name}」的{levels}。",
    ),
    bad="# a.yaml\nid: 6-31-01-03\noccupation: {code: 6-31-01-03, name: 电工}\nlevels: [L5, L4]\n"
    "# b.yaml\nid: DG-2024\noccupation: {code: 6-31-01-03, name: 电工}\nlevels: [L4, L3]",
    good="# b.yaml\nid: DG-2024\nsupersedes: 6-31-01-03@2018",
)
R_TITLE = rule(
    "OVL702",
    "overlap",
    Severity.WARNING,
    "Two documents have (nearly) the same title.",
    "Give each document a title that says what distinguishes it (scope, issuer, job role), or merge them.",
    detail="The title 「{text}」 is {score} % similar to 「{other}」 of {first} ({place}).",
    zh=Wording(
        "两份文件的名称（几乎）相同。",
        "请让每份文件的名称说明其区别（适用范围、发布单位、岗位），或合并它们。",
        "名称「{text}」与 {first}（{place}）的「{other}」相似度 {score}%。",
    ),
    bad="title: 变电站运维岗位职业技能等级评价规范\n# and elsewhere\ntitle: 变电站运维岗位职业技能评价规范",
    good="title: 变电站运维岗位职业技能等级评价规范\n# and elsewhere\ntitle: 配电线路运维岗位职业技能等级评价规范",
)
R_OCCUPATION = rule(
    "OVL703",
    "overlap",
    Severity.WARNING,
    "Two documents name (nearly) the same occupation under different codes.",
    "Use the one 职业分类大典 code of that occupation in both documents, or correct the name.",
    detail="The occupation 「{text}」 is {score} % similar to 「{other}」 of {first} ({place}).",
    zh=Wording(
        "两份文件以不同的编码写了（几乎）相同的职业。",
        "请在两份文件中使用该职业在职业分类大典中的同一编码，或更正职业名称。",
        "职业名称「{text}」与 {first}（{place}）的「{other}」相似度 {score}%。",
    ),
    bad="occupation: {code: 6-31-01-03, name: 电工}\n# and elsewhere\noccupation: {code: 6-31-01-04, name: 电工}",
    good="occupation: {code: 6-31-01-03, name: 电工}\n# and elsewhere\noccupation: {code: 6-31-01-03, name: 电工}",
)
R_WORK = rule(
    "OVL704",
    "overlap",
    Severity.WARNING,
    "Two documents' work content (工作要求) is nearly the same.",
    "Merge the documents, or make one the `basis:` (or `supersedes:`) of the other if it derives from it.",
    detail="The work content of {second} is {score} % similar to that of {first} ({place}).",
    zh=Wording(
        "两份文件的工作要求几乎相同。",
        "请合并文件；若一份派生自另一份，请用 `basis:`（或 `supersedes:`）指向它。",
        "{second} 的工作要求与 {first}（{place}）的相似度 {score}%。",
    ),
    bad="# b.yaml is a copy of a.yaml under a new id with a few lines changed",
    good="# b.yaml\nbasis: 6-31-01-03@2018   # declares where its content comes from",
)
R_SPECIAL_REPEAT = rule(
    "OVL705",
    "overlap",
    Severity.WARNING,
    "A special competency's module repeats a work function of a levelled document.",
    "A 专项职业能力 should certify a competency that no occupation's standard already covers: "
    "narrow the module, or evaluate it under that occupation's standard.",
    detail="Module 「{unit}」 repeats the work 「{work}」 of {target} ({place}; {score} % similar).",
    zh=Wording(
        "专项职业能力的考核模块重复了某个职业标准的工作内容。",
        "专项职业能力应考核尚无职业标准覆盖的能力：请收窄该模块，或按该职业的标准评价。",
        "考核模块「{unit}」重复了 {target}（{place}，相似度 {score}%）的工作内容「{work}」。",
    ),
    bad="units:\n  - name: 电气线路检修\n    skills: [能检修照明线路]   # = 电工 L5 电气线路检修",
    good="units:\n  - name: 电动自行车电路检修\n    skills: [能检修电动自行车控制器线路]",
)

R_SPECIAL_COPY = rule(
    "OVL706",
    "overlap",
    Severity.WARNING,
    "Two special competencies' modules (考核模块) are nearly the same.",
    "Keep one 专项职业能力 for the competency (a region adopts it rather than copying it under a new id), "
    "or make the modules say what distinguishes them.",
    detail="The modules of {second} are {score} % similar to those of {first} ({place}).",
    zh=Wording(
        "两项专项职业能力的考核模块几乎相同。",
        "一项能力只保留一个专项职业能力（其他地区应采用而不是换个编号复制），或让各模块写明其区别。",
        "{second} 的考核模块与 {first}（{place}）的相似度 {score}%。",
    ),
    bad="# b.yaml is a.yaml under a new id, title and region, with a line or two changed",
    good="# b.yaml certifies a different competency: its modules differ",
)


def _facts_of(entry: AnyEntry) -> Facts:
    """Every entry the run hands to a collection rule carries its facts (:mod:`stdkit.run.gather`)."""
    if entry.facts is None:
        raise ValueError(f"{entry.path}: an entry without facts reached a collection rule")
    return entry.facts


_NOISE = re.compile(r"[\s\u3000,.;:!?，。；：、！？（）()“”\"'《》【】\[\]\-—·/]+")


def _active(collection: Collection) -> list[AnyEntry]:
    return sorted((e for e in collection.entries if e.document.status not in RETIRED), key=lambda e: e.path)


def _levelled_active(collection: Collection) -> list[AnyEntry]:
    return [e for e in _active(collection) if levelled(e.document) is not None]


def same_scope(collection: Collection) -> Iterator[Diagnostic]:
    """OVL701: the same occupation and level certified twice in one issuer scope."""
    yield from _same_scope(_active(collection))


def near_titles(collection: Collection) -> Iterator[Diagnostic]:
    """OVL702: titles so alike that readers will take one document for the other."""
    entries = _active(collection)
    banded = [_facts_of(e).title_bands for e in entries]
    yield from _near_names(entries, banded, _title, ("title",), TITLE_SIMILARITY, R_TITLE, "title")


def near_occupations(collection: Collection) -> Iterator[Diagnostic]:
    """OVL703: occupation names that differ by a character or two under different codes."""
    entries = _levelled_active(collection)
    banded = [_facts_of(e).name_bands for e in entries]
    yield from _near_names(
        entries,
        banded,
        _occupation_name,
        ("occupation", "name"),
        OCCUPATION_SIMILARITY,
        R_OCCUPATION,
        "occupation",
    )


def near_work(collection: Collection) -> Iterator[Diagnostic]:
    """OVL704: work requirements copied between documents."""
    entries = _levelled_active(collection)
    yield from _near_bodies(entries, [_facts_of(e) for e in entries], R_WORK, "work", ("work",))


def special_repeats(collection: Collection) -> Iterator[Diagnostic]:
    """OVL705: a special competency that repeats an occupation's work function."""
    yield from special_repeats_analysed(collection)[0]


def special_repeats_analysed(collection: Collection) -> tuple[list[Diagnostic], Repeats]:
    """OVL705's findings, with what it found for each module (which an incremental run starts from)."""
    active = _active(collection)
    return _special_repeats(collection, active, [e for e in active if levelled(e.document) is not None])


def special_copies(collection: Collection) -> Iterator[Diagnostic]:
    """OVL706: a special competency copied under a new id (any title, any region)."""
    entries = [e for e in _active(collection) if special(e.document) is not None]
    yield from _near_bodies(entries, [_facts_of(e) for e in entries], R_SPECIAL_COPY, "modules", ("units",))


# ---------------------------------------------------------------------------------------- text


def normal(text: str) -> str:
    return _NOISE.sub("", text)


def grams(text: str, n: int = 3) -> set[str]:
    """Character n-grams of one line (a line shorter than ``n`` is its own gram)."""
    text = normal(text)
    if len(text) <= n:
        return {text} if text else set()
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def contents(body: LevelledBody) -> Iterator[tuple[Path_, str, tuple[str, str], list[str]]]:
    """Each 工作内容 as the special-competency rule compares it: where, label, names, and the texts (in
    normal form) whose shingles it has: its name, its function's and its skill lines."""
    for level, functions in body.work.items():
        for f_index, function in enumerate(functions):
            for c_index, content in enumerate(function.contents):
                name, function_name = normal(content.name), normal(function.function)
                yield (
                    ("work", level, f_index, "contents", c_index, "name"),
                    f"{function.function} / {content.name}",
                    (function_name, name),
                    [name, function_name, *(normal(line.text) for line in content.skills)],
                )


def unit_texts(unit: Module) -> list[str]:
    """A module's texts in normal form: its name and its skill lines."""
    return [normal(unit.name), *(normal(line.text) for line in unit.skills)]


def candidates(sets: Sequence[set[str]], threshold: float, num_perm: int = 64) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) whose n-gram sets are likely to have Jaccard ≥ ``threshold`` (MinHash-LSH).

    Only these pairs are scored exactly: the work is about linear in the number of sets, not quadratic.
    """
    yield from sketch.pairs([sketch.bands(sketch.hashes(s), threshold, num_perm) for s in sets])


# ---------------------------------------------------------------------------------------- lineage


def lineage(entry: AnyEntry) -> set[str]:
    document = entry.document
    ids = {document.id}
    if document.supersedes:
        ids.add(document.supersedes.split("@", 1)[0])
    if isinstance(document, EvaluationSpec) and document.basis:
        ids.add(document.basis.split("@", 1)[0])
    return ids


def related(a: AnyEntry, b: AnyEntry) -> bool:
    """Editions of one id, a supersedes chain, or a spec and its basis: one lineage, not an overlap."""
    return bool(lineage(a) & lineage(b))


def _place(entry: AnyEntry, where: Path_) -> str:
    line, _ = entry.source.key(where)
    return f"{entry.path}:{line}"


# ---------------------------------------------------------------------------------------- rules


def _scopes(entry: AnyEntry) -> list[str]:
    """The groups OVL701 compares a document within: its occupation in its issuer's scope, and nationally
    for an occupational standard (none for a special competency, nor for a rule across occupations: it
    examines no occupation itself)."""
    body = levelled(entry.document)
    if body is None or body.occupation is None:
        return []
    scopes = [f"{body.occupation.code}\0issuer:{normal(entry.document.issuer_label)}"]
    if isinstance(entry.document, OccupationalStandard):
        scopes.append(f"{body.occupation.code}\0national")
    return scopes


def scope_contacts(entry: AnyEntry, facts: Facts) -> sketch.Bands:
    return sketch.keys(_scopes(entry))


def title_contacts(entry: AnyEntry, facts: Facts) -> sketch.Bands:
    return sketch.no_bands() if facts.title_bands is None else facts.title_bands


def name_contacts(entry: AnyEntry, facts: Facts) -> sketch.Bands:
    return sketch.no_bands() if facts.name_bands is None else facts.name_bands


def _same_scope(entries: Sequence[AnyEntry]) -> Iterator[Diagnostic]:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        for scope in _scopes(entry):
            groups[scope].append(index)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) in seen or related(entries[i], entries[j]):
                    continue
                seen.add((i, j))
                first, second = entries[i], entries[j]
                a, b = levelled(first.document), levelled(second.document)
                # grouped by occupation code, so both are levelled and name one occupation
                assert a is not None and b is not None and b.occupation is not None
                mine = _certified(a)
                shared = [(w, level) for w, level in _certified(b) if _overlaps(w, level, mine)]
                if not shared:
                    continue
                names = "、".join(ladder.title(level) + (f"（{w}）" if w else "") for w, level in shared)
                yield second.at(
                    ("occupation", "code"),
                    R_SAME_SCOPE,
                    second=second.ref,
                    first=first.ref,
                    place=_place(first, ("occupation", "code")),
                    code=b.occupation.code,
                    name=b.occupation.name,
                    levels=names,
                )


def _certified(body: LevelledBody) -> list[tuple[str | None, Level]]:
    """What a document certifies: (工种, level) for a 工种's own level, (None, level) for a common one."""
    split = body.work_type_levels()
    found: list[tuple[str | None, Level]] = []
    for level in body.levels:
        if level not in split or level in body.work:
            found.append((None, level))
        found.extend(
            (body.work_types[i].code or body.work_types[i].name, level) for i in split.get(level, [])
        )
    return found


def _overlaps(work_type: str | None, level: Level, other: list[tuple[str | None, Level]]) -> bool:
    """A common level covers every 工种 of the occupation; two 工种 overlap only when they are the same."""
    return any(lv == level and (w is None or work_type is None or w == work_type) for w, lv in other)


def _title(entry: AnyEntry) -> str:
    return entry.document.title


def _occupation_name(entry: AnyEntry) -> str:
    body = levelled(entry.document)
    return body.occupation.name if body is not None and body.occupation is not None else ""


def _near_names(
    entries: Sequence[AnyEntry],
    banded: Sequence[sketch.Bands | None],
    text_of: Callable[[AnyEntry], str],
    where: Path_,
    threshold: int,
    which: Rule,
    label: str,
) -> Iterator[Diagnostic]:
    """Short names: candidates by LSH over character bigrams, scored by rapidfuzz's ratio."""
    from rapidfuzz.fuzz import ratio

    texts = [normal(text_of(entry)) for entry in entries]
    lengths = [len(text) for text in texts]
    lineages = [lineage(entry) for entry in entries]
    for i, j in sketch.pairs(banded):
        if lineages[i] & lineages[j]:
            continue
        # ratio is 2·matches / (both lengths), and matches ≤ the shorter: unequal lengths cannot reach it
        short, long = lengths[i], lengths[j]
        if 200 * min(short, long) < threshold * (short + long):
            continue
        first, second = entries[i], entries[j]
        if label == "occupation":
            a, b = levelled(first.document), levelled(second.document)
            if a is None or b is None or a.occupation is None or b.occupation is None:
                continue
            if a.occupation.code == b.occupation.code:
                continue
        score = ratio(texts[i], texts[j])
        if score < threshold:
            continue
        yield second.at(
            where,
            which,
            label=label,
            text=text_of(second),
            score=f"{score:.0f}",
            other=text_of(first),
            first=first.ref,
            place=_place(first, where),
        )


def _near_bodies(
    entries: Sequence[AnyEntry], facts: Sequence[Facts], which: Rule, label: str, where: Path_
) -> Iterator[Diagnostic]:
    """Whole bodies (work content, or a special competency's modules): Jaccard of their shingles."""
    lineages = [lineage(entry) for entry in entries]
    sizes = [f.body_size for f in facts]
    kept = [
        (i, j)
        for i, j in sketch.pairs([f.body_bands for f in facts])
        if comparable(sizes[i], sizes[j], lineages[i], lineages[j])
    ]
    for i, j in sketch.likely(kept, [f.body_signature for f in facts], WORK_SIMILARITY / 100):
        found = body_finding(entries[i], entries[j], facts[i], facts[j], which, label, where)
        if found is not None:
            yield found


def comparable(size: int, other_size: int, ids: set[str], other_ids: set[str]) -> bool:
    """Whether two bodies that share a band are worth scoring: not one lineage, and sizes that allow it
    (Jaccard is at most the ratio of the sizes)."""
    if 100 * min(size, other_size) < WORK_SIMILARITY * max(size, other_size):
        return False
    return not ids & other_ids


def body_finding(
    first: AnyEntry,
    second: AnyEntry,
    first_facts: Facts,
    second_facts: Facts,
    which: Rule,
    label: str,
    where: Path_,
) -> Diagnostic | None:
    """OVL704/OVL706 for one pair (``first`` sorts before ``second`` by path), or None below the threshold."""
    score = 100 * sketch.jaccard(first_facts.body(), second_facts.body())
    if score < WORK_SIMILARITY:
        return None
    return second.at(
        where,
        which,
        key=True,
        label=label,
        second=second.ref,
        first=first.ref,
        score=f"{score:.0f}",
        place=_place(first, where),
    )


def other_path(finding: Diagnostic) -> str:
    """The path of the document a finding compares its own with (the file part of its ``place``)."""
    return dict(finding.args)["place"].rsplit(":", 1)[0]


@dataclasses.dataclass(frozen=True)
class TargetIndex:
    """The 工作内容 of some levelled documents as OVL705 compares modules with them, row by row in path order.

    Column-wise: a national collection has hundreds of thousands of rows. The bands of every row (≈ 90 MB
    at national scale) and their shingle hashes (≈ 65 MB) are concatenated one after the other, never held
    together: the collection rules run beside coverage, and the two sides' peaks add up."""

    owners: list[AnyEntry]  # the entries, sorted by path
    tables: list[Targets]
    by_name: dict[str, list[int]]  # function or content name (normal form) → rows
    owner_of: Any  # row → index into owners
    row_of: Any  # row → row within its owner's table
    present: Any  # False for a row without shingles

    @classmethod
    def of(cls, collection: Collection, entries: Sequence[AnyEntry]) -> TargetIndex:

        tables = [_facts_of(entry).targets for entry in entries]
        by_name: dict[str, list[int]] = defaultdict(list)
        at = 0
        for table in tables:
            for i, names in enumerate(table.names):
                for name in names:
                    by_name[name].append(at + i)
            at += len(table)
        sizes = [len(table) for table in tables]
        owner_of = np.repeat(np.arange(len(tables)), sizes)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        return cls(
            list(entries),
            tables,
            dict(by_name),
            owner_of,
            np.arange(at, dtype=np.int64) - np.repeat(starts, sizes) if at else np.zeros(0, dtype=np.int64),
            np.concatenate([t.present for t in tables]) if tables else np.zeros(0, dtype=bool),
        )

    def _matrix(self) -> sketch.Bands:

        count, _ = sketch.BANDING[UNIT_BANDING]
        return (
            np.concatenate([t.bands for t in self.tables]) if self.tables else np.zeros((0, count), np.uint64)
        )

    @functools.cached_property
    def _hashes(self) -> tuple[sketch.Hashes, Any]:
        """Every row's shingle hashes concatenated, and bounds: row t's are ``hashes[bounds[t]:bounds[t + 1]]``."""

        bases = np.concatenate([[0], np.cumsum([len(t.hashes) for t in self.tables])]).astype(np.int64)
        bounds = np.concatenate(
            [
                [0],
                *[t.offsets[1:].astype(np.int64) + base for t, base in zip(self.tables, bases, strict=False)],
            ]
        )
        hashes = np.concatenate([t.hashes for t in self.tables]) if self.tables else np.zeros(0, np.uint32)
        return hashes, bounds

    def scores(self, units: Sequence[Unit]) -> list[list[tuple[int, float]]]:
        """For each module, the rows it shares a band or a name with that score at least UNIT_SIMILARITY,
        in row order: (row, 100 × Jaccard; 100 for a row whose function or content has the module's name)."""

        if not units or not len(self.owner_of):
            return [[] for _ in units]
        matches = sketch.across([u.bands for u in units], self._matrix(), self.present)
        hashes, bounds = self._hashes
        found_all: list[list[tuple[int, float]]] = []
        for u, unit in enumerate(units):
            named = set(self.by_name.get(normal(unit.name), ()))
            found = np.array(sorted(matches.get(u, set()) | named), dtype=np.int64)
            if not len(found):
                found_all.append([])
                continue
            scores = _unit_scores(unit.hashes, hashes, bounds[found], bounds[found + 1])
            scores[np.isin(found, np.array(sorted(named), dtype=np.int64))] = 100.0
            keep = scores >= UNIT_SIMILARITY
            found_all.append(list(zip(found[keep].tolist(), scores[keep].tolist(), strict=True)))
        return found_all

    def keyed(self, found: Sequence[tuple[int, float]]) -> list[tuple[str, int, float]]:
        """Rows as :meth:`scores` gives them, keyed by their document's path and their row within it (what
        the base of an incremental run keeps, since row numbers change with the collection)."""
        return [(self.owners[int(self.owner_of[t])].path, int(self.row_of[t]), score) for t, score in found]

    def place(self, t: int) -> tuple[AnyEntry, Targets, int]:
        """Row ``t``'s entry, that entry's table, and the row within it."""
        owner = int(self.owner_of[t])
        return self.owners[owner], self.tables[owner], int(self.row_of[t])


#: What OVL705 keeps of a module for an incremental run: its document's path, its index, every row at or
#: above the threshold as (target's path, row within the target's table, score), and its finding.
Repeats = list[tuple[str, int, list[tuple[str, int, float]], Diagnostic | None]]


def _special_repeats(
    collection: Collection, entries: Sequence[AnyEntry], levelled_entries: Sequence[AnyEntry]
) -> tuple[list[Diagnostic], Repeats]:
    """Each module of a special competency against each 工作内容 of the levelled documents."""
    index = TargetIndex.of(collection, levelled_entries)
    units = [
        (entry, u_index, unit) for entry in entries for u_index, unit in enumerate(_facts_of(entry).units)
    ]
    kept: Repeats = []
    findings: list[Diagnostic] = []
    for (entry, u_index, unit), found in zip(units, index.scores([u for _, _, u in units]), strict=True):
        finding = None
        if found:
            # the first of the best, as a scan in target order keeps
            top = max(range(len(found)), key=lambda k: (found[k][1], -k))
            target_entry, table, row = index.place(found[top][0])
            finding = repeat_finding(entry, u_index, unit, target_entry, table, row, found[top][1])
            findings.append(finding)
        kept.append((entry.path, u_index, index.keyed(found), finding))
    return findings, kept


def repeat_finding(
    entry: AnyEntry, u_index: int, unit: Unit, target: AnyEntry, table: Targets, row: int, score: float
) -> Diagnostic:
    """OVL705 for module ``u_index`` of ``entry`` and row ``row`` of ``target``'s 工作内容."""
    return entry.at(
        ("units", u_index, "name"),
        R_SPECIAL_REPEAT,
        unit=unit.name,
        work=table.labels[row],
        target=target.ref,
        place=_place(target, table.path(row)),
        score=f"{score:.0f}",
    )


def _unit_scores(unit: sketch.Hashes, hashes: sketch.Hashes, starts: Any, ends: Any) -> Any:
    """100 × Jaccard of a module's shingles with each target's (hashes[starts[k]:ends[k]]), in one pass."""

    lengths = ends - starts
    picked = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(
        lengths.sum()
    )
    # the module's hashes are sorted and distinct: a binary search per target hash, no sort (isin sorts both)
    values = hashes[picked]
    at = np.searchsorted(unit, values)
    at[at == len(unit)] = 0
    member = unit[at] == values if len(unit) else np.zeros(len(values), dtype=bool)
    running = np.concatenate([[0], np.cumsum(member)])
    cuts = np.concatenate([[0], np.cumsum(lengths)])
    shared = (running[cuts[1:]] - running[cuts[:-1]]).astype(np.float64)
    union = len(unit) + lengths - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, 100 * (shared / np.where(union > 0, union, 1)), 0.0)


def check(collection: Collection) -> Iterator[Diagnostic]:
    """Every overlap rule in turn (the registry runs them one by one, so each can be switched off)."""
    for one in (same_scope, near_titles, near_occupations, near_work, special_repeats, special_copies):
        yield from one(collection)
