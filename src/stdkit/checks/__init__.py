"""The rule registry: which rule families run on one document, and which on the whole collection.

Adding a rule family is one import and one entry below. Document checks take an :class:`Entry`,
collection checks a :class:`Collection`; both yield diagnostics and never mutate anything. The
order in which they run, severities and suppressions belong to :mod:`stdkit.pipeline`, so checks
stay unaware of configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from stdkit.checks import catalogue, content, ladder, overlap, references, weights
from stdkit.collection import Collection, Entry
from stdkit.diagnostics import Diagnostic

DocumentCheck = Callable[[Entry], Iterable[Diagnostic]]
CollectionCheck = Callable[[Collection], Iterable[Diagnostic]]

DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (ladder.check, weights.check, content.check)
COLLECTION_CHECKS: tuple[CollectionCheck, ...] = (catalogue.check, overlap.check, references.check)
