"""Reference data: 职业分类大典 2022 and 国家职业资格目录 2021, as a checker and a site see them."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.config import load as load_config
from stdkit.reference import ReferenceData, ReferenceDataError, files, index, load_reference
from stdkit.run import pipeline as checks

from .conftest import STANDARDS, CliResult

COLLECTIONS = Path(__file__).resolve().parent / "collections"


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


# ------------------------------------------------------------------------------------------ occupations


def test_the_2022_classification_has_1639_occupations_sorted_by_code(ref: ReferenceData) -> None:
    codes = [o.code for o in ref.all_occupations]
    # the 2022 edition's 1639, plus the 19 + 17 of the 2024 and 2025 releases (one of 2024's 19 has no code here)
    assert sum(o.since == "2022" for o in ref.all_occupations) == 1639
    assert len(codes) == 1639 + 36
    assert ref.occupations_edition.totals["occupations"] == 1639
    assert ref.occupations_edition.totals["minor"] == 450
    assert codes == sorted(set(codes))
    assert ref.occupations_edition.edition == "2022"
    assert "2022" in ref.occupations_edition.title
    assert ref.occupations_edition.verified is True
    assert ref.occupations_edition.source


def test_electrician_and_its_parents(ref: ReferenceData) -> None:
    occ = ref.occupation("6-31-01-03")
    assert occ is not None
    assert occ.name == "电工"
    assert (occ.major, occ.major_name) == ("6", "生产制造及有关人员")
    assert (occ.middle, occ.middle_name) == ("6-31", "生产辅助人员")
    assert (occ.minor, occ.minor_name) == ("6-31-01", "机械设备修理人员")
    assert occ.flag is None
    assert ref.occupation("9-99-99-99") is None


def test_digital_and_green_flags(ref: ReferenceData) -> None:
    robot = ref.occupation("6-31-07-01")
    additive = ref.occupation("6-18-01-13")
    assert robot is not None and robot.flag == "S" and robot.digital and not robot.green
    assert additive is not None and additive.flag == "L/S" and additive.digital and additive.green
    edition = [o for o in ref.all_occupations if o.since == "2022"]
    assert sum(o.digital for o in edition) == 97
    assert sum(o.green for o in edition) == 134


def test_categories_for_browsing(ref: ReferenceData) -> None:
    cats = ref.categories()
    assert cats["6"] == "生产制造及有关人员"
    assert cats["6-31"] == "生产辅助人员"
    assert sum(1 for k in cats if "-" not in k) == 8
    assert sum(1 for k in cats if "-" in k) == 79
    assert list(cats) == sorted(cats)
    assert ref.categories(include_minor=True)["6-31-01"] == "机械设备修理人员"


def test_occupations_named_finds_exact_names_and_verified_earlier_names(ref: ReferenceData) -> None:
    assert [o.code for o in ref.occupations_named("电工")] == ["6-31-01-03"]
    assert [o.code for o in ref.occupations_named("公共营养师")] == ["4-14-02-01"]
    assert [o.code for o in ref.occupations_named("劳动关系协调员")] == ["4-07-03-02"]
    assert [o.code for o in ref.occupations_named("轨道列车司机")] == ["4-02-01-01"]
    assert ref.occupations_named("育婴员") == ()
    # an inferred, unverified mapping is not offered unless asked for
    assert ref.occupations_named("民航安全检查员") == ()
    inferred = ref.occupations_named("民航安全检查员", include_unverified=True)
    assert [o.code for o in inferred] == ["4-07-05-02"]


# ------------------------------------------------------------------------------------------ resolve


def test_resolve_current_code_and_name_is_ok(ref: ReferenceData) -> None:
    res = ref.resolve("6-31-01-03", "电工")
    assert res.status == "ok"
    assert res.occupation is not None and res.occupation.name == "电工"
    assert ref.resolve("6-31-01-03", None).status == "ok"


def test_resolve_babycare_legacy_code_has_no_successor(ref: ReferenceData) -> None:
    res = ref.resolve("4-10-01-02", "育婴员")
    assert res.status == "legacy"
    assert res.successor is None
    assert res.occupation is None
    assert res.legacy is not None and res.legacy.name == "育婴员" and res.legacy.verified


def test_resolve_reused_code_with_old_name_is_legacy(ref: ReferenceData) -> None:
    res = ref.resolve("4-02-07-10", "网约配送员")
    assert res.status == "legacy"
    assert res.successor == "4-10-08-01"
    assert res.expected_name == "网约配送员"
    assert res.occupation is not None and res.occupation.code == "4-10-08-01"


def test_resolve_reused_code_with_its_2022_name_is_ok(ref: ReferenceData) -> None:
    res = ref.resolve("4-02-07-10", "国际快递业务师")
    assert res.status == "ok"
    assert res.successor is None
    assert ref.resolve("4-02-07-10", None).status == "ok"


def test_resolve_renamed_occupation(ref: ReferenceData) -> None:
    res = ref.resolve("4-14-02-01", "公共营养师")
    assert res.status == "renamed"
    assert res.expected_name == "营养师"
    assert res.verified
    assert ref.resolve("4-07-03-02", "劳动关系协调员").status == "renamed"
    assert ref.resolve("4-02-01-01", "轨道列车司机").status == "renamed"


def test_resolve_unverified_rename_says_so(ref: ReferenceData) -> None:
    res = ref.resolve("4-07-05-02", "民航安全检查员")
    assert res.status == "renamed"
    assert res.verified is False


def test_resolve_name_mismatch_points_at_the_right_code(ref: ReferenceData) -> None:
    res = ref.resolve("6-31-01-02", "电工")
    assert res.status == "name-mismatch"
    assert res.expected_name == "机修钳工"
    assert res.successor == "6-31-01-03"


def test_resolve_unknown_code(ref: ReferenceData) -> None:
    res = ref.resolve("9-99-99-99", None)
    assert res.status == "unknown"
    assert res.occupation is None and res.successor is None
    assert ref.resolve("9-99-99-99", "电工").successor == "6-31-01-03"


def test_resolve_ignores_width_and_spaces_in_names(ref: ReferenceData) -> None:
    assert ref.resolve("7-01-00-00", "军官（警官）").status == "ok"
    assert ref.resolve("6-31-01-03", " 电 工 ").status == "ok"


def test_legacy_and_renamed_lookups(ref: ReferenceData) -> None:
    baby = ref.legacy("4-10-01-02")
    assert baby is not None and baby.successor is None and baby.name == "育婴员"
    # a reused code is legacy only under its old name
    assert ref.legacy("4-02-07-10") is None
    assert ref.legacy("4-02-07-10", "国际快递业务师") is None
    reused = ref.legacy("4-02-07-10", "网约配送员")
    assert reused is not None and reused.successor == "4-10-08-01"
    ai = ref.legacy("2-02-10-09")
    assert ai is not None and ai.successor == "2-02-38-01"
    nutrition = ref.legacy("4-14-02-01")
    assert nutrition is not None and nutrition.name == "公共营养师" and nutrition.successor == "4-14-02-01"
    assert ref.legacy("6-31-01-03") is None
    assert ref.renamed("4-14-02-01") == "公共营养师"
    assert ref.renamed("4-07-03-02") == "劳动关系协调员"
    assert ref.renamed("4-07-05-02") is None  # unverified mapping
    assert [r.verified for r in ref.renames("4-07-05-02")] == [False]
    assert ref.renamed("6-31-01-03") is None


# ------------------------------------------------------------------------------------------ catalogue


def test_catalogue_totals(ref: ReferenceData) -> None:
    ed = ref.catalogue_edition
    assert ed.edition == "2021"
    assert ed.title == "国家职业资格目录（2021年版）"
    assert ed.issuer == "人力资源社会保障部"
    assert ed.date == "2021-11-23"
    assert ed.totals["professional"] == 59
    assert ed.totals["skill"] == 13
    assert ed.totals["all"] == 72
    professional = [q for q in ref.all_qualifications if q.group == "professional"]
    assert len(professional) == 59
    assert sum(q.category == "准入类" for q in professional) == 33
    assert sum(q.category == "水平评价类" for q in professional) == 26
    # the 13 skill items over their 23 leaf names (the grouping of 14 of them is a reconstruction, see notes)
    skill = [q for q in ref.all_qualifications if q.group == "skill"]
    assert len(skill) == 13
    assert any("13" in n for n in ed.notes)


def test_welder_needs_the_special_operations_licence(ref: ReferenceData) -> None:
    found = ref.qualifications_for("6-18-02-04", "焊工")
    special = [q for q in found if q.name == "特种作业人员"]
    assert len(special) == 1
    assert special[0].licensing is True
    assert special[0].category == "准入类"


def test_qualifications_by_name_and_alias(ref: ReferenceData) -> None:
    assert [q.id for q in ref.qualifications_for(None, "保安员")] == ["S-GUARD"]
    assert [q.id for q in ref.qualifications_for(None, "轨道交通列车司机")] == ["S-TRAIN-DRIVER"]
    assert [q.id for q in ref.qualifications_for(None, "出租汽车驾驶员")] == ["S-ROAD-TRANSPORT"]
    assert ref.qualifications_for("4-14-02-01", "营养师") == ()
    # the old code of 网约配送员 means 国际快递业务师 in 2022: nothing related to that occupation applies
    assert ref.qualifications_for("4-02-07-10", "网约配送员") == ()


def test_qualification_lookup(ref: ReferenceData) -> None:
    by_id = ref.qualification("S-SPECIAL-OPS")
    assert by_id is not None and by_id.name == "特种作业人员"
    assert ref.qualification("特种作业人员") == by_id
    doctor = ref.qualification("职业病诊断医师")
    assert doctor is not None and doctor.name == "医生资格"
    assert ref.qualification("不存在的资格") is None


def test_unverified_rows_stay_unverified(ref: ReferenceData) -> None:
    q = {x.id: x for x in ref.all_qualifications}
    # only 专业技术 items 1-8 and the 5 licensing skill groups are verified in the source
    assert sorted(i for i, x in q.items() if x.verified) == [
        "P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08",
        "S-CONSTR-SPECIAL", "S-DANGEROUS-GOODS", "S-ROAD-TRANSPORT", "S-SPECIAL-EQUIP", "S-SPECIAL-OPS",
    ]  # fmt: skip
    # a 准入类? in the source is 未核实, with the source's value beside it
    assert q["S-GUARD"].category == "未核实"
    assert q["S-GUARD"].category_note is not None and "准入类?" in q["S-GUARD"].category_note
    assert q["S-GUARD"].licensing is False
    assert q["S-LIVESTOCK"].category == "未核实"
    assert q["S-FIRE"].category_label == "未核实"
    # a category the source states without proof says so
    assert q["S-WELD"].category == "准入类" and q["S-WELD"].category_label == "准入类，未核实"
    # verified item, departments from memory
    assert q["S-SPECIAL-OPS"].verified and not q["S-SPECIAL-OPS"].departments_verified
    # verified item with an unverified sub-item
    assert q["P08"].verified and not q["P08"].departments_verified
    assert q["P01"].departments_verified
    # a guessed group name keeps its caveat where it is shown
    assert q["P30"].name == "民用航空专业人员资格" and not q["P30"].verified
    assert q["P30"].display_name == "民用航空专业人员资格（group name is a guess）"
    assert q["S-WELD"].display_name == "核安全设备焊接人员（group name is a guess）"
    assert q["S-SPECIAL-OPS"].display_name == "特种作业人员"
    assert all(not x.departments_verified for x in q.values() if not x.verified)


def test_thirteen_skill_items_over_the_23_leaves(ref: ReferenceData) -> None:
    skill = [q for q in ref.all_qualifications if q.group == "skill"]
    assert len(skill) == 13
    assert sum(len(q.aliases) + (q.name not in q.aliases) for q in skill) >= 23
    assert not any(q.category == "unknown" for q in ref.all_qualifications)  # type: ignore[comparison-overlap]  # data could say so; the types cannot


def test_catalogue_codes_resolve_in_the_shipped_classification(ref: ReferenceData) -> None:
    for q in ref.all_qualifications:
        for code in q.related_occupations:
            assert ref.occupation(code) is not None, (q.id, code)


# ------------------------------------------------------------------------------------------ loading


def test_default_load_is_cached_and_fast() -> None:
    assert load_reference() is load_reference()
    for cached in (
        index._default_occupations,
        index._default_notes,
        index._default_catalogue,
        index._default_releases,
        index._default_reference,
    ):
        cached.cache_clear()
    start = time.perf_counter()
    load_reference()
    assert time.perf_counter() - start < 0.25  # about 10 ms on a laptop; generous for CI


def _occupations_file(tmp_path: Path, data: object, name: str = "occ.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


NEWER = {
    "edition": "2030",
    "title": "职业分类大典（2030年版）",
    "major_categories": {"6": "生产制造及有关人员"},
    "middle_categories": {"6-31": "生产辅助人员"},
    "minor_categories": {"6-31-01": "机械设备修理人员"},
    "occupations": [["6-31-01-03", "电工", None], {"code": "6-31-01-09", "name": "新职业", "flag": "S"}],
}


def test_custom_newer_occupations_edition(tmp_path: Path) -> None:
    ref = load_reference(occupations=_occupations_file(tmp_path, NEWER))
    assert ref.occupations_edition.edition == "2030"
    assert [o.code for o in ref.all_occupations] == ["6-31-01-03", "6-31-01-09"]
    new = ref.occupation("6-31-01-09")
    assert new is not None and new.digital and new.minor_name == "机械设备修理人员"
    # the notes describe 2022 codes: they do not apply to another edition
    assert ref.resolve("4-10-01-02", "育婴员").status == "unknown"
    assert ref.catalogue_edition.edition == "2021"


def test_custom_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "cat.yaml"
    path.write_text(
        "meta: {title: 国家职业资格目录（2030年版）, edition: 2030}\n"
        "items:\n"
        "  - {id: X1, name: 特种作业人员, group: skill, category: 准入类,\n"
        "     related_occupations: [6-31-01-03]}\n",
        encoding="utf-8",
    )
    ref = load_reference(catalogue=path)
    assert ref.catalogue_edition.edition == "2030"
    (item,) = ref.qualifications_for("6-31-01-03", "电工")
    assert item.licensing
    assert item.verified is False  # a row that does not say it is verified is not


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([1, 2, 3], "expected a mapping"),
        ({"edition": "2030"}, "no 'occupations' list"),
        ({**NEWER, "edition": None}, "edition"),
        ({**NEWER, "occupations": [["6-31-1-3", "电工", None]]}, "occupations[0].code"),
        ({**NEWER, "occupations": [["6-31-01-03", "电工"]]}, "expected 3 values"),
        ({**NEWER, "occupations": [["6-31-01-03", "", None]]}, "occupations[0] (6-31-01-03).name"),
        ({**NEWER, "occupations": [["6-31-01-03", "电工", None]] * 2}, "duplicate code"),
        ({**NEWER, "occupations": [["6-32-01-01", "某工", None]]}, "中类 6-32"),
        ({**NEWER, "occupations": []}, "empty"),
    ],
)
def test_malformed_occupations_file_raises(tmp_path: Path, data: object, fragment: str) -> None:
    path = _occupations_file(tmp_path, data)
    with pytest.raises(ReferenceDataError) as info:
        load_reference(occupations=path)
    assert info.value.path == path
    assert fragment in info.value.message
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("items: [\n", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
        ("meta: {title: t, edition: '1'}\n", "no 'items' list"),
        ("items: []\n", "meta: expected a mapping"),
        (
            "meta: {title: t, edition: '1'}\nitems:\n  - {id: A, name: n, group: skill, category: 准入类?}\n",
            "items[0] (A).category",
        ),
        (
            "meta: {title: t, edition: '1'}\nitems:\n  - {id: A, name: n, group: other}\n",
            "items[0] (A).group",
        ),
        (
            "meta: {title: t, edition: '1'}\nitems:\n"
            "  - {id: A, name: n, group: skill, related_occupations: [6-31-01]}\n",
            "related_occupations[0]",
        ),
        (
            "meta: {title: t, edition: '1'}\nitems:\n  - {id: A, name: n, group: skill, verified: maybe}\n",
            "verified",
        ),
        ("meta: {title: t, edition: '1'}\nitems:\n  - !!python/object:os.system {}\n", "not valid YAML"),
    ],
)
def test_malformed_catalogue_file_raises(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(catalogue=path)
    assert fragment in info.value.message


def test_missing_or_binary_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="cannot read"):
        load_reference(occupations=tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{")
    with pytest.raises(ReferenceDataError, match="not valid JSON"):
        load_reference(occupations=bad)


def test_shipped_files_are_deterministic_and_small() -> None:
    data_dir = Path(files.__file__).parents[1] / "data"
    occ = json.loads((data_dir / files.OCCUPATIONS_FILE).read_text(encoding="utf-8"))
    codes = [row[0] for row in occ["occupations"]]
    assert codes == sorted(codes)
    assert (data_dir / files.OCCUPATIONS_FILE).stat().st_size < 150_000


# ------------------------------------------------------------------------------------------ releases, pending


def test_basis_names_the_edition_and_its_releases(ref: ReferenceData) -> None:
    assert ref.basis == "职业分类大典（2022年版）及 2024、2025 年发布的新职业信息"
    assert [r.id for r in ref.releases] == ["2024", "2025"]
    aigc = ref.occupation("4-04-05-13")
    assert (
        aigc is not None and aigc.name == "生成式人工智能系统应用员" and aigc.since == "2024" and aigc.digital
    )
    assert len(ref.same_minor("4-04-05")) == 15
    assert [w.name for w in ref.work_types] == [
        "直播销售员",
        "平台管理员",
        "生成式人工智能系统测试员",
        "生成式人工智能动画制作员",
    ]


def test_post_2022_rename_keeps_the_old_name_findable(ref: ReferenceData) -> None:
    res = ref.resolve("2-05-07-02", "口腔医学技师")
    assert res.status == "renamed" and res.expected_name == "口腔修复技师"
    assert res.rename is not None and res.rename.release == "2025"
    assert [o.code for o in ref.occupations_named("口腔医学技师")] == ["2-05-07-02"]
    assert ref.resolve("3-01-01-05", "劝募师").status == "ok"


def test_2015_renames_at_the_same_code_are_earlier_names(ref: ReferenceData) -> None:
    for code, old, new in [
        ("4-10-01-03", "保育员", "保育师"),
        ("4-14-03-03", "眼镜验光员", "眼镜验光师"),
        ("6-02-06-11", "评茶员", "评茶师"),
        ("6-25-04-07", "广电和通信设备电子装接工", "电子设备装接工"),
    ]:
        res = ref.resolve(code, old)
        assert (res.status, res.expected_name, res.verified) == ("renamed", new, True), code


def test_babycare_has_two_candidates_and_iot_its_2022_code(ref: ReferenceData) -> None:
    baby = ref.legacy("4-10-01-02")
    assert baby is not None and baby.candidates == ("4-10-01-01", "4-10-01-03")
    iot = ref.resolve("2-02-10-10", "物联网工程技术人员")
    assert (iot.status, iot.successor) == ("legacy", "2-02-38-02")


def test_suggestions_start_with_the_same_minor_group(ref: ReferenceData) -> None:
    close = ref.suggest("4-04-05-99", "生成式人工智能训练员")
    assert close[0].code == "4-04-05-13"
    assert all(o.minor == "4-04-05" for o in close)


RELEASE = """format: stdkit-release/1
id: "2026-03"
applies_to: "2022"
date: 2026-03-01
title: 某新职业发布
source: 人社部 2026 年第一批新职业
added:
  - {code: 4-04-05-16, name: 具身智能训练员, flag: S}
