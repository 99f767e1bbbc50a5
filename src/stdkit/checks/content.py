"""Content: what a reader or a question bank would trip over inside one document.

Why: a skill line written twice in a level is counted twice as a 鉴定点; a published document
without its issue date cannot be cited; question banks expect the usual 重要程度 distribution
(X ≥ 80 %, Y ≤ 15 %, Z ≤ 5 %) and a special competency named like an occupation is mistaken for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel

from stdkit import ladder
from stdkit.collection import AnyEntry, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import Line, Status
from stdkit.model.common import FINAL, Importance
from stdkit.model.standard import WorkFunction

#: The usual 重要程度 distribution per level: (importance, bound in percent, True when it is a minimum).
DISTRIBUTION: tuple[tuple[Importance, int, bool], ...] = (
    (Importance.X, 80, True),
    (Importance.Y, 15, False),
    (Importance.Z, 5, False),
)

R_BLANK = rule(
    "CNT501",
    "content",
    Severity.ERROR,
    "A requirement line is blank.",
    "Write the requirement, or delete the empty line.",
    bad='skills: ["  "]',
    good="skills: [能根据电路图安装照明电路]",
    zh=Wording("要求条目是空白。", "请写出该条要求，或删除这一空行。"),
)
R_DUPLICATE_LINE = rule(
    "CNT502",
    "content",
    Severity.WARNING,
    "The same skill line appears twice within a level.",
    "Delete one of the two lines, or reword it if they are meant to differ.",
    bad="skills:\n  - 能安装配电箱\n  - 能安装配电箱",
    good="skills:\n  - 能安装配电箱",
    detail="「{text}」 is already a skill line of {level_title}.",
    zh=Wording(
        "同一等级中出现了两条相同的技能要求。",
        "请删除其中一条；如果两条本意不同，请改写其中一条的措辞。",
        "「{text}」已是{level_title}的一条技能要求。",
    ),
)
R_DISTRIBUTION = rule(
    "CNT503",
    "content",
    Severity.WARNING,
    "A level's 鉴定点 depart from the usual 重要程度 distribution (X ≥ 80 %, Y ≤ 15 %, Z ≤ 5 %).",
    "Mark fewer lines Y or Z (`{text: …, importance: Y}`), or confirm the distribution with the question-bank team.",
    detail={
        "under": "{label}: {importance} is {share} % of {count} 鉴定点, under the usual {bound} %.",
        "over": "{label}: {importance} is {share} % of {count} 鉴定点, over the usual {bound} %.",
    },
    zh=Wording(
        "某等级鉴定点的重要程度分布偏离通常比例（X ≥ 80%，Y ≤ 15%，Z ≤ 5%）。",
        "请减少标为 Y 或 Z 的条目（`{text: …, importance: Y}`），或与题库团队确认这一分布。",
        {
            "under": "{label_zh}：{count} 个鉴定点中 {importance} 类占 {share}%，低于通常的 {bound}%。",
            "over": "{label_zh}：{count} 个鉴定点中 {importance} 类占 {share}%，高于通常的 {bound}%。",
        },
    ),
)
R_UNDATED = rule(
    "CNT504",
    "content",
    Severity.WARNING,
    "A published document has no `issued` date.",
    "Add `issued: YYYY-MM-DD`, the date of the issuing notice.",
    zh=Wording("已发布的文件没有 `issued`（发布日期）。", "请加入 `issued: YYYY-MM-DD`，即发布通知的日期。"),
)
R_SPECIAL_NAME = rule(
    "CNT505",
    "content",
    Severity.ERROR,
    "A special competency's title ends in 工, 员 or 师, like an occupation.",
    "Name the competency by what it does (e.g. 电动自行车维修), not like an occupation (…工/员/师).",
    bad="title: 电动自行车维修工",
    good="title: 电动自行车维修",
    detail="「{title}」 reads like an occupation.",
    zh=Wording(
        "专项职业能力的名称以“工”“员”“师”结尾，像一个职业。",
        "请按这项能力做什么来命名（例如 电动自行车维修），不要像职业那样命名（……工/员/师）。",
        "「{title}」读起来像一个职业名称。",
    ),
)

# -- the placeholder and modeline rules (issue 15): a scaffold's leftovers and the editor's schema link --

#: The text `stdkit new` leaves for the author to replace (see stdkit.scaffold.PLACEHOLDER).
PLACEHOLDER = "待填写"
R_PLACEHOLDER_DRAFT = rule(
    "CNT511",
    "content",
    Severity.WARNING,
    "A 「待填写」 placeholder of the scaffold is still in the document.",
    "Replace it with the document's own text before the document is approved.",
    bad="issuer: 待填写",
    good="issuer: 人力资源社会保障部",
    detail="「{text}」 is a placeholder left from `stdkit new`.",
    zh=Wording(
        "文档中仍有脚手架留下的「待填写」占位文字。",
        "请在文档批准前改写为本文档自己的内容。",
        "「{text}」是 `stdkit new` 留下的占位文字。",
    ),
)
R_PLACEHOLDER_FINAL = rule(
    "CNT512",
    "content",
    Severity.ERROR,
    "A 「待填写」 placeholder is in an approved or published document.",
    "Replace it with the document's own text, or set `status: draft` until it is written.",
    bad="status: published\nissuer: 待填写",
    good="status: published\nissuer: 人力资源社会保障部",
    detail="「{text}」 is a placeholder left from `stdkit new`, and the document is {status}.",
    zh=Wording(
        "已批准或已发布的文档中仍有「待填写」占位文字。",
        "请改写为本文档自己的内容；尚未写完的，请将 `status` 改回 draft。",
        "「{text}」是 `stdkit new` 留下的占位文字，而文档状态为 {status}。",
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = entry.document
    # the rules that read every text need each one's path only when one of them finds something, and
    # making a path for each of a document's thousands of values is most of their cost: look first
    values = _values(document) if _suspect(document) else []
    yield from placeholders(entry, values)
    yield from numbered_lines(entry, values)
    yield from glued_lines(entry, values)
    yield from repeated_lines(entry)
    if document.status is Status.PUBLISHED and document.issued is None:
        yield entry.at(("status",), R_UNDATED)
    yield from _blank(entry, values)
    competency = special(document)
    if competency is not None:
        if competency.title.rstrip().endswith(("工", "员", "师")):
            yield entry.at(("title",), R_SPECIAL_NAME, title=competency.title)
        lines = [line for unit in competency.units for line in (*unit.skills, *unit.knowledge)]
        yield from _distribution(entry, None, lines)
        return
    body = levelled(document)
    if body is None:
        return
    for level, functions in body.work.items():
        seen: Counter[str] = Counter()
        level_lines: list[Line] = []
        for f_index, function in enumerate(functions):
            for c_index, content in enumerate(function.contents):
                level_lines.extend((*content.skills, *content.knowledge))
                for s_index, line in enumerate(content.skills):
                    normal = _normal(line.text)
                    seen[normal] += 1
                    if seen[normal] == 2:
                        yield entry.at(
                            ("work", level, f_index, "contents", c_index, "skills", s_index),
                            R_DUPLICATE_LINE,
                            text=line.text,
                            level_title=ladder.title(level),
                        )
        yield from _distribution(entry, level, level_lines)


def _distribution(entry: AnyEntry, level: Level | None, lines: list[Line]) -> Iterator[Diagnostic]:
    if not lines:
        return
    counts = Counter(line.importance for line in lines)
    where: Path_ = ("work", level) if level is not None else ("units",)
    label = ladder.title(level) if level is not None else "The modules"
    label_zh = ladder.title(level) if level is not None else "考核模块"
    for importance, bound, minimum in DISTRIBUTION:
        share = 100 * counts[importance] / len(lines)
        if (share < bound) if minimum else (share > bound):
            yield entry.at(
                where,
                R_DISTRIBUTION,
                key=True,
                variant="under" if minimum else "over",
                label=label,
                label_zh=label_zh,
                importance=importance.value,
                share=f"{share:.0f}",
                count=len(lines),
                bound=bound,
            )


#: (path, value, is a mapping's key) for every value and mapping key of a document, depth first
_Values = list[tuple[Path_, object, bool]]


def _values(document: object) -> _Values:
    """Every value of the model (and every mapping key, flagged) with its path, in one walk."""
    found: _Values = []
    stack: list[tuple[Path_, object]] = [((), document)]
    while stack:
        path, value = stack.pop()
        found.append((path, value, False))
        if isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append(((*path, str(key)), key, True))
                stack.append(((*path, str(key)), item))
        elif isinstance(value, BaseModel) and not isinstance(value, Line):
            stack.extend(((*path, name), getattr(value, name)) for name in type(value).model_fields)
    return found


def _suspect(document: object) -> bool:
    """Whether a value of the document would be found by :func:`placeholders`, :func:`numbered_lines`,
    :func:`glued_lines` or :func:`_blank`: the walk of :func:`_values`, without paths."""
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, Line):
            text = value.text
            if PLACEHOLDER in text or not text.strip() or _NUMBER.match(text) or _glued(text):
                return True
        elif isinstance(value, str):
            if PLACEHOLDER in value:
                return True
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            if any(PLACEHOLDER in str(key) for key in value):
                return True
            stack.extend(value.values())
        elif isinstance(value, BaseModel):
            stack.extend(getattr(value, name) for name in type(value).model_fields)
    return False


def _blank(entry: AnyEntry, values: _Values | None = None) -> Iterator[Diagnostic]:
    """Line texts that are only white space."""
    for path, value, is_key in _values(entry.document) if values is None else values:
        if not is_key and isinstance(value, Line) and not value.text.strip():
            yield entry.at(path, R_BLANK)


def _normal(text: str) -> str:
    return "".join(text.split()).rstrip("。；;.")


def placeholders(entry: AnyEntry, values: _Values | None = None) -> Iterator[Diagnostic]:
    """Every value or key that still holds the scaffold's 「待填写」: a warning in a draft, an error once final."""
    final = entry.document.status in FINAL
    found = R_PLACEHOLDER_FINAL if final else R_PLACEHOLDER_DRAFT
    for path, value, is_key in _values(entry.document) if values is None else values:
        if is_key:
            if PLACEHOLDER in str(value):
                yield entry.at(path, found, key=True, text=value, status=entry.document.status)
        elif isinstance(value, str | Line):
            text = value if isinstance(value, str) else value.text
            if PLACEHOLDER in text:
                yield entry.at(path, found, text=text, status=entry.document.status)


