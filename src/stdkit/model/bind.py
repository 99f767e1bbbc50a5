"""Binding: loaded data → a document model, or schema diagnostics at the offending value (SCH1xx).

The model stage of the pipeline (load → model → checks → outputs): everything that turns YAML
into a document goes through :func:`bind`, so no caller has to reach up into ``checks/``.

pydantic reports an error location such as ``("work", "L9", "[key]")``; this module walks it
through the loaded data (dropping pydantic's union-member tags on the way) and looks the result
up in the source map. A missing field points at its parent's key; an unknown field at itself.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from stdkit.diagnostics import Diagnostic, Rule, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import LoadedFile, Path_
from stdkit.model import MODELS, Document, Kind
from stdkit.model.common import (
    EDITION_PATTERN,
    ID_PATTERN,
    OCCUPATION_CODE_PATTERN,
    PARTIAL_DATE_PATTERN,
    REF_PATTERN,
)
from stdkit.model.evaluation import BOTH_OCCUPATION_FIELDS
from stdkit.model.fields import field_titles, fields_at

R_GENERIC = rule(
    "SCH100",
    "schema",
    Severity.ERROR,
    "A value does not fit the schema.",
    "Correct the value as the message says.",
    detail="{shown}: {msg}.",
    zh=Wording("值不符合格式要求。", "请按提示更正该值。", "{shown}：{msg}。"),
    fix_in_detail=True,
)
R_UNKNOWN_FIELD = rule(
    "SCH101",
    "schema",
    Severity.ERROR,
    "A field that the document kind does not have (often a typo).",
    "Rename the field to the one suggested, or remove it; the JSON Schema lists every field.",
    detail={
        "one": "Unknown field `{name}`{suggestion}.",
        "more": "Unknown field `{name}`, and {more} more unknown fields after it in the same mapping "
        "(not listed one by one).",
    },
    zh=Wording(
        "文件类型中没有这个字段（常为拼写错误）。",
        "请改为提示的字段名，或删除它；JSON Schema 列出了全部字段。",
        {
            "one": "未知字段 `{name}`{suggestion_zh}。",
            "more": "未知字段 `{name}`；同一映射中其后还有 {more} 个未知字段（不再逐一列出）。",
        },
    ),
    bad="titel: 电工",
    good="title: 电工",
)
R_MISSING = rule(
    "SCH102",
    "schema",
    Severity.ERROR,
    "A required field is missing.",
    "Add the field under the mapping shown; `stdkit new` scaffolds every required field.",
    detail="Missing required field {label}{place}.",
    zh=Wording(
        "缺少必填字段。",
        "请在所示的映射下加入该字段；`stdkit new` 生成的模板含全部必填字段。",
        "缺少必填字段 {label_zh}{place_zh}。",
    ),
    bad="kind: occupational-standard\nid: 6-31-01-03\n# no title",
    good="title: 电工",
)
R_TYPE = rule(
    "SCH103",
    "schema",
    Severity.ERROR,
    "A value has the wrong type (e.g. a list where a mapping belongs).",
    "Write the value in the shape the message names.",
    detail={
        "document": "A document is a mapping of fields, found {found}.",
        "value": "{shown} must be {expected}, found {found}.",
    },
    zh=Wording(
        "值的类型不对（例如该写映射处写成了列表）。",
        "请按提示的形式书写该值。",
        {
            "document": "文件应是由字段组成的映射，实际为{found_zh}。",
            "value": "{shown} 应为{expected_zh}，实际为{found_zh}。",
        },
    ),
    bad="profile: [室内, 常温]",
    good="profile:\n  environment: 室内，常温。",
)
R_CHOICE = rule(
    "SCH104",
    "schema",
    Severity.ERROR,
    "A value is not one of the allowed choices (level id, status, method …).",
    "Use one of the values listed in the message.",
    detail="`{wrong}` at {shown} is not a valid {what}{hint}: use one of {expected}.",
    zh=Wording(
        "值不在允许的取值之内（等级标识、状态、鉴定方式等）。",
        "请使用提示中列出的取值之一。",
        "{shown} 处的 `{wrong}` 不是有效的{what_zh}{hint_zh}：请使用以下之一：{expected}。",
    ),
    fix_in_detail=True,
    bad="levels: [L5, L6]",
    good="levels: [L5, L4]",
)
R_FORMAT = rule(
    "SCH105",
    "schema",
    Severity.ERROR,
    "A value does not have the required format (code, id, reference, date).",
    "Write the value in the format the message shows.",
    detail={
        "pattern": "`{value}` at {shown} is not {expected}.",
        "value": "{shown} must be {expected}, found {found}.",
    },
    zh=Wording(
        "值的格式不对（编码、标识、引用、日期）。",
        "请按提示的格式书写该值。",
        {
            "pattern": "{shown} 处的 `{value}` 不是{expected_zh}。",
            "value": "{shown} 应为{expected_zh}，实际为{found_zh}。",
        },
    ),
    fix_in_detail=True,
    bad="occupation:\n  code: 6-31-1-3",
    good="occupation:\n  code: 6-31-01-03",
)
R_KIND = rule(
    "SCH106",
    "schema",
    Severity.ERROR,
    "The document's `kind` is missing or unknown.",
    "Set `kind:` to occupational-standard, evaluation-spec or special-competency.",
    detail={
        "missing": "The document has no `kind:` field.",
        "unknown": "`kind: {value}` is not a document kind{suggestion}.",
    },
    zh=Wording(
        "文件的 `kind` 缺失或无法识别。",
        "请把 `kind:` 设为 occupational-standard（职业标准）、evaluation-spec（评价规范）或 special-competency（专项职业能力考核规范）。",
        {"missing": "文件没有 `kind:` 字段。", "unknown": "`kind: {value}` 不是文件类型{suggestion_zh}。"},
    ),
    bad="kind: standard",
    good="kind: occupational-standard",
)
R_RANGE = rule(
    "SCH107",
    "schema",
    Severity.ERROR,
    "A number is out of range, or a list is empty.",
    "Use a value inside the range the message gives, or add at least one item.",
    detail={"empty": "{shown} is empty: write at least one item.", "range": "{value} at {shown}: {msg}."},
    zh=Wording(
        "数值超出范围，或列表为空。",
        "请使用提示范围内的值，或至少写一项。",
        {"empty": "{shown} 为空：请至少写一项。", "range": "{shown} 处的 {value} 超出范围：{msg_zh}。"},
    ),
    fix_in_detail=True,
    bad="assessment:\n  pass_mark: 160",
    good="assessment:\n  pass_mark: 60",
)
R_OCCUPATIONS = rule(
    "SCH108",
    "schema",
    Severity.ERROR,
    "An evaluation spec names one `occupation` and also `occupations` (a rule across occupations).",
    "Keep `occupation:` for a spec of one occupation, or `occupations:` (any, or a list of 大典 codes) for a "
    "rule across occupations, not both.",
    detail="`occupations` is given beside `occupation`: write one of them.",
    zh=Wording(
        "评价规范既写了单一职业 `occupation`，又写了适用于多个职业的 `occupations`。",
        "针对一个职业的评价规范写 `occupation:`；适用于多个职业的规则写 `occupations:`（any，或大典职业编码列表）；二者只写其一。",
        "已写 `occupation`，又写了 `occupations`：请只保留其一。",
    ),
    bad="occupation: {code: 4-01-06-02, name: 互联网营销师}\noccupations: any",
    good="occupations: any",
)

#: Unknown fields listed one by one in a mapping; past this, one more finding stands for the rest. A typo
#: or a block pasted at the wrong indentation gives a few; thousands are a generated file or an attack,
#: and listing each would bury every other finding (and the CI log) under them.
MAX_UNKNOWN_LISTED = 50

_FORMATS_ZH = {
    OCCUPATION_CODE_PATTERN: "职业分类大典的职业编码，如 6-31-01-03（或工种编码 6-30-05-01-014）",
    ID_PATTERN: "由字母、数字、'.'、'_'、'-' 组成且以字母或数字开头的标识（它会成为网址的一部分）",
    REF_PATTERN: "形如 6-31-01-03@2018 的引用（标识@版本）",
    PARTIAL_DATE_PATTERN: "日期 YYYY-MM-DD，或原文未写日时的 YYYY-MM",
}
_RANGE_ZH = {
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than_equal": "应小于或等于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
}
_TYPE_NAMES_ZH = {
    "a mapping (key: value lines)": "映射（「键: 值」各占一行）",
    "a list (lines starting with '- ')": "列表（以「- 」开头的行）",
    "text": "文本",
    "a whole number": "整数",
    "a number": "数字",
    "true or false": "true 或 false",
    "a date YYYY-MM-DD": "日期 YYYY-MM-DD",
}
_FORMATS = {
    OCCUPATION_CODE_PATTERN: "an occupation code of the 职业分类大典 such as 6-31-01-03 (or a 工种 code 6-30-05-01-014)",
    ID_PATTERN: "at most 64 letters, digits, '.', '_' or '-', starting with a letter or digit and not ending "
    "with '.' (it becomes part of a URL and a file name)",
    EDITION_PATTERN: "at most 32 letters, digits, '.', '_' or '-', such as 2018 or 2024.1 (it becomes a folder name)",
    REF_PATTERN: "a reference id@edition such as 6-31-01-03@2018",
    PARTIAL_DATE_PATTERN: "a date YYYY-MM-DD, or YYYY-MM where the source gives no day",
}
_TYPE_NAMES = {
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list (lines starting with '- ')",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "date_type": "a date YYYY-MM-DD",
    "date_parsing": "a date YYYY-MM-DD",
    "date_from_datetime_parsing": "a date YYYY-MM-DD",
    "date_from_datetime_inexact": "a date YYYY-MM-DD",
}


def bind(loaded: LoadedFile) -> tuple[Document | None, list[Diagnostic]]:
    """Turn loaded data into a document model; never raises on user input."""
    data = loaded.data
    if not isinstance(data, dict):
        return bind_as(loaded, MODELS[Kind.OCCUPATIONAL_STANDARD])  # not a mapping: said by bind_as
    kind_value = data.get("kind")
    kinds = [str(kind) for kind in Kind]
    if kind_value not in kinds:
        if kind_value is None:
            return None, [_at(loaded, loaded.source.value(()), R_KIND, variant="missing")]
        where = loaded.source.value(("kind",))
        suggestion = _suggestion(str(kind_value), kinds)
        return None, [_at(loaded, where, R_KIND, variant="unknown", value=kind_value, **suggestion)]
    return bind_as(loaded, MODELS[Kind(kind_value)])


Bound = TypeVar("Bound", bound=BaseModel)


def bind_as(loaded: LoadedFile, model: type[Bound]) -> tuple[Bound | None, list[Diagnostic]]:
    """Bind loaded data to ``model`` (a document's, or another file's such as a crosswalk) with located
    schema diagnostics; never raises on user input."""
    if not isinstance(loaded.data, dict):
        return None, [_at(loaded, loaded.source.value(()), R_TYPE, variant="document", **_found(loaded.data))]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        seen: set[tuple[int, int, str]] = set()
        found_diags: list[Diagnostic] = []
        for diagnostic in _diagnostics(loaded, model, exc.errors(include_url=False)):
            if (diagnostic.line, diagnostic.col, diagnostic.code) not in seen:
                seen.add((diagnostic.line, diagnostic.col, diagnostic.code))
                found_diags.append(diagnostic)
        return None, sorted(found_diags)


def _diagnostics(
    loaded: LoadedFile, model: type[BaseModel], errors: Sequence[ErrorDetails]
) -> Iterator[Diagnostic]:
    keys = _KeyIndex()
    resolved = _merge_union_branches(
        [(_resolve(loaded.data, e["loc"], keys, missing=e["type"] == "missing"), e) for e in errors]
    )
    unknown = _Unknown(model, resolved)
    for (path, is_key, exists), error in resolved:
        if error["type"] == "extra_forbidden":
            shown_as = unknown.shown_as(path)
            if shown_as is not None:  # None: past the one that stands for the rest of its mapping
                yield _unknown_field(_Case(loaded, path, is_key, exists, error), unknown, shown_as)
        else:
            yield _FINDING_OF_KIND.get(error["type"], _generic)(_Case(loaded, path, is_key, exists, error))


@dataclasses.dataclass(frozen=True, slots=True)
class _Case:
    """One error of pydantic, placed in the document: what each kind of finding is built from."""

    loaded: LoadedFile
    path: Path_
    is_key: bool  # the error is about a mapping's key, not its value
    exists: bool  # the path is in the document (a missing field's is not)
    error: ErrorDetails

    @property
    def shown(self) -> str:
        return ".".join(str(part) for part in self.path) or "(document)"

    @property
    def value(self) -> Any:
        return self.error.get("input")

    @property
    def ctx(self) -> dict[str, Any]:
        return self.error.get("ctx", {})

    def at(self, where: tuple[int, int], rule: Rule, **args: Any) -> Diagnostic:
        return _at(self.loaded, where, rule, **args)

    def at_value(self, rule: Rule, **args: Any) -> Diagnostic:
        return self.at(self.loaded.source.value(self.path), rule, **args)


def _missing(case: _Case) -> Diagnostic:
    # a missing field has no place of its own: it points at its parent's key (the document, at the top)
    parent = case.path[:-1]
    where = case.loaded.source.key(parent) if parent else case.loaded.source.value(())
    name = str(case.path[-1])
    title = field_titles().get(name)
    under = ".".join(str(p) for p in parent)
    return case.at(
        where,
        R_MISSING,
        label=f"`{name}` ({title})" if title else f"`{name}`",
        label_zh=f"`{name}`（{title}）" if title else f"`{name}`",
        place=f" under `{under}`" if parent else "",
        place_zh=f"（位于 `{under}` 下）" if parent else "",
    )


def _unknown_field(case: _Case, unknown: _Unknown, shown_as: str) -> Diagnostic:
    """SCH101 for an unknown field shown (``shown_as``: see :meth:`_Unknown.shown_as`)."""
    where = case.loaded.source.key(case.path)
    name = str(case.path[-1])
    if shown_as == "more":
        return case.at(where, R_UNKNOWN_FIELD, variant="more", name=name, more=unknown.after(case.path))
    suggestion = _suggestion(name, unknown.known(case.error["loc"]))
    return case.at(where, R_UNKNOWN_FIELD, variant="one", name=name, **suggestion)


def _choice(case: _Case) -> Diagnostic:
    # a level used as a mapping's key is wrong as a key: point at it, not at the value under it
    where = case.loaded.source.key(case.path) if case.is_key else case.loaded.source.value(case.path)
    # pydantic words the choices in English ('a', 'b' or 'c'): list them in either language alike
    expected = str(case.ctx.get("expected", "")).replace(" or ", ", ")
    wrong = case.path[-1] if case.is_key else case.value
    is_level = _looks_like_level(expected)
    hint = _suggestion(str(wrong), [level.value for level in Level]) if is_level else _NO_SUGGESTION
    return case.at(
        where,
        R_CHOICE,
        wrong=wrong,
        shown=case.shown,
        what="level id" if is_level else ("key" if case.is_key else "value"),
        what_zh="等级标识" if is_level else ("键" if case.is_key else "取值"),
        hint=hint["suggestion"],
        hint_zh=hint["suggestion_zh"],
        expected=expected,
    )


def _union_tag(case: _Case) -> Diagnostic:
    # A list of tagged shapes (routes): the wrong tag is the value of the discriminator field.
    field = str(case.ctx.get("discriminator", "kind")).strip("'")
    return case.at(
        case.loaded.source.value((*case.path, field)),
        R_CHOICE,
        wrong=case.ctx.get("tag"),
        shown=f"{case.shown}.{field}",
        what="value",
        what_zh="取值",
        hint="",
        hint_zh="",
        expected=case.ctx.get("expected_tags"),
    )


def _pattern(case: _Case) -> Diagnostic:
    pattern = str(case.ctx.get("pattern", ""))
    return case.at_value(
        R_FORMAT,
        variant="pattern",
        value=case.value,
        shown=case.shown,
        expected=_FORMATS.get(pattern, f"text matching {pattern}"),
        expected_zh=_FORMATS_ZH.get(pattern, f"符合 {pattern} 的文本"),
    )


def _empty(case: _Case) -> Diagnostic:
    return case.at_value(R_RANGE, variant="empty", shown=case.shown)


def _out_of_range(case: _Case) -> Diagnostic:
    bound = {k: case.ctx.get(k, "") for k in ("ge", "le", "gt", "lt")}
    return case.at_value(
        R_RANGE,
        variant="range",
        value=case.value,
        shown=case.shown,
        msg=case.error["msg"].lower(),
        msg_zh=_RANGE_ZH[case.error["type"]].format(**bound),
    )


def _wrong_type(case: _Case) -> Diagnostic:
    kind = case.error["type"]
    # a union's branches, merged, name every type the value could have had
    names = list(case.ctx.get("expected_names", [_TYPE_NAMES[kind]]))
    return case.at_value(
        R_FORMAT if kind.startswith("date") else R_TYPE,
        variant="value",
        shown=case.shown,
        expected=" or ".join(names),
        expected_zh="或".join(_TYPE_NAMES_ZH.get(name, name) for name in names),
        **_found(case.value),
    )


def _both_occupations(case: _Case) -> Diagnostic:
    return case.at(case.loaded.source.key(case.path), R_OCCUPATIONS)


def _generic(case: _Case) -> Diagnostic:
    where = case.loaded.source.value(case.path) if case.exists else case.loaded.source.key(case.path)
    return case.at(where, R_GENERIC, shown=case.shown, msg=case.error["msg"])


#: pydantic's error type → the finding that says it; any other type is SCH100 with pydantic's own message.
#: (``extra_forbidden`` is not here: an unknown field also needs the other unknown fields of its mapping.)
_FINDING_OF_KIND: dict[str, Callable[[_Case], Diagnostic]] = {
    "missing": _missing,
    BOTH_OCCUPATION_FIELDS: _both_occupations,
    "enum": _choice,
    "literal_error": _choice,
    "union_tag_invalid": _union_tag,
    "string_pattern_mismatch": _pattern,
    "too_short": _empty,
    "string_too_short": _empty,
    **dict.fromkeys(_RANGE_ZH, _out_of_range),
    **dict.fromkeys(_TYPE_NAMES, _wrong_type),
}


class _KeyIndex:
    """The key of a mapping that a pydantic location names, found without scanning the mapping.

    A location names a key as written (``"L5"``) or as text (``"2018"`` for the key 2018): the first is
    a dictionary lookup, the second a lookup in the mapping's keys as text, built once per mapping.
    Scanning instead cost a pass over the mapping per finding: 11,000 unknown keys took seconds.
    """

    def __init__(self) -> None:
        self._as_text: dict[int, tuple[dict[Any, Any], dict[str, Any]]] = {}

    def key(self, mapping: dict[Any, Any], part: str | int) -> Any:
        if part in mapping:
            return part
        held = self._as_text.get(id(mapping))
        if held is None:
            as_text: dict[str, Any] = {}
            for key in mapping:
                as_text.setdefault(str(key), key)
            # the mapping is held too, so that its id cannot be reused by another while the index lives
            held = self._as_text[id(mapping)] = (mapping, as_text)
        return held[1].get(str(part), _MISSING)


def _resolve(
    data: Any, loc: tuple[int | str, ...], keys: _KeyIndex, *, missing: bool = True
) -> tuple[Path_, bool, bool]:
    """Follow ``loc`` through the data; returns (path, the error is about a key, the path exists)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if part == "[key]":
            return tuple(path), True, True
        if isinstance(current, dict):
            match = keys.key(current, part)
            if match is not _MISSING:
                path.append(str(match))
                current = current[match]
                continue
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
            continue
        if index == len(loc) - 1 and missing:
            path.append(part)  # a missing field: the name of what is not there
            return tuple(path), False, False
        # otherwise a union-member tag such as 'constrained-int': not part of the document
    return tuple(path), False, True


