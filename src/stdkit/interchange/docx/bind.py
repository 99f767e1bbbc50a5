"""A draft bound to the model: the YAML mapping of what the text says, the carried data under it, and a
located DOC920 for each field the draft lacks or gives wrongly.

An export of stdkit carries the document's data (:data:`~stdkit.interchange.docx.write.SOURCE_PART`);
what the layout does not print (重要程度, the machine fields of 申报条件 …) is taken from it, and
everything printed is taken from the text, so edits made in Word win. That part is unseen in Word, so it
is data and never authority: a field no document has is dropped (DOC931), and a status is taken from
it only where the printed cover agrees (DOC930) — a draft never becomes published through it. Nothing
the YAML is written from may hold a number a document may not (it would make the file unreadable).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from stdkit.diagnostics import Diagnostic
from stdkit.interchange import layout, rules
from stdkit.interchange.docx.draft import DOCUMENT_NOTES, Draft, Function, WorkType
from stdkit.interchange.docx.package import shown
from stdkit.load import MAX_NUMBER
from stdkit.model import MODELS, Document, Status
from stdkit.model.common import FINAL, Kind

#: Unknown fields of the carried data reported one by one; the rest are counted in one finding.
MAX_DROPPED_SHOWN = 20
#: Rounds of dropping the carried data's unknown fields: one is enough unless a union hides a field.
_DROP_ROUNDS = 4


def bind(
    name: str, draft: Draft, hidden: dict[str, Any] | None, part: str, findings: list[Diagnostic]
) -> tuple[dict[str, Any], Document | None]:
    """The document's data and its model: the draft's text over the data it carried (``hidden``, from
    ``part``; None when it carried none), each finding added to ``findings``."""
    visible = mapping(draft)
    if hidden is not None and hidden.get("kind") == visible.get("kind"):
        data = _overlay(hidden, visible)
        data["status"] = _status(name, hidden, visible, findings)
    else:
        data, hidden = visible, None
    _numbers_in_bounds(name, data, draft.where, findings)
    document = _model(name, data, visible, draft.where, findings, part if hidden is not None else "")
    return data, document


# -- the draft as the YAML's mapping, in YAML order -------------------------------------------------


def mapping(draft: Draft) -> dict[str, Any]:
    """What the printed text says, as the YAML holds it: fields in the model's order, the draft's own
    order inside a field. A new document's status is draft."""
    cover = draft.cover
    data: dict[str, Any] = {"kind": draft.kind.value, "id": cover.id or draft.occupation.get("code")}
    for key, value in (("edition", cover.edition), ("title", cover.title)):
        if value is not None:
            data[key] = value
    data["status"] = Status.DRAFT.value
    for key, stated in (("issuer", cover.issuer), ("issued", cover.issued)):
        if stated is not None:
            data[key] = stated
    data.update(_notes(draft, DOCUMENT_NOTES))
    if draft.errata:
        data["errata"] = [
            {"date": e.date, **({"notice": e.notice} if e.notice else {}), "changes": e.changes}
            for e in draft.errata
        ]
    if draft.foreword:
        data["foreword"] = "\n".join(draft.foreword) + "\n"
    if draft.drafting:
        data["drafting"] = draft.drafting
    if draft.appendices:
        data["appendices"] = [{"title": a.title, "body": "\n".join(a.body) + "\n"} for a in draft.appendices]
    if draft.references:
        data["references"] = draft.references
    if draft.kind is Kind.SPECIAL_COMPETENCY:
        return data | _special(draft)
    return data | _levelled(draft)


def _special(draft: Draft) -> dict[str, Any]:
    special = draft.special
    units = [{"name": u.name, "skills": u.skills, "knowledge": u.knowledge} for u in special.units]
    fields: tuple[tuple[str, Any], ...] = (
        ("region", special.region),
        ("related_occupations", special.related_occupations),
        ("description", special.description),
        ("audience", special.audience),
        ("eligibility", special.eligibility),
        ("examiners", special.examiners),
        ("units", units),
        ("assessment", special.assessment),
        ("weights", special.weights),
    )
    return {key: value for key, value in fields if value}


