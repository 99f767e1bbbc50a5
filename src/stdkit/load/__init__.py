"""YAML text → (data, source map), safely and within bounds. The only package that reads documents.

The file is decoded as strict UTF-8, composed once into a node tree by libyaml (``CSafeLoader``),
checked (tags, duplicate keys, alias expansion, nesting), and only then constructed into plain
Python values. The same nodes give the source map from a path such as
``("work", "L4", 0, "function")`` to the line and column of the value and of its key, so that
every later diagnostic can point into the file. A problem with the file is a :class:`Diagnostic`,
never an exception: this package must not raise on any input, and every diagnostic it makes has a
one-line message and a position inside the file.

Its modules, in the order :func:`parse` uses them:

- :mod:`~stdkit.load.text` — the file as text: UTF-8 (YML007), blank (YML008), unreadable (YML011),
  line breaks git does not count (YML015); positions and quoting for messages;
- :mod:`~stdkit.load.limits` — the bounds on bytes, values, nesting and alias expansion (YML005,
  YML006, YML010), so that a hostile file costs at most a fraction of a second and tens of MB;
- :mod:`~stdkit.load.syntax` — libyaml's refusals in the author's words (YML001, YML002, YML009);
- :mod:`~stdkit.load.positions` — the composer, and the constructor that builds the data and the
  source map in one pass (YML003, YML013);
- :mod:`~stdkit.load.scalars` and :mod:`~stdkit.load.numbers` — a scalar's value (YML004, YML012),
  numbers bounded to what every later stage and output can hold (YML016, :data:`MAX_NUMBER`);
- :mod:`~stdkit.load.fullwidth` — full-width punctuation where YAML wants its separator (YML014);
- :mod:`~stdkit.load.suppressions` — ``# stdkit: ignore`` comments (YAML comments only).
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import yaml

from stdkit.diagnostics import Diagnostic
from stdkit.discovery import MAX_BYTES, display_path, display_paths
from stdkit.load import fullwidth, limits, positions, suppressions, syntax
from stdkit.load.limits import MAX_DEPTH, MAX_FLOW_DEPTH, MAX_NODES, MAX_PATH_WORK
from stdkit.load.numbers import MAX_NUMBER
from stdkit.load.positions import Path_, Position, SourceMap
from stdkit.load.suppressions import Suppression
from stdkit.load.text import R_EMPTY, blank, decoded, foreign_line_breaks, unreadable

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_FLOW_DEPTH",
    "MAX_NODES",
    "MAX_NUMBER",
    "MAX_PATH_WORK",
    "LoadedFile",
    "Path_",
    "Position",
    "SourceMap",
    "Suppression",
    "display_path",
    "display_paths",
    "parse",
    "read",
]

#: The line scan by its former name: tests hold the YAML writer to it (no line it writes reads as a
#: suppression, whatever YAML makes of the line).
_suppressions = suppressions.lines


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


def read(path: Path, *, shown_as: str | None = None, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Read and parse one file. Never raises for a problem in the file."""
    shown = shown_as or display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(shown, b"", limits.too_large(shown, size))
        raw = path.read_bytes()
    except OSError as exc:
        return _failed(shown, b"", unreadable(exc, shown))
    return parse(raw, shown, max_bytes=max_bytes)


def parse(raw: bytes, shown: str, *, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Parse bytes that claim to be a YAML document (the pure half of :func:`read`)."""
    if len(raw) > max_bytes:
        return _failed(shown, raw, limits.too_large(shown, len(raw)))
    text = decoded(raw, shown)
    if isinstance(text, Diagnostic):
        return _failed(shown, raw, text)
    refused = limits.text_problem(text, shown)
    if refused is not None:
        return _failed(shown, raw, refused)
    if blank(text):
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="blank"))
    breaks = foreign_line_breaks(text, shown)
    if breaks:
        return _unusable(shown, raw, breaks, tuple(suppressions.lines(text)))
    try:
        node = positions.compose(text)
    except yaml.MarkedYAMLError as exc:
        return _unusable(shown, raw, [syntax.syntax_error(exc, text, shown)], tuple(suppressions.lines(text)))
    except yaml.reader.ReaderError as exc:
        return _failed(shown, raw, syntax.unreadable_character(exc, text, shown))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its other errors
        return _failed(shown, raw, syntax.unmarked_error(exc, shown))
    if node is None:
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="blank"))
    return _constructed(node, text, shown, raw)


def _constructed(node: yaml.Node, text: str, shown: str, raw: bytes) -> LoadedFile:
    """The composed document checked and built, with its source map and suppressions."""
    found = suppressions.comments(text, node)
    shared = "*" in text  # only aliases make expansion larger than the text
    refused = limits.expansion_problem(node, shown, text) if shared else None
    if refused is not None:
        return _unusable(shown, raw, [refused], found)
    where: dict[Path_, Position] = {}
    data, problems = positions.build(node, where, shown, shared=shared)
    if not problems and data is None:
        # `---` alone, `--- ~` or `%YAML 1.1` + `---`: a document that vanished must not pass
        return _failed(shown, raw, R_EMPTY.at(shown, 1, 1, variant="null"))
    if not problems:
        problems = list(fullwidth.in_structure(text, where.values(), shown))
    if problems:
        return LoadedFile(shown, None, SourceMap(where), _sha(raw), tuple(sorted(problems)), found)
    return LoadedFile(shown, data, SourceMap(where), _sha(raw), (), found)


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _failed(shown: str, raw: bytes, diagnostic: Diagnostic) -> LoadedFile:
    return LoadedFile(shown, None, SourceMap({}), _sha(raw), (diagnostic,))


def _unusable(
    shown: str, raw: bytes, problems: list[Diagnostic], found: tuple[Suppression, ...]
) -> LoadedFile:
    return LoadedFile(shown, None, SourceMap({}), _sha(raw), tuple(problems), found)
