"""Finding the documents: symbolic links, file names that are not UTF-8, folders that cannot be read.

Each case is a user's repository; the test asserts the exact (code, path, line, col) found and that no
message quotes the content of a file that is not a document.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.config import Config
from stdkit.discovery import find
from stdkit.run import pipeline

from .conftest import STANDARDS, CliResult

SECRET = "TOP-SECRET-CONTENT"
SAMPLE = STANDARDS / "S-44-0012_2023.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "standards").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "standards" / "a.yaml")
    return root


def findings(root: Path) -> set[tuple[str, str, int, int]]:
    report = pipeline.check([root / "standards"], Config.default(root), documents=False)
    return {(d.code, d.path, d.line, d.col) for d in report.diagnostics if d.code.startswith("USE")}


def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(f"kind: {SECRET}\n", encoding="utf-8")
    return secret


def test_a_link_out_of_the_repository_is_refused_unread(repo: Path, tmp_path: Path) -> None:
    (repo / "standards" / "b.yaml").symlink_to(outside(tmp_path))
    report = pipeline.check([repo / "standards"], Config.default(repo), documents=False)
    assert {(d.code, d.path, d.line, d.col) for d in report.diagnostics} >= {
        ("USE003", "standards/b.yaml", 1, 1)
    }
    assert all(SECRET not in d.message for d in report.diagnostics)
    assert [e.path for e in report.collection.entries] == ["standards/a.yaml"]


def test_a_link_to_a_folder_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    (repo / "standards" / "more").symlink_to(outside(tmp_path).parent, target_is_directory=True)
    assert findings(repo) == {("USE003", "standards/more", 1, 1)}


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "shared").mkdir()
    shutil.copy(SAMPLE, repo / "shared" / "c.yaml")
    (repo / "standards" / "c.yaml").symlink_to(repo / "shared" / "c.yaml")
    assert find([repo / "standards"], repo).files == [
        repo / "standards" / "a.yaml",
        repo / "standards" / "c.yaml",
    ]
    assert findings(repo) == set()


def test_a_named_file_that_links_out_is_refused(
    repo: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    link = repo / "standards" / "b.yaml"
    link.symlink_to(outside(tmp_path))
    before = Path.cwd()
    os.chdir(repo)
    try:
        status, out, _ = cli("validate", "standards/b.yaml", "--lang", "en")
    finally:
        os.chdir(before)
    assert status == 1
    assert out.startswith("standards/b.yaml:1:1: USE003 ")
    assert SECRET not in out


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(
    fmt: str, repo: Path, cli: Callable[..., CliResult]
) -> None:
    name = os.fsdecode(b"bad-\xff.yaml")
    shutil.copy(SAMPLE, repo / "standards" / name)
    before = Path.cwd()
    os.chdir(repo)
    try:
        status, out, err = cli("check", "--format", fmt, "--lang", "en")
    finally:
        os.chdir(before)
    assert status == 1, err
    assert (
        "USE004" in out and "xff.yaml" in out
    )  # the byte is shown escaped (JSON escapes that backslash again)
    out.encode("utf-8")  # printable in every format


def test_an_unreadable_folder_is_reported(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = repo / "standards" / "locked"
    locked.mkdir()
    shutil.copy(SAMPLE, locked / "d.yaml")
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == locked:  # tests run as root, where chmod 000 would not stop the read
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert findings(repo) == {("USE005", "standards/locked", 1, 1)}


def test_hidden_folders_and_other_files_are_skipped(repo: Path) -> None:
    (repo / "standards" / ".stdkit-cache").mkdir()
    shutil.copy(SAMPLE, repo / "standards" / ".stdkit-cache" / "x.yaml")
    (repo / "standards" / "notes.txt").write_text("not a document", encoding="utf-8")
    assert find([repo / "standards"], repo).files == [repo / "standards" / "a.yaml"]


def test_a_default_standards_folder_that_links_out_is_refused_unread(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    """No stdkit.toml: the default standards/ is refused as stdkit.toml's own paths are (a pull request
    may commit standards/ as a link to the runner's files)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (elsewhere / "a.yaml").write_text(text.replace("S-44-0012", "S-44-9999"), encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "standards").symlink_to(elsewhere, target_is_directory=True)
    before = Path.cwd()
    os.chdir(root)
    try:
        status, out, err = cli("check", "--lang", "en", "--no-cache")
        json_status, as_json, _ = cli("check", "--format", "json", "--no-cache")
    finally:
        os.chdir(before)
    assert status == json_status == 1, out + err
    assert out.startswith("standards:1:1: USE003 "), out
    assert "folder link points outside the repository" in out
    assert "S-44-9999" not in out + err + as_json  # nothing of the document was read
    report = pipeline.check([root / "standards"], Config.default(root), documents=False)
    assert {(d.code, d.path, d.line, d.col) for d in report.diagnostics} == {("USE003", "standards", 1, 1)}
    assert not report.collection.entries
    # the control: the same document inside the repository is read and passes
    (root / "standards").unlink()
    shutil.copytree(elsewhere, root / "standards")
    assert findings(root) == set()