def _levelled(draft: Draft) -> dict[str, Any]:
    levels = draft.levels if draft.level_text is not None else _work_levels(draft)
    fields: list[tuple[str, Any]] = [
        ("occupation", draft.occupation),
        ("levels", levels),
        ("talent_type", draft.talent_type),
        *((field, draft.cover.spec.get(field)) for field, _ in layout.SPEC_COVER),
        ("level_names", draft.level_names),
        ("profile", {**draft.profile, **_notes(draft, "profile.notes")}),
        ("training", {**draft.training, **_notes(draft, "training.notes")}),
        ("assessment", _assessment(draft)),
        ("basics", _basics(draft)),
        ("work", {level: _functions(functions) for level, functions in draft.work.items()}),
        ("weights", draft.weights),
        ("work_types", [_work_type(draft, work_type) for work_type in draft.work_types.values()]),
    ]
    # an evaluation spec's cover lines are kept as printed, even empty; the other fields when not empty
    return {key: value for key, value in fields if value or key in draft.cover.spec}


def _work_levels(draft: Draft) -> list[str]:
    """Without a 职业技能等级 line: the levels the 工作要求 tables are for, in their order."""
    types = (level for work_type in draft.work_types.values() for level in work_type.levels)
    return list(dict.fromkeys([*draft.work, *types]))


def _assessment(draft: Draft) -> dict[str, Any]:
    assessment: dict[str, Any] = {}
    if draft.eligibility or draft.footnotes:
        assessment["eligibility"] = {
            **draft.eligibility,
            **({"notes": draft.footnotes} if draft.footnotes else {}),
        }
    if draft.methods:
        assessment["methods"] = draft.methods
    assessment.update(draft.exam)
    for key, value in (("ratios", draft.ratios), ("durations", draft.durations), ("venue", draft.venue)):
        if value:
            assessment[key] = value
    return assessment | _notes(draft, "assessment.notes")


def _basics(draft: Draft) -> dict[str, Any]:
    basics: dict[str, Any] = {}
    if draft.ethics:
        basics["ethics"] = draft.ethics
    if draft.knowledge:
        basics["knowledge"] = [{"area": area.area, "items": area.items} for area in draft.knowledge]
    return basics | _notes(draft, "basics.notes")


def _notes(draft: Draft, field: str) -> dict[str, str]:
    """``{"notes": …}``: the paragraphs the draft keeps in ``field`` (DOC910), a line each; empty when none."""
    kept = draft.notes.get(field)
    return {"notes": "\n".join(kept)} if kept else {}


def _functions(functions: list[Function]) -> list[dict[str, Any]]:
    return [
        {
            "function": function.function,
            "contents": [
                {"name": c.name, "skills": c.skills, "knowledge": c.knowledge} for c in function.contents
            ],
        }
        for function in functions
    ]


def _work_type(draft: Draft, work_type: WorkType) -> dict[str, Any]:
    name = work_type.name
    data: dict[str, Any] = {"name": name}
    if work_type.code is not None:
        data["code"] = work_type.code
    data["levels"] = work_type.levels
    data["work"] = {level: _functions(functions) for level, functions in work_type.work.items()}
    weights = draft.type_weights.get(name)
    if weights:
        data["weights"] = weights
    if name in draft.type_eligibility:
        data["eligibility"] = draft.type_eligibility[name]
    if name in draft.type_hours:
        data["training_hours"] = draft.type_hours[name]
    return data


# -- the carried data under the text --------------------------------------------------------------


def _overlay(hidden: Any, visible: Any) -> Any:
    """The printed text (``visible``) over the exported data (``hidden``): printed values win; what the
    layout does not print (重要程度, machine fields) is kept where the text still matches. The status is
    not decided here (:func:`_status`)."""
    if isinstance(visible, dict) and isinstance(hidden, dict):
        merged = dict(hidden)
        for key, value in visible.items():
            merged[key] = _overlay(hidden.get(key), value)
        return merged
    if isinstance(visible, list) and isinstance(hidden, list) and len(visible) == len(hidden):
        return [_overlay(h, v) for h, v in zip(hidden, visible, strict=True)]
    if isinstance(visible, str) and isinstance(hidden, dict) and "text" in hidden:
        return hidden if hidden["text"] == visible else {**hidden, "text": visible}
    if isinstance(visible, dict) and isinstance(hidden, str) and set(visible) == {"text"}:
        return hidden if hidden == visible["text"] else visible
    if isinstance(visible, str) and isinstance(hidden, str) and visible.strip() == hidden.strip():
        return hidden
    if isinstance(visible, str) and isinstance(hidden, (int, float)) and str(hidden) == visible:
        return hidden
    return visible


