"""The words of the 编制技术规程 layout that export prints and import looks for, defined once.

Both directions read these tables, so a heading renamed here is renamed in Word files written and
in Word files read. Nothing here touches a file.
"""

from __future__ import annotations

import re

from stdkit import ladder
from stdkit.comparison import APPENDIX_TITLE
from stdkit.ladder import Level
from stdkit.model.common import BASICS_KEY, ETHICS_KEY, METHOD_NAMES, WORKING_MARKS, Kind, Status

#: The cover's first line per kind: what the document is.
COVER: dict[Kind, str] = {
    Kind.OCCUPATIONAL_STANDARD: "国家职业技能标准",
    Kind.EVALUATION_SPEC: "职业技能等级评价规范",
    Kind.SPECIAL_COMPETENCY: "专项职业能力考核规范",
}
KIND_OF_COVER = {text: kind for kind, text in COVER.items()}

CODE_LABEL = "职业编码："
#: A special competency's lines (label：value) of 适用对象 and 鉴定要求; its 申报条件 on one line, numbered
#: 「（1）……（2）……」 as printed.
SC_AUDIENCE = "适用对象"
SC_ELIGIBILITY = "申报条件"
SC_EXAMINERS = "考评员构成"
SC_PER_PANEL = "每组考评员人数"
#: After the 申报条件: 「注：」, then one line per footnote marker of the conditions: 「①相关职业：……」.
NOTES_LABEL = "注："
FOOTNOTE_MARKER = re.compile(r"^([①-⑳]|\*+|\[\d+\])")
#: Under 职业技能等级: 「人才类型：技术技能型」, or one per level 「五级/初级工 技术技能型；…；二级/技师 知识技能型」.
TALENT_LABEL = "人才类型："
TALENT_SEPARATOR = "；"
#: 「不少于120标准学时」, 「不少于60分钟」: a minimum, as printed before its number.
AT_LEAST = "不少于"
ID_LABEL = "文件标识："
ISSUED_LABEL = "发布日期："
#: An evaluation spec's cover lines, each a field printed after its label.
SPEC_COVER: tuple[tuple[str, str], ...] = (
    ("scope", "适用范围："),
    ("occupations", "适用职业："),  # a rule across occupations: 各职业（工种）, or the codes it lists
    ("basis", "依据："),
    ("issuer_type", "发布主体类型："),
)
ISSUE_SUFFIX = "　发布"
#: A working document's mark (a draft is not issued): under the title of its cover as ``（草案）``, and in
#: place of 发布 after the issuer, ``人力资源社会保障部　（草案，未发布）``; its provisional numbers say 暂定.
DRAFT_MARKS = WORKING_MARKS
UNISSUED = "未发布"
PROVISIONAL = "暂定"


def draft_mark(status: Status) -> str | None:
    """草案 or 征求意见稿 for a working document's status; None for any other."""
    return WORKING_MARKS.get(status)


def unissued_line(issuer: str, mark: str) -> str:
    """The cover's last line for a working document: the issuer, then that it is not issued yet."""
    return f"{issuer}　（{mark}，{UNISSUED}）"


UNISSUED_LINE = re.compile(r"^(.*?)[\s　]*（(?:草案|征求意见稿)，未发布）$")
#: The cover line of an edition no longer in force (the collection's standing; import leaves status to
#: the carried data): 状态：已被替代（被 X 代替，可考至 YYYY-MM-DD） or 状态：已废止（YYYY-MM-DD 废止）.
STANDING_LABEL = "状态："
FOREWORD = "说明"
#: The 勘误 section, after the cover: each erratum's line (its number, date and 文号) above a table of
#: its changes, as the ministry prints a 勘误 notice.
ERRATA = "勘误"
ERRATA_NOTE = "本文件为勘误后的文本，鉴定点代码及其位置不变。"
ERRATA_COLUMNS = ("序号", "位置（鉴定点代码）", "原文", "更正为")
ERRATUM_LINE = re.compile(r"^第\s*(\d+)\s*次勘误[：:]\s*(\d{4}-\d{2}-\d{2})(?:[\s　]+(\S.*))?$")


def erratum_line(number: int, date: str, notice: str | None) -> str:
    """``第1次勘误：2024-03-01　人社厅函〔2024〕12号`` (what :data:`ERRATUM_LINE` reads back)."""
    return f"第{number}次勘误：{date}" + (f"　{notice}" if notice else "")


REFERENCES = "参考文献"
#: What an appendix's heading starts with (附录A …): its section, though not a title of its own.
APPENDIX = "附录"
#: The 新旧版本对照表 of a superseding edition, after its own appendices: printed from the collection's
#: confirmed crosswalk (:mod:`stdkit.comparison`), never from a field of the document, so import reads it
#: back as nothing (the crosswalk file is its source).
CROSSWALK_APPENDIX = APPENDIX_TITLE
#: 说明's closing lines, each a field of ``drafting`` printed after its label.
DRAFTING: tuple[tuple[str, str], ...] = (
    ("organiser", "组织编制单位："),
    ("units", "主要起草单位："),
    ("authors", "主要起草人："),
    ("reviewing_units", "审定单位："),
    ("reviewers", "审定人员："),
)
LIST_SEPARATOR = "、"

