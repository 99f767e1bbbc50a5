"""The requirement sections of a levelled document: 基本要求, 工作要求 per level (with an evaluation
spec's 评聘 conditions), 工种 and the 权重表 with their charts."""

from __future__ import annotations

from collections.abc import Sequence

from stdkit import blueprint, ladder
from stdkit.ladder import Level
from stdkit.model import EvaluationSpec
from stdkit.model.common import SECTION_TITLES, amount_text
from stdkit.model.standard import LevelledBody, WorkFunction, WorkType
from stdkit.site import chart
from stdkit.site.html import block, md_text, text
from stdkit.site.pages.pieces import (
    STACKED,
    dl,
    html_table,
    level_name,
    not_yet_written,
    notes_text,
    numbered_lines,
    scrolling,
    section,
)


def basics(doc: LevelledBody) -> str:
    if doc.basics is None:  # a draft that has not written its 基本要求 yet (DRF701)
        return not_yet_written()
    ethics = doc.basics.ethics
    parts = [
        "<h3>职业道德</h3><h4>职业道德基本知识</h4>",
        numbered_lines(ethics.knowledge, "2.1.1"),
        "<h4>职业守则</h4>",
        numbered_lines(ethics.code_of_conduct, "2.1.2"),
        "<h3>基础知识</h3>",
    ]
    for n, area in enumerate(doc.basics.knowledge, 1):
        parts.append(f"<h4>2.2.{n} {text(area.area)}</h4>")
        parts.append(numbered_lines(area.items, f"2.2.{n}"))
    if doc.basics.notes:
        parts.append(f'<p class="sk-notes">{notes_text(doc.basics.notes)}</p>')
    return "".join(parts)


