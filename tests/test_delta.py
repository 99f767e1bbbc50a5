"""The incremental check (:mod:`stdkit.run.delta`): after edits to a few documents, a run answered from the
last full run's base prints exactly what a run without the cache prints.

Why: the incremental run keeps every finding that involves no changed document and recomputes the
others; a finding it kept wrongly, or a pair it missed, would show as a difference here. Edits are
sequences drawn at random (property test) from what authors do: reword a skill line, copy another
document's work content, rename a module after a 工作内容, retitle a document, break the YAML, undo.
"""

from __future__ import annotations

import dataclasses
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

from stdkit import checks
from stdkit.checks import overlap
from stdkit.collection import Collection
from stdkit.config import load
from stdkit.diagnostics import Diagnostic
from stdkit.run import base as bases
from stdkit.run import cache, delta, gather, memo, pipeline
from stdkit.run.report import Report

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


def _header(root: Path, rng: random.Random, field: str, value: Callable[[str, str], str]) -> None:
    """Set a top-level ``field`` of one document from its value and another document's."""
    target, other = rng.choice(_files(root, r".")), rng.choice(_files(root, r"."))
    found = re.search(rf"(?m)^{field}: (.*)$", other.read_text(encoding="utf-8"))
    if found is None:
        return
    text = target.read_text(encoding="utf-8")
    target.write_text(
        re.sub(
            rf"(?m)^{field}: (.*)$", lambda m: f"{field}: {value(m.group(1), found.group(1))}", text, count=1
        ),
        encoding="utf-8",
    )


def retitle(root: Path, rng: random.Random) -> None:
    """A header edit the rules that compare bodies do not read (OVL702 and the catalogue do)."""
    _header(root, rng, "title", lambda mine, _: f"{mine}（修订版）")


def borrow_title(root: Path, rng: random.Random) -> None:
    """A title that another document has, but for a character (OVL702 between the two)."""
    _header(root, rng, "title", lambda _, theirs: f"{theirs}（新）" if rng.random() < 0.5 else theirs)


def reissue(root: Path, rng: random.Random) -> None:
    """Another issuer: the document joins that issuer's scope (OVL701)."""
    _header(root, rng, "issuer", lambda _, theirs: theirs)


def shift(root: Path, rng: random.Random) -> None:
    """A comment line at the top: every position below it moves."""
    target = rng.choice(_files(root, r"."))
    target.write_text("# 修订说明\n" + target.read_text(encoding="utf-8"), encoding="utf-8")


def reidentify(root: Path, rng: random.Random) -> None:
    """Another document's id, or a status that retires it: the rules that compare bodies compare it with
    other documents now (and specs that name its id another basis)."""
    field, value = rng.choice(
        [
            ("id", lambda _, theirs: theirs),
            ("status", lambda _, __: "superseded"),
            ("basis", lambda _, theirs: theirs),
            ("edition", lambda _, __: '"2099"'),
            ("issued", lambda _, __: "2099-01-01"),
        ]
    )
    _header(root, rng, field, value)


def add_copy(root: Path, rng: random.Random) -> None:
    """A new file: another document under a new id (a near-copy for OVL704–706; a spec's basis resolved)."""
    source = rng.choice(_files(root, r"."))
    text = source.read_text(encoding="utf-8")
    found = re.search(r"(?m)^id: (.*)$", text)
    if found is None:
        return
    new_id = f"{found.group(1)}-{rng.randrange(10**6)}"
    copy = source.with_name(source.name.replace(found.group(1), new_id, 1))
    copy.write_text(re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1), encoding="utf-8")


def remove(root: Path, rng: random.Random) -> None:
    """A file deleted: its findings go, and those of the documents it was compared with change."""
    rng.choice(_files(root, r".")).unlink()


def break_yaml(root: Path, rng: random.Random) -> None:
    target = rng.choice(_files(root, r"."))
    target.write_text(target.read_text(encoding="utf-8") + "\n: [unclosed\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path, random.Random], None]] = {
    "reword": reword,
    "reword_module": reword_module,
    "copy_work": copy_work,
    "copy_module": copy_module,
    "retitle": retitle,
    "borrow_title": borrow_title,
    "reissue": reissue,
    "shift": shift,
    "reidentify": reidentify,
    "add_copy": add_copy,
    "remove": remove,
    "break_yaml": break_yaml,
}


