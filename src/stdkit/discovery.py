"""Discovery: the YAML files that paths name, and the path each is shown as (issue 39: apart and light).

:func:`find` searches folders (hidden ones and the root's crosswalks skipped) and refuses what must not be
read (a link out of the repository, a name that is not UTF-8, an unreadable folder) with a finding at 1:1
of that path; :func:`display_paths` gives each file the path diagnostics show. Apart from
:mod:`stdkit.collection` and :mod:`stdkit.load` so that a run answered from the cache (a warm check, the
pre-commit hook) finds its files and computes its keys without importing the model, YAML or pydantic.
It reads no file's bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Set
from pathlib import Path

from stdkit.diagnostics import Diagnostic, Rule, Severity, Wording, rule

SUFFIXES = (".yaml", ".yml")
#: Largest document accepted, in bytes (:mod:`stdkit.load.limits`; a larger file is not read). A full
#: national standard is about 60 KB.
MAX_BYTES = 2 * 1024 * 1024
#: The folder at the collection's root that holds the crosswalks between editions: YAML, but not documents
#: (:mod:`stdkit.crosswalks` reads it), so a search of the whole repository does not descend into it.
CROSSWALKS = "crosswalks"


R_NO_FILES = rule(
    "USE001",
    "usage",
    Severity.ERROR,
    "A path given on the command line does not exist, or holds no YAML file.",
    "Check the path; documents are *.yaml or *.yml files.",
    detail={"missing": "{shown} does not exist.", "empty": "No YAML documents under {paths}."},
    zh=Wording(
        "命令行给出的路径不存在，或其中没有 YAML 文件。",
        "请检查路径；文件应为 *.yaml 或 *.yml 文件。",
        {"missing": "{shown} 不存在。", "empty": "{paths} 下没有 YAML 文件。"},
    ),
)
R_LINK_OUTSIDE = rule(
    "USE003",
    "discovery",
    Severity.ERROR,
    "A document path is a symbolic link to a file outside the repository: it is not read.",
    "Copy the document into the repository, or point the link at a file inside it.",
    detail={
        "file": "The link points outside the repository.",
        "folder": "The folder link points outside the repository.",
        "nothing": "The link points to nothing inside the repository.",
    },
    zh=Wording(
        "文件路径是指向仓库之外文件的符号链接：不读取该文件。",
        "请把文件复制到仓库内，或让链接指向仓库内的文件。",
        {
            "file": "该链接指向仓库之外。",
            "folder": "该文件夹链接指向仓库之外。",
            "nothing": "该链接没有指向仓库内的任何文件。",
        },
    ),
)
R_FILE_NAME = rule(
    "USE004",
    "discovery",
    Severity.ERROR,
    "A file name is not valid UTF-8: the file is not read.",
    "Rename the file with a UTF-8 name (git and the site need one).",
    detail="{shown} has a name that is not UTF-8.",
    zh=Wording(
        "文件名不是有效的 UTF-8 编码：不读取该文件。",
        "请用 UTF-8 编码的名称重命名该文件（git 和网站都需要）。",
        "{shown} 的文件名不是 UTF-8 编码。",
    ),
)
R_UNREADABLE_FOLDER = rule(
    "USE005",
    "discovery",
    Severity.ERROR,
    "A folder under the standards cannot be read: its documents were not checked.",
    "Give the user running stdkit permission to read the folder, or move the documents out of it.",
    detail="{reason}.",
    zh=Wording(
        "标准文件夹下有无法读取的文件夹：其中的文件没有检查。",
        "请让运行 stdkit 的用户有权读取该文件夹，或把文件移出该文件夹。",
        "无法读取（{reason}）。",
    ),
)


@dataclasses.dataclass(frozen=True)
class Found:
    """What :func:`find` found: documents to read, paths that do not exist, and paths refused."""

    files: list[Path]
    missing: list[str]
    problems: list[Diagnostic]
    #: the texts of files whose folder's listing said they are no symbolic link (:func:`display_paths`)
    plain: Set[str] = frozenset()


def find(paths: Iterable[Path], root: Path | None = None) -> Found:
    """YAML files named by ``paths`` (folders searched recursively, hidden ones skipped), sorted.

    A symbolic link is followed only to a target inside ``root`` (the repository) or inside the searched
    path; a link elsewhere, a file name that is not UTF-8 and an unreadable folder each become a
    diagnostic at 1:1 of that path, and nothing of such a file is read (so no message can quote a file
    that is not a document). Symbolic links to folders are not descended into. A path named inside the
    repository that a link on the way leads out of it (``standards/`` itself a link, read by default
    when no stdkit.toml names the folders) is refused whole, as stdkit.toml's own paths are.
    """
    base = (root or Path.cwd()).resolve()
    found: set[Path] = set()
    missing: list[str] = []
    problems: list[Diagnostic] = []

    def refuse(path: Path, which: Rule, **values: object) -> None:
        problems.append(which.at(_shown(path, base), 1, 1, **values))

    def accept(path: Path, allowed: tuple[Path, ...], link: bool | None = None) -> None:
        if not _utf8(path):
            refuse(path, R_FILE_NAME, shown=_shown(path, base))
        elif (path.is_symlink() if link is None else link) and not _inside(path.resolve(), allowed):
            refuse(path, R_LINK_OUTSIDE, variant="file")
        else:
            found.add(path)

    #: plain files the walk found, by their path's text (made into paths once, at the end: see _walk)
    plain: set[str] = set()
    utf8: dict[str, bool] = {}  # a folder's text (with its slash) → whether its name is UTF-8

    def accept_plain(top: Path, prefix: str, name: str) -> None:
        """A YAML file that its folder's listing says is no link, ``prefix`` the folder's text with its slash."""
        if prefix not in utf8:
            utf8[prefix] = _utf8(top)  # once a folder
        if _POSIX and name.isascii() and utf8[prefix]:
            plain.add(prefix + name)
        else:
            accept(top / name, (), False)

    for path in paths:
        if _leaves(path, base):
            refuse(path, R_LINK_OUTSIDE, variant=_link_kind(path))
        elif path.is_dir():
            allowed = (base, path.resolve())

            def unreadable(error: OSError, searched: Path = path) -> None:
                folder = Path(error.filename) if error.filename else searched
                refuse(folder, R_UNREADABLE_FOLDER, reason=error.strerror or error)

            _walk(path, allowed, accept, accept_plain, refuse, unreadable)
        elif path.is_file():
            accept(path, (base,))
        elif path.is_symlink():
            refuse(path, R_LINK_OUTSIDE, variant="nothing")
        else:
            missing.append(str(path))
    return Found(_sorted(found, plain), missing, problems, plain)


#: Paths compare part by part as their texts split at "/" (posix; on Windows, case-folded: the paths there)
_POSIX = os.name != "nt"


def _sorted(found: set[Path], plain: set[str]) -> list[Path]:
    """``found`` and the paths of the texts ``plain``, once each, in the order ``sorted`` gives paths.

    Why texts: at national scale a folder of 10,000 documents made 10,000 paths one part at a time, hashed
    and compared them through pathlib (half of a warm run's discovery); a text is split once, and each
    path made from it once."""
    if not plain:
        return sorted(found, key=_path_order)
    texts: dict[str, Path | None] = dict.fromkeys(plain)
    texts.update((os.fspath(path), path) for path in found)
    ordered = sorted(texts, key=_text_order)
    return [made if (made := texts[text]) is not None else Path(text) for text in ordered]


def _text_order(text: str) -> tuple[str, ...]:
    """:func:`_path_order` of the path of ``text`` (a path's own text: normalised, posix)."""
    if not text.startswith("/"):
        return tuple(text.split("/"))
    if not text.startswith("//"):  # a path's text has no third slash: "/" is its first part
        return ("/", *text[1:].split("/"))
    return Path(text).parts


def _path_order(path: Path) -> tuple[str, ...]:
    """The order ``sorted`` gives paths (part by part, case-folded on Windows as PurePath compares them), as a
    key: ``Path.__lt__`` is a Python call per comparison, 120,000 of them for a national collection."""
    return path.parts if os.name != "nt" else tuple(part.lower() for part in path.parts)


def _walk(
    top: Path,
    allowed: tuple[Path, ...],
    accept: Callable[..., None],
    accept_plain: Callable[[Path, str, str], None],
    refuse: Callable[..., None],
    unreadable: Callable[[OSError], None],
) -> None:
    """:func:`find` below one folder: hidden entries and the root's crosswalks skipped, links to folders never
    descended into. A file the listing says is no link goes to ``accept_plain`` by its folder and name.

    ``os.scandir`` rather than ``os.walk`` plus a ``stat`` per name: a directory entry already says
    whether it is a file, a folder or a link, so a national collection is listed without 10,000 stats.
    """
    try:
        with os.scandir(top) as listing:
            items = sorted(listing, key=lambda item: item.name)
    except OSError as error:
        unreadable(error)
        return
    text = os.fspath(top)
    prefix = "" if text == "." else text if text.endswith("/") else text + "/"
    folders: list[Path] = []
    for item in items:
        name = item.name
        if name.startswith("."):
            continue
        if item.is_dir(follow_symlinks=False):
            here = top / name
            if name != CROSSWALKS or here.parent.resolve() != allowed[0]:
                folders.append(here)
        elif item.is_symlink():
            here = top / name
            if here.is_dir():
                if not _inside(here.resolve(), allowed):
                    refuse(here, R_LINK_OUTSIDE, variant="folder")
            elif here.suffix in SUFFIXES:
                accept(here, allowed)
        elif _suffix(name) in SUFFIXES and item.is_file(follow_symlinks=False):
            accept_plain(top, prefix, name)  # the directory entry says it is no link: no lstat
    for folder in folders:
        _walk(folder, allowed, accept, accept_plain, refuse, unreadable)


def _suffix(name: str) -> str:
    """``PurePath(name).suffix`` of a file's name, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """YAML files named by ``paths`` (folders are searched recursively), sorted; plus paths that do not exist."""
    result = find(paths)
    return result.files, result.missing


def _utf8(path: Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _shown(path: Path, base: Path) -> str:
    """The path as diagnostics show it, with bytes that are not UTF-8 escaped (\\xNN) so every format can print it."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    prefix = os.fsencode(base).decode("utf-8", "backslashreplace") + "/"
    absolute = os.fsencode(path.absolute()).decode("utf-8", "backslashreplace")
    return absolute[len(prefix) :] if absolute.startswith(prefix) else text


def _inside(target: Path, allowed: tuple[Path, ...]) -> bool:
    return any(target == folder or target.is_relative_to(folder) for folder in allowed)


def _leaves(path: Path, base: Path) -> bool:
    """Whether ``path``, named inside the repository ``base``, leads out of it through a symbolic link.

    A path named outside the repository (an explicit ``stdkit validate /elsewhere/x.yaml``) is the
    user's own choice and is judged as before; a pull request controls only what lies inside.
    """
    if not _inside(Path(os.path.normpath(path.absolute())), (base,)):  # as named: links not followed
        return False
    try:
        return not _inside(path.resolve(), (base,))
    except (OSError, RuntimeError):  # a loop of links: it leads nowhere readable
        return True


def _link_kind(path: Path) -> str:
    """The variant of :data:`R_LINK_OUTSIDE` for a path that leads out of the repository."""
    if path.is_dir():
        return "folder"
    return "file" if path.exists() else "nothing"


def display_path(path: Path, root: Path | None = None) -> str:
    """Relative to ``root`` (default: the working directory) when below it, else as given; always posix."""
    return display_paths([path], root)[0]


def display_paths(paths: list[Path], root: Path | None = None, plain: Set[str] = frozenset()) -> list[str]:
    """:func:`display_path` of each of ``paths``: the working directory and the root looked up once (a
    system call each, 10,000 times a national run otherwise), and each folder once. ``plain``: the texts
    of paths known to be no symbolic link (:attr:`Found.plain`), which need no lstat each."""
    base = _resolved(root or Path.cwd())
    prefix = str(base) + os.sep
    here = os.getcwd()  # noqa: PTH109 - strings on the hot path
    folders: dict[
        str, str | None
    ] = {}  # a folder's text → its files' shown prefix (None: not below the root)
    shown: list[str] = []
    for path in paths:
        text = os.fspath(path)
        if text in plain or not os.path.islink(text):  # noqa: PTH114 - strings on the hot path
            # the common case in string operations: a plain file in a folder without links, below the root
            # (pathlib's resolve() costs a system call per folder, 10,000 times a run)
            folder, _, name = text.rpartition(os.sep)
            if _POSIX and folder and name not in ("", ".", ".."):
                if folder not in folders:
                    folders[folder] = _shown_folder(here, folder, prefix)
                above = folders[folder]
                if above is not None:
                    shown.append(above + name)
                    continue
            else:
                absolute = os.path.normpath(os.path.join(here, text))  # noqa: PTH118
                folder = os.path.dirname(absolute)  # noqa: PTH120
                if absolute.startswith(prefix) and _real_folder(folder) == folder:
                    shown.append(absolute[len(prefix) :].replace(os.sep, "/"))
                    continue
        try:
            shown.append(path.resolve().relative_to(base).as_posix())
        except ValueError:
            shown.append(path.as_posix())
    return shown


def _shown_folder(here: str, folder: str, prefix: str) -> str | None:
    """What the files of ``folder`` (a posix text) are shown under: its path below the root with a slash
    ("" for the root itself), or None when it is not below the root or a link lies on its way."""
    absolute = os.path.normpath(os.path.join(here, folder))  # noqa: PTH118
    with_slash = absolute if absolute.endswith("/") else absolute + "/"
    if not with_slash.startswith(prefix) or _real_folder(absolute) != absolute:
        return None
    return with_slash[len(prefix) :]


@functools.lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()


@functools.lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    """``folder`` with its links resolved (memoised: the files of one folder share it)."""
    return os.path.realpath(folder)


def crosswalk_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """:func:`stdkit.crosswalks.files`: here, since every run's cache key reads them (:mod:`stdkit.run.cache`)."""
    folder = root / CROSSWALKS
    if not folder.is_dir() and not folder.is_symlink():
        return [], []
    found = find([folder], root)
    return found.files, found.problems
