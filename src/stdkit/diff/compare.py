"""Two versions of one document → the list of :class:`~stdkit.diff.model.Change` between them.

Lines are matched by position and similarity (see :func:`match`); every field of the authoring
format that a reviewer cares about is compared, and each change says whether it is substantive.
"""

from __future__ import annotations

import difflib
import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from stdkit import ladder
from stdkit.blueprint import appointment_groups
from stdkit.diff.model import (
    KIND_WORDS,
    PAIR_RATIO,
    WORDING_RATIO,
    Change,
)
from stdkit.ladder import Level
from stdkit.model import Document, EvaluationSpec, LevelledBody, Line, SpecialCompetency
from stdkit.model.common import (
    METHOD_NAMES,
    STATUS_NAMES,
    Header,
    Method,
    QualificationLink,
    Status,
)
from stdkit.model.evaluation import ROUTE_NAMES, CompetitionRoute, GradingRoute, Route, RouteKind
from stdkit.model.standard import QUESTION_TYPE_NAMES, Module, Occupation, Papers, PassMarks, pass_mark_of
from stdkit.papers import number
from stdkit.wording import ratio

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
        scored = [(ratio(old[i], new[j]), -j) for j in added]
        if scored and max(scored)[0] >= PAIR_RATIO:
            j = -max(scored)[1]
            removed.remove(i)
            added.remove(j)
            pairs.append((i, j, False))
    result: list[tuple[int | None, int | None, bool]] = [*pairs]
    result += [(i, None, False) for i in removed]
    result += [(None, j, False) for j in added]
    return sorted(result, key=lambda p: (-1 if p[1] is None else p[1], -1 if p[0] is None else p[0]))


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
                    self.add(scope, label, "changed", a.text, b.text, ratio(a.text, b.text) < WORDING_RATIO)
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
                        scope, label, "changed", name(a), name(b), ratio(name(a), name(b)) < WORDING_RATIO
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
        c.value("header", _titled(Header, field), getattr(old, field), getattr(new, field), substantive=False)
    oq, nq = old.qualification, new.qualification
    link = _titled(Header, "qualification")
    c.value("header", f"{link} · {_titled(QualificationLink, 'item')}", oq and oq.item, nq and nq.item)
    c.value(
        "header", f"{link} · {_titled(QualificationLink, 'relation')}", oq and oq.relation, nq and nq.relation
    )
    c.value(
        "header",
        f"{link} · {_titled(QualificationLink, 'note')}",
        oq and oq.note,
        nq and nq.note,
        substantive=False,
    )
    _front_matter(c, old, new)
    if isinstance(old, EvaluationSpec) and isinstance(new, EvaluationSpec):
        _routes(c, old, new)
    if isinstance(old, LevelledBody) and isinstance(new, LevelledBody):
        _levelled(c, old, new)
    elif isinstance(old, SpecialCompetency) and isinstance(new, SpecialCompetency):
        _special(c, old, new)
    else:
        c.value("header", "kind 文件类型", old.KIND, new.KIND)
    return c.changes


def _occupation(c: _Collector, old: LevelledBody, new: LevelledBody) -> None:
    """职业 (code, name, definition), or 适用职业 of a rule across occupations."""
    job = _titled(LevelledBody, "occupation")
    oo, no = old.occupation, new.occupation  # None in a rule across occupations
    c.value("header", f"{job} · {_titled(Occupation, 'code')}", oo and oo.code, no and no.code)
    c.value("header", f"{job} · {_titled(Occupation, 'name')}", oo and oo.name, no and no.name, False)
    c.value(
        "header",
        f"{job} · {_titled(Occupation, 'definition')}",
        oo and oo.definition,
        no and no.definition,
        False,
    )
    if isinstance(old, EvaluationSpec) and isinstance(new, EvaluationSpec):
        c.value("header", _titled(EvaluationSpec, "occupations"), old.occupations, new.occupations)


