"""勘误 (errata) and withdrawal: what a document says happened to it after it was issued.

Why: a published edition is frozen (its codes mean one text for as long as it exists, see
:mod:`stdkit.checks.frozen`); an erratum is the one way to fix its wording. So an erratum must describe
the document exactly as it now reads: each change names a line the document has, the line reads the
change's ``to`` once the later errata are undone, and the change is wording (the diff's 等效, one
measure in :mod:`stdkit.wording`) — a change of what a line requires, or a line added, removed or moved,
is a new edition. This module reads one document; the comparison with a release is the frozen check's.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdkit import releases
from stdkit.collection import Entry
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.editions import ISSUED
from stdkit.model import Status
from stdkit.wording import WORDING_RATIO, is_wording, ratio

_ERRATUM = """errata:
  - date: 2024-03-01
    changes:
      - {code: L5/1.1.2, from: 能清洗、消毒奶瓶、餐具等哺喂用品, to: 能清洗、消毒奶瓶、餐具等喂哺用品}"""

R_UNKNOWN_CODE = rule(
    "EDN101",
    "editions",
    Severity.ERROR,
    "An erratum names a line code the document does not have.",
    "Write the code as the edition's blueprints print it after the document's id@edition: L5/1.1.2 "
    "(技能要求), L5/1.1.k1 (相关知识要求), basics/1.2, ethics/c3, unit/1.2.",
    detail="{code} is not a line of {ref}.",
    zh=Wording(
        "勘误中的鉴定点代码在本文件中不存在。",
        "请按考核蓝图中 id@edition 之后的写法填写代码：L5/1.1.2（技能要求）、L5/1.1.k1（相关知识要求）、"
        "basics/1.2、ethics/c3、unit/1.2。",
        "{ref} 中没有 {code}。",
    ),
    bad=_ERRATUM.replace("L5/1.1.2", "L5/9.9.9"),
    good=_ERRATUM,
)
R_NOT_APPLIED = rule(
    "EDN102",
    "editions",
    Severity.ERROR,
    "The line an erratum fixes does not read the erratum's `to` text.",
    "Write the corrected text into the line itself (the document always reads as corrected), and copy the "
    "erratum's `to` from it character for character.",
    detail="{code} reads 「{reads}」, not 「{to}」.",
    zh=Wording(
        "勘误所更正的条目与勘误的 `to` 文字不一致。",
        "请把更正后的文字写入条目本身（文件始终按更正后的文字书写），并逐字抄录到勘误的 `to` 中。",
        "{code} 的文字是「{reads}」，不是「{to}」。",
    ),
    bad=_ERRATUM + "\n# …the line itself still reads 能清洗、消毒奶瓶、餐具等哺喂用品",
    good=_ERRATUM + "\n# …the line itself reads 能清洗、消毒奶瓶、餐具等喂哺用品",
)
R_NOT_WORDING = rule(
    "EDN103",
    "editions",
    Severity.ERROR,
    "An erratum changes what a line requires, not only its wording.",
    "An erratum fixes wording only (等效). Publish a new edition (a new `edition` with `supersedes:` naming "
    "this one) to change what a line requires.",
    detail={
        "meaning": "「{old}」 → 「{to}」 keeps {kept} of the line (wording keeps at least {least}).",
        "same": "`from` and `to` are the same text: remove this change.",
    },
    zh=Wording(
        "勘误改变了条目的要求，而不只是文字。",
        "勘误只能更正文字（等效）。要改变条目的要求，请发布新版本（新的 `edition`，并用 `supersedes:` 指向本版本）。",
        {
            "meaning": "「{old}」→「{to}」只保留了原文的 {kept}（文字修改至少保留 {least}）。",
            "same": "`from` 与 `to` 文字相同：请删去这一条更正。",
        },
    ),
    bad=_ERRATUM.replace("to: 能清洗、消毒奶瓶、餐具等喂哺用品", "to: 能为婴幼儿测试奶温"),
    good=_ERRATUM,
)
R_NOT_ISSUED = rule(
    "EDN104",
    "editions",
    Severity.WARNING,
    "A document that was never issued has errata.",
    "Edit a draft directly and remove `errata:`; errata are for editions already published.",
    zh=Wording(
        "尚未发布的文件带有勘误。",
        "草案请直接修改并删去 `errata:`；勘误只用于已发布的版本。",
    ),
    bad="status: draft\n" + _ERRATUM,
    good="status: published\n" + _ERRATUM,
)
R_ERRATUM_DATE = rule(
    "EDN105",
    "editions",
    Severity.ERROR,
    "An erratum is dated before the document's issue date or before the erratum listed above it.",
    "List errata oldest first, each with the date of its notice (on or after `issued`).",
    detail="{date} is before {before}.",
    zh=Wording(
        "勘误日期早于文件的发布日期，或早于排在它前面的勘误。",
        "请按时间先后列出勘误，日期取勘误通知的日期（不早于 `issued`）。",
        "{date} 早于 {before}。",
    ),
    bad="issued: 2019-12-30\nerrata:\n  - date: 2019-01-01",
    good="issued: 2019-12-30\nerrata:\n  - date: 2024-03-01",
)
R_WITHDRAWN = rule(
    "EDN106",
    "editions",
    Severity.ERROR,
    "`withdrawn:` and `status: withdrawn` go together.",
    "A withdrawn edition has `status: withdrawn` and the date of the withdrawal in `withdrawn:`; any other "
    "status has no `withdrawn:` date.",
    detail={
        "date": "`withdrawn: {date}` is given, but the status is {status}.",
        "status": "The status is withdrawn, but no `withdrawn:` date is given.",
    },
    zh=Wording(
        "`withdrawn:` 与 `status: withdrawn` 必须同时出现。",
        "废止的版本写 `status: withdrawn`，并在 `withdrawn:` 中写废止日期；其他状态不写 `withdrawn:`。",
        {
            "date": "写了 `withdrawn: {date}`，但状态是 {status}。",
            "status": "状态为 withdrawn，但没有写 `withdrawn:` 日期。",
        },
    ),
    bad="status: withdrawn",
    good="status: withdrawn\nwithdrawn: 2025-06-30",
)


def check(entry: Entry) -> Iterator[Diagnostic]:
    document = entry.document
    yield from _withdrawal(entry)
    if not document.errata:
        return
    if document.status not in ISSUED:
        yield entry.at(("errata",), R_NOT_ISSUED, key=True)
    before = document.issued.as_date if document.issued else None
    for i, erratum in enumerate(document.errata):
        if before is not None and erratum.date < before:
            yield entry.at(("errata", i, "date"), R_ERRATUM_DATE, date=erratum.date, before=before)
        before = erratum.date
    yield from _changes(entry)


def _changes(entry: Entry) -> Iterator[Diagnostic]:
    """Each change against the document as it reads after the later errata are undone, newest first."""
    document = entry.document
    lines: dict[str, str] = {
        code: text for table in releases.line_tables(entry).values() for code, text in table.items()
    }
    for i in reversed(range(len(document.errata))):
        for j, change in enumerate(document.errata[i].changes):
            where = ("errata", i, "changes", j)
            if change.code not in lines:
                yield entry.at((*where, "code"), R_UNKNOWN_CODE, code=change.code, ref=document.ref)
                continue
            if lines[change.code] != change.to:
                yield entry.at(
                    (*where, "to"), R_NOT_APPLIED, code=change.code, reads=lines[change.code], to=change.to
                )
                continue
            if change.from_ == change.to:
                yield entry.at((*where, "to"), R_NOT_WORDING, variant="same")
            elif not is_wording(change.from_, change.to):
                yield entry.at(
                    (*where, "to"),
                    R_NOT_WORDING,
                    variant="meaning",
                    old=change.from_,
                    to=change.to,
                    kept=f"{ratio(change.from_, change.to):.0%}",
                    least=f"{WORDING_RATIO:.0%}",
                )
            lines[change.code] = change.from_


def _withdrawal(entry: Entry) -> Iterator[Diagnostic]:
    document = entry.document
    if document.withdrawn is not None and document.status is not Status.WITHDRAWN:
        yield entry.at(
            ("withdrawn",), R_WITHDRAWN, variant="date", date=document.withdrawn, status=document.status.value
        )
    elif document.status is Status.WITHDRAWN and document.withdrawn is None:
        yield entry.at(("status",), R_WITHDRAWN, variant="status")
