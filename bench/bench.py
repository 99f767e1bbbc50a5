"""One benchmark run: floor, validate, check (cold, warm, one edit) and check-jsonschema over N documents.

    python bench/bench.py                          # N = 1000 and 10000, 3 runs each, median reported
    python bench/bench.py --sizes 50 --runs 1      # a quick look, well under a minute
    python bench/bench.py --sizes 10000 --runs 1 --skip-peer --out results-10k.json

For each N the corpus comes from ``bench/corpus.py`` (cached under ``--work`` by seed and N), then each
command runs as a subprocess of a fresh helper process, so that the helper's
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the peak of that command alone; the helper also samples
the summed RSS of the whole process tree from /proc (a process pool's workers add up). Measured:

- floor: libyaml's CSafeLoader loading every file, split over two processes (what parsing alone costs);
- ``stdkit validate``; ``stdkit check`` cold (``.stdkit-cache/`` deleted first, ``--no-cache`` when the
  CLI has it), warm (nothing changed), after editing one line of one file (a skill line) and after
  editing its title (a header edit);
- check-jsonschema (the peer) with stdkit's own ``schema/*.schema.json``, one invocation per kind.

Recall and false positives come from the cold check's ``--format json`` output against the corpus's
``truth.json``. Targets are printed beside the numbers, not enforced. The peer is optional:
``pip install check-jsonschema`` (see bench/README.md); without it its rows say how to get it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import itertools
import json
import multiprocessing
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402 - a sibling script, not a package

CACHE_DIR = ".stdkit-cache"
KINDS = ("occupational-standard", "evaluation-spec", "special-competency")
PEER = "check-jsonschema"
PEER_INSTALL = f"{sys.executable} -m pip install check-jsonschema"
#: (label, target, comparison): printed beside the numbers, never enforced.
TARGETS = {
    "cold_over_floor": ("cold check / floor", 1.5, "≤"),
    "warm": ("warm check (s)", 1.0, "≤"),
    "one_edit": ("check after one edit (s)", 1.5, "≤"),
    "header_edit": ("check after one header edit (s)", 1.5, "≤"),
    "peak_mb": ("peak RSS of any stdkit command (MB)", 1024, "≤"),
    "peer_over_check": ("check-jsonschema / cold check", 10, "≥"),
    "growth": ("cold check growth per 10× documents", 10.5, "≤"),
    "recall": ("recall of planted near-copies (%)", 98, "≥"),
    "false_positives": ("findings on planted distinct pairs", 0, "≤"),
}


# ------------------------------------------------------------------------------------- helper process


def _tree_rss(pid: int, page: int) -> int:
    """Summed RSS in bytes of ``pid`` and its descendants (Linux /proc; 0 where unavailable)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue  # the process ended between two reads
    return total


def measure_here(commands: list[list[str]], cwd: str, stdout: str | None) -> dict[str, object]:
    """Run ``commands`` one after the other as children of this process; wall, peaks and exit statuses."""
    import resource

    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    tree_peak, statuses = 0, []
    out = Path(stdout).open("wb") if stdout else subprocess.DEVNULL  # noqa: SIM115 - closed below
    started = time.perf_counter()
    try:
        for command in commands:
            child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
            while child.poll() is None:
                tree_peak = max(tree_peak, _tree_rss(child.pid, page))
                time.sleep(0.02)
            statuses.append(child.returncode)
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    wall = time.perf_counter() - started
    # ru_maxrss is the peak of the largest single descendant, in KiB on Linux
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall": wall, "peak_mb": peak_kib / 1024, "tree_peak_mb": tree_peak / 2**20, "status": statuses}