def _seen(report: Report) -> tuple[object, ...]:
    return (report.exit_status, report.diagnostics, report.suppressed, report.documents)


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each cached run was answered by the base (True) or not (False); the corpus is smaller than
    the collections a base is written for, so one is written for it here."""
    monkeypatch.setattr(bases, "MINIMUM", 0)
    said: list[bool] = []
    original = delta.answer

    def spy(memo: memo.Memo) -> object:
        result = original(memo)
        said.append(result is not None)
        return result

    monkeypatch.setattr(delta, "answer", spy)
    yield said


def _based(
    pristine: Path, folder: Path, answered: list[bool], prepare: Callable[[Path], None] | None = None
) -> Path:
    """A copy of the corpus in ``folder`` (changed by ``prepare``) after the full run that writes its base."""
    root = folder / "c"
    shutil.copytree(pristine, root)
    if prepare is not None:
        prepare(root)
    _check(root, cached=True)
    answered.clear()
    return root


def _check(root: Path, *, cached: bool) -> Report:
    config = load(root)
    return pipeline.check([root / "standards"], config, documents=False, cache=cached)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


def test_body_and_header_edits_are_answered_from_the_base(
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
    shift(root, random.Random(3))
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [True, True, True]
    target = _files(root, r"2-")[0]
    target.write_text(
        re.sub(r"(?m)^id: .*$", "id: 9-99-99-99", target.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [True, True, True, True]


def test_a_body_edit_runs_no_check_that_reads_headers_only(
    pristine: Path, tmp_path: Path, answered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a skill line changed, the checks that read only headers have nothing to compute again: the
    base's findings are theirs, without running them (at national scale the catalogue check loaded the
    大典 and the catalogue for no finding, a tenth of the run)."""
    root = _based(pristine, tmp_path, answered)
    reword(root, random.Random(1))
    full = _check(root, cached=False)

    def refused(collection: Collection) -> list[Diagnostic]:
        raise AssertionError("a check that reads headers only ran after a body edit")

    monkeypatch.setattr(
        checks,
        "COLLECTION_CHECKS",
        tuple(
            dataclasses.replace(c, run=refused) if c.contacts is not None and not c.reads_bodies else c
            for c in checks.COLLECTION_CHECKS
        ),
    )
    assert _seen(_check(root, cached=True)) == _seen(full)
    assert answered == [True]


def _set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def _title_of(path: Path) -> str:
    return re.search(r"(?m)^title: (.*)$", path.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]  # the sample has the line


def _titles(report: Report) -> set[tuple[str, str]]:
    return {(d.path, overlap.other_path(d)) for d in report.diagnostics if d.code == overlap.R_TITLE.code}


TWINS = "某某职业技能等级评价规范（汽车维修工）"


