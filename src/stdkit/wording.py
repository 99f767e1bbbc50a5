"""When an edited line is still the same line: the measure the diff, the errata rules and crosswalks share.

Two texts are compared by difflib's ratio (2 × matched characters / both lengths; no junk heuristic, so
a short Chinese line is compared character by character). One measure, so that a 勘误 that the errata
rules accept is one the diff calls wording (等效) too.
"""

from __future__ import annotations

import difflib

#: Two lines at least this similar are an edit of each other rather than a swap.
PAIR_RATIO = 0.5
#: An edit that keeps at least this much of a line is wording only (equivalent).
WORDING_RATIO = 0.75


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_wording(old: str, new: str) -> bool:
    """Whether ``new`` rewords ``old`` without changing what it requires (the diff's 等效)."""
    return ratio(old, new) >= WORDING_RATIO
