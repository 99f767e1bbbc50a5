"""Compose the text with libyaml, then construct the data and its source map in one pass over the nodes.

The source map goes from a path such as ``("work", "L4", 0, "function")`` to the line and column
of the value and of its key, so that every later diagnostic can point into the file. The walk is
iterative (input depth is untrusted), expands each alias use so that expansion stays bounded
(:mod:`stdkit.load.limits` has measured it first), and refuses what a document must not hold:
complex keys and merges (YML013), duplicate keys (YML003), tags and values :mod:`stdkit.load.scalars`
does not construct. Nothing here raises on any input but libyaml's own syntax errors in :func:`compose`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load import scalars
from stdkit.load.fullwidth import fullwidth_key
from stdkit.load.limits import MAX_DEPTH, MAX_NODES, MAX_PATH_WORK, expansion_refused
from stdkit.load.text import mark, quoted

try:
    from yaml import CSafeLoader
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "stdkit needs PyYAML built with libyaml (yaml.CSafeLoader); without it parsing is about 7x slower. "
        "Reinstall with: pip install --force-reinstall --no-binary=:none: PyYAML"
    ) from exc

Path_ = tuple[str | int, ...]

R_DUPLICATE = rule(
    "YML003",
    "yaml",
    Severity.ERROR,
    "A key appears twice in the same mapping.",
    "Remove or rename one of the two keys; YAML would silently keep only the last one.",
    bad="title: 电工\ntitle: 焊工",
    good="title: 电工",
    detail="The key {name} is already defined above.",
    zh=Wording(
        "同一映射中有重复的键。",
        "请删除其中一个键或给它改名；否则 YAML 会不加提示地只保留后一个。",
        "键 {name} 在上文已经出现过。",
    ),
)
R_KEY = rule(
    "YML013",
    "yaml",
    Severity.ERROR,
    "A mapping key that is not plain text (a list, a mapping or a `<<` merge).",
    "Write keys as plain words (field names, level ids, function names); copy shared values instead of merging.",
    bad="? [L5, L4]\n: 90",
    good="L5: 90\nL4: 90",
    zh=Wording(
        "映射的键不是普通文本（而是列表、映射或 `<<` 合并）。",
        "请用普通词语作键（字段名、等级标识、职业功能名称）；共用的值请复制过来，不要合并。",
    ),
)


class Position(NamedTuple):
    """Where a value stands (1-based), and where its key stands when it is a mapping value.

    A named tuple, not a dataclass: the loader makes one for each of a document's ≈ 900 values, and a
    frozen dataclass costs three times as much to make.
    """

    line: int
    col: int
    key_line: int
    key_col: int


@dataclasses.dataclass(frozen=True, slots=True)
class SourceMap:
    """Path → position, with lookups that degrade gracefully to the nearest existing ancestor."""

    positions: dict[Path_, Position]

    def value(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of the deepest ancestor that exists."""
        pos = self._nearest(path)
        return (pos.line, pos.col) if pos else (1, 1)

    def key(self, path: Path_) -> tuple[int, int]:
        """Position of the key of ``path`` (falls back like :meth:`value`)."""
        pos = self._nearest(path)
        return (pos.key_line, pos.key_col) if pos else (1, 1)

    def _nearest(self, path: Path_) -> Position | None:
        for end in range(len(path), -1, -1):
            pos = self.positions.get(path[:end])
            if pos is not None:
                return pos
        return None


# Composing -----------------------------------------------------------------------------------

