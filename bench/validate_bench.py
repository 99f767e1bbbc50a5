"""Generate a corpus of N standards from the samples and time `stdkit validate` / `stdkit check` over it.

    python bench/validate_bench.py --count 1000 --out bench/corpus
    time stdkit validate bench/corpus

Each generated document is a sample with a new id and lightly varied text, so the cross-check
sees realistic (not identical) content. The corpus folder is ignored by git.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = "安装调试检修维护测量检测诊断装配运行巡视操作"


def vary(text: str, rng: random.Random) -> str:
    """Swap a few characters inside skill lines so documents are similar but not identical."""

    def swap(match: re.Match[str]) -> str:
        line = match.group(0)
        return line.replace("能", "能" + rng.choice(WORDS), 1) if rng.random() < 0.3 else line

    return re.sub(r"能[^,\]\n]+", swap, text)


def generate(count: int, out: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    samples = sorted((ROOT / "standards").glob("*.yaml"))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for index in range(count):
        source = samples[index % len(samples)]
        text = source.read_text(encoding="utf-8")
        old_id = re.search(r"^id: (\S+)", text, re.MULTILINE)
        assert old_id is not None
        new_id = f"B{index:05d}-{old_id.group(1)}"
        text = text.replace(f"id: {old_id.group(1)}", f"id: {new_id}", 1)
        text = re.sub(r"^supersedes: .*$", "", text, flags=re.MULTILINE)
        text = re.sub(r"^basis: .*$", "", text, flags=re.MULTILINE)
        text = text.replace("../schema/", "../../schema/", 1)
        (out / f"{new_id}.yaml").write_text(vary(text, rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpus")
    args = parser.parse_args()
    generate(args.count, args.out)
    print(f"wrote {args.count} documents to {args.out}")


if __name__ == "__main__":
    main()