def _status(name: str, hidden: dict[str, Any], visible: dict[str, Any], findings: list[Diagnostic]) -> str:
    """The status the import writes: draft, or the carried one where the printed cover agrees (else DOC930).

    The layout prints no status and nobody sees the carried data in Word, so that data proposes and the
    cover decides. A status at which a document is final (approved, published, superseded, withdrawn)
    is taken only when the cover prints the carried 文件标识, edition and 发布日期; a consultation draft
    only when it prints the carried 文件标识 and edition. So an exported standard comes back as it went
    out, and a draft whose hidden part says ``published`` comes back a draft.
    """
    claimed = hidden.get("status", Status.DRAFT.value)
    if claimed == Status.DRAFT.value:
        return Status.DRAFT.value
    known = {status.value for status in Status}
    same = all(
        visible.get(field) is not None and str(hidden.get(field)) == str(visible[field])
        for field in ("id", "edition")
    )
    if not isinstance(claimed, str) or claimed not in known:
        why, why_zh = "that is not a status", "这不是有效的状态"
    elif not same:
        why, why_zh = (
            "the printed cover does not show the same 文件标识 and edition",
            "打印出的封面没有显示相同的文件标识和版本",
        )
    elif Status(claimed) in FINAL and (
        visible.get("issued") is None or str(hidden.get("issued")) != str(visible["issued"])
    ):
        why, why_zh = "the printed cover does not show its 发布日期", "打印出的封面没有显示其发布日期"
    else:
        return claimed
    findings.append(rules.R_CARRIED_STATUS.at(name, 1, 1, status=shown(str(claimed)), why=why, why_zh=why_zh))
    return Status.DRAFT.value


# -- numbers a document may hold ------------------------------------------------------------------


def _numbers_in_bounds(
    name: str, data: dict[str, Any], where: dict[str, int], findings: list[Diagnostic]
) -> None:
    """Drop each number a document may not hold (beyond ±MAX_NUMBER, or not finite), a DOC920 at its section.

    The printed text gives such numbers, and so can the data an export carries (JSON holds integers of 64
    bits and floats up to 1.8e308); written into the YAML, one would make the whole document unreadable.
    """
    stack: list[tuple[dict[Any, Any] | list[Any], tuple[Any, ...]]] = [(data, ())]
    while stack:
        container, loc = stack.pop()
        items = list(container.items()) if isinstance(container, dict) else list(enumerate(container))
        for key, value in reversed(items):  # from the end, so that deleting keeps the indices before
            if isinstance(value, dict | list):
                stack.append((value, (*loc, key)))
            elif _beyond_bounds(value):
                del container[key]
                field = ".".join(str(part) for part in (*loc, key))
                findings.append(
                    rules.R_INCOMPLETE.at(
                        name,
                        _block_of(where, (*loc, key)),
                        1,
                        field=field,
                        problem=_TOO_LARGE,
                        problem_zh=_TOO_LARGE_ZH,
                    )
                )


def _beyond_bounds(value: Any) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and not abs(value) <= MAX_NUMBER  # `not <=`: NaN compares false


#: DOC920's problem for a number beyond the bound, in English and in Chinese.
_TOO_LARGE = f"the number is larger than {MAX_NUMBER:,} (or not finite), more than a document may hold"
_TOO_LARGE_ZH = f"数字大于 {MAX_NUMBER:,}（或不是有限的数），超出文档允许的范围"


# -- the model ------------------------------------------------------------------------------------


