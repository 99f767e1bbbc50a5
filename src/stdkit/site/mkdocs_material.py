"""The site laid out by MkDocs with Material for MkDocs: the one module of stdkit that imports mkdocs.

Two halves. :class:`StdkitPlugin` is the ``stdkit`` mkdocs plugin (entry point in pyproject.toml): it
adds the content of :func:`stdkit.site.generator.content` to mkdocs' files (one generated file per page),
its navigation, stylesheet and script, gives every page the header's search box and feeds the pages to
the search indexer. Under ``mkdocs build`` and ``stdkit serve`` it checks the collection named by the
``stdkit.toml`` next to ``mkdocs.yml`` itself, on every (re)build; ``stdkit build`` hands it the content
made from its own check. :data:`GENERATOR` is this module as a :class:`~stdkit.site.generator.Generator`:
it loads the vetted ``mkdocs.yml``, runs mkdocs' build or its live-reload server. What a page says lives
in :mod:`stdkit.site.pages`; nothing about it belongs here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.loaders
from mkdocs.config import config_options
from mkdocs.config.base import Config as MkConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from stdkit import config as configuration
from stdkit.collection import Entry
from stdkit.run.report import Report
from stdkit.site import generator, search, skeleton
from stdkit.site.generator import CSS_URI, JS_URI, Content, Part, SiteBuildError, SiteContentError

if TYPE_CHECKING:
    from stdkit.site.preview import Preview

log = logging.getLogger("mkdocs.plugins.stdkit")

#: The template a page that this part does not write is rendered with: empty, so mkdocs skips it.
SKIP_TEMPLATE = "stdkit-skip.html"


class StdkitPluginConfig(MkConfig):  # type: ignore[no-untyped-call]  # mkdocs Config.__init_subclass__ is untyped
    # The folder whose stdkit.toml names the collection; default: the folder of mkdocs.yml.
    root = config_options.Optional(config_options.Type(str))


class StdkitPlugin(BasePlugin[StdkitPluginConfig]):  # type: ignore[no-untyped-call]  # same, via BasePlugin
    """Generates the collection's pages at build time."""

    def __init__(self) -> None:
        super().__init__()
        self.collection_config: configuration.Config | None = None
        self._content: Content | None = None
        self._user_nav: Any = None
        self._search_meta: dict[str, dict[str, str]] = {}
        self._skeletons: dict[str, skeleton.Skeleton] = {}  # generated page uri → its HTML blocks
        #: pages a build's workers wrote to disk (:meth:`use`), and of those the ones filled in at the end
        self._late: dict[str, skeleton.Staged] = {}
        self._indexer: search.Indexer | None = None
        self._part: Part | None = None
        #: the repository whose files the site may read: mkdocs.yml's folder (set by on_config)
        self._root: Path | None = None

    def use(self, content: Content, config: configuration.Config, part: Part | None = None) -> None:
        """Publish this content (made from a check already run) instead of checking the collection again.

        ``stdkit build`` calls it; under ``mkdocs build`` or ``stdkit serve`` the plugin runs the
        pipeline itself on every (re)build, so a preview always shows the files as they are now.
        ``config`` is the build's own (``stdkit build --drafts`` sets ``include_drafts`` on it).
        """
        self._content = content
        self.collection_config = config
        self._part = part

    def _collection_config(self, config: Any) -> configuration.Config:
        if self.collection_config is None:
            base = Path(config.config_file_path or ".").resolve().parent
            root = base / self.config.root if self.config.root else base
            self.collection_config = configuration.load(root)
        return self.collection_config

    def _vet(self, config: Any) -> Path:
        """The repository mkdocs.yml lies in, its settings vetted (:mod:`stdkit.site.sources`).

        On every build: under `mkdocs serve` and `stdkit serve` the file may change between rebuilds.
        mkdocs has already loaded it by now (its tags ran; `stdkit build` and `stdkit serve` vet the
        file before that), but nothing it names has been read yet.
        """
        from stdkit.site import sources

        file = config.config_file_path
        if not file or sources.ours(file):  # stdkit's own default: the collection is the repository
            return self._collection_config(config).root
        path = Path(file).absolute()
        try:
            sources.vet(path, path.parent)
        except sources.SettingsError as exc:
            raise SiteContentError(exc.said) from exc
        return path.parent.resolve()

    @event_priority(100)  # before a listed search plugin would act on the configuration in its own on_config
    def on_config(self, config: Any) -> Any:
        self._root = self._vet(config)
        self._collection_config(config)
        self._user_nav = config.nav
        if not config.copyright:
            # the footer names the 大典 state every page's occupation codes were checked against
            config.copyright = (
                self._content.footer if self._content else generator.footer(self._collection_config(config))
            )
        if CSS_URI not in config.extra_css:
            config.extra_css.insert(0, CSS_URI)
        if JS_URI not in config.extra_javascript:
            config.extra_javascript.append(JS_URI)
        _drop_theme_search(config)
        return config

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        """Put a generated page's HTML blocks back into its converted skeleton (see :mod:`stdkit.site.skeleton`),
        and hand a document page to the search indexer."""
        found = self._skeletons.pop(page.file.src_uri, None)
        late = self._late.get(page.file.src_uri)
        kept = html
        if found is not None:
            html = found.fill(html)
        elif late is not None and (blocks := late.skeleton()) is not None:
            # a staged page keeps its placeholders until on_post_page: mkdocs holds every page's content
            # until the last is written, and the blocks are most of a page
            html = blocks.fill(html)
        meta = self._search_meta.get(page.file.src_uri)
        if self._indexer is not None and (meta is not None or not self._search_meta):
            # indexed now, not once the theme has rendered it: Pagefind parses on the other core
            try:
                self._indexer.add(page.file.dest_uri, search.article(html, meta, _language(config)))
            except search.SearchIndexError as exc:
                raise SiteContentError(exc.said) from exc
        return kept if late is not None else html

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Give every page the header's search box, and mark a document page for the search index (its
        article, its title, edition and levels)."""
        stem = search.SEARCH_URI.removesuffix(".md")
        search_page = f"{stem}/" if config.use_directory_urls else f"{stem}.html"
        late = self._late.pop(page.file.src_uri, None)
        if late is not None and (blocks := late.skeleton()) is not None:
            output = blocks.fill(output)
        output = search.with_header_form(output, get_relative_url(search_page, page.url))
        meta = self._search_meta.get(page.file.src_uri)
        return search.mark(output, meta) if meta is not None else output

    def on_page_read_source(self, *, page: Any, config: Any) -> str | None:
        """A page this part does not write: only its front matter (its title), not its body. A staged page
        as its file's very text (mkdocs' own reading would translate line endings)."""
        if self._part is None or self._part.writes(page.file.src_uri):
            staged = self._late.get(page.file.src_uri)
            return staged.path.read_bytes().decode() if staged is not None else None
        source: str = page.file.content_string
        if source.startswith("---\n") and (end := source.find("\n---\n", 4)) > 0:
            return source[: end + 5]
        return source.partition("\n")[0] + "\n"

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        if self._part is not None and not self._part.writes(page.file.src_uri):
            page.meta["template"] = SKIP_TEMPLATE
        return markdown

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        # the theme's templates indent their {% … %} tags: without these, every page carried the indentation
        # and blank lines of each tag (a third of the navigation's bytes); only whitespace around tags goes
        env.trim_blocks = env.lstrip_blocks = True
        if self._root is not None:
            env.loader = _inside_only(env.loader, self._root)
        if self._part is not None:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), env.loader])
            self._part.order.extend(
                (file.page.url, file.src_uri) for file in files.documentation_pages() if file.page
            )
            self._part.written.extend(
                file.dest_uri for file in files if file.src_uri in self._part.uris and self._part.own
            )
        return env

    def on_post_build(self, *, config: Any) -> None:
        """Write the search index beside the pages: a chunked static bundle (see :mod:`stdkit.site.search`).

        A part of a sharded build is not indexed: the merge indexes the assembled site once.
        """
        _undated_sitemap(Path(config.site_dir))
        indexer, self._indexer = self._indexer, None
        if indexer is None:  # a part of a sharded build: no indexer was started
            return
        try:
            indexer.write(Path(config.site_dir))
        except search.SearchIndexError as exc:
            raise SiteContentError(exc.said) from exc

    def on_build_error(self, *, error: Exception) -> None:
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.close()

    def on_files(self, files: Files, *, config: Any) -> Files:
        if self._root is not None:
            _leave_out_links(files, config, self._root)
        content = self._content or self._check(config)
        self._search_meta = content.search_meta
        if self._indexer is not None:  # a previous build of `stdkit serve` that did not finish
            self._indexer.close()
        # the index's parts wait beside the site (mkdocs empties its folder after the pages are read), under a
        # name a later build removes if this one is killed
        site_dir = Path(config.site_dir)
        scratch = site_dir.with_name(site_dir.name + "-pagefind")
        self._indexer = search.Indexer(scratch) if self._part is None else None
        self._skeletons = {}
        self._late = {}
        generated: dict[str, str | bytes | skeleton.Staged] = {**content.files, **content.staged}
        for uri, data in sorted(generated.items()):
            if self._part is not None and uri in content.sources and not self._part.writes(uri):
                continue  # another part publishes this document's YAML
            if files.get_file_from_path(uri) is not None:
                # the site is generated, not overridable: a hand-written page could show a standard
                # other than the one checked, and `stdkit diff` would never see it
                raise SiteContentError("site.generated_path", uri=uri, docs_dir=config.docs_dir)
            if isinstance(data, skeleton.Staged):  # written by a build's worker: read when mkdocs needs it
                files.append(File.generated(config, uri, abs_src_path=str(data.path)))
                if uri.endswith(".md"):
                    self._late[uri] = data
                continue
            files.append(File.generated(config, uri, content=self._skeleton(uri, data)))
        for uri, data in content.assets.items():
            files.append(File.generated(config, uri, content=data))
        if not self._user_nav:
            config.nav = content.nav
        return files

    def _check(self, config: Any) -> Content:
        """The content of the collection as its files are now (``mkdocs build``, ``stdkit serve``)."""
        from stdkit.run import pipeline
        from stdkit.site import preview
        from stdkit.site.pages import ANALYSES

        collection_config = self._collection_config(config)
        report = pipeline.check(list(collection_config.standards), collection_config, analyses=ANALYSES)
        content = generator.content(report, collection_config)
        if preview.session is not None:  # under `stdkit serve`
            self._tell(preview.session, report, content.files)
        return content

    def _skeleton(self, uri: str, content: str | bytes) -> str | bytes:
        """What mkdocs converts for a generated file: a page's skeleton when it has one (its blocks kept aside)."""
        parts = skeleton.split(content) if isinstance(content, str) and uri.endswith(".md") else None
        if parts is None:
            return content
        # Markdown converts only the headings; the raw HTML blocks skip its HTML parser
        self._skeletons[uri] = parts
        return parts.markdown

    def _tell(self, session: Preview, report: Report[Entry], pages: dict[str, str | bytes]) -> None:
        """Preview only: the rebuild's new findings in the terminal, banners and kept pages on the site."""
        from stdkit.site.pages import doc_uri

        for level, line in session.news(report):
            log.log(level, line)
        uris = {entry.path: doc_uri(entry) for entry in report.collection.entries}
        session.pages_for(report, pages, {path: uri for path, uri in uris.items() if uri in pages})

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """Rebuild the preview when a document or a crosswalk changes (mkdocs watches only docs_dir by
        default; the 新旧版本对照表 pages come from ``crosswalks/``)."""
        from stdkit.crosswalks import FOLDER

        collection = self._collection_config(config)
        for path in [*collection.standards, collection.root / FOLDER]:
            if path.exists():
                server.watch(str(path))
        return server


