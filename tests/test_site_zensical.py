"""The experimental Zensical generator (issue 38): what stdkit does around a generator that runs no plugin.

Zensical is no dependency of stdkit, so most tests drive a stand-in ``zensical`` (a script that writes one
HTML file per Markdown page and keeps the settings it was given); the last one builds the samples with
the real command when ``$STDKIT_ZENSICAL`` or PATH has it (a scratch venv: docs/site-generator.md) and
compares every page's article with the mkdocs-material build.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit import config as configuration
from stdkit.run import pipeline
from stdkit.site import generator, zensical_site
from stdkit.site.build import SiteBuildError, build_site
from stdkit.site.pages import ANALYSES

from .conftest import ROOT, CliResult

#: A stand-in for `zensical build`: one HTML file per page (the theme's header and article around the
#: page's text), the settings file as it was read, and an exit status of its own on request.
FAKE = """#!{python}
import json, os, pathlib, shutil, sys
import yaml
args = sys.argv[1:]
if os.environ.get("FAKE_ZENSICAL_FAIL"):
    sys.stderr.write("Error: the theme is broken\\n")
    sys.exit(3)
assert args[:2] == ["build", "--clean"], args
settings = yaml.safe_load(pathlib.Path(args[args.index("--config-file") + 1]).read_text(encoding="utf-8"))
site = pathlib.Path("site")
site.mkdir()
(site / "settings.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
for page in sorted(p for p in pathlib.Path("docs").rglob("*") if p.is_file()):
    out = site / page.relative_to("docs").with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    if page.suffix != ".md":
        shutil.copyfile(page, site / page.relative_to("docs"))
        continue
    out.write_text(
        '<!doctype html><html lang="zh"><body><header class="md-header"><nav class="md-header__inner">'
        '<span>职业技能标准库</span></nav></header><article class="md-content__inner md-typeset">'
        + page.read_text(encoding="utf-8") + "</article></body></html>",
        encoding="utf-8",
    )
"""


def _repository(root: Path) -> configuration.Config:
    """A copy of the samples' collection (the build writes only inside a repository)."""
    for name in ("standards", "crosswalks", "releases", "docs_site", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy(source, root / name)
    return configuration.load(root)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    program = tmp_path / "bin" / "zensical"
    program.parent.mkdir()
    program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(zensical_site.COMMAND_VARIABLE, str(program))
    return program


def _zensical(config: configuration.Config) -> configuration.Config:
    import dataclasses

    return dataclasses.replace(config, site_generator="zensical")


def test_without_the_command_the_build_says_how_to_install_it(
    in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(zensical_site.COMMAND_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(in_dir / "empty"))
    config = _repository(in_dir)
    status, _, err = cli("build", "--generator", "zensical", "--lang", "zh")
    assert status == 1
    assert "找不到 zensical 命令" in err and "STDKIT_ZENSICAL" in err
    assert not config.site_dir.exists()  # nothing published


def test_pages_navigation_styles_and_search_around_a_generator_without_plugins(
    tmp_path: Path, fake: Path
) -> None:
    config = _repository(tmp_path)
    report = pipeline.check(list(config.standards), config, analyses=ANALYSES)
    content = generator.content(report, config)
    out = tmp_path / "out"
    out.mkdir()
    build_site(_zensical(config), out, report=report)

    settings = json.loads((out / "settings.json").read_text(encoding="utf-8"))
    assert settings["INHERIT"] == str(
        config.root / "mkdocs.yml"
    )  # the collection's own settings, read by Zensical
    assert settings["nav"] == content.nav  # the plugin's navigation, written out
    assert settings["extra_css"][0] == generator.CSS_URI
    assert settings["extra_javascript"][-1] == generator.JS_URI
    assert settings["plugins"] == [{"search": {"enabled": False}}]  # one search: Pagefind's
    assert settings["hooks"] == []
    assert settings["copyright"] == content.footer
    assert settings["theme"]["variant"] == "classic"

    page = (out / "standards/6-31-01-03/2018.html").read_text(encoding="utf-8")
    # the header's search box, its action relative to the page, and the page marked for the index
    assert 'class="sk-header-search" action="../../search.html"' in page
    assert "data-pagefind-body" in page and 'data-pagefind-meta="title"' in page
    assert 'action="search.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (out / "check.html").read_text(encoding="utf-8")
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == len(content.search_meta)
    # the documents' YAML, stdkit's assets and the repository's own static files are published as they are
    for entry_ in report.collection.entries:
        published = out / "sources" / entry_.document.id / f"{entry_.document.edition}.yaml"
        assert published.read_bytes() == entry_.file.read_bytes()
    assert (out / generator.CSS_URI).read_bytes() == generator.asset("stdkit.css").read_bytes()
    assert (out / "favicon.svg").read_bytes() == (ROOT / "docs_site" / "favicon.svg").read_bytes()


def test_a_failed_zensical_build_is_a_clear_error(
    tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_ZENSICAL_FAIL", "1")
    config = _repository(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SiteBuildError, match=r"exit 3: Error: the theme is broken") as caught:
        build_site(_zensical(config), out)
    assert caught.value.said.key == "site.zensical_failed"
    assert not list(out.iterdir())


def test_a_shard_is_not_built_with_zensical(tmp_path: Path, fake: Path) -> None:
    config = _repository(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SiteBuildError, match=r"--shard") as caught:
        build_site(_zensical(config), out, part=generator.Part(frozenset(), own=True))
    assert "mkdocs-material" in caught.value.said.text("en")


def test_a_page_of_docs_dir_at_a_generated_path_is_refused(tmp_path: Path, fake: Path) -> None:
    config = _repository(tmp_path)
    (config.root / "docs_site" / "index.md").write_text("# 假的首页\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(SiteBuildError, match=r"index\.md.*docs_dir"):
        build_site(_zensical(config), out)


@pytest.mark.parametrize(
    ("uri", "directory_urls", "written"),
    [
        ("standards/x/2018.md", False, "standards/x/2018.html"),
        ("standards/x/2018.md", True, "standards/x/2018/index.html"),
        ("index.md", True, "index.html"),
        ("categories/index.md", True, "categories/index.html"),
    ],
)
def test_where_a_page_is_written(uri: str, directory_urls: bool, written: str) -> None:
    assert zensical_site._output(uri, directory_urls) == written


def _article(html: str) -> list[str]:
    """A page's article, its tags one a line, blank space and the index's hidden metadata left out."""
    found = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', html, re.S)
    body = found.group(1) if found else ""
    body = re.sub(r"<div hidden data-pagefind-ignore>.*?</div>", "", body)
    body = body.replace('<a id="__skip" tabindex="-1"></a>', "")  # Zensical's skip target
    return [line.strip() for line in body.replace(">", ">\n").splitlines() if line.strip()]


@pytest.mark.slow
def test_the_real_zensical_lays_out_the_same_pages(tmp_path: Path) -> None:
    try:
        zensical_site.command()
    except SiteBuildError:
        pytest.skip("no zensical command (pip install zensical in a venv of its own; $STDKIT_ZENSICAL)")
    config = _repository(tmp_path / "repo")
    report = pipeline.check(list(config.standards), config, analyses=ANALYSES)
    built = {}
    for name in generator.GENERATORS:
        built[name] = tmp_path / name
        built[name].mkdir()
        build_site(_zensical(config) if name == "zensical" else config, built[name], report=report)
    mkdocs, zensical = built["mkdocs-material"], built["zensical"]
    pages = sorted(p.relative_to(mkdocs) for p in mkdocs.rglob("*.html"))
    assert pages == sorted(p.relative_to(zensical) for p in zensical.rglob("*.html"))
    for page in pages:
        theirs = (zensical / page).read_text(encoding="utf-8")
        assert _article(theirs) == _article((mkdocs / page).read_text(encoding="utf-8")), page
        assert 'class="sk-header-search"' in theirs
    entries = [
        json.loads((site / "pagefind/pagefind-entry.json").read_bytes()) for site in (mkdocs, zensical)
    ]
    assert entries[0]["languages"]["zh"]["page_count"] == entries[1]["languages"]["zh"]["page_count"]
    assert not (zensical / "search.json").exists()  # Zensical's own search: off, its empty index removed
