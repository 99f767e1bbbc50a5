"""The seam for the site generator (issue 38): stdkit makes the content, a generator lays it out.

MkDocs 1.x is unmaintained and Material for MkDocs reaches its end of life on 2027-05-05, so the code
that knows mkdocs lives in one module (stdkit.site.mkdocs_material); moving to another generator means
writing one more module, not editing the pages. docs/site-generator.md is the plan.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stdkit import config as configuration
from stdkit.run import pipeline
from stdkit.site import generator
from stdkit.site.pages import ANALYSES

from .conftest import ROOT

SRC = ROOT / "src" / "stdkit"
#: the one module that may import mkdocs (or Material, which is a mkdocs theme)
MKDOCS_MODULE = "site/mkdocs_material.py"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import statement in the module, lazy ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def test_only_the_mkdocs_generator_imports_mkdocs() -> None:
    offenders = [
        f"{path.relative_to(SRC).as_posix()}:{line}: import {name}"
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).as_posix() != MKDOCS_MODULE
        for line, name in _imports(path)
        if name in {"mkdocs", "material"}
    ]
    assert not offenders, "mkdocs belongs in stdkit/site/mkdocs_material.py only:\n" + "\n".join(offenders)
    assert "mkdocs" in {name for _, name in _imports(SRC / MKDOCS_MODULE)}  # the check looks where it should


def test_the_plugin_entry_point_names_the_mkdocs_module() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entry = project["project"]["entry-points"]["mkdocs.plugins"]["stdkit"]
    assert entry == "stdkit.site.mkdocs_material:StdkitPlugin"


def test_the_default_generator_is_mkdocs_material() -> None:
    chosen = generator.named()
    assert chosen.name == "mkdocs-material"
    assert type(chosen).__module__ == "stdkit.site.mkdocs_material"
    assert generator.named("zensical").name == "zensical"


@pytest.fixture(scope="module")
def content() -> generator.Content:
    config = configuration.load(ROOT)
    report = pipeline.check(list(config.standards), config, analyses=ANALYSES)
    return generator.content(report, config)


def test_the_content_is_every_page_source_and_asset(content: generator.Content) -> None:
    config = configuration.load(ROOT)
    report = pipeline.check(list(config.standards), config)
    for entry in report.collection.entries:
        source = f"sources/{entry.document.id}/{entry.document.edition}.yaml"
        assert content.files[source] == entry.file.read_bytes()
        assert source in content.sources
        assert f"standards/{entry.document.id}/{entry.document.edition}.md" in content.search_meta
    assert {"index.md", "search.md", "check.md", "catalogue.md"} <= set(content.files)
    pages = [data for data in content.files.values() if isinstance(data, str)]
    assert all(page.startswith("---\ntitle: ") for page in pages)  # every page names its own title
    assert set(content.assets) == {generator.CSS_URI, generator.JS_URI}
    assert content.footer.startswith("职业分类依据：")
    assert content.nav[0] == {"首页": "index.md"}


def test_a_document_changed_after_its_check_is_not_published(tmp_path: Path) -> None:
    standards = tmp_path / "standards"
    standards.mkdir()
    document = standards / "doc.yaml"
    document.write_bytes((ROOT / "standards" / "6-31-01-03_2018.yaml").read_bytes())
    config = configuration.Config.default(tmp_path)
    report = pipeline.check([standards], config, analyses=ANALYSES)
    document.write_bytes(document.read_bytes() + b"# edited\n")
    with pytest.raises(generator.SiteContentError, match=r"doc\.yaml"):
        generator.content(report, config)
