"""Collection configuration: ``stdkit.toml`` at the root of a standards repository.

```toml
[stdkit]
standards = ["standards"]          # files or folders to read
site_dir = "site"                  # build output, inside the repository
include_drafts = false             # blueprints of unpublished documents (previews)
site_url = "https://standards.example.org/"   # where the site is published: CASE uris resolve there

[stdkit.severity]                  # per-rule severity overrides: error | warning | info | off
OVL702 = "info"

[stdkit.reference]                 # a newer edition of the reference data
occupations = "data/occupations_2025.json"
catalogue = "data/qualification_catalogue_2025.yaml"
releases = ["data/release-2026-03.yaml"]   # later 大典 releases of the collection's own, applied in order

[stdkit.coverage]                  # how much of its basis standard an evaluation spec may leave out
max_omitted = 30                   # percent of a level's basis lines; more is warning COV901

[[stdkit.reference.pending]]       # an occupation still under public notice (公示)
code = "4-04-05-99"
name = "具身智能训练员"
source = "新职业公示（第一批）"
date = 2026-05-20
```
Everything is optional; without the file stdkit uses the defaults above with the directory of
invocation as root. The file is validated by a model: unknown keys, wrong types and paths that
leave the repository are :class:`ConfigError` (exit 2) naming the key. A pull request may change
this file, so nothing it names may point outside the repository. This module reads configuration
and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tomllib
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit.diagnostics import Severity
from stdkit.errors import SetupError
from stdkit.messages import Clauses, Message

if TYPE_CHECKING:
    from pydantic import ValidationError

FILE_NAME = "stdkit.toml"
RULE_CODE = re.compile(r"^[A-Z]{3}\d{3}$")


class ConfigError(SetupError):
    """The configuration file is unusable; the CLI reports it as a usage error (exit 2)."""


@dataclasses.dataclass(frozen=True)
class Pending:
    """An occupation under public notice (公示) that the collection relies on before its release."""

    code: str
    name: str
    source: str
    date: datetime.date


@dataclasses.dataclass(frozen=True)
class Config:
    root: Path
    standards: tuple[Path, ...]
    site_dir: Path
    include_drafts: bool = False
    severity: dict[str, Severity | None] = dataclasses.field(default_factory=dict)  # None: rule is off
    occupations: Path | None = None
    catalogue: Path | None = None
    releases: tuple[Path, ...] = ()
    pending: tuple[Pending, ...] = ()
    source: Path | None = None  # the stdkit.toml read, if any
    coverage_max_omitted: int = 30  # [stdkit.coverage] max_omitted, percent (rule COV901)
    site_url: str | None = None  # https URL of the published site, without a trailing slash
    #: the static-site generator (stdkit.site.generator.GENERATORS); None: the default, mkdocs-material.
    #: Not in stdkit.toml: `stdkit build --generator` sets it (zensical is an experiment, issue 38)
    site_generator: str | None = None

    @classmethod
    def default(cls, root: Path) -> Config:
        return cls(root=root, standards=(root / "standards",), site_dir=root / "site")

    @property
    def where(self) -> Message | str:
        """How messages name the configuration: its file, or the defaults."""
        return str(self.source) if self.source else Message("config.defaults", {"root": self.root})

    def rules_off(self) -> frozenset[str]:
        """Codes the collection switched ``off``."""
        return frozenset(code for code, severity in self.severity.items() if severity is None)

    def reference_key(self) -> tuple[object, ...]:
        """Everything of the configuration that the reference data depends on (for caches)."""
        return (self.occupations, self.catalogue, self.releases, self.pending)


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
        raw = tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: TOMLDecodeError, UnicodeDecodeError, and an integer
        # of more than 4,300 digits, which tomllib leaves to int() to refuse
        raise ConfigError("config.unreadable", path=found, problem=exc) from exc
    table = plain(raw)
    return _from_table(found, table if table is not None else _validated(found, raw))


@dataclasses.dataclass(frozen=True)
class Table:
    """The ``[stdkit]`` table of a file, as the model validated it (or :func:`plain` read it)."""

    standards: tuple[str, ...] = ("standards",)
    site_dir: str = "site"
    include_drafts: bool = False
    site_url: str | None = None
    severity: tuple[tuple[str, str], ...] = ()
    occupations: str | None = None
    catalogue: str | None = None
    releases: tuple[str, ...] = ()
    pending: tuple[Pending, ...] = ()
    max_omitted: int = 30


def _validated(found: Path, raw: dict[str, Any]) -> Table:
    """The table of ``raw`` validated by the model (:mod:`stdkit.config_model`), or ConfigError naming the key."""
    from pydantic import ValidationError

    from stdkit.config_model import File

    try:
        table = File.model_validate(raw).stdkit
    except ValidationError as exc:
        raise ConfigError("config.invalid", path=found, problem=_first_problem(exc)) from exc
    reference = table.reference
    return Table(
        standards=tuple(table.standards),
        site_dir=table.site_dir,
        include_drafts=table.include_drafts,
        site_url=table.site_url,
        severity=tuple(table.severity.items()),
        occupations=reference.occupations,
        catalogue=reference.catalogue,
        releases=tuple(reference.releases),
        pending=tuple(Pending(p.code, p.name, p.source, p.date) for p in reference.pending),
        max_omitted=table.coverage.max_omitted,
    )


#: The keys :func:`plain` reads; anything else (an unknown key, ``pending``) goes to the model.
_PLAIN = frozenset(
    {"standards", "site_dir", "include_drafts", "site_url", "severity", "reference", "coverage"}
)
_SEVERITIES = frozenset({"error", "warning", "info", "off"})


def plain(raw: dict[str, Any]) -> Table | None:
    """The ``[stdkit]`` table of ``raw`` when every value in it is of the plainest shape the model accepts
    (strings within their lengths, a list of them, a boolean, a severity name, a percentage), read without
    pydantic; None for anything else, which :mod:`stdkit.config_model` validates (and names when wrong).

    It never accepts what the model refuses, and gives the model's values (tests/test_config.py)."""
    table = raw.get("stdkit", {})
    if not isinstance(table, dict) or not set(table) <= _PLAIN:
        return None
    reference = table.get("reference", {})
    coverage = table.get("coverage", {})
    if not isinstance(reference, dict) or not set(reference) <= {"occupations", "catalogue", "releases"}:
        return None
    if not isinstance(coverage, dict) or not set(coverage) <= {"max_omitted"}:
        return None
    standards = table.get("standards", ["standards"])
    releases = reference.get("releases", [])
    severity = table.get("severity", {})
    max_omitted = coverage.get("max_omitted", 30)
    include_drafts = table.get("include_drafts", False)
    single = [table.get("site_dir", "site"), table.get("site_url", "-")]
    optional = [reference.get("occupations", "-"), reference.get("catalogue", "-")]
    if not (
        isinstance(standards, list)
        and standards
        and isinstance(releases, list)
        and all(_text(item) for item in [*standards, *releases, *single, *optional])
        and isinstance(severity, dict)
        and all(isinstance(value, str) and value in _SEVERITIES for value in severity.values())
        and type(max_omitted) is int
        and 0 <= max_omitted <= 100
        and type(include_drafts) is bool
    ):
        return None
    return Table(
        standards=tuple(standards),
        site_dir=table.get("site_dir", "site"),
        include_drafts=include_drafts,
        site_url=table.get("site_url"),
        severity=tuple(severity.items()),
        occupations=reference.get("occupations"),
        catalogue=reference.get("catalogue"),
        releases=tuple(releases),
        max_omitted=max_omitted,
    )


