"""The bounds that keep a hostile file cheap: bytes, values, nesting, alias expansion.

A hostile file costs at most a fraction of a second and tens of MB: the size in bytes, the number
of values the text can possibly hold and the nesting of flow collections (both checked in the text,
before libyaml composes anything), then — on the composed nodes, before anything is expanded — the
number of values after alias expansion, the nesting depth after alias expansion, and the total
length of all source-map paths (values × depth: an anchor chain would otherwise build a path per
expanded value one element longer than its parent's). The numbers' own bound is
:mod:`stdkit.load.numbers`'. Nothing here raises on any input: a file past a bound is a finding.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.discovery import MAX_BYTES  # the largest document accepted (every run's keys read it)
from stdkit.load.text import line_col_of, mark, one_line

#: Largest number of nodes after alias expansion (a billion-laughs file stops here).
#: The largest sample standard has about 1,500 values; expanding 50,000 takes about 0.2 s.
MAX_NODES = 50_000
#: Deepest nesting of flow collections; libyaml's composer recurses and crashes far below what a file can ask.
MAX_FLOW_DEPTH = 100
#: Deepest nesting of values after alias expansion (a real document is about 8 deep); later stages recurse.
MAX_DEPTH = 100
#: Largest sum over all values of their depth: bounds the source map when aliases repeat deep values.
MAX_PATH_WORK = 1_000_000

R_ALIAS = rule(
    "YML005",
    "yaml",
    Severity.ERROR,
    "Aliases expand to too many values (an alias bomb).",
    f"Write the values out instead of nesting aliases; a document may expand to at most {MAX_NODES:,} values.",
    detail={"recursive": "The anchor &{name} is used inside its own value (*{name}), so it never ends."},
    zh=Wording(
        "别名展开后的值过多（别名炸弹）。",
        f"请把值直接写出来，不要层层嵌套别名；一个文件展开后最多 {MAX_NODES:,} 个值。",
        {"recursive": "锚点 &{name} 在它自己的值中被引用（*{name}），展开永无止境。"},
    ),
)
R_SIZE = rule(
    "YML006",
    "yaml",
    Severity.ERROR,
    "The file is too large.",
    f"Split the document; a file may be at most {MAX_BYTES // 1024 // 1024} MiB.",
    detail={"bytes": "The file is {size} bytes.", "values": "The file holds more than {limit} values."},
    zh=Wording(
        "文件过大。",
        f"请拆分文件；单个文件最大 {MAX_BYTES // 1024 // 1024} MiB。",
        {"bytes": "文件有 {size} 字节。", "values": "文件中的值超过 {limit} 个。"},
    ),
)
R_DEPTH = rule(
    "YML010",
    "yaml",
    Severity.ERROR,
    "Values are nested too deeply.",
    f"Flatten the structure; values may nest at most {MAX_DEPTH} deep, counting aliases and flow collections "
    "([…], {…}).",
    detail={
        "here": "Values are nested too deeply here.",
        "aliases": "Values are nested more than {limit} deep here (counting aliases).",
    },
    zh=Wording(
        "值嵌套过深。",
        f"请简化结构；值最多嵌套 {MAX_DEPTH} 层，别名和流式集合（[…]、{{…}}）也计算在内。",
        {"here": "此处的值嵌套过深。", "aliases": "此处的值嵌套超过 {limit} 层（含别名展开）。"},
    ),
)


def too_large(shown: str, size: int) -> Diagnostic:
    """YML006 for a file of ``size`` bytes (more than the bound)."""
    return R_SIZE.at(shown, 1, 1, variant="bytes", size=f"{size:,}")


# In the text, before libyaml composes --------------------------------------------------------


def text_problem(text: str, shown: str) -> Diagnostic | None:
    """YML010 where flow collections nest too deep, else YML006 where the text could hold too many values.

    Nesting is looked for only before the crowded point, so that both scans stay bounded.
    """
    crowded_at = _too_many_values(text)
    depth_at = _flow_depth_exceeded(text, len(text) if crowded_at is None else crowded_at)
    if depth_at is not None:
        line, col = depth_at
        return R_DEPTH.at(shown, line, col)
    if crowded_at is not None:
        line, col = line_col_of(text, crowded_at)
        return R_SIZE.at(shown, line, col, variant="values", limit=f"{MAX_NODES:,}")
    return None


_BRACKET = re.compile(r"[\[\]{}]")
_STRUCTURAL = re.compile(r"[,\[{:?\n-]")


def _too_many_values(text: str) -> int | None:
    """The offset where the text could start holding more than MAX_NODES values, checked before libyaml composes.

    Every value but the first follows one of ``,[{:?-`` or a line break, and at most two values
    (an implicit mapping and its key) follow one such character, so fewer than MAX_NODES / 2 of them
    is proof of a small document. Composing costs about 3 µs and 300 bytes per value.
    """
    limit = MAX_NODES // 2
    if _structural_count(text) <= limit:
        return None
    chunk = 65_536
    start = 0
    while (count := _structural_count(text, start, start + chunk)) <= limit:
        limit -= count
        start += chunk
    match = next(itertools.islice(_STRUCTURAL.finditer(text, start), limit, None))
    return match.start()


def _structural_count(text: str, start: int = 0, end: int | None = None) -> int:
    return sum(text.count(c, start, end) for c in ",[{:?\n-")


def _flow_depth_exceeded(text: str, end: int) -> tuple[int, int] | None:
    """Position before ``end`` where ``[``/``{`` nesting passes the limit (quotes ignored: an over-estimate is fine)."""
    if text.count("[", 0, end) + text.count("{", 0, end) <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text, 0, end):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return None


# On the composed nodes, before anything is expanded ------------------------------------------


def expansion_refused(root: yaml.Node, node: yaml.Node, depth: int, shown: str) -> Diagnostic:
    """Why expansion stopped: nesting too deep at ``node``, or too many values."""
    if depth > MAX_DEPTH:
        line, col = mark(node)
        return R_DEPTH.at(shown, line, col, variant="aliases", limit=MAX_DEPTH)
    line, col = mark(root)
    return R_ALIAS.at(shown, line, col)


@dataclasses.dataclass(frozen=True, slots=True)
class _Shape:
    """What expanding a node would make: values, their summed depth below it, and its nesting depth.

    Sizes are capped just above the bounds, so that a billion laughs stays small arithmetic.
    """

    size: int
    work: int
    depth: int


def expansion_problem(root: yaml.Node, shown: str, text: str) -> Diagnostic | None:
    """Refuse a recursive alias or an expansion past the bounds before expanding anything.

    One post-order walk over the distinct nodes (aliases share them), so an alias bomb costs what
    its text costs. Only values are walked: the constructor refuses non-scalar keys without expanding.
    """
    shapes: dict[int, _Shape] = {}
    open_nodes: set[int] = {id(root)}
    stack: list[tuple[yaml.Node, Iterator[yaml.Node]]] = [(root, _values(root))]
    while stack:
        node, values = stack[-1]
        for child in values:
            if id(child) in open_nodes:
                return _recursion(child, shown, text)
            if id(child) not in shapes:
                open_nodes.add(id(child))
                stack.append((child, _values(child)))
                break
        else:
            stack.pop()
            open_nodes.discard(id(node))
            shapes[id(node)] = _shape(node, shapes)
    whole = shapes[id(root)]
    if whole.depth > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH + 1):  # follow the deepest branch to the value past the bound
            node = max(_values(node), key=lambda child: shapes[id(child)].depth)
        return expansion_refused(root, node, MAX_DEPTH + 1, shown)
    if whole.size > MAX_NODES or whole.work > MAX_PATH_WORK:
        return expansion_refused(root, root, 0, shown)
    return None


def _shape(node: yaml.Node, shapes: dict[int, _Shape]) -> _Shape:
    """A node's shape from its values' (all measured already)."""
    size, work, depth = 1, 0, 0
    for child in _values(node):
        shape = shapes[id(child)]
        size = min(size + shape.size, MAX_NODES + 1)
        work = min(work + shape.work + shape.size, MAX_PATH_WORK + 1)
        depth = max(depth, shape.depth + 1)
    return _Shape(size, work, min(depth, MAX_DEPTH + 1))


def _recursion(node: yaml.Node, shown: str, text: str) -> Diagnostic:
    line, col = mark(node)
    anchor = re.compile(r"&([^\s,\[\]{}]+)").match(text, node.start_mark.index)
    name = one_line(anchor.group(1)) if anchor else "…"
    return R_ALIAS.at(shown, line, col, variant="recursive", name=name)


def _values(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield value
