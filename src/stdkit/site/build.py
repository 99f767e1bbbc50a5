"""Build the site into a folder it is given; never touches the published ``site/``.

``stdkit build`` calls :func:`build_site` with an empty temporary folder, adds the blueprints
and swaps the folder in atomically, so a failure here leaves the previous site intact. The site's
settings are the collection's ``mkdocs.yml`` (vetted first) or a default one; the content comes from
:func:`stdkit.site.generator.content` and a generator (:mod:`stdkit.site.generator`) lays it out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.config import Config
from stdkit.site import sources
from stdkit.site.generator import SiteBuildError

if TYPE_CHECKING:
    from stdkit.collection import Entry
    from stdkit.run.report import Report
    from stdkit.site.generator import Content, Part
    from stdkit.site.pages import Staging

__all__ = [
    "DEFAULT_MKDOCS",
    "MKDOCS_FILE",
    "SiteBuildError",
    "build_site",
    "mkdocs_file",
    "mkdocs_settings",
    "vet",
]

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
    the pages written to a shard's, or to all but the shards' (see :mod:`stdkit.shards`). The
    generator is ``config.site_generator``. Raises :class:`SiteBuildError` when the site cannot be
    built; ``out_dir`` may then hold a partial build. ``staging``: the document pages a build's workers
    wrote (:class:`stdkit.site.pages.Staging`).
    """
    from stdkit.site import generator

    def make() -> Content:
        checked = report
        if checked is None:
            from stdkit.run import pipeline
            from stdkit.site.pages import ANALYSES

            checked = pipeline.check(list(config.standards), config, analyses=ANALYSES)
        try:
            return generator.content(checked, config, staging=staging)
        except generator.SiteContentError as exc:
            raise SiteBuildError(exc.said) from exc

    with mkdocs_settings(config) as path:
        vet(config, path)  # before any generator reads it: mkdocs' loader runs the file's tags
        generator.named(config.site_generator).build(config, path, make, out_dir, part=part)
