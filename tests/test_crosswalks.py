"""Crosswalks between editions: `stdkit crosswalk propose`, the crosswalk rules (XWK101–110) and the lineage.

The worked example is 电工 2009 → 2018 (standards/6-31-01-03_2009.yaml and _2018.yaml) with its confirmed
crosswalk crosswalks/6-31-01-03_2009_2018.yaml.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stdkit import build, crosswalks, lineage, load
from stdkit.collection import load_entry
from stdkit.config import Config
from stdkit.diff.crosswalk import propose, render
from stdkit.releases import line_tables
from stdkit.run import pipeline

from .conftest import ROOT, STANDARDS, CliResult

OLD, NEW = "6-31-01-03@2009", "6-31-01-03@2018"
NAME = "6-31-01-03_2009_2018.yaml"
SAMPLE = ROOT / "crosswalks" / NAME


def _codes(path: Path) -> set[str]:
    entry, _, _ = load_entry(path)
    assert entry is not None
    return {code for table in line_tables(entry).values() for code in table}


def _collection(folder: Path, crosswalk: str | None = None) -> Path:
    """The two 电工 editions in ``folder``/standards, and ``crosswalk`` as the crosswalk file."""
    (folder / "standards").mkdir()
    for name in ("6-31-01-03_2009.yaml", "6-31-01-03_2018.yaml"):
        shutil.copy(STANDARDS / name, folder / "standards" / name)
    if crosswalk is not None:
        (folder / "crosswalks").mkdir()
        (folder / "crosswalks" / NAME).write_text(crosswalk, encoding="utf-8")
    return folder


def _check(folder: Path) -> list[tuple[str, str, int, int]]:
    report = pipeline.check([folder / "standards"], Config.default(folder))
    return sorted(
        (d.code, d.path, d.line, d.col) for d in report.diagnostics if d.code[:3] in ("XWK", "SCH", "YML")
    )


# --------------------------------------------------------------------------- propose


def test_propose_writes_every_line_of_both_editions_with_the_thresholds(
    in_dir: Path, cli: Callable[..., CliResult], golden: Callable[[str, str | bytes], None]
) -> None:
    _collection(in_dir)
    status, out, err = cli("crosswalk", "propose", OLD, NEW)
    assert status == 0, err
    assert f"crosswalks/{NAME}" in out
    text = (in_dir / "crosswalks" / NAME).read_text(encoding="utf-8")
    golden(f"crosswalk_{NAME.removesuffix('.yaml')}.proposed.yaml", text)
    assert text.startswith("# yaml-language-server: $schema=../schema/crosswalk.schema.json\n")
    data = yaml.safe_load(text)
    assert data["status"] == "proposed"
    assert data["proposed_by"] == {"pair_ratio": 0.5, "wording_ratio": 0.75}
    assert data["transition"] == {
        "new_effective": datetime.date(2018, 12, 26),
        "old_last_exam": datetime.date(2018, 12, 25),
    }

    def side(key: str) -> list[str]:
        found: list[str] = []
        for row in data["rows"]:
            value = row[key]
            found.extend([] if value is None else [value] if isinstance(value, str) else value)
        return found

    olds, news = side("from"), side("to")
    assert sorted(olds) == sorted(_codes(STANDARDS / "6-31-01-03_2009.yaml"))  # each line once
    assert sorted(news) == sorted(_codes(STANDARDS / "6-31-01-03_2018.yaml"))
    assert not list(load._suppressions(text))


def test_the_proposal_confirmed_passes_check(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    _collection(in_dir)
    assert cli("crosswalk", "propose", OLD, NEW)[0] == 0
    assert _check(in_dir) == [("XWK110", "standards/6-31-01-03_2018.yaml", 9, 13)]  # proposed: not yet
    file = in_dir / "crosswalks" / NAME
    file.write_text(
        file.read_text(encoding="utf-8").replace("status: proposed", "status: confirmed"), "utf-8"
    )
    assert _check(in_dir) == []


def test_propose_never_overwrites_without_force(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    _collection(in_dir, "edited by hand\n")
    status, _, err = cli("crosswalk", "propose", OLD, NEW)
    assert status == 1
    assert "already exists" in err
    assert (in_dir / "crosswalks" / NAME).read_text(encoding="utf-8") == "edited by hand\n"
    assert cli("crosswalk", "propose", OLD, NEW, "--force")[0] == 0
    assert "status: proposed" in (in_dir / "crosswalks" / NAME).read_text(encoding="utf-8")


def test_propose_refuses_editions_that_do_not_supersede_each_other(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    _collection(in_dir)
    status, _, err = cli("crosswalk", "propose", NEW, OLD)
    assert status == 2
    assert "does not supersede" in err
    status, _, err = cli("crosswalk", "propose", "6-31-01-03@2000", NEW)
    assert status == 2
    assert "6-31-01-03@2009" in err  # the editions there are
    assert not (in_dir / "crosswalks").exists()


def test_notes_with_yaml_and_suppression_text_stay_one_inert_value() -> None:
    old, _, _ = load_entry(STANDARDS / "6-31-01-03_2009.yaml")
    new, _, _ = load_entry(STANDARDS / "6-31-01-03_2018.yaml")
    assert old is not None and new is not None
    proposal = propose(old, new)
    hostile = "a: b, [c] # stdkit: ignore XWK104\n第二行\u2028"
    rows = [proposal.content.rows[0].model_copy(update={"note": hostile}), *proposal.content.rows[1:]]
    changed = type(proposal)(proposal.content.model_copy(update={"rows": rows}), proposal.old, proposal.new)
    text = render(changed)
    assert not list(load._suppressions(text))
    assert yaml.safe_load(text)["rows"][0]["note"] == hostile


# --------------------------------------------------------------------------- the sample and its rules


def test_the_sample_crosswalk_is_confirmed_and_clean(tmp_path: Path) -> None:
    folder = _collection(tmp_path, SAMPLE.read_text(encoding="utf-8"))
    assert _check(folder) == []
    (walk,), problems = crosswalks.load_all(folder)
    assert not problems
    assert walk.is_confirmed
    counts = crosswalks.relation_counts(walk.rows)
    assert set(counts) == set(crosswalks.RELATION_NAMES)  # every relation of the vocabulary is shown
    assert all(
        row.note
        for row in walk.rows
        if row.relation in (crosswalks.Relation.SPLIT, crosswalks.Relation.MERGED)
    )


def _sample_with(old: str, new: str, count: int = 1) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


WHERE = f"crosswalks/{NAME}"


@pytest.mark.parametrize(
    ("change", "code", "needle", "column"),
    [
        (("from: 6-31-01-03@2009", "from: 6-31-01-03@2008"), "XWK101", "from: 6-31-01-03@2008", 7),
        (
            ("- {from: ethics/k1, to: ethics/k1,", "- {from: ethics/k9, to: ethics/k1,"),
            "XWK103",
            "from: ethics/k9",
            12,
        ),
        (
            ("- {from: ethics/c2, to: ethics/c2,", "- {from: ethics/c1, to: ethics/c2,"),
            "XWK105",
            "from: ethics/c1, to: ethics/c2",
            12,
        ),
        (
            (
                "- {from: ethics/c2, to: ethics/c2, relation: identical}",
                "- {from: ethics/c2, to: [ethics/c2], relation: split}",
            ),
            "XWK106",
            "to: [ethics/c2], relation: split",
            50,
        ),
        (
            (
                "- {from: ethics/c1, to: ethics/c1, relation: wording}",
                "- {from: ethics/c1, to: ethics/c1, relation: identical}",
            ),
            "XWK107",
            "from: ethics/c1, to: ethics/c1, relation: identical",
            48,
        ),
        (
            (
                "- {from: ethics/c4, to: ethics/c4, relation: revised",
                "- {from: ethics/c4, to: ethics/c4, relation: wording",
            ),
            "XWK108",
            "from: ethics/c4, to: ethics/c4, relation: wording",
            48,
        ),
        (("verdict: not-equivalent", "verdict: equivalent"), "XWK109", "verdict: equivalent", 10),
        (("kind: crosswalk", "kind: crosswalk\ncolour: red"), "SCH101", "colour: red", 1),
    ],
)
def test_each_rule_at_its_line_and_column(
    tmp_path: Path, change: tuple[str, str], code: str, needle: str, column: int
) -> None:
    text = _sample_with(*change)
    found = _check(_collection(tmp_path, text))
    assert (code, WHERE, _line_of(text, needle), column) in found, found


def test_a_line_in_no_row_is_reported_on_rows(tmp_path: Path) -> None:
    text = _sample_with("  - {from: ethics/c2, to: ethics/c2, relation: identical}\n", "")
    found = _check(_collection(tmp_path, text))
    rows = _line_of(text, "rows:")
    assert ("XWK104", WHERE, rows, 1) in found
    assert sum(1 for f in found if f[0] == "XWK104") == 2  # the old line and the new one


def test_a_misnamed_file_and_a_missing_crosswalk(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    (folder / "crosswalks").mkdir()
    shutil.copy(SAMPLE, folder / "crosswalks" / "dianhong.yaml")
    found = _check(folder)
    assert (
        "XWK102",
        "crosswalks/dianhong.yaml",
        _line_of(SAMPLE.read_text(encoding="utf-8"), "from: 6-31"),
        1,
    ) in found
    (folder / "crosswalks" / "dianhong.yaml").unlink()
    assert _check(folder) == [("XWK110", "standards/6-31-01-03_2018.yaml", 9, 13)]


def test_a_crosswalk_is_never_read_as_a_document(tmp_path: Path) -> None:
    folder = _collection(tmp_path, SAMPLE.read_text(encoding="utf-8"))
    report = pipeline.check([folder], Config.default(folder))  # the whole repository, crosswalks/ included
    assert report.exit_status == 0
    assert {entry.ref for entry in report.collection.entries} == {OLD, NEW}


def test_an_incremental_check_sees_an_edition_change_the_crosswalk_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit.run import base, delta

    monkeypatch.setattr(base, "MINIMUM", 0)  # a base for two documents
    answered: list[bool] = []
    original = delta.answer

    def spy(memo: Any) -> Any:
        found = original(memo)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(delta, "answer", spy)
    folder = _collection(tmp_path, SAMPLE.read_text(encoding="utf-8"))
    config = Config.default(folder)
    assert pipeline.check([folder / "standards"], config, documents=False, cache=True).exit_status == 0
    edition = folder / "standards" / "6-31-01-03_2018.yaml"
    # the 2018 line that an identical row (ethics/c2) names now reads otherwise
    edition.write_text(
        edition.read_text(encoding="utf-8").replace(
            "      - 爱岗敬业，具有高度的责任心。", "      - 爱岗敬业，忠于职守，具有高度的责任心和使命感。"
        ),
        encoding="utf-8",
    )
    warm = pipeline.check([folder / "standards"], config, documents=False, cache=True)
    cold = pipeline.check([folder / "standards"], config)
    assert answered[-1] is False  # an edition a crosswalk pairs changed: a full run answers
    assert sorted(d.render() for d in warm.diagnostics) == sorted(d.render() for d in cold.diagnostics)
    assert any(d.code == "XWK107" for d in warm.diagnostics)


# --------------------------------------------------------------------------- lineage


def _lineage(folder: Path) -> bytes:
    report = pipeline.check([folder / "standards"], Config.default(folder))
    out = folder / "site"
    build.build(report, out, include_drafts=False, site=False)
    return (out / lineage.ROOT / "6-31-01-03.json").read_bytes()


def test_lineage_gives_every_2018_line_its_2009_code(tmp_path: Path) -> None:
    import orjson

    folder = _collection(tmp_path, SAMPLE.read_text(encoding="utf-8"))
    first = _lineage(folder)
    assert _lineage(folder) == first  # deterministic
    data = orjson.loads(first)
    (walk,), _ = crosswalks.load_all(folder)
    earlier = {new: row.olds for row in walk.rows for new in row.news}
    lines = {line["code"]: line for line in data["lines"]}
    for code in _codes(STANDARDS / "6-31-01-03_2018.yaml"):
        line = lines[f"{NEW}/{code}"]
        olds = [c for step in line["earlier"] if step["edition"] == "2009" for c in step["codes"]]
        assert olds == [f"{OLD}/{old}" for old in earlier[code]]
        assert line["introduced"] == ("2009" if earlier[code] else "2018")
    kept = lines[f"{NEW}/ethics/c2"]
    assert (kept["introduced"], kept["last_changed"]) == ("2009", "2009")  # identical: not changed
    deleted = lines[f"{OLD}/L5/1.1.3"]
    assert deleted["later"] == {"codes": [], "edition": "2018", "relation": "deleted"}
    assert deleted["retired"] == {"edition": "2018", "exam_until": "2018-12-25"}
    assert data["editions"][1]["crosswalk"]["path"] == f"crosswalks/{NAME}"


def test_only_confirmed_crosswalks_reach_the_lineage(tmp_path: Path) -> None:
    import orjson

    text = SAMPLE.read_text(encoding="utf-8").replace("status: confirmed", "status: proposed")
    data = orjson.loads(_lineage(_collection(tmp_path, text)))
    new_lines = [line for line in data["lines"] if line["edition"] == "2018"]
    assert new_lines and all(line["earlier"] is None and line["introduced"] is None for line in new_lines)
    assert all(line["later"] is None for line in data["lines"] if line["edition"] == "2009")
    assert data["editions"][1]["crosswalk"] is None


def test_relation_names_are_the_design_s_change_types() -> None:
    assert list(crosswalks.RELATION_NAMES.values()) == [
        "保留",
        "文字修改",
        "移动",
        "内容修改",
        "拆分",
        "合并",
        "删除",
        "新增",
    ]
    assert re.fullmatch(r"[a-z-]+", crosswalks.Relation.NEW.value)
