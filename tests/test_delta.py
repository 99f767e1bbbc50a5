"""The incremental check (:mod:`stdkit.delta`): after edits to a few documents, a run answered from the
last full run's base prints exactly what a run without the cache prints.

Why: the incremental run keeps every finding that involves no changed document and recomputes the
others; a finding it kept wrongly, or a pair it missed, would show as a difference here. Edits are
sequences drawn at random (property test) from what authors do: reword a skill line, copy another
document's work content, rename a module after a 工作内容, retitle a document, break the YAML, undo.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdkit import cache, delta, pipeline
from stdkit.config import load

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import corpus  # bench/ is a folder of scripts, not a package

SIZE = 90


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "c"
    corpus.write(SIZE, folder, seed=11)
    return folder


def _blocks(text: str) -> dict[str, str]:
    """Top-level keys of a generated document and their text (key line included)."""
    found: dict[str, str] = {}
    key = ""
    for line in text.splitlines(keepends=True):
        match = re.match(r"([a-z_]+):", line)
        if match:
            key = match.group(1)
        found[key] = found.get(key, "") + line
    return found


def _files(root: Path, prefix: str) -> list[Path]:
    return sorted(p for p in (root / "standards").glob("*.yaml") if re.match(prefix, p.name))


def reword(root: Path, rng: random.Random) -> None:
    """A skill line of a standard or spec says something new."""
    target = rng.choice(_files(root, r"[0-9E]"))
    text = target.read_text(encoding="utf-8")
    lines = [i for i, line in enumerate(text.splitlines()) if re.match(r"\s+- 能", line)]
    if not lines:
        return
    chosen = rng.choice(lines)
    rows = text.splitlines(keepends=True)
    rows[chosen] = rows[chosen].replace("- 能", f"- 能（修订{rng.randrange(10**6)}）", 1)
    target.write_text("".join(rows), encoding="utf-8")


def reword_module(root: Path, rng: random.Random) -> None:
    """A module's skill line of a special competency changes."""
    target = rng.choice(_files(root, r"S-"))
    text = target.read_text(encoding="utf-8")
    target.write_text(
        re.sub(r"(\n      - )能", rf"\1能（改{rng.randrange(10**6)}）", text, count=1), encoding="utf-8"
    )


def copy_work(root: Path, rng: random.Random) -> None:
    """A document takes another's work content (a near-copy for OVL704, a new best for OVL705)."""
    target = rng.choice(_files(root, r"[0-9]"))
    mine = _blocks(target.read_text(encoding="utf-8"))
    levels = re.findall(r"(?m)^  (L\d):", mine.get("work", ""))
    alike = [
        taken
        for source in _files(root, r"[0-9]")
        if source != target
        and re.findall(
            r"(?m)^  (L\d):", (taken := _blocks(source.read_text(encoding="utf-8"))).get("work", "")
        )
        == levels
    ]
    if not levels or not alike:
        return
    taken = rng.choice(alike)
    mine["work"] = taken["work"]
    target.write_text("".join(mine.values()), encoding="utf-8")


def copy_module(root: Path, rng: random.Random) -> None:
    """A special competency takes another's modules (OVL706), or names a module after a 工作内容 (OVL705)."""
    target = rng.choice(_files(root, r"S-"))
    mine = _blocks(target.read_text(encoding="utf-8"))
    if rng.random() < 0.5:
        taken = _blocks(rng.choice(_files(root, r"S-")).read_text(encoding="utf-8"))
        mine["units"] = taken.get("units", mine["units"])
    else:
        names = re.findall(r"- name: (\S+)", rng.choice(_files(root, r"[0-9]")).read_text(encoding="utf-8"))
        if names:
            mine["units"] = re.sub(r"- name: \S+", f"- name: {rng.choice(names)}", mine["units"], count=1)
    target.write_text("".join(mine.values()), encoding="utf-8")


def retitle(root: Path, rng: random.Random) -> None:
    """A header edit: the incremental run must give way to a full one."""
    target = rng.choice(_files(root, r"."))
    text = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1（修订版）", text, count=1), encoding="utf-8")


def break_yaml(root: Path, rng: random.Random) -> None:
    target = rng.choice(_files(root, r"."))
    target.write_text(target.read_text(encoding="utf-8") + "\n: [unclosed\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path, random.Random], None]] = {
    "reword": reword,
    "reword_module": reword_module,
    "copy_work": copy_work,
    "copy_module": copy_module,
    "retitle": retitle,
    "break_yaml": break_yaml,
}


