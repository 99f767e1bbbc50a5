"""Drafts: what a document leaves out or marks provisional (暂定), and what that costs it.

Why: a standard is transcribed and negotiated over months. A draft (or one out for consultation)
may leave out its 权重表, 职业概况 or 基本要求, write only the levels it has so far, or mark
sections ``provisional``; it gets warnings, so the author sees what remains without drowning in
errors, and its blueprints are withheld (or, in a ``--drafts`` preview, labelled provisional). Once
the document is approved, each of these is an error: nothing provisional may be examined.

What a document leaves out is a fact of the model (:meth:`stdkit.model.Header.unfinished`), so the
publisher and the site read the same answer these rules report. This module never changes a
document and never decides what is published.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from stdkit.collection import AnyEntry
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.model.common import FINAL, SECTION_NAMES, Status

R_MISSING_DRAFT = rule(
    "DRF701",
    "drafts",
    Severity.WARNING,
    "A draft leaves out a section that an approved document must have.",
    "Write the section before the document is approved; until then its blueprints are not published.",
    bad="status: draft\n# no weights:",
    good="status: draft\nweights:\n  theory:\n    L5: {ethics: 5, basics: 25, 电气安装: 70}",
    detail="The {status} leaves out `{section}` ({name}).",
    zh=Wording(
        "草案缺少批准后必须具备的部分。",
        "请在文件批准前补写该部分；补写之前，本文件的考试蓝图不予发布。",
        "本{status_zh}缺少 `{section}`（{name}）。",
    ),
)
R_MISSING_FINAL = rule(
    "DRF702",
    "drafts",
    Severity.ERROR,
    "An approved or published document leaves out a section it must have.",
    "Write the section, or set `status: draft` until it is written.",
    bad="status: published\n# no weights:",
    good="status: published\nweights:\n  theory:\n    L5: {ethics: 5, basics: 25, 电气安装: 70}",
    detail="The document is {status} but has no `{section}` ({name}).",
    zh=Wording(
        "已批准或已发布的文件缺少必须具备的部分。",
        "请补写该部分；尚未写完的，请将 `status` 改回 draft。",
        "文件状态为 {status}，却没有 `{section}`（{name}）。",
    ),
)
R_PROVISIONAL_FINAL = rule(
    "DRF703",
    "drafts",
    Severity.ERROR,
    "An approved or published document still marks a section provisional (暂定).",
    "Settle the section and remove it from `provisional`, or set `status: draft`.",
    bad="status: published\nprovisional: [weights]",
    good="status: published",
    detail="`{section}` ({name}) is marked provisional, and the document is {status}.",
    zh=Wording(
        "已批准或已发布的文件仍把某部分标为暂定。",
        "请定稿该部分并将其从 `provisional` 中删去，或将 `status` 改回 draft。",
        "`{section}`（{name}）标为暂定，而文件状态为 {status}。",
    ),
)
R_PROVISIONAL_DRAFT = rule(
    "DRF704",
    "drafts",
    Severity.INFO,
    "A draft marks a section provisional (暂定): its blueprints are withheld.",
    "Remove the section from `provisional` once its values are settled.",
    bad="status: draft\nprovisional: [weights]",
    good="status: draft",
    detail="`{section}` ({name}) is provisional: it is labelled 暂定 in previews and no blueprint is published.",
    zh=Wording(
        "草案将某部分标为暂定：其考试蓝图暂不发布。",
        "该部分定稿后，请将其从 `provisional` 中删去。",
        "`{section}`（{name}）为暂定内容：预览中标为「暂定」，不发布考试蓝图。",
    ),
)
R_PROVISIONAL_REPEATED = rule(
    "DRF705",
    "drafts",
    Severity.WARNING,
    "A section is listed twice in `provisional`.",
    "Delete the second entry.",
    bad="provisional: [weights, weights]",
    good="provisional: [weights]",
    detail="`{section}` is already listed in `provisional`.",
    zh=Wording(
        "`provisional` 中同一部分列了两次。", "请删去重复的一项。", "`{section}` 已列在 `provisional` 中。"
    ),
)

#: Rules of other families whose findings, in a draft, report something not written yet rather than
#: something wrong (a gap in the levels transcribed so far, a level, or a 工种's level, without its work or
#: weights yet: WTY906 is graded like common work missing).
RELAXED_IN_DRAFTS = frozenset({"LAD201", "LAD207", "LAD208", "WGT405", "WTY906"})

_STATUS_ZH = {Status.DRAFT: "草案", Status.CONSULTATION: "征求意见稿"}
_STATUS_EN = {Status.DRAFT: "draft", Status.CONSULTATION: "consultation draft"}


def is_draft(status: Status) -> bool:
    """A document still being written: draft or out for consultation."""
    return status not in FINAL


def relaxed(entry: AnyEntry, diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """``diagnostics`` with the findings of :data:`RELAXED_IN_DRAFTS` lowered to warnings in a draft.

    The collection's own severity for a code still wins (the pipeline applies it afterwards).
    """
    draft = is_draft(entry.document.status)
    for diagnostic in diagnostics:
        if draft and diagnostic.code in RELAXED_IN_DRAFTS and diagnostic.severity is Severity.ERROR:
            yield diagnostic.with_severity(Severity.WARNING)
        else:
            yield diagnostic


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = entry.document
    status = document.status
    draft = is_draft(status)
    provisional = [str(section) for section in document.provisional]
    for gap in document.gaps():
        values = {"section": gap.section, "name": gap.name, "status": status.value}
        if draft:
            values |= {"status": _STATUS_EN[status], "status_zh": _STATUS_ZH[status]}
        yield entry.finding(gap.where, R_MISSING_DRAFT if draft else R_MISSING_FINAL, values, key=gap.key)
    seen: set[str] = set()
    for index, section in enumerate(provisional):
        if section in seen:
            yield entry.at(("provisional", index), R_PROVISIONAL_REPEATED, section=section)
            continue
        seen.add(section)
        found = R_PROVISIONAL_DRAFT if draft else R_PROVISIONAL_FINAL
        yield entry.at(
            ("provisional", index),
            found,
            section=section,
            name=SECTION_NAMES.get(section, section),
            status=status.value,
        )
