"""A long fuzz campaign against the loader: N mutated documents, seeded, over every core.

    PYTHONPATH=src python bench/fuzz_campaign.py [CASES] [--seed S] [--workers W] [--validate-every K]
    PYTHONPATH=src python bench/fuzz_campaign.py 30000 --structured --compare-cache-every 15

``--structured`` takes the structure-aware mutations of tests/fuzz_structured.py instead (tags, anchors
and merge keys, huge numbers in every radix, deep nesting, long lines, full-width punctuation, BOM/NUL/CR,
duplicate keys): every case also goes through ``pipeline.validate`` (binding and the document rules), the
bound per case is 10 s, and every K-th case (``--compare-cache-every``) is checked in a small collection
three ways — ``check --no-cache``, then cached cold and warm — which must print the same.

Uses the mutations of tests/test_loader_hostile.py (one place for them). Every case goes through
``stdkit.load.parse``; every K-th case also through ``stdkit validate --format F`` (formats in
turn). A failure is an exception (reported by type and the innermost stdkit frame), a broken
invariant (a diagnostic outside the file, a message on two lines, unusable data without a
diagnostic, an exit status other than 0/1), or a bound exceeded: more than 1 s or more than
200 MB for one case. Prints cases run, distinct failures with one reproducer each (chunk seed and
case number), and wall time; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import collections
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import fuzz_structured  # noqa: E402  (after the path set-up)
from tests.test_loader_hostile import FORMATS, broken_invariants, cases  # noqa: E402

from stdkit.cli import main  # noqa: E402
from stdkit.config import Config  # noqa: E402
from stdkit.load import parse  # noqa: E402
from stdkit.run import pipeline  # noqa: E402

SECONDS_PER_CASE = 1.0
STRUCTURED_SECONDS_PER_CASE = (
    10.0  # a structured case runs binding and rules too (issue 32: no hang over 10 s)
)
MEGABYTES_PER_CASE = 200
CHUNK = 500


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _where(exc: BaseException) -> str:
    """Exception type and the innermost frame inside stdkit (or the innermost frame at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "stdkit" in f.filename] or frames
    top = ours[-1] if ours else None
    place = f"{Path(top.filename).name}:{top.lineno} {top.name}" if top else "?"
    return f"{type(exc).__name__} at {place}"


def _validate(raw: bytes, fmt: str, folder: Path) -> str | None:
    path = folder / "case.yaml"
    path.write_bytes(raw)
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        status = main(["validate", str(path), "--format", fmt])
    return None if status in (0, 1) else f"validate --format {fmt} exit {status}"


def _compare_cache(raw: bytes, folder: Path) -> str | None:
    """``check`` of a small collection holding the case: cached (cold, then warm) must print what
    ``--no-cache`` prints."""
    (folder / "standards" / "zz-case.yaml").write_bytes(raw)
    runs = []
    for flags in (["--no-cache"], [], []):
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            status = main(["check", "--format", "json", *flags])
        runs.append((status, out.getvalue()))
    if runs[0][0] not in (0, 1):
        return f"check exit {runs[0][0]}"
    if runs[1] != runs[0] or runs[2] != runs[0]:
        return "cache: a cached check differs from --no-cache"
    return None


def _collection(folder: Path) -> Path:
    """Three sample standards and stdkit.toml: where a case is checked with and without the cache."""
    (folder / "standards").mkdir(parents=True)
    for sample in sorted((ROOT / "standards").glob("*.yaml"))[:3]:
        (folder / "standards" / sample.name).write_bytes(sample.read_bytes())
    (folder / "stdkit.toml").write_text('[stdkit]\nstandards = ["standards"]\n', encoding="utf-8")
    os.chdir(folder)
    return folder


def chunk_seed(seed: int, chunk: int) -> int:
    """The seed of one chunk's stream: reproduce case K of it with ``list(cases(chunk_seed(S, C), K + 1))[K]``."""
    return seed * 1_000_003 + chunk


