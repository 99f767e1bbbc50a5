"""What a newcomer meets first: stdkit run outside a standards repository, colour on a terminal, the site
generator not installed, and scripts/test.sh on a machine that cannot install every system tool."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit import commands, report
from stdkit.diagnostics import Diagnostic, Severity

from .conftest import ROOT

Cli = Callable[..., tuple[int, str, str]]
SAMPLE = ROOT / "standards" / "6-31-01-03_2018.yaml"


@pytest.mark.parametrize("verb", ["check", "validate", "build"])
def test_outside_a_repository_a_hint_to_init_and_nothing_left(cli: Cli, in_dir: Path, verb: str) -> None:
    status, out, err = cli(verb, "--lang", "zh")
    assert status == 2 and out == ""
    assert "不是标准仓库" in err and "stdkit init" in err and str(in_dir.resolve()) in err
    status, _, err = cli(verb, "--lang", "en")
    assert status == 2
    assert "is not a standards repository" in err and "Run `stdkit init`" in err
    assert list(in_dir.iterdir()) == []  # no .stdkit-cache/, nothing at all


def test_a_named_file_outside_a_repository_is_checked_and_leaves_no_cache(cli: Cli, in_dir: Path) -> None:
    shutil.copyfile(SAMPLE, in_dir / SAMPLE.name)
    status, out, err = cli("check", SAMPLE.name)
    assert status == 0, out + err
    assert "0 errors" in out
    assert sorted(p.name for p in in_dir.iterdir()) == [SAMPLE.name]


def test_init_then_check_keeps_its_cache(cli: Cli, in_dir: Path) -> None:
    assert cli("init")[0] == 0
    assert cli("check")[0] == 0
    assert (in_dir / ".stdkit-cache").is_dir()  # a repository's runs are incremental


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("fmt", "tty", "environ", "coloured"),
    [
        ("text", True, {}, True),
        ("text", False, {}, False),  # piped or redirected
        ("json", True, {}, False),
        ("github", True, {}, False),
        ("text", True, {"NO_COLOR": "1"}, False),
        ("text", True, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        ("text", True, {"CI": "true"}, False),  # a CI log shows escape codes as noise
        ("text", False, {"CI": "true", "FORCE_COLOR": "1"}, True),
        ("text", True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_only_for_a_person_at_a_terminal(
    fmt: str, tty: bool, environ: dict[str, str], coloured: bool
) -> None:
    assert commands.colour(fmt, _Stream(tty), environ) is coloured


def test_colour_paints_the_severity_and_nothing_an_author_wrote(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finding = Diagnostic(
        "standards/a.yaml", 3, 5, "CNT511", "text \x1b[31mred\x1b[0m [error]", Severity.WARNING
    )
    line = report._finding(finding, colour=True)
    assert line.startswith("standards/a.yaml:3:5: CNT511 \x1b[33m[warning]\x1b[0m text ")
    assert line.count("\x1b") == 2  # the author's escape codes are shown, not obeyed
    assert report._finding(finding, colour=False) == line.replace("\x1b[33m", "").replace("\x1b[0m", "", 1)

    shutil.copyfile(SAMPLE, in_dir / "b.yaml")  # alone, its `supersedes:` of 2009 is a warning
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = cli("check", "b.yaml")[1]
    assert "b.yaml:9:13: REF801 \x1b[33m[warning]\x1b[0m 6-31-01-03@2009 is not in the collection" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "[warning]" in (out := cli("check", "b.yaml")[1]) and "\x1b" not in out
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b" not in cli("check", "--format", "json", "b.yaml")[1]


def test_build_without_the_site_extra_says_how_to_install_it(
    cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from stdkit import distribution

    assert cli("init")[0] == 0
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mkdocs" else find_spec(name, *a)
    )
    for verb in ("build", "serve"):
        status, _, err = cli(verb, "--lang", "en")
        assert status == 2
        assert "not installed: mkdocs" in err
        assert f'pip install "{distribution.running().with_extra("site")}"' in err
    assert not (in_dir / "site").exists()


def test_test_sh_names_what_it_skips_and_goes_on(tmp_path: Path) -> None:
    """scripts/system-setup.sh (run by test.sh) when two system tools cannot be installed."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(ROOT / "scripts" / "system-setup.sh", scripts)
    for name, status in (("browser-setup.sh", 1), ("lint-setup.sh", 0), ("office-setup.sh", 1)):
        (scripts / name).write_text(f"echo 'cannot install' >&2\nexit {status}\n", encoding="utf-8")
    done = subprocess.run(
        ["bash", str(scripts / "system-setup.sh")],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ),
    )
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stdout
    assert "Chromium" in lines[0] and "browser tests" in lines[0] and "skipped" in lines[0]
    assert "LibreOffice" in lines[1] and "tests/test_workbook.py" in lines[1] and "skipped" in lines[1]
    assert "bash scripts/system-setup.sh" in (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