# -- lines written as an author's own outline (issue 17): numbering and repeats in any column ------------

R_NUMBERED = rule(
    "CNT521",
    "content",
    Severity.WARNING,
    "A requirement line starts with its own number (1.1.1, （一）, ①, 一、, 第一条 …).",
    "Remove the number: stdkit numbers lines.",
    bad="skills:\n  - 1.1.1 能根据电路图安装照明电路",
    good="skills:\n  - 能根据电路图安装照明电路",
    detail="「{text}」 starts with the number 「{number}」.",
    zh=Wording(
        "要求条目以自带的编号开头（1.1.1、（一）、①、“一、”、第一条等）。",
        "请删去编号：stdkit 会自动为各条目编号。",
        "「{text}」以编号「{number}」开头。",
    ),
)
R_REPEATED_LINE = rule(
    "CNT522",
    "content",
    Severity.WARNING,
    "The same line appears twice in one column (相关知识要求, 职业守则, 基础知识, a module's lines, a 工种's lines).",
    "Delete one of the two lines, or reword it if they are meant to differ.",
    bad="code_of_conduct:\n  - 爱岗敬业\n  - 爱岗敬业",
    good="code_of_conduct:\n  - 爱岗敬业",
    detail="「{text}」 repeats the line at {first} in {column}.",
    zh=Wording(
        "同一栏目（相关知识要求、职业守则、基础知识、考核模块、工种）中同一条目出现两次。",
        "请删去其中一条；如两条本应不同，请改写。",
        "「{text}」与{column_zh}中位于 {first} 的条目重复。",
    ),
)