def measure(commands: list[list[str]], cwd: Path, stdout: Path | None = None) -> dict[str, object]:
    """``measure_here`` in a fresh helper, so the peak RSS belongs to these commands only."""
    request = json.dumps({"commands": commands, "cwd": str(cwd), "stdout": str(stdout) if stdout else None})
    # on stdin: the peer's file lists at 10,000 documents are longer than one argument may be (128 KiB)
    done = subprocess.run(
        [sys.executable, __file__, "--measure", "-"],
        input=request,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------- floor


def _load_chunk(paths: list[str]) -> int:
    import yaml

    for path in paths:
        with Path(path).open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return len(paths)


def floor(folder: Path) -> int:
    """Load every YAML file under ``folder`` with libyaml, over two processes: the least any tool must do."""
    files = [str(p) for p in sorted(folder.rglob("*.yaml"))]
    chunks = [files[0::2], files[1::2]]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        return sum(pool.map(_load_chunk, chunks))


# ------------------------------------------------------------------------------------- the run


def stdkit_command() -> tuple[list[str], dict[str, str]]:
    """How to run the stdkit this interpreter imports (a worktree's src/ on PYTHONPATH is kept)."""
    spec = importlib.util.find_spec("stdkit")
    if spec is None or spec.origin is None:
        raise SystemExit("bench: stdkit is not importable; install it or set PYTHONPATH=src")
    source = str(Path(spec.origin).parent.parent)
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = source + (os.pathsep + env_path if env_path else "")
    return [sys.executable, "-m", "stdkit.cli"], {"stdkit": source}


def has_no_cache(stdkit: list[str]) -> bool:
    done = subprocess.run([*stdkit, "check", "--help"], capture_output=True, text=True, check=False)
    return "--no-cache" in done.stdout


def ensure_corpus(n: int, seed: int, work: Path, many: bool = False) -> Path:
    """The corpus for (generator version, seed, N, shape), generated once; a ``complete`` marker guards
    half-written ones. ``many``: the many-findings shape (``corpus.py --many-findings``)."""
    folder = work / f"corpus-v{corpus.VERSION}-s{seed}-n{n}{'-many' if many else ''}"
    if (folder / "complete").is_file():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    copies, family = corpus.MANY_FINDINGS if many else (corpus.SHARE_COPIES, 2)
    corpus.write(n, partial, seed, copies, family)
    (partial / "complete").write_text("", encoding="utf-8")
    partial.rename(folder)
    return folder


def drop_cache(folder: Path) -> None:
    shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)


@contextlib.contextmanager
def one_line_edit(folder: Path) -> Iterator[Path]:
    """The standard whose skill line the one-edit runs reword; its original text is restored afterwards."""
    target = next(iter(sorted((folder / "standards").glob("[0-9]*.yaml"))))
    original = target.read_text(encoding="utf-8")
    try:
        yield target
    finally:
        target.write_text(original, encoding="utf-8")


def toggle_edit(target: Path, run: int) -> None:
    """Reword the first skill line into a state never seen before (能… → 能（修订<ns>）…): one changed file
    each run. Alternating between two texts would let the collection memo answer from the last-but-one
    run, which is not what an edit costs."""
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"- 能(（修订\d+）)?", f"- 能（修订{time.time_ns()}）", text, count=1)
    target.write_text(text, encoding="utf-8")


def toggle_title(target: Path, run: int) -> None:
    """A header edit: the title gets a suffix never seen before (…（第<ns>次修订）)."""
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(title: .*?)(（第\d+次修订）)?$", rf"\1（第{time.time_ns()}次修订）", text, count=1)
    target.write_text(text, encoding="utf-8")


def edited(runs: int, folder: Path, command: list[str], stdkit: list[str]) -> dict[str, object]:
    """``command`` timed after a skill line of one standard changed, then after its title changed; then
    what a commit of that one file runs: the hook of .pre-commit-hooks.yaml, ``stdkit check FILE`` (the
    staged file's findings of the whole collection)."""
    with one_line_edit(folder) as target:
        shown = str(target.relative_to(folder))
        hooks = [[*stdkit, "check", shown]]
        return {
            "check_one_edit": repeat(runs, [command], folder, before=lambda run: toggle_edit(target, run)),
            "check_header_edit": repeat(
                runs, [command], folder, before=lambda run: toggle_title(target, run)
            ),
            "pre_commit": repeat(runs, hooks, folder, before=lambda run: toggle_edit(target, run)),
            "edited_file": shown,
        }


def repeat(
    runs: int, commands: list[list[str]], cwd: Path, before: object = None, stdout: Path | None = None
) -> dict[str, object]:
    samples = []
    for run in range(runs):
        if callable(before):
            before(run)
        samples.append(measure(commands, cwd, stdout if run == 0 else None))
    walls = [float(s["wall"]) for s in samples]  # type: ignore[arg-type]
    return {
        "wall": statistics.median(walls),
        "walls": walls,
        "peak_mb": max(float(s["peak_mb"]) for s in samples),  # type: ignore[arg-type]
        "tree_peak_mb": max(float(s["tree_peak_mb"]) for s in samples),  # type: ignore[arg-type]
        "status": samples[0]["status"],
        "commands": [shlex.join(c) for c in commands],
    }


