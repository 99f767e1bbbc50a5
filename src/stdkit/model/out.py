"""The base of every output model (blueprints, the index, pointers): closed shapes, immutable, and
fields added after 1.0 left out when unused."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


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

    @staticmethod
    def unused(value: object) -> bool:
        """Whether an ``OMITTED_WHEN_NONE`` field's value is left out: None or an empty list, so older documents
        keep byte-identical blueprints (a model may say otherwise)."""
        return value is None or value == []

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # each omitted field told to pydantic itself (exclude_if, read when the deferred schema is built): a
        # serializer wrapped around every model was a Python call per object dumped, 6 % of a build's workers
        super().__pydantic_init_subclass__(**kwargs)
        for name in cls.OMITTED_WHEN_NONE:
            cls.model_fields[name].exclude_if = cls.unused
