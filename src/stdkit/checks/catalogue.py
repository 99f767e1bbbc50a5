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

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.collection import AnyEntry, Collection, levelled, special
from stdkit.config import Config, Pending
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.load import Path_, display_path
from stdkit.model.common import CLASSIFICATION_EDITIONS

if TYPE_CHECKING:  # the reference data is read (and its module imported) when the rules first ask for it
    from stdkit.reference import Occupation, Qualification, ReferenceData, Resolution

CODE = ("occupation", "code")
NAME = ("occupation", "name")

R_LICENCE_UNLINKED = rule(
    "CAT601",
    "catalogue",
    Severity.ERROR,
    "The occupation is in the 国家职业资格目录 as a 准入类 licence, and the document does not say how it links to it.",
    "Add `qualification: {item: <catalogue item>, relation: licence-required}`: the licence is still needed to practise.",
    detail="{code} 「{name}」 is covered by the 准入类 qualification {items}.",
    zh=Wording(
        "该职业属于国家职业资格目录中的准入类资格，而文件没有说明与之如何衔接。",
        "请加入 `qualification: {item: <目录条目>, relation: licence-required}`：从业仍须取得该准入类资格。",
        "{code} 「{name}」属于准入类资格 {items_zh}。",
    ),
    bad="occupation:\n  code: 6-18-02-04\n  name: 焊工",
    good="qualification:\n  item: 特种作业人员\n  relation: licence-required\noccupation:\n  code: 6-18-02-04\n  name: 焊工",
)
R_EVALUATION_UNLINKED = rule(
    "CAT602",
    "catalogue",
    Severity.WARNING,
    "The occupation is in the 国家职业资格目录 (水平评价类), and the document does not say how it links to it.",
    "Add `qualification: {item: <catalogue item>, relation: evaluation-basis}` (or licence-required).",
    detail="{code} 「{name}」 is in the 国家职业资格目录 as {items}.",
    zh=Wording(
        "该职业属于国家职业资格目录（水平评价类），而文件没有说明与之如何衔接。",
        "请加入 `qualification: {item: <目录条目>, relation: evaluation-basis}`（或 licence-required）。",
        "{code} 「{name}」在国家职业资格目录中属于 {items_zh}。",
    ),
    bad="occupation:\n  code: 4-14-02-01\n  name: 营养师",
    good="qualification:\n  item: <catalogue item>\n  relation: evaluation-basis",
)
R_UNKNOWN_ITEM = rule(
    "CAT603",
    "catalogue",
    Severity.ERROR,
    "`qualification.item` names no item of the 国家职业资格目录.",
    "Write the item's name or id exactly as in the catalogue (e.g. 特种作业人员), or remove `qualification:`.",
    detail="「{item}」 is not an item of the 国家职业资格目录 ({edition}).",
    zh=Wording(
        "`qualification.item` 不是国家职业资格目录中的条目。",
        "请按目录原文写条目名称或编号（如 特种作业人员），或删除 `qualification:`。",
        "「{item}」不是国家职业资格目录（{edition}）中的条目。",
    ),
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
    detail="{code} is not in {basis}.{hint}",
    zh=Wording(
        "职业编码既不是现行职业分类大典的编码，也不是已知的旧编码。",
        "请使用职业分类大典中的职业编码（提示中列出了最接近的几个），或在 `[[stdkit.reference.pending]]` 中声明正在公示的新职业。",
        "{code} 不在{basis}中。{hint_zh}",
    ),
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
    detail={
        "successor": "{code} 「{name}」 is an earlier 大典 code: its {edition} code is {successor} 「{successor_name}」{hedge}.",
        "none": "{code} 「{name}」 is an earlier 大典 code with no successor in the {edition} 大典; {choose}. "
        "Use one of them, or keep the printed code with `# stdkit: ignore CAT605 <reason>` on its line.",
        "declared": "{code} 「{name}」 is a code of the declared 大典 ({declared}); {instead}. "
        "Nothing to change while the document follows that edition.",
    },
    zh=Wording(
        "职业编码是职业分类大典旧版（2015年版）的编码。",
        "请使用提示中的 2022 年版编码；印制的标准使用旧编码时，可保留旧编码并在该行加 `# stdkit: ignore CAT605 <理由>`。",
        {
            "successor": "{code} 「{name}」是大典旧版编码：其 {edition} 年版编码为 {successor} 「{successor_name}」{hedge_zh}。",
            "none": "{code} 「{name}」是大典旧版编码，{edition} 年版大典中没有直接对应的职业；{choose_zh}。"
            "请从中选用，或保留印制的编码并在该行加 `# stdkit: ignore CAT605 <理由>`。",
            "declared": "{code} 「{name}」是文件所依据的大典（{declared}年版）中的编码；{instead_zh}。"
            "文件沿用该版大典期间无须修改。",
        },
    ),
    fix_in_detail=frozenset({"declared"}),
    bad="occupation:\n  code: 4-02-07-10\n  name: 网约配送员",
    good="occupation:\n  code: 4-10-08-01\n  name: 网约配送员",
)
R_NAME_MISMATCH = rule(
    "CAT606",
    "catalogue",
    Severity.WARNING,
    "The occupation name is not the 大典's name for that code.",
    "Write the 大典 name for the code, or correct the code (the message suggests one where it can).",
    detail="{basis} names {code} 「{expected}」, not 「{name}」{hint}.",
    zh=Wording(
        "职业名称与大典中该编码的名称不一致。",
        "请写大典中该编码的名称，或更正编码（能推断时提示会给出）。",
        "{basis}中 {code} 的名称是「{expected}」，不是「{name}」{hint_zh}。",
    ),
    bad="occupation:\n  code: 6-31-01-03\n  name: 焊工",
    good="occupation:\n  code: 6-31-01-03\n  name: 电工",
)
R_RENAMED = rule(
    "CAT607",
    "catalogue",
    Severity.INFO,
    "The occupation name is an earlier name of the occupation (renamed in the 2022 大典 or a later release).",
    "Nothing is wrong if the printed standard uses the earlier name; the current name is given for searches.",
    detail="「{name}」 is the earlier name of {code}; the 大典 ({where}) name is 「{expected}」{hedge}.",
    zh=Wording(
        "职业名称是该职业的曾用名（2022 年版大典或其后发布时更名）。",
        "印制的标准使用曾用名并无错误；给出现名是为了便于检索。",
        "「{name}」是 {code} 的曾用名；大典（{where_zh}）中的名称是「{expected}」{hedge_zh}。",
    ),
    bad="occupation:\n  code: 4-14-02-01\n  name: 公共营养师",
    good="occupation:\n  code: 4-14-02-01\n  name: 营养师",
)
R_RELATED_UNKNOWN = rule(
    "CAT608",
    "catalogue",
    Severity.ERROR,
    "A special competency's related occupation is not a 职业分类大典 code.",
    "Use the 2022 code of an existing occupation in `related_occupations`, or remove it.",
    detail="{code} is not in {basis}.",
    zh=Wording(
        "专项职业能力的相关职业不是职业分类大典中的编码。",
        "请在 `related_occupations` 中使用现有职业的 2022 年版编码，或删除该项。",
        "{code} 不在{basis}中。",
    ),
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
    detail="{code} 「{name}」 is not in the 大典 yet: the collection declares 「{pending}」 pending ({source}, {date}).",
    zh=Wording(
        "该职业尚未发布：本文件库把它声明为正在公示的新职业。",
        "公示期间无须处理；新职业正式发布后，请从 stdkit.toml 删除该声明并重新检查。",
        "{code} 「{name}」尚未列入大典：本文件库声明「{pending}」正在公示（{source}，{date}）。",
    ),
    bad="occupation:\n  code: 4-04-05-99\n  name: 具身智能训练员",
    good='[[stdkit.reference.pending]]\ncode = "4-04-05-99"\nname = "具身智能训练员"\nsource = "新职业公示"\ndate = 2026-05-20',
)
R_PENDING_PUBLISHED = rule(
    "CAT610",
    "pending",
    Severity.WARNING,
    "An occupation declared pending in stdkit.toml is already published in the 大典.",
    "Remove the `[[stdkit.reference.pending]]` entry: the published occupation is used from now on.",
    detail="{code} is published as 「{published}」 in {basis}; the pending declaration 「{pending}」 ({source}) is no longer needed.",
    zh=Wording(
        "stdkit.toml 中声明为公示中的职业已在大典中发布。",
        "请删除该 `[[stdkit.reference.pending]]` 条目：此后使用已发布的职业。",
        "{code} 已在{basis}中以「{published}」发布；「{pending}」的公示声明（{source}）已不再需要。",
    ),
    bad='[[stdkit.reference.pending]]\ncode = "4-04-05-13"\nname = "生成式人工智能系统应用员"',
    good="# no pending declaration for a published occupation",
)