def peer_commands(folder: Path) -> list[list[str]] | None:
    executable = shutil.which(PEER) or shutil.which(PEER, path=str(Path(sys.executable).parent))
    if executable is None:
        return None
    commands = []
    for kind in KINDS:
        files = sorted(
            f"standards/{p.name}"
            for p in (folder / "standards").glob("*.yaml")
            if f"\nkind: {kind}\n" in "\n" + p.read_text(encoding="utf-8")[:200]
        )
        if files:
            schema = str(ROOT / "schema" / f"{kind}.schema.json")
            commands.append([executable, "--schemafile", schema, *files])
    return commands


# ------------------------------------------------------------------------------------- recall


_PATH_IN_MESSAGE = re.compile(r"([\w./-]+\.ya?ml):\d+")


def reported_pairs(report: dict[str, object]) -> dict[frozenset[str], set[str]]:
    """Pairs of files that an overlap finding (OVL7xx) links, with the codes that link them."""
    pairs: dict[frozenset[str], set[str]] = {}
    for diagnostic in report["diagnostics"]:  # type: ignore[attr-defined]
        if not diagnostic["code"].startswith("OVL"):
            continue
        here = Path(diagnostic["path"]).name
        for other in _PATH_IN_MESSAGE.findall(diagnostic["message"]):
            if Path(other).name != here:
                pairs.setdefault(frozenset((here, Path(other).name)), set()).add(diagnostic["code"])
    return pairs


def score(report: dict[str, object], truth: dict[str, object]) -> dict[str, object]:
    pairs = reported_pairs(report)
    by_kind: dict[str, dict[str, object]] = {}
    planted: set[frozenset[str]] = set()
    for copy in truth["near_copies"]:  # type: ignore[attr-defined]
        key = frozenset((Path(copy["source"]).name, Path(copy["copy"]).name))
        planted.add(key)
        label = copy["kind"] if copy["kind"] == copy["copy_kind"] else f"{copy['kind']} → {copy['copy_kind']}"
        row = by_kind.setdefault(label, {"planted": 0, "found": 0, "codes": {}, "missed": []})
        row["planted"] += 1  # type: ignore[operator]
        if key in pairs:
            row["found"] += 1  # type: ignore[operator]
            for code in sorted(pairs[key]):
                row["codes"][code] = row["codes"].get(code, 0) + 1  # type: ignore[index,union-attr]
        else:
            row["missed"].append(copy["copy_ref"])  # type: ignore[union-attr]
    false_positives = []
    for pair in truth["distinct"]:  # type: ignore[attr-defined]
        key = frozenset((Path(pair["a"]).name, Path(pair["b"]).name))
        planted.add(key)
        if key in pairs:
            false_positives.append({"a": pair["a_ref"], "b": pair["b_ref"], "codes": sorted(pairs[key])})
    total = sum(int(r["planted"]) for r in by_kind.values())  # type: ignore[call-overload]
    found = sum(int(r["found"]) for r in by_kind.values())  # type: ignore[call-overload]
    others: dict[str, int] = {}
    for key, codes in pairs.items():
        if key not in planted:
            for code in codes:
                others[code] = others.get(code, 0) + 1
    return {
        "recall": 100 * found / total if total else None,
        "planted": total,
        "found": found,
        "by_kind": by_kind,
        "distinct_pairs": len(truth["distinct"]),  # type: ignore[arg-type]
        "false_positives": false_positives,
        "unplanted_pairs_reported": dict(sorted(others.items())),
    }


# ------------------------------------------------------------------------------------- one size


