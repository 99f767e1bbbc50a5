"""Blueprint keys: a level of the ladder (``L3``), or a 工种's level (``001/L3``), or ``unit``.

Where 工种 apply at a level, a document's blueprints, 细目表, pages, diffs and coverage are per
(document, 工种, level); these functions are the one place that turns a document into its keys and a
key back into its parts. Pure functions of the model.
"""

from __future__ import annotations

from stdkit import ladder
from stdkit.model.special import SpecialCompetency
from stdkit.model.standard import LevelledBody

#: The level id of a special competency's blueprint: it has no ladder level, only 考核模块 (units). Here,
#: not in :mod:`stdkit.model.blueprint` (which re-exports it), so that the rules that read a document's
#: keys do not build the blueprint's output models (≈ 0.05 s of every command's start-up).
UNIT_LEVEL = "unit"


def keys_of(document: LevelledBody | SpecialCompetency) -> list[str]:
    """The blueprint keys of a document, in ladder order: every level it sets (appointed posts included),
    or ``unit`` for a special competency; none for a rule across occupations (``occupations:``), whose
    routes lead to levels that each occupation's own standard examines.

    Where 工种 apply at a level, that level gives one key per 工种 (``001/L3``, in the order the 工种
    are declared), and the plain ladder id too only when the level also has common work.
    """
    if isinstance(document, SpecialCompetency):
        return [UNIT_LEVEL]
    if document.across_occupations:  # a rule across occupations examines none itself: no blueprint
        return []
    split = document.work_type_levels()
    keys: list[str] = []
    for level in sorted(document.levels, key=ladder.rank):
        if level not in split or level in document.work:
            keys.append(str(level))
        keys.extend(f"{document.work_types[i].key(i)}/{level}" for i in split.get(level, []))
    return keys


def split_key(key: str) -> tuple[str | None, str]:
    """``001/L3`` → (``001``, ``L3``); ``L3`` → (None, ``L3``)."""
    work_type, _, level = key.rpartition("/")
    return work_type or None, level


def work_type_of(document: LevelledBody, key: str) -> int | None:
    """The index of the 工种 whose key is ``key`` (see :meth:`WorkType.key`), if any."""
    return next((i for i, w in enumerate(document.work_types) if w.key(i) == key), None)
