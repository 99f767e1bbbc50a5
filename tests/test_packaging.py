"""The package as released: `python -m build` gives a wheel and an sdist, and the wheel installed in a
clean virtual environment runs `stdkit init` → `new` → `check` → `build` with no repository around.

`python -m build` builds the sdist, then the wheel from the sdist, so a file missing from either
fails here. The clean environment gets stdkit from the wheel only (no index); its dependencies are
those already installed beside the interpreter running the tests, made visible through a .pth file
(the editable stdkit of the development environment is not: its finder lives in a .pth that a
plain path entry does not run). Measured: about 25 s, most of it the isolated build fetching
setuptools.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from stdkit import distribution

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def test_wheel_runs_in_a_clean_environment(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=tmp_path)
    if built.returncode != 0 and "No module named build" in built.stderr:
        pytest.skip("`build` is not installed (a dev dependency)")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = dist.glob("stdkit-*-py3-none-any.whl")
    version = wheel.name.split("-")[1]
    assert (dist / f"stdkit-{version}.tar.gz").is_file()
    # the version is git's (setuptools-scm): this commit's, never the fallback of a tree without git
    head = _run("git", "rev-parse", "HEAD", cwd=ROOT).stdout.strip()
    released = distribution.of(version, None).released  # built at a tag vX.Y.Z with a clean tree
    tags = _run("git", "tag", "--points-at", "HEAD", cwd=ROOT).stdout.split()
    assert f"v{version}" in tags if released else f"+g{head[:7]}" in version, (version, head)
    checked = _run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()), cwd=tmp_path)
    if "No module named twine" not in checked.stderr:
        assert checked.returncode == 0, checked.stdout + checked.stderr

    venv = tmp_path / "venv"
    # nothing of the development tree may leak in: no PYTHONPATH, not even for pip
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["LANG"] = "en_US.UTF-8"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=tmp_path,
        env=env,
    )
    assert installed.returncode == 0, installed.stderr
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path)
    dependencies = [sysconfig.get_path("purelib"), *site.getsitepackages()]
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text("\n".join(dependencies) + "\n")

    repo = tmp_path / "repo"
    repo.mkdir()
    where = _run(python, "-c", "import stdkit; print(stdkit.__file__, stdkit.__version__)", cwd=repo, env=env)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    assert where.stdout.split()[1] == version
    stdkit = venv / "bin" / "stdkit"
    for args in (
        ("init",),
        ("new", "special-competency", "SC-2", "--title", "光伏组件清洗", "--occupation", "6-31-01-03"),
        ("check",),
        ("build",),
        ("schema", "--check"),
    ):
        done = _run(stdkit, *args, cwd=repo, env=env)
        assert done.returncode == 0, f"stdkit {' '.join(args)}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    assert (repo / "site" / "index.html").is_file()
    # what init wrote installs this commit: a wheel built from the sdist knows its abbreviated id
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    rev = hooks["repos"][0]["rev"]
    workflow = (repo / ".github" / "workflows" / "standards.yml").read_text(encoding="utf-8")
    if released:
        assert rev == f"v{version}" and f'"stdkit[site]=={version}"' in workflow
    else:
        assert len(rev) >= 7 and head.startswith(rev), (rev, head)
        assert f'"stdkit[site] @ git+{distribution.REPOSITORY}@{rev}"' in workflow
