"""References: ``supersedes`` and ``basis`` point at documents that exist, and editions form one line.

Why: exam systems follow ``supersedes`` to retire old blueprints and show an evaluation spec's
``basis``; a dangling reference or two published editions of one standard would publish two
answers to "which edition is in force". Missing old editions are common (they are not always
kept in the repository), so a ``supersedes`` outside the collection is only a warning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from stdkit import editions, sketch
from stdkit.checks.overlap import lineage
from stdkit.collection import AnyEntry, Collection
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.model import EvaluationSpec, Status

if TYPE_CHECKING:
    from stdkit.checks.facts import Facts

R_SUPERSEDES_MISSING = rule(
    "REF801",
    "references",
    Severity.WARNING,
    "`supersedes` names an edition that is not in the collection.",
    "Check the id@edition; if the old edition is simply not kept here, suppress this with a reason.",
    detail="{target} is not in the collection{have}.",
    zh=Wording(
        "`supersedes` 指向的版本不在文件库中。",
        "请核对 标识@版本；如果旧版本只是没有收入本库，请加注释并写明理由予以忽略。",
        "{target} 不在文件库中{have_zh}。",
    ),
    bad="supersedes: 6-31-01-03@2008   # the collection has 6-31-01-03@2009",
    good="supersedes: 6-31-01-03@2009",
)
R_BASIS_UNRESOLVED = rule(
    "REF802",
    "references",
    Severity.ERROR,
    "An evaluation spec's `basis` is neither a document of the collection nor a 职业分类大典 code.",
    "Write the basis as id@edition of a document in the collection, or as an occupation code (X-XX-XX-XX).",
    detail="basis {basis} resolves to no document of the collection and no occupation.",
    zh=Wording(
        "评价规范的 `basis` 既不是文件库中的文件，也不是职业分类大典的编码。",
        "请把依据写成文件库中文件的 标识@版本，或写成职业编码（X-XX-XX-XX）。",
        "依据 {basis} 既找不到文件库中的文件，也找不到对应的职业。",
    ),
    bad="basis: 6-31-01-03@2017",
    good="basis: 6-31-01-03@2018",
)
R_TWO_PUBLISHED = rule(
    "REF803",
    "references",
    Severity.ERROR,
    "Two editions of the same document are both `published`.",
    "Let the newer edition name the older in `supersedes:` (the older is then superseded and stays "
    "published at its edition URLs), or set the one that is not in force to `withdrawn`.",
    detail="{older} and {newer} ({place}) are both published.",
    zh=Wording(
        "同一文件的两个版本都处于 `published`（已发布）状态。",
        "请在新版本中用 `supersedes:` 指向旧版本（旧版本即为已被替代，仍保留在原版本地址），或把不再施行的版本改为 `withdrawn`。",
        "{older} 和 {newer}（{place}）都处于已发布状态。",
    ),
    bad="# 6-31-01-03_2009.yaml\nstatus: published\n# 6-31-01-03_2018.yaml\nstatus: published",
    good="# 6-31-01-03_2009.yaml\nstatus: published\n# 6-31-01-03_2018.yaml\nstatus: published\nsupersedes: 6-31-01-03@2009",
)
R_NO_SUCCESSOR = rule(
    "REF804",
    "references",
    Severity.INFO,
    "A superseded document has no successor in the collection that `supersedes` it.",
    "Add the edition that replaced it (with `supersedes:` naming this one), or note in `notes:` what replaced it.",
    detail="Nothing in the collection supersedes {ref}.",
    zh=Wording(
        "已被替代的文件在文件库中没有以 `supersedes` 指向它的新版本。",
        "请加入替代它的版本（用 `supersedes:` 指向本文件），或在 `notes:` 中写明由什么替代。",
        "文件库中没有替代 {ref} 的文件。",
    ),
    bad="status: superseded   # and no document says supersedes: <this id@edition>",
    good="# the newer edition\nsupersedes: 6-31-01-03@2009",
)

R_CASE_COLLISION = rule(
    "REF805",
    "references",
    Severity.ERROR,
    "Two ids (or two editions of one id) differ only in upper and lower case.",
    "Spell the id as the other document does if they are the same document, or choose a distinct id: "
    "macOS and Windows file systems, where the site and blueprints are unpacked, do not tell them apart.",
    detail={
        "id": "The id {value} differs from {other} ({place}) only in case.",
        "edition": "The edition {value} differs from {other} ({place}) only in case.",
    },
    zh=Wording(
        "两个标识（或同一标识的两个版本）只有字母大小写不同。",
        "若是同一文件，请与另一文件写法一致；否则请另取标识：网站和考试蓝图解压到的 macOS、Windows 文件系统不区分大小写。",
        {
            "id": "标识 {value} 与 {other}（{place}）只有大小写不同。",
            "edition": "版本 {value} 与 {other}（{place}）只有大小写不同。",
        },
    ),
    bad="# a.yaml\nid: EV-GD-BDYW\n# b.yaml\nid: ev-gd-bdyw",
    good="# a.yaml\nid: EV-GD-BDYW\n# b.yaml\nid: EV-GD-BDYW-2",
)
R_RESERVED_NAME = rule(
    "REF806",
    "references",
    Severity.ERROR,
    "An id or edition is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9).",
    "Choose another id or edition: Windows cannot create a file or folder of that name, even with an "
    "extension.",
    detail="The {field} {value} is a Windows device name.",
    zh=Wording(
        "标识或版本是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–9、LPT1–9）。",
        "请另取标识或版本：Windows 无法创建这个名称的文件或文件夹，即使带有扩展名。",
        "{field_zh} {value} 是 Windows 的设备名。",
    ),
    bad="id: CON",
    good="id: CON-1",
)
#: Windows' device names, matched on the part before the first dot (``nul.json`` is the device too).
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?")


def check(collection: Collection) -> Iterator[Diagnostic]:
    yield from _file_names(collection)
    by_ref = collection.by_ref
    ids = {entry.document.id for entry in collection.entries}
    superseded_by = editions.successors(collection.entries)
    for entry in collection.entries:
        target = entry.document.supersedes
        if target is None:
            continue
        if target not in by_ref:
            known = sorted(e.document.edition for e in collection.editions(target.split("@", 1)[0]))
            have = f" (the collection has edition {', '.join(known)})" if known else ""
            have_zh = f"（文件库中有版本 {'、'.join(known)}）" if known else ""
            yield entry.at(
                ("supersedes",),
                R_SUPERSEDES_MISSING,
                target=target,
                have=have,
                have_zh=have_zh,
            )
    for entry in collection.entries:
        document = entry.document
        basis = document.basis if isinstance(document, EvaluationSpec) else None
        if basis is not None and not _resolves(collection, basis, ids):
            yield entry.at(
                ("basis",),
                R_BASIS_UNRESOLVED,
                basis=basis,
            )
        if document.status is Status.SUPERSEDED and document.ref not in superseded_by:
            yield entry.at(
                ("status",),
                R_NO_SUCCESSOR,
                ref=document.ref,
            )
    yield from _published_twice(collection)


def contacts(entry: AnyEntry, facts: Facts) -> sketch.Bands:
    """REF801–806 compare the documents of one id (editions, ``supersedes``, ``basis``) and of one id up to
    case: a document's own id, the ids it names, and its id case-folded."""
    ids = [f"id\0{value}" for value in sorted(lineage(entry))]
    return sketch.keys([*ids, f"fold\0{entry.document.id.casefold()}"])