renamed:
  - {code: 6-31-01-03, name: 电工（新）, earlier_name: 电工}
work_types:
  - {occupation: 4-04-05-16, name: 人形机器人训练员, code: 4-04-05-16-001}
"""


def test_a_collection_release_applies_after_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "release.yaml"
    path.write_text(RELEASE, encoding="utf-8")
    ref = load_reference(releases=[path])
    assert ref.basis == "职业分类大典（2022年版）及 2024、2025、2026 年发布的新职业信息"
    new = ref.occupation("4-04-05-16")
    assert new is not None and new.since == "2026-03" and new.minor_name == "软件和信息技术服务人员"
    assert ref.resolve("6-31-01-03", "电工").status == "renamed"
    assert [m.occupation.code for m in ref.find("人形机器人")] == ["4-04-05-16"]


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (("4-04-05-16, name: 具身", "4-04-05-13, name: 具身"), "added[0] (4-04-05-13): the code is already"),
        (("earlier_name: 电工}", "earlier_name: 焊工}"), "renamed[0] (6-31-01-03): earlier_name"),
        (("code: 4-04-05-16-001", "code: 4-04-05-17-001"), "work_types[0].code"),
        (('applies_to: "2022"', 'applies_to: "2030"'), "applies_to"),
        (("date: 2026-03-01", "date: soon"), "date"),
        (("{code: 4-04-05-16,", "{code: 4-04-5-16,"), "added[0].code"),
        (("{code: 4-04-05-16,", "{code: 4-99-05-16,"), "小类"),
    ],
)
def test_a_broken_release_file_names_file_and_entry(
    tmp_path: Path, edit: tuple[str, str], fragment: str
) -> None:
    path = tmp_path / "release.yaml"
    path.write_text(RELEASE.replace(*edit), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(releases=[path])
    assert str(path) in str(info.value)
    assert fragment in info.value.message


def _collection(tmp_path: Path, toml: str, code: str, name: str) -> Path:
    (tmp_path / "standards").mkdir(parents=True)
    (tmp_path / "stdkit.toml").write_text(toml, encoding="utf-8")
    source = (COLLECTIONS / "cat605_legacy_code" / "a.yaml").read_text(encoding="utf-8")
    text = source.replace("  code: 4-02-07-10", f"  code: {code}").replace(
        "  name: 网约配送员", f"  name: {name}"
    )
    (tmp_path / "standards" / "a.yaml").write_text(
        text.replace("id: 4-02-07-10", "id: QY-1"), encoding="utf-8"
    )
    return tmp_path


PENDING = """[stdkit]
standards = ["standards"]

