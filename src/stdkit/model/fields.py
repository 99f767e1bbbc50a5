"""The fields of the document models, found by walking their type annotations as pydantic walks the data.

Two questions that binding (:mod:`stdkit.model.bind`) asks of the models rather than of a document:
which fields the mapping at a pydantic error location has (to suggest the field an unknown one meant),
and every field's Chinese title (for messages). Apart from binding because they read only the models'
annotations, never loaded data or diagnostics.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from stdkit.model import MODELS


def fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> set[str] | None:
    """The fields (names and aliases) of the model whose mapping pydantic's ``loc`` ends at, or None.

    The annotations are followed as pydantic follows the data: a field's name into a model, a key into
    a mapping, an index into a list, and a union member's tag (its class name, or the value of its
    ``kind``) into that member. Where a union member's mapping itself holds the unknown field, every
    member's fields count: pydantic reports the field once per member it tried.
    """
    annotations: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for annotation in annotations:
            following.extend(_step(annotation, part))
        if not following:
            return None
        annotations = following
    fields: set[str] = set()
    for annotation in annotations:
        for member in _members(annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                fields.update(name for name in member.model_fields)
                fields.update(f.alias for f in member.model_fields.values() if f.alias)
    return fields or None


def _members(annotation: Any) -> list[Any]:
    """The types a value of ``annotation`` may have: Annotated and unions unwrapped, None left out."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [] if annotation is type(None) else [annotation]


def _step(annotation: Any, part: int | str) -> list[Any]:
    """What ``part`` of a location leads to from a value of ``annotation``."""
    members = _members(annotation)
    tagged = [member for member in members if _tag_of(member, part)]
    if len(members) > 1 and tagged:
        return tagged  # the union member pydantic names; the next part goes into it
    found: list[Any] = []
    for member in members:
        origin = typing.get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            field = member.model_fields.get(str(part)) or next(
                (f for f in member.model_fields.values() if f.alias == part), None
            )
            if field is not None:
                found.append(field.annotation)
        elif origin is dict:
            found.append(typing.get_args(member)[1])
        elif origin in (list, tuple) and isinstance(part, int):
            found.append(typing.get_args(member)[0])
    return found


def _tag_of(member: Any, part: int | str) -> bool:
    """Whether ``part`` is the tag pydantic gives ``member`` in a union: its class name or its ``kind``."""
    if not (isinstance(member, type) and issubclass(member, BaseModel)):
        return False
    if part == member.__name__:
        return True
    kind = member.model_fields.get("kind")
    return kind is not None and part in typing.get_args(kind.annotation)


@functools.cache
def field_titles() -> dict[str, str]:
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
