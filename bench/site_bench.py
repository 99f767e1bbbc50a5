"""Time the whole `stdkit build` (check + blueprints + workbooks + site + search index) on generated corpora.

    python bench/site_bench.py --count 300 1000        # one build per size, a Markdown table
    python bench/site_bench.py --count 10000 --keep    # keep the built folder to look at

The corpus comes from corpus.py (the benchmark's: real 大典 occupations, composed work content),
cached under --work like bench.py's, and copied into a temporary repository with the project's
mkdocs.yml, so nothing under the project's site/ or the shared corpus cache is touched.

Printed per size: documents, seconds for check and for build, pages, total bytes written, bytes
of blueprints (JSON + xlsx) and of latest/, the search bundle, the median and largest standard
page, and the size of what a first search downloads before any fragment (entry + meta + wasm +
the largest index chunk: an upper bound of the fixed part; the browser test measures a real query).
The lead's targets (not enforced): 10,000 documents in ≤ 5 min, growth 1k → 10k ≤ 11×, output
≤ 2.5 GB, median standard page ≤ 120 KB, first search ≤ 1 MB.
"""

from __future__ import annotations

import argparse
import logging
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402 - a sibling script, not a package
from stdkit import build as building  # noqa: E402
from stdkit import config as configuration  # noqa: E402
from stdkit.collection import Entry  # noqa: E402
from stdkit.run import pipeline  # noqa: E402
from stdkit.run.report import Report  # noqa: E402
from stdkit.site.pages import ANALYSES  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pool workers, Pagefind): the machine is shared."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _size(paths: object) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())  # type: ignore[attr-defined]


def corpus_for(count: int, work: Path) -> Path:
    folder = work / f"corpus-v{corpus.VERSION}-s7-n{count}"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        corpus.write(count, folder)
        (folder / "complete").write_text("")
    return folder


def repository(source: Path) -> Path:
    """A temporary repository of the corpus at ``source`` with the project's mkdocs.yml and docs_site/."""
    repo = Path(tempfile.mkdtemp(prefix="stdkit-site-bench-"))
    shutil.copytree(source / "standards", repo / "standards")
    shutil.copy(source / "stdkit.toml", repo / "stdkit.toml")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(ROOT / "docs_site", repo / "docs_site")
    return repo


def built_site(source: Path) -> tuple[Path, int]:
    """Check and build the corpus at ``source`` in a temporary repository: its site/ folder (left on disk)
    and the number of documents."""
    repo = repository(source)
    config = configuration.load(repo)
    report = pipeline.check(list(config.standards), config)
    built = building.build(report, repo / "site", include_drafts=False)
    return built.folder, len(report.collection.entries)


def measure(source: Path, label: str, keep: bool) -> None:
    repo = repository(source)
    try:
        config = configuration.load(repo)
        cpu_started = _cpu()
        started = time.perf_counter()
        # as `stdkit build` checks: headers only, each document read whole again by a build worker
        report = pipeline.check(list(config.standards), config, documents=False, analyses=ANALYSES)
        checked = time.perf_counter()
        built = building.build(cast("Report[Entry]", report), repo / "site", include_drafts=False)
        done = time.perf_counter()
        cpu = _cpu() - cpu_started
        out = built.folder
        files = list(out.rglob("*"))
        pages = [p for p in files if p.suffix == ".html"]
        standard_pages = sorted(p.stat().st_size for p in (out / "standards").rglob("*.html"))
        bundle = out / "pagefind"
        fixed = _size([bundle / "pagefind-entry.json", *bundle.glob("*.pf_meta"), *bundle.glob("wasm.*")])
        chunk = max((p.stat().st_size for p in (bundle / "index").iterdir()), default=0)
        monolithic = out / "search" / "search_index.json"
        print(
            f"| {label} | {len(report.collection.entries)} | {checked - started:.0f} s | {done - checked:.0f} s "
            f"| {done - started:.0f} s | {cpu:.0f} s | {len(pages)} | {_size(files) / 1e6:.0f} MB "
            f"| {_size((out / 'blueprints').rglob('*')) / 1e6:.0f} MB "
            f"| {_size((out / 'blueprints').glob('*/latest/**/*')) / 1e6:.2f} MB "
            f"| {_size(bundle.rglob('*')) / 1e6:.1f} MB | {(fixed + chunk) / 1e3:.0f} KB "
            f"| {statistics.median(standard_pages) / 1e3:.0f} KB | {standard_pages[-1] / 1e3:.0f} KB "
            f"| {monolithic.stat().st_size / 1e6 if monolithic.exists() else 0:.1f} MB |",
            flush=True,
        )
        if keep:
            print(f"kept: {out}")
    finally:
        if not keep:
            shutil.rmtree(repo, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, nargs="+", default=[300])
    parser.add_argument("--work", type=Path, default=Path("/tmp/stdkit-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the built repository")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    print(
        "| collection | documents | check | build | total (wall) | CPU (all processes) | pages | output | blueprints | latest/ "
        "| search bundle | first search (fixed) | median standard page | largest | monolithic index |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for count in args.count:
        measure(corpus_for(count, args.work), f"generated ({count})", args.keep)


if __name__ == "__main__":
    main()
