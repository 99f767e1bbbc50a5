"""The structure-aware fuzzer (tests/fuzz_structured.py) in CI: no traceback, no hang, no cache verdict.

Invariants for every case: ``validate`` and ``check`` return 0 or 1 and never print a traceback; every
diagnostic lies inside the file; one case takes under 10 s; and a cached ``check`` (cold, then warm from
the memo) prints exactly what ``check --no-cache`` prints. ``bench/fuzz_campaign.py --structured`` runs
the same stream for longer (30,000 cases; numbers in docs/testing.md).
"""

from __future__ import annotations

import io
import shutil
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from stdkit.cli import main
from stdkit.config import Config
from stdkit.run import pipeline

from .conftest import ROOT, STANDARDS
from .fuzz_structured import cases
from .test_loader_hostile import FORMATS, broken_invariants

SECONDS_PER_CASE = 10.0


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_structured_cases_validate_with_located_findings(tmp_path: Path) -> None:
    config = Config.default(ROOT)
    for index, (name, raw) in enumerate(cases(seed=32, count=300)):
        path = tmp_path / "case.yaml"
        path.write_bytes(raw)
        started = time.perf_counter()
        report = pipeline.validate([path], config)
        assert time.perf_counter() - started < SECONDS_PER_CASE, name
        assert broken_invariants(raw, report.diagnostics) == [], (name, raw[:300])
        if index % 6 == 0:
            fmt = FORMATS[index // 6 % len(FORMATS)]
            status, out, err = run("validate", str(path), "--format", fmt)
            assert status in (0, 1) and "Traceback" not in out + err, (name, fmt, err[-2000:])


@pytest.fixture
def collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "standards").mkdir()
    for sample in sorted(STANDARDS.glob("*.yaml"))[:3]:
        shutil.copy(sample, tmp_path / "standards" / sample.name)
    (tmp_path / "stdkit.toml").write_text('[stdkit]\nstandards = ["standards"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_cached_check_of_a_structured_case_prints_what_no_cache_prints(collection: Path) -> None:
    for name, raw in cases(seed=3200, count=40):
        (collection / "standards" / "zz-case.yaml").write_bytes(raw)
        uncached = run("check", "--format", "json", "--no-cache")
        assert uncached[0] in (0, 1) and "Traceback" not in uncached[2], (name, uncached[2][-2000:])
        for attempt in ("cold", "warm"):
            cached = run("check", "--format", "json")
            assert cached[:2] == uncached[:2], (name, attempt)
        text = run("check", "--format", "text")
        assert text[0] == uncached[0], name