R_GLUED = rule(
    "CNT523",
    "content",
    Severity.WARNING,
    "Two requirement lines are glued into one (a PDF paste): a second numbered clause (1.1.5.) or a second "
    "能… clause starts inside the line.",
    "Split the line in two at the second clause, and drop its number: each 技能要求 or 相关知识要求 is one line.",
    bad="skills:\n  - 能正确使用站姿、坐姿、蹲姿1.1.5.能使用普通话进行交流",
    good="skills:\n  - 能正确使用站姿、坐姿、蹲姿\n  - 能使用普通话进行交流",
    detail="「{text}」 reads as two lines: a second clause starts at 「{clause}」.",
    zh=Wording(
        "两条要求被粘成了一条（从 PDF 粘贴所致）：条目中间又出现了一个带编号的条款（如 1.1.5.）或以“能”开头的条款。",
        "请在第二个条款处把它拆成两条，并删去其编号：每条技能要求或相关知识要求单独一行。",
        "「{text}」像是两条要求：第二个条款从「{clause}」开始。",
    ),
)

#: A 1.1.5-style outline number inside a line, after text and before text: the next clause of the PDF.
_GLUED_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff，。；、：）)])\s*\d+(?:[.．]\d+){2,}[.．、]?\s*(?=[\u4e00-\u9fff])"
)
#: Words that end in 能 (功能, 性能, 技能, 并能 …) or start with it (能力, 能源, 能够 …): not a new clause.
_NENG_BEFORE = frozenset(
    "功性可技体节智效职才本潜热电动势产储核光风官全万不异机只就还也都并且又而即均应赋使新"
)
_NENG_AFTER = frozenset("力源量耗够效级手否")


