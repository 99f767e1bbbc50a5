"""stdkit check --changed-since REV: diagnostics only for touched documents, cross-checks over all of them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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
    # Uncommitted and untracked: a new edition, published, that supersedes the old one (still
    # published too: REF803 on the old file) and whose L4 theory column no longer sums to 100.
    repo.write(
        NEW,
        BASE.replace("issued: 2018-11-20", "issued: 2018-11-20\nsupersedes: 6-31-01-03@2009").replace(
            "电气安装和线路敷设: 45, 电气线路检修: 30", "电气安装和线路敷设: 45, 电气线路检修: 35"
        ),
    )
    status, out, _ = cli("check", "--format", "json")
    everything = _codes(out)
    assert (OLD, "REF803") in everything  # the cross-check: two published editions
    assert any(path == NEW for path, _ in everything)
    assert changed_paths(in_dir, "A") == {NEW}

    status, out, _ = cli("check", "--changed-since", "A", "--format", "json")
    only = _codes(out)
    assert only == {d for d in everything if d[0] == NEW}
    assert (NEW, "REF801") not in only  # supersedes resolves: the unchanged file is still in the collection
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
