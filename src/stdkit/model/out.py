"""The base of every output model (blueprints, the index, pointers): closed shapes, immutable, and
fields added after 1.0 left out when unused."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer


class Out(BaseModel):
    """Base of every output model: closed shapes, immutable.

    Fields named in ``OMITTED_WHEN_NONE`` were added after 1.0 and are optional: they are left out
    of the JSON when the document does not use them (rather than written as null or []), so the
    blueprint of a document that uses none of them keeps its bytes and its sha256.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    OMITTED_WHEN_NONE: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _omit_unused(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if self.OMITTED_WHEN_NONE and isinstance(data, dict):
            for name in self.OMITTED_WHEN_NONE:
                if name in data and _absent(data[name]):
                    del data[name]
        return data


def _absent(value: object) -> bool:
    """Fields added after 1.0 are left out when empty, so older documents keep byte-identical blueprints."""
    return value is None or value == []
