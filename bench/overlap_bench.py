"""Time the overlap check (OVL7xx) alone, in-process, on the benchmark corpus of N documents.

    PYTHONPATH=src .venv/bin/python bench/overlap_bench.py 1000 5000

The corpus is ``bench/corpus.py``'s (real 大典 occupations, composed Chinese work content, ~1 %
planted near-copies of every kind); it is written to a temporary folder and loaded as usual, and
only ``overlap.check`` is timed, so this is the script to profile the rule with. A quadratic check
would take 25 times as long for 5000 documents as for 1000.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # a sibling script: bench/ is a folder of scripts, not a package
from stdkit.checks import overlap
from stdkit.collection import Collection, load_entry
from stdkit.config import Config
from stdkit.discovery import discover


def bench(n: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus.write(n, folder)
        files, _ = discover([folder / "standards"])
        entries = [entry for entry, _, _ in (load_entry(f, folder) for f in files) if entry is not None]
        assert len(entries) == n, f"only {len(entries)} of {n} synthetic documents are valid"
        collection = Collection(tuple(entries), Config.default(folder))
        start = time.perf_counter()
        found = list(overlap.check(collection))
        elapsed = time.perf_counter() - start
    return elapsed, len(found), sum(1 for d in found if d.code == "OVL704")


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 5000]
    print("| documents | overlap check (s) | findings | near-duplicate work (OVL704) |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        elapsed, findings, near = bench(n)
        print(f"| {n} | {elapsed:.2f} | {findings} | {near} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
