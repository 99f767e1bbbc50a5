"""Overlap (交叉重复): documents that certify the same thing twice.

Why: the 2022 意见 on the vocational skill level system asks to avoid 交叉重复设置和评价: two
documents for the same occupation and level from the same issuer scope, near-copies of a
standard under a new id, and special competencies (专项职业能力) that only repeat a work function
of an occupation that already has a standard.

The check must stay sub-quadratic in the number of documents: exact keys are grouped in a dict,
and similar texts are found by MinHash-LSH over character n-grams (Chinese has no spaces, so
words are not available) and only the candidate pairs it returns are scored exactly
(Jaccard on n-gram sets, or rapidfuzz's ratio for short names). Documents of one lineage (editions
of one id, a ``supersedes`` chain, an evaluation spec and its ``basis``) are not overlaps.
Retired documents (superseded, withdrawn) are left out. Nothing here mutates a document.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from stdkit import ladder
from stdkit.collection import Collection, Entry, levelled, special
from stdkit.diagnostics import Diagnostic, Rule, Severity, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import EvaluationSpec, LevelledBody, OccupationalStandard, Status

if TYPE_CHECKING:  # datasketch pulls in scipy (0.3 s): only `check` pays for it, not `validate`
    from datasketch import MinHash


RETIRED = frozenset({Status.SUPERSEDED, Status.WITHDRAWN})
#: Reported similarity thresholds, in percent.
TITLE_SIMILARITY = 90
OCCUPATION_SIMILARITY = 90
WORK_SIMILARITY = 60
UNIT_SIMILARITY = 50
_SEED = 1  # MinHash permutations are fixed so that candidate sets (and outputs) are deterministic

R_SAME_SCOPE = rule(
    "OVL701",
    "overlap",
    Severity.ERROR,
    "Two documents cover the same occupation and level in the same issuer scope.",
    "Keep one document per occupation, level and issuer: merge them, mark one superseded or withdrawn, "
    "or link them with `supersedes:`/`basis:` if one derives from the other.",
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
    bad="title: 变电站运维岗位职业技能等级评价规范\n# and elsewhere\ntitle: 变电站运维岗位职业技能评价规范",
    good="title: 变电站运维岗位职业技能等级评价规范\n# and elsewhere\ntitle: 配电线路运维岗位职业技能等级评价规范",
)
R_OCCUPATION = rule(
    "OVL703",
    "overlap",
    Severity.WARNING,
    "Two documents name (nearly) the same occupation under different codes.",
    "Use the one 职业分类大典 code of that occupation in both documents, or correct the name.",
    bad="occupation: {code: 6-31-01-03, name: 电工}\n# and elsewhere\noccupation: {code: 6-31-01-04, name: 电工}",
    good="occupation: {code: 6-31-01-03, name: 电工}\n# and elsewhere\noccupation: {code: 6-31-01-03, name: 电工}",
)
R_WORK = rule(
    "OVL704",
    "overlap",
    Severity.WARNING,
    "Two documents' work content (工作要求) is nearly the same.",
    "Merge the documents, or make one the `basis:` (or `supersedes:`) of the other if it derives from it.",
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
    bad="units:\n  - name: 电气线路检修\n    skills: [能检修照明线路]   # = 电工 L5 电气线路检修",
    good="units:\n  - name: 电动自行车电路检修\n    skills: [能检修电动自行车控制器线路]",
)

_NOISE = re.compile(r"[\s\u3000,.;:!?，。；：、！？（）()“”\"'《》【】\[\]\-—·/]+")


def _active(collection: Collection) -> list[Entry]:
    return sorted((e for e in collection.entries if e.document.status not in RETIRED), key=lambda e: e.path)


def _levelled_active(collection: Collection) -> list[Entry]:
    return [e for e in _active(collection) if levelled(e.document) is not None]


def same_scope(collection: Collection) -> Iterator[Diagnostic]:
    """OVL701: the same occupation and level certified twice in one issuer scope."""
    yield from _same_scope(_active(collection))


def near_titles(collection: Collection) -> Iterator[Diagnostic]:
    """OVL702: titles so alike that readers will take one document for the other."""
    yield from _near_names(_active(collection), _title, ("title",), TITLE_SIMILARITY, R_TITLE, "title")


def near_occupations(collection: Collection) -> Iterator[Diagnostic]:
    """OVL703: occupation names that differ by a character or two under different codes."""
    yield from _near_names(
        _levelled_active(collection),
        _occupation_name,
        ("occupation", "name"),
        OCCUPATION_SIMILARITY,
        R_OCCUPATION,
        "occupation",
    )


def near_work(collection: Collection) -> Iterator[Diagnostic]:
    """OVL704: work requirements copied between documents."""
    yield from _near_work(_levelled_active(collection))


def special_repeats(collection: Collection) -> Iterator[Diagnostic]:
    """OVL705: a special competency that repeats an occupation's work function."""
    active = _active(collection)
    yield from _special_repeats(active, [e for e in active if levelled(e.document) is not None])


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


