"""The search index is fed page by page to Pagefind's service: whole, the same bytes every build, errors said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stdkit import config as configuration
from stdkit.site import search
from stdkit.site.build import SiteBuildError, build_site

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_site_is_the_same_bytes_build_after_build(tmp_path: Path) -> None:
    config = configuration.load(ROOT)
    build_site(config, tmp_path / "a")
    build_site(config, tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    bundle = [name for name in first if name.startswith(f"{search.BUNDLE}/")]
    assert all(search._whole(tmp_path / "a" / name, len(first[name])) for name in bundle)


def test_a_cut_index_file_is_not_taken_for_whole(tmp_path: Path) -> None:
    import gzip

    whole = tmp_path / "x.pf_fragment"
    whole.write_bytes(
        gzip.compress(
            b"pagefind_dcd"
            + bytes(range(256)) * 50
            + b"".join(bytes([n % 251]) * (n % 7) for n in range(5000))
        )
    )
    cut = tmp_path / "y.pf_fragment"
    cut.write_bytes(whole.read_bytes()[:100])
    empty = tmp_path / "pagefind-entry.json"
    empty.write_bytes(b"")
    assert search._whole(whole, whole.stat().st_size)
    assert not search._whole(cut, cut.stat().st_size)
    assert not search._whole(empty, 0)


def test_an_indexer_that_dies_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda: broken)
    with pytest.raises(SiteBuildError, match="search indexer"):
        build_site(configuration.load(ROOT), tmp_path / "site")


def test_pages_queued_for_an_indexer_that_died_raise_its_error_and_never_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages go to Pagefind from a sender thread: when Pagefind is gone, adding more pages than the queue holds
    still returns, and the error is said (by a later add, or by write), with nothing left behind."""
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(search, "executable", lambda: broken)
    monkeypatch.setattr(search, "QUEUED_PAGES", 2)
    indexer = search.Indexer(tmp_path / "scratch")
    with pytest.raises(search.SearchIndexError):
        for number in range(50):
            indexer.add(f"p{number}.html", "<html><body><p>x</p></body></html>")
        indexer.write(tmp_path / "site")
    indexer.close()
    assert not (tmp_path / "site" / search.BUNDLE).exists() and not (tmp_path / "scratch").exists()


def test_the_index_holds_what_pagefind_reads_from_the_written_pages(tmp_path: Path) -> None:
    """Pages are indexed from their article before the theme wraps them: the same records as Pagefind's own crawl."""
    import subprocess

    site = tmp_path / "site"
    build_site(configuration.load(ROOT), site)
    crawl = tmp_path / "crawl"
    subprocess.run(
        [
            str(search.executable()),
            "--site",
            str(site),
            "--output-path",
            str(crawl),
            "--exclude-selectors",
            search.EXCLUDE,
            "--keep-index-url",
            "--silent",
        ],
        check=True,
        capture_output=True,
    )
    assert _files(site / search.BUNDLE / "fragment") == _files(crawl / "fragment")  # every page's record
    assert (site / search.BUNDLE / "pagefind-entry.json").read_text().count('"page_count"') == 1


def test_a_large_index_is_written_in_parts_the_search_page_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One Pagefind process at a time holds a part (a national index in one process held gigabytes): the
    pages are the same records, split in order; the other parts keep their index only; parts.js names them."""
    config = configuration.load(ROOT)
    whole = tmp_path / "whole"
    build_site(config, whole)
    monkeypatch.setattr(search, "PART_PAGES", 4)
    parted = tmp_path / "parted"
    build_site(config, parted)
    bundle = parted / search.BUNDLE
    records = len(_files(whole / search.BUNDLE / "fragment"))
    parts = sorted(p.name for p in bundle.glob("part-*"))
    assert parts == [f"part-{n}" for n in range(2, 2 + len(parts))] and len(parts) == (records - 1) // 4
    script = (bundle / search.PARTS_SCRIPT).read_text(encoding="utf-8")
    assert script == f"window.skSearchParts = {json.dumps([f'{p}/' for p in parts])};\n"
    assert len(_files(bundle / "fragment")) == 4
    assert sum(len(_files(bundle / p / "fragment")) for p in parts) == records - 4
    for part in parts:
        kept = sorted(p.name for p in (bundle / part).iterdir())
        assert kept[:3] == ["fragment", "index", "pagefind-entry.json"] and len(kept) == 4
        assert kept[3].endswith(".pf_meta")  # its language's meta; the scripts and WebAssembly are the first's
    page = (parted / "search.html").read_text(encoding="utf-8")
    assert f'<script src="{search.BUNDLE}/{search.PARTS_SCRIPT}"></script>' in page and "mergeIndex: parts" in page
    assert not (tmp_path / "parted-pagefind").exists()  # the parts' scratch folder is gone
    # a small collection is one part, as before
    assert (whole / search.BUNDLE / search.PARTS_SCRIPT).read_text() == "window.skSearchParts = [];\n"
    assert not list((whole / search.BUNDLE).glob("part-*"))