def _seen(report: pipeline.Report) -> tuple[object, ...]:
    return (report.exit_status, report.diagnostics, report.suppressed, report.documents)


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each cached run was answered by the base (True) or not (False); the corpus is smaller than
    the collections a base is written for, so one is written for it here."""
    monkeypatch.setattr(delta, "MINIMUM", 0)
    said: list[bool] = []
    original = delta.answer

    def spy(memo: pipeline._Memo) -> object:
        result = original(memo)
        said.append(result is not None)
        return result

    monkeypatch.setattr(delta, "answer", spy)
    yield said


def _based(pristine: Path, folder: Path, answered: list[bool]) -> Path:
    """A copy of the corpus in ``folder`` after the full run that writes its base."""
    root = folder / "c"
    shutil.copytree(pristine, root)
    _check(root, cached=True)
    answered.clear()
    return root


def _check(root: Path, *, cached: bool) -> pipeline.Report:
    config = load(root)
    return pipeline.check([root / "standards"], config, documents=False, cache=cached)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 2**32)),
        min_size=1,
        max_size=5,
    )
)
def test_an_incremental_run_prints_what_a_full_run_prints(
    pristine: Path, answered: list[bool], edits: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = _based(pristine, Path(scratch), answered)
        for name, seed in edits:
            EDITS[name](root, random.Random(seed))
            assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False)), name


def test_a_body_edit_is_answered_from_the_base_and_a_header_edit_is_not(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    root = _based(pristine, tmp_path, answered)
    reword(root, random.Random(1))
    incremental = _check(root, cached=True)
    assert answered == [True]
    assert _seen(incremental) == _seen(_check(root, cached=False))
    assert _seen(_check(root, cached=True)) == _seen(incremental)  # the memo answers the same state
    assert answered == [True]  # (the memo answered before the base was asked)
    retitle(root, random.Random(2))
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [True, False]


def test_the_base_written_beside_a_forked_child_answers_too(
    pristine: Path, tmp_path: Path, answered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From POOL_THRESHOLD documents the rules that compare bodies run in a child: what OVL705 keeps for
    the base comes back from it."""
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 20)
    root = _based(pristine, tmp_path, answered)
    for seed in range(3):
        reword_module(root, random.Random(seed))
        reword(root, random.Random(seed))
        assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [True, True, True]


def test_more_changes_than_the_limit_run_in_full(
    pristine: Path, tmp_path: Path, answered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delta, "LIMIT", 2)
    root = _based(pristine, tmp_path, answered)
    for seed in range(3):
        reword(root, random.Random(seed))
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [False]


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_base_is_a_notice_and_a_full_run(
    pristine: Path, tmp_path: Path, answered: list[bool], damage: str
) -> None:
    root = _based(pristine, tmp_path, answered)
    (base,) = [p for p in (root / cache.FOLDER / delta.FOLDER).glob("*.bin") if ".targets" not in p.name]
    data = base.read_bytes()
    base.write_bytes(data[: len(data) // 2] if damage == "truncate" else data[:-1] + bytes([data[-1] ^ 1]))
    reword(root, random.Random(3))
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert answered == [False]
    assert any(notice.key == "cache.damaged" for notice in report.notices)


def test_targets_written_by_another_run_are_not_used(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """The base and the bands of every 工作内容 are two files: a changed special competency is compared
    through them only when both come from the same full run."""
    root = _based(pristine, tmp_path, answered)
    (targets,) = (root / cache.FOLDER / delta.FOLDER).glob("*.targets.bin")
    targets.write_bytes(
        delta._digested({"owners": [], "rows": b"", "matrix": b"", "present": b"", "by_name": {}})
    )
    reword_module(root, random.Random(4))
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [False]


def test_a_small_collection_gets_no_base(pristine: Path, tmp_path: Path) -> None:
    """Below MINIMUM documents a full run is quick: the base would only be clutter (a commit hook checks a
    different handful of files each time)."""
    root = tmp_path / "c"
    shutil.copytree(pristine, root)
    _check(root, cached=True)
    assert not (root / cache.FOLDER / delta.FOLDER).exists()