#: The first characters of every plain scalar that YAML 1.1 resolves to something other than a string.
_IMPLICIT_FIRST = frozenset(key for key in yaml.SafeLoader.yaml_implicit_resolvers if key)
#: Of those, the letters: only YAML 1.1's bool and null resolvers start with one, and they match these
#: words alone (PyYAML's regular expressions spelled out), so any other text starting with a letter is a
#: string — keys such as ``name``, ``function`` and ``title`` among them.
_LETTERS = frozenset("yYnNtTfFoO")
_WORDS = frozenset(
    word
    for base in ("yes", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
)


class _Loader(CSafeLoader):
    """libyaml's composer with PyYAML's safe resolver, answering its commonest question at once.

    libyaml asks the Python resolver for the tag of every node (a national standard has ≈ 900); most
    are Chinese text, whose first character no implicit resolver (bool, int, float, null, timestamp …)
    starts with: such a plain scalar is a string, exactly as :meth:`yaml.resolver.Resolver.resolve`
    would find after trying none. Path resolvers are never registered on the safe loader, so the walk
    that maintains them is skipped.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and (
            not implicit[0]
            or (value and (value[0] not in _IMPLICIT_FIRST or (value[0] in _LETTERS and value not in _WORDS)))
        ):
            return scalars.STR
        if kind is yaml.ScalarNode and implicit[0] and scalars.plain_decimal(value):
            return scalars.INT  # what the int resolver finds (see plain_decimal), without the regexes
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML is unannotated
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def compose(text: str) -> yaml.Node | None:
    """The node tree of the text's single document (None when it has none); libyaml's errors are raised."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


# Constructing --------------------------------------------------------------------------------

_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
#: What :func:`_value` returns for a node it refuses (None is a value: ``~``).
_REFUSED: Any = object()

_Task = tuple[yaml.Node, Path_, "yaml.Node | None", Any, Any]


def build(
    root: yaml.Node, positions: dict[Path_, Position], shown: str, *, shared: bool = True
) -> tuple[Any, list[Diagnostic]]:
    """Construct the data, record positions and find what must be refused, in one iterative pass.

    Iterative because input depth is untrusted. An alias is expanded (each use counted) so that a
    billion-laughs file stops at MAX_NODES instead of reaching pydantic as a shared structure;
    depth and the summed length of paths are bounded too, since each expanded value stores its
    own path. :func:`stdkit.load.limits.expansion_problem` has already measured what aliases expand
    to (and refused recursive ones); the bounds here are the backstop. Without ``shared`` (a text
    with no alias, so every node is reached once, by one path) the bookkeeping of nodes met before
    is skipped.
    """
    problems: list[Diagnostic] = []
    expanded = 0
    path_work = 0
    seen: set[int] = set()  # problems are reported once per node, however often it is aliased
    document: list[Any] = []
    stack: list[_Task] = [(root, (), None, document, None)]
    while stack:
        node, path, key, container, slot = stack.pop()
        depth = len(path)
        expanded += 1
        path_work += depth
        if expanded > MAX_NODES or path_work > MAX_PATH_WORK or depth > MAX_DEPTH:
            return None, [expansion_refused(root, node, depth, shown)]
        first_visit = True
        if shared:
            first_visit = id(node) not in seen
            seen.add(id(node))
        if not shared or path not in positions:
            start = node.start_mark
            at = start if key is None else key.start_mark
            positions[path] = Position(start.line + 1, start.column + 1, at.line + 1, at.column + 1)
        if node.__class__ is yaml.ScalarNode:  # most nodes: _value's first branch, without the call
            value, problem = scalars.value(node, shown)
            if problem is not None:
                if first_visit:
                    problems.append(problem)
                continue
        else:
            value = _value(node, path, shown, first_visit, problems, stack)
            if value is _REFUSED:
                continue
        if isinstance(container, list):
            container.append(value)
        else:
            container[slot] = value
    return (document[0] if document else None), problems


def _value(
    node: yaml.Node, path: Path_, shown: str, report: bool, problems: list[Diagnostic], stack: list[_Task]
) -> Any:
    """The value a node makes, its children pushed on ``stack`` to fill it; or _REFUSED (reported once)."""
    problem: Diagnostic | None
    if isinstance(node, yaml.ScalarNode):
        value, problem = scalars.value(node, shown)
        if problem is None:
            return value
    elif isinstance(node, yaml.SequenceNode):
        if node.tag == _SEQ:
            items: list[Any] = []
            stack.extend(
                (child, (*path, index), None, items, None)
                for index, child in reversed(list(enumerate(node.value)))
            )
            return items
        problem = scalars.tag_refused(node, shown)
    else:
        assert isinstance(node, yaml.MappingNode)
        if node.tag == _MAP:
            mapping: dict[Any, Any] = {}
            stack.extend(reversed(_entries(node, path, mapping, shown, report, problems)))
            return mapping
        problem = scalars.tag_refused(node, shown)
    if report:
        problems.append(problem)
    return _REFUSED


def _entries(
    node: yaml.MappingNode,
    path: Path_,
    target: dict[Any, Any],
    shown: str,
    report: bool,
    problems: list[Diagnostic],
) -> list[_Task]:
    """The key/value tasks of a mapping, refusing complex keys, merges, bad tags and duplicates."""
    tasks: list[_Task] = []
    keys: set[Any] = set()
    for key_node, value_node in node.value:
        if (
            key_node.__class__ is yaml.ScalarNode
            and key_node.tag == scalars.STR
            and key_node.value not in keys
        ):
            key_value, problem = key_node.value, None  # a new plain-text key: what _key finds, at once
        else:
            key_value, problem = _key(key_node, keys, shown)
        if problem is not None:
            if report:
                problems.append(problem)
            continue
        name = key_node.value
        if report and "：" in name and _is_empty(value_node):
            # `{数据采集和处理：35}` reads as one key without a value: the colon was typed full-width
            problems.append(fullwidth_key(key_node, name, shown))
        keys.add(key_value)
        tasks.append((value_node, (*path, name), key_node, target, key_value))
    return tasks


def _key(key_node: yaml.Node, keys: set[Any], shown: str) -> tuple[Any, Diagnostic | None]:
    """A key's value, or why it is refused: not plain text or a merge (YML013), its scalar refused, or a
    duplicate (YML003)."""
    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == scalars.MERGE:
        line, col = mark(key_node)
        return None, R_KEY.at(shown, line, col)
    key_value, problem = scalars.value(key_node, shown)
    if problem is None and key_value in keys:
        line, col = mark(key_node)
        problem = R_DUPLICATE.at(shown, line, col, name=quoted(key_node.value))
    return key_value, problem


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == scalars.NULL and node.value == ""