def _model(
    name: str,
    data: dict[str, Any],
    visible: dict[str, Any],
    where: dict[str, int],
    findings: list[Diagnostic],
    part: str,
) -> Document | None:
    """The model of ``data``; each field the draft lacks or gives wrongly is a DOC920 at its section.

    A field no document of the kind has, carried in the hidden part (``part``; empty when none was
    used), is dropped from ``data`` with a DOC931: it would otherwise reach the YAML unseen.
    """
    model = MODELS.get(Kind(data["kind"]))
    if model is None:  # pragma: no cover - the kind comes from the cover table
        return None
    dropped: list[str] = []
    document: Document | None = None
    errors: list[Any] = []
    for _ in range(_DROP_ROUNDS):
        try:
            document, errors = model.model_validate(data), []
        except ValidationError as exc:
            errors = list(exc.errors(include_url=False))
        unknown = [
            path
            for error in errors
            if part and error["type"] == "extra_forbidden"
            for path in [_carried_field(data, visible, error["loc"])]
            if path
        ]
        if not unknown:
            break
        for path in unknown:
            _remove(data, path)
            dropped.append(".".join(str(step) for step in path))
    _report_dropped(name, data, part, dropped, findings)
    for error in errors:
        field = ".".join(str(step) for step in error["loc"])
        problem_zh = _PROBLEMS_ZH.get(error["type"], f"取值不符合要求（{error['type']}）")
        findings.append(
            rules.R_INCOMPLETE.at(
                name,
                _block_of(where, error["loc"]),
                1,
                field=field,
                problem=error["msg"],
                problem_zh=problem_zh,
            )
        )
    return document


def _carried_field(data: dict[str, Any], visible: dict[str, Any], loc: tuple[Any, ...]) -> list[Any] | None:
    """The path in ``data`` of an unknown field pydantic reports at ``loc`` (whose steps may include a
    union member's tag, not in the data), when it came from the carried data and not from the text."""
    path: list[Any] = []
    current: Any = data
    for step in loc:
        found, value = _child(current, step)
        if found:
            path.append(step)
            current = value
    if not path or path[-1] != loc[-1] or not isinstance(path[-1], str):
        return None
    printed: Any = visible
    for step in path:  # printed text never gives an unknown field; should it, the model reports it
        found, printed = _child(printed, step)
        if not found:
            return path
    return None


def _child(holder: Any, step: Any) -> tuple[bool, Any]:
    """(True, ``holder[step]``) when the data has it: a key of a mapping, an index of a list."""
    if isinstance(holder, dict) and isinstance(step, str) and step in holder:
        return True, holder[step]
    if isinstance(holder, list) and isinstance(step, int) and 0 <= step < len(holder):
        return True, holder[step]
    return False, None


def _remove(data: dict[str, Any], path: list[Any]) -> None:
    holder: Any = data
    for step in path[:-1]:
        holder = holder[step]
    holder.pop(path[-1], None)


def _report_dropped(
    name: str, data: dict[str, Any], part: str, dropped: list[str], findings: list[Diagnostic]
) -> None:
    kind = Kind(data["kind"])
    words = {"part": shown(part), "kind": kind.value, "kind_zh": layout.COVER[kind]}
    for field in dropped[:MAX_DROPPED_SHOWN]:
        findings.append(rules.R_CARRIED_DATA.at(name, 1, 1, variant="key", field=shown(field), **words))
    if len(dropped) > MAX_DROPPED_SHOWN:
        more = len(dropped) - MAX_DROPPED_SHOWN
        findings.append(rules.R_CARRIED_DATA.at(name, 1, 1, variant="more", count=more, **words))


#: DOC920 in Chinese: pydantic's error types, in the words of a Chinese message; any other type is named.
_PROBLEMS_ZH = {
    "missing": "草案中没有此字段",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "too_short": "条目太少",
    "too_long": "条目太多",
    "list_type": "应为列表",
    "dict_type": "应为映射",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "literal_error": "不是允许的取值",
    "enum": "不是允许的取值",
    "string_pattern_mismatch": "格式不符合要求",
    "value_error": "取值不符合要求",
    "date_type": "应为日期",
    "date_parsing": "不是日历上的日期",
    "date_from_datetime_parsing": "不是日期",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}
#: The section where a field's finding points, by the field's first step (the cover, block 1, otherwise).
_FIELD_SECTIONS = {
    "occupation": layout.H_PROFILE,
    "levels": layout.H_LEVELS,
    "profile": layout.H_PROFILE,
    "training": layout.H_TRAINING,
    "assessment": layout.H_ASSESSMENT,
    "basics": layout.H_BASICS,
    "work": layout.H_WORK,
    "weights": layout.H_WEIGHTS,
    "units": layout.H_SC_CONTENT,
}


def _block_of(where: dict[str, int], loc: tuple[Any, ...]) -> int:
    section = _FIELD_SECTIONS.get(str(loc[0])) if loc else None
    return where.get(section or "", 1)