def _levelled(c: _Collector, old: LevelledBody, new: LevelledBody) -> None:
    _occupation(c, old, new)
    c.value("header", _titled(LevelledBody, "levels"), list(old.levels), list(new.levels))
    for field in ("profile", "training"):
        a, b = getattr(old, field, None), getattr(new, field, None)
        dump_a = a.model_dump(mode="json", exclude_none=True) if a is not None else {}
        dump_b = b.model_dump(mode="json", exclude_none=True) if b is not None else {}
        c.table("profile", field, dump_a, dump_b, substantive=False)
    # 基本要求
    ob, nb = old.basics, new.basics  # None in a draft that has not written them yet
    c.lines(
        "basics", "职业道德基本知识", ob.ethics.knowledge if ob else [], nb.ethics.knowledge if nb else []
    )
    c.lines(
        "basics", "职业守则", ob.ethics.code_of_conduct if ob else [], nb.ethics.code_of_conduct if nb else []
    )
    c.named(
        "basics",
        "基础知识",
        ob.knowledge if ob else [],
        nb.knowledge if nb else [],
        lambda a: str(a.area),
        lambda name, a, b: c.lines("basics", f"基础知识 · {name}", a.items, b.items),
    )
    c.value("basics", "notes 备注", ob.notes if ob else None, nb.notes if nb else None, substantive=False)
    # 鉴定要求 that hold for every level
    oa, na = old.assessment, new.assessment
    used = {m for methods in (*oa.methods.values(), *na.methods.values()) for m in methods}
    _pass_marks(c, oa.pass_mark, na.pass_mark, used)
    _assessment_extras(c, old, new)
    c.value("assessment", "theory_items 理论试卷题量", oa.theory_items, na.theory_items)
    c.table("assessment", "ratios 配比", oa.ratios.model_dump(), na.ratios.model_dump())
    c.value("assessment", "venue 场所", oa.venue, na.venue, substantive=False)
    c.value("assessment", "notes 备注", oa.notes, na.notes, substantive=False)
    for component in ("theory", "skill", "review", "performance"):
        ov, nv = getattr(oa.durations, component), getattr(na.durations, component)
        if isinstance(ov, dict) or isinstance(nv, dict):
            for level in _ordered({*_keys(ov), *_keys(nv), *old.levels, *new.levels}):
                c.value(level, f"durations 鉴定时间 · {component}", _at(ov, level), _at(nv, level))
        else:
            c.value("assessment", f"durations 鉴定时间 · {component}", ov, nv)
    _papers(c, oa.papers, na.papers)
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
    _work_types(c, old, new)


def _work_types(c: _Collector, old: LevelledBody, new: LevelledBody) -> None:
    """Each 工种 (matched by name) at its own levels, scoped by its blueprint key (``001/L3``) so that
    the blueprint impact names that 工种's blueprint; labels start with the 工种's name."""
    c.value("header", "work_types 工种", [w.name for w in old.work_types], [w.name for w in new.work_types])
    before = {w.name: (i, w) for i, w in enumerate(old.work_types)}
    after = {w.name: (i, w) for i, w in enumerate(new.work_types)}
    for name in [*before, *(n for n in after if n not in before)]:
        a, b = before.get(name), after.get(name)
        if a is not None and b is not None:
            c.value("header", f"工种 · {name} · 工种编码", a[1].code, b[1].code)
            c.value("header", f"工种 · {name} · 适用等级", list(a[1].levels), list(b[1].levels))
        chosen = b or a
        assert chosen is not None  # the name came from one of the two
        index, work_type = chosen
        wa, wb = (a[1] if a else None), (b[1] if b else None)
        for level in _ordered({*(wa.levels if wa else []), *(wb.levels if wb else [])}):
            scope = f"{work_type.key(index)}/{level}"

            def contents(function: str, x: Any, y: Any, scope: str = scope, name: str = name) -> None:
                c.named(
                    scope,
                    f"{name} · 工作内容 · {function}",
                    x.contents,
                    y.contents,
                    lambda w: str(w.name),
                    lambda content, p, q: c.requirements(scope, f"{name} · {function} / {content}", p, q),
                )

            c.named(
                scope,
                f"{name} · 职业功能",
                wa.work.get(level, []) if wa else [],
                wb.work.get(level, []) if wb else [],
                lambda f: str(f.function),
                contents,
            )
            for kind in ("theory", "skill"):
                ow = getattr(wa.weights, kind).get(level, {}) if wa else {}
                nw = getattr(wb.weights, kind).get(level, {}) if wb else {}
                c.table(scope, f"{name} · {KIND_WORDS[kind]}权重", ow, nw)
            c.lines(
                scope,
                f"{name} · eligibility 申报条件",
                [Line(text=e.text) for e in (wa.eligibility.get(level, []) if wa else [])],
                [Line(text=e.text) for e in (wb.eligibility.get(level, []) if wb else [])],
            )


