"""A build holds one whole document at a time while it makes the pages, blueprints, workbooks and CASE packages
(issue 39): the check keeps headers only, and each document is read whole again, its outputs written and the
model let go. Before, the process held every bound model of the collection while it rendered them (5.3 GB at
10,000 documents).

Counted with a weak reference to every whole model bound (:func:`stdkit.collection.bind`'s result) and a look
at how many are alive each time a document's page or workbook is made. Eleven documents in the samples: fewer
than the pool's minimum, so everything runs in this process, where the hooks see it.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stdkit import collection, publish
from stdkit.site import pages
from stdkit.site.pages import document

from .conftest import ROOT, CliResult


def _samples(tmp_path: Path) -> Path:
    """A copy of the repository's collection (standards, crosswalks, releases, stdkit.toml) to build in."""
    root = tmp_path / "samples"
    root.mkdir()
    for name in ("standards", "crosswalks", "releases", "stdkit.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    return root


#: the document being rendered, and the two editions of a crosswalk read whole for its 对照表 (the samples')
AT_ONCE = 3


def test_the_page_and_blueprint_stage_holds_few_whole_documents_at_once(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _samples(tmp_path)
    documents = len(list((root / "standards").rglob("*.yaml")))
    assert documents > AT_ONCE + 5, "a collection large enough to tell one model at a time from all of them"

    bound: list[weakref.ref[Any]] = []
    seen: list[int] = []
    binding = getattr(collection, "bind")  # noqa: B009 - imported there, not exported

    def bind(*args: Any, **kwargs: Any) -> Any:
        made = binding(*args, **kwargs)
        if made[0] is not None:
            bound.append(weakref.ref(made[0]))
        return made

    def counted(function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            gc.collect()  # garbage is not held: only what something still refers to counts
            seen.append(sum(1 for ref in bound if ref() is not None))
            return function(*args, **kwargs)

        return run

    monkeypatch.setattr(collection, "bind", bind)
    # the page of each document (looked up in either module) and each level's workbook
    for module, name in ((pages, "document_page"), (document, "document_page"), (publish, "workbook")):
        monkeypatch.setattr(module, name, counted(getattr(module, name)))
    monkeypatch.setattr("stdkit.pool.cores", lambda: 1)  # every stage in this process, where the hooks count
    monkeypatch.chdir(root)
    status, _, err = cli("build")
    assert status == 0, err
    assert len(seen) >= documents, "every document's page was made with the hooks in place"
    assert max(seen) <= AT_ONCE, (
        f"whole documents alive while pages and blueprints were made: {sorted(set(seen))}"
    )


def test_workers_replaced_every_few_documents_build_the_same_site(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's workers are replaced every :data:`stdkit.build.WORKER_DOCUMENTS` documents (a worker's memory
    grows with what it made): the site is the same, byte for byte, whatever the batches."""
    from stdkit import build, pool

    root = _samples(tmp_path)
    monkeypatch.chdir(root)
    status, _, err = cli("build", "--out", "one")
    assert status == 0, err
    pools: list[int] = []
    mapping = pool.forked_map

    def counted(function: Callable[[Any], Any], items: Any, **options: Any) -> Any:
        if function.__qualname__.startswith("documents."):  # the build's workers, not the check's
            pools.append(len(items))
        return mapping(function, items, **options)

    monkeypatch.setattr(build, "WORKER_DOCUMENTS", 3)
    monkeypatch.setattr(publish, "POOL_MIN", 1)  # a pool for every batch, as at national scale
    monkeypatch.setattr(pool, "forked_map", counted)
    status, _, err = cli("build", "--out", "batches")
    assert status == 0, err
    documents = len(list((root / "standards").rglob("*.yaml")))
    assert pools == [3] * (documents // 3) + ([documents % 3] if documents % 3 else [])

    assert _tree(root / "batches") == _tree(root / "one")


def test_a_rebuild_answers_its_check_from_the_cache_and_builds_the_same_site(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, examined: list[str]
) -> None:
    """The build checks with headers only, as `stdkit check` does, so an unchanged collection's check is the
    kept answer (no document examined again); the site is the same as with ``--no-cache``, which reads all
    (the change feed too, which reads the released editions whole through the report's collection)."""
    root = _samples(tmp_path)
    monkeypatch.setattr(
        "stdkit.pool.cores", lambda: 1
    )  # the check's stage in this process, where it is counted
    monkeypatch.chdir(root)
    documents = len(list((root / "standards").rglob("*.yaml")))

    def built(*options: str) -> int:
        examined.clear()
        status, _, err = cli("build", *options)
        assert status == 0, err
        return len(examined)

    assert built("--out", "first") == documents
    assert built("--out", "again") == 0
    assert built("--out", "uncached", "--no-cache") == documents

    first = _tree(root / "first")
    assert any(path.startswith("changes/") for path in first) and len(first) > 60
    assert _tree(root / "again") == first == _tree(root / "uncached")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_lineage_is_written_by_a_child_while_the_site_is_built_and_is_the_same(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """mkdocs keeps one core busy: the lineage (a minute of one process at 10,000 documents) is written by a
    forked child meanwhile, not after it — and the site is the same as one whose lineage this process wrote."""
    import os

    from stdkit import pool

    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core here: nothing can run beside the site")
    root = _samples(tmp_path)
    monkeypatch.chdir(root)
    children: list[bool] = []
    background = pool.Background

    class Noted(background):  # type: ignore[valid-type,misc]  # a subclass of the generic class, as built
        def __init__(self, function: Callable[[], Any]) -> None:
            super().__init__(function)
            children.append(self.forked)

    monkeypatch.setattr(pool, "Background", Noted)
    status, _, err = cli("build", "--out", "beside")
    assert status == 0, err
    assert children == [True], "the lineage was written in this process, after the site"

    monkeypatch.setattr(pool, "cores", lambda: 1)
    status, _, err = cli("build", "--out", "after")
    assert status == 0, err
    assert children == [True, False]
    beside = _tree(root / "beside")
    assert any(path.startswith("lineage/") for path in beside)
    assert beside == _tree(root / "after")
