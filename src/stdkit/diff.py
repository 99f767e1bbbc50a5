"""Semantic diff of a collection between two revisions, for reviewers (pull-request comments).

Input is two snapshots, path → bytes (see :mod:`stdkit.changes` for reading them from git); the
output is a :class:`CollectionDiff` of plain values that renders to Markdown or JSON. Pure: this
module runs no git, reads no file and never raises on a document's content — a document that does
not parse at one side is reported as such.

Lines (技能要求, 相关知识要求 …) are matched by position and similarity: unchanged runs are aligned
first (difflib), then within a replaced run the n-th old line is paired with the n-th new one when
their texts are similar enough to be an edit of each other; a line whose exact text appears on the
other side in another place is a move. The verdict follows how training.gov.au judges a new
version by hand: *equivalent* when only wording changed (edits that keep most of a line, moves,
notes), *not equivalent* when what a candidate must do or how they are assessed changed.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from stdkit import ladder
from stdkit.ladder import Level
from stdkit.load import parse
from stdkit.model import Document, LevelledBody, Line, SpecialCompetency
from stdkit.model.common import (
    BASICS_KEY,
    ETHICS_KEY,
    METHOD_NAMES,
    SECTION_TITLES,
    STATUS_NAMES,
    Method,
    Status,
)

#: Two lines at least this similar (difflib ratio) are an edit of each other rather than a swap.
PAIR_RATIO = 0.5
#: An edit that keeps at least this much of a line is wording only (equivalent).
WORDING_RATIO = 0.75
#: A section longer than this is folded into ``<details>`` in Markdown.
FOLD_AFTER = 8


class Verdict(enum.StrEnum):
    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not-equivalent"


VERDICT_NAMES = {Verdict.EQUIVALENT: "等效 (equivalent)", Verdict.NOT_EQUIVALENT: "不等效 (not equivalent)"}

#: Scopes that are not a level, in the order the report shows them.
SCOPES = {
    "header": "文件信息",
    "profile": "职业概况",
    "basics": "基本要求",
    "assessment": "鉴定要求",
    "units": "考核模块",
}
KIND_WORDS = {"theory": "理论", "skill": "技能"}


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One difference: where (scope and a label), what happened, old and new values, and whether it matters."""

    scope: str  # a level id, or a key of SCOPES
    label: str  # e.g. "技能要求 · 电气安装和线路敷设 / 照明电路安装" or "理论权重 · 电气安装"
    action: str  # added | removed | changed | moved
    old: str | None
    new: str | None
    substantive: bool


