"""Is this file a stdkit document? The decision for files named on the command line.

A standards repository holds other YAML too: ``.pre-commit-config.yaml``, ``mkdocs.yml``, the
workflows under ``.github/``. A hook or a shell glob that passes them to `stdkit validate` must not
turn them into ``SCH106 no kind:`` errors. A file is skipped (with a note, never silently) when it is
a known tool's configuration, or when it lies outside the configured standards folders and has none
of the header keys every document starts with. A file inside a standards folder is always a
document: there a missing ``kind:`` is the author's mistake and is reported. This module reads at
most the head of a file and never parses it; it decides, it does not report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: Configuration files of other tools, by name.
TOOL_FILES = frozenset(
    {
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "mkdocs.yml",
        "mkdocs.yaml",
        ".readthedocs.yml",
        ".readthedocs.yaml",
        ".gitlab-ci.yml",
        ".yamllint",
        ".yamllint.yml",
        ".yamllint.yaml",
        "codecov.yml",
        ".codecov.yml",
        "dependabot.yml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        "environment.yml",
        "action.yml",
        "action.yaml",
    }
)
#: Folders that hold only other tools' configuration.
TOOL_FOLDERS = frozenset({".github", ".gitlab", ".circleci", ".gitea", ".forgejo"})
#: A top-level key that every kind of document has; a file with none of them is no document.
_HEADER = re.compile(r"^(kind|id|edition|title|status|issuer)\s*:", re.MULTILINE)
_HEAD_BYTES = 65536


def skip_reason(path: Path, standards: Iterable[Path]) -> str | None:
    """Why ``path`` is not a stdkit document, or None when it should be validated as one."""
    if path.is_dir():
        return None
    resolved = path.resolve()
    if path.name in TOOL_FILES:
        return "the configuration of another tool"
    if TOOL_FOLDERS & set(path.parts):  # as named: the repository itself may sit anywhere
        return "in a folder of another tool's configuration"
    if any(_inside(resolved, folder.resolve()) for folder in standards):
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return None  # the pipeline reports what is wrong with it
    if _HEADER.search(head) is None:
        return "outside the standards folders, and it has no kind:, id: or title:"
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
