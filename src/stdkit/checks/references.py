"""References: ``supersedes`` and ``basis`` point at documents that exist, and editions form one line.

Why: exam systems follow ``supersedes`` to retire old blueprints and show an evaluation spec's
``basis``; a dangling reference or two published editions of one standard would publish two
answers to "which edition is in force". Missing old editions are common (they are not always
kept in the repository), so a ``supersedes`` outside the collection is only a warning.
"""

from __future__ import annotations

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


def check(collection: Collection) -> Iterator[Diagnostic]:
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