[[stdkit.reference.pending]]
code = "{code}"
name = "具身智能训练员"
source = "新职业公示（第一批）"
date = 2026-05-20
"""


def test_a_declared_pending_code_passes_cat604_with_a_note_of_its_own(tmp_path: Path) -> None:
    root = _collection(tmp_path, PENDING.format(code="4-04-05-99"), "4-04-05-99", "具身智能训练员")
    config = load_config(root)
    report = checks.check(list(config.standards), config)
    found = [(d.code, d.path, d.line, d.severity.label) for d in report.diagnostics]
    assert found == [("CAT609", "standards/a.yaml", 9, "info")]
    assert "新职业公示（第一批）" in report.diagnostics[0].message
    # undeclared, the same code is unknown, and the message suggests the closest
    other = _collection(tmp_path / "b", "", "4-04-05-98", "生成式人工智能训练员")
    config = load_config(other)
    (unknown,) = checks.check(list(config.standards), config).diagnostics
    assert unknown.code == "CAT604" and "Closest: 4-04-05-13 「生成式人工智能系统应用员」" in unknown.message


def test_a_pending_declaration_of_a_published_code_is_a_warning_at_the_toml(tmp_path: Path) -> None:
    root = _collection(tmp_path, PENDING.format(code="4-04-05-13"), "4-04-05-13", "生成式人工智能系统应用员")
    config = load_config(root)
    report = checks.check(list(config.standards), config)
    found = [(d.code, d.path, d.line, d.col, d.severity.label) for d in report.diagnostics]
    assert found == [("CAT610", "stdkit.toml", 5, 1, "warning")]
    assert "Remove the `[[stdkit.reference.pending]]` entry" in report.diagnostics[0].message


def test_cat605_without_successor_lists_the_minor_group(tmp_path: Path) -> None:
    root = _collection(tmp_path, "", "4-05-02-01", "证券交易员")
    config = load_config(root)
    (finding,) = checks.check(list(config.standards), config).diagnostics
    assert finding.code == "CAT605"
    # no successor: the current occupations of its 小类 (a 2024 one among them) to choose from
    assert "no successor" in finding.message and "choose among the occupations of its 小类" in finding.message
    assert "4-05-02-02 「有色金属现货交易员」" in finding.message
    assert "# stdkit: ignore CAT605" in finding.message


def test_unverified_categories_read_as_such_in_messages(tmp_path: Path) -> None:
    root = _collection(tmp_path, "", "4-07-05-01", "保安员")
    config = load_config(root)
    (finding,) = checks.check(list(config.standards), config).diagnostics
    assert finding.code == "CAT602"
    assert "保安员 (未核实)" in finding.message and "unknown" not in finding.message


@pytest.mark.parametrize("key", ["catalogue", "occupations"])
def test_a_missing_reference_file_is_one_line_exit_2(
    in_dir: Path, cli: Callable[..., CliResult], key: str
) -> None:
    (in_dir / "stdkit.toml").write_text(f'[stdkit.reference]\n{key} = "nope.yaml"\n', encoding="utf-8")
    (in_dir / "standards").mkdir()
    shutil.copy(STANDARDS / "6-31-01-03_2018.yaml", in_dir / "standards")
    status, _, err = cli("check")
    assert status == 2
    assert err.count("\n") == 1 and "nope.yaml" in err and "cannot read the file" in err
    assert "Traceback" not in err


def test_a_broken_release_in_the_config_is_one_line_exit_2(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    (in_dir / "r.yaml").write_text(
        RELEASE.replace("4-04-05-16, name: 具身", "4-04-05-13, name: 具身"), "utf-8"
    )
    (in_dir / "stdkit.toml").write_text('[stdkit.reference]\nreleases = ["r.yaml"]\n', encoding="utf-8")
    (in_dir / "standards").mkdir()
    shutil.copy(STANDARDS / "6-31-01-03_2018.yaml", in_dir / "standards")
    status, _, err = cli("check")
    assert status == 2
    assert err.count("\n") == 1 and "r.yaml" in err and "added[0] (4-04-05-13)" in err


def test_the_reports_name_a_collection_release_in_their_basis(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    """Issue 21: a report says which state of the 大典 it checked against, the collection's own release included."""
    (in_dir / "r.yaml").write_text(RELEASE, "utf-8")
    (in_dir / "stdkit.toml").write_text('[stdkit.reference]\nreleases = ["r.yaml"]\n', encoding="utf-8")
    (in_dir / "standards").mkdir()
    shutil.copy(STANDARDS / "6-31-01-03_2018.yaml", in_dir / "standards")
    zh = "职业分类大典（2022年版）及 2024、2025、2026 年发布的新职业信息"
    en = "职业分类大典（2022年版） and the new occupations released in 2024, 2025, 2026"
    for verb in ("check", "validate"):
        assert f"职业分类依据：{zh}" in cli(verb, "--lang", "zh")[1].splitlines()
        assert f"occupation reference: {en}" in cli(verb, "--lang", "en")[1].splitlines()
    assert json.loads(cli("check", "--format", "json", "--lang", "zh")[1])["reference_basis"] == zh
    assert json.loads(cli("check", "--format", "json")[1])["reference_basis"] == en
    sarif = json.loads(cli("check", "--format", "sarif", "--lang", "zh")[1])
    assert sarif["runs"][0]["properties"]["reference_basis"] == zh


def test_shipped_data_is_what_the_build_script_makes(tmp_path: Path) -> None:
    """scripts/data/build_reference.py regenerates the shipped files byte for byte."""
    import subprocess
    import sys

    data = Path(files.__file__).parents[1] / "data"
    script = Path(__file__).resolve().parents[1] / "scripts" / "data" / "build_reference.py"
    before = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True)
    after = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    assert before == after
