"""The author's YAML file with only the values an edit changed rewritten in place.

A committee edits the Word export of a document (a line reworded, a weight moved) and imports it: the
pull request should show those lines and nothing else, not a file rewritten in the import's own style.
:func:`patched` compares the data of the original file with the imported document value by value; when
they differ only in scalars the file writes on one line (a line's text, a number), it replaces just
those scalars' text and keeps every comment, quote, key order and blank line. Anything else (a line
added or removed, a block scalar changed, a key that came or went) gives None, and the import writes
the data as a new file. The result is checked: it must load and bind to the imported document.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from stdkit.model import Document

#: A string that can stay a plain scalar anywhere (block or flow context): CJK, letters, digits and the
#: full-width punctuation of Chinese text, with no YAML indicator at its start and none of ``:#,[]{}``.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~][^:#,\[\]{}\"'\n]*(?<!\s)$")
#: Text a line-reading tool could take for a ``# stdkit:`` suppression (see :mod:`stdkit.interchange.yaml_out`).
_COMMENT_LIKE = re.compile(r"#\s*stdkit", re.IGNORECASE)

Path_ = tuple[str | int, ...]


class _NotPatchableError(Exception):
    """The edit is not a change of one-line scalars: the file cannot be patched."""


def patched(text: str, document: Document, name: str) -> str | None:
    """``text`` with the scalars whose values differ from ``document``'s rewritten, or None when the
    difference is not only such scalars (or nothing differs: the caller writes ``text`` itself)."""
    from stdkit.load import parse
    from stdkit.model.bind import bind

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    # every field, defaults included: a file may state a default (``pass_mark: 60``); a field the file
    # does not state is not compared here, and the final check below catches one an edit gave a value
    wanted = document.model_dump(mode="json", by_alias=True)
    edits: list[tuple[int, int, str]] = []
    try:
        _compare(root, wanted, edits)
    except _NotPatchableError:
        return None
    if not edits:
        return None
    out = text
    for start, end, replacement in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    loaded = parse(out.encode("utf-8"), name)
    if not loaded.ok or loaded.diagnostics:
        return None
    again, problems = bind(loaded)
    return out if again is not None and not problems and again == document else None


def _compare(node: yaml.Node, wanted: Any, edits: list[tuple[int, int, str]]) -> None:
    """Walk ``node`` (the file's) and ``wanted`` (the imported document's data) together, collecting the
    scalar edits; a key of the file the model has no field for, or a list of another length, gives up."""
    if isinstance(node, yaml.MappingNode):
        if not isinstance(wanted, dict):
            raise _NotPatchableError
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NotPatchableError
            if key_node.value not in wanted:
                if key_node.value == "kind":
                    continue  # the document's kind is its class, not a field of the dump
                raise _NotPatchableError
            _compare(value_node, wanted[key_node.value], edits)
    elif isinstance(node, yaml.SequenceNode):
        if not isinstance(wanted, list) or len(wanted) != len(node.value):
            raise _NotPatchableError
        for item_node, item in zip(node.value, wanted, strict=True):
            _compare(item_node, item, edits)
    elif isinstance(node, yaml.ScalarNode):
        if isinstance(wanted, dict):
            # a line written as plain text in the file: the dump gives {text: …, importance: …}
            if "text" not in wanted:
                raise _NotPatchableError
            wanted = wanted["text"]
        _scalar(node, wanted, edits)
    else:  # pragma: no cover - compose gives only these three
        raise _NotPatchableError


def _scalar(node: yaml.Node, wanted: Any, edits: list[tuple[int, int, str]]) -> None:
    if not isinstance(node, yaml.ScalarNode) or isinstance(wanted, dict | list):
        raise _NotPatchableError
    current = yaml.safe_load(node.value) if node.style is None else node.value
    if current == wanted or (node.style is None and node.value == str(wanted)):
        return
    if node.style not in (None, '"', "'") or node.start_mark.line != node.end_mark.line:
        raise _NotPatchableError  # a block scalar or one over several lines: not rewritten in place
    edits.append((node.start_mark.index, node.end_mark.index, _written(wanted)))


def _written(value: Any) -> str:
    """``value`` as a one-line YAML scalar: plain where that reads back the same anywhere, else quoted."""
    if isinstance(value, bool) or value is None:
        raise _NotPatchableError
    if isinstance(value, int | float):
        return json.dumps(value)
    if not isinstance(value, str) or "\n" in value or _COMMENT_LIKE.search(value):
        raise _NotPatchableError
    if _PLAIN.match(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)
