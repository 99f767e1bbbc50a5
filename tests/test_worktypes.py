"""工种: the 汽车维修工 sample's blueprints, workbooks, site section and diff per 工种, and that a
document without 工种 keeps exactly its former blueprint keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from stdkit import blueprint, publish
from stdkit.collection import Collection, levelled
from stdkit.model import LevelledBody
from stdkit.model.blueprint import Exam
from stdkit.publish import dump
from stdkit.site.pages import requirements
from tests.conftest import STANDARDS, CliResult
from tests.test_blueprint import entry, samples, validator
from tests.test_diff import Repo

REF = "4-12-01-01@2018"
SAMPLE = (STANDARDS / "4-12-01-01_2018.yaml").read_text(encoding="utf-8")


def test_blueprint_keys_follow_the_ladder_then_the_work_types() -> None:
    assert blueprint.levels_of(entry(REF)) == ["L5", "L4", "001/L3", "002/L3", "001/L2", "002/L2", "L1"]
    # a document without 工种 keeps exactly its ladder ids
    assert blueprint.levels_of(entry("6-31-01-03@2018")) == ["L5", "L4", "L3", "L2", "L1"]


@pytest.mark.parametrize("level", ["L4", "001/L3", "002/L3", "002/L2", "L1"])
def test_golden(level: str, golden: Callable[[str, str | bytes], None]) -> None:
    made = blueprint.build(entry(REF), level)
    data = dump(made)
    assert list(validator().iter_errors(orjson.loads(data))) == []
    golden(f"blueprints/{REF.replace('@', '_')}_{level.replace('/', '_')}.json", data)


def test_work_type_blueprint_draws_on_its_own_work_and_eligibility() -> None:
    made = blueprint.build(entry(REF), "002/L3")
    assert made.work_type is not None
    assert (made.work_type.key, made.work_type.code, made.work_type.name) == (
        "002",
        "4-12-01-01-002",
        "电器维修",
    )
    assert made.level.id == "L3"
    assert all("汽车电" in e.text for e in made.eligibility)  # the 工种's own, not the common ones
    theory = next(c for c in made.components if isinstance(c, Exam) and c.kind == "theory")
    assert [s.key for s in theory.sections] == ["ethics", "basics", "电源与起动系统维修", "车身电气系统维修"]
    assert sum(s.items or 0 for s in theory.sections) == 100
    own = [p.code for s in theory.sections[2:] for p in s.points]
    assert own and all(code.startswith(f"{REF}/002/L3/") for code in own)
    # the other 工种 at the same level draws on other lines, under other codes
    other = blueprint.build(entry(REF), "001/L3")
    codes = {p.code for c in other.components if isinstance(c, Exam) for s in c.sections for p in s.points}
    assert not codes & set(own)
    assert "work_type" not in orjson.loads(dump(blueprint.build(entry(REF), "L4")))


def test_unknown_work_type_key_is_refused() -> None:
    with pytest.raises(ValueError, match="no 工种"):
        blueprint.build(entry(REF), "009/L3")
    with pytest.raises(ValueError, match="no 工种"):
        blueprint.build(entry(REF), "001/L1")


def test_published_files_and_index_per_work_type(tmp_path: Path) -> None:
    collection = samples()
    only = Collection(entries=(entry(REF),), config=collection.config)
    written = {p.as_posix() for p in publish.build_blueprints_into(only, tmp_path, include_drafts=False)}
    for key in ("001/L3", "002/L3", "001/L2", "002/L2"):
        for suffix in ("json", "xlsx"):
            assert f"4-12-01-01/2018/{key}.{suffix}" in written
        assert f"4-12-01-01/latest/{key}.json" in written  # a pointer; latest/ holds no workbooks
        pointer = orjson.loads((tmp_path / f"4-12-01-01/latest/{key}.json").read_bytes())
        assert pointer["url"] == f"../../2018/{key}.json" and pointer["work_type"]["key"] == key[:3]
    index = orjson.loads((tmp_path / "index.json").read_bytes())
    rows = {(row["level"], (row.get("work_type") or {}).get("key")): row for row in index["blueprints"]}
    assert rows[("L3", "002")]["url"] == "4-12-01-01/2018/002/L3.json"
    assert rows[("L4", None)]["url"] == "4-12-01-01/2018/L4.json"
    assert "work_type" not in rows[("L4", None)]


def body() -> LevelledBody:
    document = levelled(entry(REF).document)
    assert document is not None
    return document


def test_site_section_golden(golden: Callable[[str, str | bytes], None]) -> None:
    html = requirements.work_types(body())  # the section alone, without a mkdocs build
    assert "本职业分为 2 个工种：机械维修、电器维修" in html
    golden("site/4-12-01-01_2018_work_types.html", html)


def test_site_escapes_work_type_names() -> None:
    document = body()
    renamed = [w.model_copy(update={"name": "<b>机修</b>"}) for w in document.work_types]
    html = requirements.work_types(document.model_copy(update={"work_types": renamed}))
    assert "<b>机修</b>" not in html
    assert "&lt;b&gt;机修&lt;/b&gt;" in html


def test_diff_per_work_type_golden(
    in_dir: Path, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    repo = Repo(in_dir)
    path = "standards/4-12-01-01_2018.yaml"
    repo.write(path, SAMPLE)
    repo.commit("A")
    repo.edit(
        path,
        (
            "        L3: {电源与起动系统维修: 45, 车身电气系统维修: 55}",
            "        L3: {电源与起动系统维修: 50, 车身电气系统维修: 50}",
        ),
        (
            "                - 能检测CAN总线的终端电阻和信号电压\n",
            "                - 能使用示波器检测CAN总线波形\n",
        ),
    )
    repo.commit("B")
    status, markdown, err = cli("diff", "A", "B")
    assert (status, err) == (0, "")
    assert "电器维修 · 技能权重 · 电源与起动系统维修" in markdown
    assert "002/L3" in markdown and "002/L2" in markdown and "001/L3" not in markdown
    golden("diff/work_types.md", markdown)
