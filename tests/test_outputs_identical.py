"""Every published byte, recorded: the site, blueprints, workbooks and CASE packages that ``build`` writes,
and the Word and CASE exports, for the samples and for a generated collection.

Why: a restructuring (issue 33) must change no output, and a change that does must be seen in review. The
manifests in tests/golden/outputs/ list each file's sha256; ``pytest --update-goldens`` rewrites them, and
the diff names every file whose bytes moved. The generated collection is bench/corpus.py's (seeded, so the
same bytes on every machine), with OVL701 lowered to a warning so its planted near-copies build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, CliResult, run_cli

sys.path.insert(0, str(ROOT / "bench"))

import published_bytes  # bench/ is a folder of scripts, not a package

GENERATED = 30

Cli = Callable[..., CliResult]


def manifest(folder: Path) -> str:
    """``sha256  path`` of every file below ``folder``, sorted by path."""
    rows = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]
    return "\n".join(rows) + "\n"


def _build(root: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    status, _, err = cli("build")
    assert status == 0, err
    return root / "site"


def _exports(root: Path, cli: Cli, refs: list[str]) -> Path:
    out = root / "exports"
    out.mkdir()
    for ref in refs:
        for kind in ("docx", "case"):
            status, _, err = cli("export", kind, ref, "--output", str(out / f"{ref}.{kind}"))
            assert status == 0, err
    return out


@pytest.mark.slow
def test_the_samples_build_and_export_the_recorded_bytes(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, golden: Callable[[str, str], None]
) -> None:
    root = tmp_path / "samples"
    root.mkdir()
    for name in ("standards", "crosswalks", "releases", "docs_site", "mkdocs.yml", "stdkit.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    golden("outputs/samples-site.sha256", manifest(_build(root, cli, monkeypatch)))
    refs = ["6-31-01-03@2018", "4-10-01-02@2019", "S-44-0012@2023"]
    golden("outputs/samples-exports.sha256", manifest(_exports(root, cli, refs)))


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site ``build`` writes for the generated collection (built once for the tests below)."""
    root = tmp_path_factory.mktemp("generated") / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), str(GENERATED), str(root)],
        check=True,
        capture_output=True,
    )
    with (root / "stdkit.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[stdkit.severity]\nOVL701 = "warning"\n')
    with pytest.MonkeyPatch.context() as patch:
        return _build(root, run_cli, patch)


@pytest.mark.slow
def test_a_generated_collection_builds_the_recorded_bytes(
    generated_site: Path, golden: Callable[[str, str], None]
) -> None:
    golden("outputs/generated-site.sha256", manifest(generated_site))


#: Per-document bytes of each kind of output (bench/published_bytes.py) of the generated collection, as
#: recorded; a kind may not grow by more than :data:`GROWTH` over it.
BASELINE = ROOT / "tests" / "golden" / "outputs" / "generated-bytes.json"
GROWTH = 1.10


@pytest.mark.slow
def test_a_generated_collection_publishes_no_more_bytes_a_document_than_recorded(
    generated_site: Path, request: pytest.FixtureRequest
) -> None:
    """Issue 39: what a build publishes per document, by kind, may not grow by more than 10 % unnoticed.

    To accept a growth (or lock in a saving) deliberately, re-record the baseline and commit it with the
    reason: ``pytest tests/test_outputs_identical.py --record-bytes`` (``--update-goldens`` leaves it alone).
    """
    measured = published_bytes.by_kind(generated_site)
    per_document = {kind: round(measured[kind] / GENERATED) for kind in (*published_bytes.KINDS, "total")}
    if request.config.getoption("--record-bytes"):
        BASELINE.write_text(json.dumps(per_document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    grown = {
        kind: f"{recorded[kind]} → {size} bytes a document"
        for kind, size in per_document.items()
        if size > recorded.get(kind, 0) * GROWTH
    }
    assert not grown, (
        f"published bytes grew by more than 10 %: {grown}; if intended, run pytest --record-bytes"
    )