def _text(value: object) -> bool:
    """A string the model takes for a path or a URL (one to 1,024 characters)."""
    return type(value) is str and 1 <= len(value) <= 1024


def _first_problem(exc: ValidationError) -> Message:
    """One line naming the key, in the file's own dotted spelling, and what it must be (pydantic's
    own words say what it must be: they are English)."""
    problems = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            problems.append(Message("config.unknown_key", {"key": key}))
        else:
            found = _shown(error.get("input"))
            problems.append(
                Message("config.bad_value", {"key": key, "problem": error["msg"], "found": found})
            )
    return Message("config.problems", {"problems": Clauses(problems)})


def _shown(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer Python will not print in decimal (0x and 4,300 digits or more)
        text = hex(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _inside(root: Path, key: str, value: str, found: Path) -> Path:
    """``value`` resolved against the repository root; it must stay inside the repository."""
    path = (root / value).resolve()
    if not path.is_relative_to(root):
        raise ConfigError("config.outside", path=found, key=key, value=value, root=root)
    return path


def _site_url(found: Path, value: str | None) -> str | None:
    """``site_url`` without its trailing slash. Only https with a host, and no query or fragment: the
    CASE packages append ``/blueprints/…/case.json#<identifier>`` to it, and a reader follows it."""
    if value is None:
        return None
    try:
        parts = urllib.parse.urlsplit(value)
        usable = parts.scheme == "https" and bool(parts.hostname) and parts.username is None
    except ValueError:  # an unclosed [IPv6] host
        usable = False
    # a space or "?" or "#" anywhere would make every URI built on it another URL, or none
    if not usable or any(c.isspace() or c in "?#" or ord(c) < 32 for c in value):
        raise ConfigError("config.site_url", path=found, value=value)
    return value.rstrip("/")


def _from_table(found: Path, table: Table) -> Config:
    root = found.parent.resolve()
    severity: dict[str, Severity | None] = {}
    for code, value in table.severity:
        if not RULE_CODE.match(code):
            raise ConfigError("config.not_a_code", path=found, code=code)
        severity[code] = None if value == "off" else Severity.parse(value)
    standards = tuple(_inside(root, "standards", item, found) for item in table.standards)
    site_dir = _inside(root, "site_dir", table.site_dir, found)
    return Config(
        root=root,
        standards=standards,
        site_dir=site_dir,
        include_drafts=table.include_drafts,
        severity=severity,
        occupations=_inside(root, "reference.occupations", table.occupations, found)
        if table.occupations
        else None,
        catalogue=_inside(root, "reference.catalogue", table.catalogue, found) if table.catalogue else None,
        releases=tuple(_inside(root, "reference.releases", item, found) for item in table.releases),
        pending=table.pending,
        source=found,
        coverage_max_omitted=table.max_omitted,
        site_url=_site_url(found, table.site_url),
    )
