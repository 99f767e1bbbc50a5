"""YAML text → (data, source map), safely and within bounds. The only module that reads documents.

The file is decoded as strict UTF-8, composed once into a node tree by libyaml (``CSafeLoader``),
checked (tags, duplicate keys, alias expansion, nesting), and only then constructed into plain
Python values. The same nodes give the source map from a path such as
``("work", "L4", 0, "function")`` to the line and column of the value and of its key, so that
every later diagnostic can point into the file. A problem with the file is a :class:`Diagnostic`,
never an exception: this module must not raise on any input, and every diagnostic it makes has a
one-line message and a position inside the file.

Bounds, so that a hostile file costs at most a fraction of a second and tens of MB: the size in
bytes, the number of values the text can possibly hold (checked before libyaml composes
anything), the number of values after alias expansion, the nesting depth after alias expansion,
and the total length of all source-map paths (values × depth: an anchor chain would otherwise
build a path per expanded value one element longer than its parent's).

Line numbers are git's and the editor's: only LF (or CRLF) ends a line. libyaml follows YAML 1.1
and also breaks lines at NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and
a lone CR, which YAML 1.2 editors (and yaml-language-server) do not. Such a character is
invisible, arrives by copying from Word or a PDF, makes the editor and stdkit disagree on the
structure and shifts every later line number, so it is refused where it stands (YML015) rather
than silently mapped: the author deletes it and both tools then see the same document.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from stdkit.diagnostics import Diagnostic, Severity, rule

try:
    from yaml import CSafeLoader as _Loader
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "stdkit needs PyYAML built with libyaml (yaml.CSafeLoader); without it parsing is about 7x slower. "
        "Reinstall with: pip install --force-reinstall --no-binary=:none: PyYAML"
    ) from exc

#: Largest document accepted, in bytes. A full national standard is about 60 KB.
MAX_BYTES = 2 * 1024 * 1024
#: Largest number of nodes after alias expansion (a billion-laughs file stops here).
#: The largest sample standard has about 1,500 values; expanding 50,000 takes about 0.2 s.
MAX_NODES = 50_000
#: Deepest nesting of flow collections; libyaml's composer recurses and crashes far below what a file can ask.
MAX_FLOW_DEPTH = 100
#: Deepest nesting of values after alias expansion (a real document is about 8 deep); later stages recurse.
MAX_DEPTH = 100
#: Largest sum over all values of their depth: bounds the source map when aliases repeat deep values.
MAX_PATH_WORK = 1_000_000

Path_ = tuple[str | int, ...]

R_SYNTAX = rule(
    "YML001",
    "yaml",
    Severity.ERROR,
    "The file is not valid YAML.",
    "Fix the syntax at the position shown: check indentation, colons and quotes.",
    bad="title: 电工\n  edition: 2018",
    good='title: 电工\nedition: "2018"',
)
R_TAB = rule(
    "YML002",
    "yaml",
    Severity.ERROR,
    "A tab character is used for indentation.",
    "Indent with spaces only (two per level); YAML forbids tabs in indentation.",
    bad="profile:\n\teducation: 初中毕业",
    good="profile:\n  education: 初中毕业",
)
R_DUPLICATE = rule(
    "YML003",
    "yaml",
    Severity.ERROR,
    "A key appears twice in the same mapping.",
    "Remove or rename one of the two keys; YAML would silently keep only the last one.",
    bad="title: 电工\ntitle: 焊工",
    good="title: 电工",
)
R_TAG = rule(
    "YML004",
    "yaml",
    Severity.ERROR,
    "A YAML tag that stdkit does not accept (e.g. !!python/object).",
    "Remove the tag; documents contain only plain text, numbers, dates, lists and mappings.",
    bad="title: !!python/object:os.system 电工",
    good="title: 电工",
)
R_ALIAS = rule(
    "YML005",
    "yaml",
    Severity.ERROR,
    "Aliases expand to too many values (an alias bomb).",
    f"Write the values out instead of nesting aliases; a document may expand to at most {MAX_NODES:,} values.",
)
R_SIZE = rule(
    "YML006",
    "yaml",
    Severity.ERROR,
    "The file is too large.",
    f"Split the document; a file may be at most {MAX_BYTES // 1024 // 1024} MiB.",
)
R_ENCODING = rule(
    "YML007",
    "yaml",
    Severity.ERROR,
    "The file is not UTF-8 text.",
    "Save the file as UTF-8 (in most editors: Save with Encoding → UTF-8); GBK/GB18030 is not accepted.",
)
R_EMPTY = rule(
    "YML008",
    "yaml",
    Severity.ERROR,
    "The file is empty.",
    "Write a document, or scaffold one with `stdkit new KIND ID`.",
)
R_MULTI = rule(
    "YML009",
    "yaml",
    Severity.ERROR,
    "The file holds more than one YAML document (a second `---`).",
    "Put each document in a file of its own.",
)
R_DEPTH = rule(
    "YML010",
    "yaml",
    Severity.ERROR,
    "Values are nested too deeply.",
    f"Flatten the structure; values may nest at most {MAX_DEPTH} deep, counting aliases and flow collections "
    "([…], {…}).",
)
R_DATE = rule(
    "YML012",
    "yaml",
    Severity.ERROR,
    "A date that does not exist on the calendar.",
    "Write a real date as YYYY-MM-DD, or quote the value if it is not meant as a date.",
    bad="issued: 2018-02-30",
    good="issued: 2018-02-28",
)
R_KEY = rule(
    "YML013",
    "yaml",
    Severity.ERROR,
    "A mapping key that is not plain text (a list, a mapping or a `<<` merge).",
    "Write keys as plain words (field names, level ids, function names); copy shared values instead of merging.",
    bad="? [L5, L4]\n: 90",
    good="L5: 90\nL4: 90",
)
R_FULLWIDTH = rule(
    "YML014",
    "yaml",
    Severity.ERROR,
    "Full-width punctuation (全角标点) where YAML expects its half-width separator.",
    "Type the half-width character instead: ':' followed by a space between a key and its value, "
    "',' '[' ']' '{' '}' in […] and {…}, and spaces for indentation (切换到半角输入).",
    bad="assessment:\n  pass_mark：60",
    good="assessment:\n  pass_mark: 60",
)
R_LINE_BREAK = rule(
    "YML015",
    "yaml",
    Severity.ERROR,
    "An invisible line break other than LF or CRLF (U+2028, U+2029, NEL U+0085 or a lone CR).",
    "Delete the character (it usually comes from copying out of Word or a PDF) or replace it with a "
    "real line break; save the file with LF or CRLF line endings.",
)
R_UNREADABLE = rule(
    "YML011",
    "yaml",
    Severity.ERROR,
    "The file cannot be read.",
    "Check that the path exists and is a readable file.",
)

#: Tags a document may carry (those the safe loader resolves implicitly).
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)
_SUPPRESSION = re.compile(r"#\s*stdkit:\s*ignore\s+([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)\s*(.*)$")


@dataclasses.dataclass(frozen=True, slots=True)
class Position:
    """Where a value stands (1-based), and where its key stands when it is a mapping value."""

    line: int
    col: int
    key_line: int
    key_col: int


@dataclasses.dataclass(frozen=True, slots=True)
class Suppression:
    """A ``# stdkit: ignore CODE reason`` comment: on its own line it covers the next line."""

    line: int  # the line it covers
    codes: tuple[str, ...]
    reason: str
    whole_document: bool  # written before the first key
    comment_line: int  # where the comment itself stands


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


