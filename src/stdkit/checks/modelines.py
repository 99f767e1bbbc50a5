"""The editor modeline (CNT513): a ``# yaml-language-server: $schema=…`` comment naming a schema file that is
not there.

A collection check, not a document one: it depends on schema/ on disk, not only on the document's bytes, so
its findings never come from the cache; a run answered from the memo makes them every run from what
:func:`modeline_target` read of each file's bytes (kept beside the file's record key) with
:func:`modeline_finding` (:class:`stdkit.checks.PerFile`). Apart from :mod:`stdkit.checks.content` so that
such a run imports no model and no other rule (issue 39). It reads the head of a file, never a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.checks import Check, PerFile
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule

if TYPE_CHECKING:
    from stdkit.collection import AnyEntry, Collection

R_MODELINE = rule(
    "CNT513",
    "content",
    Severity.WARNING,
    "The editor modeline points at a schema file that does not exist.",
    "Run `stdkit schema` to write schema/ beside standards/, or correct the path after `$schema=`.",
    bad="# yaml-language-server: $schema=../schemas/occupational-standard.schema.json",
    good="# yaml-language-server: $schema=../schema/occupational-standard.schema.json",
    detail="`$schema={target}` names no file: the editor cannot complete or check this document.",
    zh=Wording(
        "编辑器模式行（modeline）指向的 schema 文件不存在。",
        "请运行 `stdkit schema` 在 standards/ 旁生成 schema/，或改正 `$schema=` 后的路径。",
        "`$schema={target}` 指向的文件不存在：编辑器无法补全和检查本文档。",
    ),
)
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
#: How far into a file the modeline may stand (it belongs in the leading comments).
_MODELINE_BYTES = 4096


def modelines(collection: Collection) -> Iterator[Diagnostic]:
    """CNT513 for every document. A collection check, not a document one: it depends on schema/ on
    disk, not only on the document's bytes, so its result must never come from the cache."""
    for entry in collection.entries:
        yield from modeline(entry)


def modeline(entry: AnyEntry) -> Iterator[Diagnostic]:
    """The ``# yaml-language-server: $schema=…`` comment names a local file that is not there."""
    yield from modeline_of(entry.file, entry.path)


def modeline_of(file: Path, shown: str) -> Iterator[Diagnostic]:
    """CNT513 for one file. Reads the head of the file: the modeline is a comment, so no model holds it."""
    try:
        with file.open("rb") as stream:
            head = stream.read(_MODELINE_BYTES)
    except OSError:
        return
    yield from modeline_finding(file, shown, modeline_target(head))


def modeline_target(head: bytes) -> tuple[int, int, str] | None:
    """(line, column, target) of a local ``$schema`` modeline among the leading comments of a file's first
    bytes: a pure function of the bytes, so a run that knows the file is unchanged can keep it."""
    for number, line in enumerate(head[:_MODELINE_BYTES].decode("utf-8", "replace").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return None  # past the leading comments
        match = _MODELINE.search(line)
        if match is None:
            continue
        target = match.group(1)
        if "://" in target:
            return None  # a URL: the editor fetches it, stdkit never does
        return number, match.start(1) + 1, target
    return None


def modeline_finding(file: Path, shown: str, found: tuple[int, int, str] | None) -> Iterator[Diagnostic]:
    """CNT513 when the modeline ``found`` in ``file`` names a local file that is not there."""
    if found is not None and not (file.parent / found[2]).is_file():
        yield R_MODELINE.at(shown, found[0], found[1], target=found[2])


#: The check in :data:`stdkit.checks.COLLECTION_CHECKS` (and :func:`stdkit.checks.per_file_checks`).
CHECK: Check[Collection] = Check(
    (R_MODELINE.code,), modelines, per_file=PerFile(modeline_target, modeline_finding)
)
