"""Is this file a stdkit document? The decision for files named on the command line.

A standards repository holds other YAML too: ``.pre-commit-config.yaml``, ``mkdocs.yml``, the
workflows under ``.github/``. A hook or a shell glob that passes them to `stdkit validate` must not
turn them into ``SCH106 no kind:`` errors. A file is skipped (with a note, never silently) only when it is a
known tool's configuration (by name, or in a tool's folder such as ``.github/``); every other file
named is validated, so a broken or hostile file cannot pass a check by being called "not a
document", and a missing ``kind:`` is reported as the author's mistake. This module reads at
most the head of a file and never parses it; it decides, it does not report.
"""

from __future__ import annotations

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
#: Each reason of :func:`skip_reason` in Chinese, for the note the CLI prints.
REASONS_ZH = {
    "the configuration of another tool": "这是其他工具的配置文件",
    "in a folder of another tool's configuration": "位于其他工具的配置文件夹中",
    "a crosswalk between editions (`stdkit check` reads it)": "这是新旧版本对照文件（由 `stdkit check` 检查）",
}
#: Folders that hold only other tools' configuration.
TOOL_FOLDERS = frozenset({".github", ".gitlab", ".circleci", ".gitea", ".forgejo"})


def skip_reason(path: Path, standards: Iterable[Path]) -> str | None:
    """Why ``path`` is not a stdkit document, or None when it should be validated as one."""
    if path.is_dir():
        return None
    if path.name in TOOL_FILES:
        return "the configuration of another tool"
    if TOOL_FOLDERS & set(path.parts):  # as named: the repository itself may sit anywhere
        return "in a folder of another tool's configuration"
    if path.parent.name == "crosswalks" and path.suffix in (".yaml", ".yml"):
        # not a document, and not passed over either: `stdkit check` reads and checks every crosswalk
        return "a crosswalk between editions (`stdkit check` reads it)"
    # Any other file named is validated: a hostile or broken file outside the standards folders must
    # not pass a check by being called "not a document" (pre-commit only passes the standards folder).
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
