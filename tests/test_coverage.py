"""Coverage (衔接) of an evaluation spec against its basis: the numbers, the lines, the warning, the outputs.

The collection cases tests/collections/cov901_omitted (a spec that drops half of its basis's
三级/高级工 skill lines) and cov90x_reworded (the same spec with every line reworded slightly, plus
one line of its own) are also run by tests/test_check.py against their expect.txt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdkit.checks import coverage
from stdkit.collection import Entry, levelled
from stdkit.config import Config, load
from stdkit.run import pipeline
from stdkit.run.report import Report

from .conftest import STANDARDS, CliResult

COLLECTIONS = Path(__file__).resolve().parent / "collections"


def run(folder: Path, config: Config | None = None) -> Report[Entry]:
    return pipeline.check([folder], config or Config.default(folder))


def only(report: Report) -> coverage.Coverage:
    found = coverage.analyse(report.collection)
    assert len(found) == 1
    return found[0]


@pytest.fixture
def chdir() -> Iterator[Callable[[Path], None]]:
    before = Path.cwd()
    yield os.chdir
    os.chdir(before)


def test_dropping_half_of_the_skill_lines_is_warned_about_with_the_numbers(
    chdir: Callable[[Path], None],
) -> None:
    chdir(COLLECTIONS / "cov901_omitted")
    report = run(Path())
    found = [d for d in report.diagnostics if d.code == "COV901"]
    assert [(d.path, d.line, d.col) for d in found] == [("b.yaml", 30, 3)]
    message = found[0].message
    assert (
        "At L3 EV-QG@2024 omits 4 of the 12 skill and knowledge lines of its basis 6-20-01-01@2018" in message
    )
    assert "(33 %, more than 30 %)" in message
    assert "「能装配和调整液压传动系统」" in message
    zh = found[0].text("zh")
    assert (
        "在三级/高级工遗漏了依据标准 6-20-01-01@2018 的 12 条技能要求和相关知识要求中的 4 条（33%，超过 30%）"
        in zh
    )
    level = only(report).levels[-1]
    assert level.key == "L3"
    assert sorted(line.text for line in level.omitted) == sorted(
        [
            "能装配和调整液压传动系统",
            "能测量并调整蜗轮蜗杆副的侧隙",
            "能编制设备大修的装配工艺卡",
            "能使用激光干涉仪检测定位精度",
        ]
    )
    assert only(report).levels[0].omitted == [], "L4 is copied whole"


def test_slightly_reworded_lines_still_cover_their_basis(chdir: Callable[[Path], None]) -> None:
    chdir(COLLECTIONS / "cov90x_reworded")
    report = run(Path())
    assert not [d for d in report.diagnostics if d.code == "COV901"]
    level = only(report).levels[-1]
    assert level.omitted == []
    reworded = {m.basis.text: m for m in level.covered if m.similarity < 100}
    assert len(reworded) == 7  # every L3 skill line but 能修复磨损的滚动导轨
    match = reworded["能装配和调整液压传动系统"]
    assert match.spec is not None and match.spec.text == "能装配并调整液压传动系统"
    assert coverage.NEAR <= match.similarity < 100
    assert [line.text for line in level.added] == ["能对变电站主变压器进行巡视检查"]


def test_the_threshold_is_configurable(in_dir: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (in_dir / name).write_bytes((COLLECTIONS / "cov901_omitted" / name).read_bytes())
    (in_dir / "stdkit.toml").write_text(
        '[stdkit]\nstandards = ["."]\n\n[stdkit.coverage]\nmax_omitted = 40\n'
    )
    config = load(in_dir)
    assert config.coverage_max_omitted == 40
    assert not [d for d in run(in_dir, config).diagnostics if d.code == "COV901"]
    (in_dir / "stdkit.toml").write_text(
        '[stdkit]\nstandards = ["."]\n\n[stdkit.coverage]\nmax_omitted = 30\n'
    )
    assert [d.code for d in run(in_dir, load(in_dir)).diagnostics if d.code == "COV901"] == ["COV901"]


def test_a_bad_threshold_is_a_configuration_error(in_dir: Path) -> None:
    from stdkit.config import ConfigError

    (in_dir / "stdkit.toml").write_text("[stdkit.coverage]\nmax_omitted = 130\n")
    with pytest.raises(ConfigError, match=r"coverage\.max_omitted"):
        load(in_dir)


def test_the_sample_spec_against_its_basis() -> None:
    report = run(STANDARDS)
    found = [c for c in coverage.analyse(report.collection) if c.spec.ref == "EV-GD-BDYW@2024"]
    assert [c.basis.ref for c in found] == ["6-31-01-03@2018"]
    assert [level.key for level in found[0].levels] == ["L4", "L3", "L2", "L1"]  # posts have no basis lines
    warned = sorted(d.line for d in report.diagnostics if d.code == "COV901")
    assert len(warned) == 4  # the sample post (变电站运维) keeps little of the 电工 standard's lines


@pytest.mark.parametrize("folder", [STANDARDS, COLLECTIONS / "cov901_omitted", COLLECTIONS / "cat60x_clean"])
def test_json_report_written_in_parts_is_one_canonical_document(folder: Path) -> None:
    """The command writes the JSON report spec by spec; the parts make exactly the sorted, two-space
    indented document of the same data, with or without coverage."""
    from stdkit import report as reports

    checked = pipeline.check([folder], Config.default(folder), documents=False).localized("zh")
    parts = list(reports.parts("json", checked, "zh"))
    written = "".join(parts)
    assert written == reports.json(checked, "zh") == reports._dumps(orjson.loads(written))
    assert len(parts) == len(orjson.loads(written)["coverage"]) + 1


def test_json_report_carries_coverage(cli: Callable[..., CliResult], chdir: Callable[[Path], None]) -> None:
    chdir(COLLECTIONS / "cov901_omitted")
    status, out, _ = cli("check", "--format", "json", ".")
    assert status == 0
    data = orjson.loads(out)
    [spec] = data["coverage"]
    assert (spec["spec"], spec["basis"], spec["path"]) == ("EV-QG@2024", "6-20-01-01@2018", "b.yaml")
    l3 = spec["levels"][-1]
    assert (
        l3["level"],
        l3["basis_lines"],
        l3["covered"],
        l3["omitted"],
        l3["added"],
        l3["omitted_percent"],
    ) == (
        "L3",
        12,
        8,
        4,
        0,
        33,
    )
    assert l3["covered_lines"][0] == {
        "kind": "skill",
        "text": "能装配高速精密主轴部件",
        "function": "设备装配",
        "content": "精密部件装配",
        "by": "能装配高速精密主轴部件",
        "similarity": 100,
    }


def test_site_page_has_the_coverage_section(chdir: Callable[[Path], None]) -> None:
    from stdkit.site import pages

    chdir(COLLECTIONS / "cov90x_reworded")
    page = pages.render(run(Path())).pages
    spec = next(v for k, v in page.items() if k.endswith(".md") and "EV-BG" in k)
    assert isinstance(spec, str)
    assert "衔接：依据标准覆盖情况" in spec
    assert "能装配和调整液压传动系统 → 能装配并调整液压传动系统" in spec
    assert "能对变电站主变压器进行巡视检查" in spec
    basis = next(v for k, v in page.items() if k.endswith(".md") and "6-20-01-01" in k)
    assert "衔接：依据标准覆盖情况" not in basis, "only a spec with a basis has the section"


def test_author_text_is_escaped_in_the_section(in_dir: Path) -> None:
    from stdkit.site import pages

    for name in ("a.yaml", "b.yaml"):
        raw = (COLLECTIONS / "cov901_omitted" / name).read_text(encoding="utf-8")
        (in_dir / name).write_text(raw.replace("能修复磨损的滚动导轨", '"能修复<script>x</script>导轨"'))
    page = pages.render(run(in_dir)).pages
    spec = next(v for k, v in page.items() if k.endswith(".md") and "EV-QG" in k)
    assert isinstance(spec, str)
    assert "<script>x</script>" not in spec
    assert "&lt;script&gt;" in spec


# -- the matrix scorer is the pairwise definition, and the pair cache never serves a stale result ----

_SYLLABLES = "能安装调试检修设备电路的和并及与或记录方法规程"


@given(
    st.lists(st.tuples(st.booleans(), st.text(_SYLLABLES, min_size=1, max_size=12)), min_size=1, max_size=8),
    st.lists(st.tuples(st.booleans(), st.text(_SYLLABLES, min_size=1, max_size=12)), max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_all_pairs_scores_equal_the_pairwise_definition(
    basis: list[tuple[bool, str]], spec: list[tuple[bool, str]]
) -> None:
    from stdkit.checks.overlap import grams, jaccard, normal

    def line(item: tuple[bool, str]) -> coverage.Line:
        return coverage.Line("skill" if item[0] else "knowledge", item[1], "f", "c")

    def bigrams(text: str) -> set[str]:
        plain = normal(text)
        return grams(coverage._FILLER.sub("", plain) or plain, 2)

    wanted, have = [line(b) for b in basis], [line(s) for s in spec]
    scores = coverage._scores(wanted, have)
    for row, a in enumerate(wanted):
        for column, b in enumerate(have):
            if a.kind != b.kind:
                expected = -1
            elif normal(a.text) == normal(b.text):
                expected = 100
            else:
                expected = min(99, round(100 * jaccard(bigrams(a.text), bigrams(b.text))))
            assert scores[row, column] == expected, (a, b)


def test_a_pair_is_compared_again_when_either_file_changes(in_dir: Path) -> None:
    """The pair cache is keyed by both files' bytes: restoring the omitted lines in the basis's spec
    clears the finding, and the cached run agrees with an uncached one at every step."""
    for name in ("a.yaml", "b.yaml"):
        (in_dir / name).write_bytes((COLLECTIONS / "cov901_omitted" / name).read_bytes())
    config = Config.default(in_dir)

    def findings(cache: bool) -> list[tuple[str, int, str]]:
        report = pipeline.check([in_dir], config, documents=False, cache=cache)
        return [(d.path, d.line, d.message) for d in report.diagnostics if d.code == "COV901"]

    first = findings(True)
    assert len(first) == 1
    assert list((in_dir / ".stdkit-cache" / "derived-v1").rglob("*.bin")), "the pair's result is kept"
    assert findings(True) == first
    basis = (in_dir / "a.yaml").read_text(encoding="utf-8")
    (in_dir / "a.yaml").write_text(
        basis.replace("能装配和调整液压传动系统", "能装配和调整气动传动系统"), encoding="utf-8"
    )
    edited = findings(True)
    assert edited == findings(False)
    assert edited != first, "the basis changed, so the numbers did"


def test_the_pool_gives_the_serial_coverage(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = COLLECTIONS / "cov90x_reworded"
    config = Config.default(folder)
    monkeypatch.setattr(coverage, "POOL_MIN", 10_000)
    serial = coverage.analyse(pipeline.check([folder], config, documents=False).collection)
    monkeypatch.setattr(coverage, "POOL_MIN", 1)
    pooled = coverage.analyse(pipeline.check([folder], config, documents=False).collection)
    assert [(c.spec.path, c.basis.ref, c.levels) for c in pooled] == [
        (c.spec.path, c.basis.ref, c.levels) for c in serial
    ]
    assert serial and serial[0].levels


@pytest.mark.parametrize("case", ["cov901_omitted", "cov90x_reworded"])
def test_a_cold_light_run_compares_the_lines_its_workers_handed_back(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = COLLECTIONS / case
    config = Config.default(folder)
    whole = coverage.analyse(pipeline.check([folder], config).collection)
    light = pipeline.validate([folder], config, documents=False).collection
    assert sum(1 for e in light.entries if e.facts is not None and e.facts.lines) >= 2, "lines were packed"

    def read_again(self: object, entry: object) -> object:
        raise AssertionError("a document was read again")

    monkeypatch.setattr(type(light), "complete", read_again)
    found = coverage.analyse(light)
    assert [(c.spec.path, c.basis.ref, c.levels) for c in found] == [
        (c.spec.path, c.basis.ref, c.levels) for c in whole
    ]
    assert whole and whole[0].levels


def test_a_table_survives_packing() -> None:
    report = pipeline.check([STANDARDS], Config.default(STANDARDS))
    for entry in report.collection.entries:
        body = levelled(entry.document)
        if body is not None:
            table = coverage.table_of(body, entry.source)
            assert coverage.unpack_table(coverage.pack_table(body, entry.source)) == table