# Headings of the levelled body, by their 编制技术规程 number.
H_PROFILE = "职业概况"
H_NAME = "职业名称"
H_CODE = "职业编码"
H_DEFINITION = "职业定义"
H_LEVELS = "职业技能等级"
H_ENVIRONMENT = "职业环境条件"
H_ABILITIES = "职业能力特征"
H_EDUCATION = "普通受教育程度"
H_TRAINING = "职业培训要求"
H_HOURS = "培训时间"
H_TEACHERS = "培训教师"
H_TRAINING_VENUE = "培训场所设备"
H_ASSESSMENT = "职业技能鉴定要求"
H_ELIGIBILITY = "申报条件"
H_METHODS = "鉴定方式"
H_RATIOS = "监考人员、考评人员与考生配比"
H_DURATIONS = "鉴定时间"
H_VENUE = "鉴定场所设备"
H_ROUTES = "评价途径"
H_BASICS = "基本要求"
H_ETHICS = "职业道德"
H_ETHICS_KNOWLEDGE = "职业道德基本知识"
H_CONDUCT = "职业守则"
H_KNOWLEDGE = "基础知识"
H_WORK = "工作要求"
H_WEIGHTS = "权重表"
H_THEORY_WEIGHTS = "理论知识权重表"
H_SKILL_WEIGHTS = "技能要求权重表"
H_APPOINTMENT = "评聘"
# A special competency.
H_SC_NAME = "专项职业能力名称"
H_SC_DEFINITION = "职业能力定义"
H_SC_SCOPE = "适用对象"
H_SC_CONTENT = "能力标准与鉴定内容"
H_SC_REQUIREMENTS = "鉴定要求"

WORK_COLUMNS = ("职业功能", "工作内容", "技能要求", "相关知识要求")
SC_COLUMNS = ("考核模块", "技能要求", "相关知识要求", "考核比重（%）")
WEIGHT_ITEM = "项目"
WEIGHT_BASIC_GROUP = "基本要求"
WEIGHT_THEORY_GROUP = "相关知识要求"
WEIGHT_SKILL_GROUP = "技能要求"
WEIGHT_TOTAL = "合计"
NOT_ASSESSED = "—"
SECTION_ROWS = {ETHICS_KEY: H_ETHICS, BASICS_KEY: H_KNOWLEDGE}
KEY_OF_SECTION_ROW = {text: key for key, text in SECTION_ROWS.items()}
PASS_MARK_LABEL = "合格分数线："
WORK_TYPE_CODE_LABEL = "工种编码："
#: The qualifiers of 考评人员与考生配比, each printed only when given.
RATIO_FLAGS = (("review_at_least", "评审委员人数为下限"), ("odd", "考评人员和评审委员为单数"))
RATIO_MINIMUMS = (
    ("invigilators_at_least", "每个考场监考人员不少于（名）："),
    ("examiners_at_least", "技能考核考评人员不少于（人）："),
)
THEORY_ITEMS_LABEL = "理论知识试卷题量："
METHOD_OF_NAME = {name: method for method, name in METHOD_NAMES.items()}
LEVEL_OF_TITLE = {ladder.title(step.level): step.level for step in ladder.LADDER}

#: Numbering a committee puts before a line: （一） 1.1.1 (1) ① 1、 一、 — stdkit numbers lines itself.
NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d０-９]+[）)]|[①-⑳]|[一二三四五六七八九十]+[、．.]"
    r"|[\d０-９]+(?:[.．][\d０-９]+)*(?:[.．、]|\s+)|[\d０-９]+(?:[.．][\d０-９]+)+(?=[\u4e00-\u9fff]))\s*"
)
#: A heading's number: 1, 1.9, 1.9.1 (half- or full-width) then a space, or （一） / 一、 (not （1）, an item's).
HEADING_NUMBER = re.compile(
    r"^\s*(?:[\d０-９]+(?:[.．][\d０-９]+)*\s+|[\d０-９]+(?:[.．][\d０-９]+)+(?=[\u4e00-\u9fff])"
    r"|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)\s*"
)


#: A chapter's number as printed standards and committees write it: 「1.」「1．」「1、」 before its title
#: (besides :data:`HEADING_NUMBER`'s forms). Only for recognising a section by its title: an item 「1.」
#: under a section is a line, not an area.
CHAPTER_NUMBER = re.compile(r"^\s*[\d０-９]+[.．、]\s*")


def section_title(text: str) -> str:
    """``1. 职业概况`` → ``职业概况``, ``说　明`` → ``说明``: a heading's title without its number, its
    trailing colon, a draft's （暂定） or the spaces a typesetter puts between the characters of a short title."""
    bare = (
        HEADING_NUMBER.sub("", text, count=1)
        if HEADING_NUMBER.match(text)
        else CHAPTER_NUMBER.sub("", text, count=1)
    )
    return re.sub(r"[\s　]+", "", bare).rstrip("：:").removesuffix(f"（{PROVISIONAL}）")


def strip_numbering(text: str) -> str:
    """``（1）能安装照明电路`` → ``能安装照明电路``; text without numbering is returned stripped."""
    return NUMBERING.sub("", text, count=1).strip()


def heading_text(text: str) -> str:
    """``1.9.1　申报条件`` → ``申报条件``; ``4　权重表（暂定）`` → ``权重表`` (a draft's mark is not the title)."""
    return HEADING_NUMBER.sub("", text, count=1).strip().removesuffix(f"（{PROVISIONAL}）")


def provisional(title: str, unsettled: bool) -> str:
    """A heading as a draft prints it: ``权重表（暂定）`` where its numbers are provisional, else the title."""
    return f"{title}（{PROVISIONAL}）" if unsettled else title


def level_title(level: Level, names: dict[Level, str] | None = None) -> str:
    """``三级/高级工``, with an employer's own name after it: ``三级/高级工（一级操作师）``."""
    own = (names or {}).get(level)
    return f"{ladder.title(level)}（{own}）" if own else ladder.title(level)
