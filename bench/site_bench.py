"""Time the site build (check + mkdocs with the stdkit plugin) for the samples and a generated corpus.

    python bench/site_bench.py --count 300

The corpus comes from corpus.py (the benchmark's: real 大典 occupations, composed work content) and is
built with the repository's mkdocs.yml into a temporary folder; nothing under site/ is touched.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402 - a sibling script, not a package
from stdkit import config as configuration  # noqa: E402
from stdkit import pipeline  # noqa: E402
from stdkit.site.build import build_site  # noqa: E402


def measure(config: configuration.Config, label: str) -> None:
    out = Path(tempfile.mkdtemp(prefix="stdkit-site-bench-"))
    try:
        started = time.perf_counter()
        report = pipeline.check(list(config.standards), config)
        checked = time.perf_counter()
        build_site(config, out, report=report)
        done = time.perf_counter()
        pages = sum(1 for _ in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        index = (out / "search" / "search_index.json").stat().st_size
        print(
            f"| {label} | {len(report.collection.entries)} | {pages} | {checked - started:.1f} s "
            f"| {done - checked:.1f} s | {done - started:.1f} s | {size / 1e6:.1f} MB | {index / 1e6:.1f} MB |"
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    print("| collection | documents | pages | check | site build | total | site size | search index |")
    print("|---|---|---|---|---|---|---|---|")
    measure(configuration.load(ROOT), "samples")
    with tempfile.TemporaryDirectory(prefix="stdkit-site-corpus-") as folder:
        root = Path(folder)
        corpus.write(args.count, root)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs_site", root / "docs_site")
        measure(configuration.Config.default(root), f"generated ({args.count})")


if __name__ == "__main__":
    main()
