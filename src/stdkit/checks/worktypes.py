"""工种 (work types): each level gives work for every 工种, and each 工种 block is well formed.

Why: where an occupation is divided into 工种, a candidate is examined on the requirements of one
工种; a level that forgets a 工种 leaves its candidates without a blueprint, and a 工种 code that
does not extend the occupation's code or a table entry outside the 工种's levels is silently
ignored by every output. A 工种's weight columns are checked by the weights family (same codes,
located in the 工种's block). This module only reads documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from stdkit import ladder
from stdkit.collection import Collection, Entry, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.ladder import APPOINTED_LEVELS, Level
from stdkit.load import Path_
from stdkit.model import LevelledBody

R_MISSING = rule(
    "WTY901",
    "worktypes",
    Severity.ERROR,
    "A level where some 工种 have their own work gives none for another 工种 and has no common work.",
    "Add the level to that 工种's `levels` and write its `work`, or give the level common work under `work:`.",
    bad="work_types:\n  - {name: 机械维修, levels: [L3], work: {L3: [...]}}\n"
    "  - {name: 电器维修, levels: [L2], work: {L2: [...]}}\n# no common work.L3",
    good="  - {name: 电器维修, levels: [L3, L2], work: {L3: [...], L2: [...]}}",
)
R_NAME = rule(
    "WTY902",
    "worktypes",
    Severity.ERROR,
    "Two 工种 share a name, or a 工种 is named like the occupation itself.",
    "Give every 工种 its own name as the standard prints it (e.g. 机械维修), different from the occupation's.",
    bad="occupation: {code: 4-12-01-01, name: 汽车维修工}\nwork_types:\n  - name: 汽车维修工",
    good="work_types:\n  - name: 机械维修",
)
R_CODE = rule(
    "WTY903",
    "worktypes",
    Severity.ERROR,
    "A 工种 code does not extend the occupation's code, or two 工种 share a code.",
    "Write the occupation's code followed by the 工种's three digits, e.g. 4-12-01-01-001, unique per 工种.",
    bad="occupation: {code: 4-12-01-01}\nwork_types:\n  - {name: 机械维修, code: 4-12-02-01-001}",
    good="  - {name: 机械维修, code: 4-12-01-01-001}",
)
R_STRAY = rule(
    "WTY904",
    "worktypes",
    Severity.ERROR,
    "A 工种's work, weights, eligibility or training hours name a level that is not one of the 工种's levels.",
    "Add the level to the 工种's `levels`, or move the entry to the common tables of the document.",
    bad="  - name: 机械维修\n    levels: [L3]\n    weights:\n      skill: {L2: {发动机故障诊断: 100}}",
    good="    levels: [L3, L2]",
)
R_LEVEL = rule(
    "WTY905",
    "worktypes",
    Severity.ERROR,
    "A 工种 applies at a level the document does not have, or at an appointed level (特级技师, 首席技师).",
    "List only levels of the document's `levels` that are examined (apprentice, L5 … L1).",
    bad="levels: [L5, L4, L3]\nwork_types:\n  - {name: 机械维修, levels: [L3, L2]}",
    good="  - {name: 机械维修, levels: [L3]}",
)
R_NO_WORK = rule(
    "WTY906",
    "worktypes",
    Severity.ERROR,
    "A level of a 工种 has no work of its own.",
    "Write the level's 职业功能 under the 工种's `work:`, or remove the level from its `levels` (then it is common).",
    bad="  - name: 机械维修\n    levels: [L3, L2]\n    work:\n      L3: [...]",
    good="    work:\n      L3: [...]\n      L2: [...]",
)
R_SPECIAL = rule(
    "WTY907",
    "worktypes",
    Severity.ERROR,
    "A special competency (专项职业能力) declares 工种; it has one competency and no 工种.",
    "Remove `work_types:`; write a separate special competency for each competency instead.",
    bad="kind: special-competency\nwork_types:\n  - name: 机械维修",
    good="kind: special-competency\nunits:\n  - name: 电动自行车电路检修",
)
R_LICENCE = rule(
    "WTY908",
    "worktypes",
    Severity.ERROR,
    "A 准入类 qualification of the 国家职业资格目录 licenses a 工种, but neither the 工种 nor the document links it.",
    "Add `qualification: {item: …, relation: licence-required}` to the 工种 (or to the document).",
    bad="  - {name: 焊接, code: 6-18-02-04-001, levels: [L3]}   # licensed by 焊工",
    good="  - name: 焊接\n    qualification: {item: 焊工, relation: licence-required}",
)


def check(entry: Entry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is None:
        competency = special(entry.document)
        if competency is not None and competency.work_types is not None:
            yield entry.at(
                ("work_types",),
                R_SPECIAL,
                f"A special competency certifies one competency and has no 工种. {R_SPECIAL.fix}",
                key=True,
            )
        return
    if not document.work_types:
        return
    yield from _names(entry, document)
    yield from _blocks(entry, document)
    yield from _coverage(entry, document)


def _names(entry: Entry, document: LevelledBody) -> Iterator[Diagnostic]:
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    occupation = document.occupation
    for index, work_type in enumerate(document.work_types):
        where: Path_ = ("work_types", index)
        if work_type.name == occupation.name:
            yield entry.at(
                (*where, "name"),
                R_NAME,
                f"工种 「{work_type.name}」 has the occupation's own name. {R_NAME.fix}",
            )
        elif work_type.name in names:
            yield entry.at(
                (*where, "name"),
                R_NAME,
                f"工种 「{work_type.name}」 is already work_types[{names[work_type.name]}]. {R_NAME.fix}",
            )
        names.setdefault(work_type.name, index)
        code = work_type.code
        if code is None:
            continue
        if not code.startswith(f"{occupation.code}-"):
            yield entry.at(
                (*where, "code"),
                R_CODE,
                f"{code} (工种 「{work_type.name}」) does not extend the occupation's code {occupation.code}. "
                f"{R_CODE.fix}",
            )
        elif code in codes:
            yield entry.at(
                (*where, "code"),
                R_CODE,
                f"{code} is already the code of work_types[{codes[code]}]. {R_CODE.fix}",
            )
        codes.setdefault(code, index)


def _blocks(entry: Entry, document: LevelledBody) -> Iterator[Diagnostic]:
    for index, work_type in enumerate(document.work_types):
        where: Path_ = ("work_types", index)
        for position, level in enumerate(work_type.levels):
            if level not in document.levels or level in APPOINTED_LEVELS:
                why = "is appointed, not examined" if level in APPOINTED_LEVELS else "is not in `levels`"
                yield entry.at(
                    (*where, "levels", position),
                    R_LEVEL,
                    f"{ladder.title(level)} ({level}) of 工种 「{work_type.name}」 {why}. {R_LEVEL.fix}",
                )
            elif level not in work_type.work:
                yield entry.at(
                    (*where, "levels", position),
                    R_NO_WORK,
                    f"工种 「{work_type.name}」 has no `work.{level}`. {R_NO_WORK.fix}",
                )
        tables: dict[Path_, Mapping[Level, object]] = {
            ("work",): work_type.work,
            ("weights", "theory"): work_type.weights.theory,
            ("weights", "skill"): work_type.weights.skill,
            ("eligibility",): work_type.eligibility,
            ("training_hours",): work_type.training_hours,
        }
        for table_path, table in tables.items():
            for level in table:
                if level not in work_type.levels:
                    shown = ".".join(map(str, table_path))
                    yield entry.at(
                        (*where, *table_path, level),
                        R_STRAY,
                        f"`{shown}.{level}` of 工种 「{work_type.name}」: {level} is not in its `levels`. {R_STRAY.fix}",
                        key=True,
                    )


def _coverage(entry: Entry, document: LevelledBody) -> Iterator[Diagnostic]:
    split = document.work_type_levels()
    for level in document.levels:
        if level not in split or level in document.work:
            continue
        covered = "、".join(document.work_types[i].name for i in split[level])
        for index, work_type in enumerate(document.work_types):
            if level not in work_type.levels:
                yield entry.at(
                    ("work_types", index, "levels"),
                    R_MISSING,
                    f"{ladder.title(level)} ({level}) has work for 工种 {covered} but none for 「{work_type.name}」 "
                    f"and no common `work.{level}`. {R_MISSING.fix}",
                )


# -- the collection side: 工种 licensed by the 国家职业资格目录 ---------------------------------


def licences(collection: Collection) -> Iterator[Diagnostic]:
    """A 准入类 catalogue item whose related codes name a 工种 (or whose name is the 工种's) needs a link.

    Kept apart from :mod:`stdkit.checks.catalogue`: it needs from the reference data only the
    public ``all_qualifications`` (id, name, related_occupations, licensing) and ``qualification(name)``.
    """
    reference = collection.reference
    for entry in collection.entries:
        document = levelled(entry.document)
        if document is None or not document.work_types:
            continue
        linked = document.qualification.item if document.qualification else None
        for index, work_type in enumerate(document.work_types):
            if work_type.qualification is not None:
                continue
            found = {
                q.id: q
                for q in reference.all_qualifications
                if q.licensing and work_type.code is not None and work_type.code in q.related_occupations
            }
            named = reference.qualification(work_type.name)
            if named is not None and named.licensing:
                found.setdefault(named.id, named)
            items = [q for _, q in sorted(found.items()) if linked not in (q.id, q.name)]
            if items:
                shown = "、".join(q.name for q in items)
                yield entry.at(
                    ("work_types", index, "name"),
                    R_LICENCE,
                    f"工种 「{work_type.name}」 is licensed by the 准入类 qualification {shown}. {R_LICENCE.fix}",
                )
