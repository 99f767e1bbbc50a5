"""A pull request controls stdkit.toml and the command line: no output setting may destroy anything.

`site_dir = ".."` used to replace the folder holding the repository, `"."` the repository itself
(.git included), `--out standards` every source, and `site_dir = "docs"` with a committed
`docs/.stdkit-output` the documentation. Each is now a usage error (exit 2) that names the setting,
and nothing is touched. Killed builds leave temporary folders that the next build removes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit import output

from .conftest import ROOT
from .test_diff import git

Cli = Callable[..., tuple[int, str, str]]
ELECTRICIAN = ROOT / "standards" / "6-31-01-03_2018.yaml"


def _repository(folder: Path) -> Path:
    (folder / "standards").mkdir(parents=True)
    shutil.copy(ELECTRICIAN, folder / "standards" / "6-31-01-03_2018.yaml")
    git(folder, "init", "-q", "-b", "main")
    (folder / "notes.txt").write_text("uncommitted work\n", encoding="utf-8")
    return folder


def _tracked_tree(folder: Path) -> list[str]:
    return [p for p in _tree(folder) if p != ".git" and not p.startswith(".git/")]


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("out", ["standards", ".", "..", "standards/sub", ".git", "/tmp"])
def test_out_that_could_destroy_is_refused(cli: Cli, in_dir: Path, out: str) -> None:
    repo = _repository(in_dir / "repo")
    (in_dir / "sibling.txt").write_text("keep me\n", encoding="utf-8")
    before, around = _tree(repo), _tree(in_dir)
    os.chdir(repo)
    status, _, err = cli("build", "--out", out)
    assert status == 2, err
    assert "--out" in err
    assert "Traceback" not in err
    assert _tree(repo) == before
    assert _tree(in_dir) == around


@pytest.mark.parametrize("site_dir", ["..", ".", "standards"])
def test_site_dir_that_could_destroy_is_refused(cli: Cli, in_dir: Path, site_dir: str) -> None:
    repo = _repository(in_dir / "repo")
    (repo / "stdkit.toml").write_text(f'[stdkit]\nsite_dir = "{site_dir}"\n', encoding="utf-8")
    before = _tree(in_dir)
    os.chdir(repo)
    status, _, err = cli("build")
    assert status == 2, err
    assert "site_dir" in err or "--out" in err
    assert _tree(in_dir) == before


def test_folder_not_made_by_stdkit_is_not_replaced(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    (repo / "docs").mkdir()
    (repo / "docs" / "manual.md").write_text("hand-written\n", encoding="utf-8")
    status, _, err = cli("build", "--out", "docs")
    assert status == 2
    assert "not made by stdkit" in err
    assert (repo / "docs" / "manual.md").read_text(encoding="utf-8") == "hand-written\n"


@pytest.mark.parametrize("how", ["site_dir", "--out"])
def test_a_committed_marker_does_not_let_build_replace_a_folder(cli: Cli, in_dir: Path, how: str) -> None:
    """A pull request commits docs/.stdkit-output and names docs: the marker is not stdkit's, so no."""
    repo = _repository(in_dir)
    (repo / "docs").mkdir()
    (repo / "docs" / "manual.md").write_text("hand-written\n", encoding="utf-8")
    (repo / "docs" / output.MARKER).write_text("made by stdkit build; replaced whole by the next build\n")
    if how == "site_dir":
        (repo / "stdkit.toml").write_text('[stdkit]\nsite_dir = "docs"\n', encoding="utf-8")
    git(repo, "add", "docs", "standards", *(["stdkit.toml"] if how == "site_dir" else []))
    git(repo, "commit", "-q", "-m", "pull request")
    before = _tracked_tree(repo)
    status, _, err = cli("build", "--lang", "en", *(["--out", "docs"] if how == "--out" else []))
    assert status == 2, err
    assert (
        "docs" in err
        and how in err
        and "git tracks files in it (such as docs/.stdkit-output), and stdkit never replaces" in err
    )
    assert "list it in .gitignore" in err and "Traceback" not in err
    assert _tracked_tree(repo) == before
    assert (repo / "docs" / "manual.md").read_text(encoding="utf-8") == "hand-written\n"
    status, _, err = cli("build", "--lang", "zh", "--out", "docs")  # in Chinese too
    assert status == 2 and "git 跟踪其中的文件（如 docs/.stdkit-output），stdkit 不替换" in err, err
    # the control: a committed folder without the marker is still refused, an untracked one replaced
    git(repo, "rm", "-q", "--cached", f"docs/{output.MARKER}")
    git(repo, "commit", "-q", "-m", "untrack the marker")
    status, _, err = cli("build", "--lang", "en", "--out", "docs")
    assert status == 2 and "such as docs/manual.md" in err, err
    git(repo, "rm", "-q", "-r", "--cached", "docs")
    git(repo, "commit", "-q", "-m", "untrack docs")
    assert cli("build", "--out", "docs")[0] == 0
    assert not (repo / "docs" / "manual.md").exists()


