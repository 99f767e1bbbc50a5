"""A special competency (专项职业能力) read from its sections: the name, the definition, and the
``label：value`` lines of 适用对象 and 鉴定要求 (a method's own, such as ``技能考核时间：90分钟``, or not).

Apart from :mod:`.sections` because a special competency is a document of its own shape, with its own
headings and fields; :mod:`.sections` keeps the table of every section's reader and the walk, and names
these readers there. A line no reader knows is reported (DOC910), never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stdkit.interchange import layout
from stdkit.interchange.docx import words
from stdkit.interchange.docx.blocks import Para
from stdkit.interchange.docx.draft import Reading, Special


def title(reading: Reading, para: Para) -> None:
    cover = reading.draft.cover
    if cover.title is None:
        cover.title = para.text
    elif re.sub(r"[ 　]+", "", para.text) != re.sub(r"[ 　]+", "", cover.title):
        reading.unmapped(para)  # the cover's title repeated is nothing new; another line is kept


def definition(reading: Reading, para: Para) -> None:
    if reading.further:
        reading.unmapped(para)
    else:
        reading.draft.special.description = para.text


def line(reading: Reading, para: Para) -> None:
    """适用对象 and 鉴定要求: ``label：value`` lines, a method's own (``技能考核时间：90分钟``) or not."""
    label, sep, value = para.text.partition("：")
    special = reading.draft.special
    for suffix, read_method in _METHOD_LINES:
        method = layout.METHOD_OF_NAME.get(label.removesuffix(suffix)) if label.endswith(suffix) else None
        if sep and method is not None:
            read_method(special, method.value, value)
            return
    read_line = _SPECIAL_LINES.get(label)
    if sep and read_line is not None:
        read_line(special, value)
    else:
        reading.unmapped(para)


def _special_ratio(special: Special, method: str, value: str) -> None:
    ratio = words.whole_number(value.removeprefix("1:"))
    if ratio is not None:
        special.assessment.setdefault("ratios", {})[method] = ratio


def _special_duration(special: Special, method: str, value: str) -> None:
    """「技能考核时间：90分钟」, or a minimum 「不少于60分钟」 ({at_least: 60})."""
    shown = value.removesuffix("分钟")
    minutes = words.whole_number(shown.removeprefix(layout.AT_LEAST))
    if minutes is not None:
        at_least = shown.startswith(layout.AT_LEAST)
        special.assessment.setdefault("durations", {})[method] = (
            {"at_least": minutes} if at_least else minutes
        )


def _special_methods(special: Special, value: str) -> None:
    special.assessment["methods"] = [
        layout.METHOD_OF_NAME[n].value
        for n in value.split(layout.LIST_SEPARATOR)
        if n in layout.METHOD_OF_NAME
    ]


def _special_pass_mark(special: Special, value: str) -> None:
    mark = words.pass_mark(value)
    if mark is not None:
        special.assessment["pass_mark"] = mark


def _special_theory_items(special: Special, value: str) -> None:
    items = words.whole_number(value)
    if items is not None:
        special.assessment["theory_items"] = items


def _special_theory_weights(special: Special, value: str) -> None:
    """``安全10%；操作90%`` → {安全: 10, 操作: 90}; a part that is not so is left out."""
    theory: dict[str, int] = {}
    for part in value.split("；"):
        match = re.match(r"^(.*?)(\d+)%$", part)
        if match:
            theory[match.group(1)] = words.digits(match.group(2))
    special.weights["theory"] = theory


def _special_region(special: Special, value: str) -> None:
    special.region = value


def _special_related(special: Special, value: str) -> None:
    special.related_occupations = value.split(layout.LIST_SEPARATOR)


def _special_venue(special: Special, value: str) -> None:
    special.assessment["venue"] = value


def _special_audience(special: Special, value: str) -> None:
    special.audience = value


def _special_eligibility(special: Special, value: str) -> None:
    """「（1）年满16周岁……（2）从事……」: each numbered condition, in order."""
    special.eligibility = [part for part in re.split(r"（\d+）", value) if part.strip()]


def _special_examiners(special: Special, value: str) -> None:
    special.examiners["text"] = value


def _special_per_panel(special: Special, value: str) -> None:
    count = words.whole_number(value)
    if count is not None:
        special.examiners["per_panel"] = count


#: A method's own line of 鉴定要求, by the label's suffix after the method's name.
_METHOD_LINES: tuple[tuple[str, Callable[[Special, str, str], None]], ...] = (
    ("考评人员与考生配比", _special_ratio),
    ("时间", _special_duration),
)
#: The other lines of 适用对象 and 鉴定要求, by their label.
_SPECIAL_LINES: dict[str, Callable[[Special, str], None]] = {
    "适用地区": _special_region,
    "相关职业": _special_related,
    layout.H_METHODS: _special_methods,
    layout.H_VENUE: _special_venue,
    layout.PASS_MARK_LABEL.removesuffix("："): _special_pass_mark,
    layout.THEORY_ITEMS_LABEL.removesuffix("："): _special_theory_items,
    "理论知识权重": _special_theory_weights,
    layout.SC_AUDIENCE: _special_audience,
    layout.SC_ELIGIBILITY: _special_eligibility,
    layout.SC_EXAMINERS: _special_examiners,
    layout.SC_PER_PANEL: _special_per_panel,
}
