"""The sections of a special competency's page (专项职业能力考核规范): 考核内容 per module, 考核要求
and the 权重表 with their charts."""

from __future__ import annotations

from stdkit.model import SpecialCompetency
from stdkit.model.common import METHOD_NAMES, amount_text
from stdkit.site import chart
from stdkit.site.html import text
from stdkit.site.pages.assessment import pass_marks
from stdkit.site.pages.pieces import STACKED, dl, html_table, numbered_lines, scrolling


def units(doc: SpecialCompetency) -> str:
    """考核内容: a row per 考核模块 with its skill and knowledge lines."""
    rows = []
    for i, unit in enumerate(doc.units, 1):
        rows.append(
            f'<tr><td class="sk-fn" data-label="考核模块"><span class="sk-num">{i}.</span> {text(unit.name)}</td>'
            f'<td data-label="技能要求">{numbered_lines(unit.skills, str(i))}</td>'
            f'<td data-label="相关知识要求">{numbered_lines(unit.knowledge, str(i))}</td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("考核模块", "技能要求", "相关知识要求"))
    return scrolling(
        f'<table class="sk-table sk-work {STACKED}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def requirements(doc: SpecialCompetency) -> str:
    """考核要求: methods, pass mark, ratios, durations and venue, as the fields give them."""
    a = doc.assessment
    return dl(
        [
            ("考核方式", text("、".join(METHOD_NAMES[m] for m in a.methods))),
            ("合格分数线", text(pass_marks(a.pass_mark))),
            ("考评人员与考生配比", text("；".join(f"{METHOD_NAMES[m]} 1:{n}" for m, n in a.ratios.items()))),
            (
                "考核时间",
                text(
                    "；".join(f"{METHOD_NAMES[m]} {amount_text(n, ' 分钟')}" for m, n in a.durations.items())
                ),
            ),
            ("考核场所设备", text(a.venue or "")),
            ("适用对象", text(doc.audience or "")),
            ("申报条件", text("；".join(doc.eligibility))),
            ("考评员构成", text(doc.examiners.text) if doc.examiners else ""),
        ]
    )


def weights(doc: SpecialCompetency) -> list[str]:
    """技能考核权重 and 理论知识权重: a table and a chart each (nothing for an empty table)."""
    out = []
    for title, table in (("技能考核权重", doc.weights.skill), ("理论知识权重", doc.weights.theory or {})):
        if table:
            out.append(f"<h3>{text(title)}</h3>")
            out.append(html_table(["考核模块", "权重（%）"], [[text(k), text(v)] for k, v in table.items()]))
            out.append('<figure class="sk-figure">' + chart.bars(title, list(table.items())) + "</figure>")
    return out
