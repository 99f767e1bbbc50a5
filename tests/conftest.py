"""Shared fixtures: the repository's paths, golden files, and the CLI called in-process."""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from stdkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
STANDARDS = ROOT / "standards"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_configure(config: pytest.Config) -> None:
    """The cache's secret (see stdkit.run.cache.secret_path) in a folder of this session, not the user's."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="stdkit-tests-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-bytes",
        action="store_true",
        default=False,
        help="re-record the published bytes a document of the generated collection "
        "(tests/golden/outputs/generated-bytes.json) instead of holding the build to them",
    )
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review the diff like code)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """Compare output with tests/golden/<name>; with --update-goldens, write it instead."""
    update = bool(request.config.getoption("--update-goldens"))

    def compare(name: str, actual: str | bytes) -> None:
        path = GOLDEN / name
        data = actual.encode() if isinstance(actual, str) else actual
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-goldens and review it"
        expected = path.read_bytes()
        if isinstance(actual, str):
            assert actual == expected.decode(), f"output differs from {path}"
        else:
            assert data == expected, f"output differs from {path}"

    return compare


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most tests read English messages; Chinese (the default for users) is tested with --lang zh."""
    monkeypatch.setenv("STDKIT_LANG", "en")


@pytest.fixture
def in_dir(tmp_path: Path) -> Iterator[Path]:
    """Run the test with the working directory set to a fresh temporary folder."""
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


CliResult = tuple[int, str, str]


def run_cli(*args: str | Path) -> CliResult:
    """Run ``stdkit ARGS`` in-process; returns (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Run ``stdkit ARGS`` in-process; returns (status, stdout, stderr)."""
    return run_cli


@pytest.fixture
def examined(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shown path of every document the run's per-document stage examines (not answered from the cache),
    in order; only what runs in this process is seen."""
    from stdkit.run import gather

    seen: list[str] = []
    examine = gather.examine

    def counted(file: Path, shown: str, run: str) -> object:
        seen.append(shown)
        return examine(file, shown, run)

    monkeypatch.setattr(gather, "examine", counted)
    return seen


def without_index_stops(html: str) -> str:
    """A page's HTML without the stops only the search index reads (``<span hidden>：</span>`` after a label,
    ``。`` after a value: stdkit.site.pages.pieces.index_stop), as tests that quote markup compare it."""
    return re.sub(r"<span hidden>[：。]</span>", "", html)