def bench_size(n: int, args: argparse.Namespace, stdkit: list[str], no_cache: bool) -> dict[str, object]:
    started = time.perf_counter()
    folder = ensure_corpus(n, args.seed, args.work, args.many_findings)
    generated = time.perf_counter() - started
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    runs = args.runs
    result: dict[str, object] = {"documents": n, "corpus": str(folder), "corpus_seconds": generated}
    result["kinds"] = truth["kinds"]
    result["bytes"] = sum(p.stat().st_size for p in (folder / "standards").glob("*.yaml"))
    log = print if args.verbose else (lambda *_: None)

    log(f"[{n}] floor")
    result["floor"] = repeat(runs, [[sys.executable, __file__, "--floor", "standards"]], folder)
    log(f"[{n}] validate")
    result["validate"] = repeat(runs, [[*stdkit, "validate", "standards"]], folder)
    check = [*stdkit, "check", "standards", "--format", "json"]
    cold = [*check, "--no-cache"] if no_cache else check
    report_file = args.work / f"check-s{args.seed}-n{n}{'-many' if args.many_findings else ''}.json"
    log(f"[{n}] check cold")
    result["check_cold"] = repeat(
        runs, [cold], folder, before=lambda _: drop_cache(folder), stdout=report_file
    )
    if no_cache:  # a cold run with --no-cache leaves no cache behind: prime it once, unmeasured
        measure([check], folder)
    # warm and one edit as a person runs it (the text report); the JSON report, which carries every
    # spec's coverage line by line (tens of MB at 10,000), is timed warm beside it
    text_check = [*stdkit, "check", "standards"]
    log(f"[{n}] check warm (text, then --format json)")
    result["check_warm"] = repeat(runs, [text_check], folder)
    result["check_warm_json"] = repeat(runs, [check], folder)
    log(f"[{n}] check after one edit, then after one header edit")
    result.update(edited(runs, folder, text_check, stdkit))
    if (folder / CACHE_DIR).exists():  # leave a cache that matches the restored corpus
        measure([check], folder)
    result["overlap"] = score(json.loads(report_file.read_text(encoding="utf-8")), truth)
    if args.skip_peer:
        result["peer"] = {"skipped": "--skip-peer"}
    else:
        commands = peer_commands(folder)
        if commands is None:
            result["peer"] = {"skipped": f"{PEER} is not installed: {PEER_INSTALL}"}
        else:
            log(f"[{n}] {PEER}")
            first = measure(commands, folder)
            if runs == 1 or float(first["wall"]) > args.peer_limit:  # type: ignore[arg-type]
                slow = float(first["wall"]) > args.peer_limit  # type: ignore[arg-type]
                result["peer"] = {**first, "walls": [first["wall"]]}
                if slow:
                    result["peer"]["note"] = f"one run only: over {args.peer_limit} s"  # type: ignore[index]
            else:
                result["peer"] = repeat(max(1, runs - 1), commands, folder)
                result["peer"]["walls"] = [first["wall"], *result["peer"]["walls"]]  # type: ignore[index]
                result["peer"]["wall"] = statistics.median(result["peer"]["walls"])  # type: ignore[index]
            result["peer"]["commands"] = [  # type: ignore[index]
                f"{shlex.join(c[:3])} <{len(c) - 3} files>" for c in commands
            ]
    return result


# ------------------------------------------------------------------------------------- report