def check(collection: Collection) -> Iterator[Diagnostic]:
    reference = collection.reference
    yield from _published_pending(collection.config, reference)
    for entry in collection.entries:
        yield from _qualification_item(entry, reference)
        body = levelled(entry.document)
        if body is not None and body.occupation is not None:
            yield from _occupation(entry, reference, body.occupation.code, body.occupation.name)
            continue
        if body is not None:  # a rule across occupations: each code it lists (nothing for `any`)
            for index, code in enumerate(body.occupation_codes()):
                yield from _occupation(entry, reference, code, None, at=("occupations", index))
            continue
        competency = special(entry.document)
        if competency is not None:
            for index, code in enumerate(competency.related_occupations):
                status = reference.resolve(_base(code), None).status
                if status == "unknown":
                    yield entry.finding(
                        ("related_occupations", index), R_RELATED_UNKNOWN, _message_related(reference, code)
                    )


def _base(code: str) -> str:
    """A 工种 code (6-30-05-01-014) is checked through its occupation (6-30-05-01)."""
    return code.strip()[:10]


def _named(occupations: Iterable[Occupation]) -> str:
    return "、".join(f"{o.code} 「{o.name}」" for o in occupations)


# ---- messages: the values of each rule's message, in one function per rule


def _message_related(reference: ReferenceData, code: str) -> dict[str, str]:
    return {"code": code, "basis": reference.basis}


