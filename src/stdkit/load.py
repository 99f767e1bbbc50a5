"""YAML text → (data, source map), safely and within bounds. The only module that reads documents.

The file is decoded as strict UTF-8, composed once into a node tree by libyaml (``CSafeLoader``),
checked (tags, duplicate keys, alias expansion, nesting), and only then constructed into plain
Python values. The same nodes give the source map from a path such as
``("work", "L4", 0, "function")`` to the line and column of the value and of its key, so that
every later diagnostic can point into the file. A problem with the file is a :class:`Diagnostic`,
never an exception: this module must not raise on any input.
"""

from __future__ import annotations

import dataclasses
import hashlib
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
MAX_NODES = 200_000
#: Deepest nesting of flow collections; libyaml's composer recurses and crashes far below what a file can ask.
MAX_FLOW_DEPTH = 100

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
    f"Flatten the structure; flow collections ([…], {{…}}) may nest at most {MAX_FLOW_DEPTH} deep.",
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
    suppressions = tuple(_suppressions(text))
    if text.strip() == "" or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _failed(shown, raw, R_EMPTY.code, 1, 1, f"The file has no content. {R_EMPTY.fix}")
    depth_at = _flow_depth_exceeded(text)
    if depth_at is not None:
        line, col = depth_at
        return _failed(shown, raw, R_DEPTH.code, line, col, R_DEPTH.fix)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return _failed(shown, raw, *_syntax(exc, text))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        return _failed(shown, raw, R_SYNTAX.code, 1, 1, f"{exc}. {R_SYNTAX.fix}")
    finally:
        loader.dispose()
    if node is None:
        return _failed(shown, raw, R_EMPTY.code, 1, 1, f"The file has no content. {R_EMPTY.fix}")

    positions: dict[Path_, Position] = {}
    try:
        data, problems = _build(node, positions, shown)
    except yaml.MarkedYAMLError as exc:
        return _failed(shown, raw, *_syntax(exc, text))
    except (ValueError, OverflowError) as exc:  # e.g. an integer of thousands of digits
        return _failed(shown, raw, R_SYNTAX.code, 1, 1, f"A value cannot be read: {exc}. {R_SYNTAX.fix}")
    if problems:
        return LoadedFile(shown, None, SourceMap(positions), _sha(raw), tuple(sorted(problems)), suppressions)
    return LoadedFile(shown, data, SourceMap(positions), _sha(raw), (), suppressions)


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALARS = yaml.constructor.SafeConstructor()

_Task = tuple[yaml.Node, Path_, "yaml.Node | None", Any, Any]


def _build(root: yaml.Node, positions: dict[Path_, Position], shown: str) -> tuple[Any, list[Diagnostic]]:
    """Construct the data, record positions and find what must be refused, in one iterative pass.

    Iterative because input depth is untrusted. An alias is expanded (each use counted) so that a
    billion-laughs file stops at MAX_NODES instead of reaching pydantic as a shared structure.
    """
    problems: list[Diagnostic] = []
    expanded = 0
    seen: set[int] = set()  # problems are reported once per node, however often it is aliased
    document: list[Any] = []
    stack: list[_Task] = [(root, (), None, document, None)]
    while stack:
        node, path, key, container, slot = stack.pop()
        expanded += 1
        if expanded > MAX_NODES:
            line, col = _mark(root)
            return None, [Diagnostic(shown, line, col, R_ALIAS.code, R_ALIAS.fix)]
        first_visit = id(node) not in seen
        seen.add(id(node))
        if path not in positions:
            line, col = _mark(node)
            key_line, key_col = _mark(key) if key is not None else (line, col)
            positions[path] = Position(line, col, key_line, key_col)
        tag = node.tag
        value: Any
        if tag not in _ALLOWED_TAGS:
            if first_visit:
                line, col = _mark(node)
                problems.append(
                    Diagnostic(shown, line, col, R_TAG.code, f"The tag {tag!r} is not accepted. {R_TAG.fix}")
                )
            continue
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                value = node.value
            elif tag == _TIMESTAMP and not _is_real_date(node.value):
                if first_visit:
                    line, col = _mark(node)
                    problems.append(
                        Diagnostic(
                            shown, line, col, R_DATE.code, f"{node.value} is not a real date. {R_DATE.fix}"
                        )
                    )
                continue
            else:
                value = _SCALARS.construct_object(node)
        elif isinstance(node, yaml.SequenceNode):
            value = []
            stack.extend(
                (child, (*path, index), None, value, None)
                for index, child in reversed(list(enumerate(node.value)))
            )
        else:
            value = {}
            assert isinstance(node, yaml.MappingNode)
            stack.extend(reversed(list(_entries(node, path, value, shown, first_visit, problems))))
        if isinstance(container, list):
            container.append(value)
        else:
            container[slot] = value
    return (document[0] if document else None), problems


def _entries(
    node: yaml.MappingNode,
    path: Path_,
    target: dict[Any, Any],
    shown: str,
    report: bool,
    problems: list[Diagnostic],
) -> Iterator[_Task]:
    """The key/value tasks of a mapping, refusing complex keys, merges and duplicates."""
    names: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
            if report:
                line, col = _mark(key_node)
                problems.append(Diagnostic(shown, line, col, R_KEY.code, R_KEY.fix))
            continue
        name = key_node.value
        if name in names:
            if report:
                line, col = _mark(key_node)
                problems.append(
                    Diagnostic(
                        shown,
                        line,
                        col,
                        R_DUPLICATE.code,
                        f"The key {name!r} is already defined above. {R_DUPLICATE.fix}",
                    )
                )
            continue
        names.add(name)
        key_value = name if key_node.tag == _STR else _SCALARS.construct_object(key_node)
        yield value_node, (*path, name), key_node, target, key_value


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int, str]:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    at = mark.index if mark else 0
    if "\t" in text[max(0, at - 1) : at + 1] or "\\t" in problem:
        return R_TAB.code, line, col, R_TAB.fix
    if "expected a single document" in str(exc):
        return R_MULTI.code, line, col, R_MULTI.fix
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
    return R_SYNTAX.code, line, col, f"YAML syntax: {problem}. {hint}"


def _flow_depth_exceeded(text: str) -> tuple[int, int] | None:
    """Position where ``[``/``{`` nesting passes the limit (quotes ignored: an over-estimate is fine)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_FLOW_DEPTH:
            before = text[: match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return None


def _suppressions(text: str) -> Iterator[Suppression]:
    seen_key = False
    for number, line in enumerate(text.splitlines(), start=1):
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


def _is_real_date(value: str) -> bool:
    try:
        yaml.constructor.SafeConstructor.construct_yaml_timestamp(
            yaml.constructor.SafeConstructor(), yaml.ScalarNode("tag:yaml.org,2002:timestamp", value)
        )
    except (ValueError, OverflowError):
        return False
    return True


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _failed(shown: str, raw: bytes, code: str, line: int, col: int, message: str) -> LoadedFile:
    return LoadedFile(shown, None, SourceMap({}), _sha(raw), (Diagnostic(shown, line, col, code, message),))
