"""Publishing blueprints: layout, index, schema validity, determinism, and the atomic swap."""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from stdkit import blueprint, schemas
from stdkit.collection import Collection, Entry
from stdkit.config import Config
from stdkit.ladder import Level
from stdkit.model.blueprint import SCHEMA_VERSION
from stdkit.output import MARKER
from stdkit.output import replace_dir as atomic_replace_dir
from stdkit.publish import INDEX, PublishError, is_pointer, validate_tree, write_blueprints
from stdkit.run import pipeline
from stdkit.workbook import workbook
from tests.conftest import ROOT, STANDARDS, CliResult

CASE_SCHEMA = "case-v1p1-cfpackage-schema.json"  # 1EdTech CASE 1.1, see tests/data/README.md


def samples() -> Collection[Entry]:
    report = pipeline.validate([STANDARDS], Config.default(ROOT))
    assert report.exit_status == 0
    return report.collection


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.loaded(name, strict=True))


def test_layout_index_and_latest(tmp_path: Path) -> None:
    out = tmp_path / "site" / "blueprints"
    written = write_blueprints(samples(), out, include_drafts=False)
    assert out / INDEX in written
    index = orjson.loads((out / INDEX).read_bytes())
    assert index["schema_version"] == SCHEMA_VERSION
    refs = {(e["document"]["ref"], e["level"]) for e in index["blueprints"]}
    assert ("6-31-01-03@2018", "L5") in refs
    old = [e for e in index["blueprints"] if e["document"]["ref"] == "6-31-01-03@2009"]
    assert old, "a superseded edition stays published at its edition URLs"
    assert {(e["status"], e["superseded_by"], e["latest_url"]) for e in old} == {
        ("superseded", "6-31-01-03@2018", None)
    }
    for item in index["blueprints"]:
        data = (out / item["url"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        assert hashlib.sha256((out / item["xlsx_url"]).read_bytes()).hexdigest() == item["xlsx_sha256"]
        if item["latest_url"]:
            pointer = out / item["latest_url"]
            target = orjson.loads(pointer.read_bytes())
            assert target["latest"] is True
            assert (pointer.parent / target["url"]).resolve() == (out / item["url"]).resolve()
            assert target["sha256"] == item["sha256"] and target["xlsx_sha256"] == item["xlsx_sha256"]
            assert (pointer.parent / target["xlsx_url"]).resolve() == (out / item["xlsx_url"]).resolve()
    pointer = orjson.loads((out / "6-31-01-03" / "latest" / "L1.json").read_bytes())
    assert pointer["url"] == "../2018/L1.json" and pointer["document"] == "6-31-01-03@2018"
    assert not list(out.glob("*/latest/*.xlsx")), "latest/ points at the workbook, it does not copy it"
    latest_bytes = sum(p.stat().st_size for p in out.glob("*/latest/**/*") if p.is_file())
    assert latest_bytes < 1000 * len(list(out.glob("*/latest/**/*.json"))), "pointers stay small"
    assert not list(tmp_path.joinpath("site").glob(".blueprints.*")), "no temporary folders left behind"


def test_drafts_and_superseded_by(tmp_path: Path) -> None:
    out = tmp_path / "blueprints"
    write_blueprints(samples(), out, include_drafts=True)
    index = orjson.loads((out / INDEX).read_bytes())
    assert index["include_drafts"] is True
    old = [e for e in index["blueprints"] if e["document"]["ref"] == "6-31-01-03@2009"]
    assert old and all(e["superseded_by"] == "6-31-01-03@2018" for e in old)
    assert all(e["latest_url"] is None for e in old), "latest is the newest *published* edition"


def test_every_file_validates_against_its_schema(tmp_path: Path) -> None:
    out = tmp_path / "blueprints"
    write_blueprints(samples(), out, include_drafts=True)
    blueprint_schema, index_schema = schema("blueprint.schema.json"), schema("blueprint-index.schema.json")
    pointer_schema = schema("blueprint-latest.schema.json")
    files = sorted(out.rglob("*.json"))
    assert len(files) > 40
    case_schema = Draft202012Validator(
        orjson.loads((Path(__file__).parent / "data" / CASE_SCHEMA).read_bytes())
    )
    for path in files:
        relative = path.relative_to(out).as_posix()
        check = (
            index_schema
            if path.name == INDEX
            else case_schema
            if path.name == "case.json"
            else pointer_schema
            if is_pointer(relative)
            else blueprint_schema
        )
        assert not list(check.iter_errors(orjson.loads(path.read_bytes()))), path
    assert validate_tree(out) == []


def test_json_is_canonical(tmp_path: Path) -> None:
    out = tmp_path / "blueprints"
    write_blueprints(samples(), out, include_drafts=False)
    raw = (out / "6-31-01-03" / "2018" / "L5.json").read_bytes()
    assert raw.endswith(b"}\n")
    assert "电工".encode() in raw and b"\\u" not in raw
    data = orjson.loads(raw)
    # only records (objects or arrays of scalars) are one line; what holds them is indented
    lines = raw.decode().splitlines()
    points = [p for c in data["components"] if "sections" in c for s in c["sections"] for p in s["points"]]
    assert points
    for point in points:  # each 鉴定点 on a line of its own, compact, keys sorted
        assert sum(1 for line in lines if f'"code":"{point["code"]}"' in line) == 1
        line = next(line for line in lines if f'"code":"{point["code"]}"' in line).strip().rstrip(",")
        assert line == orjson.dumps(point, option=orjson.OPT_SORT_KEYS).decode()
    assert lines[1].startswith('  "'), "what holds records is indented"
    assert len(raw) < 0.8 * len(orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2))


@pytest.mark.slow
def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    collection = samples()
    write_blueprints(collection, tmp_path / "a", include_drafts=True)
    time.sleep(2.1)  # zip entries carry a 2-second resolution timestamp; it must not leak in
    write_blueprints(collection, tmp_path / "b", include_drafts=True)
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert any(name.endswith(".xlsx") for name in first)
    assert first == second


def test_workbook_has_fixed_properties_and_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    entry = samples().by_ref["6-31-01-03@2018"]
    path = tmp_path / "L5.xlsx"
    path.write_bytes(workbook(blueprint.build(entry, Level.L5)))
    book = load_workbook(path)
    # The 电工 2018 sample composes its theory papers (`all`), so L5 also has its 双向细目表.
    assert book.sheetnames == ["理论知识", "技能操作", "双向细目表"]
    assert str(book.properties.created) == str(book.properties.modified) == "2018-12-26 00:00:00"
    rows = list(book["理论知识"].iter_rows(min_row=7, max_row=8, values_only=True))
    header, first = rows
    assert header[:9] == (
        "代码",
        "名称",
        "鉴定比重（%）",
        "代码",
        "名称",
        "鉴定比重（%）",
        "代码",
        "名称",
        "重要程度",
    )
    assert first[0] == "A" and first[1] == "职业道德" and first[6] == "001"
    assert first[11] == "6-31-01-03@2018/ethics/k1"


def test_invalid_blueprint_leaves_published_files_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site" / "blueprints"
    collection = samples()
    write_blueprints(collection, out, include_drafts=False)
    before = snapshot(out)
    real = blueprint.build

    def broken(entry: object, level: str) -> object:
        made = real(entry, level)  # type: ignore[arg-type]  # the spy passes what the real one takes
        return made.model_copy(update={"schema_version": "9.9"})  # model_copy does not validate

    monkeypatch.setattr(blueprint, "build", broken)
    with pytest.raises(PublishError) as caught:
        write_blueprints(collection, out, include_drafts=False)
    assert "schema_version" in str(caught.value)
    assert "nothing was published" in str(caught.value)
    assert snapshot(out) == before
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["blueprints"], "temporary folder removed"


MARKER_TEXT = b"made by stdkit build; replaced whole by the next build\n"


def test_atomic_replace_dir(tmp_path: Path) -> None:
    target = tmp_path / "site"

    def first(folder: Path) -> None:
        (folder / "a.txt").write_text("one")

    def second(folder: Path) -> None:
        (folder / "b.txt").write_text("two")

    def failing(folder: Path) -> None:
        (folder / "c.txt").write_text("half")
        raise RuntimeError("boom")

    marker = {MARKER: MARKER_TEXT}
    atomic_replace_dir(target, first)
    assert snapshot(target) == {"a.txt": b"one", **marker}
    with pytest.raises(RuntimeError, match="boom"):
        atomic_replace_dir(target, failing)
    assert snapshot(target) == {"a.txt": b"one", **marker}
    atomic_replace_dir(target, second)
    assert snapshot(target) == {"b.txt": b"two", **marker}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert target.stat().st_mode & 0o755 == 0o755


# -- stdkit build --------------------------------------------------------------------------------


def test_build_command(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    shutil.copytree(STANDARDS, in_dir / "standards")
    status, out, err = cli("build")
    assert status == 0, out + err
    assert "blueprints written to" in out
    assert (in_dir / "site" / "blueprints" / INDEX).exists()
    assert (in_dir / "site" / "blueprints" / "6-31-01-03" / "latest" / "L3.json").exists()


def test_build_stops_on_errors_and_writes_nothing(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    shutil.copytree(STANDARDS, in_dir / "standards")
    assert cli("build")[0] == 0
    before = snapshot(in_dir / "site")
    (in_dir / "standards" / "broken.yaml").write_text("kind: [\n", encoding="utf-8")
    status, out, err = cli("build")
    assert status == 1
    assert "broken.yaml:" in out
    assert "nothing was written" in err
    assert snapshot(in_dir / "site") == before


def test_the_process_pool_writes_the_same_bytes_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit import publish

    collection = samples()
    monkeypatch.setattr(publish, "POOL_MIN", 10_000)
    publish.build_blueprints_into(collection, tmp_path / "serial", include_drafts=True)
    monkeypatch.setattr(publish, "POOL_MIN", 1)
    pools: list[int] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    publish.build_blueprints_into(collection, tmp_path / "pooled", include_drafts=True)
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "pooled")
    assert pools or len(os.sched_getaffinity(0)) == 1, "with two cores the blueprints are rendered by a pool"


def test_a_generated_corpus_publishes_only_what_schema_files_accept(tmp_path: Path) -> None:
    """The build checks each JSON against its pydantic model (publish._checked), not with jsonschema;
    this holds it to the published schema/*.json files, on a generated corpus large enough for the pool."""
    import sys

    from stdkit import publish

    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # bench/ is a folder of scripts, not a package

    corpus.write(publish.POOL_MIN + 5, tmp_path / "corpus", seed=5)
    report = pipeline.check([tmp_path / "corpus" / "standards"], Config.default(tmp_path / "corpus"))
    out = tmp_path / "blueprints"
    written = publish.build_blueprints_into(report.collection, out, include_drafts=True)
    validators = {
        name: Draft202012Validator(orjson.loads((ROOT / "schema" / name).read_bytes()))
        for name in ("blueprint.schema.json", "blueprint-index.schema.json", "blueprint-latest.schema.json")
    }
    checked = 0
    for relative in written:
        if relative.suffix != ".json" or relative.name == "case.json":
            continue
        name = (
            "blueprint-index.schema.json"
            if relative.as_posix() == INDEX
            else "blueprint-latest.schema.json"
            if is_pointer(relative.as_posix())
            else "blueprint.schema.json"
        )
        errors = list(validators[name].iter_errors(orjson.loads((out / relative).read_bytes())))
        assert not errors, (relative, errors[:3])
        checked += 1
    assert checked > 2 * publish.POOL_MIN
    assert validate_tree(out) == []
