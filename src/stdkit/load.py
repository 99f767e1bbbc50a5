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
build a path per expanded value one element longer than its parent's). Numbers are bounded too
(:data:`MAX_NUMBER`, finite), so that no later stage or output meets one it cannot print or store.

Line numbers are git's and the editor's: only LF (or CRLF) ends a line. libyaml follows YAML 1.1
and also breaks lines at NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and
a lone CR, which YAML 1.2 editors (and yaml-language-server) do not. Such a character is
invisible, arrives by copying from Word or a PDF, makes the editor and stdkit disagree on the
structure and shifts every later line number, so it is refused where it stands (YML015) rather
than silently mapped: the author deletes it and both tools then see the same document.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import itertools
import math
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule

try:
    from yaml import CSafeLoader
except ImportError as exc:  # pragma: no cover - depends on how PyYAML was built
    raise ImportError(
        "stdkit needs PyYAML built with libyaml (yaml.CSafeLoader); without it parsing is about 7x slower. "
        "Reinstall with: pip install --force-reinstall --no-binary=:none: PyYAML"
    ) from exc

#: The first characters of every plain scalar that YAML 1.1 resolves to something other than a string.
_IMPLICIT_FIRST = frozenset(key for key in yaml.SafeLoader.yaml_implicit_resolvers if key)
_STR_TAG = "tag:yaml.org,2002:str"
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
            return _STR_TAG
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML is unannotated
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


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
#: Largest magnitude of a number (Number.MAX_SAFE_INTEGER). Blueprints are JSON, and the exam systems that
#: read them (JavaScript among them) hold a number as a double, exact for whole numbers up to 2**53 − 1;
#: Python itself refuses to print an integer of more than 4,300 digits. A field's own bound (a mark out of
#: 100) is the model's to check; this one keeps every later stage and output within what it can handle.
MAX_NUMBER = 2**53 - 1
#: Significant digits an integer's text may have before it is refused unread: MAX_NUMBER has 53 binary
#: digits, so no spelling of a number within it (decimal, 0x, 0b, octal, base 60 ``1:20``) has more.
_MAX_DIGITS = MAX_NUMBER.bit_length()

Path_ = tuple[str | int, ...]

