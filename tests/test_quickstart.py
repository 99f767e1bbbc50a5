"""The Chinese quickstart and authoring guides say what stdkit does: their commands run, their examples validate.

Every `$ stdkit …` line of docs/quickstart.md is run here, in order, in an empty folder (`stdkit serve`
is driven by tests/test_serve.py, which also starts from `stdkit init`; pre-commit by
tests/test_precommit.py). Every YAML example of a guide names the sample it is taken from
(`# 摘自 standards/…`) and must appear there line for line, and that sample must validate.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.config import Config
from stdkit.diagnostics import Severity
from stdkit.run import pipeline

from .conftest import ROOT

DOCS = ROOT / "docs"
QUICKSTART = DOCS / "quickstart.md"
GUIDES = sorted(DOCS.glob("guide-*.md"))
_CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
_YAML = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
_SOURCE = re.compile(r"^# 摘自 (\S+)$")


def _commands() -> list[list[str]]:
    lines = [
        line.removeprefix("$ ")
        for block in _CONSOLE.findall(QUICKSTART.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if line.startswith("$ ")
    ]
    return [shlex.split(line) for line in lines]


def test_quickstart_commands_run(cli: Callable[..., tuple[int, str, str]], in_dir: Path) -> None:
    commands = [c for c in _commands() if c[0] == "stdkit"]
    verbs = [c[1] for c in commands]
    assert verbs[:2] == ["--version", "init"] and "serve" in verbs and "build" in verbs
    for command in commands:
        if command[1] == "serve":
            continue  # blocks until Ctrl+C: tests/test_serve.py drives it
        status, out, err = cli(*command[1:])
        assert status == 0, f"{shlex.join(command)}\n{out}{err}"
    assert (in_dir / "standards" / "6-18-02-04_2025.yaml").is_file()
    assert (in_dir / "site" / "index.html").is_file()


def test_quickstart_installs_a_pinned_stdkit_into_a_git_repository() -> None:
    """Before the first release, from the repository at a commit (the built manual fills in this stdkit's:
    tests/test_docs.py); then `git init` before `stdkit init`, so that `pre-commit install` works."""
    from stdkit import distribution

    commands = _commands()
    installs = [c for c in commands if c[:4] == ["python", "-m", "pip", "install"] and "stdkit" in c[4]]
    assert installs == [
        ["python", "-m", "pip", "install", f"stdkit[site] @ git+{distribution.REPOSITORY}@<提交>"]
    ]
    order = [c[:2] for c in commands]
    assert (
        order.index(["git", "init"])
        < order.index(["stdkit", "init"])
        < order.index(["pre-commit", "install"])
    )


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_guide_examples_are_from_valid_samples(guide: Path) -> None:
    examples = _YAML.findall(guide.read_text(encoding="utf-8"))
    assert examples, f"{guide.name} has no example"
    for example in examples:
        first, *lines = example.rstrip("\n").splitlines()
        source = _SOURCE.match(first)
        assert source, f"{guide.name}: an example must start with `# 摘自 <sample>`: {first!r}"
        sample = ROOT / source.group(1)
        text = sample.read_text(encoding="utf-8").splitlines()
        assert any(text[i : i + len(lines)] == lines for i in range(len(text))), (
            f"{guide.name}: example not found line for line in {sample.name}:\n" + "\n".join(lines)
        )
        report = pipeline.validate([sample], Config.default(ROOT))
        assert [d for d in report.diagnostics if d.severity is Severity.ERROR] == []
