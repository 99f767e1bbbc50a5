"""Crosswalks between editions (新旧版本对照): read, locate and ask about ``crosswalks/*.yaml``.

One file per superseding edition, ``crosswalks/<id>_<old>_<new>.yaml`` at the collection's root (beside
``standards/`` and ``releases/``), says which line of the old edition became which line of the new one
(:mod:`stdkit.model.crosswalk`: rows of codes with a :class:`Relation`). A crosswalk is not a document: it
never enters the collection, the blueprints or the site's document pages. This module reads the files with
stdkit's own loader (positions, hostile-input limits; symbolic links out of the repository refused as for
documents) and binds them to the model with located schema diagnostics; what the rows must agree with (the
two editions) is the crosswalk rules' (:mod:`stdkit.checks.crosswalks`), what consumers read is the lineage
(:mod:`stdkit.lineage`). Only confirmed crosswalks are published.

The API others build on: :func:`load` (one file → :class:`Crosswalk` or diagnostics), :func:`load_all`,
:func:`confirmed`, :func:`file_name`, :func:`equivalent` (the verdict the rows give), the vocabulary
:class:`Relation` with :data:`RELATION_NAMES` (the 对照表's 变化类型).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from stdkit.diagnostics import Diagnostic, Rule
from stdkit.discovery import CROSSWALKS, crosswalk_files
from stdkit.load import Path_, SourceMap, display_path, read
from stdkit.model.bind import bind_as
from stdkit.model.crosswalk import (
    KIND,
    RELATION_NAMES,
    CrosswalkFile,
    CrosswalkStatus,
    ProposedBy,
    Relation,
    Row,
    Transition,
    Verdict,
)

__all__ = [
    "EXACT_MATCH",
    "FOLDER",
    "KIND",
    "RELATION_NAMES",
    "Crosswalk",
    "CrosswalkFile",
    "CrosswalkStatus",
    "ProposedBy",
    "Relation",
    "Row",
    "Transition",
    "Verdict",
    "confirmed",
    "equivalent",
    "file_name",
    "files",
    "load",
    "load_all",
    "relation_counts",
    "scope_of",
]

FOLDER = CROSSWALKS
#: Relations whose new line requires what the old one did: CASE ``exactMatchOf`` (DESIGN.md, editions over time).
EXACT_MATCH = frozenset({Relation.IDENTICAL, Relation.WORDING, Relation.MOVED})


@dataclasses.dataclass(frozen=True)
class Crosswalk:
    """One crosswalk file as read: its typed content and where each value stands in the file."""

    path: str  # as shown in diagnostics: crosswalks/<id>_<old>_<new>.yaml
    file: Path
    content: CrosswalkFile
    source: SourceMap

    @property
    def from_ref(self) -> str:
        return self.content.from_

    @property
    def to_ref(self) -> str:
        return self.content.to

    @property
    def rows(self) -> list[Row]:
        return self.content.rows

    @property
    def is_confirmed(self) -> bool:
        return self.content.status is CrosswalkStatus.CONFIRMED

    def at(self, where: Path_, rule: Rule, *, key: bool = False, **args: object) -> Diagnostic:
        """A diagnostic of ``rule`` at the value (or key) of ``where`` in the file."""
        line, col = self.source.key(where) if key else self.source.value(where)
        return rule.at(self.path, line, col, **args)


def file_name(from_ref: str, to_ref: str) -> str:
    """``<id>_<old>_<new>.yaml`` (the id of the new edition) for the crosswalk from ``from_ref`` to ``to_ref``."""
    document_id, _, new = to_ref.partition("@")
    old = from_ref.partition("@")[2]
    return f"{document_id}_{old}_{new}.yaml"


def files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The crosswalk files of the collection at ``root``, sorted, and the paths refused (a symbolic link out
    of the repository, a name that is not UTF-8), as for documents (:func:`stdkit.discovery.find`)."""
    return crosswalk_files(root)


def load(file: Path, root: Path) -> tuple[Crosswalk | None, list[Diagnostic]]:
    """Read one crosswalk file: the :class:`Crosswalk`, or None with the loader's and the schema's
    diagnostics at their line and column. Never raises for a problem in the file."""
    loaded = read(file, shown_as=display_path(file, root))
    if not loaded.ok:
        return None, list(loaded.diagnostics)
    content, problems = bind_as(loaded, CrosswalkFile)
    if content is None:
        return None, problems
    return Crosswalk(loaded.path, file, content, loaded.source), problems


def load_all(root: Path) -> tuple[list[Crosswalk], list[Diagnostic]]:
    """Every crosswalk of the collection at ``root`` that reads, in path order, and the problems of the rest."""
    paths, problems = files(root)
    found: list[Crosswalk] = []
    for path in paths:
        crosswalk, said = load(path, root)
        problems.extend(said)
        if crosswalk is not None:
            found.append(crosswalk)
    return found, problems


def confirmed(root: Path) -> list[Crosswalk]:
    """The confirmed crosswalks of the collection at ``root`` (what is published), in path order."""
    return [crosswalk for crosswalk in load_all(root)[0] if crosswalk.is_confirmed]


def scope_of(code: str) -> str:
    """The scope of a line code as :func:`stdkit.releases.line_tables` groups it: ``L5`` of ``L5/1.1.2``,
    ``001/L3`` of a 工种's ``001/L3/1.1.1``, ``basics`` of ``basics/1.2`` and ``ethics/c3``."""
    head, _, rest = code.rpartition("/")
    if head in ("basics", "ethics"):
        return "basics"
    return head if rest else code


def equivalent(rows: Iterable[Row]) -> bool:
    """The verdict the rows give: equivalent (等效) when every line is kept with its requirement at its level:
    identical, reworded, or moved within its level; anything else (a line revised, split, merged, added,
    deleted, or moved to another level) makes the new edition not equivalent."""
    for row in rows:
        if row.relation in (Relation.IDENTICAL, Relation.WORDING):
            continue
        if row.relation is Relation.MOVED and _same_scope(row.olds, row.news):
            continue
        return False
    return True


class Related(Protocol):
    """A row with a relation: a crosswalk's :class:`Row`, or a 对照表's row (:mod:`stdkit.comparison`)."""

    @property
    def relation(self) -> Relation: ...


def relation_counts(rows: Iterable[Related]) -> dict[str, int]:
    """relation → how many rows have it, in the vocabulary's order (relations without a row left out)."""
    counted = Counter(row.relation for row in rows)
    return {relation.value: counted[relation] for relation in Relation if counted[relation]}


def _same_scope(olds: Sequence[str], news: Sequence[str]) -> bool:
    return len({scope_of(code) for code in (*olds, *news)}) == 1
