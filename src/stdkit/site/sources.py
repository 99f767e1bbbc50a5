"""The site's own sources: the mkdocs.yml a build may use, and the files mkdocs may read for it.

A pull request is untrusted (DESIGN: nothing outside the repository is read, a symbolic link out of
it is refused, no message quotes a file that is not a document). mkdocs reads far more than
stdkit's documents: its configuration, which can name any folder (``docs_dir: /etc``), inherit
another file (``INHERIT``), read the builder's environment (``!ENV GITHUB_TOKEN``) and make Python
objects as it is read (``!!python/object/apply``); then its ``docs_dir`` and the theme's
``custom_dir``, which it walks following symbolic links and copies into the site.

:func:`vet` reads mkdocs.yml as YAML nodes (no value is constructed, no tag runs) before mkdocs
loads it, and refuses every setting that reaches outside the repository. :func:`links` finds the
symbolic links among the site's sources that lead out of the repository (USE003, the finding the
standards folders give for the same link); :func:`readable` is the test the plugin applies to every
file mkdocs is about to read, so such a file is never published nor served.

What no check here can make safe is the code a configuration names: ``hooks:`` and ``plugins:`` run
Python, ``!!python/name`` imports it. A pull request's changed mkdocs.yml is therefore never built
in CI (docs/review.md). This module never writes.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

from stdkit.collection import R_LINK_OUTSIDE, _inside, _shown
from stdkit.diagnostics import Diagnostic
from stdkit.messages import Lines, Localized, Message

#: mkdocs' own default when mkdocs.yml names no docs_dir
DEFAULT_DOCS_DIR = "docs"
#: top-level keys whose value mkdocs reads as a path (relative to mkdocs.yml), or a list of paths
TOP_PATHS = ("docs_dir", "site_dir", "hooks", "watch")
#: in the options of a plugin or a Markdown extension, keys that name a file or a folder
OPTION_PATHS = frozenset({"root", "base_path", "custom_icons", "jieba_dict_user"})
OPTION_SUFFIXES = ("_dir", "_path", "_file")
#: the tags of plain YAML data; mkdocs' loader also knows !relative (a path, checked as one),
#: !ENV (refused: it reads the environment) and PyYAML's Python tags, of which only
#: ``!!python/name`` (a name, as Material's emoji settings need) is accepted
_CORE = "tag:yaml.org,2002:"
_PLAIN = frozenset(
    _CORE + name
    for name in (
        "str", "int", "float", "bool", "null", "map", "seq", "binary", "timestamp", "set", "omap", "pairs",
        "merge", "value",
    )
)  # fmt: skip
_PYTHON_NAME = _CORE + "python/name:"
_SHOWN_LENGTH = 60


#: The default mkdocs.yml files stdkit wrote for this process's builds (:mod:`stdkit.site.build`).
WRITTEN: set[Path] = set()


def ours(path: str | Path) -> bool:
    """True for a default mkdocs.yml that stdkit wrote (no repository's file: nothing to vet)."""
    return Path(path).absolute() in WRITTEN


class SettingsError(Localized):
    """mkdocs.yml asks for something a build of an untrusted repository must not do; the message says what."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a vetted mkdocs.yml lets mkdocs read: the folders :func:`links` searches."""

    file: Path
    root: Path
    docs_dir: Path
    custom_dir: Path | None = None

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.docs_dir,) if self.custom_dir is None else (self.docs_dir, self.custom_dir)


