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

    # defer_build: the validators are built when a blueprint is first made, not when this module is
    # imported: the document rules import it (through stdkit.papers) and never make one, and building
    # them all cost ≈ 0.05 s of every command's start-up (stdkit validate among them)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
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
