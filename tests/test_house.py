"""The house (issue 33): no module over 700 lines and no block rated E or F by radon, outside a list of
today's exceptions that may only shrink; no module outside ``checks/`` names a rule code. The layers
themselves are import-linter's (scripts/test.sh).

Why: a module a newcomer cannot read in one sitting, or a function with more paths than its tests can
name, is where the next bug hides. A new exception is a decision made in review, by editing these lists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from radon.complexity import cc_rank, cc_visit  # type: ignore[import-untyped]  # radon ships no type information

from stdkit.rules_reference import all_rules

from .conftest import ROOT

SRC = ROOT / "src" / "stdkit"
MAX_LINES = 700

#: Modules over MAX_LINES today, to split.
LONG_MODULES: frozenset[str] = frozenset()
#: Blocks rated E or F today ("module.py:name"), to break up.
COMPLEX_BLOCKS: frozenset[str] = frozenset()


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def test_no_module_is_over_700_lines() -> None:
    long = {_name(p) for p in _modules() if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    assert long <= LONG_MODULES, (
        f"split these modules (at most {MAX_LINES} lines): {sorted(long - LONG_MODULES)}"
    )
    assert not (LONG_MODULES - long), (
        f"no longer long: remove from LONG_MODULES {sorted(LONG_MODULES - long)}"
    )


def test_no_block_is_rated_e_or_f() -> None:
    found = set()
    for path in _modules():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if cc_rank(block.complexity) in "EF":
                owner = getattr(block, "classname", None)
                found.add(f"{_name(path)}:{f'{owner}.' if owner else ''}{block.name}")
    assert found <= COMPLEX_BLOCKS, f"break these up (radon E or F): {sorted(found - COMPLEX_BLOCKS)}"
    assert not (COMPLEX_BLOCKS - found), f"no longer complex: remove {sorted(COMPLEX_BLOCKS - found)}"


#: A rule code, whole ("OVL705"), or a string without spaces that holds one ("OVL705,OVL706").
_CODE = re.compile(r"[A-Z]{3}[0-9]{3}")


def _rule_code_literals(source: str, families: frozenset[str]) -> list[tuple[int, str]]:
    """(line, literal) of every string in ``source`` that names a rule code as code does: a code, a code
    among other characters but no space, or a family's prefix alone ("OVL" in ``startswith("OVL")``, or
    ``f"OVL{n}"``). Allowed: the code a ``rule(...)`` declaration is given (the parse-level families
    declare their rules where they raise them, as yamllint's parser does), docstrings, comments, and prose
    that mentions a code (a field's description, an example in the manual)."""
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.add(id(body[0].value))  # a docstring (or a bare string, which does nothing)
        if isinstance(node, ast.Call) and _called(node) == "rule":
            allowed.update(id(arg) for arg in node.args[:1])
            allowed.update(id(k.value) for k in node.keywords if k.arg == "code")
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in allowed:
            continue
        text = node.value.strip()
        if text in families or (_CODE.search(text) and not any(c.isspace() for c in text)):
            found.append((node.lineno, node.value))
    return found


def _called(call: ast.Call) -> str:
    function = call.func
    return function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")


def _families() -> frozenset[str]:
    return frozenset(declared.code[:3] for declared in all_rules())


def test_no_module_outside_checks_names_a_rule_code() -> None:
    """A rule code in code that compares, filters or builds codes belongs to the check's registry entry
    (:mod:`stdkit.checks`): the run, the reporters and the outputs ask the registry, never a literal."""
    families = _families()
    named = [
        f"{_name(path)}:{line}: {literal!r}"
        for path in _modules()
        if _name(path).split("/")[0] != "checks"
        for line, literal in _rule_code_literals(path.read_text(encoding="utf-8"), families)
    ]
    assert not named, "a rule code outside checks/ (ask the check's registry entry):\n" + "\n".join(named)


def test_the_rule_code_scan_finds_codes_in_code_and_leaves_declarations_and_prose() -> None:
    families = _families()
    assert {"OVL", "COV", "YML", "USE"} <= families
    flagged = """
KEPT = {"OVL705", "COV901"}
def f(d, n):
    \"\"\"Mentions OVL705 in a docstring.\"\"\"
    # and OVL706 in a comment
    if d.code == "OVL704" or d.code.startswith("OVL"):
        return f"COV{n}"
    return "CNT513,CNT514".split(",")
"""
    assert [line for line, _ in _rule_code_literals(flagged, families)] == [2, 2, 6, 6, 7, 8]
    clean = """
R_NO_FILES = rule("USE001", "usage", Severity.ERROR, "A path …", "Check the path.")
R_OTHER = diagnostics.rule(code="YML101", family="yaml")
HELP = Field(description="Required once approved; a draft may leave it out (a warning, DRF701).")
FORMATS = ("XML", "PDF", "USE THIS")
"""
    assert _rule_code_literals(clean, families) == []
