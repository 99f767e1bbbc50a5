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

from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.ladder import Level
from stdkit.load import LoadedFile, Path_
from stdkit.model import MODELS, Document, Kind
from stdkit.model.common import ID_PATTERN, OCCUPATION_CODE_PATTERN, REF_PATTERN

R_GENERIC = rule(
    "SCH100",
    "schema",
    Severity.ERROR,
    "A value does not fit the schema.",
    "Correct the value as the message says.",
)
R_UNKNOWN_FIELD = rule(
    "SCH101",
    "schema",
    Severity.ERROR,
    "A field that the document kind does not have (often a typo).",
    "Rename the field to the one suggested, or remove it; the JSON Schema lists every field.",
    bad="titel: 电工",
    good="title: 电工",
)
R_MISSING = rule(
    "SCH102",
    "schema",
    Severity.ERROR,
    "A required field is missing.",
    "Add the field under the mapping shown; `stdkit new` scaffolds every required field.",
    bad="kind: occupational-standard\nid: 6-31-01-03\n# no title",
    good="title: 电工",
)
R_TYPE = rule(
    "SCH103",
    "schema",
    Severity.ERROR,
    "A value has the wrong type (e.g. a list where a mapping belongs).",
    "Write the value in the shape the message names.",
    bad="profile: [室内, 常温]",
    good="profile:\n  environment: 室内，常温。",
)
R_CHOICE = rule(
    "SCH104",
    "schema",
    Severity.ERROR,
    "A value is not one of the allowed choices (level id, status, method …).",
    "Use one of the values listed in the message.",
    bad="levels: [L5, L6]",
    good="levels: [L5, L4]",
)
R_FORMAT = rule(
    "SCH105",
    "schema",
    Severity.ERROR,
    "A value does not have the required format (code, id, reference, date).",
    "Write the value in the format the message shows.",
    bad="occupation:\n  code: 6-31-1-3",
    good="occupation:\n  code: 6-31-01-03",
)
R_KIND = rule(
    "SCH106",
    "schema",
    Severity.ERROR,
    "The document's `kind` is missing or unknown.",
    "Set `kind:` to occupational-standard, evaluation-spec or special-competency.",
    bad="kind: standard",
    good="kind: occupational-standard",
)
R_RANGE = rule(
    "SCH107",
    "schema",
    Severity.ERROR,
    "A number is out of range, or a list is empty.",
    "Use a value inside the range the message gives, or add at least one item.",
    bad="assessment:\n  pass_mark: 160",
    good="assessment:\n  pass_mark: 60",
)

_FORMATS = {
    OCCUPATION_CODE_PATTERN: "an occupation code of the 职业分类大典 such as 6-31-01-03 (or a 工种 code 6-30-05-01-014)",
    ID_PATTERN: "letters, digits, '.', '_' or '-', starting with a letter or digit (it becomes part of a URL)",
    REF_PATTERN: "a reference id@edition such as 6-31-01-03@2018",
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
        found = _describe(data)
        return None, [
            _diag(
                loaded, root, R_TYPE.code, f"A document is a mapping of fields, found {found}. {R_TYPE.fix}"
            )
        ]
    kind_value = data.get("kind")
    kinds = [str(kind) for kind in Kind]
    if kind_value not in kinds:
        if kind_value is None:
            where, what = root, "The document has no `kind:` field."
        else:
            where = loaded.source.value(("kind",))
            what = f"`kind: {kind_value}` is not a document kind{_suggest(str(kind_value), kinds)}."
        return None, [_diag(loaded, where, R_KIND.code, f"{what} {R_KIND.fix}")]
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
            label = f"`{name}` ({title})" if title else f"`{name}`"
            place = f" under `{'.'.join(str(p) for p in parent)}`" if parent else ""
            yield _diag(
                loaded, where, R_MISSING.code, f"Missing required field {label}{place}. {R_MISSING.fix}"
            )
        elif kind == "extra_forbidden":
            name = str(path[-1])
            suggestion = _suggest(name, sorted(_titles()))
            yield _diag(
                loaded,
                loaded.source.key(path),
                R_UNKNOWN_FIELD.code,
                f"Unknown field `{name}`{suggestion}. {R_UNKNOWN_FIELD.fix}",
            )
        elif kind in ("enum", "literal_error"):
            where = loaded.source.key(path) if is_key else loaded.source.value(path)
            expected = error.get("ctx", {}).get("expected", "")
            wrong = path[-1] if is_key else value
            what = "level id" if is_key or _looks_like_level(expected) else "value"
            hint = _suggest(str(wrong), [level.value for level in Level]) if what == "level id" else ""
            yield _diag(
                loaded,
                where,
                R_CHOICE.code,
                f"`{wrong}` at {shown} is not a valid {what}{hint}: use {expected}.",
            )
        elif kind == "string_pattern_mismatch":
            pattern = str(error.get("ctx", {}).get("pattern", ""))
            expected = _FORMATS.get(pattern, f"text matching {pattern}")
            yield _diag(
                loaded, loaded.source.value(path), R_FORMAT.code, f"`{value}` at {shown} is not {expected}."
            )
        elif kind in ("too_short", "string_too_short"):
            yield _diag(
                loaded, loaded.source.value(path), R_RANGE.code, f"{shown} is empty: write at least one item."
            )
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            yield _diag(
                loaded,
                loaded.source.value(path),
                R_RANGE.code,
                f"{value} at {shown}: {error['msg'].lower()}.",
            )
        elif kind in _TYPE_NAMES:
            code = R_FORMAT.code if kind.startswith("date") else R_TYPE.code
            yield _diag(
                loaded,
                loaded.source.value(path),
                code,
                f"{shown} must be {' or '.join(error.get('ctx', {}).get('expected_names', [_TYPE_NAMES[kind]]))}, "
                f"found {_describe(value)}.",
            )
        else:
            where = loaded.source.value(path) if exists else loaded.source.key(path)
            yield _diag(loaded, where, R_GENERIC.code, f"{shown}: {error['msg']}.")


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


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _looks_like_level(expected: str) -> bool:
    return "'L5'" in expected


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    text = str(value)
    return f"`{text if len(text) <= 40 else text[:40] + '…'}`"


def _diag(loaded: LoadedFile, where: tuple[int, int], code: str, message: str) -> Diagnostic:
    return Diagnostic(loaded.path, where[0], where[1], code, message)