def vet(file: Path, root: Path) -> Settings:
    """Read ``file`` (a mkdocs.yml in the repository ``root``) and refuse what would reach outside it.

    Refused, each named with the file's line and column and the key: a path (``docs_dir``,
    ``site_dir``, ``theme.custom_dir``, ``hooks``, ``watch``, a plugin's or a Markdown extension's
    file or folder option, a ``!relative`` value) that resolves outside ``root``; ``INHERIT``; the
    ``!ENV`` tag; a Python tag other than ``!!python/name``. mkdocs.yml itself may be a link only to
    a file inside ``root``. Raises :class:`SettingsError` listing every problem.
    """
    import yaml

    root = root.resolve()
    shown = _shown(file.absolute(), root)
    try:
        leaves = not _inside(file.resolve(), (root,))
    except (OSError, RuntimeError):  # a loop of links
        leaves = True
    if leaves:
        raise SettingsError("site.settings_link", path=shown)
    try:
        text = file.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.compose(text, Loader=loader)  # nodes only: no tag is constructed
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError("site.mkdocs_config", path=shown, problem=exc) from exc
    vetting = _Vetting(shown, file.absolute().parent, root)
    docs_dir = custom_dir = None
    if document is not None:
        vetting.tags(document, "")
        if isinstance(document, yaml.MappingNode):
            docs_dir, custom_dir = vetting.top(document)
    if vetting.problems:
        raise SettingsError("site.settings_refused", path=shown, problems=Lines(vetting.problems))
    base = file.absolute().parent
    return Settings(
        file,
        root,
        base / (docs_dir or DEFAULT_DOCS_DIR),
        base / custom_dir if custom_dir else None,
    )