def test_a_folder_git_cannot_answer_for_is_not_replaced(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _repository(in_dir)
    assert cli("build")[0] == 0
    monkeypatch.setenv("PATH", "")  # git is not installed: whether site/ holds committed files is unknown
    status, _, err = cli("build", "--lang", "en")
    assert status == 2, err
    assert "git cannot tell whether it tracks files in it (cannot run git" in err
    assert (in_dir / "site" / "index.html").is_file()


def test_build_replaces_its_own_site(cli: Cli, in_dir: Path) -> None:
    _repository(in_dir)
    assert cli("build")[0] == 0
    assert (in_dir / "site" / output.MARKER).is_file()
    (in_dir / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert cli("build")[0] == 0
    assert not (in_dir / "site" / "stale.html").exists()


def test_leftovers_of_a_killed_build_are_removed(in_dir: Path) -> None:
    _repository(in_dir)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "stdkit.cli", "build"], cwd=in_dir, env=env, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(in_dir.glob(".site.new-*")):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(in_dir.glob(".site.new-*")), "the build was killed while building"
    done = subprocess.run(
        [sys.executable, "-m", "stdkit.cli", "build"], cwd=in_dir, env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert not list(in_dir.glob(".site.*")), "leftovers removed"
    assert (in_dir / "site" / "index.html").is_file()


def test_a_hand_written_page_cannot_replace_a_generated_one(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    forged = repo / "docs_site" / "standards" / "6-31-01-03" / "2018.md"
    forged.parent.mkdir(parents=True)
    forged.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    status, _, err = cli("build")
    assert status == 1
    assert "standards/6-31-01-03/2018.md" in err
    assert "generated page" in err
    assert not (repo / "site").exists()


def test_build_names_the_findings_that_did_not_stop_it(cli: Cli, in_dir: Path) -> None:
    _repository(in_dir)
    shutil.copy(ROOT / "standards" / "4-10-01-02_2019.yaml", in_dir / "standards")
    status, out, _ = cli("build")
    assert status == 0
    assert "CAT605 ×1" in out.splitlines()[-1]


# The blueprints are made in a forked child beside the site while the site builds: a failure on either
# side must still leave the published folder as it was, no temporary folder and no child behind.


def _published(cli: Cli, in_dir: Path) -> list[str]:
    _repository(in_dir)
    assert cli("build")[0] == 0
    return _tree(in_dir / "site")


def test_blueprints_failing_beside_the_site_publish_nothing(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit import blueprint

    before = _published(cli, in_dir)
    real = blueprint.build

    def broken(entry: object, level: str) -> object:
        return real(entry, level).model_copy(update={"schema_version": "9.9"})  # type: ignore[arg-type]  # a version no schema allows, on purpose

    monkeypatch.setattr(blueprint, "build", broken)
    status, _, err = cli("build", "--lang", "en")
    assert status == 1 and "schema_version" in err, err
    assert _tree(in_dir / "site") == before
    assert not list(in_dir.glob(".site.*")), "no temporary folder left"


def test_site_failing_stops_the_blueprints_beside_it(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from stdkit.site import pages

    before = _published(cli, in_dir)

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("page generation failed")

    monkeypatch.setattr(pages, "render", broken)
    status, _, err = cli("build", "--lang", "en")
    assert status == 1 and "page generation failed" in err, err
    assert _tree(in_dir / "site") == before
    assert not list(in_dir.glob(".site.*")), "no temporary folder left"
    assert not multiprocessing.active_children(), "the child making the blueprints was stopped"


def test_a_blueprint_process_that_dies_publishes_nothing(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from stdkit import pool, publish

    if pool.cores() < 2 or threading.active_count() > 1:
        pytest.skip("the blueprints are made in this process here (one core, or a thread running)")
    before = _published(cli, in_dir)

    def killed(*args: object, **kwargs: object) -> object:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        raise AssertionError("unreachable")

    # the build's workers write each document's blueprints (stdkit.build.documents): one of them is killed
    monkeypatch.setattr(publish, "POOL_MIN", 1)
    monkeypatch.setattr(publish.Plan, "write", killed)
    status, _, err = cli("build", "--lang", "en")
    assert status == 1 and "ended unexpectedly" in err and "Traceback" not in err, err
    assert _tree(in_dir / "site") == before
    assert not list(in_dir.glob(".site.*")), "no temporary folder left"


def test_a_blueprints_folder_among_the_site_sources_gets_the_blueprints_too(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(ROOT / "docs_site", repo / "docs_site")
    (repo / "docs_site" / "blueprints").mkdir()
    (repo / "docs_site" / "blueprints" / "README.txt").write_text(
        "how to use the blueprints\n", encoding="utf-8"
    )
    status, _, err = cli("build")
    assert status == 0, err
    assert (repo / "site" / "blueprints" / "README.txt").is_file()
    assert (repo / "site" / "blueprints" / "index.json").is_file()
