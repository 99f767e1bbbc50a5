"""The seam between stdkit and the static-site generator that lays its pages out.

stdkit makes the site's *content* (:class:`Content`): every page as Markdown with raw HTML blocks (its
title in the front matter), the documents' YAML published beside them, the navigation, what each
document page's search result shows, and stdkit's own stylesheet and script. A :class:`Generator` lays
that content out in a theme and writes a folder. The generator reads the collection's ``mkdocs.yml``
(vetted by :mod:`stdkit.site.sources` before anything reads it) for the site's name, theme and
Markdown extensions; it never decides what a page says.

Two generators (issue 38): ``mkdocs-material`` (:mod:`stdkit.site.mkdocs_material`, the default, and
the only module of stdkit that imports mkdocs) and ``zensical`` (:mod:`stdkit.site.zensical_site`, an
experiment: Material's successor reads ``mkdocs.yml`` but runs no MkDocs plugin). This module imports
neither; :func:`named` loads the one asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from stdkit.messages import Localized

if TYPE_CHECKING:
    from stdkit import config as configuration
    from stdkit.collection import Entry
    from stdkit.run.report import Report
    from stdkit.site.pages import Nav, Staging
    from stdkit.site.skeleton import Staged

#: The default generator; the other is an experiment (docs/site-generator.md).
DEFAULT = "mkdocs-material"
#: name → the module whose ``GENERATOR`` lays the site out (imported only when asked for)
GENERATORS = {DEFAULT: "stdkit.site.mkdocs_material", "zensical": "stdkit.site.zensical_site"}

#: stdkit's own files, published under :data:`ASSETS_DIR` of every site
ASSETS = ("stdkit.css", "filter.js")
ASSETS_DIR = "assets/stdkit"
CSS_URI = f"{ASSETS_DIR}/stdkit.css"
JS_URI = f"{ASSETS_DIR}/filter.js"


class SiteBuildError(Localized):
    """The generator could not build the site; the message says why."""


class SiteContentError(Localized):
    """The collection cannot be published as a site as it is (not the generator's fault); the message says why."""


@dataclasses.dataclass
class Part:
    """A part of the site for a sharded build (:mod:`stdkit.shards`): which generated files to write.

    ``uris`` are generated source paths (document pages and their YAML). With ``own`` the build
    writes only those (a shard); without, everything else (the merge, which copies the shards in).
    Every page is still in the navigation, the sitemap and the search index, so the pages written
    are byte for byte those of a whole build. ``written`` collects the output paths of the pages and
    files that were written for ``uris`` (a shard's files).
    """

    uris: frozenset[str]
    own: bool
    written: list[str] = dataclasses.field(default_factory=list)
    #: (page url, src uri) of every page, in build order (the monolithic search index's order)
    order: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def writes(self, uri: str) -> bool:
        return (uri in self.uris) == self.own


@dataclasses.dataclass(frozen=True)
class Content:
    """What stdkit publishes, before a generator lays it out.

    ``files`` maps a source path below the site root to a page (Markdown: front matter with ``title``,
    headings and raw HTML blocks, every author string already escaped), published as ``x/y.html`` for
    ``x/y.md``, or to a document's YAML (``sources``), published as it is. ``nav`` is the navigation in
    mkdocs.yml's shape (``[{"title": "page.md" | [...]}, "page.md", …]``), whose titles are escaped
    too. ``search_meta`` says, per document page, what its search result shows beside the title.
    ``assets`` are stdkit's stylesheet and script (path → bytes), which every page links
    (``stylesheets``, ``scripts``). ``footer`` is the footer's line when the site's settings name none.
    ``staged`` are document pages and YAML files a build's workers wrote to disk (path → where), published
    like ``files`` but read one at a time, so that no process holds every page of a national collection.
    """

    files: dict[str, str | bytes]
    sources: frozenset[str]
    nav: Nav
    search_meta: dict[str, dict[str, str]]
    footer: str
    assets: dict[str, bytes] = dataclasses.field(default_factory=dict)
    staged: dict[str, Staged] = dataclasses.field(default_factory=dict)
    stylesheets: tuple[str, ...] = (CSS_URI,)
    scripts: tuple[str, ...] = (JS_URI,)


class Generator(Protocol):
    """Lays :class:`Content` out in a theme, into a folder."""

    name: str

    def build(
        self,
        config: configuration.Config,
        settings: Path,
        make: Callable[[], Content],
        out_dir: Path,
        *,
        part: Part | None = None,
    ) -> None:
        """Write the site into ``out_dir`` (an empty folder), with the vetted site settings ``settings`` (a
        mkdocs.yml). ``make`` gives the content; the generator calls it once, after reading the settings,
        so that a mistake there is reported before the collection is rendered. ``part`` limits the pages
        written (a sharded build). Raises :class:`SiteBuildError` when it cannot (``make`` raises it
        too); ``out_dir`` may then hold a partial build."""
        ...

    def serve(
        self, config: configuration.Config, settings: Path, *, address: str, open_browser: bool
    ) -> None:
        """Serve a live preview of the collection, rebuilt when a document changes, until interrupted.
        Raises :class:`SiteBuildError` when the first build fails."""
        ...


def named(name: str | None = None) -> Generator:
    """The generator called ``name`` (default: :data:`DEFAULT`); its module is imported now."""
    module = importlib.import_module(GENERATORS[name or DEFAULT])
    found: Generator = module.GENERATOR
    return found


def content(
    report: Report[Entry], config: configuration.Config, *, staging: Staging | None = None
) -> Content:
    """The site's content, from a checked collection: pages, the documents' YAML, navigation, assets.

    ``config`` is the build's own (``include_drafts`` says whether unpublished documents have pages).
    With ``staging`` the document pages and their YAML are those a build's workers wrote (the report may
    then hold headers only).
    """
    from stdkit.site.pages import render

    site = render(report, include_drafts=config.include_drafts, staging=staging)
    files: dict[str, str | bytes] = dict(site.pages)
    files.update((uri, source_bytes(entry)) for uri, entry in site.sources.items() if uri not in site.staged)
    assets = {f"{ASSETS_DIR}/{name}": asset(name).read_bytes() for name in ASSETS}
    return Content(
        files, frozenset(site.sources), site.nav, site.search_meta, footer(config), assets, dict(site.staged)
    )


def footer(config: configuration.Config) -> str:
    """The footer's line: the 大典 state every page's occupation codes were checked against."""
    from stdkit.reference.index import for_config

    return f"职业分类依据：{for_config(config).basis}"


def asset(name: str) -> Path:
    """A file shipped in ``stdkit/site/assets`` (package data)."""
    return Path(str(resources.files("stdkit.site") / "assets" / name))


def source_bytes(entry: Entry) -> bytes:
    """The document's file as published beside its page: the very bytes whose sha256 was checked."""
    data = entry.file.read_bytes()
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise SiteContentError("site.changed", path=entry.path)
    return data