def _message_unknown_item(reference: ReferenceData, item: str) -> dict[str, str]:
    return {"item": item, "edition": reference.catalogue_edition.edition}


def _message_unknown_code(
    reference: ReferenceData, code: str, name: str, resolution: Resolution
) -> dict[str, str]:
    if resolution.successor:
        hint = f" {resolution.successor} is the code of 「{name}」."
        hint_zh = f"「{name}」的编码是 {resolution.successor}。"
    else:
        close = reference.suggest(_base(code), name)
        hint = f" Closest: {_named(close)}." if close else ""
        hint_zh = f"最接近的有：{_named(close)}。" if close else ""
    return {
        "code": code,
        "basis": reference.basis,
        "hint": hint,
        "hint_zh": hint_zh,
    }


def _message_legacy(
    reference: ReferenceData, code: str, name: str, resolution: Resolution, *, declared: str | None = None
) -> dict[str, str]:
    edition = reference.occupations_edition.edition
    if declared is not None:
        hedge = "" if resolution.verified else f" ({_UNVERIFIED_NOTE})"
        hedge_zh = "" if resolution.verified else f"（{_UNVERIFIED_NOTE_ZH}）"
        successor = resolution.successor
        return {
            "variant": "declared",
            "code": code,
            "name": name,
            "declared": declared,
            "instead": f"its {edition} code is {successor} 「{resolution.expected_name}」{hedge}"
            if successor
            else f"the {edition} 大典 has no direct successor",
            "instead_zh": f"其 {edition} 年版编码为 {successor} 「{resolution.expected_name}」{hedge_zh}"
            if successor
            else f"{edition} 年版大典中没有直接对应的职业",
        }
    if resolution.successor:
        return {
            "variant": "successor",
            "code": code,
            "name": name,
            "edition": edition,
            "successor": resolution.successor,
            "successor_name": resolution.expected_name or "",
            "hedge": "" if resolution.verified else f" ({_UNVERIFIED_NOTE})",
            "hedge_zh": "" if resolution.verified else f"（{_UNVERIFIED_NOTE_ZH}）",
        }
    legacy = resolution.legacy
    named = [o for c in (legacy.candidates if legacy else ()) if (o := reference.occupation(c)) is not None]
    if named:
        choose = f"its neighbours {_named(named)} are the candidates"
        choose_zh = f"相邻的 {_named(named)} 可供选择"
    else:
        siblings = reference.same_minor(code)
        choose = (
            f"choose among the occupations of its 小类: {_named(siblings)}"
            if siblings
            else "choose the occupation that fits"
        )
        choose_zh = f"可从同一小类的职业中选择：{_named(siblings)}" if siblings else "请选择合适的职业"
    return {
        "variant": "none",
        "code": code,
        "name": name,
        "edition": edition,
        "choose": choose,
        "choose_zh": choose_zh,
    }


def _message_name_mismatch(
    reference: ReferenceData, code: str, name: str, resolution: Resolution
) -> dict[str, str]:
    return {
        "basis": reference.basis,
        "code": code,
        "name": name,
        "expected": resolution.expected_name or "",
        "hint": f", and 「{name}」 is {resolution.successor}" if resolution.successor else "",
        "hint_zh": f"，而「{name}」的编码是 {resolution.successor}" if resolution.successor else "",
    }