R_SYNTAX = rule(
    "YML001",
    "yaml",
    Severity.ERROR,
    "The file is not valid YAML.",
    "Fix the syntax at the position shown: check indentation, colons and quotes.",
    bad="title: 电工\n  edition: 2018",
    good='title: 电工\nedition: "2018"',
    detail={
        "syntax": "YAML syntax: {problem}.",
        "colon_in_value": "YAML syntax: {problem}. A value on this line contains ': ' or the indentation is off; "
        "quote the value or align the key.",
        "missing_colon": "YAML syntax: {problem}. A key is missing its ':' or a multi-line value needs quoting "
        "or indenting.",
        "anchor": "YAML syntax: {problem}. Define each anchor (&name) once and before it is used (*name).",
        "number": "The value {value} is not a number stdkit can read: quote it if it is text.",
        "control": "The control character U+{code} is not allowed in YAML: delete it (it is invisible and usually "
        'comes from copying out of Word or a PDF), or write it as an escape in a "double-quoted" value.',
        "other": "{problem}.",
    },
    zh=Wording(
        "文件不是有效的 YAML。",
        "请在所示位置修正语法：检查缩进、冒号和引号。",
        {
            "syntax": "YAML 语法错误：{problem_zh}。",
            "colon_in_value": "YAML 语法错误：{problem_zh}。本行的值中含有「: 」，或缩进不对：请给值加引号，或把键对齐。",
            "missing_colon": "YAML 语法错误：{problem_zh}。某个键缺少「:」，或多行的值需要加引号或缩进。",
            "anchor": "YAML 语法错误：{problem_zh}。每个锚点（&名称）只能定义一次，并且要先定义、后引用（*名称）。",
            "number": "值 {value} 不是 stdkit 能读取的数字：如果它是文本，请加引号。",
            "control": "YAML 中不允许出现控制字符 U+{code}：请删除它（它看不见，通常是从 Word 或 PDF 中复制来的），"
            "或在双引号值中用转义写出。",
            "other": "{problem_zh}。",
        },
    ),
    fix_in_detail=frozenset({"colon_in_value", "missing_colon", "anchor", "number", "control"}),
)
R_TAB = rule(
    "YML002",
    "yaml",
    Severity.ERROR,
    "A tab character is used for indentation.",
    "Indent with spaces only (two per level); YAML forbids tabs in indentation.",
    bad="profile:\n\teducation: 初中毕业",
    good="profile:\n  education: 初中毕业",
    zh=Wording(
        "缩进中用了制表符（Tab）。",
        "请只用空格缩进（每级两个空格）；YAML 不允许用制表符缩进。",
    ),
)
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
R_TAG = rule(
    "YML004",
    "yaml",
    Severity.ERROR,
    "A YAML tag that stdkit does not accept (e.g. !!python/object).",
    "Remove the tag; documents contain only plain text, numbers, dates, lists and mappings.",
    bad="title: !!python/object:os.system 电工",
    good="title: 电工",
    detail={
        "explicit": "The explicit tag {tag} on {value} is not accepted.",
        "mismatch": "The tag {tag} does not fit this value.",
        "refused": "The tag {tag} is not accepted.",
    },
    zh=Wording(
        "使用了 stdkit 不接受的 YAML 标签（例如 !!python/object）。",
        "请删除该标签；文件中只能有普通文本、数字、日期、列表和映射。",
        {
            "explicit": "值 {value} 上的显式标签 {tag} 不被接受。",
            "mismatch": "标签 {tag} 与这个值不相符。",
            "refused": "不接受标签 {tag}。",
        },
    ),
)
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
R_ENCODING = rule(
    "YML007",
    "yaml",
    Severity.ERROR,
    "The file is not UTF-8 text.",
    "Save the file as UTF-8 (in most editors: Save with Encoding → UTF-8); GBK/GB18030 is not accepted.",
    detail="Byte {byte} is not UTF-8.",
    zh=Wording(
        "文件不是 UTF-8 编码的文本。",
        "请把文件另存为 UTF-8 编码（多数编辑器中：另存为 → 编码选 UTF-8）；不接受 GBK/GB18030 编码。",
        "字节 {byte} 不是 UTF-8 编码。",
    ),
)
R_EMPTY = rule(
    "YML008",
    "yaml",
    Severity.ERROR,
    "The file is empty.",
    "Write a document, or scaffold one with `stdkit new KIND ID`.",
    detail={"blank": "The file has no content.", "null": "The document is empty (null)."},
    zh=Wording(
        "文件为空。",
        "请写入文件内容，或用 `stdkit new KIND ID` 生成模板。",
        {"blank": "文件没有内容。", "null": "文件内容为空（null）。"},
    ),
)
R_MULTI = rule(
    "YML009",
    "yaml",
    Severity.ERROR,
    "The file holds more than one YAML document (a second `---`).",
    "Put each document in a file of its own.",
    zh=Wording("文件中有不止一个 YAML 文档（出现了第二个 `---`）。", "请把每个文档放在单独的文件中。"),
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
R_DATE = rule(
    "YML012",
    "yaml",
    Severity.ERROR,
    "A date that does not exist on the calendar.",
    "Write a real date as YYYY-MM-DD, or quote the value if it is not meant as a date.",
    bad="issued: 2018-02-30",
    good="issued: 2018-02-28",
    detail="{value} is not a real date.",
    zh=Wording(
        "日历上不存在的日期。",
        "请按 YYYY-MM-DD 写出真实的日期；如果这个值不是日期，请给它加引号。",
        "{value} 不是真实存在的日期。",
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
R_FULLWIDTH = rule(
    "YML014",
    "yaml",
    Severity.ERROR,
    "Full-width punctuation (全角标点) where YAML expects its half-width separator.",
    "Type the half-width character instead: ':' followed by a space between a key and its value, "
    "',' '[' ']' '{' '}' in […] and {…}, and spaces for indentation (切换到半角输入).",
    bad="assessment:\n  pass_mark：60",
    good="assessment:\n  pass_mark: 60",
    detail="{what}: type {instead} instead (请切换到半角输入后重新输入).",
    zh=Wording(
        "在 YAML 需要半角分隔符的地方用了全角标点。",
        "请改为输入半角字符：键与值之间用 ':' 加一个空格，[…] 和 {…} 中用 ',' '[' ']' '{' '}'，"
        "缩进用空格（请切换到半角输入）。",
        "{what_zh}：请改为输入{instead_zh}（请切换到半角输入后重新输入）。",
    ),
    fix_in_detail=True,
)
R_LINE_BREAK = rule(
    "YML015",
    "yaml",
    Severity.ERROR,
    "An invisible line break other than LF or CRLF (U+2028, U+2029, NEL U+0085 or a lone CR).",
    "Delete the character (it usually comes from copying out of Word or a PDF) or replace it with a "
    "real line break; save the file with LF or CRLF line endings.",
    detail="An invisible {name} stands here.",
    zh=Wording(
        "出现了 LF 或 CRLF 以外的不可见换行符（U+2028、U+2029、NEL U+0085 或单独的 CR）。",
        "请删除该字符（它通常是从 Word 或 PDF 中复制来的），或换成真正的换行；保存文件时使用 LF 或 CRLF 换行。",
        "此处有一个不可见的{name_zh}。",
    ),
)
R_NUMBER = rule(
    "YML016",
    "yaml",
    Severity.ERROR,
    "A number too large for stdkit, or not a finite number (.inf, .nan).",
    f"Write a number between -{MAX_NUMBER:,} and {MAX_NUMBER:,} (the whole numbers every JSON reader holds "
    "exactly), or quote the value if it is text.",
    bad="training:\n  hours: {L5: 0xffffffffffffffffffff}",
    good="training:\n  hours: {L5: 400}",
    detail={"large": "The number {value} is too large.", "infinite": "{value} is not a finite number."},
    zh=Wording(
        "数字过大，或不是有限的数（.inf、.nan）。",
        f"请写 -{MAX_NUMBER:,} 到 {MAX_NUMBER:,} 之间的数（任何 JSON 读取程序都能精确表示的整数范围）；"
        "如果这个值是文本，请给它加引号。",
        {"large": "数字 {value} 过大。", "infinite": "{value} 不是有限的数。"},
    ),
)
R_UNREADABLE = rule(
    "YML011",
    "yaml",
    Severity.ERROR,
    "The file cannot be read.",
    "Check that the path exists and is a readable file.",
    detail="{reason}.",
    zh=Wording("无法读取文件。", "请检查该路径是否存在，并且是可以读取的文件。", "{reason_zh}。"),
)

#: Tags a document may carry (those the safe loader resolves implicitly).
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)
_SUPPRESSION = re.compile(r"#\s*stdkit:\s*ignore\s+([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)\s*(.*)$")


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
class Suppression:
    """A ``# stdkit: ignore CODE reason`` comment: on its own line it covers the next line."""

    line: int  # the line it covers
    codes: tuple[str, ...]
    reason: str
    whole_document: bool  # written before the first key
    comment_line: int  # where the comment itself stands

    def row(self) -> list[Any]:
        """Plain data for msgpack (the cache's records, the memo and the base)."""
        return [self.line, list(self.codes), self.reason, self.whole_document, self.comment_line]

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Suppression:
        """The inverse of :meth:`row` (a wrong shape raises ValueError, TypeError or IndexError)."""
        line, codes, reason, whole_document, comment_line = row
        return cls(int(line), tuple(map(str, codes)), str(reason), bool(whole_document), int(comment_line))


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
    base = _resolved(root or Path.cwd())
    text = os.fspath(path)
    if not os.path.islink(text):  # noqa: PTH114 - strings on the hot path
        # the common case in string operations, one lstat: a plain file in a folder without links, below
        # the root (pathlib's resolve() costs a system call per folder, 10,000 times a run)
        absolute = os.path.normpath(os.path.join(os.getcwd(), text))  # noqa: PTH109, PTH118
        folder = os.path.dirname(absolute)  # noqa: PTH120
        prefix = str(base) + os.sep
        if absolute.startswith(prefix) and _real_folder(folder) == folder:
            return absolute[len(prefix) :].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


@functools.lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    """``folder`` with its links resolved (memoised: the files of one folder share it)."""
    return os.path.realpath(folder)


def read(path: Path, *, shown_as: str | None = None, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Read and parse one file. Never raises for a problem in the file."""
    shown = shown_as or display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(shown, b"", R_SIZE.at(shown, 1, 1, variant="bytes", size=f"{size:,}"))
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(shown, b"", _unreadable(exc, shown))
    return parse(raw, shown, max_bytes=max_bytes)


def parse(raw: bytes, shown: str, *, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Parse bytes that claim to be a YAML document (the pure half of :func:`read`)."""
    if len(raw) > max_bytes:
        return _failed(shown, raw, R_SIZE.at(shown, 1, 1, variant="bytes", size=f"{len(raw):,}"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return _failed(shown, raw, R_ENCODING.at(shown, line, col, byte=f"0x{raw[exc.start]:02x}"))
    crowded_at = _too_many_values(text)
    # nesting is looked for only before that point, so that both scans stay bounded
    depth_at = _flow_depth_exceeded(text, len(text) if crowded_at is None else crowded_at)
    if depth_at is not None:
        line, col = depth_at
        return _failed(shown, raw, R_DEPTH.at(shown, line, col))
    if crowded_at is not None:
        line, col = _line_col_of(text, crowded_at)
        return _failed(shown, raw, R_SIZE.at(shown, line, col, variant="values", limit=f"{MAX_NODES:,}"))
    suppressions = tuple(_suppressions(text))
    if _blank(text):
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="blank"))
    breaks = _foreign_line_breaks(text, shown)
    if breaks:
        return LoadedFile(shown, None, SourceMap({}), _sha(raw), tuple(breaks), suppressions)

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return LoadedFile(shown, None, SourceMap({}), _sha(raw), (_syntax(exc, text, shown),), suppressions)
    except yaml.reader.ReaderError as exc:
        return _failed(shown, raw, _unreadable_character(exc, text, shown))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its other errors
        problem = _one_line(str(exc))
        return _failed(
            shown, raw, R_SYNTAX.at(shown, 1, 1, variant="other", problem=problem, problem_zh=problem)
        )
    finally:
        loader.dispose()
    if node is None:
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="blank"))

    if "*" in text:  # only aliases make expansion larger than the text
        refused = _expansion_problem(node, shown, text)
        if refused is not None:
            return LoadedFile(shown, None, SourceMap({}), _sha(raw), (refused,), suppressions)
    positions: dict[Path_, Position] = {}
    data, problems = _build(node, positions, shown, shared="*" in text)
    if not problems and data is None:
        # `---` alone, `--- ~` or `%YAML 1.1` + `---`: a document that vanished must not pass
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="null"))
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
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
#: Scalar constructors called directly: SafeConstructor.construct_object would cache every node forever.
_CONSTRUCT = {
    tag: yaml.constructor.SafeConstructor.yaml_constructors[tag]
    for tag in (f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp"))
}
_SCALARS = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_PLAIN = (True, False)  # the `implicit` flags of a plain scalar, as the composer resolves it

_Task = tuple[yaml.Node, Path_, "yaml.Node | None", Any, Any]


def _build(
    root: yaml.Node, positions: dict[Path_, Position], shown: str, *, shared: bool = True
) -> tuple[Any, list[Diagnostic]]:
    """Construct the data, record positions and find what must be refused, in one iterative pass.

    Iterative because input depth is untrusted. An alias is expanded (each use counted) so that a
    billion-laughs file stops at MAX_NODES instead of reaching pydantic as a shared structure;
    depth and the summed length of paths are bounded too, since each expanded value stores its
    own path. :func:`_expansion_problem` has already measured what aliases expand to (and refused
    recursive ones); the bounds here are the backstop. Without ``shared`` (a text with no alias, so
    every node is reached once, by one path) the bookkeeping of nodes met before is skipped.
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
        first_visit = True
        if shared:
            first_visit = id(node) not in seen
            seen.add(id(node))
        if not shared or path not in positions:
            mark = node.start_mark
            at = mark if key is None else key.start_mark
            positions[path] = Position(mark.line + 1, mark.column + 1, at.line + 1, at.column + 1)
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
    constructors crash on values their tag does not fit. ``!!str`` is harmless and allowed. A number
    beyond ±MAX_NUMBER, ``.inf`` or ``.nan`` is refused (YML016), in every spelling YAML 1.1 has.
    """
    tag = node.tag
    if tag == _STR:
        return node.value, None
    if node.style != "" or _implicit_tag(node.value) != tag:
        return None, _tag_refused(node, shown)
    construct = _CONSTRUCT.get(tag)
    if construct is None:  # `<<` and `=` resolve to YAML 1.1's merge and value tags: as values they are text
        return node.value, None
    if tag == _INT and len(node.value) > _MAX_DIGITS and _too_many_digits(node.value):
        return None, _number_refused(node, shown, "large")
    try:
        value = construct(_SCALARS, node)
    except (ValueError, OverflowError) as exc:
        line, col = _mark(node)
        if tag == _TIMESTAMP:
            return None, R_DATE.at(shown, line, col, value=_one_line(node.value))
        if isinstance(exc, OverflowError):  # a base-60 float (1:59:…:59.5) whose parts pass 1.8e308
            return None, _number_refused(node, shown, "large")
        return None, R_SYNTAX.at(shown, line, col, variant="number", value=_quoted(node.value))
    if tag == _FLOAT and not math.isfinite(value):
        return None, _number_refused(node, shown, "infinite")
    if tag in (_INT, _FLOAT) and abs(value) > MAX_NUMBER:
        return None, _number_refused(node, shown, "large")
    return value, None


def _too_many_digits(text: str) -> bool:
    """Whether an integer's text has more significant digits than any number within MAX_NUMBER.

    Looked at before the integer is made: Python refuses to convert more than 4,300 decimal digits
    (and converts 0x and 0b text of any length), and PyYAML makes a base-60 integer (``1:20:30``) by
    one big multiplication per part, which a long enough text makes quadratic.
    """
    digits = text.lstrip("+-").replace("_", "")
    if digits[:2] in ("0x", "0b"):
        digits = digits[2:]
    return len(digits.lstrip("0")) > _MAX_DIGITS


def _number_refused(node: yaml.ScalarNode, shown: str, variant: str) -> Diagnostic:
    line, col = _mark(node)
    return R_NUMBER.at(shown, line, col, variant=variant, value=_quoted(node.value))


def _implicit_tag(value: str) -> str:
    """The tag libyaml's composer gives a plain scalar without an explicit tag."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, _PLAIN)  # type: ignore[no-untyped-call]  # PyYAML's resolver is unannotated
    return tag


def _tag_refused(node: yaml.Node, shown: str) -> Diagnostic:
    line, col = _mark(node)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if node.tag in _ALLOWED_TAGS and isinstance(node, yaml.ScalarNode):
        return R_TAG.at(shown, line, col, variant="explicit", tag=_quoted(tag), value=_quoted(node.value))
    variant = "mismatch" if node.tag in _ALLOWED_TAGS else "refused"
    return R_TAG.at(shown, line, col, variant=variant, tag=_quoted(tag))


def _expansion_refused(root: yaml.Node, node: yaml.Node, depth: int, shown: str) -> Diagnostic:
    """Why expansion stopped in :func:`_build`: nesting too deep at ``node``, or too many values."""
    if depth > MAX_DEPTH:
        line, col = _mark(node)
        return R_DEPTH.at(shown, line, col, variant="aliases", limit=MAX_DEPTH)
    line, col = _mark(root)
    return R_ALIAS.at(shown, line, col)


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
    return R_ALIAS.at(shown, line, col, variant="recursive", name=name)


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
                problems.append(R_KEY.at(shown, line, col))
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
                problems.append(R_DUPLICATE.at(shown, line, col, name=_quoted(name)))
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
    return _fullwidth(shown, line, col, "：")


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

#: The same, in Chinese.
_FULLWIDTH_ZH: dict[str, tuple[str, str]] = {
    "：": ("全角冒号「：」（U+FF1A）被用作键的分隔符", "半角「:」并加一个空格"),
    ":\u3000": ("键的「:」后面是全角空格「\u3000」（U+3000）", "「:」后的半角空格"),
    "，": ("全角逗号「，」（U+FF0C）被用来分隔各项", "半角「,」并加一个空格"),
    "［": ("全角方括号「［」（U+FF3B）被用来开始列表", "半角「[」"),
    "］": ("全角方括号「］」（U+FF3D）被用来结束列表", "半角「]」"),
    "｛": ("全角花括号「｛」（U+FF5B）被用来开始映射", "半角「{」"),
    "｝": ("全角花括号「｝」（U+FF5D）被用来结束映射", "半角「}」"),
    "\u3000": ("全角空格「\u3000」（U+3000）被用于缩进", "每级两个半角空格"),
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


def _fullwidth(shown: str, line: int, col: int, char: str) -> Diagnostic:
    what, instead = _FULLWIDTH[char]
    what_zh, instead_zh = _FULLWIDTH_ZH[char]
    return R_FULLWIDTH.at(
        shown, line, col, what=what, instead=instead, what_zh=what_zh, instead_zh=instead_zh
    )


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
            yield _fullwidth(shown, misuse.line, misuse.col, misuse.char)


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
        return _fullwidth(shown, misuse.line, misuse.col, misuse.char)
    if "\t" in text[max(0, at - 1) : at + 1] or "\\t" in problem:
        return R_TAB.at(shown, line, col)
    if "expected a single document" in str(exc):
        return R_MULTI.at(shown, line, col)
    if "exceeded maximum nesting depth" in problem:
        return R_DEPTH.at(shown, line, col, variant="here")
    if "mapping values are not allowed" in problem:
        variant = "colon_in_value"
    elif "could not find expected ':'" in problem:
        variant = "missing_colon"
    elif "found duplicate anchor" in problem or "found undefined alias" in problem:
        variant = "anchor"
    else:
        variant = "syntax"
    return R_SYNTAX.at(shown, line, col, variant=variant, problem=problem, problem_zh=_problem_zh(problem))


def _unreadable_character(exc: yaml.reader.ReaderError, text: str, shown: str) -> Diagnostic:
    """A control character libyaml refuses, at its place (libyaml gives a byte offset)."""
    offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line, col = _within(text, *_line_col_of(text, offset))
    character = exc.character if isinstance(exc.character, int) else ord(text[offset : offset + 1] or "\0")
    return R_SYNTAX.at(shown, line, col, variant="control", code=f"{character:04X}")


#: libyaml's problems as Chinese authors should read them; any other problem is shown as libyaml words it.
_PROBLEMS_ZH = {
    "mapping values are not allowed here": "此处不允许出现映射的值",
    "mapping values are not allowed in this context": "此处不允许出现映射的值",
    "could not find expected ':'": "找不到应有的「:」",
    "did not find expected key": "找不到应有的键",
    "did not find expected node content": "找不到应有的值",
    "did not find expected '-' indicator": "找不到应有的「-」列表标记",
    "did not find expected ',' or ']'": "找不到应有的「,」或「]」",
    "did not find expected ',' or '}'": "找不到应有的「,」或「}」",
    "did not find expected <document start>": "找不到应有的文档开始标记「---」",
    "found character that cannot start any token": "出现了不能作为内容开头的字符",
    "found undefined alias": "引用了未定义的别名",
    "found duplicate anchor; first occurrence": "锚点重复定义",
    "found duplicate anchor; second occurrence": "锚点重复定义",
    "found unexpected end of stream": "文件意外结束",
    "found unexpected ':'": "出现了意外的「:」",
    "found unknown escape character": "出现了未知的转义字符",
    "found a tab character that violates indentation": "出现了破坏缩进的制表符",
    "found a tab character where an indentation space is expected": "应为缩进空格处出现了制表符",
    "found unexpected document indicator": "出现了意外的文档标记",
    "found incompatible YAML document": "YAML 版本不兼容",
    "block sequence entries are not allowed in this context": "此处不允许出现「- 」列表项",
    "while scanning a quoted scalar": "引号内的值没有结束",
    "found an incorrect leading spaces for a block scalar": "块文本的前导空格不正确",
    "found a document indicator within a quoted scalar": "引号内的值中出现了文档标记",
    "found a document indicator in a quoted scalar": "引号内的值中出现了文档标记",
}


def _problem_zh(problem: str) -> str:
    """libyaml's problem in Chinese where it is known (its own words otherwise, so nothing is lost)."""
    known = _PROBLEMS_ZH.get(problem)
    return known or problem


#: Why a file cannot be read, by errno, in Chinese.
_READ_ERRORS_ZH = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取该文件的权限",
    errno.EPERM: "没有读取该文件的权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
}


