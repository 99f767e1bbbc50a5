"""Experimental: the site laid out by Zensical, Material for MkDocs' successor (issue 38).

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugin: given the collection's file as it is, it
publishes no page of stdkit's (the ``stdkit`` plugin is passed over without a word). So this generator
does what the plugin does, around Zensical instead of inside it: in a scratch project it writes every
page of :class:`~stdkit.site.generator.Content` as a Markdown file into the docs folder (with the
repository's own static files), a ``mkdocs.yml`` that inherits the collection's and sets the
navigation, stdkit's stylesheet and script, the footer and the docs folder, runs ``zensical build``,
then gives every page the header's search box, marks the document pages for the search index and
indexes the site with Pagefind (:mod:`stdkit.site.search`), as a sharded build's merge does.

Zensical is no dependency of stdkit: the command is found as ``$STDKIT_ZENSICAL`` or ``zensical`` on
PATH. Not done here (docs/site-generator.md): a sharded build, ``stdkit serve``, the skeleton split
(:mod:`stdkit.site.skeleton`) and the template filter for links out of the repository (a theme
``custom_dir`` is not copied). The default generator stays mkdocs-material.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from stdkit import config as configuration
from stdkit.site import search, sources
from stdkit.site.generator import Content, Part, SiteBuildError, SiteContentError

#: The environment variable naming the zensical command (default: ``zensical`` on PATH).
COMMAND_VARIABLE = "STDKIT_ZENSICAL"
TIMEOUT = 3600  # seconds for one `zensical build`
#: The scratch project's folders and settings file (Zensical wants both folders inside the project).
DOCS, SITE, SETTINGS = "docs", "site", "mkdocs.yml"


def command() -> str:
    """The zensical command: ``$STDKIT_ZENSICAL``, or ``zensical`` on PATH."""
    found = os.environ.get(COMMAND_VARIABLE) or shutil.which("zensical")
    if not found:
        raise SiteBuildError("site.zensical_missing", variable=COMMAND_VARIABLE)
    return found


class Zensical:
    """Zensical with its Material-like theme (``variant: classic``), given stdkit's pages as files."""

    name = "zensical"

    def build(
        self,
        config: configuration.Config,
        settings: Path,
        make: Callable[[], Content],
        out_dir: Path,
        *,
        part: Part | None = None,
    ) -> None:
        if part is not None:
            raise SiteBuildError("site.zensical_unsupported", what="--shard / --merge")
        program = command()
        found = _vet(config, settings)
        read = _read(settings)
        with tempfile.TemporaryDirectory(prefix="stdkit-zensical-") as scratch:
            project = Path(scratch)
            docs = project / DOCS
            docs.mkdir()
            if found is not None:
                _copy_static(found.docs_dir, docs, found.root)
            content = make()
            try:
                _write_pages(content, docs, str(found.docs_dir) if found else DOCS)
            except SiteContentError as exc:
                raise SiteBuildError(exc.said) from exc
            (project / SETTINGS).write_text(_settings(settings, read, content), encoding="utf-8")
            _run(program, project)
            site = project / SITE
            (site / "search.json").unlink(missing_ok=True)  # Zensical's index, empty with its search off
            directory_urls = bool(read.get("use_directory_urls", True))
            _finish_pages(site, content, directory_urls)
            try:
                search.index(site)
            except search.SearchIndexError as exc:
                raise SiteBuildError(exc.said) from exc
            shutil.copytree(site, out_dir, dirs_exist_ok=True)

    def serve(
        self, config: configuration.Config, settings: Path, *, address: str, open_browser: bool
    ) -> None:
        raise SiteBuildError("site.zensical_unsupported", what="stdkit serve")


GENERATOR = Zensical()


def _vet(config: configuration.Config, settings: Path) -> sources.Settings | None:
    """The repository's settings vetted (as :func:`stdkit.site.build.vet` did), or None for stdkit's own."""
    if sources.ours(settings):
        return None
    try:
        return sources.vet(settings, config.root)
    except sources.SettingsError as exc:
        raise SiteBuildError(exc.said) from exc


