"""The console script itself (``stdkit.cli:entry``): it skips tearing the heap down at exit, so what it
printed must still arrive whole, with the right exit status, even when the reader stops early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "stdkit"

pytestmark = pytest.mark.skipif(
    not SCRIPT.exists(), reason="the console script is not installed beside python"
)


def _env() -> dict[str, str]:
    return {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "STDKIT_LANG": "en"}


def test_output_arrives_whole_with_the_exit_status(tmp_path: Path) -> None:
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "bad.yaml").write_text("kind: [\n", encoding="utf-8")
    done = subprocess.run(
        [str(SCRIPT), "check", "--lang", "en", "standards"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("standards/bad.yaml:1:8: YML001 [error]"), done.stdout
    assert done.stdout.rstrip().endswith("1 file"), done.stdout


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    reader = subprocess.Popen(
        [str(SCRIPT), "rules"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # like `stdkit rules | head -1`
    err = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait() in (0, 1, 120, -13), err
    assert "Traceback" not in err