def _special(c: _Collector, old: SpecialCompetency, new: SpecialCompetency) -> None:
    c.value("header", _titled(SpecialCompetency, "region"), old.region, new.region, substantive=False)
    c.value(
        "header",
        _titled(SpecialCompetency, "related_occupations"),
        old.related_occupations,
        new.related_occupations,
    )
    c.value(
        "header",
        _titled(SpecialCompetency, "description"),
        old.description,
        new.description,
        substantive=False,
    )
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
    _pass_marks(c, oa.pass_mark, na.pass_mark, {*oa.methods, *na.methods})
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


# --------------------------------------------------------------------------- front matter and routes


def _front_matter(c: _Collector, old: Document, new: Document) -> None:
    """说明, 发布通知, 编制与审定, 附录, 参考文献: administrative, as printed; never substantive."""
    c.value("header", "foreword 说明", old.foreword, new.foreword, substantive=False)
    c.value(
        "header",
        "classification_edition 大典版本",
        old.classification_edition,
        new.classification_edition,
        False,
    )
    op, np_ = old.publication, new.publication
    c.value("header", "publication.notice 文号", op and op.notice, np_ and np_.notice, substantive=False)
    c.value("header", "publication.effective 施行日期", op and op.effective, np_ and np_.effective, False)
    od, nd = old.drafting, new.drafting
    c.value("header", "drafting.organiser 组织编制", od and od.organiser, nd and nd.organiser, False)
    for field, name in (
        ("units", "主要起草单位"),
        ("authors", "主要起草人"),
        ("reviewing_units", "审定单位"),
        ("reviewers", "审定人员"),
    ):
        a = getattr(od, field) if od else []
        b = getattr(nd, field) if nd else []
        c.value("header", f"drafting.{field} {name}", a or None, b or None, substantive=False)
    c.table(
        "header",
        "appendices 附录",
        {a.title: a.body for a in old.appendices},
        {a.title: a.body for a in new.appendices},
        substantive=False,
    )
    c.value("header", "references 参考文献", old.references or None, new.references or None, False)


def _route_name(route: Route) -> str:
    """How a reviewer recognises a route across versions: its kind and its competition or levels."""
    kind = ROUTE_NAMES[RouteKind(route.kind)]
    if isinstance(route, CompetitionRoute):
        return f"{kind} · {route.name}"
    if isinstance(route, GradingRoute):
        return f"{kind} · {'、'.join(route.levels)}"
    return f"{kind} · {route.level}"


def _titled(model: type[BaseModel], field: str) -> str:
    """A field's label in a diff: its key, as the author writes it, and its Chinese title (``status 状态``)."""
    info = model.model_fields[field]
    return f"{info.alias or field} {info.title}" if info.title else field


def _route_fields(route: Route) -> dict[str, Any]:
    """A route's fields as written, each labelled with its Chinese title (``rank 获奖名次``)."""
    names = {info.alias or name: name for name, info in type(route).model_fields.items()}
    return {
        _titled(type(route), names[key]): value
        for key, value in route.model_dump(mode="json", by_alias=True, exclude_none=True).items()
    }


def _routes(c: _Collector, old: EvaluationSpec, new: EvaluationSpec) -> None:
    """Routes decide who reaches a level without the exam: every addition, removal and change is substantive."""

    def inner(name: str, a: Route, b: Route) -> None:
        c.table("assessment", f"routes 其他评价途径 · {name}", _route_fields(a), _route_fields(b))

    c.named("assessment", "routes 其他评价途径", old.routes, new.routes, _route_name, inner)