def _glued(text: str) -> str | None:
    """Where a second clause starts inside ``text`` (a line of a PDF paste), or None."""
    match = _GLUED_NUMBER.search(text)
    if match is not None:
        return text[match.start() :].strip()
    stripped = text.strip()
    if not stripped.startswith("能"):
        return None
    for i in range(2, len(stripped) - 1):
        if stripped[i] != "能":
            continue
        before, after = stripped[i - 1], stripped[i + 1]
        if "\u4e00" <= before <= "\u9fff" and before not in _NENG_BEFORE and after not in _NENG_AFTER:
            return stripped[i:]
    return None


def glued_lines(entry: AnyEntry, values: _Values | None = None) -> Iterator[Diagnostic]:
    """Every requirement line that holds a second clause: two lines of the printed table pasted as one."""
    found: list[Diagnostic] = []
    for path, value, is_key in _values(entry.document) if values is None else values:
        if not is_key and isinstance(value, Line):
            clause = _glued(value.text)
            if clause is not None:
                found.append(entry.at(path, R_GLUED, text=value.text, clause=clause))
    yield from sorted(found)


_CJK_NUMERAL = "一二三四五六七八九十百零〇"
#: An outline number the author typed in front of a line: 1.1.1 / 1.2 能… / 1. / 1、 / 1） / （一） / (1) /
#: ① / 一、 / 第一条 / a). Deliberately narrow: 1.5米, 3D打印, 220V and 1.5 kW are content, not numbers.
_NUMBER = re.compile(
    r"^\s*("
    r"\d+(?:[.．]\d+){2,}[.．、]?(?=\s*\D)"  # 1.1.1 能…
    r"|\d+[.．]\d+(?:[.．、]\s*|\s+)(?=[\u4e00-\u9fff])"  # 1.2 能… (1.5米 and 1.5 kW are content)
    r"|\d+\s*[.．、)）](?!\d)"  # 1. 1、 1）
    rf"|[（(]\s*(?:\d+|[{_CJK_NUMERAL}]+|[a-zA-Z])\s*[）)]"  # （一） (1) (a)
    r"|[\u2460-\u2473\u2776-\u277f\u3251-\u325f]"  # ① … ⑳, ❶ …
    rf"|[{_CJK_NUMERAL}]+\s*[、．.]"  # 一、
    rf"|第[\d{_CJK_NUMERAL}]+[条章节款项点]"  # 第一条
    r"|[a-zA-Z][)）]"  # a)
    r")"
)


