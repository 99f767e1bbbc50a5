"""`stdkit check FILE…` (issue 39): the named files' findings of the whole collection, as pre-commit runs it.

Why: pre-commit passes the staged files. Checked as a collection of their own, a spec's `basis` was unknown
(REF802) and no overlap with the other documents was found; the hook therefore checked the whole
collection and printed every other document's findings too. Now the named files are checked with the
collection's standards folders and the report holds their findings and the cross-document findings on
other documents that name them; the exit status is theirs.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.run import cache

from .conftest import ROOT, CliResult

sys.path.insert(0, str(ROOT / "bench"))

import corpus  # bench/ is a folder of scripts, not a package

Cli = Callable[..., CliResult]
_LINE = re.compile(
    r"^(?P<path>[^:\n]+):\d+:\d+: (?P<code>[A-Z]+\d+) .*?(?:\((?P<other>[^):]+)(?::\d+)?\))?", re.M
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small collection with many findings: families of four documents that share one body."""
    folder = tmp_path_factory.mktemp("named") / "c"
    corpus.write(60, folder, seed=5, copies=0.3, family=4)
    return folder


@pytest.fixture
def root(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "c"
    shutil.copytree(pristine, folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return folder


def _findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if _LINE.match(line)]


def _involving(lines: list[str], shown: str) -> list[str]:
    """The lines of a whole report that are on ``shown`` or name it (``(path:line)`` or ``(path)``)."""
    return [
        line for line in lines if line.startswith(f"{shown}:") or f"({shown}:" in line or f"({shown})" in line
    ]


def _pair(out: str) -> tuple[str, str]:
    """A document with an overlap finding on another document that names it: (named, the other)."""
    for line in _findings(out):
        if " OVL70" in line:
            found = re.search(r"\((standards/[^:)]+)", line)
            assert found is not None
            return found.group(1), line.split(":", 1)[0]
    raise AssertionError("no overlap in the collection")


def test_a_named_file_gets_its_findings_of_the_whole_collection(root: Path, cli: Cli) -> None:
    status, whole, _ = cli("check", "--lang", "en")
    assert status == 1
    named, other = _pair(whole)
    _, out, _ = cli("check", "--lang", "en", named)
    lines = _findings(out)
    assert lines == _involving(_findings(whole), named)
    # the overlap is on the other document and names this one: the author of this one sees it
    assert any(line.startswith(f"{other}:") and f"({named}:" in line for line in lines)
    # a finding on a third document that does not name this one is not printed
    third = [line for line in _findings(whole) if line not in lines]
    assert third and not set(third) & set(out.splitlines())
    assert out.rstrip().endswith("in 1 file")


def test_the_exit_status_is_the_named_files(root: Path, cli: Cli) -> None:
    _, whole, _ = cli("check", "--lang", "en")
    errors = {line.split(":", 1)[0] for line in _findings(whole) if "[error]" in line}
    documents = sorted(p.relative_to(root).as_posix() for p in (root / "standards").glob("*.yaml"))
    clean = next(p for p in documents if not _involving(_findings(whole), p))
    assert errors, "the collection has errors elsewhere"
    status, out, _ = cli("check", "--lang", "en", clean)
    assert (status, _findings(out)) == (0, [])
    assert out.rstrip().endswith("0 errors, 0 warnings in 1 file")
    broken = sorted(errors)[0]
    assert cli("check", "--lang", "en", broken)[0] == 1
    assert cli("check", "--lang", "en", clean, broken)[0] == 1


def test_a_named_file_is_checked_against_the_documents_it_names(root: Path, cli: Cli) -> None:
    """A spec whose basis is in the collection: alone it would be REF802 (basis not in the collection)."""
    spec = next(
        p
        for p in sorted((root / "standards").glob("EV-*.yaml"))
        if "\nbasis: " in p.read_text(encoding="utf-8")
    )
    shown = spec.relative_to(root).as_posix()
    _, out, _ = cli("check", "--lang", "en", shown)
    assert "REF802" not in out
    # the same file copied out of the collection, and named: it joins the collection for the run
    outside = root / "drafts" / "draft.yaml"
    outside.parent.mkdir()
    outside.write_text(spec.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = cli("check", "--lang", "en", "drafts/draft.yaml")
    assert "REF802" not in out and "drafts/draft.yaml:" in out
    assert all(
        line.startswith("drafts/draft.yaml:") or "(drafts/draft.yaml" in line for line in _findings(out)
    )


def test_naming_stdkit_toml_reports_the_whole_collection(root: Path, cli: Cli) -> None:
    """pre-commit passes stdkit.toml when it is staged: a configuration change may move any finding."""
    whole = cli("check", "--lang", "en")
    assert cli("check", "--lang", "en", "stdkit.toml")[:2] == whole[:2]
    first = sorted((root / "standards").glob("*.yaml"))[0].relative_to(root).as_posix()
    assert cli("check", "--lang", "en", first, "stdkit.toml")[:2] == whole[:2]


def test_a_folder_named_is_still_a_collection_of_its_own(root: Path, cli: Cli) -> None:
    (root / "other").mkdir()
    for path in sorted((root / "standards").glob("*.yaml"))[:3]:
        shutil.copyfile(path, root / "other" / path.name)
    _, out, _ = cli("check", "--lang", "en", "other")
    assert out.rstrip().endswith("in 3 files")
    assert all(line.startswith("other/") for line in _findings(out))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_the_named_report_is_the_same_warm_cold_and_after_an_edit(
    root: Path, cli: Cli, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit.run import base

    monkeypatch.setattr(base, "MINIMUM", 0)  # a base for this small collection: edits answered from it
    _, whole, _ = cli("check", "--lang", "en")
    named, _ = _pair(whole)
    args = ("--lang", "en", "--format", fmt, named)
    cold = cli("check", *args, "--no-cache")
    assert cli("check", *args)[:2] == cold[:2]
    assert cli("check", *args)[:2] == cold[:2]  # printed from what the run before kept
    assert len(list((root / cache.FOLDER / cache.RENDERED).glob("*.bin"))) >= 2
    path = root / named
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: 改", 1), encoding="utf-8")
    cold = cli("check", *args, "--no-cache")
    assert cli("check", *args)[:2] == cold[:2]
    if fmt == "text":
        assert f"{named}:" in cold[1]
