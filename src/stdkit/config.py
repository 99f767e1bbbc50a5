"""Collection configuration: ``stdkit.toml`` at the root of a standards repository.

```toml
[stdkit]
standards = ["standards"]          # files or folders to read
site_dir = "site"                  # build output
include_drafts = false             # blueprints of unpublished documents (previews)

[stdkit.severity]                  # per-rule severity overrides: error | warning | info | off
OVL202 = "info"

[stdkit.reference]                 # a newer edition of the reference data
occupations = "data/occupations_2025.json"
catalogue = "data/qualification_catalogue_2025.yaml"
```
Everything is optional; without the file stdkit uses the defaults above with the directory
of invocation as root. This module reads configuration and nothing else.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from stdkit.diagnostics import Severity

FILE_NAME = "stdkit.toml"


class ConfigError(Exception):
    """The configuration file is unusable; the CLI reports it as a usage error (exit 2)."""


@dataclasses.dataclass(frozen=True)
class Config:
    root: Path
    standards: tuple[Path, ...]
    site_dir: Path
    include_drafts: bool = False
    severity: dict[str, Severity | None] = dataclasses.field(default_factory=dict)  # None: rule is off
    occupations: Path | None = None
    catalogue: Path | None = None
    source: Path | None = None  # the stdkit.toml read, if any

    @classmethod
    def default(cls, root: Path) -> Config:
        return cls(root=root, standards=(root / "standards",), site_dir=root / "site")


def find(start: Path) -> Path | None:
    """The nearest ``stdkit.toml`` at or above ``start``."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load(start: Path | None = None) -> Config:
    start = start or Path.cwd()
    found = find(start)
    if found is None:
        return Config.default(start.resolve())
    try:
        table = tomllib.loads(found.read_text(encoding="utf-8")).get("stdkit", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{found}: {exc}") from exc
    return _from_table(found, table)


def _from_table(found: Path, table: dict[str, Any]) -> Config:
    root = found.parent
    known = {"standards", "site_dir", "include_drafts", "severity", "reference"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{found}: unknown key(s) {', '.join(unknown)} in [stdkit]; known: {', '.join(sorted(known))}"
        )
    standards = table.get("standards", ["standards"])
    if not isinstance(standards, list) or not all(isinstance(item, str) for item in standards):
        raise ConfigError(f"{found}: [stdkit] standards must be a list of paths")
    severity: dict[str, Severity | None] = {}
    for code, value in dict(table.get("severity", {})).items():
        if value == "off":
            severity[code] = None
            continue
        try:
            severity[code] = Severity.parse(str(value))
        except ValueError as exc:
            raise ConfigError(f"{found}: [stdkit.severity] {code}: {exc} or off") from exc
    reference = dict(table.get("reference", {}))
    return Config(
        root=root,
        standards=tuple(root / item for item in standards),
        site_dir=root / str(table.get("site_dir", "site")),
        include_drafts=bool(table.get("include_drafts", False)),
        severity=severity,
        occupations=root / reference["occupations"] if "occupations" in reference else None,
        catalogue=root / reference["catalogue"] if "catalogue" in reference else None,
        source=found,
    )
