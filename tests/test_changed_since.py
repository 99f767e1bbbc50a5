"""stdkit check --changed-since REV: touched documents' findings, and those a change causes elsewhere.

Cross-checks run over the whole collection; a finding in an unchanged file is reported (and fails
the check) when checking REV does not give it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.changes import changed_paths

from .conftest import CliResult
from .test_diff import BASE, Repo, git

OLD = "standards/6-31-01-03_2009.yaml"
NEW = "standards/6-31-01-03_2018.yaml"


def _codes(out: str) -> set[tuple[str, str]]:
    return {(d["path"], d["code"]) for d in json.loads(out)["diagnostics"]}


def test_changed_since_reports_only_touched_files(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    repo = Repo(in_dir)
    repo.write(OLD, BASE.replace('edition: "2018"', 'edition: "2009"'))
    repo.commit("A")
    # Uncommitted and untracked: a new edition, published, that does not name the old one in `supersedes`
    # (so both are in force: REF803 on the old file) and whose L4 theory column no longer sums to 100.
    repo.write(
        NEW,
        BASE.replace("电气安装和线路敷设: 45, 电气线路检修: 30", "电气安装和线路敷设: 45, 电气线路检修: 35"),
    )
    status, out, _ = cli("check", "--format", "json")
    everything = _codes(out)
    assert (OLD, "REF803") in everything  # the cross-check: two published editions
    assert any(path == NEW for path, _ in everything)
    assert changed_paths(in_dir, "A") == {NEW}

    status, out, _ = cli("check", "--changed-since", "A", "--format", "json")
    only = _codes(out)
    # the changed file's findings, and the one it causes in the unchanged old edition (now published twice)
    assert only == {d for d in everything if d[0] == NEW} | {(OLD, "REF803")}
    assert status == 1  # the weight error in the changed file

    # Committed changes count too; the other file stays silent.
    repo.commit("B")
    _, out, _ = cli("check", "--changed-since", "A", "--format", "json")
    assert _codes(out) == only
    _, out, _ = cli("check", "--changed-since", "B", "--format", "json")
    assert _codes(out) == set()

    # An edit to the old file in the work tree brings its findings back.
    repo.edit(OLD, ("title: 电工", "title: 电工 (2009)"))
    assert changed_paths(in_dir, "B") == {OLD}
    _, out, _ = cli("check", "--changed-since", "B", "--format", "json")
    assert (OLD, "REF803") in _codes(out)


def test_paths_are_relative_to_the_collection_root(in_dir: Path) -> None:
    repo = Repo(in_dir)
    repo.write("sub/stdkit.toml", "[stdkit]\n")
    repo.write("sub/standards/a.yaml", BASE)
    repo.commit("A")
    repo.write("sub/standards/b.yaml", BASE)
    repo.write("elsewhere/c.yaml", BASE)
    assert changed_paths(in_dir / "sub", "A") == {"standards/b.yaml"}
    assert changed_paths(in_dir, "A") == {"sub/standards/b.yaml", "elsewhere/c.yaml"}
    git(in_dir, "add", "sub/standards/b.yaml")
    assert changed_paths(in_dir / "sub", "A") == {"standards/b.yaml"}


def test_bad_revision(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    repo = Repo(in_dir)
    repo.write(OLD, BASE)
    repo.commit("A")
    status, out, err = cli("check", "--changed-since", "nope")
    assert (status, out) == (2, "")
    assert "bad revision" in err


SPEC = "standards/EV-A_2024.yaml"
SPEC_TEXT = (
    (Path(__file__).resolve().parent / "collections" / "ref80x_clean" / "c.yaml")
    .read_text(encoding="utf-8")
    .replace("basis: 6-20-01-01@2024", "basis: 6-31-01-03@2018")
)


def test_a_change_that_breaks_an_unchanged_document_fails(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    """Deleting the standard an evaluation spec is based on is the change's error, though the spec is untouched."""
    repo = Repo(in_dir)
    repo.write(NEW, BASE)
    repo.write(SPEC, SPEC_TEXT)
    repo.commit("A")
    status, out, _ = cli("check", "--format", "json")
    before = _codes(out)
    assert not any(code == "REF802" for _, code in before)
    (in_dir / NEW).unlink()
    repo.commit("B")
    status, out, _ = cli("check", "--changed-since", "A", "--format", "json")
    assert (SPEC, "REF802") in _codes(out)
    assert status == 1
    # what was already wrong in unchanged files before the change is not the change's
    assert _codes(out) == {(SPEC, "REF802")}
    status, out, _ = cli("check", "--changed-since", "B", "--format", "json")
    assert (status, _codes(out)) == (0, set())


def test_shallow_clone_says_what_to_do(
    in_dir: Path, tmp_path_factory: pytest.TempPathFactory, cli: Callable[..., CliResult]
) -> None:
    origin = tmp_path_factory.mktemp("origin")
    repo = Repo(origin)
    repo.write(OLD, BASE)
    repo.commit("A")
    repo.write(NEW, BASE)
    repo.commit("B")
    git(in_dir, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    os.chdir(in_dir / "clone")
    status, out, err = cli("check", "--changed-since", "HEAD~1")
    assert (status, out) == (2, "")
    assert "shallow" in err and "fetch-depth: 0" in err
