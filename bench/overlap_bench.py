"""Time the overlap check (OVL7xx) on N synthetic Chinese documents.

    .venv/bin/python bench/overlap_bench.py 1000 5000

Each document is a two-level occupational standard or evaluation spec with random work content
drawn from a vocabulary of Chinese words (about 48 skill lines); 2 % of them are near-copies of
another document with a few lines changed, and every 20th is a special competency. Documents are
written to a temporary folder and loaded as usual; only ``overlap.check`` is timed. A quadratic
check would take 25 times as long for 5000 documents as for 1000.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from stdkit.checks import overlap
from stdkit.collection import Collection, discover, load_entry
from stdkit.config import Config

_VOCABULARY = (
    "安装 调试 检修 维护 测量 检测 记录 分析 判断 排除 操作 设定 调整 更换 清洁 装配 拆卸 焊接 切割 打磨 "
    "电路 线路 电机 阀门 管道 仪表 设备 部件 轴承 齿轮 锅炉 水泵 风机 传感器 控制器 变压器 开关 电缆 "
    "照明 动力 低压 高压 液压 气动 数控 程序 图纸 工艺 参数 故障 质量 安全 标准 规范 报告 台账"
)
WORDS = _VOCABULARY.split()


def line(rng: random.Random) -> str:
    return "能" + "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 5)))


def document(index: int, rng: random.Random) -> str:
    code = f"6-{rng.randint(10, 30):02d}-{rng.randint(1, 9):02d}-{rng.randint(1, 9):02d}"
    levels = ("L5", "L4")
    body = [
        "kind: evaluation-spec",
        f"id: B-{index:05d}",
        'edition: "2024"',
        f"title: {''.join(rng.choice(WORDS) for _ in range(3))}{rng.choice(WORDS)}岗位评价规范",
        "status: published",
        f"issuer: 企业{index % 97}",
        "issued: 2024-01-01",
        "issuer_type: enterprise",
        "occupation:",
        f"  code: {code}",
        f"  name: {''.join(rng.choice(WORDS) for _ in range(2))}工",
        f"levels: [{', '.join(levels)}]",
        "assessment:",
        "  methods: {L5: [theory, skill], L4: [theory, skill]}",
        "basics:",
        "  ethics: {knowledge: [职业道德], code_of_conduct: [遵纪守法]}",
        "  knowledge: [{area: 基础知识, items: [安全知识]}]",
        "work:",
    ]
    for level in levels:
        body.append(f"  {level}:")
        for f in range(3):
            body += [f"    - function: 职能{level}{f}", "      contents:"]
            for c in range(2):
                skills = ", ".join(line(rng) for _ in range(4))
                body += [
                    f"        - name: 内容{f}{c}",
                    f"          skills: [{skills}]",
                    "          knowledge: [相关知识]",
                ]
    body.append("weights:")
    for kind in ("theory", "skill"):
        body.append(f"  {kind}:")
        for level in levels:
            fixed = "ethics: 5, basics: 25, " if kind == "theory" else ""
            rest = (70, 10, 20) if kind == "theory" else (40, 30, 30)
            columns = ", ".join(f"职能{level}{f}: {rest[f]}" for f in range(3))
            body.append(f"    {level}: {{{fixed}{columns}}}")
    return "\n".join(body) + "\n"


def special_document(index: int, rng: random.Random) -> str:
    units = "".join(
        f"  - name: 模块{u}\n    skills: [{', '.join(line(rng) for _ in range(4))}]\n    knowledge: [知识]\n"
        for u in range(2)
    )
    title = "".join(rng.choice(WORDS) for _ in range(3))
    return (
        f'kind: special-competency\nid: S-{index:05d}\nedition: "2024"\ntitle: {title}\nstatus: published\n'
        f"issuer: 鉴定中心\nissued: 2024-01-01\nunits:\n{units}assessment: {{methods: [skill]}}\n"
        "weights: {skill: {模块0: 50, 模块1: 50}}\n"
    )


def corpus(n: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    texts: list[str] = []
    for index in range(n):
        if index % 20 == 19:
            text = special_document(index, rng)
        elif texts and rng.random() < 0.02:  # a near-copy: another document under a new id, lines changed
            source = rng.choice([t for t in texts if t.startswith("kind: evaluation-spec")])
            lines = source.splitlines()
            lines[1] = f"id: B-{index:05d}"
            for k in rng.sample(range(len(lines)), 3):
                if "skills:" in lines[k]:
                    lines[k] = lines[k].replace("[能", "[能仔细", 1)
            text = "\n".join(lines) + "\n"
        else:
            text = document(index, rng)
        texts.append(text)
        (folder / f"doc{index:05d}.yaml").write_text(text, encoding="utf-8")


def bench(n: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus(n, folder)
        files, _ = discover([folder])
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
