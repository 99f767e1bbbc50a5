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
    "stdkit.pipeline",
    "stdkit.checks",
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


def markdown(heading_level: int = 1) -> str:
    """The reference as Markdown: one section per family, one subsection per rule."""
    top = "#" * heading_level
    out = [
        f"{top} Rule reference",
        "",
        "Each rule's severity can be changed per collection in `stdkit.toml`:",
        "",
    ]
    out += ["```toml", "[stdkit.severity]", 'OVL702 = "info"     # error | warning | info | off', "```", ""]
    out += [
        "The catalogue rules check against the shipped 职业分类大典 (2022) and 国家职业资格目录 (2021);",
        "a collection can point at newer editions in the same file:",
        "",
        "```toml",
        "[stdkit.reference]",
        'occupations = "data/occupations_2025.json"',
        'catalogue = "data/qualification_catalogue_2025.yaml"',
        "```",
        "",
    ]
    out += ["A finding can be suppressed in the document with a reason:", ""]
    out += ["```yaml", "# stdkit: ignore CAT605 the printed standard carries the 2015 code", "```", ""]
    out += ["| code | family | severity | summary |", "|---|---|---|---|"]
    rules = all_rules()
    out += [
        f"| [{r.code}](#{r.code.lower()}) | {r.family} | {r.severity.label} | {_cell(r.summary)} |"
        for r in rules
    ]
    out.append("")
    for r in rules:
        out += [
            f"{top}# {r.code}",
            "",
            f"*{r.family}* · default severity **{r.severity.label}**",
            "",
            r.summary,
            "",
        ]
        out += [f"**How to fix:** {r.fix}", ""]
        if r.bad:
            out += ["Bad:", "", *_block(r.bad), ""]
        if r.good:
            out += ["Good:", "", *_block(r.good), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def as_json() -> list[dict[str, str]]:
    """The reference as data, for tools and the site's search index."""
    return [
        {
            "code": r.code,
            "family": r.family,
            "severity": r.severity.label,
            "summary": r.summary,
            "fix": r.fix,
            "bad": r.bad,
            "good": r.good,
        }
        for r in all_rules()
    ]
