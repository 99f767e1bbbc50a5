"""Which blueprints a change touches, and how the theory papers' item counts move.

The counts come from the real blueprints (:func:`stdkit.blueprint.build`), never recomputed here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stdkit import blueprint, ladder
from stdkit.collection import Entry

#: Two lines at least this similar (difflib ratio) are an edit of each other rather than a swap.
from stdkit.diff.model import (
    SCOPES,
    BlueprintImpact,
    Change,
    ItemCount,
)
from stdkit.ladder import Level
from stdkit.model.blueprint import Exam

# --------------------------------------------------------------------------- blueprints


def theory_items(entry: Entry, level: str) -> dict[str, int]:
    """Items per theory section of a level's paper, read from the blueprint itself (empty without theory)."""
    built = blueprint.build(entry, level)
    return {
        section.key: section.items
        for component in built.components
        if isinstance(component, Exam) and component.kind == "theory"
        for section in component.sections
        if section.items is not None
    }


def blueprint_impact(old: Entry, new: Entry, changes: Sequence[Change]) -> list[BlueprintImpact]:
    """Which level blueprints change, and how their theory item counts move."""
    old_levels, new_levels = blueprint.levels_of(old), blueprint.levels_of(new)
    # Header fields (title, status …) are copied into every blueprint; so is everything not per level.
    everywhere = any(ch.scope in SCOPES and ch.scope != "profile" for ch in changes)
    touched = {ch.scope for ch in changes}
    impacts: list[BlueprintImpact] = []
    for level in [*old_levels, *(lv for lv in new_levels if lv not in old_levels)]:
        if level not in new_levels:
            impacts.append(BlueprintImpact(level, "removed"))
            continue
        if level not in old_levels:
            impacts.append(BlueprintImpact(level, "added"))
            continue
        if not (everywhere or level in touched) or not _differs(old, new, level):
            continue  # a 说明, a note or a reworded name the blueprint does not carry: it did not change
        before, after = theory_items(old, level), theory_items(new, level)
        items = tuple(
            ItemCount(key, before.get(key), after.get(key))
            for key in [*before, *(k for k in after if k not in before)]
            if before.get(key) != after.get(key)
        )
        impacts.append(BlueprintImpact(level, "changed", items))
    order = {lv: n for n, lv in enumerate([*old_levels, *new_levels])}
    return sorted(impacts, key=lambda b: _level_rank(b.level, order))


def _differs(old: Entry, new: Entry, level: str) -> bool:
    """Whether the blueprint of ``level`` differs between the two versions in anything but the source file's
    sha256 (which any edit of the file changes)."""

    def content(entry: Entry) -> str:
        made = blueprint.build(entry, level)
        return made.model_copy(
            update={"document": made.document.model_copy(update={"sha256": ""})}
        ).model_dump_json()

    return content(old) != content(new)


def _level_rank(level: str, order: Mapping[str, int]) -> int:
    try:
        return ladder.rank(Level(level))
    except ValueError:
        return order.get(level, 0)
