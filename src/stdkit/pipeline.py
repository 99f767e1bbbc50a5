"""The composition root: load → bind → document rules → collection rules → finish → :class:`Report`.

Every command, the mkdocs plugin (``stdkit serve``) and ``stdkit diff`` go through here, so the
stages run in one order everywhere:

1. *discover* the files (:func:`stdkit.collection.discover`);
2. *load and bind* each one to its model (:func:`stdkit.collection.load_entry`, a pure function
   of one file);
3. *document rules* (``checks.DOCUMENT_CHECKS``) on each valid document;
4. *collection rules* (``checks.COLLECTION_CHECKS``) for ``check`` and ``build``;
5. *finish*: per-collection severities (``off`` removes a finding), suppressions with reasons,
   unused suppressions;
6. for ``build``: the site, then the blueprints, into one temporary folder swapped in atomically.

Checks never mutate documents; outputs never re-validate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path

from stdkit import checks
from stdkit.collection import Collection, Entry, discover, load_entry
from stdkit.config import Config, ConfigError
from stdkit.diagnostics import RULES, Diagnostic, Severity, rule
from stdkit.load import Suppression

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

    def localized(self, lang: str) -> Report:
        """The same report with every message in ``lang`` (``zh`` or ``en``)."""
        return dataclasses.replace(
            self,
            diagnostics=tuple(d.localized(lang) for d in self.diagnostics),
            suppressed=tuple(Suppressed(s.diagnostic.localized(lang), s.reason) for s in self.suppressed),
        )

    def tally(self) -> list[tuple[str, int]]:
        """(code, number of findings) for every code found, worst severity first, then by code."""
        found: dict[str, tuple[Severity, int]] = {}
        for d in self.diagnostics:
            severity, count = found.get(d.code, (d.severity, 0))
            found[d.code] = (max(severity, d.severity), count + 1)
        return [(code, count) for code, (_, count) in sorted(found.items(), key=lambda i: (-i[1][0], i[0]))]

    def counts(self) -> dict[Severity, int]:
        return {severity: sum(1 for d in self.diagnostics if d.severity is severity) for severity in Severity}


def validate(paths: Sequence[Path], config: Config) -> Report:
    """Schema and per-document rules for every file under ``paths``."""
    return _finish(*_gather(paths, config))


def check(paths: Sequence[Path], config: Config) -> Report:
    """``validate`` plus the rules that compare documents with each other and with the reference data."""
    collection, files, found = _gather(paths, config)
    off = config.rules_off()
    for collection_check in checks.COLLECTION_CHECKS:
        if collection_check.wanted(off):
            found.extend(collection_check.run(collection))
    return _finish(collection, files, found)


def _known_codes(config: Config) -> None:
    """A severity for a code no rule has is a typo that would silently change nothing."""
    unknown = sorted(code for code in config.severity if code not in RULES)
    if unknown:
        raise ConfigError(
            f"{config.where}: severity: no rule has the code {', '.join(unknown)} (see `stdkit rules`)"
        )


def _gather(paths: Sequence[Path], config: Config) -> tuple[Collection, int, list[Diagnostic]]:
    _known_codes(config)
    off = config.rules_off()
    document_checks = [c for c in checks.DOCUMENT_CHECKS if c.wanted(off)]
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
            for document_check in document_checks:
                found.extend(document_check.run(entry))
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


# -- build ------------------------------------------------------------------------------------------


class BuildError(Exception):
    """A stage after the checks failed (the site generator, or an output that does not validate);
    nothing was published. The message says which stage and why."""


@dataclasses.dataclass(frozen=True)
class Built:
    """What ``build`` published."""

    folder: Path
    blueprints: int  # blueprint JSON files, one per (document, edition, level)


def build(
    report: Report, out_dir: Path, *, include_drafts: bool, site: bool = True, setting: str = "--out"
) -> Built:
    """The site, then the blueprints, into one temporary folder swapped in for ``out_dir``.

    ``report`` must be a ``check`` report without errors. ``out_dir`` is checked first: it must be a
    folder stdkit may replace (:func:`stdkit.output.check_target`). A failure in any stage raises
    :class:`BuildError` and leaves the published folder as it was.
    """
    from stdkit import blueprint, output, publish

    config = report.collection.config
    target = output.check_target(out_dir, root=config.root, protected=config.standards, setting=setting)
    made: list[Path] = []

    def stages(folder: Path) -> None:
        if site:
            from stdkit.site.build import SiteBuildError, build_site

            try:
                build_site(config, folder, report=report)
            except SiteBuildError as exc:
                raise BuildError(f"site build failed, nothing was published: {exc}") from exc
        # the blueprints go in after the site: a site generator may clean its output folder
        try:
            made.extend(
                publish.build_blueprints_into(report.collection, folder / blueprint.ROOT, include_drafts)
            )
        except publish.PublishError as exc:
            raise BuildError(str(exc)) from exc

    output.replace_dir(target, stages)
    count = sum(
        1
        for p in made
        if p.suffix == ".json" and not publish.is_pointer(p.as_posix()) and p.name != publish.INDEX
    )
    return Built(target, count)
