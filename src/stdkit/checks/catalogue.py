"""Catalogue (衔接): documents against the 职业分类大典 2022 and the 国家职业资格目录.

Why: a skill level certificate must not be mistaken for a 准入类 licence, so a document whose
occupation is in the 国家职业资格目录 declares how it links to that qualification; and a document
filed under a 2015 code or a wrong name cannot be found by candidates searching the 2022 大典.
This module only reads ``collection.reference``; it never edits a document or the reference data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from stdkit.catalogue import ReferenceData
from stdkit.collection import Collection, Entry, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.model.common import CLASSIFICATION_EDITIONS

CODE = ("occupation", "code")
NAME = ("occupation", "name")

R_LICENCE_UNLINKED = rule(
    "CAT601",
    "catalogue",
    Severity.ERROR,
    "The occupation is in the 国家职业资格目录 as a 准入类 licence, and the document does not say how it links to it.",
    "Add `qualification: {item: <catalogue item>, relation: licence-required}`: the licence is still needed to practise.",
    bad="occupation:\n  code: 6-18-02-04\n  name: 焊工",
    good="qualification:\n  item: 特种作业人员\n  relation: licence-required\noccupation:\n  code: 6-18-02-04\n  name: 焊工",
)
R_EVALUATION_UNLINKED = rule(
    "CAT602",
    "catalogue",
    Severity.WARNING,
    "The occupation is in the 国家职业资格目录 (水平评价类), and the document does not say how it links to it.",
    "Add `qualification: {item: <catalogue item>, relation: evaluation-basis}` (or licence-required).",
    bad="occupation:\n  code: 4-14-02-01\n  name: 营养师",
    good="qualification:\n  item: <catalogue item>\n  relation: evaluation-basis",
)
R_UNKNOWN_ITEM = rule(
    "CAT603",
    "catalogue",
    Severity.ERROR,
    "`qualification.item` names no item of the 国家职业资格目录.",
    "Write the item's name or id exactly as in the catalogue (e.g. 特种作业人员), or remove `qualification:`.",
    bad="qualification:\n  item: 特种作业证\n  relation: licence-required",
    good="qualification:\n  item: 特种作业人员\n  relation: licence-required",
)
R_UNKNOWN_CODE = rule(
    "CAT604",
    "catalogue",
    Severity.ERROR,
    "The occupation code is neither a 职业分类大典 (2022) code nor a known earlier one.",
    "Use the occupation's code from the 职业分类大典 (2022), X-XX-XX-XX.",
    bad="occupation:\n  code: 6-99-99-99\n  name: 电工",
    good="occupation:\n  code: 6-31-01-03\n  name: 电工",
)
R_LEGACY_CODE = rule(
    "CAT605",
    "catalogue",
    Severity.WARNING,
    "The occupation code is of an earlier (2015) edition of the 大典.",
    "Use the 2022 code named in the message; keep the old code in `notes:` if the printed standard shows it.",
    bad="occupation:\n  code: 4-02-07-10\n  name: 网约配送员",
    good="occupation:\n  code: 4-10-08-01\n  name: 网约配送员",
)
R_NAME_MISMATCH = rule(
    "CAT606",
    "catalogue",
    Severity.WARNING,
    "The occupation name is not the 大典's name for that code.",
    "Write the 大典 name for the code, or correct the code (the message suggests one where it can).",
    bad="occupation:\n  code: 6-31-01-03\n  name: 焊工",
    good="occupation:\n  code: 6-31-01-03\n  name: 电工",
)
R_RENAMED = rule(
    "CAT607",
    "catalogue",
    Severity.INFO,
    "The occupation name is an earlier name of the occupation (renamed in the 2022 大典).",
    "Nothing is wrong if the printed standard uses the earlier name; the 2022 name is given for searches.",
    bad="occupation:\n  code: 4-14-02-01\n  name: 公共营养师",
    good="occupation:\n  code: 4-14-02-01\n  name: 营养师",
)
R_RELATED_UNKNOWN = rule(
    "CAT608",
    "catalogue",
    Severity.ERROR,
    "A special competency's related occupation is not a 职业分类大典 code.",
    "Use the 2022 code of an existing occupation in `related_occupations`, or remove it.",
    bad="related_occupations: [6-99-99-99]",
    good="related_occupations: [6-31-01-03]",
)


def check(collection: Collection) -> Iterator[Diagnostic]:
    reference = collection.reference
    for entry in collection.entries:
        yield from _qualification_item(entry, reference)
        body = levelled(entry.document)
        if body is not None:
            yield from _occupation(entry, reference, body.occupation.code, body.occupation.name)
            continue
        competency = special(entry.document)
        if competency is not None:
            for index, code in enumerate(competency.related_occupations):
                if reference.resolve(_base(code), None).status == "unknown":
                    yield entry.at(
                        ("related_occupations", index),
                        R_RELATED_UNKNOWN,
                        f"{code} is not in the 职业分类大典 ({reference.occupations_edition.edition}). "
                        f"{R_RELATED_UNKNOWN.fix}",
                    )


def _base(code: str) -> str:
    """A 工种 code (6-30-05-01-014) is checked through its occupation (6-30-05-01)."""
    return code.strip()[:10]


def _qualification_item(entry: Entry, reference: ReferenceData) -> Iterator[Diagnostic]:
    link = entry.document.qualification
    if link is not None and reference.qualification(link.item) is None:
        yield entry.at(
            ("qualification", "item"),
            R_UNKNOWN_ITEM,
            f"「{link.item}」 is not an item of the 国家职业资格目录 ({reference.catalogue_edition.edition}). "
            f"{R_UNKNOWN_ITEM.fix}",
        )


def _occupation(entry: Entry, reference: ReferenceData, code: str, name: str) -> Iterator[Diagnostic]:
    resolution = reference.resolve(_base(code), name)
    edition = reference.occupations_edition.edition
    hedge = "" if resolution.verified else " (not verified in the reference data: check it)"
    if resolution.status == "unknown":
        hint = f" {resolution.successor} is the code of 「{name}」." if resolution.successor else ""
        yield entry.at(
            CODE, R_UNKNOWN_CODE, f"{code} is not in the 职业分类大典 ({edition}).{hint} {R_UNKNOWN_CODE.fix}"
        )
    elif resolution.status == "legacy":
        if resolution.successor:
            instead = f"its {edition} code is {resolution.successor} 「{resolution.expected_name}」{hedge}"
        else:
            instead = f"the {edition} 大典 has no direct successor; choose the occupation that fits"
        finding = entry.at(
            CODE, R_LEGACY_CODE, f"{code} 「{name}」 is an earlier 大典 code: {instead}. {R_LEGACY_CODE.fix}"
        )
        # Front matter (issue #23): a document that declares the earlier edition it was written against is
        # right to print that edition's code; it is told the current one, as information.
        declared = entry.document.classification_edition
        if declared in CLASSIFICATION_EDITIONS and declared != edition:
            finding = dataclasses.replace(
                finding,
                message=f"{code} 「{name}」 is a code of the declared 大典 ({declared}); "
                + (
                    f"its {edition} code is {resolution.successor} 「{resolution.expected_name}」{hedge}"
                    if resolution.successor
                    else f"the {edition} 大典 has no direct successor"
                )
                + ". Nothing to change while the document follows that edition.",
                severity=Severity.INFO,
            )
        yield finding
    elif resolution.status == "name-mismatch":
        hint = f", and 「{name}」 is {resolution.successor}" if resolution.successor else ""
        yield entry.at(
            NAME,
            R_NAME_MISMATCH,
            f"The 大典 ({edition}) names {code} 「{resolution.expected_name}」, not 「{name}」{hint}. {R_NAME_MISMATCH.fix}",
        )
    elif resolution.status == "renamed":
        yield entry.at(
            NAME,
            R_RENAMED,
            f"「{name}」 is the earlier name of {code}; the 大典 ({edition}) name is 「{resolution.expected_name}」{hedge}. "
            f"{R_RENAMED.fix}",
        )
    if entry.document.qualification is not None:
        return
    items = reference.qualifications_for(_base(code), name)
    if not items:
        return
    licences = [item for item in items if item.licensing]
    names = "、".join(
        item.name if licences else f"{item.name} ({item.category})" for item in (licences or items)
    )
    if licences:
        yield entry.at(
            CODE,
            R_LICENCE_UNLINKED,
            f"{code} 「{name}」 is covered by the 准入类 qualification {names}. {R_LICENCE_UNLINKED.fix}",
        )
    else:
        yield entry.at(
            CODE,
            R_EVALUATION_UNLINKED,
            f"{code} 「{name}」 is in the 国家职业资格目录 as {names}. {R_EVALUATION_UNLINKED.fix}",
        )