def site_folders(config: Any) -> list[Path]:
    """The folders of the site's own sources that mkdocs reads: docs_dir and the theme's custom_dir."""
    folders = [Path(config.docs_dir)]
    custom_dir = getattr(config.theme, "custom_dir", None)
    if custom_dir:
        folders.append(Path(custom_dir))
    return folders


def _leave_out_links(files: Files, config: Any, root: Path) -> None:
    """Leave out every file of the site's sources that a link leads out of the repository (USE003).

    `stdkit build` refuses such a link before building (see :mod:`stdkit.commands.build`); under
    `stdkit serve` and `mkdocs` the file is left out, with the finding in the log, so it is never
    copied into the site nor served.
    """
    from stdkit.site import preview, sources

    folders = site_folders(config)
    lang = preview.session.lang if preview.session is not None else "en"
    for finding in sources.links(folders, root):
        log.warning(finding.localized(lang).render())
    for file in list(files):
        path = file.abs_src_path
        if path is not None and sources.under(path, folders) and not sources.readable(path, root):
            files.remove(file)


def _inside_only(loader: Any, root: Path) -> Any:
    """The theme's template loader, reading no template in the repository that a link leads out of it.

    mkdocs loads templates from the theme's folders in order (custom_dir first); a template there that
    is such a link is passed over, so the theme's own one is used, and the file is never opened.
    """
    import jinja2

    from stdkit.site import sources

    if not isinstance(loader, jinja2.FileSystemLoader):
        return loader
    searched = [Path(folder) for folder in loader.searchpath]
    if not any(sources.under(folder, [root]) for folder in searched):
        return loader
    return jinja2.ChoiceLoader([_TemplatesInside(str(folder), root) for folder in searched])