def _resolves(collection: Collection, basis: str, ids: set[str]) -> bool:
    if "@" in basis:
        return basis in collection.by_ref
    if basis in ids:
        return True
    return collection.reference.resolve(basis[:10], None).status != "unknown"


def _published_twice(collection: Collection) -> Iterator[Diagnostic]:
    published: dict[str, list[AnyEntry]] = defaultdict(list)
    # an edition that a later one names in `supersedes` is superseded, whatever its file still says
    standing = editions.standing(collection.entries)
    for entry in collection.entries:
        if entry.document.status is Status.PUBLISHED and standing[entry.ref].in_force:
            published[entry.document.id].append(entry)
    for of_id in published.values():
        if len(of_id) < 2:
            continue
        # the newest (by issue date, then edition text) stays published; every older one is reported
        ordered = editions.ordered(of_id)
        newest = ordered[-1]
        line, _ = newest.source.value(("status",))
        for older in ordered[:-1]:
            yield older.at(
                ("status",),
                R_TWO_PUBLISHED,
                older=older.document.ref,
                newer=newest.document.ref,
                place=f"{newest.path}:{line}",
            )


def _file_names(collection: Collection) -> Iterator[Diagnostic]:
    """Ids and editions that are valid text but cannot be folder names on every system (REF805, REF806)."""
    first_id: dict[str, AnyEntry] = {}
    first_edition: dict[tuple[str, str], AnyEntry] = {}
    for entry in sorted(collection.entries, key=lambda e: e.path):
        document = entry.document
        for key, value in (("id", document.id), ("edition", document.edition)):
            if _RESERVED.fullmatch(value):
                yield entry.at(
                    (key,),
                    R_RESERVED_NAME,
                    field=key,
                    field_zh="标识" if key == "id" else "版本",
                    value=value,
                )
        other = first_id.setdefault(document.id.casefold(), entry)
        if other.document.id != document.id:
            yield entry.at(
                ("id",),
                R_CASE_COLLISION,
                variant="id",
                value=document.id,
                other=other.document.id,
                place=other.path,
            )
            continue
        seen = first_edition.setdefault((document.id, document.edition.casefold()), entry)
        if seen.document.edition != document.edition:
            yield entry.at(
                ("edition",),
                R_CASE_COLLISION,
                variant="edition",
                value=document.ref,
                other=seen.document.ref,
                place=seen.path,
            )