class _Plain(yaml.SafeLoader):
    """Reads the settings this generator needs; a tagged value (``!!python/name:…``) reads as None."""


_Plain.add_multi_constructor("", lambda loader, suffix, node: None)


def _read(settings: Path) -> dict[str, Any]:
    try:
        data = yaml.load(
            settings.read_text(encoding="utf-8"), Loader=_Plain
        )  # a SafeLoader: no object is made
    except (OSError, yaml.YAMLError) as exc:
        raise SiteBuildError("site.mkdocs_config", path=settings, problem=exc) from exc
    return data if isinstance(data, dict) else {}


def _settings(settings: Path, read: dict[str, Any], content: Content) -> str:
    """The scratch project's mkdocs.yml: the collection's, inherited, with what the stdkit plugin set.

    Lists replace the inherited ones (Zensical merges mappings only), so the stylesheets and scripts
    are written whole. Zensical's own search is off: the site has one search, Pagefind's.
    """
    theme = read.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else {}
    ours: dict[str, Any] = {
        "INHERIT": str(settings.absolute()),
        "docs_dir": DOCS,
        "site_dir": SITE,
        "theme": {**theme, "variant": "classic"},  # Material's look; Zensical's default is "modern"
        "plugins": [{"search": {"enabled": False}}],
        "hooks": [],
        "extra_css": [*content.stylesheets, *_listed(read.get("extra_css"), content.stylesheets)],
        "extra_javascript": [*_listed(read.get("extra_javascript"), content.scripts), *content.scripts],
    }
    if not read.get("copyright"):
        ours["copyright"] = content.footer
    if not read.get("nav"):
        ours["nav"] = content.nav
    return yaml.safe_dump(ours, allow_unicode=True, sort_keys=False)


def _listed(value: object, ours: tuple[str, ...]) -> list[Any]:
    return [item for item in value if item not in ours] if isinstance(value, list) else []


def _copy_static(docs_dir: Path, into: Path, root: Path) -> None:
    """The repository's own files of docs_dir (a favicon, extra pages), less those a link leads out of it."""
    if not docs_dir.is_dir():
        return
    for path in sorted(docs_dir.rglob("*")):
        if path.is_file() and sources.readable(path, root):
            target = into / path.relative_to(docs_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _write_pages(content: Content, docs: Path, docs_dir: str) -> None:
    """Every generated file into ``docs``; a file of the repository's docs_dir at the same path is refused."""
    staged = {uri: found.whole() for uri, found in content.staged.items()}  # read one file at a time below
    for uri, data in sorted({**content.files, **content.assets, **staged}.items()):
        target = docs / uri
        if target.exists() and uri not in content.assets:
            raise SiteContentError("site.generated_path", uri=uri, docs_dir=docs_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")


def _run(program: str, project: Path) -> None:
    try:
        done = subprocess.run(
            [program, "build", "--clean", "--config-file", SETTINGS],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteBuildError("site.zensical_failed", problem=exc) from exc
    if done.returncode != 0 or not (project / SITE).is_dir():
        tail = " / ".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise SiteBuildError("site.zensical_failed", problem=f"exit {done.returncode}: {tail}")


def _finish_pages(site: Path, content: Content, directory_urls: bool) -> None:
    """What the plugin's on_post_page does: the header's search box on every page, the document pages
    marked for the search index (their article and what a result shows)."""
    search_page = _output(search.SEARCH_URI, directory_urls)
    marked = {_output(uri, directory_urls): meta for uri, meta in content.search_meta.items()}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        action = posixpath.relpath(search_page, posixpath.dirname(relative) or ".")
        if directory_urls:
            action = action.removesuffix("index.html") or "./"
        html = search.with_header_form(html, action)
        meta = marked.get(relative)
        page.write_text(search.mark(html, meta) if meta is not None else html, encoding="utf-8")


def _output(uri: str, directory_urls: bool) -> str:
    """The HTML file a page ``x/y.md`` is written to: ``x/y.html``, or ``x/y/index.html`` (``index.md``
    stays ``index.html``)."""
    stem = uri.removesuffix(".md")
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"
