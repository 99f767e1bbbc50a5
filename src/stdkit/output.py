"""The one way stdkit replaces an output folder: built aside, marked, swapped in atomically.

A pull request may set ``site_dir`` or pass ``--out``, so the folder to replace is untrusted. It
must lie inside the repository, must not be the repository, hold it, or hold or lie inside a
standards folder, and if it exists it must hold no file that git tracks and must have been made by
stdkit (it carries :data:`MARKER`) or be empty. A marker proves nothing when the pull request
committed it (``docs/.stdkit-output`` with ``site_dir = "docs"``), so a folder with tracked files
is never replaced, and neither is one git cannot answer for. Anything else is an
:class:`OutputError` (exit 2) and nothing is touched.

The new tree is built in a temporary sibling folder; on Linux the two folders are exchanged in
one ``renameat2(RENAME_EXCHANGE)``, so a reader sees the old tree or the new one and never
none; elsewhere two renames are used (a moment without the folder). A killed build leaves its
temporary folder; the next build removes such leftovers of its own kind while it holds the
lock that keeps two builds of the same folder apart.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from stdkit.errors import SetupError
from stdkit.messages import Message

#: The file that says "stdkit made this folder and may replace it".
MARKER = ".stdkit-output"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(SetupError):
    """The output folder is one stdkit must not replace; the message names it and why."""


def check_target(
    target: Path, *, root: Path, protected: Iterable[Path] = (), setting: Message | str = "--out"
) -> Path:
    """``target`` resolved, or :class:`OutputError` when replacing it could destroy something."""
    target, root = target.resolve(), root.resolve()

    def refuse(why: str, **fields: object) -> OutputError:
        shown = {"setting": setting, "target": target, "suggestion": root / "site"}
        return OutputError("output.refused", **shown, why=Message(why, fields))

    if not target.is_relative_to(root):
        raise refuse("output.outside", root=root)
    if target == root:
        raise refuse("output.repository")
    if (target / ".git").exists():
        raise refuse("output.git")
    for given in protected:
        folder = given.resolve()
        if target == folder or folder.is_relative_to(target) or target.is_relative_to(folder):
            raise refuse("output.standards", folder=folder)
    if target.exists():
        if not target.is_dir():
            raise refuse("output.file")
        _refuse_tracked(target, root, refuse)
        if not (target / MARKER).is_file() and any(target.iterdir()):
            raise refuse("output.foreign", marker=MARKER)
    return target


def _refuse_tracked(target: Path, root: Path, refuse: Callable[..., OutputError]) -> None:
    """Raise when git tracks a file in ``target`` (the marker too, if it was committed) or cannot say."""
    from stdkit.changes import GitError, tracked_files

    try:
        tracked = tracked_files(root, target)
    except GitError as exc:
        raise refuse("output.untold", problem=exc) from exc
    if tracked:
        marker = (target / MARKER).relative_to(root).as_posix()
        raise refuse("output.tracked", example=marker if marker in tracked else tracked[0], marker=MARKER)


def replace_dir(target: Path, build: Callable[[Path], None]) -> None:
    """Run ``build(folder)`` on a fresh temporary folder beside ``target``, then swap it in.

    If ``build`` raises, the temporary folder is removed and ``target`` is untouched. Callers that
    take ``target`` from configuration or the command line pass it through :func:`check_target`.
    """
    target = target.resolve()
    if target.exists() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise OutputError("output.not_ours", target=target, marker=MARKER)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target.parent):
        _remove_leftovers(target)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            build(fresh)
            (fresh / MARKER).write_text("made by stdkit build; replaced whole by the next build\n")
            fresh.chmod(0o755)  # mkdtemp creates 0700; a published folder must be readable by the web server
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        if target.exists() and _exchange(fresh, target):
            shutil.rmtree(fresh, ignore_errors=True)  # it now holds the old tree
            return
        _two_renames(fresh, target)


def _two_renames(fresh: Path, target: Path) -> None:
    old: Path | None = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{fresh.name.rsplit('-', 1)[-1]}")
        target.rename(old)
    try:
        fresh.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)  # put the published tree back
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one system call (Linux ``renameat2``); False where that is not available."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _remove_leftovers(target: Path) -> None:
    """Temporary folders of killed builds of ``target`` (only ours: ``.<name>.new-*`` / ``.old-*``)."""
    for pattern in (f".{target.name}.new-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder that holds the output, so two builds never interleave."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_new(target: Path, data: bytes) -> None:
    """Create ``target`` whole or not at all, never replacing a file of that name (FileExistsError): the
    bytes are written beside it and linked into place, so a reader never sees half a file."""
    _written_beside(target, data, os.link)


def write_replacing(target: Path, data: bytes) -> None:
    """:func:`write_new`, but replacing a file of that name (``--force``), still in one rename."""
    _written_beside(target, data, os.replace)


def _written_beside(target: Path, data: bytes, place: Callable[[str, Path], None]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(handle, 0o666 & ~mask)  # a file to commit, not a secret: mkstemp's 0600 would surprise
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        place(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
