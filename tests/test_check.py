"""`stdkit check`: the collection rules (catalogue, overlap, references) on small multi-document collections.

Each folder of tests/collections/ is one collection with an ``expect.txt`` listing the exact
``CODE file:line`` findings; the test asserts that set, so a rule that fires too often fails too.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stdkit import checks
from stdkit.checks import catalogue, overlap, references
from stdkit.collection import Collection
from stdkit.config import Config
from stdkit.diagnostics import RULES, Diagnostic
from stdkit.run import gather, pipeline
from stdkit.run.report import Report

from .conftest import STANDARDS, CliResult

COLLECTIONS = Path(__file__).resolve().parent / "collections"
CASES = sorted(p.name for p in COLLECTIONS.iterdir() if (p / "expect.txt").is_file())
COLLECTION_FAMILIES = ("catalogue", "overlap", "references", "coverage")


def expected(case: str) -> set[tuple[str, str, int]]:
    found = set()
    for line in (COLLECTIONS / case / "expect.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, place = line.split()
            path, number = place.rsplit(":", 1)
            found.add((code, path, int(number)))
    return found


def run_check(folder: Path) -> Report:
    return pipeline.check([folder], Config.default(folder))


@pytest.fixture
def chdir() -> Iterator[Callable[[Path], None]]:
    before = Path.cwd()
    yield os.chdir
    os.chdir(before)


@pytest.mark.parametrize("case", CASES)
def test_collection_case(case: str, chdir: Callable[[Path], None]) -> None:
    folder = COLLECTIONS / case
    chdir(folder)
    report = run_check(Path())
    actual = {(d.code, d.path, d.line) for d in report.diagnostics}
    assert actual == expected(case)


def test_every_collection_rule_has_a_failing_and_a_passing_case() -> None:
    checks.declare_every_rule()  # the registry is imported lazily: every family's rules in RULES first
    codes = [code for code, r in RULES.items() if r.family in COLLECTION_FAMILIES]
    assert len(codes) >= 17
    failing = {code for case in CASES for code, _, _ in expected(case)}
    for code in codes:
        assert code in failing, f"no collection case fails {code}"
        prefix = code[:3].lower() + code[3:5]  # cat60, ovl70, ref80: a case that is clean of the family
        clean = [c for c in CASES if c.startswith(prefix) and not any(e[0] == code for e in expected(c))]
        assert clean, f"no passing collection for {code}"


def test_rules_are_registered() -> None:
    registered = [c.run for c in checks.COLLECTION_CHECKS]
    assert catalogue.check in registered
    assert overlap.near_work in registered
    assert references.check in registered


def test_validate_does_not_run_collection_rules() -> None:
    folder = COLLECTIONS / "cat601_licence_unlinked"
    report = pipeline.validate([folder], Config.default(folder))
    assert not [d for d in report.diagnostics if d.code.startswith("CAT")]


def _copy_standards(target: Path) -> None:
    for file in STANDARDS.glob("*.yaml"):
        shutil.copy(file, target / file.name)


def test_welder_without_qualification_fails_at_the_occupation_code(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    standards = in_dir / "standards"
    standards.mkdir()
    source = (STANDARDS / "6-18-02-04_2018.yaml").read_text(encoding="utf-8")
    text = re.sub(r"qualification:\n(  .*\n)+", "", source)
    text = text.replace("id: 6-18-02-04", "id: QY-HG").replace('edition: "2018"', 'edition: "2024"')
    text = text.replace("issuer: 人力资源社会保障部", "issuer: 某焊接企业").replace(
        "title: 焊工", "title: 焊工岗位规范"
    )
    (standards / "welder.yaml").write_text(text, encoding="utf-8")
    status, out, _ = cli("check", "--format", "text")
    code_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.strip() == "code: 6-18-02-04")
    assert status == 1
    assert f"standards/welder.yaml:{code_line}:9: CAT601 [error]" in out


def test_sample_collection_has_no_errors() -> None:
    report = run_check(STANDARDS)
    assert report.exit_status == 0, [d.render() for d in report.diagnostics]


def test_near_copy_of_a_sample_standard_is_flagged(tmp_path: Path) -> None:
    _copy_standards(tmp_path)
    source = (STANDARDS / "6-31-01-03_2018.yaml").read_text(encoding="utf-8")
    copy = source.replace("id: 6-31-01-03", "id: DG-COPY").replace("supersedes: 6-31-01-03@2009\n", "")
    lines = copy.splitlines()
    skill_lines = [i for i, line in enumerate(lines) if line.lstrip().startswith("- 能")]
    for n, i in enumerate(skill_lines[:3]):  # a few small edits
        lines[i] = lines[i] + f"并记录{n}"
    (tmp_path / "copy.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_check(tmp_path)
    found = {d.code for d in report.diagnostics if d.path.endswith("copy.yaml")}
    assert {"OVL701", "OVL702", "OVL704"} <= found
    work = next(d for d in report.diagnostics if d.code == "OVL704")
    assert "6-31-01-03_2018.yaml:" in work.message
    assert re.search(r"\d+ % similar", work.message)


def test_editions_are_not_duplicates_of_each_other() -> None:
    report = run_check(STANDARDS)
    assert not [d for d in report.diagnostics if d.code.startswith("OVL")]


def test_severity_override_applies_to_collection_rules() -> None:
    folder = COLLECTIONS / "cat601_licence_unlinked"
    config = Config.default(folder)
    config.severity["CAT601"] = None
    report = pipeline.check([folder], config)
    assert not [d for d in report.diagnostics if d.code == "CAT601"]


def test_near_pairs_are_found_by_the_index_only() -> None:
    sets = [
        overlap.grams(text)
        for text in ("能安装照明电路并检查", "能安装照明电路并检测", "能调整炉膛负压与风量")
    ]
    pairs = list(overlap.candidates(sets, threshold=0.3, num_perm=128))
    assert (0, 1) in pairs
    assert (0, 2) not in pairs and (1, 2) not in pairs


def test_collection_rules_apart_from_coverage_give_what_they_give_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From POOL_THRESHOLD documents the overlap and other collection rules run in a forked child while
    coverage runs in the parent; the report is the one a single process gives."""
    for case in ("cov901_omitted", "ovl704_near_work", "ovl705_special_repeats", "cat606_name_mismatch"):
        shutil.copytree(COLLECTIONS / case, tmp_path / case, ignore=shutil.ignore_patterns("expect.txt"))
    config = Config.default(tmp_path)
    together = pipeline.check([tmp_path], config, documents=False)
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 1)
    from stdkit import pool

    children: list[pool.Background[object]] = []

    class Watched(pool.Background[object]):
        def __init__(self, function: Callable[[], object]) -> None:
            super().__init__(function)
            children.append(self)

    monkeypatch.setattr(pool, "Background", Watched)
    apart = pipeline.check([tmp_path], config, documents=False)
    assert [child.forked for child in children] == [True], "the other rules ran in a child"
    assert apart.diagnostics == together.diagnostics
    assert {"COV901", "OVL704", "OVL705"} <= {d.code for d in apart.diagnostics}


def test_a_collection_rule_that_fails_apart_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(collection: Collection) -> list[Diagnostic]:
        raise RuntimeError("a rule broke")

    failing = dataclasses.replace(checks.COLLECTION_CHECKS[1], run=broken)
    monkeypatch.setattr(checks, "COLLECTION_CHECKS", (failing, *checks.COLLECTION_CHECKS[2:]))
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 1)
    with pytest.raises(RuntimeError, match="a rule broke"):
        pipeline.check([COLLECTIONS / "cov901_omitted"], Config.default(COLLECTIONS / "cov901_omitted"))


def test_the_checks_a_warm_run_makes_are_the_registrys_that_read_beyond_the_documents() -> None:
    """A warm run makes the findings of the checks that read files beyond the documents without importing the
    registry (issue 39): ``per_file_checks`` must list exactly those of ``COLLECTION_CHECKS``, in their order,
    or a warm run would leave out (or add) findings a full run gives."""
    listed = [check for check in checks.COLLECTION_CHECKS if check.per_file is not None]
    assert listed
    assert [id(check) for check in checks.per_file_checks()] == [id(check) for check in listed]
