"""Content: what a reader or a question bank would trip over inside one document.

Why: a skill line written twice in a level is counted twice as a 鉴定点; a published document
without its issue date cannot be cited; question banks expect the usual 重要程度 distribution
(X ≥ 80 %, Y ≤ 15 %, Z ≤ 5 %) and a special competency named like an occupation is mistaken for one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel

from stdkit import ladder
from stdkit.collection import Entry, levelled, special
from stdkit.diagnostics import Diagnostic, Severity, rule
from stdkit.ladder import Level
from stdkit.load import Path_
from stdkit.model import Line, Status
from stdkit.model.common import Importance

#: The usual 重要程度 distribution per level: (importance, bound in percent, True when it is a minimum).
DISTRIBUTION: tuple[tuple[Importance, int, bool], ...] = (
    (Importance.X, 80, True),
    (Importance.Y, 15, False),
    (Importance.Z, 5, False),
)

R_BLANK = rule(
    "CNT501",
    "content",
    Severity.ERROR,
    "A requirement line is blank.",
    "Write the requirement, or delete the empty line.",
    bad='skills: ["  "]',
    good="skills: [能根据电路图安装照明电路]",
)
R_DUPLICATE_LINE = rule(
    "CNT502",
    "content",
    Severity.WARNING,
    "The same skill line appears twice within a level.",
    "Delete one of the two lines, or reword it if they are meant to differ.",
    bad="skills:\n  - 能安装配电箱\n  - 能安装配电箱",
    good="skills:\n  - 能安装配电箱",
)
R_DISTRIBUTION = rule(
    "CNT503",
    "content",
    Severity.WARNING,
    "A level's 鉴定点 depart from the usual 重要程度 distribution (X ≥ 80 %, Y ≤ 15 %, Z ≤ 5 %).",
    "Mark fewer lines Y or Z (`{text: …, importance: Y}`), or confirm the distribution with the question-bank team.",
)
R_UNDATED = rule(
    "CNT504",
    "content",
    Severity.WARNING,
    "A published document has no `issued` date.",
    "Add `issued: YYYY-MM-DD`, the date of the issuing notice.",
)
R_SPECIAL_NAME = rule(
    "CNT505",
    "content",
    Severity.ERROR,
    "A special competency's title ends in 工, 员 or 师, like an occupation.",
    "Name the competency by what it does (e.g. 电动自行车维修), not like an occupation (…工/员/师).",
    bad="title: 电动自行车维修工",
    good="title: 电动自行车维修",
)


def check(entry: Entry) -> Iterator[Diagnostic]:
    document = entry.document
    if document.status is Status.PUBLISHED and document.issued is None:
        yield entry.at(("status",), R_UNDATED)
    yield from _blank(entry)
    competency = special(document)
    if competency is not None:
        if competency.title.rstrip().endswith(("工", "员", "师")):
            yield entry.at(
                ("title",),
                R_SPECIAL_NAME,
                f"「{competency.title}」 reads like an occupation. {R_SPECIAL_NAME.fix}",
            )
        lines = [line for unit in competency.units for line in (*unit.skills, *unit.knowledge)]
        yield from _distribution(entry, None, lines)
        return
    body = levelled(document)
    if body is None:
        return
    for level, functions in body.work.items():
        seen: Counter[str] = Counter()
        level_lines: list[Line] = []
        for f_index, function in enumerate(functions):
            for c_index, content in enumerate(function.contents):
                level_lines.extend((*content.skills, *content.knowledge))
                for s_index, line in enumerate(content.skills):
                    normal = _normal(line.text)
                    seen[normal] += 1
                    if seen[normal] == 2:
                        yield entry.at(
                            ("work", level, f_index, "contents", c_index, "skills", s_index),
                            R_DUPLICATE_LINE,
                            f"「{line.text}」 is already a skill line of {ladder.title(level)}. {R_DUPLICATE_LINE.fix}",
                        )
        yield from _distribution(entry, level, level_lines)


def _distribution(entry: Entry, level: Level | None, lines: list[Line]) -> Iterator[Diagnostic]:
    if not lines:
        return
    counts = Counter(line.importance for line in lines)
    where: Path_ = ("work", level) if level is not None else ("units",)
    label = ladder.title(level) if level is not None else "The modules"
    for importance, bound, minimum in DISTRIBUTION:
        share = 100 * counts[importance] / len(lines)
        if (share < bound) if minimum else (share > bound):
            relation = "under" if minimum else "over"
            yield entry.at(
                where,
                R_DISTRIBUTION,
                f"{label}: {importance} is {share:.0f} % of {len(lines)} 鉴定点, {relation} the usual {bound} %. "
                f"{R_DISTRIBUTION.fix}",
                key=True,
            )


def _blank(entry: Entry) -> Iterator[Diagnostic]:
    """Walk the source map for line texts that are only white space."""
    stack: list[tuple[Path_, object]] = [((), entry.document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, Line):
            if not value.text.strip():
                yield entry.at(path, R_BLANK)
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, dict):
            stack.extend(((*path, str(key)), item) for key, item in value.items())
        elif isinstance(value, BaseModel):
            stack.extend(((*path, name), getattr(value, name)) for name in type(value).model_fields)


def _normal(text: str) -> str:
    return "".join(text.split()).rstrip("。；;.")
