"""Sharded builds: `stdkit build --shards`, `--shard NAME`, `--merge SHARD_DIR...`.

The contract: the merged site equals a single `stdkit build` of the same collection file for file
(pages, YAML sources, blueprints, index.json, Material's search index and the Pagefind bundle), a
shard holds only its own documents' files, and the merge refuses shards that do not belong together.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from stdkit import __version__, shards
from stdkit.cli import main

from .conftest import ROOT

CliResult = tuple[int, str, str]


def _run(root: Path, *args: str | Path) -> CliResult:
    """``stdkit ARGS`` in-process with ``root`` as the working directory."""
    before = Path.cwd()
    out, err = io.StringIO(), io.StringIO()
    os.chdir(root)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = main([str(a) for a in args])
    finally:
        os.chdir(before)
    return status, out.getvalue(), err.getvalue()


def _samples(root: Path) -> Path:
    shutil.copytree(ROOT / "standards", root / "standards")
    shutil.copytree(ROOT / "releases", root / "releases")  # the change feed is merged like the rest
    shutil.copytree(ROOT / "crosswalks", root / "crosswalks")
    shutil.copytree(ROOT / "docs_site", root / "docs_site")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _build_all(root: Path) -> list[str]:
    """A single build into single/, every shard into shards/NAME, the merge into merged/."""
    status, out, err = _run(root, "build", "--out", "single")
    assert status == 0, err
    status, out, err = _run(root, "build", "--shards")
    assert status == 0, err
    names = json.loads(out)
    for name in names:
        status, out, err = _run(root, "build", "--shard", name, "--out", f"shards/{name}")
        assert status == 0, err
        assert f"分片 {name}" in out or f"shard {name}:" in out
    status, out, err = _run(root, "build", "--merge", *(f"shards/{n}" for n in names), "--out", "merged")
    assert status == 0, err
    assert isinstance(names, list)
    return names


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = _samples(tmp_path_factory.mktemp("shards"))
    _build_all(root)
    yield root


def _assert_same(single: Path, merged: Path) -> None:
    """Byte for byte, except the order of words inside Pagefind's index chunks: a single build feeds
    its pages to Pagefind as they are rendered, the merge lets Pagefind crawl the assembled site. Every
    page's search record (the fragments) must still be the same bytes."""
    a, b = _tree(single), _tree(merged)

    def chunk(path: str) -> bool:
        return path.startswith("pagefind/") and "/fragment/" not in path  # a part's fragments too

    assert sorted(p for p in a if not chunk(p)) == sorted(p for p in b if not chunk(p))
    differ = [path for path in a if not chunk(path) and a[path] != b[path]]
    assert not differ, f"the merged site differs from the single build in {differ[:10]}"
    assert any(p.startswith("pagefind/fragment/") for p in a)
    assert len([p for p in a if chunk(p)]) == len([p for p in b if chunk(p)])


def test_shards_are_the_major_groups_then_special(built: Path) -> None:
    status, out, _ = _run(built, "build", "--shards")
    assert (status, json.loads(out)) == (0, ["4", "6", "special"])


def test_the_merged_site_equals_a_single_build(built: Path) -> None:
    """Every page, source, blueprint, workbook and index.json byte for byte; Pagefind's page records too
    (see _assert_same)."""
    merged = built / "merged"
    assert not (merged / "search").exists()  # one search engine at every size: Pagefind's
    assert (merged / "pagefind" / "pagefind-entry.json").is_file()
    assert (merged / "blueprints" / "index.json").is_file()
    assert (merged / "changes" / "index.json").is_file() and (
        merged / "lineage" / "6-31-01-03.json"
    ).is_file()
    _assert_same(built / "single", merged)


def test_a_shard_holds_only_its_own_documents(built: Path) -> None:
    from stdkit import config as configuration
    from stdkit.run import pipeline
    from stdkit.site.pages import doc_uri, source_uri

    config = configuration.load(built)
    entries = pipeline.validate(list(config.standards), config).collection.entries
    mine = [e for e in entries if shards.shard_of(e) == "4"]
    assert mine and len(mine) < len(entries)
    folder = built / "shards" / "4"
    files = _tree(folder)
    manifest = json.loads(files.pop(shards.MANIFEST))
    assert manifest["shard"] == "4" and manifest["stdkit"] == __version__
    assert len(manifest["collection"]) == 16
    files.pop(".stdkit-output")  # the marker of a folder stdkit may replace, like any build output
    assert sorted(manifest["files"]) == sorted(files)
    pages = {p for p in files if p.startswith("standards/")}
    assert pages == {doc_uri(e).removesuffix(".md") + ".html" for e in mine}
    assert {p for p in files if p.startswith("sources/")} == {source_uri(e) for e in mine}
    assert not any(p.startswith(("assets/", "pagefind/", "categories/", "search/")) for p in files)
    assert "index.html" not in files and "sitemap.xml" not in files
    index = json.loads(files["blueprints/index.json"])
    refs = {item["document"]["ref"] for item in index["blueprints"]}
    assert refs and refs <= {e.ref for e in mine}
    assert all(
        p.split("/")[1] in {e.document.id for e in mine}
        for p in files
        if p.startswith("blueprints/") and p != "blueprints/index.json"
    )
    single = _tree(built / "single")
    for path in pages | {p for p in files if p.startswith("blueprints/") and p != "blueprints/index.json"}:
        assert files[path] == single[path], path  # a shard's page is the single build's page


