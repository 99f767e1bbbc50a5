"""The manual builds without a warning, and its reference pages come from the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_manual_builds_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rules = (tmp_path / "generated" / "rules.html").read_text(encoding="utf-8")
    assert "WGT401" in rules
    assert "CNT502" in rules
    fields = (tmp_path / "generated" / "fields.html").read_text(encoding="utf-8")
    assert "职业功能" in fields
