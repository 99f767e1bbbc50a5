"""The rule reference (every code, its family, severity, what is wrong and how to fix it), generated.

Generated from :data:`stdkit.diagnostics.RULES`, the one place rules are declared, so the manual,
the site and ``stdkit rules`` cannot drift from the checks. Importing this module imports every
check module, because a rule exists once the module that checks it is imported.
"""

from __future__ import annotations

import importlib

import yaml

from stdkit.diagnostics import RULES, Rule

#: Modules that declare rules; importing them fills RULES.
_DECLARING = (
    "stdkit.load",
    "stdkit.model.bind",
    "stdkit.discovery",
    "stdkit.collection",
    "stdkit.checks.registry",
    "stdkit.interchange.rules",
)


def all_rules() -> list[Rule]:
    """Every declared rule, ordered by code."""
    for module in _DECLARING:
        importlib.import_module(module)
    return [RULES[code] for code in sorted(RULES)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _block(snippet: str) -> list[str]:
    # a bad example may be deliberately broken YAML (a tab, a syntax error): highlighting it as YAML
    # would fail in Sphinx, so only snippets that parse are fenced as yaml
    try:
        for _ in yaml.parse(snippet, Loader=yaml.SafeLoader):  # syntax only: no values are built
            pass
        language = "yaml"
    except yaml.YAMLError:
        language = "text"
    return [f"```{language}", *snippet.splitlines(), "```"]


#: The reference's own words: (English, Chinese). The English page is the reference as it always was.
_WORDS = {
    "title": ("Rule reference", "规则参考 — Rule reference"),
    "severity": (
        "Each rule's severity can be changed per collection in `stdkit.toml`:",
        "每条规则的严重程度可以在集合的 `stdkit.toml` 中调整（Each rule's severity can be changed per collection）：",
    ),
    "reference": (
        "The catalogue rules check against the shipped 职业分类大典 (2022) and 国家职业资格目录 (2021);\n"
        "a collection can point at newer editions in the same file:",
        "目录类规则（catalogue）依据随 stdkit 提供的《职业分类大典》（2022 年版）和《国家职业资格目录》（2021 年版）检查；\n"
        "集合可以在同一文件中指定更新的版本：",
    ),
    "suppress": (
        "A finding can be suppressed in the document with a reason:",
        "可以在文件中用注释忽略某个问题，但必须写明原因：",
    ),
    "table": (
        "| code | family | severity | summary |",
        "| 代码 | 类别 family | 默认级别 severity | 说明 | Summary |",
    ),
    "default": ("default severity", "默认级别 default severity"),
    "bad": ("Bad:", "错误示例 Bad:"),
    "good": ("Good:", "正确示例 Good:"),
}


def _say(name: str, lang: str) -> str:
    english, chinese = _WORDS[name]
    return chinese if lang == "zh" else english


def markdown(heading_level: int = 1, lang: str = "zh") -> str:
    """The reference as Markdown: one section per family, one subsection per rule.

    In Chinese (``zh``, the default) every summary and fix is given in Chinese with the English
    alongside; in English (``en``) only the English.
    """
    top = "#" * heading_level
    out = [f"{top} {_say('title', lang)}", "", _say("severity", lang), ""]
    out += ["```toml", "[stdkit.severity]", 'OVL702 = "info"     # error | warning | info | off', "```", ""]
    out += [
        *_say("reference", lang).split("\n"),
        "",
        "```toml",
        "[stdkit.reference]",
        'occupations = "data/occupations_2025.json"',
        'catalogue = "data/qualification_catalogue_2025.yaml"',
        "```",
        "",
    ]
    out += [_say("suppress", lang), ""]
    out += ["```yaml", "# stdkit: ignore CAT605 the printed standard carries the 2015 code", "```", ""]
    table = _say("table", lang)
    out += [table, "|---" * table.count(" | ") + "|---|"]
    rules = all_rules()
    for r in rules:
        cells = [f"[{r.code}](#{r.code.lower()})", r.family, r.severity.label]
        cells += [_cell(r.wording("zh").summary), _cell(r.summary)] if lang == "zh" else [_cell(r.summary)]
        out.append(f"| {' | '.join(cells)} |")
    out.append("")
    for r in rules:
        out += [f"{top}# {r.code}", "", f"*{r.family}* · {_say('default', lang)} **{r.severity.label}**", ""]
        out += _texts(r, lang)
        if r.bad:
            out += [_say("bad", lang), "", *_block(r.bad), ""]
        if r.good:
            out += [_say("good", lang), "", *_block(r.good), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _texts(r: Rule, lang: str) -> list[str]:
    """The rule's summary and fix: English only, or Chinese with the English after it."""
    if lang != "zh":
        return [r.summary, "", f"**How to fix:** {r.fix}", ""]
    words = r.wording("zh")
    if r.zh is None:  # not translated yet: the English is all there is
        return [f"**说明 Summary：** {r.summary}", "", f"**修改方法 How to fix：** {r.fix}", ""]
    return [
        f"**说明：** {words.summary}",
        "",
        f"*Summary:* {r.summary}",
        "",
        f"**修改方法：** {words.fix}",
        "",
        f"*How to fix:* {r.fix}",
        "",
    ]


def as_json() -> list[dict[str, str]]:
    """The reference as data, for tools and the site's search index."""
    return [
        {
            "code": r.code,
            "family": r.family,
            "severity": r.severity.label,
            "summary": r.summary,
            "fix": r.fix,
            "summary_zh": r.wording("zh").summary,
            "fix_zh": r.wording("zh").fix,
            "bad": r.bad,
            "good": r.good,
        }
        for r in all_rules()
    ]