def _hash(data: bytes) -> int:
    # deterministic across processes (Python's hash() is salted), and fast
    return zlib.crc32(data)


_SCHEME = "affine32"  # named, so a datasketch upgrade cannot silently change which pairs are candidates


@functools.cache
def _permutations(num_perm: int) -> Any:
    # datasketch draws the permutations anew for every MinHash; drawing them once saves a third of the check
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_hash, scheme=_SCHEME).permutations


def _minhash(shingles: set[str], num_perm: int) -> MinHash:
    from datasketch import MinHash

    signature = MinHash(
        num_perm=num_perm, seed=_SEED, hashfunc=_hash, permutations=_permutations(num_perm), scheme=_SCHEME
    )
    signature.update_batch([s.encode() for s in sorted(shingles)])
    return signature


def candidates(sets: Sequence[set[str]], threshold: float, num_perm: int = 64) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) whose n-gram sets are likely to have Jaccard ≥ ``threshold`` (MinHash-LSH).

    Only these pairs are scored exactly: the work is about linear in the number of sets, not quadratic.
    """
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    signatures: dict[int, MinHash] = {}
    for i, shingles in enumerate(sets):
        if shingles:
            signatures[i] = _minhash(shingles, num_perm)
            index.insert(i, signatures[i])
    for i, signature in signatures.items():
        for j in sorted(index.query(signature)):
            if j > i:
                yield i, j


# ---------------------------------------------------------------------------------------- lineage


def _lineage(entry: Entry) -> set[str]:
    document = entry.document
    ids = {document.id}
    if document.supersedes:
        ids.add(document.supersedes.split("@", 1)[0])
    if isinstance(document, EvaluationSpec) and document.basis:
        ids.add(document.basis.split("@", 1)[0])
    return ids


def related(a: Entry, b: Entry) -> bool:
    """Editions of one id, a supersedes chain, or a spec and its basis: one lineage, not an overlap."""
    return bool(_lineage(a) & _lineage(b))


def _place(entry: Entry, where: Path_) -> str:
    line, _ = entry.source.key(where)
    return f"{entry.path}:{line}"


# ---------------------------------------------------------------------------------------- rules


def _scopes(entry: Entry) -> list[str]:
    scopes = [f"issuer:{normal(entry.document.issuer)}"]
    if isinstance(entry.document, OccupationalStandard):
        scopes.append("national")
    return scopes


def _same_scope(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        body = levelled(entry.document)
        if body is None:
            continue
        for scope in _scopes(entry):
            groups[(body.occupation.code, scope)].append(index)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) in seen or related(entries[i], entries[j]):
                    continue
                seen.add((i, j))
                first, second = entries[i], entries[j]
                a, b = levelled(first.document), levelled(second.document)
                assert a is not None and b is not None  # grouped by occupation code, so both are levelled
                mine = _certified(a)
                shared = [(w, level) for w, level in _certified(b) if _overlaps(w, level, mine)]
                if not shared:
                    continue
                names = "、".join(ladder.title(level) + (f"（{w}）" if w else "") for w, level in shared)
                yield second.at(
                    ("occupation", "code"),
                    R_SAME_SCOPE,
                    f"{second.ref} and {first.ref} ({_place(first, ('occupation', 'code'))}) both cover "
                    f"{b.occupation.code} 「{b.occupation.name}」 at {names} for the same issuer scope. "
                    f"{R_SAME_SCOPE.fix}",
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


def _title(entry: Entry) -> str:
    return entry.document.title


def _occupation_name(entry: Entry) -> str:
    body = levelled(entry.document)
    return body.occupation.name if body is not None else ""


def _near_names(
    entries: Sequence[Entry],
    text_of: Callable[[Entry], str],
    where: Path_,
    threshold: int,
    which: Rule,
    label: str,
) -> Iterator[Diagnostic]:
    """Short names: candidates by LSH over character bigrams, scored by rapidfuzz's ratio."""
    from rapidfuzz.fuzz import ratio

    texts = [normal(text_of(entry)) for entry in entries]
    for i, j in candidates([grams(text, 2) for text in texts], threshold=0.4):
        first, second = entries[i], entries[j]
        if related(first, second):
            continue
        if label == "occupation":
            a, b = levelled(first.document), levelled(second.document)
            if a is None or b is None or a.occupation.code == b.occupation.code:
                continue
        score = ratio(texts[i], texts[j])
        if score < threshold:
            continue
        yield second.at(
            where,
            which,
            f"The {label} 「{text_of(second)}」 is {score:.0f} % similar to 「{text_of(first)}」 of {first.ref} "
            f"({_place(first, where)}). {which.fix}",
        )


