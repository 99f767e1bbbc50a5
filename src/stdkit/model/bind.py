"""Binding: loaded data → a document model, or schema diagnostics at the offending value (SCH1xx).

The model stage of the pipeline (load → model → checks → outputs): everything that turns YAML
into a document goes through :func:`bind`, so no caller has to reach up into ``checks/``.

pydantic reports an error location such as ``("work", "L9", "[key]")``; this module walks it
through the loaded data (dropping pydantic's union-member tags on the way) and looks the result
up in the source map. A missing field points at its parent's key; an unknown field at itself.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Sequence
from typing import Any

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
    detail="Unknown field `{name}`{suggestion}.",
    zh=Wording(
        "文件类型中没有这个字段（常为拼写错误）。",
        "请改为提示的字段名，或删除它；JSON Schema 列出了全部字段。",
        "未知字段 `{name}`{suggestion_zh}。",
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
    detail="`{wrong}` at {shown} is not a valid {what}{hint}: use {expected}.",
    zh=Wording(
        "值不在允许的取值之内（等级标识、状态、鉴定方式等）。",
        "请使用提示中列出的取值之一。",
        "{shown} 处的 `{wrong}` 不是有效的{what_zh}{hint_zh}：请使用 {expected}。",
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
    root = loaded.source.value(())
    if not isinstance(data, dict):
        return None, [_at(loaded, root, R_TYPE, variant="document", **_found(data))]
    kind_value = data.get("kind")
    kinds = [str(kind) for kind in Kind]
    if kind_value not in kinds:
        if kind_value is None:
            return None, [_at(loaded, root, R_KIND, variant="missing")]
        where = loaded.source.value(("kind",))
        suggestion = _suggestion(str(kind_value), kinds)
        return None, [_at(loaded, where, R_KIND, variant="unknown", value=kind_value, **suggestion)]
    model = MODELS[Kind(kind_value)]
    try:
        return model.model_validate(data), []
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
    errors = _merge_union_branches(loaded.data, errors)
    for error in errors:
        kind = error["type"]
        path, is_key, exists = _resolve(loaded.data, error["loc"], missing=kind == "missing")
        shown = ".".join(str(part) for part in path) or "(document)"
        value = error.get("input")
        if kind == "missing":
            parent = path[:-1]
            where = loaded.source.key(parent) if parent else loaded.source.value(())
            name = str(path[-1])
            title = _titles().get(name)
            under = ".".join(str(p) for p in parent)
            yield _at(
                loaded,
                where,
                R_MISSING,
                label=f"`{name}` ({title})" if title else f"`{name}`",
                label_zh=f"`{name}`（{title}）" if title else f"`{name}`",
                place=f" under `{under}`" if parent else "",
                place_zh=f"（位于 `{under}` 下）" if parent else "",
            )
        elif kind == "extra_forbidden":
            name = str(path[-1])
            yield _at(
                loaded,
                loaded.source.key(path),
                R_UNKNOWN_FIELD,
                name=name,
                **_suggestion(name, sorted(_titles())),
            )
        elif kind in ("enum", "literal_error"):
            where = loaded.source.key(path) if is_key else loaded.source.value(path)
            expected = error.get("ctx", {}).get("expected", "")
            wrong = path[-1] if is_key else value
            is_level = is_key or _looks_like_level(expected)
            hint = _suggestion(str(wrong), [level.value for level in Level]) if is_level else _NO_SUGGESTION
            yield _at(
                loaded,
                where,
                R_CHOICE,
                wrong=wrong,
                shown=shown,
                what="level id" if is_level else "value",
                what_zh="等级标识" if is_level else "取值",
                hint=hint["suggestion"],
                hint_zh=hint["suggestion_zh"],
                expected=expected,
            )
        elif kind == "union_tag_invalid":
            # A list of tagged shapes (routes): the wrong tag is the value of the discriminator field.
            ctx = error.get("ctx", {})
            field = str(ctx.get("discriminator", "kind")).strip("'")
            yield _at(
                loaded,
                loaded.source.value((*path, field)),
                R_CHOICE,
                wrong=ctx.get("tag"),
                shown=f"{shown}.{field}",
                what="value",
                what_zh="取值",
                hint="",
                hint_zh="",
                expected=ctx.get("expected_tags"),
            )
        elif kind == "string_pattern_mismatch":
            pattern = str(error.get("ctx", {}).get("pattern", ""))
            yield _at(
                loaded,
                loaded.source.value(path),
                R_FORMAT,
                variant="pattern",
                value=value,
                shown=shown,
                expected=_FORMATS.get(pattern, f"text matching {pattern}"),
                expected_zh=_FORMATS_ZH.get(pattern, f"符合 {pattern} 的文本"),
            )
        elif kind in ("too_short", "string_too_short"):
            yield _at(loaded, loaded.source.value(path), R_RANGE, variant="empty", shown=shown)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = error.get("ctx", {})
            yield _at(
                loaded,
                loaded.source.value(path),
                R_RANGE,
                variant="range",
                value=value,
                shown=shown,
                msg=error["msg"].lower(),
                msg_zh=_RANGE_ZH[kind].format(**{k: bound.get(k, "") for k in ("ge", "le", "gt", "lt")}),
            )
        elif kind in _TYPE_NAMES:
            names = list(error.get("ctx", {}).get("expected_names", [_TYPE_NAMES[kind]]))
            yield _at(
                loaded,
                loaded.source.value(path),
                R_FORMAT if kind.startswith("date") else R_TYPE,
                variant="value",
                shown=shown,
                expected=" or ".join(names),
                expected_zh="或".join(_TYPE_NAMES_ZH.get(name, name) for name in names),
                **_found(value),
            )
        else:
            where = loaded.source.value(path) if exists else loaded.source.key(path)
            yield _at(loaded, where, R_GENERIC, shown=shown, msg=error["msg"])


def _resolve(data: Any, loc: tuple[int | str, ...], *, missing: bool = True) -> tuple[Path_, bool, bool]:
    """Follow ``loc`` through the data; returns (path, the error is about a key, the path exists)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if part == "[key]":
            return tuple(path), True, True
        if isinstance(current, dict):
            match = next((key for key in current if key == part or str(key) == str(part)), _MISSING)
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


