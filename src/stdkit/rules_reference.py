"""The rule reference (every code, its family, severity, what is wrong and how to fix it), generated.

Generated from :data:`stdkit.diagnostics.RULES`, the one place rules are declared, so the manual,
the site and ``stdkit rules`` cannot drift from the checks. Importing this module imports every
check module, because a rule exists once the module that checks it is imported.
"""

from __future__ import annotations

import importlib

from stdkit.diagnostics import RULES, Rule

#: Modules that declare rules; importing them fills RULES.
_DECLARING = ("stdkit.load", "stdkit.checks", "stdkit.checks.schema")


def all_rules() -> list[Rule]:
    """Every declared rule, ordered by code."""
    for module in _DECLARING:
        importlib.import_module(module)
    return [RULES[code] for code in sorted(RULES)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _block(snippet: str) -> list[str]:
    return ["```yaml", *snippet.splitlines(), "```"]


def markdown(heading_level: int = 2) -> str:
    """The reference as Markdown: one section per family, one subsection per rule."""
    top = "#" * heading_level
    out = [
        f"{top} Rule reference",
        "",
        "Each rule's severity can be changed per collection in `stdkit.toml`:",
        "",
    ]
    out += ["```toml", "[stdkit.severity]", 'OVL702 = "info"     # error | warning | info | off', "```", ""]
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