class _TemplatesInside(jinja2.FileSystemLoader):
    """One theme folder's templates, less those that a link leads out of the repository ``root``."""

    def __init__(self, folder: str, root: Path) -> None:
        super().__init__(folder)
        self._root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from stdkit.site import sources

        path = Path(self.searchpath[0]).joinpath(*jinja2.loaders.split_template_path(template))
        if (
            sources.under(path, [self._root])
            and (path.exists() or path.is_symlink())
            and not sources.readable(path, self._root)
        ):
            raise jinja2.TemplateNotFound(template)  # checked before the file is opened
        return super().get_source(environment, template)


def _language(config: Any) -> str:
    """The pages' ``<html lang>``: the theme's language (Material's own pages say the same)."""
    theme = config.theme
    return str(theme.get("language") or "en") if hasattr(theme, "get") else "en"


def _drop_theme_search(config: Any) -> None:
    """Switch off Material's search plugin, should a collection's mkdocs.yml still list it: the site has one
    search, Pagefind's (see :mod:`stdkit.site.search`). Material's ships one ``search_index.json`` that every
    visitor downloads and opens its overlay from the same ``?q=`` as the search page, with other results.

    Its event handlers are unregistered so that it writes nothing; the theme then draws no search box, and
    :meth:`StdkitPlugin.on_post_page` puts stdkit's in the header.
    """
    plugins = config.plugins
    for name in [n for n in plugins if n.endswith("search")]:
        plugin = plugins.pop(name)
        for event, methods in plugins.events.items():
            plugins.events[event] = [m for m in methods if getattr(m, "__self__", None) is not plugin]