def _work_grams(entry: Entry) -> set[str]:
    body = levelled(entry.document)
    assert body is not None
    found: set[str] = set()
    for functions in body.work.values():
        for function in functions:
            found |= grams(function.function)
            for content in function.contents:
                found |= grams(content.name)
                for line in content.skills:
                    found |= grams(line.text)
    return found


def _near_work(entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    sets = [_work_grams(entry) for entry in entries]
    threshold = WORK_SIMILARITY / 100
    for i, j in candidates(sets, threshold=max(0.3, threshold - 0.2), num_perm=128):
        first, second = entries[i], entries[j]
        if related(first, second):
            continue
        score = 100 * jaccard(sets[i], sets[j])
        if score < WORK_SIMILARITY:
            continue
        yield second.at(
            ("work",),
            R_WORK,
            f"The work content of {second.ref} is {score:.0f} % similar to that of {first.ref} "
            f"({_place(first, ('work',))}). {R_WORK.fix}",
            key=True,
        )


def _special_repeats(entries: Sequence[Entry], levelled_entries: Sequence[Entry]) -> Iterator[Diagnostic]:
    """Each module of a special competency against each 工作内容 of the levelled documents."""
    targets: list[tuple[Entry, Path_, str, set[str]]] = []
    by_name: dict[str, list[int]] = defaultdict(list)
    for entry in levelled_entries:
        body = levelled(entry.document)
        assert body is not None
        for level, functions in body.work.items():
            for f_index, function in enumerate(functions):
                for c_index, content in enumerate(function.contents):
                    shingles = grams(content.name) | grams(function.function)
                    for line in content.skills:
                        shingles |= grams(line.text)
                    targets.append(
                        (
                            entry,
                            ("work", level, f_index, "contents", c_index, "name"),
                            f"{function.function} / {content.name}",
                            shingles,
                        )
                    )
                    for name in (function.function, content.name):
                        by_name[normal(name)].append(len(targets) - 1)
    units: list[tuple[Entry, int, set[str]]] = []
    for entry in entries:
        competency = special(entry.document)
        if competency is None:
            continue
        for u_index, unit in enumerate(competency.units):
            shingles = grams(unit.name)
            for line in unit.skills:
                shingles |= grams(line.text)
            units.append((entry, u_index, shingles))
    if not units or not targets:
        return
    sets = [t[3] for t in targets] + [u[2] for u in units]
    matches: dict[int, set[int]] = defaultdict(set)
    for i, j in candidates(sets, threshold=0.3, num_perm=128):
        if i < len(targets) <= j:
            matches[j - len(targets)].add(i)
    for u, (entry, u_index, shingles) in enumerate(units):
        competency = special(entry.document)
        assert competency is not None
        name = normal(competency.units[u_index].name)
        matches[u].update(by_name.get(name, ()))
        best: tuple[float, int] | None = None
        for t in sorted(matches[u]):
            named = t in by_name.get(name, ())
            score = 100.0 if named else 100 * jaccard(shingles, targets[t][3])
            if score >= UNIT_SIMILARITY and (best is None or score > best[0]):
                best = (score, t)
        if best is None:
            continue
        score, t = best
        target_entry, where, function_name, _ = targets[t]
        yield entry.at(
            ("units", u_index, "name"),
            R_SPECIAL_REPEAT,
            f"Module 「{competency.units[u_index].name}」 repeats the work 「{function_name}」 of "
            f"{target_entry.ref} ({_place(target_entry, where)}; {score:.0f} % similar). {R_SPECIAL_REPEAT.fix}",
        )


def check(collection: Collection) -> Iterator[Diagnostic]:
    """Every overlap rule in turn (the registry runs them one by one, so each can be switched off)."""
    for one in (same_scope, near_titles, near_occupations, near_work, special_repeats):
        yield from one(collection)
