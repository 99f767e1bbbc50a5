"""Honest drafts (issue 17): what a draft leaves out is a warning, never published, labelled in previews;
``issued`` keeps the precision the author gave; lines carry no numbers of their own and no repeats."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stdkit import editions
from stdkit.checks.content import _NUMBER, R_NUMBERED
from stdkit.checks.frontmatter import R_EFFECTIVE
from stdkit.config import Config
from stdkit.diagnostics import RULES, Severity
from stdkit.diff import diff_collections
from stdkit.model.common import PartialDate
from stdkit.publish import selected, write_blueprints
from stdkit.run import pipeline
from stdkit.run.report import Report

from .conftest import CliResult
from .test_validate import BAD, expected

CORPUS = Path(__file__).parent / "corpus"
#: A draft transcribed so far: L5 and L2, no 职业概况, 基本要求 or 权重表 yet.
DRAFT = (CORPUS / "bad" / "draft_leaves_sections_out.yaml").read_text(encoding="utf-8")
#: The same document finished and published, issued in a month the notice gives without a day.
FINISHED = (CORPUS / "good" / "issued_month.yaml").read_text(encoding="utf-8")
#: 电工 is a 准入类 occupation: a collection check asks for the link (CAT601), which is not this file's subject.
LINK = "qualification: {item: 特种作业人员, relation: licence-required}\noccupation:"


def collection(tmp_path: Path, **files: str) -> Path:
    standards = tmp_path / "standards"
    standards.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (standards / f"{name}.yaml").write_text(body.replace("occupation:", LINK, 1), encoding="utf-8")
    (tmp_path / "stdkit.toml").write_text("[stdkit]\n", encoding="utf-8")
    return standards


def codes(report: Report) -> list[tuple[str, Severity]]:
    return sorted((d.code, d.severity) for d in report.diagnostics)


def test_every_drafts_rule_has_a_failing_corpus_case() -> None:
    covered = {code for path in BAD for code, _, _ in expected(path)}
    drafts = {code for code, r in RULES.items() if r.family == "drafts"}
    assert drafts == {"DRF701", "DRF702", "DRF703", "DRF704", "DRF705"}
    assert drafts - covered == set()
    assert {"CNT521", "CNT522"} <= covered


def test_a_draft_missing_weights_warns_and_publishes_no_blueprint(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    tmp_path = in_dir
    standards = collection(tmp_path, draft=DRAFT)
    report = pipeline.check([standards], Config.default(tmp_path))
    assert report.exit_status == 0, [d.render() for d in report.diagnostics]
    assert codes(report) == [
        ("DRF701", Severity.WARNING),  # basics
        ("DRF701", Severity.WARNING),  # profile
        ("DRF701", Severity.WARNING),  # weights
        ("LAD201", Severity.WARNING),  # L5 and L2 only: a gap, not 14 errors
    ]
    status, _, err = cli("build", "--out", tmp_path / "site", standards)
    assert status == 0, err
    index = orjson.loads((tmp_path / "site" / "blueprints" / "index.json").read_bytes())
    assert index["blueprints"] == []


def test_a_preview_labels_the_draft_provisional(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    tmp_path = in_dir
    standards = collection(tmp_path, draft=DRAFT)
    status, _, err = cli("build", "--drafts", "--out", tmp_path / "site", standards)
    assert status == 0, err
    site = tmp_path / "site"
    index = orjson.loads((site / "blueprints" / "index.json").read_bytes())
    assert [e["level"] for e in index["blueprints"]] == ["L5", "L2"]
    for item in index["blueprints"]:
        assert item["document"]["provisional"] == ["basics", "profile", "weights"]
        blueprint = orjson.loads((site / "blueprints" / item["url"]).read_bytes())
        assert blueprint["document"]["provisional"] == ["basics", "profile", "weights"]
        assert blueprint["document"]["issued"] == "2025-03"
    (page,) = [p for p in site.rglob("*.html") if "9-99-00-01" in p.as_posix()]
    html = page.read_text(encoding="utf-8")
    assert "暂定或尚未给出：基本要求、职业概况、权重表。" in html
    assert "草案尚未给出本部分。" in html  # where 基本要求 would stand


def test_provisional_sections_keep_a_published_document_out(tmp_path: Path) -> None:
    standards = collection(
        tmp_path, done=FINISHED.replace("issued: 2021-10", "issued: 2021-10\nprovisional: [weights]")
    )
    report = pipeline.check([standards], Config.default(tmp_path))
    assert codes(report) == [("DRF703", Severity.ERROR)]
    (entry,) = report.collection.entries
    assert entry.document.unfinished() == ["weights"]
    assert selected([entry], include_drafts=False) == []
    assert selected([entry], include_drafts=True) == [entry]


def test_issued_month_is_printed_as_written(tmp_path: Path) -> None:
    standards = collection(tmp_path, done=FINISHED)
    report = pipeline.check([standards], Config.default(tmp_path))
    assert list(report.diagnostics) == []
    out = tmp_path / "site" / "blueprints"
    write_blueprints(report.collection, out, include_drafts=False)
    blueprint = orjson.loads((out / "9-99-00-01" / "2024" / "L5.json").read_bytes())
    assert blueprint["document"]["issued"] == "2021-10"
    assert "provisional" not in blueprint["document"], "a finished document's blueprint keeps its old shape"
    with zipfile.ZipFile(io.BytesIO((out / "9-99-00-01" / "2024" / "L5.xlsx").read_bytes())) as book:
        assert {info.date_time[:3] for info in book.infolist()} == {(2021, 10, 1)}


def test_partial_dates_compare_by_their_earliest_day() -> None:
    month, day = PartialDate.parse("2021-10"), PartialDate.parse("2021-10-20")
    assert (month, month.has_day, month.as_date) == ("2021-10", False, datetime.date(2021, 10, 1))
    assert (day.isoformat(), day.has_day, day.as_date) == ("2021-10-20", True, datetime.date(2021, 10, 20))
    assert sorted(["2021-10-20", "2021-10", "2021-09-30"]) == ["2021-09-30", "2021-10", "2021-10-20"]
    with pytest.raises(ValueError, match="not a date on the calendar"):
        PartialDate.parse("2021-02-30")


@pytest.mark.parametrize(("effective", "before"), [("2021-10-05", False), ("2021-09-30", True)])
def test_effective_date_against_a_month(tmp_path: Path, effective: str, before: bool) -> None:
    body = FINISHED.replace("issued: 2021-10", f"issued: 2021-10\npublication: {{effective: {effective}}}")
    report = pipeline.check([collection(tmp_path, done=body)], Config.default(tmp_path))
    assert (R_EFFECTIVE.code in {d.code for d in report.diagnostics}) is before


def test_editions_order_months_among_days(tmp_path: Path) -> None:
    first = FINISHED.replace('edition: "2024"', 'edition: "a"').replace(
        "issued: 2021-10", "issued: 2021-09-30"
    )
    second = FINISHED.replace('edition: "2024"', 'edition: "b"')
    third = FINISHED.replace('edition: "2024"', 'edition: "c"').replace(
        "issued: 2021-10", "issued: 2021-10-20"
    )
    report = pipeline.validate([collection(tmp_path, c=third, a=first, b=second)], Config.default(tmp_path))
    order = [e.document.edition for e in editions.ordered(report.collection.entries)]
    assert order == ["a", "b", "c"]


def test_the_diff_reads_a_draft_without_basics() -> None:
    path = "standards/draft.yaml"
    result = diff_collections({path: DRAFT.encode()}, {path: FINISHED.replace("published", "draft").encode()})
    (document,) = result.documents
    assert any(change.scope == "basics" and change.action == "added" for change in document.changes)


def test_draft_messages_in_chinese(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    standards = collection(tmp_path, draft=DRAFT)
    _, out, _ = cli("validate", "--lang", "zh", standards)
    assert "本草案缺少 `weights`（权重表）。请在文件批准前补写该部分" in out


# -- CNT521: a line's own outline number ---------------------------------------------------------------

NUMBERS = ["1.1.1 ", "1.2 ", "1. ", "1、", "2）", "（一）", "(1) ", "①", "一、", "第一条 ", "a) ", "(a)"]
CONTENT = [
    "3D打印基础知识",
    "1.5米以下高处作业",
    "220V交流电路",
    "1.5 kW电动机的安装",
    "一般安全知识",
    "十字螺丝刀的使用",
]


@pytest.mark.parametrize("number", NUMBERS)
def test_outline_numbers_are_found(number: str) -> None:
    match = _NUMBER.match(f"{number}能安装照明电路")
    assert match is not None and match.group(1).strip() == number.strip()


@pytest.mark.parametrize("text", CONTENT)
def test_content_that_starts_with_a_digit_is_not_a_number(text: str) -> None:
    assert _NUMBER.match(text) is None


@given(st.text(alphabet="能安装照明电路的方法检修动力线路基础知识", min_size=1))
def test_lines_without_a_number_are_never_flagged(text: str) -> None:
    assert _NUMBER.match(text) is None
    assert R_NUMBERED.zh is not None and "stdkit" in R_NUMBERED.zh.fix


@given(st.lists(st.integers(min_value=1, max_value=20), min_size=3, max_size=4))
def test_any_dotted_outline_number_is_flagged(parts: list[int]) -> None:
    number = ".".join(map(str, parts))
    match = _NUMBER.match(f"{number} 能安装照明电路")
    assert match is not None and match.group(1).strip() == number


def test_a_lowered_severity_still_publishes_nothing_unfinished(
    in_dir: Path, cli: Callable[..., CliResult]
) -> None:
    body = FINISHED.replace("issued: 2021-10", "issued: 2021-10\nprovisional: [weights]")
    standards = collection(in_dir, done=body)
    (in_dir / "stdkit.toml").write_text('[stdkit]\n[stdkit.severity]\nDRF703 = "warning"\n', encoding="utf-8")
    status, out, err = cli("build", "--out", in_dir / "site", standards)
    assert status == 0, err
    assert "no blueprints for 1 published documents not finished: 9-99-00-01@2024 (weights)" in out
    index = orjson.loads((in_dir / "site" / "blueprints" / "index.json").read_bytes())
    assert index["blueprints"] == []


def test_a_provisional_section_is_labelled_on_its_page(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    body = FINISHED.replace("status: published", "status: draft").replace(
        "issued: 2021-10", "issued: 2021-10\nprovisional: [weights]"
    )
    standards = collection(in_dir, done=body)
    status, _, err = cli("build", "--drafts", "--out", in_dir / "site", standards)
    assert status == 0, err
    (page,) = [p for p in (in_dir / "site").rglob("*.html") if "9-99-00-01" in p.as_posix()]
    html = page.read_text(encoding="utf-8")
    assert html.count("以下内容尚未定稿") == 1, "only the section marked provisional is labelled"
    mark = html.index('<span class="sk-tag">暂定</span> 以下内容尚未定稿。')
    assert 0 < html.index("理论知识权重表", mark) - mark < 200, "the label stands at the top of the 权重表"


def test_line_rules_speak_chinese(cli: Callable[..., CliResult]) -> None:
    _, out, _ = cli(
        "validate",
        "--lang",
        "zh",
        CORPUS / "bad" / "numbered_lines.yaml",
        CORPUS / "bad" / "repeated_lines.yaml",
    )
    assert "「1.1.1 能安装照明电路」以编号「1.1.1」开头。请删去编号：stdkit 会自动为各条目编号。" in out
    assert "「遵守国家法律法规」与职业守则中位于 19:23 的条目重复。" in out


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (("issuer: 人力资源社会保障部", "issuer: 人力资源社会保障部待填写"), "CNT512"),  # a text value
        (
            ("            - 能为婴幼儿冲调配方奶", "            - 能为婴幼儿冲调配方奶待填写"),
            "CNT512",
        ),  # a line
        (
            ("            - 能为婴幼儿冲调配方奶", "            - 1. 能为婴幼儿冲调配方奶"),
            "CNT521",
        ),  # numbered
        (("            - 能为婴幼儿冲调配方奶", '            - " "'), "CNT501"),  # blank
        (("title: 育婴员", "title: 育婴员"), None),  # none of these: the walk with paths is skipped
    ],
)
def test_the_text_rules_find_what_they_found_when_every_path_was_made(
    edit: tuple[str, str], code: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdkit.checks import content

    source = (Path(__file__).resolve().parents[1] / "standards" / "4-10-01-02_2019.yaml").read_text(
        encoding="utf-8"
    )
    assert edit[0] in source
    (tmp_path / "a.yaml").write_text(source.replace(edit[0], edit[1], 1), encoding="utf-8")
    config = Config.default(tmp_path)
    quick = pipeline.validate([tmp_path], config).diagnostics
    assert code is None or code in {d.code for d in quick}
    monkeypatch.setattr(content, "_suspect", lambda document: True)
    assert pipeline.validate([tmp_path], config).diagnostics == quick
