"""Real pre-commit, in a temporary git repository made by `stdkit init`: what an author's commit runs.

Two configurations are driven. The one `stdkit init` writes, as written but for where the repository
is: pre-commit clones stdkit (a local copy of this checkout, at the commit `rev:` names) and installs it
into an environment of its own (`language: python`), and the hooks run with stdkit nowhere on PATH.
That install needs PyPI (stdkit's dependencies and its build backend; pip's cache makes it quicker):
without it the test is skipped, saying so. And stdkit's own .pre-commit-hooks.yaml, its hooks copied
into a `repo: local` config with `language: system` so that no environment is made (the `files:`
patterns, entries and arguments are what is tested). PRE_COMMIT_HOME is a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
    if found is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail("pre-commit is not installed (a dev dependency)")
        pytest.skip("pre-commit is not installed (a dev dependency)")
    return found


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # the stdkit under test, as `stdkit`
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PRE_COMMIT_HOME"] = str(home)
    env["LANG"] = "en_US.UTF-8"
    for name in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        env.pop(name, None)
    return env


def _run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository scaffolded by `stdkit init`, everything staged."""
    repo = tmp_path / "repo"
    env = _env(tmp_path / "pre-commit-home")
    done = _run(tmp_path, env, sys.executable, "-m", "stdkit.cli", "init", str(repo))
    assert done.returncode == 0, done.stderr
    for args in (
        ("git", "init", "-q", "-b", "main"),
        ("git", "config", "user.email", "author@example.invalid"),
        ("git", "config", "user.name", "author"),
        ("git", "add", "-A"),
    ):
        assert _run(repo, env, *args).returncode == 0
    return repo, env


def _source(folder: Path) -> tuple[Path, str]:
    """A git repository of this checkout's files as they are now (committed or not): what the hooks of a
    repository made by this stdkit install; and its commit."""
    source = folder / "stdkit"
    git = ("git", "-c", "user.email=dev@example.invalid", "-c", "user.name=dev")
    assert (
        _run(
            folder, dict(os.environ), "git", "clone", "-q", "--no-hardlinks", str(ROOT), str(source)
        ).returncode
        == 0
    )
    listed = _run(
        ROOT, dict(os.environ), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"
    )
    for name in filter(None, listed.stdout.split("\0")):
        here, there = ROOT / name, source / name
        if here.is_file():
            there.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(here, there)
        elif there.is_file():  # deleted in the working tree
            there.unlink()
    assert _run(source, dict(os.environ), "git", "add", "-A").returncode == 0
    _run(source, dict(os.environ), *git, "commit", "-q", "-m", "the working tree")
    head = _run(source, dict(os.environ), "git", "rev-parse", "HEAD").stdout.strip()
    return source, head


