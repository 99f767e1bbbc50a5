"""Build the site with mkdocs into a folder it is given; never touches the published ``site/``.

``stdkit build`` calls :func:`build_site` with an empty temporary folder, adds the blueprints
and swaps the folder in atomically, so a failure here leaves the previous site intact.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdkit.config import Config
from stdkit.messages import Localized
from stdkit.site import sources

if TYPE_CHECKING:
    from stdkit.collection import Entry
    from stdkit.run.report import Report
    from stdkit.site.pages import Staging
    from stdkit.site.plugin import Part

MKDOCS_FILE = "mkdocs.yml"
#: Used when a collection has no mkdocs.yml of its own: the same shape as stdkit's.
DEFAULT_MKDOCS = {
    "site_name": "职业技能标准库",
    "use_directory_urls": False,
    "theme": {
        "name": "material",
        "language": "zh",
        "font": False,
        "features": [
            "navigation.tabs",
            "navigation.prune",
            "navigation.indexes",
            "search.suggest",
            "search.highlight",
        ],
    },
    "markdown_extensions": [{"toc": {"permalink": True}}, "tables", "attr_list"],
}


class SiteBuildError(Localized):
    """mkdocs could not build the site; the message says why."""


#: The mkdocs.yml files stdkit wrote itself (:func:`mkdocs_file` without one in the repository):
#: trusted, their docs_dir is a temporary folder outside the repository by design.
def vet(config: Config, path: Path | None = None) -> sources.Settings | None:
    """The repository's mkdocs.yml vetted (:func:`stdkit.site.sources.vet`), or None without one.

    Raises :class:`SiteBuildError` naming the file, the line and the key of every setting refused.
    """
    path = path or config.root / MKDOCS_FILE
    if sources.ours(path) or not (path.is_file() or path.is_symlink()):
        return None
    try:
        return sources.vet(path, config.root)
    except sources.SettingsError as exc:
        raise SiteBuildError(exc.said) from exc


def mkdocs_file(config: Config) -> Path:
    """The collection's mkdocs.yml, or a default one written to a temporary folder.

    The folder is left for the caller (``stdkit serve`` needs it for its whole session); a build
    uses :func:`mkdocs_settings`, which removes it.
    """
    path = config.root / MKDOCS_FILE
    if path.is_file() or path.is_symlink():  # a link is the repository's file too: vetted, not replaced
        return path
    import tempfile

    return _write_default(config, Path(tempfile.mkdtemp(prefix="stdkit-docs-")))


def _write_default(config: Config, folder: Path) -> Path:
    import yaml

    # mkdocs needs a docs_dir, and not the config file's own folder; an empty one works since every
    # page is generated
    docs = folder / "docs"
    docs.mkdir()
    plugins = [{"search": {"lang": "zh"}}, {"stdkit": {"root": str(config.root)}}]
    settings = {**DEFAULT_MKDOCS, "docs_dir": str(docs), "plugins": plugins}
    file = folder / MKDOCS_FILE
    file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    sources.WRITTEN.add(file.absolute())
    return file


@contextlib.contextmanager
def mkdocs_settings(config: Config) -> Iterator[Path]:
    """:func:`mkdocs_file` for one build: a default configuration's temporary folder is removed after it."""
    path = config.root / MKDOCS_FILE
    if path.is_file() or path.is_symlink():
        yield path
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="stdkit-docs-") as folder:
        written = _write_default(config, Path(folder))
        try:
            yield written
        finally:
            sources.WRITTEN.discard(written.absolute())


def load_mkdocs_config(config: Config, out_dir: Path, *, path: Path | None = None, **overrides: Any) -> Any:
    """The collection's mkdocs configuration with ``site_dir`` set to ``out_dir``.

    ``path`` is the mkdocs.yml to read (default: :func:`mkdocs_file`, whose temporary folder is left).
    A repository's mkdocs.yml is vetted first (:func:`vet`): mkdocs' loader runs the file's tags.
    """
    from mkdocs.config import load_config

    path = path or mkdocs_file(config)
    vet(config, path)
    try:
        return load_config(config_file=str(path), site_dir=str(out_dir), **overrides)
    except Exception as exc:  # mkdocs raises Abort / ConfigurationError / OSError
        raise SiteBuildError("site.mkdocs_config", path=path, problem=exc) from exc


def build_site(
    config: Config,
    out_dir: Path,
    *,
    report: Report[Entry] | None = None,
    part: Part | None = None,
    staging: Staging | None = None,
) -> None:
    """Build the site for the collection of ``config`` into ``out_dir`` (an empty folder).

    ``report`` is the collection's check report when the caller already has one; ``part`` limits
    the pages written to a shard's, or to all but the shards' (see :mod:`stdkit.shards`). Raises
    :class:`SiteBuildError` when mkdocs fails; ``out_dir`` may then hold a partial build. ``staging``: the
    document pages a build's workers wrote (:class:`stdkit.site.pages.Staging`).
    """
    with mkdocs_settings(config) as path:
        _build(config, load_mkdocs_config(config, out_dir, path=path), report, part, staging)


def _build(
    config: Config,
    mkdocs_config: Any,
    report: Report[Entry] | None,
    part: Part | None = None,
    staging: Staging | None = None,
) -> None:
    from mkdocs.commands.build import build

    from stdkit.site.plugin import SiteContentError, StdkitPlugin

    plugins = [p for p in mkdocs_config.plugins.values() if isinstance(p, StdkitPlugin)]
    if not plugins:
        raise SiteBuildError("site.no_plugin", path=config.root / MKDOCS_FILE)
    if report is None:
        from stdkit.run import pipeline

        # checked here rather than in the plugin, so that its on_config knows the collection's
        # size (a large one switches Material's monolithic search index off)
        from stdkit.site.pages import ANALYSES

        report = pipeline.check(list(config.standards), config, analyses=ANALYSES)
    plugins[0].use(report, part, config, staging)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(mkdocs_config)
    except SiteContentError as exc:
        raise SiteBuildError(exc.said) from exc
    except SystemExit as exc:  # mkdocs' Abort is a click exception that may exit
        raise SiteBuildError("site.mkdocs_failed", problem=exc) from exc
    except Exception as exc:
        raise SiteBuildError("site.mkdocs_failed", problem=f"{type(exc).__name__}: {exc}") from exc