_MISSING = object()
#: An error of pydantic with where it is in the document: (path, it is about a key, the path exists).
_Located = tuple[tuple[Path_, bool, bool], ErrorDetails]


def _merge_union_branches(errors: Sequence[_Located]) -> list[_Located]:
    """One message per value that fits no branch of a union such as ``int | dict[Level, int]``.

    pydantic reports every branch. A branch whose type does not match the value's shape at all is
    noise when another branch got further (deeper errors); otherwise the branches' expected types
    are joined: "must be a whole number or a mapping". Linear in the number of errors: what each
    error asks of all the others is gathered once, in sets.
    """
    # paths some other error lies below, and paths a branch of the value's own shape failed on its
    # value (150 for `int ≤ 100 | PassMarks`): there that finding says it all, and the other
    # branches' "must be a mapping" is noise
    above = {path[:end] for (path, _, _), _ in errors for end in range(len(path))}
    shaped = {
        path for (path, _, _), e in errors if len(e["loc"]) > len(path) and e["type"] not in _TYPE_NAMES
    }
    kept: list[_Located] = []
    joined: dict[Path_, _Located] = {}
    for where, error in errors:
        path = where[0]
        branch = len(error["loc"]) > len(path) and error["type"] in _TYPE_NAMES
        if not branch:
            kept.append((where, error))
            continue
        if path in above or path in shaped:
            continue
        if path in joined:
            first_where, first = joined[path]
            names = first.get("ctx", {}).get("expected_names", [_TYPE_NAMES[first["type"]]])
            name = _TYPE_NAMES[error["type"]]
            if name not in names:
                names = [*names, name]
            joined[path] = (first_where, {**first, "ctx": {**first.get("ctx", {}), "expected_names": names}})
        else:
            joined[path] = (where, error)
    return kept + list(joined.values())