def test_init_hooks_run_from_their_own_environment(tmp_path: Path) -> None:
    """`stdkit init`'s hooks, installed by pre-commit itself: they pass on the scaffold and stop a broken
    document at its line, with no stdkit (nor this virtual environment) on PATH."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (a dev dependency)")
    from stdkit import distribution

    repo = tmp_path / "repo"
    env = _env(tmp_path / "pre-commit-home")
    done = _run(tmp_path, env, sys.executable, "-m", "stdkit.cli", "init", str(repo))
    assert done.returncode == 0, done.stderr
    config = repo / ".pre-commit-config.yaml"
    written = yaml.safe_load(config.read_text(encoding="utf-8"))
    # the pin of the stdkit that ran init (src/stdkit/_version.py as a build left it: test_packaging's
    # build from this tree rewrites it after this process may have read it)
    asked = "from stdkit import distribution as d; p = d.running(); print(p.version); print(p.commit or '')"
    version, commit = _run(tmp_path, env, sys.executable, "-c", asked).stdout.splitlines()
    pin = distribution.of(version, f"g{commit}" if commit else None)
    assert written["repos"] == [
        {
            "repo": distribution.REPOSITORY,
            "rev": pin.rev,
            "hooks": [{"id": "stdkit-check"}],
        }
    ]
    # the same configuration, with this checkout standing in for the public repository
    source, head = _source(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(f"repo: {distribution.REPOSITORY}", f"repo: {source}").replace(
            f"rev: {pin.rev}", f"rev: {head}"
        ),
        encoding="utf-8",
    )
    env.pop("PYTHONPATH")
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if Path(p) != BIN)
    assert shutil.which("stdkit", path=env["PATH"]) is None, "a stdkit on PATH would hide what is tested"
    for args in (
        ("git", "init", "-q", "-b", "main"),
        ("git", "config", "user.email", "author@example.invalid"),
        ("git", "config", "user.name", "author"),
        ("git", "add", "-A"),
    ):
        assert _run(repo, env, *args).returncode == 0
    pre_commit = (sys.executable, "-m", "pre_commit")
    done = _run(repo, env, *pre_commit, "install-hooks")
    if done.returncode != 0:
        log = (tmp_path / "pre-commit-home" / "pre-commit.log").read_text(encoding="utf-8", errors="replace")
        offline = ("NewConnectionError", "Temporary failure in name resolution", "No matching distribution")
        if any(word in log for word in offline):
            pytest.skip("PyPI is unreachable: pre-commit cannot install stdkit's environment offline")
        raise AssertionError(done.stdout + done.stderr + log[-4000:])
    done = _run(repo, env, *pre_commit, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Passed") == 1, done.stdout
    assert "SCH106" not in done.stdout  # mkdocs.yml, the hooks' config and the workflow are no documents

    document = next((repo / "standards").glob("6-31-01-03_*.yaml"))
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("levels: [L5, L4, L3]", "levels: [L5, L3]"), encoding="utf-8")
    _run(repo, env, "git", "add", "-A")
    done = _run(repo, env, *pre_commit, "run", "--all-files")
    assert done.returncode == 1
    assert f"standards/{document.name}:" in done.stdout
    assert "LAD" in done.stdout  # the located finding is shown to the author


def test_stdkit_hooks_file(repo: tuple[Path, dict[str, str]]) -> None:
    """stdkit's own .pre-commit-hooks.yaml: documents are checked, other YAML is not even passed."""
    folder, env = repo
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = [{**hook, "language": "system"} for hook in hooks]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (folder / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
    (folder / ".github" / "workflows" / "more.yml").write_text("name: more\non: push\n", encoding="utf-8")
    _run(folder, env, "git", "add", "-A")
    done = _run(folder, env, _pre_commit(), "run", "--all-files", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "skipped" not in done.stdout  # `files:` kept the workflows away from stdkit
    assert done.stdout.count("Passed") == 2
    # a commit that touches only other YAML does not run the validate hook at all
    assert _run(folder, env, "git", "commit", "-q", "-m", "start").returncode == 0
    (folder / "mkdocs.yml").write_text(
        (folder / "mkdocs.yml").read_text(encoding="utf-8") + "# note\n", encoding="utf-8"
    )
    _run(folder, env, "git", "add", "-A")
    done = _run(folder, env, _pre_commit(), "run")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)Skipped" in done.stdout.replace(".", "")
    # a staged document is named to `stdkit check`: its findings of the whole collection stop the commit
    assert _run(folder, env, "git", "commit", "-q", "-m", "mkdocs").returncode == 0
    document = next((folder / "standards").glob("6-31-01-03_*.yaml"))
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("levels: [L5, L4, L3]", "levels: [L5, L3]"), encoding="utf-8")
    _run(folder, env, "git", "add", "-A")
    done = _run(folder, env, _pre_commit(), "run", "--verbose")
    assert done.returncode == 1
    assert f"standards/{document.name}:" in done.stdout and "LAD" in done.stdout
    assert "in 1 file" in done.stdout or "共 1 个文件" in done.stdout  # the staged file, not the collection
