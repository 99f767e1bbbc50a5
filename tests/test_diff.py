"""stdkit diff: a semantic diff between two git revisions, golden Markdown and JSON.

Each test builds a small repository in a temporary folder: the base document
(tests/golden/diff/standard.yaml) is committed and tagged A, edited, committed and tagged B.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.diff import Verdict, diff_collections, match

from .conftest import GOLDEN, CliResult

BASE = (GOLDEN / "diff" / "standard.yaml").read_text(encoding="utf-8")
DOC = "standards/6-31-01-03_2018.yaml"

SPECIAL = """\
kind: special-competency
id: S-44-0099
edition: "2024"
title: 电动自行车电池维护
status: draft
issuer: 广东省人力资源和社会保障厅
units:
  - name: 蓄电池检测
    skills: [能检测蓄电池的电压和容量]
    knowledge: [蓄电池的特性]
  - name: 充电器检修
    skills: [能判断充电器常见故障]
    knowledge: [充电器的工作原理]
assessment: {methods: [skill], pass_mark: 60, ratios: {skill: 5}, durations: {skill: 90}}
weights: {skill: {蓄电池检测: 60, 充电器检修: 40}}
"""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        git(root, "init", "-q", "-b", "main")

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def edit(self, path: str, *replacements: tuple[str, str]) -> None:
        text = (self.root / path).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        self.write(path, text)

    def commit(self, tag: str) -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "--allow-empty", "-m", tag)
        git(self.root, "tag", tag)


@pytest.fixture
def repo(in_dir: Path) -> Repo:
    r = Repo(in_dir)
    r.write(DOC, BASE)
    r.commit("A")
    return r


#: One weight (L4 theory, keeping the column at 100), one skill line and the status.
SUBSTANTIVE = (
    ("status: published", "status: consultation"),
    ("电气安装和线路敷设: 45, 电气线路检修: 30", "电气安装和线路敷设: 50, 电气线路检修: 25"),
    ("能检修电动机控制电路的常见故障", "能使用兆欧表测量电动机绕组的绝缘电阻"),
)


def test_substantive_change_golden(
    repo: Repo, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    repo.edit(DOC, *SUBSTANTIVE)
    repo.commit("B")
    status, markdown, err = cli("diff", "A", "B")
    assert (status, err) == (0, "")
    golden("diff/substantive.md", markdown)
    status, out, _ = cli("diff", "A", "B", "--format", "json")
    assert status == 0
    golden("diff/substantive.json", out)
    data = json.loads(out)
    (document,) = data["documents"]
    assert document["verdict"] == "not-equivalent"
    changes = {(c["scope"], c["label"], c["old"], c["new"]) for c in document["changes"]}
    assert changes == {
        ("header", "status 状态", "published 已发布", "consultation 征求意见"),
        ("L4", "理论权重 · 电气安装和线路敷设", "45", "50"),
        ("L4", "理论权重 · 电气线路检修", "30", "25"),
        (
            "L4",
            "技能要求 · 电气线路检修 / 动力电路检修",
            "能检修电动机控制电路的常见故障",
            "能使用兆欧表测量电动机绕组的绝缘电阻",
        ),
    }
    assert "| 理论权重 · 电气安装和线路敷设 | 修改 | 45 → 50 | 是 |" in markdown
    assert "#### L4 四级/中级工" in markdown
    assert "supersedes" in markdown  # a published document changed in substance needs a new edition
    # Blueprint impact: the L4 theory paper moves 45 → 50 and 30 → 25 items.
    # The status is copied into every blueprint, so both change; only L4's item counts move.
    l5, l4 = document["blueprints"]
    assert (l5["level"], l5["items"], l4["level"]) == ("L5", [], "L4")
    assert {(i["section"], i["old"], i["new"]) for i in l4["items"]} == {
        ("电气安装和线路敷设", 45, 50),
        ("电气线路检修", 30, 25),
    }


def test_wording_only_is_equivalent(repo: Repo, cli: Callable[..., CliResult]) -> None:
    repo.edit(
        DOC,
        ("能根据电路图安装照明电路", "能根据电路图正确安装照明电路"),
        (
            "knowledge: [照明电路的安装方法, 电能表的接线方法]",
            "knowledge: [电能表的接线方法, 照明电路的安装方法]",
        ),
        (
            "profile:\n  environment: 室内、外，常温。",
            "profile:\n  environment: 室内、外，常温。\nnotes: 修订了措辞。",
        ),
    )
    repo.commit("B")
    status, out, _ = cli("diff", "A", "B", "--format", "json")
    assert status == 0
    (document,) = json.loads(out)["documents"]
    assert document["verdict"] == Verdict.EQUIVALENT.value
    actions = sorted((c["action"], c["substantive"]) for c in document["changes"])
    assert actions == [("added", False), ("changed", False), ("moved", False)]
    _, markdown, _ = cli("diff", "A", "B")
    assert "等效 (equivalent)" in markdown and "不等效" not in markdown


def test_added_removed_renamed(
    repo: Repo, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    repo.write("standards/S-44-0099_2024.yaml", SPECIAL)
    repo.commit("A2")
    git(repo.root, "mv", DOC, "standards/electrician.yaml")
    git(repo.root, "rm", "-q", "standards/S-44-0099_2024.yaml")
    repo.write("standards/S-44-0100_2024.yaml", SPECIAL.replace("S-44-0099", "S-44-0100"))
    repo.commit("B")
    status, markdown, _ = cli("diff", "A2", "B")
    assert status == 0
    golden("diff/added_removed_renamed.md", markdown)
    status, out, _ = cli("diff", "A2", "B", "--format", "json")
    actions = {(d["path"], d["action"], d["old_path"]) for d in json.loads(out)["documents"]}
    assert actions == {
        ("standards/S-44-0099_2024.yaml", "removed", None),
        ("standards/S-44-0100_2024.yaml", "added", None),
        ("standards/electrician.yaml", "renamed", DOC),
    }


def test_new_edition_with_supersedes_is_a_rename(repo: Repo, cli: Callable[..., CliResult]) -> None:
    git(repo.root, "mv", DOC, "standards/6-31-01-03_2025.yaml")
    repo.edit(
        "standards/6-31-01-03_2025.yaml",
        ('edition: "2018"', 'edition: "2025"\nsupersedes: 6-31-01-03@2018'),
        ("theory_items: 100", "theory_items: 90"),
    )
    repo.commit("B")
    status, out, _ = cli("diff", "A", "B", "--format", "json")
    assert status == 0
    (document,) = json.loads(out)["documents"]
    assert (document["action"], document["old_ref"], document["ref"]) == (
        "renamed",
        "6-31-01-03@2018",
        "6-31-01-03@2025",
    )
    assert document["verdict"] == "not-equivalent"
    assert [b["level"] for b in document["blueprints"]] == ["L5", "L4"]


def test_invalid_yaml_at_one_revision(
    repo: Repo, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    repo.edit(DOC, ("title: 电工", "title: [电工"))
    repo.commit("B")
    status, markdown, err = cli("diff", "A", "B")
    assert (status, err) == (0, "")
    golden("diff/invalid.md", markdown)
    assert "无法解析" in markdown and "B: " in markdown and "YML001" in markdown


def test_paths_limit_the_diff(repo: Repo, cli: Callable[..., CliResult]) -> None:
    repo.edit(DOC, ("status: published", "status: withdrawn"))
    repo.write("other/x.yaml", SPECIAL)
    repo.commit("B")
    _, out, _ = cli("diff", "A", "B", "other", "--format", "json")
    assert [d["path"] for d in json.loads(out)["documents"]] == ["other/x.yaml"]
    _, out, _ = cli("diff", "A", "B", "--format", "json")  # default: the collection's standards/
    assert [d["path"] for d in json.loads(out)["documents"]] == [DOC]


def test_bad_revision_is_a_usage_error(repo: Repo, cli: Callable[..., CliResult]) -> None:
    status, out, err = cli("diff", "A", "no-such-rev")
    assert (status, out) == (2, "")
    assert "bad revision 'no-such-rev'" in err


def test_unchanged_collection(repo: Repo, cli: Callable[..., CliResult]) -> None:
    status, out, _ = cli("diff", "A", "A")
    assert status == 0
    assert "No document changed." in out


def test_match_pairs_by_position_and_similarity() -> None:
    old = ["能安装照明电路", "能安装电能表", "能检修照明电路"]
    new = ["能检修照明电路", "能正确安装照明电路", "能测量绝缘电阻"]
    pairs = match(old, new)
    assert (2, 0, False) in pairs  # the same text
    assert (0, 1, False) in pairs  # edited: similar enough to pair
    assert (1, None, False) in pairs and (None, 2, False) in pairs  # unrelated: removed and added
    assert match(["甲", "乙", "丙"], ["乙", "丙", "甲"]) == [(1, 0, False), (2, 1, False), (0, 2, True)]
    assert match(["能安装照明电路"], ["能检修电动机"]) == [(0, 0, False)]  # one for one: edited in place


def test_diff_is_pure_and_deterministic() -> None:
    old = {DOC: BASE.encode()}
    new = {DOC: BASE.replace("pass_mark: 60", "pass_mark: 70").encode()}
    first, second = diff_collections(old, new), diff_collections(dict(old), dict(new))
    assert first == second
    (document,) = first.documents
    assert [(c.label, c.old, c.new) for c in document.changes] == [("pass_mark 合格分数线", "60", "70")]
    assert [b.level for b in document.blueprints] == ["L5", "L4"]


def test_a_sections_notes_are_a_wording_change() -> None:
    """The notes (备注) of 鉴定要求 and 基本要求 — where `import docx` keeps text no field holds — are shown
    old → new, and change no requirement: the document stays equivalent."""
    new = BASE.replace("\nassessment:\n", "\nassessment:\n  notes: 具体考核方案另行制定。\n", 1)
    new = new.replace("\nbasics:\n", "\nbasics:\n  notes: 基本要求适用于各等级。\n", 1)
    (document,) = diff_collections({DOC: BASE.encode()}, {DOC: new.encode()}).documents
    assert [(c.scope, c.label, c.old, c.new, c.substantive) for c in document.changes] == [
        ("basics", "notes 备注", None, "基本要求适用于各等级。", False),
        ("assessment", "notes 备注", None, "具体考核方案另行制定。", False),
    ]
    assert document.verdict is Verdict.EQUIVALENT
