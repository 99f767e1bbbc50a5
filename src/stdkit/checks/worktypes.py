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
from stdkit.checks import drafts
from stdkit.collection import AnyEntry, Collection, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.ladder import APPOINTED_LEVELS, Level
from stdkit.load import Path_
from stdkit.model import LevelledBody

R_MISSING = rule(
    "WTY901",
    "worktypes",
    Severity.ERROR,
    "A level inside a 工种's range of levels is missing from its `levels`, while other 工种 have their own "
    "work there and the level has no common work.",
    "List the level in that 工种's `levels` and write its `work` (a 工种's levels are a contiguous run; it may "
    "start or end inside the occupation's range), or give the level common work under `work:`.",
    bad="work_types:\n  - {name: 机械维修, levels: [L5, L4, L3], work: {...}}\n"
    "  - {name: 电器维修, levels: [L5, L3], work: {L5: [...], L3: [...]}}\n# no common work.L4",
    good="  - {name: 电器维修, levels: [L5, L4, L3], work: {L5: [...], L4: [...], L3: [...]}}",
    detail="{level_title} ({level}) lies between {first} and {last}, the levels of 工种 「{name}」, but is not "
    "one of them; {covered} have their own work there and there is no common `work.{level}`.",
    zh=Wording(
        "某个等级位于工种的等级范围之内，却不在它的 `levels` 中；该等级有其他工种自己的工作要求，也没有共同的工作要求。",
        "请把该等级加入那个工种的 `levels` 并写出它的 `work`（工种的等级是连续的一段，可以在职业的等级范围内开始或结束），"
        "或在 `work:` 下为该等级写出共同的工作要求。",
        "{level_title}（{level}）位于工种「{name}」的等级 {first} 与 {last} 之间，却不在它的 `levels` 中；"
        "工种「{covered}」在该等级有自己的工作要求，也没有共同的 `work.{level}`。",
    ),
)
R_NAME = rule(
    "WTY902",
    "worktypes",
    Severity.ERROR,
    "Two 工种 share a name, or a 工种 is named like the occupation itself.",
    "Give every 工种 its own name as the standard prints it (e.g. 机械维修), different from the occupation's.",
    bad="occupation: {code: 4-12-01-01, name: 汽车维修工}\nwork_types:\n  - name: 汽车维修工",
    good="work_types:\n  - name: 机械维修",
    detail={
        "occupation": "工种 「{name}」 has the occupation's own name.",
        "duplicate": "工种 「{name}」 is already work_types[{index}].",
    },
    zh=Wording(
        "两个工种同名，或工种与职业同名。",
        "请按标准印刷本为每个工种写出它自己的名称（例如 机械维修），并且不同于职业名称。",
        {
            "occupation": "工种「{name}」与职业同名。",
            "duplicate": "工种「{name}」已是 work_types[{index}]。",
        },
    ),
)
R_CODE = rule(
    "WTY903",
    "worktypes",
    Severity.ERROR,
    "A 工种 code does not extend the occupation's code, or two 工种 share a code.",
    "Write the occupation's code followed by the 工种's three digits, e.g. 4-12-01-01-001, unique per 工种.",
    bad="occupation: {code: 4-12-01-01}\nwork_types:\n  - {name: 机械维修, code: 4-12-02-01-001}",
    good="  - {name: 机械维修, code: 4-12-01-01-001}",
    detail={
        "prefix": "{code} (工种 「{name}」) does not extend the occupation's code {occupation}.",
        "duplicate": "{code} is already the code of work_types[{index}].",
    },
    zh=Wording(
        "工种编码没有以职业编码开头，或两个工种的编码相同。",
        "请写职业编码再加上工种的三位数字，例如 4-12-01-01-001，每个工种的编码各不相同。",
        {
            "prefix": "{code}（工种「{name}」）没有以职业编码 {occupation} 开头。",
            "duplicate": "{code} 已是 work_types[{index}] 的编码。",
        },
    ),
)
R_STRAY = rule(
    "WTY904",
    "worktypes",
    Severity.ERROR,
    "A 工种's work, weights, eligibility or training hours name a level that is not one of the 工种's levels.",
    "Add the level to the 工种's `levels`, or move the entry to the common tables of the document.",
    bad="  - name: 机械维修\n    levels: [L3]\n    weights:\n      skill: {L2: {发动机故障诊断: 100}}",
    good="    levels: [L3, L2]",
    detail="`{table}.{level}` of 工种 「{name}」: {level} is not in its `levels`.",
    zh=Wording(
        "工种的工作要求、权重、申报条件或培训学时中出现了不属于该工种 `levels` 的等级。",
        "请把该等级加入工种的 `levels`，或把这一条目移到文件的共同表中。",
        "工种「{name}」的 `{table}.{level}`：{level} 不在该工种的 `levels` 中。",
    ),
)
R_LEVEL = rule(
    "WTY905",
    "worktypes",
    Severity.ERROR,
    "A 工种 applies at a level the document does not have, or at an appointed level (特级技师, 首席技师).",
    "List only levels of the document's `levels` that are examined (apprentice, L5 … L1).",
    bad="levels: [L5, L4, L3]\nwork_types:\n  - {name: 机械维修, levels: [L3, L2]}",
    good="  - {name: 机械维修, levels: [L3]}",
    detail={
        "appointed": "{level_title} ({level}) of 工种 「{name}」 is appointed, not examined.",
        "missing": "{level_title} ({level}) of 工种 「{name}」 is not in `levels`.",
    },
    zh=Wording(
        "工种适用于本文件没有的等级，或适用于评聘的等级（特级技师、首席技师）。",
        "只能列出本文件 `levels` 中需要考核的等级（学徒工、L5……L1）。",
        {
            "appointed": "工种「{name}」的{level_title}（{level}）通过评聘产生，不经考试。",
            "missing": "工种「{name}」的{level_title}（{level}）不在 `levels` 中。",
        },
    ),
)
R_NO_WORK = rule(
    "WTY906",
    "worktypes",
    Severity.ERROR,
    "A level of a 工种 has no work of its own.",
    "Write the level's 职业功能 under the 工种's `work:`, or remove the level from its `levels` (then it is common).",
    bad="  - name: 机械维修\n    levels: [L3, L2]\n    work:\n      L3: [...]",
    good="    work:\n      L3: [...]\n      L2: [...]",
    detail="工种 「{name}」 has no `work.{level}`.",
    zh=Wording(
        "工种的某个等级没有自己的工作要求。",
        "请在该工种的 `work:` 下写出这一等级的职业功能，或把该等级从工种的 `levels` 中删除（这样它就是共同要求）。",
        "工种「{name}」没有 `work.{level}`。",
    ),
)
R_SPECIAL = rule(
    "WTY907",
    "worktypes",
    Severity.ERROR,
    "A special competency (专项职业能力) declares 工种; it has one competency and no 工种.",
    "Remove `work_types:`; write a separate special competency for each competency instead.",
    bad="kind: special-competency\nwork_types:\n  - name: 机械维修",
    good="kind: special-competency\nunits:\n  - name: 电动自行车电路检修",
    detail="A special competency certifies one competency and has no 工种.",
    zh=Wording(
        "专项职业能力考核规范声明了工种；它只考核一项能力，没有工种。",
        "请删除 `work_types:`；每项能力各写一份专项职业能力考核规范。",
        "专项职业能力只考核一项能力，没有工种。",
    ),
)
R_LICENCE = rule(
    "WTY908",
    "worktypes",
    Severity.ERROR,
    "A 准入类 qualification of the 国家职业资格目录 licenses a 工种, but neither the 工种 nor the document links it.",
    "Add `qualification: {item: …, relation: licence-required}` to the 工种 (or to the document).",
    bad="  - {name: 焊接, code: 6-18-02-04-001, levels: [L3]}   # licensed by 焊工",
    good="  - name: 焊接\n    qualification: {item: 焊工, relation: licence-required}",
    detail="工种 「{name}」 is licensed by the 准入类 qualification {items}.",
    zh=Wording(
        "《国家职业资格目录》中的准入类职业资格涵盖某个工种，但该工种和文件都没有与之衔接。",
        "请在该工种（或文件）中加入 `qualification: {item: …, relation: licence-required}`。",
        "从事工种「{name}」须取得准入类职业资格「{items}」。",
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = levelled(entry.document)
    if document is None:
        competency = special(entry.document)
        if competency is not None and competency.work_types is not None:
            yield entry.at(
                ("work_types",),
                R_SPECIAL,
                key=True,
            )
        return
    if not document.work_types:
        return
    yield from _names(entry, document)
    # a draft's 工种 without its work yet is graded like common work missing (LAD208): a warning
    yield from drafts.relaxed(entry, _blocks(entry, document))
    yield from _coverage(entry, document)


def _names(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    occupation = document.occupation
    for index, work_type in enumerate(document.work_types):
        where: Path_ = ("work_types", index)
        if occupation is not None and work_type.name == occupation.name:
            yield entry.at(
                (*where, "name"),
                R_NAME,
                variant="occupation",
                name=work_type.name,
            )
        elif work_type.name in names:
            yield entry.at(
                (*where, "name"),
                R_NAME,
                variant="duplicate",
                name=work_type.name,
                index=names[work_type.name],
            )
        names.setdefault(work_type.name, index)
        code = work_type.code
        if code is None:
            continue
        # a rule across occupations: a 工种 of any listed occupation (of any at all for `occupations: any`)
        bases = document.occupation_codes()
        if bases and not any(code.startswith(f"{base}-") for base in bases):
            yield entry.at(
                (*where, "code"),
                R_CODE,
                variant="prefix",
                code=code,
                name=work_type.name,
                occupation="、".join(bases),
            )
        elif code in codes:
            yield entry.at(
                (*where, "code"),
                R_CODE,
                variant="duplicate",
                code=code,
                index=codes[code],
            )
        codes.setdefault(code, index)


def _blocks(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    for index, work_type in enumerate(document.work_types):
        where: Path_ = ("work_types", index)
        for position, level in enumerate(work_type.levels):
            if level not in document.levels or level in APPOINTED_LEVELS:
                yield entry.at(
                    (*where, "levels", position),
                    R_LEVEL,
                    variant="appointed" if level in APPOINTED_LEVELS else "missing",
                    level_title=ladder.title(level),
                    level=level,
                    name=work_type.name,
                )
            elif level not in work_type.work:
                yield entry.at(
                    (*where, "levels", position),
                    R_NO_WORK,
                    name=work_type.name,
                    level=level,
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
                    yield entry.at(
                        (*where, *table_path, level),
                        R_STRAY,
                        key=True,
                        table=".".join(map(str, table_path)),
                        level=level,
                        name=work_type.name,
                    )


def _coverage(entry: AnyEntry, document: LevelledBody) -> Iterator[Diagnostic]:
    """A 工种 has no work outside its own levels (it may start or end inside the occupation's range, e.g.
    平台管理员 五级至三级 beside 工种 that go to 一级); only a gap inside its run is a forgotten level."""
    split = document.work_type_levels()
    for index, work_type in enumerate(document.work_types):
        ranks = [ladder.rank(level) for level in work_type.levels if level in document.levels]
        if not ranks:
            continue
        low, high = min(ranks), max(ranks)
        for level in sorted(document.levels, key=ladder.rank):
            if not low < ladder.rank(level) < high or level in work_type.levels:
                continue
            if level not in split or level in document.work:
                continue
            ends = sorted(work_type.levels, key=ladder.rank)
            yield entry.at(
                ("work_types", index, "levels"),
                R_MISSING,
                level_title=ladder.title(level),
                level=level,
                first=ends[0],
                last=ends[-1],
                covered="、".join(document.work_types[i].name for i in split[level]),
                name=work_type.name,
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
                    name=work_type.name,
                    items=shown,
                )