def test_a_retitled_document_is_compared_with_the_documents_it_left_and_those_it_joined(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """OVL702 in both directions: a title moved away leaves its twin's finding behind, and a title moved
    next to a pair must not lose the pair's own finding (the pair is two contacts away from the edit)."""
    first, second, third = _files(pristine, r"2-")[:3]
    shown = [f"standards/{p.name}" for p in (first, second, third)]

    def twins(root: Path) -> None:
        _set_title(root / "standards" / first.name, TWINS)
        _set_title(root / "standards" / second.name, TWINS + "。")

    root = _based(pristine, tmp_path / "joined", answered, twins)
    assert _titles(_check(root, cached=False)) == {(shown[1], shown[0])}
    _set_title(root / "standards" / third.name, TWINS + "，")
    joined = _check(root, cached=True)
    assert _seen(joined) == _seen(_check(root, cached=False))
    assert (shown[1], shown[0]) in _titles(joined) and len(_titles(joined)) == 3
    assert answered == [True]

    root = _based(pristine, tmp_path / "left", answered, twins)
    _set_title(root / "standards" / first.name, "完全不同的一个标题")
    left = _check(root, cached=True)
    assert _seen(left) == _seen(_check(root, cached=False))
    assert not _titles(left)
    assert answered == [True]


def test_a_header_edit_keeps_the_findings_two_contacts_away(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """A spec names a standard as its basis and has a newer edition that names another: retitling the
    standard checks the spec's references again, which must still see the spec's newer edition (REF803)."""
    spec = next(p for p in _files(pristine, r"EV-") if re.search(r"(?m)^basis: (\S+)@", p.read_text("utf-8")))
    text = spec.read_text(encoding="utf-8")
    basis_id = re.search(r"(?m)^basis: (\S+)@", text).group(1)  # type: ignore[union-attr]  # the sample has the line
    (basis,) = _files(pristine, re.escape(basis_id) + "_")
    other = next(p for p in _files(pristine, r"[0-9]") if p != basis)
    other_ref = other.stem.replace("_", "@")
    newer = spec.with_name(spec.stem.rsplit("_", 1)[0] + "_2099.yaml")

    def two_editions(root: Path) -> None:
        edition = re.sub(r"(?m)^edition: .*$", 'edition: "2099"', text)
        edition = re.sub(r"(?m)^issued: .*$", "issued: 2099-01-01", edition)
        edition = re.sub(r"(?m)^basis: .*$", f"basis: {other_ref}", edition)
        (root / "standards" / newer.name).write_text(edition, encoding="utf-8")

    root = _based(pristine, tmp_path, answered, two_editions)
    _set_title(root / "standards" / basis.name, "另一个标题")
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert any(d.code == "REF803" and d.path == f"standards/{spec.name}" for d in report.diagnostics)
    assert answered == [True]


def _copied(root: Path, prefix: str, new_id: str) -> tuple[str, str]:
    """The first document whose name starts with ``prefix``, copied under ``new_id``: (its path, the copy's)."""
    source = _files(root, prefix)[0]
    text = source.read_text(encoding="utf-8")
    old_id = re.search(r"(?m)^id: (.*)$", text).group(1)  # type: ignore[union-attr]  # the sample has the line
    copy = source.with_name(source.name.replace(old_id, new_id, 1))
    copy.write_text(re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1), encoding="utf-8")
    return f"standards/{source.name}", f"standards/{copy.name}"


def _pairs(report: Report, code: str) -> set[tuple[str, str]]:
    return {tuple(sorted((d.path, overlap.other_path(d)))) for d in report.diagnostics if d.code == code}  # type: ignore[misc]  # a pair of paths, sorted


def test_files_added_removed_or_broken_are_answered_from_the_base(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """A pull request adds a special competency copied from another (OVL706 between them), then a spec
    copied under a new id (its basis resolved: COV901 like the original's); then the source is removed and
    another file is broken: each run answered from the base, each exactly the full run's."""
    root = _based(pristine, tmp_path, answered)

    def same() -> Report:
        report = _check(root, cached=True)
        assert _seen(report) == _seen(_check(root, cached=False))
        return report

    source, copy = _copied(root, "S-", "S-99-0001")
    assert (source, copy) in _pairs(same(), overlap.R_SPECIAL_COPY.code)
    spec, spec_copy = _copied(root, "EV-12", "EV-99-00001")
    coverage = {d.path: d.message for d in same().diagnostics if d.code == "COV901"}
    assert (spec in coverage) == (spec_copy in coverage)
    (root / source).unlink()
    assert not _pairs(same(), overlap.R_SPECIAL_COPY.code) & {(source, copy)}
    break_yaml(root, random.Random(5))
    same()
    assert answered == [True, True, True, True]


def test_a_removed_document_takes_its_findings_of_the_header_rules_along(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """A document that names a missing predecessor (REF801) is deleted: its finding goes with it."""

    def dangling(root: Path) -> None:
        _copied(root, "S-", "S-99-0002")
        (copy,) = _files(root, r"S-99-0002")
        copy.write_text(copy.read_text(encoding="utf-8") + "supersedes: S-99-0000@2000\n", encoding="utf-8")

    root = _based(pristine, tmp_path, answered, dangling)
    (copy,) = _files(root, r"S-99-0002")
    assert any(d.code == "REF801" for d in _check(root, cached=False).diagnostics)
    copy.unlink()
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert not any(d.code == "REF801" for d in report.diagnostics)
    assert answered == [True]


def test_a_new_edition_of_a_basis_is_what_specs_naming_its_id_compare_with(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """A spec names a standard by id alone (its newest edition): a newer edition arrives, then leaves."""
    spec = next(p for p in _files(pristine, r"EV-") if re.search(r"(?m)^basis: ", p.read_text("utf-8")))
    basis_id = re.search(r"(?m)^basis: ([^@\s]+)", spec.read_text("utf-8")).group(1)  # type: ignore[union-attr]  # the sample has the line
    (standard,) = _files(pristine, re.escape(basis_id) + "_")
    newer = f"standards/{basis_id}_2099.yaml"

    def by_id(root: Path) -> None:
        mine = root / "standards" / spec.name
        mine.write_text(re.sub(r"(?m)^basis: .*$", f"basis: {basis_id}", mine.read_text("utf-8")), "utf-8")

    def edition(root: Path) -> None:
        text = (root / "standards" / standard.name).read_text(encoding="utf-8")
        text = re.sub(r"(?m)^edition: .*$", 'edition: "2099"', text)
        (root / newer).write_text(re.sub(r"(?m)^issued: .*$", "issued: 2099-01-01", text), encoding="utf-8")

    root = _based(pristine, tmp_path / "arrives", answered, by_id)
    edition(root)
    arrived = _check(root, cached=True)
    assert _seen(arrived) == _seen(_check(root, cached=False))
    assert any(d.code == "COV901" and f"{basis_id}@2099" in d.message for d in arrived.diagnostics)
    assert answered == [True]

    def both(root: Path) -> None:
        by_id(root)
        edition(root)

    root = _based(pristine, tmp_path / "leaves", answered, both)
    (root / newer).unlink()
    left = _check(root, cached=True)
    assert _seen(left) == _seen(_check(root, cached=False))
    assert not any(f"{basis_id}@2099" in d.message for d in left.diagnostics)
    assert answered == [True]


def _set(path: Path, pattern: str, value: str) -> None:
    path.write_text(re.sub(pattern, value, path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def test_a_retired_standard_is_no_target_of_a_changed_module(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """A module named after a standard's 工作内容 (OVL705); in one change the standard is superseded and the
    module's skill line reworded: the retired standard is compared with nothing."""
    special, standard = _files(pristine, r"S-")[0].name, _files(pristine, r"2-")[0].name
    content = re.findall(
        r"(?m)^        - name: (\S+)", (pristine / "standards" / standard).read_text("utf-8")
    )[0]

    def named(root: Path) -> None:
        _set(root / "standards" / special, r"(?m)^  - name: .*$", f"  - name: {content}")

    root = _based(pristine, tmp_path, answered, named)
    repeats = {
        d.path for d in _check(root, cached=False).diagnostics if d.code == overlap.R_SPECIAL_REPEAT.code
    }
    assert f"standards/{special}" in repeats
    _set(root / "standards" / standard, r"(?m)^status: .*$", "status: superseded")
    _set(root / "standards" / special, r"(?m)^(      - )能", r"\1能（改）")
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert not any(standard in d.message for d in report.diagnostics if d.path == f"standards/{special}")
    assert answered == [True]


def test_a_spec_that_no_longer_names_a_basis_has_no_coverage(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    root = _based(pristine, tmp_path, answered)
    covered = sorted({d.path for d in _check(root, cached=False).diagnostics if d.code == "COV901"})
    assert covered
    _set(root / covered[0], r"(?m)^basis: .*\n", "")
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert not any(d.code == "COV901" and d.path == covered[0] for d in report.diagnostics)
    assert answered == [True]


def test_the_base_written_beside_a_forked_child_answers_too(
    pristine: Path, tmp_path: Path, answered: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From POOL_THRESHOLD documents the rules that compare bodies run in a child: what OVL705 keeps for
    the base comes back from it."""
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 20)
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
    (base,) = [p for p in (root / cache.FOLDER / bases.FOLDER).glob("*.bin") if p.name.count(".") == 1]
    data = base.read_bytes()
    base.write_bytes(data[: len(data) // 2] if damage == "truncate" else data[:-1] + bytes([data[-1] ^ 1]))
    reword(root, random.Random(3))
    report = _check(root, cached=True)
    assert _seen(report) == _seen(_check(root, cached=False))
    assert answered == [False]
    assert any(notice.key == "cache.damaged" for notice in report.notices)


@pytest.mark.parametrize(
    ("side", "edit", "foreign"),
    [
        ("targets", reword_module, {"owners": [], "rows": b"", "matrix": b"", "present": b"", "by_name": {}}),
        ("heads", lambda root, _: _set_title(_files(root, r"2-")[1], _title_of(_files(root, r"2-")[0])), []),
    ],
)
def test_files_beside_the_base_written_by_another_run_are_not_used(
    pristine: Path,
    tmp_path: Path,
    answered: list[bool],
    side: str,
    edit: Callable[[Path, random.Random], None],
    foreign: object,
) -> None:
    """The bands of every 工作内容 (read when a special competency changed) and every document's head (read
    when a header changed) are files beside the base: used only when they come from the same full run."""
    root = _based(pristine, tmp_path, answered)
    (written,) = (root / cache.FOLDER / bases.FOLDER).glob(f"*.{side}.bin")
    # sealed on this machine under its own name: only the run that wrote it differs
    written.write_bytes(bases.sealed(cache.Cache(root, load(root)), written, foreign))
    edit(root, random.Random(4))
    assert _seen(_check(root, cached=True)) == _seen(_check(root, cached=False))
    assert answered == [False]


def test_a_new_base_removes_those_no_run_reads_any_more(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """Bases written by an older stdkit (another run key) are 50 MB each at national scale: gone when a
    full run writes its own."""
    older = "0123456789abcdef-" + "0" * 64 + ".bin"

    def leftovers(root: Path) -> None:
        folder = root / cache.FOLDER / bases.FOLDER
        folder.mkdir(parents=True)
        (folder / older).write_bytes(b"old")

    root = _based(pristine, tmp_path, answered, leftovers)
    names = sorted(p.name for p in (root / cache.FOLDER / bases.FOLDER).iterdir())
    assert older not in names
    run = cache.run_key(load(root))[:16]
    assert names and all(name.startswith(run) for name in names)


def test_a_small_collection_gets_no_base(pristine: Path, tmp_path: Path) -> None:
    """Below MINIMUM documents a full run is quick: the base would only be clutter (a commit hook checks a
    different handful of files each time)."""
    root = tmp_path / "c"
    shutil.copytree(pristine, root)
    _check(root, cached=True)
    assert not (root / cache.FOLDER / bases.FOLDER).exists()


def test_a_body_edit_to_a_released_edition_is_found_by_an_incremental_run(
    pristine: Path, tmp_path: Path, answered: list[bool]
) -> None:
    """REL101 depends on a document's body: an incremental run checks every changed document against the
    release, not only those whose header changed."""
    from stdkit import releases
    from stdkit.commands.release import _recorded

    def release(root: Path) -> None:
        collection = pipeline.check([root / "standards"], load(root), documents=True).collection
        data = releases.dumps("2026.12", "2026-12-07", None, _recorded(collection))
        (root / "releases").mkdir()
        (root / "releases/2026.12.json").write_bytes(data)

    root = _based(pristine, tmp_path, answered, release)
    for seed in range(20):  # until a published document is reworded
        reword(root, random.Random(seed))
        full = _check(root, cached=False)
        if any(d.code == "REL101" for d in full.diagnostics):
            break
    else:
        pytest.fail("no published document was reworded")
    assert _seen(_check(root, cached=True)) == _seen(full)
    assert True in answered
