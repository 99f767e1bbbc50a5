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

from stdkit import editions
from stdkit.collection import Collection, Entry
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.model import EvaluationSpec, Status

R_SUPERSEDES_MISSING = rule(
    "REF801",
    "references",
    Severity.WARNING,
    "`supersedes` names an edition that is not in the collection.",
    "Check the id@edition; if the old edition is simply not kept here, suppress this with a reason.",
    bad="supersedes: 6-31-01-03@2008   # the collection has 6-31-01-03@2009",
    good="supersedes: 6-31-01-03@2009",
)
R_BASIS_UNRESOLVED = rule(
    "REF802",
    "references",
    Severity.ERROR,
    "An evaluation spec's `basis` is neither a document of the collection nor a 职业分类大典 code.",
    "Write the basis as id@edition of a document in the collection, or as an occupation code (X-XX-XX-XX).",
    bad="basis: 6-31-01-03@2017",
    good="basis: 6-31-01-03@2018",
)
R_TWO_PUBLISHED = rule(
    "REF803",
    "references",
    Severity.ERROR,
    "Two editions of the same document are both `published`.",
    "Set the older edition's status to `superseded` and let the newer one `supersedes:` it.",
    bad="# 6-31-01-03_2009.yaml\nstatus: published\n# 6-31-01-03_2018.yaml\nstatus: published",
    good="# 6-31-01-03_2009.yaml\nstatus: superseded\n# 6-31-01-03_2018.yaml\nstatus: published\nsupersedes: 6-31-01-03@2009",
)
R_NO_SUCCESSOR = rule(
    "REF804",
    "references",
    Severity.INFO,
    "A superseded document has no successor in the collection that `supersedes` it.",
    "Add the edition that replaced it (with `supersedes:` naming this one), or note in `notes:` what replaced it.",
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
            yield entry.at(
                ("supersedes",),
                R_SUPERSEDES_MISSING,
                f"{target} is not in the collection{have}. {R_SUPERSEDES_MISSING.fix}",
            )
    for entry in collection.entries:
        document = entry.document
        basis = document.basis if isinstance(document, EvaluationSpec) else None
        if basis is not None and not _resolves(collection, basis, ids):
            yield entry.at(
                ("basis",),
                R_BASIS_UNRESOLVED,
                f"basis {basis} resolves to no document of the collection and no occupation. {R_BASIS_UNRESOLVED.fix}",
            )
        if document.status is Status.SUPERSEDED and document.ref not in superseded_by:
            yield entry.at(
                ("status",),
                R_NO_SUCCESSOR,
                f"Nothing in the collection supersedes {document.ref}. {R_NO_SUCCESSOR.fix}",
            )
    yield from _published_twice(collection)


def _resolves(collection: Collection, basis: str, ids: set[str]) -> bool:
    if "@" in basis:
        return basis in collection.by_ref
    if basis in ids:
        return True
    return collection.reference.resolve(basis[:10], None).status != "unknown"


def _published_twice(collection: Collection) -> Iterator[Diagnostic]:
    published: dict[str, list[Entry]] = defaultdict(list)
    for entry in collection.entries:
        if entry.document.status is Status.PUBLISHED:
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
                f"{older.document.ref} and {newest.document.ref} ({newest.path}:{line}) are both published. "
                f"{R_TWO_PUBLISHED.fix}",
            )


def _file_names(collection: Collection) -> Iterator[Diagnostic]:
    """Ids and editions that are valid text but cannot be folder names on every system (REF805, REF806)."""
    first_id: dict[str, Entry] = {}
    first_edition: dict[tuple[str, str], Entry] = {}
    for entry in sorted(collection.entries, key=lambda e: e.path):
        document = entry.document
        for key, value in (("id", document.id), ("edition", document.edition)):
            if _RESERVED.fullmatch(value):
                yield entry.at(
                    (key,),
                    R_RESERVED_NAME,
                    f"The {key} {value} is a Windows device name. {R_RESERVED_NAME.fix}",
                )
        other = first_id.setdefault(document.id.casefold(), entry)
        if other.document.id != document.id:
            yield entry.at(
                ("id",),
                R_CASE_COLLISION,
                f"The id {document.id} differs from {other.document.id} ({other.path}) only in case. "
                f"{R_CASE_COLLISION.fix}",
            )
            continue
        seen = first_edition.setdefault((document.id, document.edition.casefold()), entry)
        if seen.document.edition != document.edition:
            yield entry.at(
                ("edition",),
                R_CASE_COLLISION,
                f"The edition {document.ref} differs from {seen.document.ref} ({seen.path}) only in case. "
                f"{R_CASE_COLLISION.fix}",
            )