class _Unknown:
    """The unknown fields of each mapping: which are listed one by one, and the fields each could have meant.

    Every mapping lists its first MAX_UNKNOWN_LISTED unknown fields, each with a suggestion; the next
    one stands for the rest (variant ``more``), and the others are not reported. Suggestions compare a
    name with the fields of the mapping's own model (a few dozen at most), looked up once per mapping,
    never with the other unknown keys: the work is linear in the number of unknown fields.
    """

    def __init__(self, model: type[BaseModel], errors: Sequence[_Located]) -> None:
        self._model = model
        self._order: dict[Path_, dict[Path_, int]] = {}  # mapping → its unknown fields, in order
        for (path, _, _), error in errors:
            if error["type"] == "extra_forbidden":
                fields = self._order.setdefault(path[:-1], {})
                fields.setdefault(path, len(fields))  # a field a union reports per branch counts once
        self._known: dict[tuple[int | str, ...], Sequence[str]] = {}

    def shown_as(self, path: Path_) -> str | None:
        """``one`` for a field listed on its own, ``more`` for the one that stands for the rest, or None."""
        fields = self._order.get(path[:-1], {})
        place = fields.get(path, 0)
        if len(fields) <= MAX_UNKNOWN_LISTED + 1 or place < MAX_UNKNOWN_LISTED:
            return "one"
        return "more" if place == MAX_UNKNOWN_LISTED else None

    def after(self, path: Path_) -> int:
        """How many unknown fields of the same mapping follow ``path``."""
        fields = self._order.get(path[:-1], {})
        return len(fields) - fields.get(path, 0) - 1

    def known(self, loc: tuple[int | str, ...]) -> Sequence[str]:
        """The field names the mapping of an unknown field at ``loc`` has (every model's, where unknown)."""
        parent = loc[:-1]
        names = self._known.get(parent)
        if names is None:
            found = fields_at(self._model, parent)
            names = self._known[parent] = sorted(found) if found else sorted(field_titles())
        return names


_NO_SUGGESTION = {"suggestion": "", "suggestion_zh": ""}


def _suggestion(word: str, choices: Sequence[str]) -> dict[str, str]:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        return _NO_SUGGESTION
    return {"suggestion": f" (did you mean `{close[0]}`?)", "suggestion_zh": f"（是否想写 `{close[0]}`？）"}


def _looks_like_level(expected: str) -> bool:
    return "'L5'" in expected


def _found(value: Any) -> dict[str, str]:
    """What was written instead, in both languages."""
    if value is None:
        return {"found": "nothing", "found_zh": "空"}
    if isinstance(value, dict):
        return {"found": "a mapping", "found_zh": "映射"}
    if isinstance(value, list):
        return {"found": "a list", "found_zh": "列表"}
    if isinstance(value, bool):
        shown = f"`{str(value).lower()}`"
    else:
        text = str(value)
        shown = f"`{text if len(text) <= 40 else text[:40] + '…'}`"
    return {"found": shown, "found_zh": shown}


def _at(loaded: LoadedFile, where: tuple[int, int], rule: Rule, **args: Any) -> Diagnostic:
    return rule.at(loaded.path, where[0], where[1], **args)