def test_the_crosswalk_page_is_built_by_the_new_editions_shard(built: Path) -> None:
    """The 新旧版本对照表 into 电工 2018 is rendered by shard 6 (the expensive part), not by the merge."""
    page = "crosswalks/6-31-01-03_2009_2018.html"
    manifest = json.loads((built / "shards" / "6" / shards.MANIFEST).read_text(encoding="utf-8"))
    assert page in manifest["files"]
    assert (built / "shards" / "6" / page).read_bytes() == (built / "single" / page).read_bytes()
    assert not (built / "shards" / "4" / page).exists()


def test_a_shard_is_byte_identical_run_to_run(built: Path) -> None:
    status, _, err = _run(built, "build", "--shard", "special", "--out", "again/special")
    assert status == 0, err
    assert _tree(built / "again" / "special") == _tree(built / "shards" / "special")


@pytest.mark.slow
def test_a_large_collection_merges_equal_too(tmp_path: Path) -> None:
    """Above the limits: navigation by category only, 大类 split by 中类, the search index in parts (the merge
    indexes the assembled pages in the same parts as the single build)."""
    from stdkit.site import pages, search
    from stdkit.site.pages import urls

    root = _samples(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "NAV_LIMIT", 3)
        patch.setattr(pages, "PAGE_LIMIT", 2)
        patch.setattr(search, "PART_PAGES", 3)
        _build_all(root)
    assert not (root / "merged" / "search").exists()
    for built in ("single", "merged"):
        assert (root / built / "pagefind" / "part-2" / "pagefind-entry.json").is_file()
    assert (root / "merged" / urls.SPECIALS_URI.replace(".md", ".html")).is_file()
    _assert_same(root / "single", root / "merged")


# -- refusals ------------------------------------------------------------------------------------------


def _refused(root: Path, *args: str | Path) -> str:
    status, out, err = _run(root, "build", *args, "--out", "refused")
    assert status == 1, out + err
    assert not (root / "refused").exists()
    return err


def _copy_shard(built: Path, name: str, to: Path) -> Path:
    folder = to / name
    shutil.copytree(built / "shards" / name, folder)
    return folder


def _edit_manifest(folder: Path, **changes: str) -> None:
    path = folder / shards.MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_merge_refuses_a_shard_given_twice(built: Path) -> None:
    err = _refused(built, "--merge", "shards/4", "shards/6", "shards/special", "shards/4")
    assert "shard 4 is given twice" in err and "give each shard once" in err


def test_merge_refuses_a_missing_shard(built: Path) -> None:
    err = _refused(built, "--merge", "shards/4", "shards/6")
    assert "shards missing: special" in err and "stdkit build --shard NAME" in err


def test_merge_refuses_a_folder_that_is_not_a_shard(built: Path) -> None:
    err = _refused(built, "--merge", "shards/4", "shards/6", "single")
    assert "is not a shard's output" in err and shards.MANIFEST in err


def test_merge_refuses_another_stdkit_version(built: Path, tmp_path: Path) -> None:
    other = _copy_shard(built, "6", tmp_path)
    _edit_manifest(other, stdkit="0.0.1")
    err = _refused(built, "--merge", "shards/4", other, "shards/special")
    assert "was built by stdkit 0.0.1" in err and "same version" in err


def test_merge_refuses_a_shard_of_another_collection(built: Path, tmp_path: Path) -> None:
    """A document changed after the shards were built: they no longer match the files."""
    root = tmp_path / "repo"
    shutil.copytree(built / "standards", root / "standards")
    shutil.copytree(built / "docs_site", root / "docs_site")
    shutil.copy(built / "mkdocs.yml", root / "mkdocs.yml")
    changed = sorted((root / "standards").glob("4-*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# edited after the shards were built\n")
    given = [built / "shards" / n for n in ("4", "6", "special")]
    err = _refused(root, "--merge", *given)
    assert "was built from another collection" in err and "same commit" in err


def test_merge_refuses_a_file_changed_after_the_shard_was_built(built: Path, tmp_path: Path) -> None:
    other = _copy_shard(built, "special", tmp_path)
    page = next((other / "standards").rglob("*.html"))
    page.write_text("<p>defaced</p>", encoding="utf-8")
    err = _refused(built, "--merge", "shards/4", "shards/6", other)
    assert "missing or changed since the shard was built" in err


def test_merge_refusals_speak_chinese_by_default(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STDKIT_LANG")
    err = _refused(built, "--lang", "zh", "--merge", "shards/4", "shards/4", "shards/6", "shards/special")
    assert "分片 4 出现了两次" in err


def test_an_unknown_shard_is_refused(built: Path) -> None:
    err = _refused(built, "--shard", "9")
    assert "there is no shard 9" in err and "4, 6, special" in err


def test_shard_and_merge_need_an_output_folder(built: Path) -> None:
    status, _, err = _run(built, "build", "--shard", "4")
    assert status == 2 and "need --out" in err


def test_a_shard_folder_follows_the_output_rules(built: Path, tmp_path: Path) -> None:
    status, _, err = _run(built, "build", "--shard", "4", "--out", tmp_path / "outside")
    assert status == 2 and "outside the repository" in err
    status, _, err = _run(built, "build", "--shard", "4", "--out", "standards")
    assert status == 2


def test_merge_refuses_an_unreadable_manifest(built: Path, tmp_path: Path) -> None:
    other = _copy_shard(built, "special", tmp_path)
    (other / shards.MANIFEST).write_text("{not json", encoding="utf-8")
    err = _refused(built, "--merge", "shards/4", "shards/6", other)
    assert "cannot be read" in err and "build that shard again" in err