def numbered_lines(entry: AnyEntry, values: _Values | None = None) -> Iterator[Diagnostic]:
    """Every requirement line (any Line of the document) that starts with an outline number."""
    found: list[Diagnostic] = []
    for path, value, is_key in _values(entry.document) if values is None else values:
        if not is_key and isinstance(value, Line):
            match = _NUMBER.match(value.text)
            if match is not None:
                number = match.group(1).strip()
                found.append(entry.at(path, R_NUMBERED, text=value.text, number=number))
    yield from sorted(found)


#: A column of lines: its English and Chinese names, and each line with where it stands.
_Column = tuple[str, str, list[tuple[Path_, Line]]]


def _columns(entry: AnyEntry) -> Iterator[_Column]:
    """Every column whose lines must differ, except the common skill lines (CNT502 covers those)."""
    document = entry.document
    competency = special(document)
    if competency is not None:
        for field, en, zh in (
            ("skills", "the modules' skills", "考核模块技能要求"),
            ("knowledge", "the modules' knowledge", "考核模块相关知识要求"),
        ):
            yield (
                en,
                zh,
                [
                    (("units", u, field, n), line)
                    for u, unit in enumerate(competency.units)
                    for n, line in enumerate(getattr(unit, field))
                ],
            )
        return
    body = levelled(document)
    if body is None:
        return
    if body.basics is not None:
        ethics = body.basics.ethics
        yield (
            "职业道德基本知识",
            "职业道德基本知识",
            [(("basics", "ethics", "knowledge", n), line) for n, line in enumerate(ethics.knowledge)],
        )
        yield (
            "职业守则",
            "职业守则",
            [
                (("basics", "ethics", "code_of_conduct", n), line)
                for n, line in enumerate(ethics.code_of_conduct)
            ],
        )
        yield (
            "基础知识",
            "基础知识",
            [
                (("basics", "knowledge", a, "items", n), line)
                for a, area in enumerate(body.basics.knowledge)
                for n, line in enumerate(area.items)
            ],
        )
    for level, functions in body.work.items():
        yield from _work_columns(("work", level), level, functions, skills=False)
    for w, work_type in enumerate(body.work_types):
        for level, functions in work_type.work.items():
            where: Path_ = ("work_types", w, "work", level)
            yield from _work_columns(where, level, functions, skills=True, work_type=work_type.name)


def _work_columns(
    where: Path_, level: Level, functions: list[WorkFunction], *, skills: bool, work_type: str = ""
) -> Iterator[_Column]:
    prefix_en = f"工种 {work_type}, " if work_type else ""
    prefix_zh = f"工种「{work_type}」" if work_type else ""
    fields = (
        (("skills", "技能要求"), ("knowledge", "相关知识要求"))
        if skills
        else (("knowledge", "相关知识要求"),)
    )
    for field, name in fields:
        yield (
            f"{prefix_en}{name} of {ladder.title(level)}",
            f"{prefix_zh}{ladder.title(level)}{name}",
            [
                ((*where, f, "contents", c, field, n), line)
                for f, function in enumerate(functions)
                for c, content in enumerate(function.contents)
                for n, line in enumerate(getattr(content, field))
            ],
        )


def repeated_lines(entry: AnyEntry) -> Iterator[Diagnostic]:
    """A line that repeats an earlier line of its column, at the second occurrence, naming the first's line."""
    for column_en, column_zh, lines in _columns(entry):
        first: dict[str, Path_] = {}
        for path, line in lines:
            normal = _normal(line.text)
            if not normal:
                continue  # a blank line is CNT501's
            if normal not in first:
                first[normal] = path
                continue
            first_line, first_col = entry.source.value(first[normal])
            yield entry.at(
                path,
                R_REPEATED_LINE,
                text=line.text,
                first=f"{first_line}:{first_col}",
                column=column_en,
                column_zh=column_zh,
            )
