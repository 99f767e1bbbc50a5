"""Semantic diff of a collection between two revisions, for reviewers (pull-request comments).

Input is two snapshots, path → bytes (see :mod:`stdkit.changes` for reading them from git); the
output is a :class:`CollectionDiff` of plain values that renders to Markdown or JSON. Pure: this
module runs no git, reads no file and never raises on a document's content — a document that does
not parse at one side is reported as such.

Lines (技能要求, 相关知识要求 …) are matched by position and similarity: unchanged runs are aligned
first (difflib), then within a replaced run the n-th old line is paired with the n-th new one when
their texts are similar enough to be an edit of each other; a line whose exact text appears on the
other side in another place is a move. The verdict follows how training.gov.au judges a new
version by hand: *equivalent* when only wording changed (edits that keep most of a line, moves,
notes), *not equivalent* when what a candidate must do or how they are assessed changed.
"""

from __future__ import annotations

from stdkit.diff.compare import compare, match
from stdkit.diff.impact import blueprint_impact, theory_items
from stdkit.diff.model import BlueprintImpact, Change, CollectionDiff, DocumentDiff, ItemCount, Verdict
from stdkit.diff.render import RENDERERS, to_json, to_markdown
from stdkit.diff.snapshot import diff_collections

__all__ = [
    "RENDERERS",
    "BlueprintImpact",
    "Change",
    "CollectionDiff",
    "DocumentDiff",
    "ItemCount",
    "Verdict",
    "blueprint_impact",
    "compare",
    "diff_collections",
    "match",
    "theory_items",
    "to_json",
    "to_markdown",
]
