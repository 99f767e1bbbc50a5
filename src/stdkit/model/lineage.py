"""The lineage of a document (沿革): every line of every edition, with the codes it had before.

Output, not authoring input: :mod:`stdkit.lineage` builds it from the issued editions and the confirmed
crosswalks (:mod:`stdkit.crosswalks`), ``stdkit build`` writes ``site/lineage/<id>.json``, and
``schema/lineage.schema.json`` is generated from these models. An exam system that tagged its items with
the old edition's 鉴定点 codes finds each code's new code here (``later``), and for a new code its old
ones (``earlier``), without pairing lines itself.
"""

from __future__ import annotations

from pydantic import Field

from stdkit.model.crosswalk import Relation, Verdict
from stdkit.model.out import Out

#: The version of the lineage format (major.minor); adding an optional field bumps the minor part.
SCHEMA_VERSION = "1.0"


class Step(Out):
    """One row of a crosswalk on the way from one edition to the next."""

    edition: str = Field(title="版本", description="The edition on the other side of the step.")
    codes: list[str] = Field(
        title="代码",
        description="The full codes (id@edition/level/n.n.n) the line had (or has) in that edition.",
    )
    relation: Relation = Field(title="变化类型", description="The crosswalk row's relation.")


class Retired(Out):
    """When a line stopped being examined."""

    edition: str | None = Field(
        title="停用版本",
        description="The edition that deleted the line; null when its own edition was withdrawn.",
    )
    exam_until: str | None = Field(
        title="最后鉴定日期",
        description="YYYY-MM-DD: the last day the line may be examined; null when unknown.",
    )


class LineHistory(Out):
    """A line of an edition and what became of it."""

    code: str = Field(title="鉴定点代码", description="The full code, e.g. 6-31-01-03@2018/L5/1.1.2.")
    edition: str = Field(title="版本", description="The edition the line belongs to.")
    text: str = Field(title="条文", description="The line as the edition reads it now.")
    earlier: list[Step] | None = Field(
        title="前身",
        description="The rows back through every earlier edition, newest first; empty for a line with no "
        "earlier form; null when an edition on the way has no confirmed crosswalk.",
    )
    later: Step | None = Field(
        title="后续",
        description="The row into the next edition; null when there is none or no confirmed crosswalk.",
    )
    introduced: str | None = Field(
        title="始见版本", description="The edition the line first appeared in; null when unknown."
    )
    last_changed: str | None = Field(
        title="最近修改版本", description="The edition its text last changed in; null when unknown."
    )
    retired: Retired | None = Field(title="停用", description="Set when the line is no longer examined.")


class CrosswalkRef(Out):
    """The confirmed crosswalk an edition was reached by."""

    from_: str = Field(alias="from", title="原版本", description="The edition it supersedes, id@edition.")
    path: str = Field(title="对照文件", description="crosswalks/<id>_<old>_<new>.yaml in the collection.")
    verdict: Verdict = Field(title="结论", description="equivalent | not-equivalent.")
    new_effective: str | None = Field(title="新版施行日期", description="YYYY-MM-DD, or null.")
    old_last_exam: str | None = Field(title="旧版最后鉴定日期", description="YYYY-MM-DD, or null.")


class EditionHistory(Out):
    """An edition of the document and where it stands."""

    ref: str = Field(title="版本引用", description="id@edition.")
    edition: str = Field(title="版本", description="The edition.")
    status: str = Field(title="状态", description="published | superseded | withdrawn (draft in a preview).")
    superseded_by: str | None = Field(
        title="替代版本", description="The edition that replaced it, id@edition."
    )
    exam_until: str | None = Field(
        title="最后鉴定日期", description="YYYY-MM-DD: a superseded edition's last exam day (过渡期)."
    )
    crosswalk: CrosswalkRef | None = Field(
        title="新旧版本对照",
        description="The confirmed crosswalk from the edition it supersedes; null when none.",
    )


class Lineage(Out):
    """沿革: every line of every edition of one document."""

    schema_version: str = Field(title="格式版本", description="major.minor of this format.")
    id: str = Field(title="标识", description="The document's id.")
    editions: list[EditionHistory] = Field(title="版本", description="Oldest first.")
    lines: list[LineHistory] = Field(title="条目", description="Each edition's lines, oldest edition first.")
