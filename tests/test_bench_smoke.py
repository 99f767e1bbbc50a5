"""The benchmark's corpus generator and script work end to end on a small corpus.

Why: the benchmark is only worth its numbers if its corpus is deterministic and valid and the
script runs; this keeps both honest without check-jsonschema or minutes of timing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from stdkit.cli import main as stdkit

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import bench  # noqa: E402 - bench/ is a folder of scripts, not a package

import corpus  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_is_deterministic_and_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    truth = corpus.write(40, first, seed=3)
    corpus.write(40, second, seed=3)
    assert _files(first) == _files(second)
    assert sum(truth["kinds"].values()) == 40
    kinds = {copy["kind"] for copy in truth["near_copies"]}
    assert kinds == {"occupational-standard", "evaluation-spec", "special-competency"}
    assert truth["distinct"]
    monkeypatch.chdir(first)
    assert stdkit(["validate", "standards"]) == 0


def test_bench_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    status = bench.main(
        ["--sizes", "40", "--runs", "1", "--skip-peer", "--work", str(tmp_path / "work"), "--out", str(out)]
    )
    assert status == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    size = results["sizes"]["40"]
    for step in ("floor", "validate", "check_cold", "check_warm", "check_one_edit", "check_header_edit"):
        assert size[step]["wall"] > 0, step
    assert size["validate"]["status"] == [0]
    # the stdkit-check hook of .pre-commit-hooks.yaml on the edited file
    assert size["pre_commit"]["commands"][0].endswith(f"check {size['edited_file']}")
    assert len(size["pre_commit"]["commands"]) == 1
    # the planted levelled near-copies are found; no planted distinct pair is reported
    overlap = size["overlap"]
    assert overlap["by_kind"]["evaluation-spec"]["found"] == overlap["by_kind"]["evaluation-spec"]["planted"]
    assert overlap["false_positives"] == []
    assert "| `stdkit check` cold |" in results["table"]
    assert "| `stdkit check` after a one-line edit of the header (title) |" in results["table"]
    assert "| pre-commit on the edited file: `stdkit check FILE` |" in results["table"]