def _unreadable(exc: OSError, shown: str) -> Diagnostic:
    reason = str(exc.strerror or exc)
    reason_zh = _READ_ERRORS_ZH.get(exc.errno or 0, f"读取失败：{reason}")
    return R_UNREADABLE.at(shown, 1, 1, reason=reason, reason_zh=reason_zh)


def _blank(text: str) -> bool:
    return text.strip() == "" or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n"))


_FOREIGN_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
#: Each foreign line break's name, in English and in Chinese.
_BREAK_NAMES = {
    "\x85": ("NEXT LINE (U+0085)", "下一行符 NEXT LINE（U+0085）"),
    "\u2028": ("LINE SEPARATOR (U+2028)", "行分隔符 LINE SEPARATOR（U+2028）"),
    "\u2029": ("PARAGRAPH SEPARATOR (U+2029)", "段分隔符 PARAGRAPH SEPARATOR（U+2029）"),
    "\r": ("carriage return (CR) without a line feed", "不带换行（LF）的回车符（CR）"),
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
        name, name_zh = _BREAK_NAMES[match.group()]
        found.append(R_LINE_BREAK.at(shown, line, col, name=name, name_zh=name_zh))
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


def _failed(shown: str, raw: bytes, diagnostic: Diagnostic) -> LoadedFile:
    return LoadedFile(shown, None, SourceMap({}), _sha(raw), (diagnostic,))
