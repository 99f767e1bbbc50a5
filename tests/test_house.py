"""The house (issue 33): no module over 700 lines and no block rated E or F by radon, outside a list of
today's exceptions that may only shrink. The layers themselves are import-linter's (scripts/test.sh).

Why: a module a newcomer cannot read in one sitting, or a function with more paths than its tests can
name, is where the next bug hides. A new exception is a decision made in review, by editing these lists.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit  # type: ignore[import-untyped]  # radon ships no type information

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