def _merge_union_branches(data: Any, errors: Sequence[ErrorDetails]) -> list[ErrorDetails]:
    """One message per value that fits no branch of a union such as ``int | dict[Level, int]``.

    pydantic reports every branch. A branch whose type does not match the value's shape at all is
    noise when another branch got further (deeper errors); otherwise the branches' expected types
    are joined: "must be a whole number or a mapping".
    """
    resolved = [(_resolve(data, e["loc"], missing=e["type"] == "missing")[0], e) for e in errors]
    kept: list[ErrorDetails] = []
    joined: dict[Path_, ErrorDetails] = {}
    for path, error in resolved:
        branch = len(error["loc"]) > len(path) and error["type"] in _TYPE_NAMES
        if not branch:
            kept.append(error)
            continue
        deeper = any(len(other) > len(path) and other[: len(path)] == path for other, _ in resolved)
        # A branch of the value's own shape failed on its value (150 for `int ≤ 100 | PassMarks`):
        # that finding says it all; the other branches' "must be a mapping" is noise.
        shaped = any(
            other == path and len(e["loc"]) > len(path) and e["type"] not in _TYPE_NAMES
            for other, e in resolved
        )
        if deeper or shaped:
            continue
        if path in joined:
            first = joined[path]
            names = first.get("ctx", {}).get("expected_names", [_TYPE_NAMES[first["type"]]])
            name = _TYPE_NAMES[error["type"]]
            if name not in names:
                names = [*names, name]
            joined[path] = {**first, "ctx": {**first.get("ctx", {}), "expected_names": names}}
        else:
            joined[path] = error
    return kept + list(joined.values())


@functools.cache
def _titles() -> dict[str, str]:
    """Every field name of every model → its Chinese title (for messages and suggestions)."""
    titles: dict[str, str] = {}
    pending: list[type[BaseModel]] = list(MODELS.values())
    done: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in done:
            continue
        done.add(model)
        for name, field in model.model_fields.items():
            titles.setdefault(name, field.title or "")
            pending.extend(_models_in(field.annotation))
    return titles


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    for meta in getattr(annotation, "__metadata__", ()) or ():
        yield from _models_in(meta)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)


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
