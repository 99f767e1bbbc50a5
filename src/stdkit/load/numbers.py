"""The bound on numbers (YML016): finite, and at most ±(2**53 − 1) in every spelling YAML 1.1 has.

Blueprints are JSON, and the exam systems that read them (JavaScript among them) hold a number as
a double, exact for whole numbers up to 2**53 − 1; Python itself refuses to print an integer of
more than 4,300 digits. A field's own bound (a mark out of 100) is the model's to check; this one
keeps every later stage and output within what it can handle. An integer's text is measured before
it is made, so that no spelling of a number costs more than its length.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load.text import mark, quoted

#: Largest magnitude of a number (Number.MAX_SAFE_INTEGER).
MAX_NUMBER = 2**53 - 1
#: Significant digits an integer's text may have before it is refused unread: MAX_NUMBER has 53 binary
#: digits, so no spelling of a number within it (decimal, 0x, 0b, octal, base 60 ``1:20``) has more.
_MAX_DIGITS = MAX_NUMBER.bit_length()
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"

R_NUMBER = rule(
    "YML016",
    "yaml",
    Severity.ERROR,
    "A number too large for stdkit, or not a finite number (.inf, .nan).",
    f"Write a number between -{MAX_NUMBER:,} and {MAX_NUMBER:,} (the whole numbers every JSON reader holds "
    "exactly), or quote the value if it is text.",
    bad="training:\n  hours: {L5: 0xffffffffffffffffffff}",
    good="training:\n  hours: {L5: 400}",
    detail={"large": "The number {value} is too large.", "infinite": "{value} is not a finite number."},
    zh=Wording(
        "数字过大，或不是有限的数（.inf、.nan）。",
        f"请写 -{MAX_NUMBER:,} 到 {MAX_NUMBER:,} 之间的数（任何 JSON 读取程序都能精确表示的整数范围）；"
        "如果这个值是文本，请给它加引号。",
        {"large": "数字 {value} 过大。", "infinite": "{value} 不是有限的数。"},
    ),
)


def too_long(node: yaml.ScalarNode, shown: str) -> Diagnostic | None:
    """YML016 for an integer whose text has more significant digits than any number within MAX_NUMBER.

    Looked at before the integer is made: Python refuses to convert more than 4,300 decimal digits
    (and converts 0x and 0b text of any length), and PyYAML makes a base-60 integer (``1:20:30``) by
    one big multiplication per part, which a long enough text makes quadratic. Only a text longer
    than the digits allowed is scanned (the common short number skips it).
    """
    text = node.value
    if node.tag != INT or len(text) <= _MAX_DIGITS:
        return None
    digits = text.lstrip("+-").replace("_", "")
    if digits[:2] in ("0x", "0b"):
        digits = digits[2:]
    return refused(node, shown, "large") if len(digits.lstrip("0")) > _MAX_DIGITS else None


def out_of_bounds(node: yaml.ScalarNode, value: Any, shown: str) -> Diagnostic | None:
    """YML016 for a constructed number that is not finite or is larger than MAX_NUMBER."""
    tag = node.tag
    if tag == FLOAT and not math.isfinite(value):
        return refused(node, shown, "infinite")
    if tag in (INT, FLOAT) and abs(value) > MAX_NUMBER:
        return refused(node, shown, "large")
    return None


def refused(node: yaml.ScalarNode, shown: str, variant: str) -> Diagnostic:
    line, col = mark(node)
    return R_NUMBER.at(shown, line, col, variant=variant, value=quoted(node.value))
