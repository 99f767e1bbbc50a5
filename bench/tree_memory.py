"""Peak memory of a command's whole process tree: summed RSS and summed PSS, sampled from /proc.

    python bench/tree_memory.py [--cwd DIR] -- stdkit check standards --format json

RSS counts a page once per process that maps it, so a parent and its forked workers, which share most
of their pages, add up to far more than the machine gives them; PSS (proportional set size, from
``/proc/PID/smaps_rollup``) divides each shared page among its sharers, so the tree's PSS is what it
really occupies. Sampled every 0.3 s (Linux only); the command's output is discarded. With
``--timeline FILE`` each sample is written there too (seconds, processes, the tree's PSS, the first
process's RSS), to see which stage of a command reaches the peak.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += _tree(int(child))
    except OSError:  # the process ended while we looked
        pass
    return found


def _kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cwd", default=".")
    parser.add_argument("--timeline", type=Path, default=None)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    process = subprocess.Popen(args.command, cwd=args.cwd, stdout=subprocess.DEVNULL)
    pss = rss = 0
    start = time.monotonic()
    timeline = args.timeline.open("w", encoding="utf-8") if args.timeline else None
    while process.poll() is None:
        pids = _tree(process.pid)
        now_pss = sum(_kib(pid, "Pss:") for pid in pids)
        pss = max(pss, now_pss)
        rss = max(rss, sum(_kib(pid, "Rss:") for pid in pids))
        if timeline is not None:
            first = _kib(pids[0], "Rss:")
            timeline.write(
                f"{time.monotonic() - start:8.1f} s  {len(pids):3d} processes  tree PSS {now_pss // 1024:6d} MB"
                f"  first RSS {first // 1024:6d} MB\n"
            )
            timeline.flush()
        time.sleep(0.3)
    if timeline is not None:
        timeline.close()
    print(f"exit {process.returncode}; tree peak PSS {pss / 1024:.0f} MB, tree peak RSS {rss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
