"""The content-hash cache, the process pool and light entries: never a stale or different result.

Each test compares what a user sees (the report, the CLI's output) between a cold run, a warm run and a
run after a change; a cache that served an old record would make them differ.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stdkit
from stdkit import sketch
from stdkit.checks import overlap
from stdkit.collection import Entry, HeadEntry
from stdkit.config import Config, load
from stdkit.run import cache, gather, pipeline, progress, snapshot
from stdkit.run.packs import PACKS

from .conftest import ROOT, STANDARDS, CliResult
from .test_check import CASES, COLLECTIONS

Cli = Callable[..., CliResult]


@pytest.fixture
def collection(in_dir: Path) -> Path:
    shutil.copytree(STANDARDS, in_dir / "standards")
    (in_dir / "stdkit.toml").write_text('[stdkit]\nstandards = ["standards"]\n', encoding="utf-8")
    return in_dir


def _forget_memos(root: Path) -> None:
    """Without the memos and the texts kept beside them, a run unpacks every record."""
    shutil.rmtree(root / cache.FOLDER / cache.MEMO, ignore_errors=True)
    shutil.rmtree(root / cache.FOLDER / cache.RENDERED, ignore_errors=True)


def records(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER / cache.FORMAT).rglob("*.bin"))


def test_warm_and_uncached_runs_print_what_the_cold_run_printed(collection: Path, cli: Cli) -> None:
    cold = cli("check", "--format", "json")
    assert len(records(collection)) == len(list((collection / "standards").glob("*.yaml")))
    assert (collection / cache.FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert cli("check", "--format", "json") == cold
    assert cli("check", "--format", "json", "--no-cache") == cold
    assert cli("validate", "--format", "json")[0] == 0


def test_no_cache_neither_reads_nor_writes(collection: Path, cli: Cli) -> None:
    cli("check", "--no-cache")
    assert not (collection / cache.FOLDER).exists()


def test_an_edited_document_is_examined_again(collection: Path, cli: Cli) -> None:
    cli("check", "--lang", "en")
    target = collection / "standards" / "S-44-0012_2023.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("pass_mark: 60", "pass_mark: 600"), encoding="utf-8"
    )
    status, out, _ = cli("check", "--lang", "en")
    assert status == 1
    assert "S-44-0012_2023.yaml:" in out and "600" in out
    assert cli("check", "--lang", "en", "--no-cache")[1] == out


def test_collection_findings_follow_an_edit_of_another_document(collection: Path, cli: Cli) -> None:
    """Cached facts, fresh collection rules: a new near-copy is found although its original is cached."""
    cli("check", "--lang", "en")
    original = collection / "standards" / "S-44-0012_2023.yaml"
    text = original.read_text(encoding="utf-8").replace("id: S-44-0012", "id: S-35-0107")
    (collection / "standards" / "S-35-0107_2023.yaml").write_text(
        text.replace("title: 电动自行车维修", "title: 电动助力车修理"), encoding="utf-8"
    )
    _, out, _ = cli("check", "--lang", "en")
    # the pair is reported on the document that sorts second, as for OVL704
    assert "S-44-0012_2023.yaml:13:1: OVL706" in out and "S-35-0107@2023" in out


@pytest.mark.parametrize(
    "change",
    ["version", "format", "reference"],
)
def test_the_run_key_follows_stdkit_and_the_reference_data(
    change: str, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config.default(collection)
    before = cache.run_key(config)
    cache._package_fingerprint.cache_clear()
    if change == "version":
        monkeypatch.setattr(stdkit, "__version__", "99.0")
    elif change == "format":
        monkeypatch.setattr(cache, "FORMAT", "v0")
    else:
        release = collection / "release.yaml"
        release.write_text("date: 2026-01-01\n", encoding="utf-8")
        config = Config(**{**config.__dict__, "releases": (release,)})
        first = cache.run_key(config)
        release.write_text("date: 2026-02-01\n", encoding="utf-8")
        assert cache.run_key(config) != first
    try:
        assert cache.run_key(config) != before
    finally:
        cache._package_fingerprint.cache_clear()


def test_severities_do_not_change_the_key(collection: Path) -> None:
    """The stage records every rule's findings; severities and `off` are applied after the cache."""
    config = Config.default(collection)
    quiet = Config(**{**config.__dict__, "severity": {"CON901": None}})
    assert cache.run_key(config) == cache.run_key(quiet)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_record_is_ignored_with_a_notice_and_rebuilt(
    damage: str, collection: Path, cli: Cli
) -> None:
    cold = cli("check", "--format", "json")
    _forget_memos(collection)  # else the memo (or the text kept beside it) answers
    victim = records(collection)[0]
    data = victim.read_bytes()
    victim.write_bytes(
        {
            "truncate": data[: len(data) // 2],
            "flip": data[:-1] + bytes([data[-1] ^ 1]),
            "garbage": b"\x93\x01\x02" * 50,
            "empty": b"",
        }[damage]
    )
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == cold[:2]
    assert "damaged cache record" in err and "Traceback" not in err
    assert victim.read_bytes() == data  # rebuilt
    assert cli("check", "--format", "json")[2] == ""


def test_the_collection_memo_answers_only_for_the_same_collection(collection: Path, cli: Cli) -> None:
    cold = cli("check")
    memos = sorted((collection / cache.FOLDER / cache.MEMO).glob("*.bin"))
    assert len(memos) == 1
    assert cli("check") == cold  # answered from the memo
    edited = sorted((collection / "standards").glob("*.yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("status: published", "status: pubished", 1), encoding="utf-8")
    changed = cli("check")
    assert changed[1] != cold[1] and "SCH104" in changed[1]
    edited.write_text(text, encoding="utf-8")
    assert cli("check") == cold
    for memo in (collection / cache.FOLDER / cache.MEMO).glob("*.bin"):
        memo.write_bytes(memo.read_bytes()[:-3])
    shutil.rmtree(collection / cache.FOLDER / cache.RENDERED)  # else the text kept beside the memo answers
    status, out, err = cli("check")
    assert (status, out) == cold[:2]
    assert "damaged cache record" in err


def test_only_the_memos_written_last_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A memo is a collection's findings (3 MB at 10,000 documents): an author who checks after every save
    must not fill the disk with them."""
    monkeypatch.setattr(cache, "MEMOS_KEPT", 3)
    store = cache.Cache(tmp_path, load(tmp_path))
    for index in range(5):
        store.put(f"{index:064x}", b"memo", memo=True)
        memo = store.memo_path(f"{index:064x}")
        os.utime(memo, ns=(index * 10**9, index * 10**9))  # written a second apart
    kept = sorted(p.name for p in (tmp_path / cache.FOLDER / cache.MEMO).iterdir())
    assert kept == [f"{index:064x}.bin" for index in (2, 3, 4)]


def test_a_well_formed_record_of_another_shape_is_ignored(collection: Path, cli: Cli) -> None:
    import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information

    cold = cli("check", "--format", "json")
    _forget_memos(collection)  # else the memo (or the text kept beside it) answers
    victim = records(collection)[0]
    body = msgpack.packb({"diagnostics": [["x", "not a line"]], "light": None})
    store = cache.Cache(collection, load(collection))
    victim.write_bytes(store.seal(f"record:{victim.stem}", body))  # sealed here: only its shape is wrong
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == cold[:2] and "damaged cache record" in err


def test_an_unwritable_cache_folder_is_not_used(collection: Path, cli: Cli) -> None:
    (collection / cache.FOLDER).write_text("not a folder", encoding="utf-8")
    status, out, _ = cli("check", "--format", "json", "--no-cache")
    cached_status, cached_out, err = cli("check", "--format", "json")
    assert (cached_status, cached_out) == (status, out)
    assert "cannot be written" in err and "Traceback" not in err


def test_records_of_a_pooled_run_are_stored_and_an_unwritable_folder_said_once(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(gather, "CHUNK", 1)
    status, out, _ = cli("check", "--format", "json", "--no-cache")
    assert cli("check", "--format", "json")[:2] == (status, out)
    files = len(list((collection / "standards").rglob("*.yaml")))
    assert len(records(collection)) == files, "every record of a pooled run is stored"
    shutil.rmtree(collection / cache.FOLDER)
    (collection / cache.FOLDER).write_text("not a folder", encoding="utf-8")
    cached_status, cached_out, err = cli("check", "--format", "json")
    assert (cached_status, cached_out) == (status, out)
    assert err.count("cannot be written") == 1, err


def test_concurrent_runs_leave_only_whole_records(collection: Path) -> None:
    command = [sys.executable, "-m", "stdkit.cli", "check", "--format", "json"]
    runs = [
        subprocess.Popen(command, cwd=collection, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert len({out for out, _ in outputs}) == 1
    assert all(b"damaged" not in err for _, err in outputs)
    store = cache.Cache(collection, load(collection))
    for record in records(collection):
        cache.unpack(store.opened(f"record:{record.stem}", record.read_bytes()))
    assert not list((collection / cache.FOLDER).rglob(".tmp-*"))


def test_the_pool_gives_the_serial_result(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config.default(collection)
    serial = pipeline.check([collection / "standards"], config, documents=False)
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(gather, "CHUNK", 2)
    pooled = pipeline.check([collection / "standards"], config, documents=False)
    assert pooled.diagnostics == serial.diagnostics
    assert [e.path for e in pooled.collection.entries] == [e.path for e in serial.collection.entries]


def test_whole_documents_from_the_pool_equal_those_read_here(
    collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build` reads whole documents; the workers' pickled entries are the ones the parent would read."""
    config = Config.default(collection)
    serial = pipeline.check([collection / "standards"], config)
    monkeypatch.setattr(gather, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(gather, "CHUNK", 2)
    pooled = pipeline.check([collection / "standards"], config)
    assert pooled.diagnostics == serial.diagnostics
    assert pooled.collection.entries == serial.collection.entries
    assert all(isinstance(entry, Entry) for entry in pooled.collection.entries)


@pytest.mark.parametrize("case", CASES)
def test_light_entries_give_the_findings_of_full_documents(case: str) -> None:
    """Collection rules on facts (catalogue, references, overlap) report exactly what they report on models."""
    folder = COLLECTIONS / case
    config = Config.default(folder)
    full = pipeline.check([folder], config)
    light = pipeline.check([folder], config, documents=False)
    assert light.diagnostics == full.diagnostics
    assert all(isinstance(e, HeadEntry) for e in light.collection.entries)


def test_signatures_and_banding_are_datasketchs() -> None:
    from datasketch import MinHash, MinHashLSH

    texts = ["能根据电路图安装照明电路", "能使用数字万用表检测线路通断、电压和电流", "电"]
    for text in texts:
        shingles = overlap.grams(text)
        for num_perm in (64, 128):
            theirs = MinHash(num_perm=num_perm, seed=sketch.SEED, hashfunc=overlap_hash, scheme="affine32")
            theirs.update_batch([s.encode() for s in sorted(shingles)])
            assert np.array_equal(sketch.signature(sketch.hashes(shingles), num_perm), theirs.hashvalues)
    for (threshold, num_perm), banding in sketch.BANDING.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert (lsh.b, lsh.r) == banding


def overlap_hash(data: bytes) -> int:
    import zlib

    return zlib.crc32(data)


@pytest.mark.parametrize(
    ("fmt", "out_tty", "err_tty", "environ", "shown"),
    [
        ("text", True, True, {}, True),
        ("json", True, True, {}, False),
        ("sarif", True, True, {}, False),
        ("text", False, True, {}, False),  # stdout piped
        ("text", True, False, {}, False),  # stderr redirected
        ("text", True, True, {"CI": "true"}, False),
        ("text", True, True, {"NO_COLOR": "1"}, False),
    ],
)
def test_progress_bar_only_for_a_person_at_a_terminal(
    fmt: str, out_tty: bool, err_tty: bool, environ: dict[str, str], shown: bool
) -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert progress.wanted(fmt, Stream(out_tty), Stream(err_tty), environ) is shown  # type: ignore[arg-type]  # a stand-in stream with isatty only


def test_progress_bar_waits_a_second_then_clears_its_line() -> None:
    import io

    now = [0.0]
    stream = io.StringIO()
    bar = progress.Bar(stream, clock=lambda: now[0])
    bar(10, 100)
    assert stream.getvalue() == ""  # a short run shows nothing
    now[0] = 1.5
    bar(50, 100)
    bar(100, 100)
    bar.close()
    assert "50/100" in stream.getvalue() and "100/100" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_the_cli_prints_no_bar_when_captured(collection: Path, cli: Cli) -> None:
    _, out, err = cli("check")
    assert "█" not in out + err


def test_repository_ignores_the_cache() -> None:
    assert "/.stdkit-cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


@given(
    st.sets(st.integers(0, 400), max_size=80),
    st.sets(st.integers(0, 400), max_size=80),
)
def test_jaccard_of_hash_arrays_is_the_jaccard_of_the_sets(a: set[int], b: set[int]) -> None:
    expected = len(a & b) / len(a | b) if a or b else 0.0
    arrays = [np.array(sorted(s), dtype=np.uint32) for s in (a, b)]
    assert sketch.jaccard(*arrays) == pytest.approx(expected)


@given(st.lists(st.sets(st.text("电工安装检修调试线路", min_size=1, max_size=6), max_size=12), max_size=8))
def test_signatures_of_many_sets_are_each_ones_and_their_minimum_the_unions(texts: list[set[str]]) -> None:
    sets = [sketch.hashes(s) for s in texts]
    offsets = np.concatenate([[0], np.cumsum([len(v) for v in sets])])
    values = np.concatenate([np.zeros(0, dtype=np.uint32), *sets])
    signed, present = sketch.signatures_of_many(values, offsets, 128)
    folded = sketch.fold(signed, present, 0.3, 128)
    for row, own in enumerate(sets):
        one = sketch.bands(own, 0.3, 128)
        assert (one is None) == (not present[row])
        assert one is None or (
            np.array_equal(one, folded[row]) and np.array_equal(sketch.signature(own, 128), signed[row])
        )
    union = np.unique(values)
    if len(union):
        assert np.array_equal(signed[present].min(axis=0), sketch.signature(union, 128))


_BANDS = st.lists(
    st.none()
    | st.lists(st.integers(0, 3), min_size=3, max_size=3).map(lambda k: np.array(k, dtype=np.uint64)),
    max_size=12,
)


@given(_BANDS)
def test_candidate_pairs_are_the_pairs_that_share_a_band(banded: list[np.ndarray]) -> None:
    expected = sorted(
        (i, j)
        for i, a in enumerate(banded)
        for j, b in enumerate(banded)
        if i < j and a is not None and b is not None and bool((a == b).any())
    )
    assert list(sketch.pairs(banded)) == expected


@given(_BANDS, _BANDS)
def test_queries_find_the_targets_that_share_a_band(
    queries: list[np.ndarray], targets: list[np.ndarray]
) -> None:
    present = np.array([t is not None for t in targets], dtype=bool)
    matrix = (
        np.stack([t if t is not None else np.zeros(3, dtype=np.uint64) for t in targets])
        if targets
        else np.zeros((0, 3), dtype=np.uint64)
    )
    expected = {
        q: {t for t, b in enumerate(targets) if b is not None and bool((a == b).any())}
        for q, a in enumerate(queries)
        if a is not None
    }
    found = sketch.across(queries, matrix, present)
    assert {q: rows for q, rows in found.items() if rows} == {q: rows for q, rows in expected.items() if rows}


_TEXT = st.text("电工安装检修调试线路ab\x00\U0010ffff", max_size=7)


@given(st.lists(st.lists(_TEXT, max_size=5), max_size=6), st.sampled_from([2, 3]))
def test_shingles_of_many_groups_are_the_grams_of_each(groups: list[list[str]], n: int) -> None:
    """One hash per distinct gram of a group (none shared by two different grams of these small
    alphabets), sorted, and the same gram hashed alike in every group: so Jaccard is the grams'."""
    values, offsets = sketch.shingles(groups, n)
    assert len(offsets) == len(groups) + 1 and offsets[-1] == len(values)
    by_gram: dict[str, int] = {}
    for index, group in enumerate(groups):
        own = values[offsets[index] : offsets[index + 1]]
        grams = sorted(set().union(*(overlap.grams(text, n) for text in group)) if group else set())
        assert list(own) == sorted(set(own.tolist())) and len(own) == len(grams)
        for gram in grams:  # re-hashing a gram alone finds it among its group's
            (alone,), _ = sketch.shingles([[gram]], n)
            assert alone in own
            assert by_gram.setdefault(gram, int(alone)) == int(alone)
    assert len(set(by_gram.values())) == len(by_gram)


# -- the stat snapshot: an unchanged file is not read again, a changed one always is --------------------


def test_an_unchanged_collection_is_answered_without_reading_a_document(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "RACY_NS", -(10**15))  # trust rows at once (the files were just copied)
    first = cli("check", "--format", "json")
    read: list[Path] = []
    real = gather._raw

    def spied(file: Path) -> bytes | None:
        read.append(file)
        return real(file)

    monkeypatch.setattr(gather, "_raw", spied)
    assert cli("check", "--format", "json") == first
    monkeypatch.setattr(gather, "_raw", real)
    assert cli("check") == cli("check", "--no-cache")
    assert read == [], "no document is read when every stat is unchanged"


def test_validating_one_file_leaves_the_others_known(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-commit hooks: `stdkit validate FILE`, then `stdkit check`; the check after the validate reads
    no document (it read the whole collection again when the validate forgot the other files)."""
    monkeypatch.setattr(snapshot, "RACY_NS", -(10**15))  # trust rows at once (the files were just copied)
    cli("check")
    edited = sorted((collection / "standards").glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# 修订\n", encoding="utf-8")
    gone = sorted((collection / "standards").glob("*.yaml"))[-1]
    gone.unlink()
    assert cli("validate", f"standards/{edited.name}")[0] == 0
    expected = cli("check", "--no-cache")
    read: list[Path] = []
    real = gather._raw

    def spied(file: Path) -> bytes | None:
        read.append(file)
        return real(file)

    monkeypatch.setattr(gather, "_raw", spied)
    assert cli("check")[:2] == expected[:2]
    assert read == [], "the validate hashed the edited file; the others were known"
    rows = snapshot.Snapshot(cache.Cache(collection, load(collection))).rows
    assert f"standards/{gone.name}" not in rows and f"standards/{edited.name}" in rows


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctime moves on every write and no tool can set it back: a same-size edit with its mtime restored
    (touch -r, tar, rsync -t) is read again."""
    import os

    monkeypatch.setattr(snapshot, "RACY_NS", -(10**15))
    cli("check", "--lang", "en")
    target = collection / "standards" / "S-44-0012_2023.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    assert "pass_mark: 60" in text
    target.write_text(text.replace("pass_mark: 60", "pass_mark: 6x"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = target.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    status, out, _ = cli("check", "--lang", "en")
    assert status == 1 and "S-44-0012_2023.yaml:" in out
    assert out == cli("check", "--lang", "en", "--no-cache")[1]


def test_a_file_written_moments_ago_is_not_trusted_by_its_stat(collection: Path, cli: Cli) -> None:
    """Racy rows: a file changed within RACY_NS of being hashed could change again in the same clock tick."""
    cli("check")
    fresh = snapshot.Snapshot(cache.Cache(collection, Config.default(collection)))
    assert fresh.rows == {}, "every file was copied a moment ago"
    stored = collection / cache.FOLDER / snapshot.STAT
    assert not stored.exists() or stored.stat().st_size < 200, "the snapshot holds no row"


def test_a_damaged_snapshot_is_rebuilt(collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "RACY_NS", -(10**15))
    first = cli("check")
    (collection / cache.FOLDER / snapshot.STAT).write_bytes(b"\x00garbage")
    assert cli("check") == first
    assert snapshot.Snapshot(cache.Cache(collection, Config.default(collection))).rows


def test_cores_kept_for_a_child_are_not_used_by_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from stdkit import pool

    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    assert pool.cores() == 2
    with pool.reserving(1):
        assert pool.cores() == 1
        assert set(pool.forked_map(lambda _: os.getpid(), range(50), minimum=1)) == {os.getpid()}
    assert pool.cores() == 2
    assert os.getpid() not in set(pool.forked_map(lambda _: os.getpid(), range(50), minimum=1)), (
        "once the child's core is given back, the pool's workers do the work again"
    )


# -- packs: a run that stores many records writes them into one file ------------------------------------


def packs(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER / PACKS).glob("*.pack"))


@pytest.fixture
def batched(collection: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The samples are nine documents: a batch of two makes their first run write a pack."""
    monkeypatch.setattr(cache, "BATCH", 2)
    return collection


def _forget_answers(root: Path) -> None:
    """Without the memo and the base, a run restores every record (from the pack)."""
    _forget_memos(root)
    shutil.rmtree(root / cache.FOLDER / "base-v1", ignore_errors=True)


def test_a_first_run_writes_one_pack_that_later_runs_read(batched: Path, cli: Cli) -> None:
    cold = cli("check", "--format", "json")
    assert packs(batched)  # the records (and coverage's pairs, when there are two)
    assert records(batched) == []
    assert not list((batched / cache.FOLDER / PACKS).glob(".tmp-*"))
    _forget_answers(batched)
    assert cli("check", "--format", "json") == cold
    assert records(batched) == []  # every record came from the pack
    assert cli("check", "--format", "json", "--no-cache") == cold


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_pack_is_a_notice_removed_and_written_again(batched: Path, cli: Cli, damage: str) -> None:
    cold = cli("check", "--format", "json")
    victim = max(packs(batched), key=lambda p: p.stat().st_size)
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) // 2] if damage == "truncate" else bytes([data[0] ^ 1]) + data[1:])
    _forget_answers(batched)
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == cold[:2]
    assert "damaged cache record" in err and "Traceback" not in err
    assert not victim.exists()
    _forget_answers(batched)
    assert cli("check", "--format", "json") == cold  # read again without a notice


def test_packs_no_key_can_reach_are_removed(batched: Path, cli: Cli) -> None:
    cli("check")
    (current,) = packs(batched)
    old = current.with_name("0" * 16 + "-" + "1" * 16 + ".pack")  # as an older stdkit would have left it
    current.rename(old)
    _forget_answers(batched)
    cli("check")  # finds no record of this stdkit: stores them all again, in a new pack
    assert old not in packs(batched) and len(packs(batched)) == 1


def test_a_run_that_fails_while_storing_leaves_no_pack(
    batched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit.config import load

    def broken(*_: object) -> None:
        raise KeyboardInterrupt

    config = load(batched)
    monkeypatch.setattr(cache.Cache, "put", broken)
    with pytest.raises(KeyboardInterrupt):
        pipeline.check([batched / "standards"], config, documents=False, cache=True)
    assert list((batched / cache.FOLDER / PACKS).iterdir()) == []


# -- a cache never changes a verdict (issue 32) -----------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _break(collection: Path) -> None:
    """An impossible issue date and an unknown field: two errors in a standard that was clean."""
    target = collection / "standards" / "S-44-0012_2023.yaml"
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"^issued: .*$", "issued: 2023-02-30\nsurprise: 1", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8")


def _another_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fresh user cache directory: another machine's secret (CI's fresh runner, an attacker's laptop)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    cache.machine_secret.cache_clear()


def test_a_committed_cache_written_for_the_clean_text_changes_nothing(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The attack: break a standard, and commit a cache written for its clean text (git add -f)."""
    _git(collection, "init", "-q")
    assert cli("check", "--format", "github")[0] == 0  # the clean text, cached on the attacker's machine
    (collection / cache.FOLDER / ".gitignore").unlink()
    _break(collection)
    _git(collection, "add", "-f", ".")
    _git(collection, "commit", "-q", "-m", "a broken standard and a cache that says it is clean")
    expected = cli("check", "--format", "github", "--no-cache")
    assert expected[0] == 1 and "::error" in expected[1]
    for machine in ("same", "fresh clone on CI"):
        if machine != "same":
            _another_machine(monkeypatch, tmp_path_factory.mktemp("ci"))
        status, out, err = cli("check", "--format", "github")
        assert (status, out) == expected[:2], machine
        assert "git tracks this cache folder" in err and err.count("git tracks") == 1
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", cache.FOLDER], cwd=collection, capture_output=True, check=True
    )
    assert changed.stdout == b"", "a tracked folder is neither written nor emptied"


def test_a_cache_folder_made_on_another_machine_is_emptied_and_rebuilt(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cli("check", "--format", "json")  # a cache of the clean text, sealed with this machine's secret
    _break(collection)
    expected = cli("check", "--format", "json", "--no-cache")
    _another_machine(monkeypatch, tmp_path_factory.mktemp("other"))
    _forget_memos(collection)
    cold = cli("check", "--format", "json")
    assert cold[:2] == expected[:2] and expected[0] == 1
    assert "not made by stdkit on this machine" in cold[2]
    assert cli("check", "--format", "json") == (*expected[:2], "")  # its own now: no notice, same verdict


def test_a_record_copied_over_another_is_a_miss(collection: Path, cli: Cli) -> None:
    """Every record is sealed under its own key: a valid record in another record's file serves nothing."""
    expected = cli("check", "--format", "json", "--no-cache")
    cli("check", "--format", "json")
    _forget_memos(collection)
    found = records(collection)
    assert len(found) >= 2
    for victim in found[1:]:
        shutil.copy(found[0], victim)
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == expected[:2]
    assert "damaged or copied" in err


def test_a_memo_copied_from_another_collection_state_is_a_miss(collection: Path, cli: Cli) -> None:
    clean = cli("check", "--format", "json")
    (clean_memo,) = (collection / cache.FOLDER / cache.MEMO).glob("*.bin")
    _break(collection)
    broken = cli("check", "--format", "json")
    assert broken[0] == 1
    for memo in (collection / cache.FOLDER / cache.MEMO).glob("*.bin"):
        if memo != clean_memo:
            memo.write_bytes(clean_memo.read_bytes())  # the clean verdict under the broken state's key
    shutil.rmtree(collection / cache.FOLDER / cache.RENDERED)  # else the text kept beside the memo answers
    assert cli("check", "--format", "json")[:2] == broken[:2]
    assert clean[0] == 0


def test_a_cache_folder_that_is_a_link_is_not_used(collection: Path, cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "outside-cache"
    elsewhere.mkdir()
    (collection / cache.FOLDER).symlink_to(elsewhere)
    expected = cli("check", "--format", "json", "--no-cache")
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == expected[:2]
    assert "is a link" in err and not any(elsewhere.iterdir())


def test_without_a_secret_the_cache_is_not_used(
    collection: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    cache.machine_secret.cache_clear()
    expected = cli("check", "--format", "json", "--no-cache")
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == expected[:2]
    assert "secret cannot be read or made" in err
    assert not (collection / cache.FOLDER).exists()


def test_the_secret_is_the_users_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache.machine_secret.cache_clear()
    secret = cache.machine_secret(cache.secret_path())
    path = cache.secret_path()
    assert path.is_relative_to(tmp_path) and len(secret) == cache.SECRET_BYTES
    assert path.stat().st_mode & 0o077 == 0
    cache.machine_secret.cache_clear()
    assert cache.machine_secret(path) == secret  # read again, not made anew


def test_a_cache_folder_git_cannot_answer_for_is_not_used(collection: Path, cli: Cli) -> None:
    """Inside a repository git refuses (here: a broken .git), the folder's state is unknown: not trusted."""
    cli("check", "--format", "json")
    (collection / ".git").mkdir()
    (collection / ".git" / "HEAD").write_text("not a ref\n", encoding="utf-8")
    expected = cli("check", "--format", "json", "--no-cache")
    status, out, err = cli("check", "--format", "json")
    assert (status, out) == expected[:2]
    assert "git cannot tell whether it tracks this cache folder" in err