def _message_renamed(
    reference: ReferenceData, code: str, name: str, resolution: Resolution
) -> dict[str, str]:
    rename = resolution.rename
    release = reference.release(rename.release) if rename and rename.release else None
    # a 2022 rename keeps its short wording; a later one names the state that carries the new name
    edition = reference.occupations_edition.edition
    return {
        "name": name,
        "code": code,
        "expected": resolution.expected_name or "",
        "where": edition if release is None else f"current: {reference.basis}",
        "where_zh": f"{edition}年版" if release is None else f"现行：{reference.basis}",
        "hedge": "" if resolution.verified else f" ({_UNVERIFIED_NOTE})",
        "hedge_zh": "" if resolution.verified else f"（{_UNVERIFIED_NOTE_ZH}）",
    }


def _message_pending(code: str, name: str, pending: Pending) -> dict[str, str]:
    return {
        "code": code,
        "name": name,
        "pending": pending.name,
        "source": pending.source,
        "date": pending.date.isoformat(),
    }


def _message_pending_published(
    reference: ReferenceData, pending: Pending, occupation: Occupation
) -> dict[str, str]:
    return {
        "code": pending.code,
        "published": occupation.name,
        "basis": reference.basis,
        "pending": pending.name,
        "source": pending.source,
    }


def _item_label(item: Qualification, *, with_category: bool) -> str:
    return f"{item.display_name} ({item.category_label})" if with_category else item.display_name


def _message_licence(code: str, name: str, items: list[Qualification]) -> dict[str, str]:
    names = "、".join(_item_label(item, with_category=False) for item in items)
    return {"code": code, "name": name, "items": names, "items_zh": "、".join(i.display("zh") for i in items)}


def _message_evaluation(code: str, name: str, items: Iterable[Qualification]) -> dict[str, str]:
    chosen = list(items)
    return {
        "code": code,
        "name": name,
        "items": "、".join(_item_label(item, with_category=True) for item in chosen),
        "items_zh": "、".join(f"{item.display('zh')}（{item.category_label}）" for item in chosen),
    }


_UNVERIFIED_NOTE = "未核实: not verified in the reference data, check it"
_UNVERIFIED_NOTE_ZH = "未核实：参考数据中尚未核实，请自行核对"


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
        yield R_PENDING_PUBLISHED.at(
            path, line, col, **_message_pending_published(reference, pending, occupation)
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


def _qualification_item(entry: AnyEntry, reference: ReferenceData) -> Iterator[Diagnostic]:
    link = entry.document.qualification
    if link is not None and reference.qualification(link.item) is None:
        yield entry.finding(
            ("qualification", "item"), R_UNKNOWN_ITEM, _message_unknown_item(reference, link.item)
        )


def _occupation(
    entry: AnyEntry, reference: ReferenceData, code: str, printed: str | None, at: Path_ | None = None
) -> Iterator[Diagnostic]:
    """The rules of one occupation code: the document's ``occupation`` (its code and ``printed`` name), or
    (``at``: where) one code a rule across occupations lists, which has no name to compare."""
    resolution = reference.resolve(_base(code), printed)
    known = reference.occupation(_base(code))
    name = printed if printed is not None else (resolution.expected_name or (known.name if known else ""))
    code_at, name_at = (at, at) if at is not None else (CODE, NAME)
    if resolution.status == "unknown":
        yield entry.finding(code_at, R_UNKNOWN_CODE, _message_unknown_code(reference, code, name, resolution))
    elif resolution.status == "pending" and resolution.pending is not None:
        yield entry.finding(code_at, R_PENDING, _message_pending(code, name, resolution.pending))
    elif resolution.status == "legacy":
        finding = entry.finding(code_at, R_LEGACY_CODE, _message_legacy(reference, code, name, resolution))
        # Front matter (issue #23): a document that declares the earlier edition it was written against is
        # right to print that edition's code; it is told the current one, as information.
        declared = entry.document.classification_edition
        if declared in CLASSIFICATION_EDITIONS and declared != reference.occupations_edition.edition:
            values = _message_legacy(reference, code, name, resolution, declared=declared)
            finding = dataclasses.replace(
                entry.finding(code_at, R_LEGACY_CODE, values), severity=Severity.INFO
            )
        yield finding
    elif resolution.status == "name-mismatch":
        yield entry.finding(
            name_at, R_NAME_MISMATCH, _message_name_mismatch(reference, code, name, resolution)
        )
    elif resolution.status == "renamed":
        yield entry.finding(name_at, R_RENAMED, _message_renamed(reference, code, name, resolution))
    if entry.document.qualification is not None:
        return
    items = reference.qualifications_for(_base(code), name)
    if not items:
        return
    licences = [item for item in items if item.licensing]
    if licences:
        yield entry.finding(code_at, R_LICENCE_UNLINKED, _message_licence(code, name, licences))
    else:
        yield entry.finding(code_at, R_EVALUATION_UNLINKED, _message_evaluation(code, name, items))