@dataclasses.dataclass(frozen=True, slots=True)
class LoadedFile:
    """One file as read: its data (None when unusable), source map, and what went wrong."""

    path: str  # as shown in diagnostics (posix, relative where possible)
    data: Any
    source: SourceMap
    sha256: str
    diagnostics: tuple[Diagnostic, ...]
    suppressions: tuple[Suppression, ...] = ()

    @property
    def ok(self) -> bool:
        return self.data is not None


def display_path(path: Path, root: Path | None = None) -> str:
    """Relative to ``root`` (default: the working directory) when below it, else as given; always posix."""
    base = (root or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def read(path: Path, *, shown_as: str | None = None, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Read and parse one file. Never raises for a problem in the file."""
    shown = shown_as or display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(shown, b"", R_SIZE.code, 1, 1, f"The file is {size:,} bytes. {R_SIZE.fix}")
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(shown, b"", R_UNREADABLE.code, 1, 1, f"{exc.strerror or exc}. {R_UNREADABLE.fix}")
    return parse(raw, shown, max_bytes=max_bytes)


def parse(raw: bytes, shown: str, *, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Parse bytes that claim to be a YAML document (the pure half of :func:`read`)."""
    if len(raw) > max_bytes:
        return _failed(shown, raw, R_SIZE.code, 1, 1, f"The file is {len(raw):,} bytes. {R_SIZE.fix}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return _failed(
            shown,
            raw,
            R_ENCODING.code,
            line,
            col,
            f"Byte 0x{raw[exc.start]:02x} is not UTF-8. {R_ENCODING.fix}",
        )
    crowded_at = _too_many_values(text)
    # nesting is looked for only before that point, so that both scans stay bounded
    depth_at = _flow_depth_exceeded(text, len(text) if crowded_at is None else crowded_at)
    if depth_at is not None:
        line, col = depth_at
        return _failed(shown, raw, R_DEPTH.code, line, col, R_DEPTH.fix)
    if crowded_at is not None:
        line, col = _line_col_of(text, crowded_at)
        message = f"The file holds more than {MAX_NODES:,} values. {R_SIZE.fix}"
        return _failed(shown, raw, R_SIZE.code, line, col, message)
    suppressions = tuple(_suppressions(text))
    if _blank(text):
        return _failed(shown, raw, R_EMPTY.code, 1, 1, f"The file has no content. {R_EMPTY.fix}")
    breaks = _foreign_line_breaks(text, shown)
    if breaks:
        return LoadedFile(shown, None, SourceMap({}), _sha(raw), tuple(breaks), suppressions)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return LoadedFile(shown, None, SourceMap({}), _sha(raw), (_syntax(exc, text, shown),), suppressions)
    except yaml.reader.ReaderError as exc:
        return _failed(shown, raw, *_unreadable_character(exc, text))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its other errors
        return _failed(shown, raw, R_SYNTAX.code, 1, 1, f"{_one_line(str(exc))}. {R_SYNTAX.fix}")
    finally:
        loader.dispose()
    if node is None:
        return _failed(shown, raw, R_EMPTY.code, 1, 1, f"The file has no content. {R_EMPTY.fix}")

    if "*" in text:  # only aliases make expansion larger than the text
        refused = _expansion_problem(node, shown, text)
        if refused is not None:
            return LoadedFile(shown, None, SourceMap({}), _sha(raw), (refused,), suppressions)
    positions: dict[Path_, Position] = {}
    data, problems = _build(node, positions, shown)
    if not problems and data is None:
        # `---` alone, `--- ~` or `%YAML 1.1` + `---`: a document that vanished must not pass
        return _failed(shown, raw, R_EMPTY.code, 1, 1, f"The document is empty (null). {R_EMPTY.fix}")
    if not problems:
        problems = list(_fullwidth_in_structure(text, positions, shown))
    if problems:
        return LoadedFile(shown, None, SourceMap(positions), _sha(raw), tuple(sorted(problems)), suppressions)
    return LoadedFile(shown, data, SourceMap(positions), _sha(raw), (), suppressions)


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: Scalar constructors called directly: SafeConstructor.construct_object would cache every node forever.
_CONSTRUCT = {
    tag: yaml.constructor.SafeConstructor.yaml_constructors[tag]
    for tag in (f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp"))
}
_SCALARS = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_PLAIN = (True, False)  # the `implicit` flags of a plain scalar, as the composer resolves it

_Task = tuple[yaml.Node, Path_, "yaml.Node | None", Any, Any]


def _build(root: yaml.Node, positions: dict[Path_, Position], shown: str) -> tuple[Any, list[Diagnostic]]:
    """Construct the data, record positions and find what must be refused, in one iterative pass.

    Iterative because input depth is untrusted. An alias is expanded (each use counted) so that a
    billion-laughs file stops at MAX_NODES instead of reaching pydantic as a shared structure;
    depth and the summed length of paths are bounded too, since each expanded value stores its
    own path. :func:`_expansion_problem` has already measured what aliases expand to (and refused
    recursive ones); the bounds here are the backstop.
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
            return None, [_expansion_refused(root, node, depth, shown)]
        first_visit = id(node) not in seen
        seen.add(id(node))
        if path not in positions:
            line, col = _mark(node)
            key_line, key_col = _mark(key) if key is not None else (line, col)
            positions[path] = Position(line, col, key_line, key_col)
        value: Any
        if isinstance(node, yaml.ScalarNode):
            value, problem = _scalar(node, shown)
            if problem is not None:
                if first_visit:
                    problems.append(problem)
                continue
        elif isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                if first_visit:
                    problems.append(_tag_refused(node, shown))
                continue
            value = []
            stack.extend(
                (child, (*path, index), None, value, None)
                for index, child in reversed(list(enumerate(node.value)))
            )
        else:
            assert isinstance(node, yaml.MappingNode)
            if node.tag != _MAP:
                if first_visit:
                    problems.append(_tag_refused(node, shown))
                continue
            value = {}
            stack.extend(reversed(list(_entries(node, path, value, shown, first_visit, problems))))
        if isinstance(container, list):
            container.append(value)
        else:
            container[slot] = value
    return (document[0] if document else None), problems


def _scalar(node: yaml.ScalarNode, shown: str) -> tuple[Any, Diagnostic | None]:
    """The value of a scalar, or the diagnostic that refuses it.

    Only tags that plain YAML would infer are constructed (``2018`` → int, ``2018-11-20`` → date);
    an explicit tag such as ``!!bool maybe`` or ``!!int ''`` is refused, since PyYAML's
    constructors crash on values their tag does not fit. ``!!str`` is harmless and allowed.
    """
    tag = node.tag
    if tag == _STR:
        return node.value, None
    if node.style != "" or _implicit_tag(node.value) != tag:
        return None, _tag_refused(node, shown)
    construct = _CONSTRUCT.get(tag)
    if construct is None:  # `<<` and `=` resolve to YAML 1.1's merge and value tags: as values they are text
        return node.value, None
    try:
        return construct(_SCALARS, node), None
    except (ValueError, OverflowError):
        line, col = _mark(node)
        if tag == _TIMESTAMP:
            message = f"{_one_line(node.value)} is not a real date. {R_DATE.fix}"
            return None, Diagnostic(shown, line, col, R_DATE.code, message)
        message = f"The value {_quoted(node.value)} is not a number stdkit can read: quote it if it is text."
        return None, Diagnostic(shown, line, col, R_SYNTAX.code, message)


def _implicit_tag(value: str) -> str:
    """The tag libyaml's composer gives a plain scalar without an explicit tag."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, _PLAIN)  # type: ignore[no-untyped-call]  # PyYAML's resolver is unannotated
    return tag


def _tag_refused(node: yaml.Node, shown: str) -> Diagnostic:
    line, col = _mark(node)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if node.tag in _ALLOWED_TAGS and isinstance(node, yaml.ScalarNode):
        what = f"The explicit tag {_quoted(tag)} on {_quoted(node.value)} is not accepted"
    elif node.tag in _ALLOWED_TAGS:
        what = f"The tag {_quoted(tag)} does not fit this value"
    else:
        what = f"The tag {_quoted(tag)} is not accepted"
    return Diagnostic(shown, line, col, R_TAG.code, f"{what}. {R_TAG.fix}")


def _expansion_refused(root: yaml.Node, node: yaml.Node, depth: int, shown: str) -> Diagnostic:
    """Why expansion stopped in :func:`_build`: nesting too deep at ``node``, or too many values."""
    if depth > MAX_DEPTH:
        line, col = _mark(node)
        message = f"Values are nested more than {MAX_DEPTH} deep here (counting aliases). {R_DEPTH.fix}"
        return Diagnostic(shown, line, col, R_DEPTH.code, message)
    line, col = _mark(root)
    return Diagnostic(shown, line, col, R_ALIAS.code, R_ALIAS.fix)


@dataclasses.dataclass(frozen=True, slots=True)
class _Shape:
    """What expanding a node would make: values, their summed depth below it, and its nesting depth.

    Sizes are capped just above the bounds, so that a billion laughs stays small arithmetic.
    """

    size: int
    work: int
    depth: int


def _expansion_problem(root: yaml.Node, shown: str, text: str) -> Diagnostic | None:
    """Refuse a recursive alias or an expansion past the bounds before expanding anything.

    One post-order walk over the distinct nodes (aliases share them), so an alias bomb costs what
    its text costs. Only values are walked: :func:`_build` refuses non-scalar keys without expanding.
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
            size, work, depth = 1, 0, 0
            for child in _values(node):
                shape = shapes[id(child)]
                size = min(size + shape.size, MAX_NODES + 1)
                work = min(work + shape.work + shape.size, MAX_PATH_WORK + 1)
                depth = max(depth, shape.depth + 1)
            shapes[id(node)] = _Shape(size, work, min(depth, MAX_DEPTH + 1))
    whole = shapes[id(root)]
    if whole.depth > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH + 1):  # follow the deepest branch to the value past the bound
            node = max(_values(node), key=lambda child: shapes[id(child)].depth)
        return _expansion_refused(root, node, MAX_DEPTH + 1, shown)
    if whole.size > MAX_NODES or whole.work > MAX_PATH_WORK:
        return _expansion_refused(root, root, 0, shown)
    return None


def _recursion(node: yaml.Node, shown: str, text: str) -> Diagnostic:
    line, col = _mark(node)
    anchor = re.compile(r"&([^\s,\[\]{}]+)").match(text, node.start_mark.index)
    name = _one_line(anchor.group(1)) if anchor else "…"
    message = f"The anchor &{name} is used inside its own value (*{name}), so it never ends. {R_ALIAS.fix}"
    return Diagnostic(shown, line, col, R_ALIAS.code, message)


def _values(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield value


def _entries(
    node: yaml.MappingNode,
    path: Path_,
    target: dict[Any, Any],
    shown: str,
    report: bool,
    problems: list[Diagnostic],
) -> Iterator[_Task]:
    """The key/value tasks of a mapping, refusing complex keys, merges, bad tags and duplicates."""
    keys: set[Any] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
            if report:
                line, col = _mark(key_node)
                problems.append(Diagnostic(shown, line, col, R_KEY.code, R_KEY.fix))
            continue
        name = key_node.value
        key_value, problem = _scalar(key_node, shown)
        if problem is not None:
            if report:
                problems.append(problem)
            continue
        if key_value in keys:
            if report:
                line, col = _mark(key_node)
                message = f"The key {_quoted(name)} is already defined above. {R_DUPLICATE.fix}"
                problems.append(Diagnostic(shown, line, col, R_DUPLICATE.code, message))
            continue
        if report and "：" in name and _is_empty(value_node):
            # `{数据采集和处理：35}` reads as one key without a value: the colon was typed full-width
            problems.append(_fullwidth_key(key_node, name, shown))
        keys.add(key_value)
        yield value_node, (*path, name), key_node, target, key_value


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.value == ""


def _fullwidth_key(key_node: yaml.ScalarNode, name: str, shown: str) -> Diagnostic:
    line, col = _mark(key_node)
    first_line = name.split("\n", 1)[0]
    if key_node.style == "" and "：" in first_line:
        col += first_line.index("：")
    return Diagnostic(shown, line, col, R_FULLWIDTH.code, _fullwidth_message("："))


# Full-width punctuation ----------------------------------------------------------------------

#: What each full-width character is called, and what to type instead.
_FULLWIDTH: dict[str, tuple[str, str]] = {
    "：": (
        "Full-width colon '：' (U+FF1A, 全角冒号) used as a key separator",
        "a half-width ':' and a space",
    ),
    ":\u3000": (
        "Full-width space '\u3000' (U+3000, 全角空格) after a key's ':'",
        "a half-width space after ':'",
    ),
    "，": ("Full-width comma '，' (U+FF0C, 全角逗号) used to separate items", "a half-width ',' and a space"),
    "［": ("Full-width bracket '［' (U+FF3B, 全角方括号) used to open a list", "a half-width '['"),
    "］": ("Full-width bracket '］' (U+FF3D, 全角方括号) used to close a list", "a half-width ']'"),
    "｛": ("Full-width brace '｛' (U+FF5B, 全角花括号) used to open a mapping", "a half-width '{'"),
    "｝": ("Full-width brace '｝' (U+FF5D, 全角花括号) used to close a mapping", "a half-width '}'"),
    "\u3000": (
        "Full-width space '\u3000' (U+3000, 全角空格) used for indentation",
        "half-width spaces (two per level)",
    ),
}

#: A line that starts with `key：value` (or `key:　value`): what a full-width input method makes of `key: value`.
_KEY_SEPARATOR = re.compile(
    r"^( *(?:- +)?)([^\s#'\"\[\]{}|>!&*%@`,?：:-][^\n：]*?)(：|:\u3000)([^\n]*)$", re.M
)
_INDENT = re.compile(r"^( *)\u3000", re.M)
_OPENING = re.compile(r"(?:^ *(?:- +)?|: +)([［｛])", re.M)
_CLOSING = re.compile(r"[\[{][^\n\]}］｝]*?([］｝])")
_COMMA = re.compile(r"([\[{,:] *)([A-Za-z0-9_.-]+) *(，) *(?:[A-Za-z0-9_.-]|[^\s,，:：\[\]{}]+ *[:：])")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")
_BLOCK_SCALAR_HEAD = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")


_NO_VALUE = 0  # a start column no value has: the misuse only explains a syntax error


@dataclasses.dataclass(frozen=True, slots=True)
class _Misuse:
    """Full-width punctuation at (line, col), inside the value that starts at (line, start_col)."""

    line: int
    col: int
    start_col: int
    char: str


def _fullwidth_message(char: str) -> str:
    what, instead = _FULLWIDTH[char]
    return f"{what}: type {instead} instead (请切换到半角输入后重新输入)."


def _fullwidth_misuses(text: str) -> Iterator[_Misuse]:
    """Full-width punctuation standing where YAML syntax belongs, found in the text alone.

    Chinese values legitimately contain '：' and '，' (``definition: 使用工具、量具：……``), so only
    clear cases count: a line that starts with a field-like key or ends in a number after '：',
    an ideographic-space indentation, a value that opens with '［' or '｛' (or a '[' or '{' closed by
    '］' or '｝'), and '，' between two
    ASCII items of a flow collection or before a key (``[L5，L4]``, ``{a: 60，b: 40}``). Callers confirm that a value starts there.
    """
    if "：" in text or ":\u3000" in text:
        for match in _KEY_SEPARATOR.finditer(text):
            lead, key, separator, rest = match.groups()
            rest = rest.split(" #", 1)[0].strip(" \u3000")
            if ": " in key or " #" in key:
                continue
            field_like = _IDENTIFIER.fullmatch(key.strip()) is not None
            if not (field_like or rest == "" or (not lead.strip() and _NUMBER.fullmatch(rest))):
                continue
            line, col = _line_col_of(text, match.start(3))
            yield _Misuse(line, col, len(lead) + 1, separator)
    if "\u3000" in text:
        for match in _INDENT.finditer(text):
            line, col = _line_col_of(text, match.end(1))
            yield _Misuse(line, col, col, "\u3000")
    if "［" in text or "｛" in text:
        for match in _OPENING.finditer(text):
            line, col = _line_col_of(text, match.start(1))
            yield _Misuse(line, col, col, match.group(1))
    if "］" in text or "｝" in text:
        for match in _CLOSING.finditer(text):
            line, col = _line_col_of(text, match.start(1))
            yield _Misuse(line, col, _NO_VALUE, match.group(1))  # breaks parsing; never a value's start
    if "，" in text:
        for match in _COMMA.finditer(text):
            line, col = _line_col_of(text, match.start(3))
            yield _Misuse(line, col, col - (match.start(3) - match.start(2)), "，")


def _fullwidth_in_structure(text: str, positions: dict[Path_, Position], shown: str) -> Iterator[Diagnostic]:
    """Misuses whose value really starts where the text says (not inside a block or quoted text)."""
    misuses = list(_fullwidth_misuses(text))
    if not misuses:
        return
    starts = {(p.line, p.col) for p in positions.values()} | {
        (p.key_line, p.key_col) for p in positions.values()
    }
    for misuse in misuses:
        if (misuse.line, misuse.start_col) in starts:
            yield Diagnostic(
                shown, misuse.line, misuse.col, R_FULLWIDTH.code, _fullwidth_message(misuse.char)
            )


def _fullwidth_near(text: str, line: int, col: int) -> _Misuse | None:
    """The misuse that most likely broke parsing at (line, col): on that line or the content line before.

    libyaml reports a `key：value` line where the next line starts, so the line before counts too.
    """
    lines = text.split("\n")
    previous = line - 1
    while previous >= 1 and (not lines[previous - 1].strip() or lines[previous - 1].lstrip().startswith("#")):
        previous -= 1
    candidates = [
        misuse
        for misuse in _fullwidth_misuses(text)
        if misuse.line in (line, previous)
        and (misuse.line, misuse.col) <= (line, col)
        and not _in_block_scalar(lines, misuse.line)
    ]
    return max(candidates, key=lambda m: (m.line, m.col), default=None)


def _in_block_scalar(lines: list[str], line: int) -> bool:
    """Whether ``line`` (1-based) is content of a ``|`` or ``>`` block above it (by indentation)."""
    text = lines[line - 1]
    indent = len(text) - len(text.lstrip(" "))
    for above in range(line - 2, -1, -1):
        candidate = lines[above]
        if not candidate.strip():
            continue
        candidate_indent = len(candidate) - len(candidate.lstrip(" "))
        if candidate_indent < indent:
            return _BLOCK_SCALAR_HEAD.search(candidate) is not None
    return False


# Syntax errors and pre-checks ----------------------------------------------------------------


def _syntax(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = _within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = _one_line(exc.problem or str(exc))
    at = mark.index if mark else 0
    misuse = _fullwidth_near(text, line, col)
    if misuse is not None:
        return Diagnostic(shown, misuse.line, misuse.col, R_FULLWIDTH.code, _fullwidth_message(misuse.char))
    if "\t" in text[max(0, at - 1) : at + 1] or "\\t" in problem:
        return Diagnostic(shown, line, col, R_TAB.code, R_TAB.fix)
    if "expected a single document" in str(exc):
        return Diagnostic(shown, line, col, R_MULTI.code, R_MULTI.fix)
    if "exceeded maximum nesting depth" in problem:
        return Diagnostic(shown, line, col, R_DEPTH.code, f"Values are nested too deeply here. {R_DEPTH.fix}")
    if "mapping values are not allowed" in problem:
        hint = (
            "A value on this line contains ': ' or the indentation is off; quote the value or align the key."
        )
    elif "could not find expected ':'" in problem:
        hint = "A key is missing its ':' or a multi-line value needs quoting or indenting."
    elif "found duplicate anchor" in problem or "found undefined alias" in problem:
        hint = "Define each anchor (&name) once and before it is used (*name)."
    else:
        hint = R_SYNTAX.fix
    return Diagnostic(shown, line, col, R_SYNTAX.code, f"YAML syntax: {problem}. {hint}")


def _unreadable_character(exc: yaml.reader.ReaderError, text: str) -> tuple[str, int, int, str]:
    """A control character libyaml refuses, at its place (libyaml gives a byte offset)."""
    offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line, col = _within(text, *_line_col_of(text, offset))
    character = exc.character if isinstance(exc.character, int) else ord(text[offset : offset + 1] or "\0")
    message = (
        f"The control character U+{character:04X} is not allowed in YAML: delete it "
        "(it is invisible and usually comes from copying out of Word or a PDF), or write it as an escape "
        'in a "double-quoted" value.'
    )
    return R_SYNTAX.code, line, col, message


def _blank(text: str) -> bool:
    return text.strip() == "" or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n"))


_FOREIGN_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_BREAK_NAMES = {
    "\x85": "NEXT LINE (U+0085)",
    "\u2028": "LINE SEPARATOR (U+2028)",
    "\u2029": "PARAGRAPH SEPARATOR (U+2029)",
    "\r": "carriage return (CR) without a line feed",
}
#: At most this many YML015 findings per file; the author fixes them all at once anyway.
_MAX_BREAK_FINDINGS = 20


def _foreign_line_breaks(text: str, shown: str) -> list[Diagnostic]:
    """YML015 for each line break that libyaml counts and git does not (see the module docstring)."""
    if not ("\x85" in text or "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n")):
        return []
    found = []
    for match in itertools.islice(_FOREIGN_BREAK.finditer(text), _MAX_BREAK_FINDINGS):
        line, col = _line_col_of(text, match.start())
        message = f"An invisible {_BREAK_NAMES[match.group()]} stands here. {R_LINE_BREAK.fix}"
        found.append(Diagnostic(shown, line, col, R_LINE_BREAK.code, message))
    return found


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


def _suppressions(text: str) -> Iterator[Suppression]:
    if "stdkit:" not in text:
        return
    seen_key = False
    # split on LF only: str.splitlines() also splits at form feeds and U+2028, which git does not
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        match = _SUPPRESSION.search(line)
        own_line = stripped.startswith("#")
        if match:
            codes = tuple(code.strip() for code in match.group(1).split(","))
            reason = match.group(2).strip()
            yield Suppression(
                number + 1 if own_line else number, codes, reason, own_line and not seen_key, number
            )
        if stripped and not own_line:
            seen_key = True


# Positions and messages ----------------------------------------------------------------------


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line_col_of(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, counting LF as the only line break."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _within(text: str, line: int, col: int) -> tuple[int, int]:
    """Clamp a position past the end (libyaml's end-of-file errors) to just after the last character."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if not lines:
        return 1, 1
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)


def _one_line(text: str) -> str:
    """Author text made safe for a one-line message: line breaks and control characters escaped."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text
    )


def _quoted(text: str, limit: int = 60) -> str:
    shown = _one_line(text if len(text) <= limit else text[:limit] + "…")
    return f"'{shown}'"


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _failed(shown: str, raw: bytes, code: str, line: int, col: int, message: str) -> LoadedFile:
    return LoadedFile(shown, None, SourceMap({}), _sha(raw), (Diagnostic(shown, line, col, code, message),))
