"""A collection: every document of a standards repository, valid and located.

:func:`discover` finds the files, :func:`load_entries` reads and validates each one (a pure
function of one file, so a process pool or a content-hash cache can wrap it unchanged).
An :class:`Entry` keeps the model together with the source map, so any check can point into
the file. Nothing here mutates a document.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Generic

from typing_extensions import TypeVar  # a TypeVar with a default (PEP 696), before Python 3.13

from stdkit.config import Config
from stdkit.diagnostics import Diagnostic, Rule, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import LoadedFile, Path_, SourceMap, Suppression, display_path, parse, read
from stdkit.model import Document, EvaluationSpec, LevelledBody, OccupationalStandard, SpecialCompetency
from stdkit.model.bind import bind

if TYPE_CHECKING:
    from stdkit.checks.facts import Facts
    from stdkit.reference import ReferenceData
    from stdkit.run.cache import Cache

SUFFIXES = (".yaml", ".yml")
#: The folder at the collection's root that holds the crosswalks between editions: YAML, but not documents
#: (:mod:`stdkit.crosswalks` reads it), so a search of the whole repository does not descend into it.
CROSSWALKS = "crosswalks"


@dataclasses.dataclass(frozen=True, slots=True)
class AnyEntry:
    """A valid document with where it came from: whole (:class:`Entry`) or header-only (:class:`HeadEntry`).
    What a collection rule reads; an output that needs the body takes an :class:`Entry`."""

    path: str  # as shown in diagnostics
    file: Path
    document: Document
    source: SourceMap
    sha256: str
    suppressions: tuple[Suppression, ...] = ()
    #: what the collection rules compare (computed where the document was examined; else on demand);
    #: derived from ``document`` and ``source``, so not part of an entry's equality
    facts: Facts | None = dataclasses.field(default=None, compare=False)

    @property
    def ref(self) -> str:
        return self.document.ref

    def at(
        self, where: Path_, rule: Rule, message: str | None = None, *, key: bool = False, **args: object
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at the value (or key) of ``where``.

        Give the message's values as ``args`` (the rule's templates make the English and Chinese
        text); a literal English ``message`` is the older form. Without either, the fix.
        """
        line, col = self.source.key(where) if key else self.source.value(where)
        if args or message is None:
            return rule.at(self.path, line, col, **args)
        return Diagnostic(self.path, line, col, rule.code, message, rule.severity)

    def finding(
        self, where: Path_, rule: Rule, values: Mapping[str, object], *, key: bool = False
    ) -> Diagnostic:
        """:meth:`at` with the message's values as a mapping (built by a rule's message function)."""
        line, col = self.source.key(where) if key else self.source.value(where)
        return rule.at(self.path, line, col, **values)


@dataclasses.dataclass(frozen=True, slots=True)
class Entry(AnyEntry):
    """A valid document whose ``document`` is the whole bound model (the site and the blueprints need it)."""