# -- the generator: mkdocs' configuration, build and live preview --------------------------------------


def load_settings(settings: Path, out_dir: Path, **overrides: Any) -> Any:
    """mkdocs' configuration read from ``settings`` (a mkdocs.yml already vetted: mkdocs' loader runs
    its tags), with ``site_dir`` set to ``out_dir``."""
    from mkdocs.config import load_config

    try:
        return load_config(config_file=str(settings), site_dir=str(out_dir), **overrides)
    except Exception as exc:  # mkdocs raises Abort / ConfigurationError / OSError
        raise SiteBuildError("site.mkdocs_config", path=settings, problem=exc) from exc


class MkdocsMaterial:
    """The default generator: MkDocs 1.x with the Material theme and the stdkit plugin."""

    name = generator.DEFAULT

    def build(
        self,
        config: configuration.Config,
        settings: Path,
        make: Callable[[], Content],
        out_dir: Path,
        *,
        part: Part | None = None,
    ) -> None:
        from mkdocs.commands.build import build

        mkdocs_config = load_settings(settings, out_dir)
        plugins = [p for p in mkdocs_config.plugins.values() if isinstance(p, StdkitPlugin)]
        if not plugins:
            raise SiteBuildError("site.no_plugin", path=settings)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        try:
            plugins[0].use(make(), config, part)  # a page that fails to render is a failed build
            build(mkdocs_config)
        except SiteBuildError:
            raise
        except SiteContentError as exc:
            raise SiteBuildError(exc.said) from exc
        except SystemExit as exc:  # mkdocs' Abort is a click exception that may exit
            raise SiteBuildError("site.mkdocs_failed", problem=exc) from exc
        except Exception as exc:
            raise SiteBuildError("site.mkdocs_failed", problem=f"{type(exc).__name__}: {exc}") from exc

    def serve(
        self, config: configuration.Config, settings: Path, *, address: str, open_browser: bool
    ) -> None:
        """mkdocs' live-reload server over a temporary folder; the plugin checks the collection on every
        rebuild (see :mod:`stdkit.site.preview`) and watches its standards and crosswalks."""
        from mkdocs.commands.serve import serve
        from mkdocs.exceptions import MkDocsException

        # mkdocs logs progress ("Serving on …", "Detected file changes") through logging; show it
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(handler)
        mkdocs_log.setLevel(logging.INFO)
        try:
            serve(config_file=str(settings), dev_addr=address, open_in_browser=open_browser)
        except (MkDocsException, OSError, SiteContentError) as exc:  # the first build failed
            raise SiteBuildError("cli.serve_failed", problem=exc) from exc


GENERATOR = MkdocsMaterial()


def _undated_sitemap(site_dir: Path) -> None:
    """mkdocs gzips ``sitemap.xml`` with the build's date in the gzip header, so the same site's bytes changed
    at every midnight; written again with no date (the XML inside is mkdocs' own, unchanged)."""
    import gzip

    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(gzip.compress(gzip.decompress(packed.read_bytes()), compresslevel=9, mtime=0))
