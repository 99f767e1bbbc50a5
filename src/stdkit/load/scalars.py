"""A scalar's value, constructed only when plain YAML would infer its tag (YML004 tags, YML012 dates).

Only tags that plain YAML would infer are constructed (``2018`` → int, ``2018-11-20`` → date); an
explicit tag such as ``!!bool maybe`` or ``!!int ''`` is refused, since PyYAML's constructors crash on
values their tag does not fit. ``!!str`` is harmless and allowed. Numbers are bounded
(:mod:`stdkit.load.numbers`). PyYAML's constructors are called directly, never through
``construct_object`` (which would cache every node forever). Nothing here raises on any input.
"""

from __future__ import annotations

from typing import Any

import yaml

from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load import numbers
from stdkit.load.syntax import R_SYNTAX
from stdkit.load.text import mark, one_line, quoted

R_TAG = rule(
    "YML004",
    "yaml",
    Severity.ERROR,
    "A YAML tag that stdkit does not accept (e.g. !!python/object).",
    "Remove the tag; documents contain only plain text, numbers, dates, lists and mappings.",
    bad="title: !!python/object:os.system 电工",
    good="title: 电工",
    detail={
        "explicit": "The explicit tag {tag} on {value} is not accepted.",
        "mismatch": "The tag {tag} does not fit this value.",
        "refused": "The tag {tag} is not accepted.",
    },
    zh=Wording(
        "使用了 stdkit 不接受的 YAML 标签（例如 !!python/object）。",
        "请删除该标签；文件中只能有普通文本、数字、日期、列表和映射。",
        {
            "explicit": "值 {value} 上的显式标签 {tag} 不被接受。",
            "mismatch": "标签 {tag} 与这个值不相符。",
            "refused": "不接受标签 {tag}。",
        },
    ),
)
R_DATE = rule(
    "YML012",
    "yaml",
    Severity.ERROR,
    "A date that does not exist on the calendar.",
    "Write a real date as YYYY-MM-DD, or quote the value if it is not meant as a date.",
    bad="issued: 2018-02-30",
    good="issued: 2018-02-28",
    detail="{value} is not a real date.",
    zh=Wording(
        "日历上不存在的日期。",
        "请按 YYYY-MM-DD 写出真实的日期；如果这个值不是日期，请给它加引号。",
        "{value} 不是真实存在的日期。",
    ),
)

STR = "tag:yaml.org,2002:str"
INT = numbers.INT
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: Tags a document may carry (those the safe loader resolves implicitly).
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)
#: Scalar constructors called directly: SafeConstructor.construct_object would cache every node forever.
_CONSTRUCT = {
    tag: yaml.constructor.SafeConstructor.yaml_constructors[tag]
    for tag in (f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp"))
}
_SCALARS = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_PLAIN = (True, False)  # the `implicit` flags of a plain scalar, as the composer resolves it
#: Digits a plain decimal integer may have to be made by int() at once (see :func:`plain_decimal`).
_SHORT = 15


def plain_decimal(text: str) -> bool:
    """Whether plain ``text`` is a decimal integer of at most 15 digits, without sign, ``_`` or leading zero.

    YAML 1.1 resolves such a text to an int (no float, timestamp or base-60 spelling is digits alone; a
    leading zero is octal or text) and PyYAML makes it ``int(text)``; 15 digits stay within MAX_NUMBER.
    The commonest number in a document (years, hours, weights) then skips the resolver's regular
    expressions and the constructor's branches: 11,000 of them cost ≈ 0.04 s.
    """
    return text.isdigit() and text.isascii() and len(text) <= _SHORT and (text[0] != "0" or len(text) == 1)


def value(node: yaml.ScalarNode, shown: str) -> tuple[Any, Diagnostic | None]:
    """The value of a scalar, or the diagnostic that refuses it.

    A number beyond ±MAX_NUMBER, ``.inf`` or ``.nan`` is refused (YML016), in every spelling YAML 1.1 has.
    """
    tag = node.tag
    if tag == STR:
        return node.value, None
    if tag == numbers.INT and node.style == "" and plain_decimal(node.value):
        return int(node.value), None
    if node.style != "" or _implicit_tag(node.value) != tag:
        return None, tag_refused(node, shown)
    construct = _CONSTRUCT.get(tag)
    if construct is None:  # `<<` and `=` resolve to YAML 1.1's merge and value tags: as values they are text
        return node.value, None
    problem = numbers.too_long(node, shown)
    if problem is not None:
        return None, problem
    try:
        made = construct(_SCALARS, node)
    except (ValueError, OverflowError) as exc:
        line, col = mark(node)
        if tag == _TIMESTAMP:
            return None, R_DATE.at(shown, line, col, value=one_line(node.value))
        if isinstance(exc, OverflowError):  # a base-60 float (1:59:…:59.5) whose parts pass 1.8e308
            return None, numbers.refused(node, shown, "large")
        return None, R_SYNTAX.at(shown, line, col, variant="number", value=quoted(node.value))
    problem = numbers.out_of_bounds(node, made, shown)
    return (None, problem) if problem is not None else (made, None)


def _implicit_tag(text: str) -> str:
    """The tag libyaml's composer gives a plain scalar without an explicit tag."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, _PLAIN)  # type: ignore[no-untyped-call]  # PyYAML's resolver is unannotated
    return tag


def tag_refused(node: yaml.Node, shown: str) -> Diagnostic:
    """YML004 for a node whose tag stdkit does not construct."""
    line, col = mark(node)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if node.tag in _ALLOWED_TAGS and isinstance(node, yaml.ScalarNode):
        return R_TAG.at(shown, line, col, variant="explicit", tag=quoted(tag), value=quoted(node.value))
    variant = "mismatch" if node.tag in _ALLOWED_TAGS else "refused"
    return R_TAG.at(shown, line, col, variant=variant, tag=quoted(tag))
