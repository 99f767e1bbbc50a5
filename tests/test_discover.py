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


def test_files_come_once_each_in_the_order_of_their_paths(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk keeps plain files as texts and makes their paths at the end (issue 39): whatever names a
    file, from whichever folder (the working directory itself, a folder and a file in it named together,
    names that sort differently as text and as parts, a name that is not ASCII, a link), each file comes
    once, as the path pathlib would make, in the order ``sorted`` gives paths."""
    standards = repo / "standards"
    for name in ["a-b.yaml", "a.b.yaml", "a/b.yaml", "a b/c.yml", "ab/z.yaml", "职业/标准.yaml", "x.txt"]:
        (standards / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, standards / name)
    (standards / "link.yaml").symlink_to(standards / "a.yaml")
    monkeypatch.chdir(repo)
    named = [Path("standards"), Path("standards/a/b.yaml"), Path("./standards/ab"), repo / "standards" / "ab"]
    for paths in [named, [Path()], [repo]]:
        files = find(paths, repo).files
        assert files == sorted(set(files)), paths
        assert all(type(file) is type(repo) and str(file) == os.path.normpath(file) for file in files)
    shown = [file.as_posix() for file in find(named, repo).files]
    assert shown == [
        str(repo / "standards/ab/z.yaml"),
        "standards/a/b.yaml",  # a folder's name before a longer name it begins (parts, not text)
        "standards/a b/c.yml",
        "standards/a-b.yaml",
        "standards/a.b.yaml",
        "standards/a.yaml",
        "standards/ab/z.yaml",
        "standards/link.yaml",
        "standards/职业/标准.yaml",
    ]


def test_shown_paths_are_those_resolved_below_the_root(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """display_paths works folder by folder and skips the lstat of files discovery saw were no link (issue
    39); what it shows is what resolving each path gives: below the root relative to it, else as named."""
    from stdkit.discovery import display_paths

    standards = repo / "standards"
    (standards / "sub").mkdir()
    shutil.copy(SAMPLE, standards / "sub" / "b.yaml")
    (standards / "link.yaml").symlink_to(standards / "sub" / "b.yaml")
    (repo / "linked").symlink_to(standards / "sub")
    shutil.copy(SAMPLE, repo / "top.yaml")
    shutil.copy(SAMPLE, outside(tmp_path).parent / "elsewhere.yaml")
    monkeypatch.chdir(standards)
    named = [
        Path("a.yaml"),
        Path("sub/b.yaml"),
        Path("../top.yaml"),
        Path("../standards/sub/../a.yaml"),
        Path("link.yaml"),
        Path("../linked/b.yaml"),
        repo / "top.yaml",
        tmp_path / "outside" / "elsewhere.yaml",
        Path("../../outside/elsewhere.yaml"),
    ]

    def resolved(path: Path) -> str:
        try:
            return path.resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    expected = [resolved(path) for path in named]
    assert (
        expected[:6]
        == ["standards/a.yaml", "standards/sub/b.yaml", "top.yaml", "standards/a.yaml"]
        + ["standards/sub/b.yaml"] * 2
    )
    assert display_paths(named, repo) == expected
    plain = frozenset(str(path) for path in named if not path.is_symlink())
    assert display_paths(named, repo, plain) == expected
    found = find([Path()], repo)
    assert display_paths(found.files, repo, found.plain) == [resolved(file) for file in found.files]
