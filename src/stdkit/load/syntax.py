"""libyaml's refusals in the author's words: syntax errors, tabs, a second document, control characters.

libyaml stops at the first problem and words it for YAML experts; each problem becomes one finding
at the position libyaml marks (clamped into the file), named for its likely cause — a full-width
separator typed by the input method (:mod:`stdkit.load.fullwidth`), a tab, a second ``---``, nesting
— and in Chinese where the wording is known. Nothing here raises on any input.
"""

from __future__ import annotations

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load.fullwidth import fullwidth, fullwidth_near
from stdkit.load.limits import R_DEPTH
from stdkit.load.text import line_col_of, one_line, within

R_SYNTAX = rule(
    "YML001",
    "yaml",
    Severity.ERROR,
    "The file is not valid YAML.",
    "Fix the syntax at the position shown: check indentation, colons and quotes.",
    bad="title: 电工\n  edition: 2018",
    good='title: 电工\nedition: "2018"',
    detail={
        "syntax": "YAML syntax: {problem}.",
        "colon_in_value": "YAML syntax: {problem}. A value on this line contains ': ' or the indentation is off; "
        "quote the value or align the key.",
        "missing_colon": "YAML syntax: {problem}. A key is missing its ':' or a multi-line value needs quoting "
        "or indenting.",
        "anchor": "YAML syntax: {problem}. Define each anchor (&name) once and before it is used (*name).",
        "number": "The value {value} is not a number stdkit can read: quote it if it is text.",
        "control": "The control character U+{code} is not allowed in YAML: delete it (it is invisible and usually "
        'comes from copying out of Word or a PDF), or write it as an escape in a "double-quoted" value.',
        "other": "{problem}.",
    },
    zh=Wording(
        "文件不是有效的 YAML。",
        "请在所示位置修正语法：检查缩进、冒号和引号。",
        {
            "syntax": "YAML 语法错误：{problem_zh}。",
            "colon_in_value": "YAML 语法错误：{problem_zh}。本行的值中含有「: 」，或缩进不对：请给值加引号，或把键对齐。",
            "missing_colon": "YAML 语法错误：{problem_zh}。某个键缺少「:」，或多行的值需要加引号或缩进。",
            "anchor": "YAML 语法错误：{problem_zh}。每个锚点（&名称）只能定义一次，并且要先定义、后引用（*名称）。",
            "number": "值 {value} 不是 stdkit 能读取的数字：如果它是文本，请加引号。",
            "control": "YAML 中不允许出现控制字符 U+{code}：请删除它（它看不见，通常是从 Word 或 PDF 中复制来的），"
            "或在双引号值中用转义写出。",
            "other": "{problem_zh}。",
        },
    ),
    fix_in_detail=frozenset({"colon_in_value", "missing_colon", "anchor", "number", "control"}),
)
R_TAB = rule(
    "YML002",
    "yaml",
    Severity.ERROR,
    "A tab character is used for indentation.",
    "Indent with spaces only (two per level); YAML forbids tabs in indentation.",
    bad="profile:\n\teducation: 初中毕业",
    good="profile:\n  education: 初中毕业",
    zh=Wording(
        "缩进中用了制表符（Tab）。",
        "请只用空格缩进（每级两个空格）；YAML 不允许用制表符缩进。",
    ),
)
R_MULTI = rule(
    "YML009",
    "yaml",
    Severity.ERROR,
    "The file holds more than one YAML document (a second `---`).",
    "Put each document in a file of its own.",
    zh=Wording("文件中有不止一个 YAML 文档（出现了第二个 `---`）。", "请把每个文档放在单独的文件中。"),
)


def syntax_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Diagnostic:
    """The finding for a syntax error libyaml raised while composing ``text``."""
    mark = exc.problem_mark or exc.context_mark
    line, col = within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = one_line(exc.problem or str(exc))
    at = mark.index if mark else 0
    misuse = fullwidth_near(text, line, col)
    if misuse is not None:
        return fullwidth(shown, misuse.line, misuse.col, misuse.char)
    if "\t" in text[max(0, at - 1) : at + 1] or "\\t" in problem:
        return R_TAB.at(shown, line, col)
    if "expected a single document" in str(exc):
        return R_MULTI.at(shown, line, col)
    if "exceeded maximum nesting depth" in problem:
        return R_DEPTH.at(shown, line, col, variant="here")
    if "mapping values are not allowed" in problem:
        variant = "colon_in_value"
    elif "could not find expected ':'" in problem:
        variant = "missing_colon"
    elif "found duplicate anchor" in problem or "found undefined alias" in problem:
        variant = "anchor"
    else:
        variant = "syntax"
    return R_SYNTAX.at(shown, line, col, variant=variant, problem=problem, problem_zh=_problem_zh(problem))


def unreadable_character(exc: yaml.reader.ReaderError, text: str, shown: str) -> Diagnostic:
    """A control character libyaml refuses, at its place (libyaml gives a byte offset)."""
    offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line, col = within(text, *line_col_of(text, offset))
    character = exc.character if isinstance(exc.character, int) else ord(text[offset : offset + 1] or "\0")
    return R_SYNTAX.at(shown, line, col, variant="control", code=f"{character:04X}")


def unmarked_error(exc: yaml.YAMLError, shown: str) -> Diagnostic:
    """A libyaml error without a mark (none is known; kept so that no input raises)."""
    problem = one_line(str(exc))
    return R_SYNTAX.at(shown, 1, 1, variant="other", problem=problem, problem_zh=problem)


#: libyaml's problems as Chinese authors should read them; any other problem is shown as libyaml words it.
_PROBLEMS_ZH = {
    "mapping values are not allowed here": "此处不允许出现映射的值",
    "mapping values are not allowed in this context": "此处不允许出现映射的值",
    "could not find expected ':'": "找不到应有的「:」",
    "did not find expected key": "找不到应有的键",
    "did not find expected node content": "找不到应有的值",
    "did not find expected '-' indicator": "找不到应有的「-」列表标记",
    "did not find expected ',' or ']'": "找不到应有的「,」或「]」",
    "did not find expected ',' or '}'": "找不到应有的「,」或「}」",
    "did not find expected <document start>": "找不到应有的文档开始标记「---」",
    "found character that cannot start any token": "出现了不能作为内容开头的字符",
    "found undefined alias": "引用了未定义的别名",
    "found duplicate anchor; first occurrence": "锚点重复定义",
    "found duplicate anchor; second occurrence": "锚点重复定义",
    "found unexpected end of stream": "文件意外结束",
    "found unexpected ':'": "出现了意外的「:」",
    "found unknown escape character": "出现了未知的转义字符",
    "found a tab character that violates indentation": "出现了破坏缩进的制表符",
    "found a tab character where an indentation space is expected": "应为缩进空格处出现了制表符",
    "found unexpected document indicator": "出现了意外的文档标记",
    "found incompatible YAML document": "YAML 版本不兼容",
    "block sequence entries are not allowed in this context": "此处不允许出现「- 」列表项",
    "while scanning a quoted scalar": "引号内的值没有结束",
    "found an incorrect leading spaces for a block scalar": "块文本的前导空格不正确",
    "found a document indicator within a quoted scalar": "引号内的值中出现了文档标记",
    "found a document indicator in a quoted scalar": "引号内的值中出现了文档标记",
}


def _problem_zh(problem: str) -> str:
    """libyaml's problem in Chinese where it is known (its own words otherwise, so nothing is lost)."""
    known = _PROBLEMS_ZH.get(problem)
    return known or problem