@dataclasses.dataclass
class _Vetting:
    shown: str
    base: Path
    root: Path
    problems: list[Message] = dataclasses.field(default_factory=list)
    _seen: set[int] = dataclasses.field(default_factory=set)

    def refuse(self, node: object, key: str, why: str, **fields: object) -> None:
        mark = getattr(node, "start_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        where = f"{self.shown}:{line}:{col}"
        self.problems.append(Message(why, {"where": where, "key": key, **fields}))

    def tags(self, node: object, key: str) -> None:
        """Every node's tag, once per node (an alias is the node it names: no billion laughs)."""
        import yaml

        if id(node) in self._seen:
            return
        self._seen.add(id(node))
        tag = str(getattr(node, "tag", ""))
        if tag == "!ENV":
            self.refuse(node, key or "(top)", "site.settings_env")
        elif tag == "!relative":
            self.relative(node, key)
        elif tag not in _PLAIN and not tag.startswith(_PYTHON_NAME):
            self.refuse(node, key or "(top)", "site.settings_tag", tag=_short(_tag_as_written(tag)))
        if isinstance(node, yaml.MappingNode):
            for name, value in node.value:
                self.tags(name, key)
                self.tags(value, _join(key, _name(name)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.tags(item, f"{key}[{index}]")

    def relative(self, node: object, key: str) -> None:
        """``!relative $config_dir/…`` and ``!relative $docs_dir/…`` name paths; a bare ``!relative`` is the page's folder."""
        value = str(getattr(node, "value", "") or "")
        prefix, _, suffix = value.partition("/")
        if prefix in ("$config_dir", "$docs_dir") and suffix:
            # $docs_dir lies inside the repository (checked): resolving against mkdocs.yml's folder
            # is the stricter test, as a docs_dir is at least one level below it
            self.path(node, key, suffix)

    def top(self, document: object) -> tuple[str | None, str | None]:
        """The top-level keys that name paths; returns docs_dir and theme.custom_dir as written."""
        import yaml

        found: dict[str, str | None] = {}
        for name, value in getattr(document, "value", []):
            key = _name(name)
            if key == "INHERIT":
                self.refuse(name, key, "site.settings_inherit")
            elif key in TOP_PATHS:
                for item in self.paths(value, key):
                    found.setdefault(key, item)
            elif key == "theme" and isinstance(value, yaml.MappingNode):
                for option, setting in value.value:
                    if _name(option) == "custom_dir":
                        for item in self.paths(setting, "theme.custom_dir"):
                            found.setdefault("custom_dir", item)
            elif key in ("plugins", "markdown_extensions"):
                self.options(value, key)
        return found.get("docs_dir"), found.get("custom_dir")

    def options(self, node: object, key: str) -> None:
        """The file and folder options of plugins and Markdown extensions, at any depth."""
        import yaml

        if isinstance(node, yaml.MappingNode):
            for name, value in node.value:
                option = _name(name)
                inner = _join(key, option)
                if option in OPTION_PATHS or option.endswith(OPTION_SUFFIXES):
                    self.paths(value, inner)
                else:
                    self.options(value, inner)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.options(item, f"{key}[{index}]")

    def paths(self, node: object, key: str) -> list[str]:
        """The path (or each path of a list) at ``node``, checked; returns those that stay inside."""
        import yaml

        usable: list[str] = []
        items = (
            [(f"{key}[{index}]", item) for index, item in enumerate(node.value)]
            if isinstance(node, yaml.SequenceNode)
            else [(key, node)]
        )
        for where, item in items:
            tag = str(getattr(item, "tag", ""))
            value = getattr(item, "value", None)
            if not isinstance(item, yaml.ScalarNode) or tag not in _PLAIN or not isinstance(value, str):
                continue  # a tag is vetted on its own; a mapping option (e.g. a hook's settings) is no path
            if tag == _CORE + "null" or not value:
                continue
            if self.path(item, where, value):
                usable.append(value)
        return usable

    def path(self, node: object, key: str, value: str) -> bool:
        if _within(self.base, value, self.root):
            return True
        self.refuse(node, key, "site.settings_outside", value=_short(value), root=self.root)
        return False


def _within(base: Path, value: str, root: Path) -> bool:
    try:
        target = (base / value).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte: no path stdkit will use
        return False
    return _inside(target, (root,))


def _tag_as_written(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _name(node: object) -> str:
    return str(getattr(node, "value", ""))


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _short(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= _SHOWN_LENGTH else shown[: _SHOWN_LENGTH - 3] + "..."


def links(folders: Iterable[Path], root: Path) -> list[Diagnostic]:
    """USE003 at each symbolic link under ``folders`` that leads outside ``root`` or to nothing.

    The folders are searched as mkdocs searches them: every entry (hidden ones too: a theme's
    ``.icons`` are read), into a linked folder when it lies inside ``root``. A link to a file or a
    folder inside the repository is allowed, as in the standards folders. Nothing is read but the
    folder listings.
    """
    root = root.resolve()
    found: list[Diagnostic] = []
    seen: set[Path] = set()
    for folder in folders:
        _search(folder.absolute(), root, found, seen)
    return sorted(set(found))


def _search(folder: Path, root: Path, found: list[Diagnostic], seen: set[Path]) -> None:
    real = folder.resolve()
    if real in seen or not _inside(real, (root,)):
        return  # searched already (a folder linked twice, a loop), or refused where it is named
    seen.add(real)
    try:
        with os.scandir(folder) as listing:
            items = sorted(listing, key=lambda item: item.name)
    except OSError:  # mkdocs skips a folder it cannot list, so nothing of it is published
        return
    for item in items:
        here = folder / item.name
        if item.is_symlink():
            variant = _leads_out(here, root)
            if variant is not None:
                found.append(R_LINK_OUTSIDE.at(_shown(here, root), 1, 1, variant=variant))
                continue
        if item.is_dir():  # follows a link inside the repository, as mkdocs does
            _search(here, root, found, seen)


def _leads_out(link: Path, root: Path) -> str | None:
    """The USE003 variant for ``link``, or None when it leads to something inside ``root``."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "nothing"
    if _inside(target, (root,)):
        return None
    return "folder" if target.is_dir() else "file"


def readable(path: str | Path, root: Path) -> bool:
    """True when the file at ``path`` exists and is, links resolved, inside ``root``."""
    try:
        return Path(path).exists() and _inside(Path(path).resolve(), (root.resolve(),))
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
        return False


def under(path: str | Path, folders: Iterable[Path]) -> bool:
    """True when ``path`` is, as written (links not resolved), inside one of ``folders``."""
    return any(_as_written(path).is_relative_to(_as_written(folder)) for folder in folders)


def _as_written(path: str | Path) -> Path:
    return Path(os.path.normpath(Path(path).absolute()))