def ratios(results: dict[str, dict[str, object]]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    sizes = sorted(results, key=int)
    for size in sizes:
        r = results[size]
        wall = {k: float(r[k]["wall"]) for k in ("floor", "check_cold", "check_warm", "check_one_edit")}  # type: ignore[index]
        peer = r["peer"]
        peer_wall = float(peer["wall"]) if "wall" in peer else None  # type: ignore[operator,index]
        peak = max(
            float(r[k][m])  # type: ignore[index]
            for k in ("validate", "check_cold", "check_warm", "check_one_edit")
            for m in ("peak_mb", "tree_peak_mb")
        )
        out[size] = {
            "cold_over_floor": wall["check_cold"] / wall["floor"],
            "warm": wall["check_warm"],
            "one_edit": wall["check_one_edit"],
            "header_edit": float(r["check_header_edit"]["wall"]) if "check_header_edit" in r else None,  # type: ignore[index]
            "peak_mb": peak,
            "peer_over_check": peer_wall / wall["check_cold"] if peer_wall else None,
            "recall": r["overlap"]["recall"],  # type: ignore[index]
            "false_positives": len(r["overlap"]["false_positives"]),  # type: ignore[index]
            "growth": None,
        }
    for small, large in itertools.pairwise(sizes):
        factor = int(large) / int(small)
        grown = float(results[large]["check_cold"]["wall"]) / float(results[small]["check_cold"]["wall"])  # type: ignore[index]
        # scaled to a tenfold step, so 1k → 10k reads directly and other steps compare
        out[large]["growth"] = grown ** (1 / _log10(factor)) if factor != 1 else None
    return out


def _log10(x: float) -> float:
    import math

    return math.log10(x)


def _s(value: object, digits: int = 2) -> str:
    return "—" if value is None else f"{float(value):.{digits}f}"  # type: ignore[arg-type]


def markdown(results: dict[str, dict[str, object]]) -> str:
    sizes = sorted(results, key=int)
    head = "| measure | " + " | ".join(f"N = {s}" for s in sizes) + " | target |"
    rule = "|---|" + "---:|" * len(sizes) + "---|"
    rows = [head, rule]

    def row(label: str, cells: list[str], target: str = "") -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    def timing(key: str, label: str, target: str = "") -> None:
        cells = []
        for s in sizes:
            m = results[s][key]
            if "wall" not in m:  # type: ignore[operator]
                cells.append(f"skipped ({m.get('skipped', '')})")  # type: ignore[union-attr]
                continue
            docs = int(s) / float(m["wall"])  # type: ignore[index]
            peak = max(float(m["peak_mb"]), float(m.get("tree_peak_mb", 0)))  # type: ignore[index,union-attr]
            cells.append(f"{_s(m['wall'])} s · {docs:,.0f} docs/s · {peak:,.0f} MB")  # type: ignore[index]
        row(label, cells, target)

    timing("floor", "floor: libyaml CSafeLoader, 2 processes")
    timing("validate", "`stdkit validate`")
    timing("check_cold", "`stdkit check` cold")
    timing("check_warm", "`stdkit check` warm (nothing changed)", "≤ 1 s")
    timing("check_warm_json", "`stdkit check --format json` warm (the report carries all coverage)")
    timing("check_one_edit", "`stdkit check` after a one-line edit", "≤ 1.5 s")
    timing("check_header_edit", "`stdkit check` after a one-line edit of the header (title)", "≤ 1.5 s")
    if all("pre_commit" in results[s] for s in sizes):
        timing(
            "pre_commit",
            "pre-commit on the edited file: `stdkit check FILE`",
            "≤ 0.5 s",
        )
    timing("peer", "check-jsonschema, 3 invocations (one per kind)")
    derived = ratios(results)
    for key, (label, target, relation) in TARGETS.items():
        if key in ("warm", "one_edit", "header_edit"):
            continue
        cells = [_s(derived[s][key], 1 if key != "false_positives" else 0) for s in sizes]
        row(label, cells, f"{relation} {target}")
    row(
        "near-copies found / planted",
        [f"{results[s]['overlap']['found']}/{results[s]['overlap']['planted']}" for s in sizes],  # type: ignore[index]
    )
    row(
        "unplanted pairs reported (by rule)",
        [
            ", ".join(f"{c} {k}" for c, k in results[s]["overlap"]["unplanted_pairs_reported"].items()) or "0"  # type: ignore[index]
            for s in sizes
        ],
    )
    lines = ["\n".join(rows), "", "Recall by kind of near-copy (source → copy):", ""]
    lines += [
        "| N | kind | found / planted | rules that found it | missed (first 3) |",
        "|---:|---|---:|---|---|",
    ]
    for s in sizes:
        for kind, r in results[s]["overlap"]["by_kind"].items():  # type: ignore[index]
            codes = ", ".join(f"{c} ×{k}" for c, k in r["codes"].items()) or "none"
            lines.append(
                f"| {s} | {kind} | {r['found']}/{r['planted']} | {codes} | {', '.join(r['missed'][:3])} |"
            )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated document counts (default 1000,10000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="repetitions per measurement; the median is reported"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--many-findings",
        action="store_true",
        help="the corpus with tens of thousands of overlap warnings at 10,000 (corpus.py --many-findings)",
    )
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/stdkit-bench"), help="corpus cache and reports"
    )
    parser.add_argument("--out", type=Path, default=Path("results.json"))
    parser.add_argument("--skip-peer", action="store_true", help=f"do not run {PEER}")
    parser.add_argument(
        "--peer-limit", type=float, default=300, help=f"seconds: a slower {PEER} is run once only"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="say which step is running")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: the helper process
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # internal: the floor's loader
    args = parser.parse_args(argv)
    if args.measure:
        request = json.loads(sys.stdin.read() if args.measure == "-" else args.measure)
        print(json.dumps(measure_here(request["commands"], request["cwd"], request["stdout"])))
        return 0
    if args.floor:
        floor(args.floor)
        return 0
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    stdkit, where = stdkit_command()
    no_cache = has_no_cache(stdkit)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict[str, dict[str, object]] = {}
    for n in sizes:
        results[str(n)] = bench_size(n, args, stdkit, no_cache)
        if args.out:  # what is measured so far survives a later size's failure
            Path(f"{args.out}.partial").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    table = markdown(results)
    print(table)
    if (
        not args.skip_peer
        and shutil.which(PEER) is None
        and not (Path(sys.executable).parent / PEER).exists()
    ):
        print(f"{PEER} is not installed; to compare with it: {PEER_INSTALL}")
    payload = {
        "command": shlex.join([sys.executable, *sys.argv])
        if argv is None
        else shlex.join(["bench.py", *argv]),
        "stdkit": where["stdkit"],
        "check_has_no_cache": no_cache,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "targets": {k: {"label": v[0], "target": v[1], "relation": v[2]} for k, v in TARGETS.items()},
        "derived": ratios(results),
        "sizes": results,
        "table": table,
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
