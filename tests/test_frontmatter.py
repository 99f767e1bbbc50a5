"""Front matter (issue #23): 说明, 发布通知, 编制与审定, 附录, 参考文献 — printed as written, never composed."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from stdkit import blueprint
from stdkit.collection import Entry, entry_from_bytes
from stdkit.config import Config
from stdkit.diagnostics import Severity
from stdkit.diff.compare import compare
from stdkit.publish import dump
from stdkit.run import pipeline
from stdkit.run.report import Report
from stdkit.site import pages
from tests.conftest import ROOT, STANDARDS
from tests.test_blueprint import entry, validator

from .conftest import without_index_stops

ELECTRICIAN = STANDARDS / "6-31-01-03_2018.yaml"
NURSERY = STANDARDS / "4-10-01-02_2019.yaml"


def _check(folder: Path) -> Report[Entry]:
    # the samples' collection is the repository: its crosswalks/ (电工 2009 → 2018) stand beside standards/
    root = ROOT if folder == STANDARDS else folder
    return pipeline.check([folder], Config.default(root))


def _page(report: Report[Entry], ref: str) -> str:
    site = pages.render(report)
    found = report.collection.by_ref[ref]
    page = site.pages[pages.doc_uri(found)]
    assert isinstance(page, str)
    return page


def test_declared_2015_edition_makes_the_legacy_code_information(tmp_path: Path) -> None:
    report = _check(STANDARDS)
    legacy = [d for d in report.diagnostics if d.code == "CAT605"]
    assert [(d.path.endswith("4-10-01-02_2019.yaml"), d.severity) for d in legacy] == [(True, Severity.INFO)]
    assert "declared 大典 (2015)" in legacy[0].message

    undeclared = tmp_path / "standards"
    undeclared.mkdir()
    source = NURSERY.read_text(encoding="utf-8").replace('classification_edition: "2015"\n', "")
    (undeclared / NURSERY.name).write_text(source, encoding="utf-8")
    [finding] = [d for d in _check(undeclared).diagnostics if d.code == "CAT605"]
    assert finding.severity is Severity.WARNING


def test_the_electrician_front_matter_checks_clean() -> None:
    report = _check(STANDARDS)
    mine = [d for d in report.diagnostics if d.path.endswith(ELECTRICIAN.name)]
    assert mine == []


def test_page_prints_the_front_matter_in_order() -> None:
    html = without_index_stops(_page(_check(STANDARDS), "6-31-01-03@2018"))
    section = html[html.index("\n## 说明\n") : html.index("\n## 职业概况\n")]
    assert "以《中华人民共和国职业分类大典（2015年版）》为依据" in section
    assert "<dt>文号</dt><dd>人社厅发〔2018〕145号</dd>" in section
    assert "<dt>施行日期</dt><dd>2018-12-26</dd>" in section
    assert "<dt>主要起草单位</dt><dd>某电力职业技术学院、某省电力有限公司</dd>" in section
    assert "<dt>主要起草人</dt><dd>起草人甲、起草人乙</dd>" in section
    assert "<dt>审定单位</dt><dd>某行业协会</dd>" in section
    assert "<dt>审定人员</dt><dd>审定人丙、审定人丁</dd>" in section
    assert html.index("\n## 附录\n") < html.index("\n## 参考文献\n") < html.index("\n## 考试蓝图\n")
    assert "附录A 常用电工仪表及其使用" in html
    assert "<li>GB/T 4728 电气简图用图形符号</li>" in html


def test_no_foreword_is_composed_for_a_document_without_one() -> None:
    html = _page(_check(STANDARDS), "6-18-02-04@2018")
    for heading in ("说明", "附录", "参考文献"):
        assert f"\n## {heading}\n" not in html


def test_front_matter_is_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "standards"
    folder.mkdir()
    source = ELECTRICIAN.read_text(encoding="utf-8")
    source = source.replace("起草人甲", "<script>alert(1)</script>").replace(
        "附录A 常用电工仪表及其使用", "附录A <b>仪表</b>"
    )
    (folder / ELECTRICIAN.name).write_text(source, encoding="utf-8")
    shutil.copy(STANDARDS / "6-31-01-03_2009.yaml", folder)
    html = _page(_check(folder), "6-31-01-03@2018")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>仪表</b>" not in html


def test_blueprint_document_carries_notice_and_effective_date() -> None:
    made = orjson.loads(dump(blueprint.build(entry("6-31-01-03@2018"), "L5")))
    assert made["document"]["notice"] == "人社厅发〔2018〕145号"
    assert made["document"]["effective"] == "2018-12-26"
    assert not list(validator().iter_errors(made))


def test_blueprint_of_a_document_without_front_matter_omits_the_fields() -> None:
    made = orjson.loads(dump(blueprint.build(entry("6-18-02-04@2018"), "L5")))
    assert "notice" not in made["document"] and "effective" not in made["document"]
    assert "routes" not in made


def test_diff_reports_front_matter_changes() -> None:
    raw = ELECTRICIAN.read_bytes()
    changed = (
        raw.replace("起草人乙]".encode(), "起草人乙, 起草人戊]".encode())
        .replace(b"effective: 2018-12-26", b"effective: 2019-01-01")
        .replace(b"references: [GB/T 4728", b"references: [GB/T 5465, GB/T 4728")
    )
    old, _ = entry_from_bytes(raw, "old.yaml")
    new, problems = entry_from_bytes(changed, "new.yaml")
    assert old is not None and new is not None, problems
    found = {(c.label, c.old, c.new, c.substantive) for c in compare(old.document, new.document)}
    assert found == {
        ("drafting.authors 主要起草人", "起草人甲, 起草人乙", "起草人甲, 起草人乙, 起草人戊", False),
        ("publication.effective 施行日期", "2018-12-26", "2019-01-01", False),
        (
            "references 参考文献",
            "GB/T 4728 电气简图用图形符号",
            "GB/T 5465, GB/T 4728 电气简图用图形符号",
            False,
        ),
    }


def test_schema_offers_the_front_matter_with_chinese_titles() -> None:
    schema = orjson.loads((ROOT / "schema" / "special-competency.schema.json").read_bytes())
    props = schema["properties"]
    assert props["foreword"]["title"] == "说明"
    assert props["classification_edition"]["examples"] == ["2015", "2022"]
    drafting = schema["$defs"]["Drafting"]["properties"]
    assert [
        drafting[k]["title"] for k in ("organiser", "units", "authors", "reviewing_units", "reviewers")
    ] == [
        "组织编制",
        "主要起草单位",
        "主要起草人",
        "审定单位",
        "审定人员",
    ]
