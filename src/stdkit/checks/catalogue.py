"""Catalogue (衔接): documents against the 职业分类大典 (current state) and the 国家职业资格目录.

Why: a skill level certificate must not be mistaken for a 准入类 licence, so a document whose
occupation is in the 国家职业资格目录 declares how it links to that qualification; and a document
filed under a 2015 code or a wrong name cannot be found by candidates searching the 大典.
Every rule uses the current state of the 大典 (``collection.reference.basis``: the 2022 edition and its later
releases); an occupation still under public notice counts only where the collection declares it pending.
This module only reads ``collection.reference``; it never edits a document or the reference data.
Each rule's message is built in one function (``_message_*``), so that the wording has one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from stdkit.collection import Collection, Entry, levelled, special
from stdkit.config import Config, Pending
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.load import display_path
from stdkit.reference import Occupation, Qualification, ReferenceData, Resolution

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
    "The occupation code is neither a current 职业分类大典 code nor a known earlier one.",
    "Use the occupation's code from the 职业分类大典 (the message lists the closest), or declare an occupation "
    "under public notice in `[[stdkit.reference.pending]]`.",
    bad="occupation:\n  code: 6-99-99-99\n  name: 电工",
    good="occupation:\n  code: 6-31-01-03\n  name: 电工",
)
R_LEGACY_CODE = rule(
    "CAT605",
    "catalogue",
    Severity.WARNING,
    "The occupation code is of an earlier (2015) edition of the 大典.",
    "Use the 2022 code named in the message; where the printed standard shows the old code, keep it and add "
    "`# stdkit: ignore CAT605 <reason>` on its line.",
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
    "The occupation name is an earlier name of the occupation (renamed in the 2022 大典 or a later release).",
    "Nothing is wrong if the printed standard uses the earlier name; the current name is given for searches.",
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
# These two are about the collection's `[[stdkit.reference.pending]]` declarations. Their family is "pending",
# not "catalogue": a case for them needs a stdkit.toml, which the collection-case corpus does not read.
R_PENDING = rule(
    "CAT609",
    "pending",
    Severity.INFO,
    "The occupation is not published yet: the collection declares it pending (under public notice, 公示).",
    "Nothing to do while the notice runs; when the release publishes the occupation, remove the declaration "
    "from stdkit.toml and re-check.",
    bad="occupation:\n  code: 4-04-05-99\n  name: 具身智能训练员",
    good='[[stdkit.reference.pending]]\ncode = "4-04-05-99"\nname = "具身智能训练员"\nsource = "新职业公示"\ndate = 2026-05-20',
)
R_PENDING_PUBLISHED = rule(
    "CAT610",
    "pending",
    Severity.WARNING,
    "An occupation declared pending in stdkit.toml is already published in the 大典.",
    "Remove the `[[stdkit.reference.pending]]` entry: the published occupation is used from now on.",
    bad='[[stdkit.reference.pending]]\ncode = "4-04-05-13"\nname = "生成式人工智能系统应用员"',
    good="# no pending declaration for a published occupation",
)


def check(collection: Collection) -> Iterator[Diagnostic]:
    reference = collection.reference
    yield from _published_pending(collection.config, reference)
    for entry in collection.entries:
        yield from _qualification_item(entry, reference)
        body = levelled(entry.document)
        if body is not None:
            yield from _occupation(entry, reference, body.occupation.code, body.occupation.name)
            continue
        competency = special(entry.document)
        if competency is not None:
            for index, code in enumerate(competency.related_occupations):
                status = reference.resolve(_base(code), None).status
                if status == "unknown":
                    yield entry.at(
                        ("related_occupations", index), R_RELATED_UNKNOWN, _message_related(reference, code)
                    )


def _base(code: str) -> str:
    """A 工种 code (6-30-05-01-014) is checked through its occupation (6-30-05-01)."""
    return code.strip()[:10]


def _named(occupations: Iterable[Occupation]) -> str:
    return "、".join(f"{o.code} 「{o.name}」" for o in occupations)


# ---- messages: one function per rule


def _message_related(reference: ReferenceData, code: str) -> str:
    return f"{code} is not in the 职业分类大典 ({reference.basis}). {R_RELATED_UNKNOWN.fix}"


def _message_unknown_item(reference: ReferenceData, item: str) -> str:
    return (
        f"「{item}」 is not an item of the 国家职业资格目录 ({reference.catalogue_edition.edition}). "
        f"{R_UNKNOWN_ITEM.fix}"
    )


def _message_unknown_code(reference: ReferenceData, code: str, name: str, resolution: Resolution) -> str:
    if resolution.successor:
        hint = f" {resolution.successor} is the code of 「{name}」."
    else:
        close = reference.suggest(_base(code), name)
        hint = f" Closest: {_named(close)}." if close else ""
    return f"{code} is not in the 职业分类大典 ({reference.basis}).{hint} {R_UNKNOWN_CODE.fix}"


def _message_legacy(reference: ReferenceData, code: str, name: str, resolution: Resolution) -> str:
    edition = reference.occupations_edition.edition
    hedge = "" if resolution.verified else f" ({_UNVERIFIED_NOTE})"
    if resolution.successor:
        return (
            f"{code} 「{name}」 is an earlier 大典 code: its {edition} code is {resolution.successor} "
            f"「{resolution.expected_name}」{hedge}. {R_LEGACY_CODE.fix}"
        )
    legacy = resolution.legacy
    named = [o for c in (legacy.candidates if legacy else ()) if (o := reference.occupation(c)) is not None]
    if named:
        choose = f"its neighbours {_named(named)} are the candidates"
    else:
        siblings = reference.same_minor(code)
        choose = (
            f"choose among the occupations of its 小类: {_named(siblings)}"
            if siblings
            else "choose the occupation that fits"
        )
    return (
        f"{code} 「{name}」 is an earlier 大典 code with no successor in the {edition} 大典; {choose}. "
        f"Use one of them, or keep the printed code with `# stdkit: ignore CAT605 <reason>` on its line."
    )


def _message_name_mismatch(reference: ReferenceData, code: str, name: str, resolution: Resolution) -> str:
    hint = f", and 「{name}」 is {resolution.successor}" if resolution.successor else ""
    return (
        f"The 大典 ({reference.basis}) names {code} 「{resolution.expected_name}」, not 「{name}」{hint}. "
        f"{R_NAME_MISMATCH.fix}"
    )


def _message_renamed(reference: ReferenceData, code: str, name: str, resolution: Resolution) -> str:
    hedge = "" if resolution.verified else f" ({_UNVERIFIED_NOTE})"
    rename = resolution.rename
    release = reference.release(rename.release) if rename and rename.release else None
    # a 2022 rename keeps its short wording; a later one names the state that carries the new name
    where = reference.occupations_edition.edition if release is None else f"current: {reference.basis}"
    return (
        f"「{name}」 is the earlier name of {code}; the 大典 ({where}) name is 「{resolution.expected_name}」{hedge}. "
        f"{R_RENAMED.fix}"
    )


def _message_pending(code: str, name: str, pending: Pending) -> str:
    return (
        f"{code} 「{name}」 is not in the 大典 yet: the collection declares 「{pending.name}」 pending "
        f"({pending.source}, {pending.date.isoformat()}). {R_PENDING.fix}"
    )


def _message_pending_published(reference: ReferenceData, pending: Pending, occupation: Occupation) -> str:
    return (
        f"{pending.code} is published as 「{occupation.name}」 in the 大典 ({reference.basis}); "
        f"the pending declaration 「{pending.name}」 ({pending.source}) is no longer needed. {R_PENDING_PUBLISHED.fix}"
    )


def _item_label(item: Qualification, *, with_category: bool) -> str:
    return f"{item.display_name} ({item.category_label})" if with_category else item.display_name


def _message_licence(code: str, name: str, items: list[Qualification]) -> str:
    names = "、".join(_item_label(item, with_category=False) for item in items)
    return f"{code} 「{name}」 is covered by the 准入类 qualification {names}. {R_LICENCE_UNLINKED.fix}"


def _message_evaluation(code: str, name: str, items: Iterable[Qualification]) -> str:
    names = "、".join(_item_label(item, with_category=True) for item in items)
    return f"{code} 「{name}」 is in the 国家职业资格目录 as {names}. {R_EVALUATION_UNLINKED.fix}"


_UNVERIFIED_NOTE = "未核实: not verified in the reference data, check it"


# ---- the rules


def _published_pending(config: Config, reference: ReferenceData) -> Iterator[Diagnostic]:
    if not config.pending:
        return
    source = config.source
    path = display_path(source, config.root) if source is not None else "stdkit.toml"
    lines = _toml_lines(source)
    for pending in config.pending:
        occupation = reference.occupation(_base(pending.code))
        if occupation is None:
            continue
        line, col = _declaration_at(lines, pending.code)
        yield Diagnostic(
            path,
            line,
            col,
            R_PENDING_PUBLISHED.code,
            _message_pending_published(reference, pending, occupation),
            R_PENDING_PUBLISHED.severity,
        )


def _toml_lines(source: Path | None) -> list[str]:
    """The lines of stdkit.toml, only to locate a declaration (never quoted); none if it cannot be read."""
    if source is None:
        return []
    try:
        return source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _declaration_at(lines: list[str], code: str) -> tuple[int, int]:
    """Line and column of ``code = "<code>"`` in stdkit.toml; 1:1 when it cannot be found."""
    for number, text in enumerate(lines, 1):
        stripped = text.lstrip()
        if stripped.startswith("code") and f'"{code}"' in stripped:
            return number, len(text) - len(stripped) + 1
    return 1, 1


def _qualification_item(entry: Entry, reference: ReferenceData) -> Iterator[Diagnostic]:
    link = entry.document.qualification
    if link is not None and reference.qualification(link.item) is None:
        yield entry.at(("qualification", "item"), R_UNKNOWN_ITEM, _message_unknown_item(reference, link.item))


def _occupation(entry: Entry, reference: ReferenceData, code: str, name: str) -> Iterator[Diagnostic]:
    resolution = reference.resolve(_base(code), name)
    if resolution.status == "unknown":
        yield entry.at(CODE, R_UNKNOWN_CODE, _message_unknown_code(reference, code, name, resolution))
    elif resolution.status == "pending" and resolution.pending is not None:
        yield entry.at(CODE, R_PENDING, _message_pending(code, name, resolution.pending))
    elif resolution.status == "legacy":
        yield entry.at(CODE, R_LEGACY_CODE, _message_legacy(reference, code, name, resolution))
    elif resolution.status == "name-mismatch":
        yield entry.at(NAME, R_NAME_MISMATCH, _message_name_mismatch(reference, code, name, resolution))
    elif resolution.status == "renamed":
        yield entry.at(NAME, R_RENAMED, _message_renamed(reference, code, name, resolution))
    if entry.document.qualification is not None:
        return
    items = reference.qualifications_for(_base(code), name)
    if not items:
        return
    licences = [item for item in items if item.licensing]
    if licences:
        yield entry.at(CODE, R_LICENCE_UNLINKED, _message_licence(code, name, licences))
    else:
        yield entry.at(CODE, R_EVALUATION_UNLINKED, _message_evaluation(code, name, items))