@dataclasses.dataclass(frozen=True, slots=True)
class ItemCount:
    section: str
    old: int | None
    new: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class BlueprintImpact:
    """How the blueprint of one level moves: added, removed or changed, and its theory item counts."""

    level: str
    action: str
    items: tuple[ItemCount, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentDiff:
    path: str
    old_path: str | None
    action: str  # added | removed | renamed | modified | invalid
    ref: str | None
    title: str | None
    old_ref: str | None = None
    changes: tuple[Change, ...] = ()
    verdict: Verdict | None = None
    blueprints: tuple[BlueprintImpact, ...] = ()
    problems: tuple[str, ...] = ()  # why a side does not parse
    published: bool = False  # the old side was published (a new edition is then suggested)


@dataclasses.dataclass(frozen=True, slots=True)
class CollectionDiff:
    old_rev: str
    new_rev: str
    documents: tuple[DocumentDiff, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Side:
    document: Document | None
    problems: tuple[str, ...]


def _read(path: str, raw: bytes) -> _Side:
    from stdkit.model.bind import bind

    loaded = parse(raw, path)
    if not loaded.ok:
        return _Side(None, tuple(_problem(d.line, d.col, d.code, d.message) for d in loaded.diagnostics))
    document, problems = bind(loaded)
    return _Side(document, tuple(_problem(d.line, d.col, d.code, d.message) for d in problems))


def _problem(line: int, col: int, code: str, message: str) -> str:
    return f"{line}:{col} {code} {message}"


# --------------------------------------------------------------------------- collection


def diff_collections(
    old: Mapping[str, bytes], new: Mapping[str, bytes], old_rev: str = "A", new_rev: str = "B"
) -> CollectionDiff:
    """Compare two snapshots (path → contents) document by document."""
    before = {path: _read(path, raw) for path, raw in old.items() if new.get(path) != raw or path not in new}
    after = {path: _read(path, raw) for path, raw in new.items() if old.get(path) != raw or path not in old}
    results: list[DocumentDiff] = []
    for path in sorted(set(before) & set(after)):
        a, b = before.pop(path), after.pop(path)
        if a.document is None or b.document is None:
            results.append(_invalid(path, a, b, old_rev, new_rev))
        else:
            results.append(_compare(path, path, "modified", a.document, b.document))
    # Invalid files on one side only are reported as they are; they take no part in matching.
    for side, rev in ((before, old_rev), (after, new_rev)):
        for path in [p for p, s in side.items() if s.document is None]:
            s = side.pop(path)
            results.append(
                DocumentDiff(
                    path, None, "invalid", None, None, problems=tuple(f"{rev}: {p}" for p in s.problems)
                )
            )
    gone = {path: s.document for path, s in before.items() if s.document is not None}
    for path, document in sorted((p, s.document) for p, s in after.items() if s.document is not None):
        match = next((p for p, d in sorted(gone.items()) if d.ref == document.ref), None)
        if match is None and document.supersedes:
            match = next((p for p, d in sorted(gone.items()) if d.ref == document.supersedes), None)
        if match is not None:
            results.append(_compare(path, match, "renamed", gone.pop(match), document))
        else:
            results.append(_added(path, document))
    for path, document in sorted(gone.items()):
        results.append(
            DocumentDiff(
                path,
                None,
                "removed",
                document.ref,
                document.title,
                blueprints=tuple(BlueprintImpact(level, "removed") for level in _levels(document)),
            )
        )
    return CollectionDiff(old_rev, new_rev, tuple(sorted(results, key=lambda d: (d.path, d.action))))


def _invalid(path: str, a: _Side, b: _Side, old_rev: str, new_rev: str) -> DocumentDiff:
    problems = [f"{old_rev}: {p}" for p in a.problems if a.document is None]
    problems += [f"{new_rev}: {p}" for p in b.problems if b.document is None]
    known = b.document or a.document
    return DocumentDiff(
        path,
        path,
        "invalid",
        known.ref if known else None,
        known.title if known else None,
        problems=tuple(problems),
    )


def _added(path: str, document: Document) -> DocumentDiff:
    return DocumentDiff(
        path,
        None,
        "added",
        document.ref,
        document.title,
        blueprints=tuple(BlueprintImpact(level, "added") for level in _levels(document)),
    )


def _compare(path: str, old_path: str, action: str, old: Document, new: Document) -> DocumentDiff:
    changes = compare(old, new)
    verdict = Verdict.NOT_EQUIVALENT if any(c.substantive for c in changes) else Verdict.EQUIVALENT
    if type(old) is not type(new):
        verdict = Verdict.NOT_EQUIVALENT
    return DocumentDiff(
        path,
        old_path if action == "renamed" else None,
        action,
        new.ref,
        new.title,
        old_ref=old.ref if old.ref != new.ref else None,
        changes=tuple(changes),
        verdict=verdict,
        blueprints=tuple(blueprint_impact(old, new, changes)),
        published=old.status is Status.PUBLISHED,
    )


# --------------------------------------------------------------------------- matching


def match(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None, bool]]:
    """Pair the items of two lists by position and similarity; ``None`` on one side is an addition or removal.

    Runs of equal items are aligned first (difflib); a replaced run of the same length on both
    sides is an edit in place and pairs by position. What is left pairs by exact text (a move:
    the third element is True), then by similarity (best ratio ≥ PAIR_RATIO, in document order).
    """
    pairs: list[tuple[int, int, bool]] = []
    removed: list[int] = []
    added: list[int] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            pairs.extend((i, j, False) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            removed.extend(range(i1, i2))
            added.extend(range(j1, j2))
    for i in list(removed):
        j = next((j for j in added if new[j] == old[i]), None)
        if j is not None:
            removed.remove(i)
            added.remove(j)
            pairs.append((i, j, True))
    for i in list(removed):
        scored = [(_ratio(old[i], new[j]), -j) for j in added]
        if scored and max(scored)[0] >= PAIR_RATIO:
            j = -max(scored)[1]
            removed.remove(i)
            added.remove(j)
            pairs.append((i, j, False))
    result: list[tuple[int | None, int | None, bool]] = [*pairs]
    result += [(i, None, False) for i in removed]
    result += [(None, j, False) for j in added]
    return sorted(result, key=lambda p: (-1 if p[1] is None else p[1], -1 if p[0] is None else p[0]))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _line_text(line: Line) -> str:
    return line.text if line.importance == "X" else f"{line.text} ({line.importance})"


# --------------------------------------------------------------------------- documents


class _Collector:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(self, scope: str, label: str, action: str, old: Any, new: Any, substantive: bool) -> None:
        self.changes.append(Change(scope, label, action, _show(old), _show(new), substantive))

    def value(self, scope: str, label: str, old: Any, new: Any, substantive: bool = True) -> None:
        if old == new:
            return
        action = "added" if old is None else "removed" if new is None else "changed"
        self.add(scope, label, action, old, new, substantive)

    def lines(self, scope: str, label: str, old: Sequence[Line], new: Sequence[Line]) -> None:
        for i, j, moved in match([x.text for x in old], [x.text for x in new]):
            if i is None:
                self.add(scope, label, "added", None, _line_text(new[j]) if j is not None else None, True)
            elif j is None:
                self.add(scope, label, "removed", _line_text(old[i]), None, True)
            else:
                a, b = old[i], new[j]
                if a.text != b.text:
                    self.add(scope, label, "changed", a.text, b.text, _ratio(a.text, b.text) < WORDING_RATIO)
                if a.importance != b.importance:
                    self.add(
                        scope, f"{label} · 重要程度 · {b.text}", "changed", a.importance, b.importance, True
                    )
                if moved:
                    self.add(scope, label, "moved", a.text, b.text, False)

    def named(
        self,
        scope: str,
        label: str,
        old: Sequence[Any],
        new: Sequence[Any],
        name: Callable[[Any], str],
        inner: Callable[[str, Any, Any], None],
    ) -> None:
        """Items identified by a name (functions, contents, units): added, removed, renamed, then compared inside."""
        for i, j, moved in match([name(x) for x in old], [name(x) for x in new]):
            if i is None:
                self.add(scope, label, "added", None, name(new[j]) if j is not None else None, True)
            elif j is None:
                self.add(scope, label, "removed", name(old[i]), None, True)
            else:
                a, b = old[i], new[j]
                if name(a) != name(b):
                    self.add(
                        scope, label, "changed", name(a), name(b), _ratio(name(a), name(b)) < WORDING_RATIO
                    )
                if moved:
                    self.add(scope, label, "moved", name(a), name(b), False)
                inner(name(b), a, b)

    def requirements(self, scope: str, where: str, old: Any, new: Any) -> None:
        """技能要求 and 相关知识要求 of a 工作内容 or a 考核模块."""
        self.lines(scope, f"技能要求 · {where}", old.skills, new.skills)
        self.lines(scope, f"相关知识要求 · {where}", old.knowledge, new.knowledge)

    def table(
        self, scope: str, label: str, old: Mapping[str, Any], new: Mapping[str, Any], substantive: bool = True
    ) -> None:
        for key in [*old, *(k for k in new if k not in old)]:
            self.value(scope, f"{label} · {key}", old.get(key), new.get(key), substantive)


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Status):
        return f"{value.value} {STATUS_NAMES[value]}"
    if isinstance(value, Method):
        return f"{value.value} {METHOD_NAMES[value]}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(_show(v) or "" for v in value)
    if hasattr(value, "model_dump"):
        return json.dumps(
            value.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True
        )
    if isinstance(value, dict):
        return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def compare(old: Document, new: Document) -> list[Change]:
    """Every difference between two versions of a document, in document order."""
    c = _Collector()
    # Header: administrative, except the link to a qualification (it changes who may practise).
    for field in ("edition", "title", "status", "issuer", "issued", "supersedes", "notes"):
        c.value("header", field, getattr(old, field), getattr(new, field), substantive=False)
    oq, nq = old.qualification, new.qualification
    c.value("header", "qualification.item", oq and oq.item, nq and nq.item)
    c.value("header", "qualification.relation", oq and oq.relation, nq and nq.relation)
    c.value("header", "qualification.note", oq and oq.note, nq and nq.note, substantive=False)
    if isinstance(old, LevelledBody) and isinstance(new, LevelledBody):
        _levelled(c, old, new)
    elif isinstance(old, SpecialCompetency) and isinstance(new, SpecialCompetency):
        _special(c, old, new)
    else:
        c.value("header", "kind", old.KIND, new.KIND)
    return c.changes


def _levelled(c: _Collector, old: LevelledBody, new: LevelledBody) -> None:
    c.value("header", "occupation.code", old.occupation.code, new.occupation.code)
    c.value("header", "occupation.name", old.occupation.name, new.occupation.name, substantive=False)
    c.value("header", "occupation.definition", old.occupation.definition, new.occupation.definition, False)
    c.value("header", "levels", list(old.levels), list(new.levels))
    for field in ("profile", "training"):
        a, b = getattr(old, field, None), getattr(new, field, None)
        dump_a = a.model_dump(mode="json", exclude_none=True) if a is not None else {}
        dump_b = b.model_dump(mode="json", exclude_none=True) if b is not None else {}
        c.table("profile", field, dump_a, dump_b, substantive=False)
    # 基本要求
    c.lines("basics", "职业道德基本知识", old.basics.ethics.knowledge, new.basics.ethics.knowledge)
    c.lines("basics", "职业守则", old.basics.ethics.code_of_conduct, new.basics.ethics.code_of_conduct)
    c.named(
        "basics",
        "基础知识",
        old.basics.knowledge,
        new.basics.knowledge,
        lambda a: str(a.area),
        lambda name, a, b: c.lines("basics", f"基础知识 · {name}", a.items, b.items),
    )
    # 鉴定要求 that hold for every level
    oa, na = old.assessment, new.assessment
    c.value("assessment", "pass_mark 合格分数线", oa.pass_mark, na.pass_mark)
    c.value("assessment", "theory_items 理论试卷题量", oa.theory_items, na.theory_items)
    c.table("assessment", "ratios 配比", oa.ratios.model_dump(), na.ratios.model_dump())
    c.value("assessment", "venue 场所", oa.venue, na.venue, substantive=False)
    for component in ("theory", "skill", "review"):
        ov, nv = getattr(oa.durations, component), getattr(na.durations, component)
        if isinstance(ov, dict) or isinstance(nv, dict):
            for level in _ordered({*_keys(ov), *_keys(nv), *old.levels, *new.levels}):
                c.value(level, f"durations 鉴定时间 · {component}", _at(ov, level), _at(nv, level))
        else:
            c.value("assessment", f"durations 鉴定时间 · {component}", ov, nv)
    # Per level
    for level in _ordered({*old.levels, *new.levels, *old.work, *new.work}):

        def contents(function: str, a: Any, b: Any, level: Level = level) -> None:
            c.named(
                level,
                f"工作内容 · {function}",
                a.contents,
                b.contents,
                lambda w: str(w.name),
                lambda content, x, y: c.requirements(level, f"{function} / {content}", x, y),
            )

        old_work, new_work = old.work.get(level, []), new.work.get(level, [])
        c.named(level, "职业功能", old_work, new_work, lambda f: str(f.function), contents)
        for kind in ("theory", "skill"):
            ow, nw = getattr(old.weights, kind).get(level, {}), getattr(new.weights, kind).get(level, {})
            for key in [*ow, *(k for k in nw if k not in ow)]:
                c.value(level, f"{KIND_WORDS[kind]}权重 · {key}", ow.get(key), nw.get(key))
        c.lines(
            level,
            "eligibility 申报条件",
            [Line(text=e.text) for e in oa.eligibility.get(level, [])],
            [Line(text=e.text) for e in na.eligibility.get(level, [])],
        )
        oe = [e.model_dump(mode="json", exclude={"text"}) for e in oa.eligibility.get(level, [])]
        ne = [e.model_dump(mode="json", exclude={"text"}) for e in na.eligibility.get(level, [])]
        if len(oe) == len(ne) and oe != ne:
            c.value(
                level,
                "eligibility 申报条件 · 条件字段",
                json.dumps(oe, ensure_ascii=False),
                json.dumps(ne, ensure_ascii=False),
            )
        c.value(level, "methods 鉴定方式", oa.methods.get(level), na.methods.get(level))


def _special(c: _Collector, old: SpecialCompetency, new: SpecialCompetency) -> None:
    c.value("header", "region", old.region, new.region, substantive=False)
    c.value("header", "related_occupations", old.related_occupations, new.related_occupations)
    c.value("header", "description", old.description, new.description, substantive=False)
    c.named(
        "units",
        "考核模块",
        old.units,
        new.units,
        lambda u: str(u.name),
        lambda name, a, b: c.requirements("units", name, a, b),
    )
    c.table("units", "技能权重", old.weights.skill, new.weights.skill)
    c.table("units", "理论权重", old.weights.theory or {}, new.weights.theory or {})
    oa, na = old.assessment, new.assessment
    c.value("assessment", "methods 考核方式", oa.methods, na.methods)
    c.value("assessment", "pass_mark 合格分数线", oa.pass_mark, na.pass_mark)
    c.value("assessment", "theory_items 理论试卷题量", oa.theory_items, na.theory_items)
    c.table("assessment", "ratios 配比", _plain(oa.ratios), _plain(na.ratios))
    c.table("assessment", "durations 考核时间", _plain(oa.durations), _plain(na.durations))
    c.value("assessment", "venue 场所", oa.venue, na.venue, substantive=False)


def _keys(value: int | dict[Level, int] | None) -> set[Level]:
    return set(value) if isinstance(value, dict) else set()


def _at(value: int | dict[Level, int] | None, level: Level) -> int | None:
    return value.get(level) if isinstance(value, dict) else value


def _ordered(levels: Iterable[Level]) -> list[Level]:
    return sorted(set(levels), key=ladder.rank)


# --------------------------------------------------------------------------- blueprints


def _levels(document: Document) -> list[str]:
    return ["unit"] if isinstance(document, SpecialCompetency) else [str(level) for level in document.levels]


def theory_items(document: Document, level: str) -> dict[str, int]:
    """Items per theory section of a level's paper, as the blueprint apportions them (empty without theory)."""
    from stdkit.blueprint import apportion

    if isinstance(document, SpecialCompetency):
        column = document.weights.theory or {}
        if Method.THEORY not in document.assessment.methods or not column:
            return {}
        keys = [str(unit.name) for unit in document.units]
        counts = apportion(document.assessment.theory_items, [column.get(k, 0) for k in keys])
        return dict(zip(keys, counts, strict=True))
    lv = Level(level)
    if Method.THEORY not in document.assessment.methods.get(lv, []):
        return {}
    column = document.weights.theory.get(lv, {})
    keys = [ETHICS_KEY, BASICS_KEY, *(str(f.function) for f in document.work.get(lv, []))]
    counts = apportion(document.assessment.theory_items, [column.get(k, 0) for k in keys])
    return dict(zip(keys, counts, strict=True))


def blueprint_impact(old: Document, new: Document, changes: Sequence[Change]) -> list[BlueprintImpact]:
    """Which level blueprints change, and how their theory item counts move."""
    old_levels, new_levels = _levels(old), _levels(new)
    # Header fields (title, status …) are copied into every blueprint; so is everything not per level.
    everywhere = any(ch.scope in SCOPES and ch.scope != "profile" for ch in changes)
    touched = {ch.scope for ch in changes}
    impacts: list[BlueprintImpact] = []
    for level in [*old_levels, *(lv for lv in new_levels if lv not in old_levels)]:
        if level not in new_levels:
            impacts.append(BlueprintImpact(level, "removed"))
            continue
        if level not in old_levels:
            impacts.append(BlueprintImpact(level, "added"))
            continue
        if not (everywhere or level in touched):
            continue
        before, after = theory_items(old, level), theory_items(new, level)
        items = tuple(
            ItemCount(key, before.get(key), after.get(key))
            for key in [*before, *(k for k in after if k not in before)]
            if before.get(key) != after.get(key)
        )
        impacts.append(BlueprintImpact(level, "changed", items))
    order = {lv: n for n, lv in enumerate([*old_levels, *new_levels])}
    return sorted(impacts, key=lambda b: _level_rank(b.level, order))


def _level_rank(level: str, order: Mapping[str, int]) -> int:
    try:
        return ladder.rank(Level(level))
    except ValueError:
        return order.get(level, 0)


# --------------------------------------------------------------------------- rendering


def to_json(result: CollectionDiff) -> str:
    data = dataclasses.asdict(result)
    for document in data["documents"]:
        document["verdict"] = document["verdict"].value if document["verdict"] else None
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


ACTION_NAMES = {
    "added": "新增",
    "removed": "删除",
    "renamed": "改名/新版本",
    "modified": "修改",
    "invalid": "无法解析",
    "changed": "修改",
    "moved": "移动",
}


def _scope_title(scope: str) -> str:
    if scope in SCOPES:
        return SCOPES[scope]
    if scope == "unit":
        return "unit 专项职业能力"
    try:
        return f"{scope} {ladder.title(Level(scope))}"
    except ValueError:
        return scope


def _cell(text: str | None) -> str:
    if text is None:
        return "—"
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(result: CollectionDiff) -> str:
    out: list[str] = [f"## stdkit diff `{result.old_rev}` → `{result.new_rev}`", ""]
    if not result.documents:
        out += ["No document changed.", ""]
        return "\n".join(out)
    out += ["| 文件 | 文件标识 | 变更 | 结论 |", "|---|---|---|---|"]
    for d in result.documents:
        ident = " ".join(
            x for x in (f"`{d.ref}`" if d.ref else None, _cell(d.title) if d.title else None) if x
        )
        verdict = VERDICT_NAMES[d.verdict] if d.verdict else "—"
        count = f" ({len(d.changes)})" if d.changes else ""
        out.append(f"| `{d.path}` | {ident or '—'} | {ACTION_NAMES[d.action]}{count} | {verdict} |")
    out.append("")
    for d in result.documents:
        out += _document_markdown(d)
    return "\n".join(out)


def _document_markdown(d: DocumentDiff) -> list[str]:
    name = " ".join(x for x in (d.title, f"`{d.ref}`" if d.ref else None) if x) or f"`{d.path}`"
    out = [f"### {name}", ""]
    if d.action == "renamed":
        out.append(f"- 文件 `{d.old_path}` → `{d.path}`")
    else:
        out.append(f"- 文件 `{d.path}` ({ACTION_NAMES[d.action]})")
    if d.old_ref:
        out.append(f"- 版本 `{d.old_ref}` → `{d.ref}`")
    if d.problems:
        out += ["- 无法解析 (does not parse):", ""]
        out += [f"  - `{_cell(p)}`" for p in d.problems]
        out.append("")
        return out
    if d.verdict is not None:
        out.append(f"- **结论：{VERDICT_NAMES[d.verdict]}**")
    if d.verdict is Verdict.NOT_EQUIVALENT and d.action in ("modified", "renamed") and d.published:
        out.append(
            "- 已发布文件的不等效修改应另立新版本：写新的 `edition` 并以 `supersedes` 指向旧版本 "
            "(a not-equivalent change to a published document needs a new edition with `supersedes`)."
        )
    out.append("")
    scopes: dict[str, list[Change]] = {}
    for change in d.changes:
        scopes.setdefault(change.scope, []).append(change)
    for scope, changes in scopes.items():
        out += [f"#### {_scope_title(scope)}", ""]
        rows = ["| 项目 | 变更 | 原 → 新 | 实质 |", "|---|---|---|---|"]
        rows += [
            f"| {_cell(c.label)} | {ACTION_NAMES[c.action]} | {_values(c)} | {'是' if c.substantive else '否'} |"
            for c in changes
        ]
        out += _fold(rows, len(changes), "项变更")
        out.append("")
    if d.blueprints and d.action in ("added", "removed"):
        levels = ", ".join(_scope_title(b.level) for b in d.blueprints)
        out += [f"- 考试蓝图 (blueprints) {ACTION_NAMES[d.action]}: {levels}", ""]
    elif d.blueprints:
        out += ["#### 考试蓝图 (blueprints)", ""]
        rows = ["| 等级 | 变更 | 理论题量 |", "|---|---|---|"]
        for b in d.blueprints:
            moves = "; ".join(
                f"{_section_name(i.section)} {_count(i.old)} → {_count(i.new)}" for i in b.items
            )
            rows.append(
                f"| {_cell(_scope_title(b.level))} | {ACTION_NAMES[b.action]} | {_cell(moves) if moves else '—'} |"
            )
        out += _fold(rows, len(d.blueprints), "个蓝图")
        out.append("")
    return out


def _values(change: Change) -> str:
    if change.action == "added":
        return f"+ {_cell(change.new)}"
    if change.action == "removed":
        return f"− {_cell(change.old)}"
    if change.action == "moved":
        return f"↕ {_cell(change.new)}"
    return f"{_cell(change.old)} → {_cell(change.new)}"


def _section_name(key: str) -> str:
    return SECTION_TITLES.get(key, key)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _fold(rows: list[str], count: int, noun: str) -> list[str]:
    if count <= FOLD_AFTER:
        return rows
    return [f"<details><summary>{count} {noun}</summary>", "", *rows, "", "</details>"]


RENDERERS: dict[str, Callable[[CollectionDiff], str]] = {"markdown": to_markdown, "json": to_json}