# -- assessment: pass marks per component, composite, qualifiers, 注, 评聘 ----------------------------


def _pass_marks(
    c: _Collector, old: int | PassMarks | None, new: int | PassMarks | None, used: set[Method]
) -> None:
    """One number (or none) on both sides as before; once either side gives marks per component, compare
    each used component."""
    if not isinstance(old, PassMarks) and not isinstance(new, PassMarks):
        c.value("assessment", "pass_mark 合格分数线", old, new)
        return
    for method in Method:
        if method in used:
            c.value(
                "assessment",
                f"pass_mark 合格分数线 · {method.value}",
                pass_mark_of(old, method),
                pass_mark_of(new, method),
            )


def _assessment_extras(c: _Collector, old: LevelledBody, new: LevelledBody) -> None:
    oa, na = old.assessment, new.assessment
    c.value("assessment", "composite 综合成绩", oa.composite, na.composite)
    c.value(
        "assessment", "durations 鉴定时间 · at_least 不少于", oa.durations.at_least, na.durations.at_least
    )
    c.value(
        "assessment",
        "eligibility_notes 申报条件注",
        oa.eligibility_notes,
        na.eligibility_notes,
        substantive=False,
    )
    if not (isinstance(old, EvaluationSpec) and isinstance(new, EvaluationSpec)):
        return
    for level in (Level.PRINCIPAL, Level.CHIEF):
        oa_ = old.appointment.for_level(level) if old.appointment else None
        na_ = new.appointment.for_level(level) if new.appointment else None
        c.value(level, "appointment 评聘条件", _criteria(old, level), _criteria(new, level))
        c.value(level, "appointment 聘期（年）", oa_ and oa_.term_years, na_ and na_.term_years)
        c.value(level, "appointment 名额", oa_ and oa_.quota, na_ and na_.quota)
        c.value(
            level, "appointment 评聘程序", oa_ and oa_.procedure, na_ and na_.procedure, substantive=False
        )


def _criteria(document: EvaluationSpec, level: Level) -> str | None:
    appointment = document.appointment.for_level(level) if document.appointment else None
    if appointment is None:
        return None
    groups = appointment_groups(document.ref, level, appointment.criteria)
    return "；".join(
        f"{g.name or ''}{'全部' if g.rule == 'all' else f'任{g.required}项'}："
        + "、".join(x.text for x in g.criteria)
        for g in groups
    )


# -- 试卷结构 (assessment.papers): one readable line per paper, so a reviewer sees what an engine will assemble


def _papers(c: _Collector, old: Papers | None, new: Papers | None) -> None:
    def theory(papers: Papers | None) -> dict[str, str]:
        if papers is None or papers.theory is None:
            return {}
        found = {
            key: "；".join(
                f"{QUESTION_TYPE_NAMES[b.type]} {b.count}×{number(b.points)}分"
                + (f"（{b.scoring}）" if b.scoring else "")
                for b in blocks
            )
            for key, blocks in papers.theory.given()
        }
        if papers.theory.difficulty is not None:
            d = papers.theory.difficulty
            found["difficulty"] = f"容易 {d.easy}% / 中等 {d.medium}% / 较难 {d.hard}%"
        return found

    def skill(papers: Papers | None) -> dict[str, str]:
        if papers is None:
            return {}

        def shown(m: Module) -> str:
            return f"{m.module} {number(m.points)}分" + (f" {m.minutes}分钟" if m.minutes else "")

        return {
            str(level): "；".join(
                [f"必考 {shown(m)}" for m in paper.required]
                + [
                    f"选考（{len(g.modules)}选{g.draw}，{g.by}）" + "、".join(shown(m) for m in g.modules)
                    for g in paper.choose
                ]
            )
            for level, paper in papers.skill.items()
        }

    c.table("assessment", "papers 试卷结构 · theory", theory(old), theory(new))
    c.table("assessment", "papers 试卷结构 · skill", skill(old), skill(new))