def run_chunk(job: tuple[int, int, int, int, bool, int]) -> tuple[int, list[tuple[str, int, int]]]:
    """One chunk of cases; returns (cases run, [(failure, chunk, case number in the chunk)])."""
    seed, chunk, count, validate_every, structured, compare_every = job
    failures: list[tuple[str, int, int]] = []
    stream = fuzz_structured.cases if structured else cases
    bound = STRUCTURED_SECONDS_PER_CASE if structured else SECONDS_PER_CASE
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        collection = _collection(folder / "collection") if compare_every else None
        config = Config.default(ROOT)
        for number, (_, raw) in enumerate(stream(chunk_seed(seed, chunk), count)):
            before = _rss_peak_mb()
            started = time.perf_counter()
            problem: str | None = None
            try:
                loaded = parse(raw, "case.yaml")
                broken = broken_invariants(raw, loaded.diagnostics)
                if broken:
                    problem = "invariant: " + broken[0].split(":")[0]
                elif not loaded.ok and not loaded.diagnostics:
                    problem = "invariant: unusable data without a diagnostic"
                elif validate_every and number % validate_every == 0:
                    problem = _validate(raw, FORMATS[number // validate_every % len(FORMATS)], folder)
                if problem is None and structured:
                    (folder / "case.yaml").write_bytes(raw)
                    report = pipeline.validate([folder / "case.yaml"], config)
                    broken = broken_invariants(raw, report.diagnostics)
                    problem = "invariant (validate): " + broken[0].split(":")[0] if broken else None
                if problem is None and collection is not None and number % compare_every == 0:
                    problem = _compare_cache(raw, collection)
            except MemoryError:
                problem = "bound: MemoryError"
            except Exception as exc:  # a campaign records every exception, whatever its type
                problem = _where(exc)
            elapsed = time.perf_counter() - started
            if problem is None and elapsed > bound:
                problem = f"bound: more than {bound:g} s"
            if problem is None and _rss_peak_mb() - before > MEGABYTES_PER_CASE:
                problem = f"bound: more than {MEGABYTES_PER_CASE} MB"
            if problem is not None:
                failures.append((problem, chunk, number))
        os.chdir(ROOT)
    return count, failures


def _limit_memory() -> None:
    """Cap each worker's address space so that a runaway case fails as MemoryError, not the machine."""
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    limit = pages * os.sysconf("SC_PAGE_SIZE") + 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main_campaign(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--validate-every", type=int, default=20, help="0: the loader only")
    parser.add_argument("--structured", action="store_true", help="the structure-aware mutations")
    parser.add_argument("--compare-cache-every", type=int, default=0, help="0: never")
    args = parser.parse_args(argv)
    jobs = [
        (
            args.seed,
            chunk,
            min(CHUNK, args.cases - start),
            args.validate_every,
            args.structured,
            args.compare_cache_every,
        )
        for chunk, start in enumerate(range(0, args.cases, CHUNK))
    ]
    started = time.perf_counter()
    run = 0
    found: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    with multiprocessing.Pool(args.workers, initializer=_limit_memory, maxtasksperchild=20) as pool:
        for count, failures in pool.imap_unordered(run_chunk, jobs):
            run += count
            for problem, chunk, number in failures:
                found[problem].append((chunk, number))
    wall = time.perf_counter() - started
    print(f"cases: {run:,}  distinct failures: {len(found)}  failing cases: {sum(map(len, found.values()))}")
    print(
        f"wall time: {wall:.1f} s ({args.workers} workers, seed {args.seed}, validate every {args.validate_every}"
        f"{', structured' if args.structured else ''}"
        f"{f', cache compared every {args.compare_cache_every}' if args.compare_cache_every else ''})"
    )
    for problem, where in sorted(found.items()):
        chunk, number = min(where)
        print(
            f"  {len(where):>6} × {problem}   e.g. chunk {chunk} case {number} (seed {chunk_seed(args.seed, chunk)})"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main_campaign())