def work_table(functions: Sequence[WorkFunction]) -> str:
    rows = []
    for i, function in enumerate(functions, 1):
        for j, content in enumerate(function.contents, 1):
            first = ""
            if j == 1:
                first = f'<td rowspan="{len(function.contents)}" class="sk-fn" data-label="职业功能"><span class="sk-num">{i}.</span> {text(function.function)}</td>'
            rows.append(
                f'<tr>{first}<td class="sk-wc" data-label="工作内容"><span class="sk-num">{i}.{j}</span> {text(content.name)}</td>'
                f'<td data-label="技能要求">{numbered_lines(content.skills, f"{i}.{j}")}</td>'
                f'<td data-label="相关知识要求">{numbered_lines(content.knowledge, f"{i}.{j}")}</td></tr>'
            )
    head = "".join(f"<th>{h}</th>" for h in ("职业功能", "工作内容", "技能要求", "相关知识要求"))
    return scrolling(
        f'<table class="sk-table sk-work {STACKED}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _appointment(doc: EvaluationSpec, level: Level) -> str:
    appointment = doc.appointment.for_level(level) if doc.appointment else None
    if appointment is None:
        return ""
    groups = blueprint.appointment_groups(doc.ref, level, appointment.criteria)
    blocks = []
    for group in groups:
        if group.rule == "all":
            rule = "须全部具备" if len(groups) > 1 or group.name else ""
        else:
            rule = f"具备其中 {group.required} 项"
        head = "，".join(x for x in (group.name or "", rule) if x)
        items = "".join(f"<li>{text(c.text)}</li>" for c in group.criteria)
        blocks.append((f"<p><strong>{text(head)}</strong></p>" if head else "") + f"<ol>{items}</ol>")
    facts = [
        ("聘期", text(f"{appointment.term_years} 年") if appointment.term_years else ""),
        ("名额", text(appointment.quota) if appointment.quota else ""),
    ]
    return (
        "<h4>评聘条件</h4>"
        + "".join(blocks)
        + dl(facts)
        + '<h4>评聘程序</h4><ol class="sk-steps">'
        + "".join(f"<li>{text(step)}</li>" for step in appointment.procedure)
        + "</ol>"
    )


def progression(doc: LevelledBody) -> str:
    """The 工作要求's opening sentence, from the document's own kind (本标准 / 本规范) and the levels it sets
    work for; empty where fewer than two levels have work (nothing progresses)."""
    levels = [
        level
        for level in doc.levels
        if doc.work.get(level) or any(level in work_type.work for work_type in doc.work_types)
    ]
    if len(levels) < 2:
        return ""
    names = [ladder.title(level) for level in levels]
    itself = "本规范" if isinstance(doc, EvaluationSpec) else "本标准"
    return (
        f"{itself}对{'、'.join(names[:-1])}和{names[-1]}的技能要求和相关知识要求依次递进，"
        "高级别涵盖低级别的要求。"
    )


def work(doc: LevelledBody) -> str:
    sentence = progression(doc)
    out = [block(f'<p class="sk-note">{text(sentence)}</p>')] if sentence else []
    for level in doc.levels:
        functions = doc.work.get(level)
        parts = []
        if functions:
            parts.append(work_table(functions))
        if isinstance(doc, EvaluationSpec):
            parts.append(_appointment(doc, level))
        if not parts:
            continue
        out.append(f"\n### {md_text(level_name(doc, level))}\n" + block(*parts))
    return "".join(out)


def weight_section(title: str, table: dict[Level, dict[str, int]], order: Sequence[Level]) -> str:
    levels = [level for level in order if level in table]
    if not levels:
        return ""
    labels: list[str] = []
    for level in levels:
        for key in table[level]:
            if key not in labels:
                labels.append(key)
    rows = [
        [text(SECTION_TITLES.get(key, key))] + [text(table[level].get(key, "—")) for level in levels]
        for key in labels
    ]
    rows.append(
        ["<strong>合计</strong>"] + [f"<strong>{sum(table[level].values())}</strong>" for level in levels]
    )
    table_html = html_table(
        ["项目"] + [ladder.title(level) + "（%）" for level in levels], rows, "sk-weights"
    )
    charts = "".join(
        '<figure class="sk-figure">'
        + chart.bars(
            f"{title} {ladder.title(level)}", [(SECTION_TITLES.get(k, k), v) for k, v in table[level].items()]
        )
        + f"<figcaption>{text(ladder.title(level))}</figcaption></figure>"
        for level in levels
    )
    return f'<h3>{text(title)}</h3>{table_html}<div class="sk-chart-grid">{charts}</div>'


def work_types(doc: LevelledBody) -> str:
    """工种: an overview of which levels each 工种 has of its own (side by side), then one section per
    工种 with its work, the eligibility where it differs, and its own weight tables and charts."""
    overview_rows = [
        [text(w.name), text(w.code or "—")]
        + [("本工种" if level in w.levels else "通用") for level in doc.levels]
        for w in doc.work_types
    ]
    overview = html_table(["工种", "工种编码"] + [ladder.title(level) for level in doc.levels], overview_rows)
    common = [ladder.title(level) for level in doc.levels if level not in doc.work_type_levels()]
    intro = (
        f"<p>本职业分为 {len(doc.work_types)} 个工种：{text('、'.join(w.name for w in doc.work_types))}。"
        + (f"{text('、'.join(common))}不分工种，其要求见上文“工作要求”。" if common else "")
        + "</p>"
    )
    return block(intro, overview) + "".join(_work_type(doc, w) for w in doc.work_types)


def _work_type(doc: LevelledBody, w: WorkType) -> str:
    """One 工种: its work per level, its eligibility where it differs, its hours and weight tables."""
    body = []
    for level in doc.levels:
        if level in w.work:
            body.append(f"<h4>{text(level_name(doc, level))}</h4>" + work_table(w.work[level]))
    for level in doc.levels:
        items = w.eligibility.get(level)
        if items:
            lis = "".join(f"<li>{text(item.text)}</li>" for item in items)
            body.append(
                f"<h4>申报条件 · {text(level_name(doc, level))}</h4>"
                f"<p>本工种具备以下条件之一者，可申报本等级：</p><ol>{lis}</ol>"
            )
    if w.training_hours:
        hours = "；".join(
            f"{ladder.title(k)} {amount_text(v, ' 标准学时')}" for k, v in w.training_hours.items()
        )
        body.append(f"<p>培训学时：{text(hours)}</p>")
    body.append(
        weight_section(f"理论知识权重表（{w.name}）", w.weights.theory, doc.levels)
        + weight_section(f"技能要求权重表（{w.name}）", w.weights.skill, doc.levels)
    )
    return section(f"{w.name}（{w.code}）" if w.code else w.name, *body, level=3)
