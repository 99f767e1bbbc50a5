"""`stdkit.toml`: per-collection severities, turning rules off, and usage errors for a bad file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT

Cli = Callable[..., tuple[int, str, str]]
BAD_SUM = ROOT / "tests" / "corpus" / "bad" / "weights_sum_95.yaml"


def _collection(folder: Path, toml: str) -> None:
    (folder / "standards").mkdir()
    shutil.copy(BAD_SUM, folder / "standards" / "doc.yaml")
    (folder / "stdkit.toml").write_text(toml, encoding="utf-8")


def test_severity_override_turns_an_error_into_a_warning(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "warning"\n')
    status, out, _ = cli("validate")
    assert status == 0
    assert "standards/doc.yaml:38:5: WGT401 [warning]" in out


def test_rule_turned_off(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "off"\n')
    status, out, _ = cli("validate")
    assert status == 0
    assert "WGT401" not in out


def test_unknown_key_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, "[stdkit]\nstandard = ['standards']\n")
    status, _, err = cli("validate")
    assert status == 2
    assert "unknown key(s) standard" in err


def test_bad_severity_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "fatal"\n')
    status, _, err = cli("validate")
    assert status == 2
    assert "WGT401" in err


def test_standards_folder_from_config(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, "[stdkit]\nstandards = ['elsewhere']\n")
    (in_dir / "standards").rename(in_dir / "elsewhere")
    status, out, _ = cli("validate")
    assert status == 1
    assert "elsewhere/doc.yaml" in out
