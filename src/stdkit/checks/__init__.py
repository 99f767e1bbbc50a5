"""The rule registry and the two pipelines, ``validate`` (one document at a time) and ``check``.

Adding a rule family is one import and one entry below. Document checks take an :class:`Entry`,
collection checks a :class:`Collection`; both yield diagnostics and never mutate anything.
Suppressions (``# stdkit: ignore CODE reason``) and per-collection severities are applied last,
here, so that checks stay unaware of configuration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from stdkit.checks import catalogue, content, ladder, overlap, references, weights
from stdkit.collection import Collection, Entry, discover, load_entry
from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.load import Suppression

DocumentCheck = Callable[[Entry], Iterable[Diagnostic]]
CollectionCheck = Callable[[Collection], Iterable[Diagnostic]]

DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (ladder.check, weights.check, content.check)
COLLECTION_CHECKS: tuple[CollectionCheck, ...] = (catalogue.check, overlap.check, references.check)

R_NO_FILES = rule(
    "USE001",
    "usage",
    Severity.ERROR,
    "A path given on the command line does not exist, or holds no YAML file.",
    "Check the path; documents are *.yaml or *.yml files.",
)
R_UNUSED_SUPPRESSION = rule(
    "USE002",
    "usage",
    Severity.WARNING,
    "A `# stdkit: ignore` comment suppresses nothing, or gives no reason.",
    "Remove the comment if the problem is fixed; otherwise write why it is ignored after the code.",
)


@dataclasses.dataclass(frozen=True)
class Suppressed:
    diagnostic: Diagnostic
    reason: str


@dataclasses.dataclass(frozen=True)
class Report:
    """What a run found: the documents that are valid, the findings, and what was suppressed."""

    collection: Collection
    files: int
    diagnostics: tuple[Diagnostic, ...]
    suppressed: tuple[Suppressed, ...] = ()

    @property
    def exit_status(self) -> int:
        return 1 if any(d.severity is Severity.ERROR for d in self.diagnostics) else 0

    def counts(self) -> dict[Severity, int]:
        return {severity: sum(1 for d in self.diagnostics if d.severity is severity) for severity in Severity}


def validate(paths: Sequence[Path], config: Config) -> Report:
    """Schema and per-document rules for every file under ``paths``."""
    return _finish(*_gather(paths, config))


def check(paths: Sequence[Path], config: Config) -> Report:
    """``validate`` plus the rules that compare documents with each other and with the reference data."""
    collection, files, found = _gather(paths, config)
    for collection_check in COLLECTION_CHECKS:
        found.extend(collection_check(collection))
    return _finish(collection, files, found)


def _known_codes(config: Config) -> None:
    """A severity for a code no rule has is a typo that would silently change nothing."""
    from stdkit.config import ConfigError
    from stdkit.diagnostics import RULES

    unknown = sorted(code for code in config.severity if code not in RULES)
    if unknown:
        raise ConfigError(
            f"{config.where}: severity: no rule has the code {', '.join(unknown)} (see `stdkit rules`)"
        )


def _gather(paths: Sequence[Path], config: Config) -> tuple[Collection, int, list[Diagnostic]]:
    _known_codes(config)
    files, missing = discover(paths)
    found: list[Diagnostic] = [
        Diagnostic(path, 1, 1, R_NO_FILES.code, f"{path} does not exist. {R_NO_FILES.fix}")
        for path in missing
    ]
    entries: list[Entry] = []
    for file in files:
        entry, _, problems = load_entry(file, config.root)
        found.extend(problems)
        if entry is not None:
            entries.append(entry)
            for document_check in DOCUMENT_CHECKS:
                found.extend(document_check(entry))
    if not files and not missing:
        shown = ", ".join(str(p) for p in paths)
        found.append(
            Diagnostic(shown, 1, 1, R_NO_FILES.code, f"No YAML documents under {shown}. {R_NO_FILES.fix}")
        )
    return Collection(tuple(entries), config), len(files), found


def _finish(collection: Collection, files: int, found: Iterable[Diagnostic]) -> Report:
    suppressions = {entry.path: entry.suppressions for entry in collection.entries}
    used: set[tuple[str, int]] = set()
    kept: list[Diagnostic] = []
    suppressed: list[Suppressed] = []
    for raw in sorted(set(found)):
        override = collection.config.severity.get(raw.code, raw.severity)
        if override is None:  # the collection turned the rule off
            continue
        diagnostic = raw.with_severity(override)
        match = _suppression(diagnostic, suppressions.get(diagnostic.path, ()))
        if match is not None and match.reason:
            used.add((diagnostic.path, match.line))
            suppressed.append(Suppressed(diagnostic, match.reason))
        else:
            kept.append(diagnostic)
    for path, items in suppressions.items():
        for item in items:
            if (path, item.line) not in used:
                why = "gives no reason" if not item.reason else "suppresses nothing"
                kept.append(
                    Diagnostic(
                        path,
                        item.comment_line,
                        1,
                        R_UNUSED_SUPPRESSION.code,
                        f"`# stdkit: ignore {', '.join(item.codes)}` {why}. {R_UNUSED_SUPPRESSION.fix}",
                        R_UNUSED_SUPPRESSION.severity,
                    )
                )
    return Report(collection, files, tuple(sorted(kept)), tuple(suppressed))


def _suppression(diagnostic: Diagnostic, items: Iterable[Suppression]) -> Suppression | None:
    for item in items:
        if diagnostic.code in item.codes and (item.whole_document or item.line == diagnostic.line):
            return item
    return None
