"""Committee drafts written the way printed national standards are (issue 37): 「1.」 chapter numbers,
「一、」/「（一）」, full-width numbers and codes, 「说　明」, the 规程's stock sentences (「本职业共设三个等级，分别为：……」,
「分为理论知识考试和技能考核」, 「理论知识考试时间不少于90 min」), Word's heading styles or plain paragraphs, merged
cells. Each imports with every requirement line, every weight and the right levels."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from stdkit.interchange.docx import read as docx_import
from stdkit.model import OccupationalStandard

LEVELS = ("五级/初级工", "四级/中级工", "三级/高级工")
WORK_ROWS = [
    ["职业功能", "工作内容", "技能要求", "相关知识要求"],
    [
        "1. 电气安装与配线",
        "1.1 照明电路安装",
        "1.1.1 能安装照明电路\n1.1.2 能安装插座",
        "1.1.1 照明电路的安装方法\n1.1.2 插座的接线要求",
    ],
    ["1. 电气安装与配线", "1.2 动力电路安装", "1.2.1 能安装电动机控制电路", "1.2.1 电动机控制电路知识"],
    [
        "2. 线路维修",
        "2.1 故障排除",
        "2.1.1 能排除照明电路故障\n2.1.2 能排除动力电路故障",
        "2.1.1 故障排除方法",
    ],
]


def numbered(style: str, parts: tuple[int, ...], title: str) -> str:
    if style == "dot":  # 「1. 职业概况」「1.1 职业名称」
        return ".".join(map(str, parts)) + ("." if len(parts) == 1 else "") + " " + title
    if style == "plain":
        return ".".join(map(str, parts)) + "　" + title
    if style == "chinese":
        cn = "一二三四五六七八九十"
        if len(parts) == 1:
            return f"{cn[parts[0] - 1]}、{title}"
        if len(parts) == 2:
            return f"（{cn[parts[1] - 1]}）{title}"
        return ".".join(map(str, parts)) + " " + title
    if style == "fullwidth":
        n = "．".join(str(p).translate(str.maketrans("0123456789", "０１２３４５６７８９")) for p in parts)
        return f"{n}　{title}"
    raise ValueError(style)


def build(  # noqa: PLR0915 -- the draft, line by line, as a committee writes it
    style: str, *, headings: bool, merged: bool, fullwidth_code: bool
) -> bytes:
    w = docx.Document()

    def p(text: str, level: int | None = None) -> None:
        if headings and level:
            w.add_heading(text, level=level)
        else:
            w.add_paragraph(text)

    def h(parts: tuple[int, ...], title: str) -> None:
        p(numbered(style, parts, title), min(len(parts), 3))

    p("国家职业技能标准")
    p("职业编码：" + ("６－３１－０１－０３" if fullwidth_code else "6-31-01-03"))
    p("电　工")
    p("（2026年版）")
    p("中华人民共和国人力资源和社会保障部　制定")
    p("说　明", 1)
    p("为规范从业者的从业行为，引导职业教育培训的方向，为职业技能鉴定提供依据，制定了本标准。")
    p("主要起草单位：某电力职业技术学院")
    h((1,), "职业概况")
    h((1, 1), "职业名称")
    p("电工")
    h((1, 2), "职业编码")
    p("６－３１－０１－０３" if fullwidth_code else "6-31-01-03")
    h((1, 3), "职业定义")
    p("使用工具、量具和仪器、仪表，安装、调试与维护、修理机械设备电气部分和电气系统线路及器件的人员。")
    h((1, 4), "职业技能等级")
    p("本职业共设三个等级，分别为：五级/初级工、四级/中级工、三级/高级工。")
    h((1, 5), "职业环境条件")
    p("室内、外，常温。")
    h((1, 6), "职业能力特征")
    p("具有一定的学习理解和表达能力。")
    h((1, 7), "普通受教育程度")
    p("初中毕业（或相当文化程度）。")
    h((1, 8), "职业技能鉴定要求")
    h((1, 8, 1), "申报条件")
    p("具备以下条件之一者，可申报五级/初级工：")
    p("（1）累计从事本职业或相关职业工作1年（含）以上。")
    p("（2）本职业或相关职业学徒期满。")
    p("具备以下条件之一者，可申报四级/中级工：")
    p(
        "（1）取得本职业或相关职业五级/初级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。"
    )
    p("具备以下条件之一者，可申报三级/高级工：")
    p(
        "（1）取得本职业或相关职业四级/中级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作5年（含）以上。"
    )
    h((1, 8, 2), "鉴定方式")
    p(
        "分为理论知识考试和技能考核。理论知识考试以笔试、机考等方式为主，主要考核从业人员从事本职业应掌握的基本要求和相关知识要求；技能考核主要采用现场操作、模拟操作等方式进行，主要考核从业人员从事本职业应具备的技能水平。"
    )
    p("理论知识考试、技能考核均实行百分制，成绩皆达60分（含）以上者为合格。")
    h((1, 8, 3), "监考人员、考评人员与考生配比")
    p(
        "理论知识考试中的监考人员与考生配比不低于1:15，且每个考场不少于2名监考人员；技能考核中的考评人员与考生配比不低于1:5，且考评人员为3人（含）以上单数。"
    )
    h((1, 8, 4), "鉴定时间")
    p(
        "理论知识考试时间不少于90 min；技能考核时间：五级/初级工不少于120 min，四级/中级工不少于150 min，三级/高级工不少于180 min。"
    )
    h((1, 8, 5), "鉴定场所设备")
    p("理论知识考试在标准教室或计算机机房进行；技能考核在具有必备设备的实训场所进行。")
    h((2,), "基本要求")
    h((2, 1), "职业道德")
    h((2, 1, 1), "职业道德基本知识")
    p("（1）职业道德的基本概念。")
    h((2, 1, 2), "职业守则")
    p("（1）遵守国家法律、法规和有关规定。")
    p("（2）爱岗敬业，具有高度的责任心。")
    h((2, 2), "基础知识")
    h((2, 2, 1), "电工基础知识")
    p("（1）直流电与电磁的基本知识。")
    p("（2）交流电路的基本知识。")
    h((3,), "工作要求")
    p(
        "本标准对五级/初级工、四级/中级工和三级/高级工的技能要求和相关知识要求依次递进，高级别涵盖低级别的要求。"
    )
    for n, level in enumerate(LEVELS, 1):
        h((3, n), level)
        rows = WORK_ROWS
        t = w.add_table(rows=len(rows), cols=4)
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if merged and c == 0 and r == 2:
                    continue
                cell = t.cell(r, c)
                parts = text.split("\n")
                cell.text = parts[0]
                for extra in parts[1:]:
                    cell.add_paragraph(extra)
        if merged:
            t.cell(1, 0).merge(t.cell(2, 0))
    h((4,), "权重表")
    h((4, 1), "理论知识权重表")
    rows = [
        ["项目", "", "五级/初级工（%）", "四级/中级工（%）", "三级/高级工（%）"],
        ["基本要求", "职业道德", "5", "5", "5"],
        ["基本要求", "基础知识", "25", "20", "15"],
        ["相关知识要求", "电气安装与配线", "40", "40", "40"],
        ["相关知识要求", "线路维修", "30", "35", "40"],
        ["合计", "", "100", "100", "100"],
    ]
    t = _table(w, rows)
    if merged:
        t.cell(1, 0).merge(t.cell(2, 0))
        t.cell(3, 0).merge(t.cell(4, 0))
        t.cell(0, 0).merge(t.cell(0, 1))
    h((4, 2), "技能要求权重表")
    rows = [
        ["项目", "", "五级/初级工（%）", "四级/中级工（%）", "三级/高级工（%）"],
        ["技能要求", "电气安装与配线", "60", "50", "50"],
        ["技能要求", "线路维修", "40", "50", "50"],
        ["合计", "", "100", "100", "100"],
    ]
    t = _table(w, rows)
    out = io.BytesIO()
    w.save(out)
    return out.getvalue()


def _table(word: Any, rows: list[list[str]]) -> Any:
    """A bordered table of ``rows``, one string a cell, as a committee types a 权重表."""
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


DRAFTS = {
    "「1.」 numbering, plain paragraphs, merged cells": ("dot", False, True, False),
    "「一、」「（一）」, Word's heading styles, full-width code": ("chinese", True, True, True),
    "full-width numbers 「１．１」, no merges, full-width code": ("fullwidth", False, False, True),
}


@pytest.mark.parametrize("shape", list(DRAFTS))
def test_a_draft_laid_out_the_printed_way_imports_whole(shape: str) -> None:
    style, headings, merged, fullwidth_code = DRAFTS[shape]
    data = build(style, headings=headings, merged=merged, fullwidth_code=fullwidth_code)
    imported = docx_import.read_bytes(data, "draft.docx")
    document = imported.document
    assert isinstance(document, OccupationalStandard)
    unplaced = [d for d in imported.diagnostics if d.code in {"DOC910", "DOC912", "DOC913"}]
    assert not unplaced, [d.message for d in unplaced]
    assert (document.title, document.id, document.occupation.code) == ("电工", "6-31-01-03", "6-31-01-03")
    assert document.issuer == "中华人民共和国人力资源和社会保障部"
    assert document.levels == ["L5", "L4", "L3"]  # 「本职业共设三个等级，分别为：」 drops none
    assert document.foreword is not None and "制定了本标准" in document.foreword  # 「说　明」
    for level in ("L5", "L4", "L3"):
        functions = document.work[level]  # type: ignore[index]  # keys are Level; a str that names one finds it
        assert [f.function for f in functions] == ["电气安装与配线", "线路维修"]
        lines = [
            line.text
            for function in functions
            for content in function.contents
            for line in (*content.skills, *content.knowledge)
        ]
        assert len(lines) == 9, lines  # every requirement line of the table
    weights = document.weights
    assert weights.theory["L3"] == {"ethics": 5, "basics": 15, "电气安装与配线": 40, "线路维修": 40}  # type: ignore[index]  # keys are Level; a str that names one finds it
    assert weights.skill["L4"] == {"电气安装与配线": 50, "线路维修": 50}  # type: ignore[index]  # keys are Level; a str that names one finds it
    # the 规程's stock sentences, read into the fields they state
    assessment = document.assessment
    assert assessment.methods == {
        "L5": ["theory", "skill"],
        "L4": ["theory", "skill"],
        "L3": ["theory", "skill"],
    }
    assert assessment.pass_mark == 60  # printed: 「成绩皆达60分（含）以上者为合格」
    assert (assessment.ratios.theory, assessment.ratios.skill) == (15, 5)
    assert (assessment.ratios.invigilators_at_least, assessment.ratios.examiners_at_least) == (2, 3)
    assert assessment.ratios.odd
    assert assessment.durations.theory == 90
    assert assessment.durations.skill == {"L5": 120, "L4": 150, "L3": 180}
    assert set(assessment.durations.at_least) == {"theory", "skill"}
    assert assessment.venue.theory == "标准教室或计算机机房"


def test_the_review_is_for_the_levels_the_sentence_names() -> None:
    from stdkit.interchange.docx import prose

    said = prose.methods(
        "分为理论知识考试、技能考核以及综合评审。综合评审主要针对技师和高级技师，通常采取审阅申报材料、答辩等方式进行。",
        ["L3", "L2", "L1"],
    )
    assert said == {
        "L3": ["theory", "skill"],
        "L2": ["theory", "skill", "review"],
        "L1": ["theory", "skill", "review"],
    }
    only_l1 = prose.methods(
        "分为理论知识考试、技能考核以及综合评审。综合评审主要针对高级技师。", ["L2", "L1"]
    )
    assert only_l1 == {"L2": ["theory", "skill"], "L1": ["theory", "skill", "review"]}  # 高级技师 is not 技师
    assert prose.methods("由考评小组视情况确定。", ["L5"]) is None
    assert prose.durations(
        "技能考核时间：五级/初级工、四级/中级工不少于120 min，三级/高级工不少于150 min。"
    ) == (
        {"skill": {"L5": 120, "L4": 120, "L3": 150}},
        ["skill"],
    )
