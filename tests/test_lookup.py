"""`stdkit lookup`: occupations and 工种 by code prefix, (part of a) name, earlier name or legacy code."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import STANDARDS, CliResult


def test_part_of_a_name_finds_the_2024_occupation_and_its_work_type(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    status, out, _ = cli("lookup", "生成式")
    assert status == 0
    first = out.splitlines()[0]
    assert first.startswith("4-04-05-13  生成式人工智能系统应用员 | 2024-07-31 release | 数字")
    assert "工种: 生成式人工智能系统测试员" in out
    assert "职业分类大典（2022年版）及 2024、2025 年发布的新职业信息" in out.splitlines()[-1]


def test_a_minor_group_prefix_lists_its_15_occupations(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    status, out, _ = cli("lookup", "4-04-05", "--format", "json")
    assert status == 0
    rows = json.loads(out)["rows"]
    assert [r["code"] for r in rows] == [f"4-04-05-{n:02d}" for n in range(1, 16)]


def test_earlier_names_and_legacy_codes_lead_to_current_occupations(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    _, out, _ = cli("lookup", "验光", "--format", "json")
    rows = json.loads(out)["rows"]
    assert {(r["code"], r["matched_by"]) for r in rows} == {
        ("4-14-03-03", "name"),
        ("4-14-03-03", "earlier name"),
    }
    _, out, _ = cli("lookup", "4-10-01-02", "--format", "json")
    assert [r["code"] for r in json.loads(out)["rows"]] == ["4-10-01-01", "4-10-01-03"]
    _, out, _ = cli("lookup", "口腔医学技师", "--format", "json")
    (row,) = json.loads(out)["rows"]
    assert (row["code"], row["name"]) == ("2-05-07-02", "口腔修复技师")


def test_rows_name_catalogue_items_and_the_collections_documents(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    (in_dir / "standards").mkdir()
    shutil.copy(STANDARDS / "6-18-02-04_2018.yaml", in_dir / "standards")
    _, out, _ = cli("lookup", "6-18-02-04", "--format", "json")
    (row,) = json.loads(out)["rows"]
    assert row["name"] == "焊工"
    assert {"id": "S-SPECIAL-OPS", "name": "特种作业人员", "category": "准入类"} in row["qualifications"]
    assert row["documents"] == ["6-18-02-04@2018 (standards/6-18-02-04_2018.yaml)"]


def test_no_match_exits_1_and_says_so(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    status, out, _ = cli("lookup", "9-99")
    assert status == 1
    assert "matches 「9-99」" in out and "code prefix" in out
    status, out, _ = cli("lookup", "不存在的职业", "--format", "json")
    assert status == 1
    assert json.loads(out)["rows"] == []


def test_pending_declarations_are_found(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    (in_dir / "stdkit.toml").write_text(
        '[[stdkit.reference.pending]]\ncode = "4-04-05-99"\nname = "具身智能训练员"\n'
        'source = "新职业公示"\ndate = 2026-05-20\n',
        encoding="utf-8",
    )
    status, out, _ = cli("lookup", "具身智能")
    assert status == 0
    assert out.startswith("4-04-05-99  具身智能训练员 | pending")


def test_lookup_is_fast(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    cli("lookup", "4-04-05")  # imports and the shipped data, once per process
    start = time.perf_counter()
    cli("lookup", "生成式")
    assert time.perf_counter() - start < 0.5