@dataclasses.dataclass(frozen=True, slots=True)
class HeadEntry(AnyEntry):
    """A light entry (restored from the cache or a worker, :mod:`stdkit.checks.facts`): its ``document`` is
    a header-only model and its source map holds only the positions the collection rules point at. Never
    reaches the site or the blueprints: they take :class:`Entry`, so a header-only collection there is a
    type error."""


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
R_UNUSED_SUPPRESSION = rule(
    "USE002",
    "usage",
    Severity.WARNING,
    "A `# stdkit: ignore` comment suppresses nothing, or gives no reason.",
    "Remove the comment if the problem is fixed; otherwise write why it is ignored after the code.",
    detail={
        "no_reason": "`# stdkit: ignore {codes}` gives no reason.",
        "unused": "`# stdkit: ignore {codes}` suppresses nothing.",
    },
    zh=Wording(
        "`# stdkit: ignore` 注释没有屏蔽任何问题，或没有写明原因。",
        "问题已经改正的，请删除该注释；否则请在规则代码后写明为什么忽略。",
        {
            "no_reason": "`# stdkit: ignore {codes}` 没有写明原因。",
            "unused": "`# stdkit: ignore {codes}` 没有屏蔽任何问题。",
        },
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

    for path in paths:
        if _leaves(path, base):
            refuse(path, R_LINK_OUTSIDE, variant=_link_kind(path))
        elif path.is_dir():
            allowed = (base, path.resolve())

            def unreadable(error: OSError, searched: Path = path) -> None:
                folder = Path(error.filename) if error.filename else searched
                refuse(folder, R_UNREADABLE_FOLDER, reason=error.strerror or error)

            _walk(path, allowed, accept, refuse, unreadable)
        elif path.is_file():
            accept(path, (base,))
        elif path.is_symlink():
            refuse(path, R_LINK_OUTSIDE, variant="nothing")
        else:
            missing.append(str(path))
    return Found(sorted(found, key=_path_order), missing, problems)


def _path_order(path: Path) -> tuple[str, ...]:
    """The order ``sorted`` gives paths (part by part, case-folded on Windows as PurePath compares them), as a
    key: ``Path.__lt__`` is a Python call per comparison, 120,000 of them for a national collection."""
    return path.parts if os.name != "nt" else tuple(part.lower() for part in path.parts)


def _walk(
    top: Path,
    allowed: tuple[Path, ...],
    accept: Callable[..., None],
    refuse: Callable[..., None],
    unreadable: Callable[[OSError], None],
) -> None:
    """:func:`find` below one folder: hidden entries and the root's crosswalks skipped, links to folders never
    descended into.

    ``os.scandir`` rather than ``os.walk`` plus a ``stat`` per name: a directory entry already says
    whether it is a file, a folder or a link, so a national collection is listed without 10,000 stats.
    """
    try:
        with os.scandir(top) as listing:
            items = sorted(listing, key=lambda item: item.name)
    except OSError as error:
        unreadable(error)
        return
    folders: list[Path] = []
    for item in items:
        if item.name.startswith("."):
            continue
        here = top / item.name
        if item.is_dir(follow_symlinks=False):
            if item.name != CROSSWALKS or here.parent.resolve() != allowed[0]:
                folders.append(here)
        elif item.is_symlink():
            if here.is_dir():
                if not _inside(here.resolve(), allowed):
                    refuse(here, R_LINK_OUTSIDE, variant="folder")
            elif here.suffix in SUFFIXES:
                accept(here, allowed)
        elif here.suffix in SUFFIXES and item.is_file(follow_symlinks=False):
            accept(here, allowed, False)  # the directory entry says it is no link: no lstat
    for folder in folders:
        _walk(folder, allowed, accept, refuse, unreadable)


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


def load_entry(path: Path, root: Path | None = None) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    """Read, parse and bind one file to its model (the per-document stage of the pipeline)."""
    return _entry(read(path, shown_as=display_path(path, root)), path)


def entry_from_bytes(
    raw: bytes, shown: str, file: Path | None = None
) -> tuple[Entry | None, list[Diagnostic]]:
    """The same stage for bytes that are not a file here (a git revision, for ``stdkit diff``)."""
    entry, _, problems = _entry(parse(raw, shown), file or Path(shown))
    return entry, problems


def _entry(loaded: LoadedFile, file: Path) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    if not loaded.ok:
        return None, loaded, list(loaded.diagnostics)
    document, problems = bind(loaded)
    if document is None:
        return None, loaded, problems
    entry = Entry(loaded.path, file, document, loaded.source, loaded.sha256, loaded.suppressions)
    return entry, loaded, problems


def entry_of(loaded: LoadedFile, file: Path) -> tuple[Entry | None, LoadedFile, list[Diagnostic]]:
    """Bind a file already read (the pipeline's per-document stage reads the bytes itself, to key the cache)."""
    return _entry(loaded, file)


def levelled(document: Document) -> LevelledBody | None:
    return document if isinstance(document, OccupationalStandard | EvaluationSpec) else None


def special(document: Document) -> SpecialCompetency | None:
    return document if isinstance(document, SpecialCompetency) else None


def function_names(document: LevelledBody, level: Level) -> list[str]:
    return [function.function for function in document.work.get(level, [])]


#: The entries of a collection: whole, header-only, or either (a collection rule reads either).
E_co = TypeVar("E_co", bound=AnyEntry, covariant=True, default=AnyEntry)
#: Another collection's entries (:meth:`Collection.with_entries`).
F = TypeVar("F", bound=AnyEntry)


@dataclasses.dataclass(frozen=True)
class Collection(Generic[E_co]):
    """Every valid document of a run, with the configuration and the reference data it is checked against."""

    entries: tuple[E_co, ...]
    config: Config
    #: the content-hash cache of the run, where rules keep results derived from several files
    cache: Cache | None = dataclasses.field(default=None, compare=False, repr=False)

    @functools.cached_property
    def reference(self) -> ReferenceData:
        from stdkit.reference.index import for_config

        return for_config(self.config)

    def complete(self, entry: AnyEntry) -> AnyEntry:
        """``entry`` with its whole model: a light entry is read and bound again (rules that need the
        body of a few documents use this, so the collection itself stays light)."""
        if isinstance(entry, Entry):
            return entry
        full, _, _ = load_entry(entry.file, self.config.root)
        return full if full is not None and full.sha256 == entry.sha256 else entry

    def with_entries(self, entries: Iterable[F]) -> Collection[F]:
        """The same run's collection (configuration, cache) with other entries."""
        return Collection(tuple(entries), self.config, cache=self.cache)

    def without_facts(self) -> Collection:
        """Light entries without their facts, for what reads only headers once the collection rules ran."""
        if not any(isinstance(entry, HeadEntry) and entry.facts is not None for entry in self.entries):
            return self
        return self.with_entries(
            dataclasses.replace(entry, facts=None) if isinstance(entry, HeadEntry) else entry
            for entry in self.entries
        )

    @functools.cached_property
    def by_ref(self) -> dict[str, E_co]:
        return {entry.ref: entry for entry in self.entries}

    def editions(self, document_id: str) -> list[E_co]:
        return list(self._by_id.get(document_id, ()))

    @functools.cached_property
    def _by_id(self) -> dict[str, list[E_co]]:
        from stdkit import editions

        return editions.by_id(self.entries)

    def find(self, ref: str) -> E_co | None:
        """The entry for ``id@edition``, or the newest edition of ``id`` (published or not)."""
        if "@" in ref:
            return self.by_ref.get(ref)
        found = self._by_id.get(ref)
        return found[-1] if found else None
