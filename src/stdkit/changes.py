"""Git as a read-only source of documents: files at a revision, and files touched since one.

The only module that runs ``git``. It never checks anything out and never writes to the
repository: contents come from ``git ls-tree`` and ``git cat-file --batch``, so a diff between
two revisions works in a dirty work tree and in CI's detached checkouts alike. Paths are given
in the same form as :attr:`Diagnostic.path` (relative to the collection root, posix), so that
callers can match them against diagnostics without further conversion.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from stdkit.discovery import SUFFIXES
from stdkit.messages import Localized


class GitError(Localized):
    """git is missing, the folder is not a repository, or a revision does not exist (a usage error)."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except OSError as exc:  # git is not installed
        raise GitError("git.cannot_run", problem=exc) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if message:
            raise GitError("git.said", text=message[-1])
        raise GitError("git.failed", command=" ".join(args))
    return done.stdout


def resolve(root: Path, rev: str) -> str:
    """The commit id of ``rev``; :class:`GitError` if it names no commit."""
    if rev.startswith("-"):  # never let a revision be read as an option
        raise GitError("git.bad_revision", rev=rev)
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        pass
    try:
        shallow = git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    except GitError:  # not a repository at all: git's own words say so
        shallow = False
        git(root, "rev-parse", "--git-dir")
    if shallow:
        raise GitError("git.shallow", rev=rev)
    raise GitError("git.unknown_revision", rev=rev)


def _top(root: Path) -> Path:
    return Path(git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve()


def _shown(top: Path, root: Path, name: str) -> str | None:
    """A repository-relative name as a root-relative posix path, or None when it lies outside the root."""
    try:
        return (top / name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def files_at(root: Path, rev: str, paths: Iterable[str] = ()) -> dict[str, bytes]:
    """Every YAML document at ``rev`` under ``paths`` (root-relative; default: all), path → contents."""
    commit = resolve(root, rev)
    top = _top(root)
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit).split(b"\0")
    wanted = [PurePosixPath(p) for p in paths]
    blobs: list[tuple[str, str]] = []
    for record in listing:
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        name = raw_name.decode("utf-8", "surrogateescape")
        shown = _shown(top, root, name)
        if kind != "blob" or mode == "120000" or shown is None:
            continue
        path = PurePosixPath(shown)
        if path.suffix not in SUFFIXES or any(part.startswith(".") for part in path.parts):
            continue
        if wanted and not any(path == w or w in path.parents for w in wanted):
            continue
        blobs.append((shown, oid))
    if not blobs:
        return {}
    out = git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for _, oid in blobs).encode())
    contents: dict[str, bytes] = {}
    offset = 0
    for shown, _ in blobs:
        end = out.index(b"\n", offset)
        size = int(out[offset:end].split(b" ")[2])
        contents[shown] = out[end + 1 : end + 1 + size]
        offset = end + 1 + size + 1  # the contents are followed by a newline
    return dict(sorted(contents.items()))


def changed_paths(root: Path, rev: str) -> set[str]:
    """Files touched since ``rev``: committed, staged or not, and untracked ones; root-relative posix paths."""
    commit = resolve(root, rev)
    top = _top(root)
    names = git(root, "diff", "--name-only", "-z", "--no-renames", commit, "--").split(b"\0")
    names += git(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/").split(b"\0")
    shown = (_shown(top, root, raw.decode("utf-8", "surrogateescape")) for raw in names if raw)
    return {path for path in shown if path is not None}


@contextlib.contextmanager
def materialised(root: Path, rev: str) -> Iterator[Path]:
    """The documents of ``rev`` written into a temporary folder, laid out as under ``root``; removed after.

    So that the pipeline can check the base revision as it checks the work tree (only documents are
    written, from blobs; the repository and its work tree are not touched).
    """
    files = files_at(root, rev)
    with tempfile.TemporaryDirectory(prefix="stdkit-base-") as folder:
        base = Path(folder)
        for shown, raw in files.items():
            target = base / shown
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        yield base


def tracked_files(root: Path, folder: Path) -> list[str]:
    """The files under ``folder`` that git tracks, as root-relative posix paths, sorted; [] when no
    repository holds ``root``.

    Why: a folder holding committed files is never an output stdkit may replace, whatever marker it
    carries (a pull request can commit one). Inside a repository git must answer: :class:`GitError`
    when it cannot (not installed, a repository it refuses as unsafe), and the caller refuses rather
    than guess.
    """
    if not any((parent / ".git").exists() for parent in (root, *root.parents)):
        return []
    relative = folder.resolve().relative_to(root.resolve()).as_posix()
    listing = git(root, "ls-files", "-z", "--", f":(literal){relative}")  # literal: no glob in a name
    return sorted(name.decode("utf-8", "surrogateescape") for name in listing.split(b"\0") if name)


def added_in(root: Path, shown: str) -> str | None:
    """The commit that added the file ``shown`` (root-relative), or None when git cannot say: not a
    repository, a shallow clone that lacks it, or a file not committed yet."""
    try:
        found = git(root, "log", "-n1", "--format=%H", "--diff-filter=A", "--", shown).decode().strip()
    except GitError:
        return None
    return found or None
