"""The change feed (变更通知): what changed from one release of the collection to the next.

Output, not authoring input: :mod:`stdkit.feed` builds it from the committed release manifests
(``releases/*.json``) and the confirmed crosswalks, ``stdkit build`` writes ``site/changes/index.json``
(:class:`ChangesIndex`) and one ``site/changes/<release>.jsonl`` per release (a :class:`Change` a line), and
``schema/changes-index.schema.json`` and ``schema/change.schema.json`` are generated from these models. An
exam system polls the index, compares ``snapshot_sha256`` with the one it saw last, and reads only the new
releases' changes.
"""

from __future__ import annotations

import enum
from typing import ClassVar

from pydantic import Field

from stdkit.model.crosswalk import Relation
from stdkit.model.out import Out

#: The version of the feed's format (major.minor); adding an optional field bumps the minor part.
SCHEMA_VERSION = "1.0"


class Op(enum.StrEnum):
    """变更类别: what a change is about."""

    DOCUMENT = "document"  # an edition entered (or left) the published collection
    SUPERSEDED = "superseded"  # an edition was superseded by a later one
    STATUS = "status"  # an edition's status changed otherwise (withdrawn …)
    LINE = "line"  # a line (鉴定点) was added, changed or retired
    BLUEPRINT = "blueprint"  # a published blueprint's bytes changed
    REFERENCE = "reference"  # the 大典 changed an occupation a document certifies


class ChangeKind(enum.StrEnum):
    """变化: added, removed, changed or retired."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RETIRED = "retired"


class Kind(enum.StrEnum):
    """发布类型: major when a document, a line or a 鉴定点 was added or removed, else minor."""

    MAJOR = "major"
    MINOR = "minor"


class Counts(Out):
    """How many changes of each op the release has."""

    document: int = Field(title="文档", ge=0)
    superseded: int = Field(title="被替代", ge=0)
    status: int = Field(title="状态", ge=0)
    line: int = Field(title="条目", ge=0)
    blueprint: int = Field(title="考核蓝图", ge=0)
    reference: int = Field(title="参考数据", ge=0)


class ReleaseSummary(Out):
    """One release of the collection, as the index lists it."""

    release: str = Field(title="发布", description="The release's name, e.g. 2026.12.")
    date: str = Field(title="发布日期", description="YYYY-MM-DD.")
    previous: str | None = Field(title="上一发布", description="The release before it; null for the first.")
    kind: Kind = Field(title="发布类型", description="major | minor (see Kind).")
    counts: Counts = Field(title="变更数量", description="Changes by op.")
    documents: int = Field(title="文档数", ge=0, description="Editions the release records.")
    snapshot_sha256: str = Field(
        title="状态摘要",
        description="SHA-256 of the whole published state the release records (every edition's status, "
        "revision, source, line digests and blueprint digests; not its name or date): equal in two releases "
        "when nothing changed.",
    )
    changes: str = Field(
        title="变更清单", description="The release's changes, relative to the index: <release>.jsonl."
    )
    changes_sha256: str = Field(title="变更清单摘要", description="SHA-256 of that file.")
    notes: str = Field(
        title="发布说明", description="Release notes in Chinese, relative to the index: <release>.md."
    )


class ChangesIndex(Out):
    """变更索引: every release of the collection, oldest first."""

    schema_version: str = Field(title="格式版本", description="major.minor of this format.")
    latest: str | None = Field(title="最新发布", description="The newest release; null when there is none.")
    releases: list[ReleaseSummary] = Field(title="发布", description="Oldest first.")


class Change(Out):
    """One change, one line of ``<release>.jsonl``. Fields that do not apply to the op are left out.

    - ``document``: ``change`` added (removed); ``blueprints`` the edition's published blueprints.
    - ``superseded``: ``superseded_by``, ``effective`` (the successor's 施行日期) and ``exam_until`` (过渡期).
    - ``status``: ``was`` and ``now`` are the statuses; ``exam_until`` the withdrawn date, if any.
    - ``line``: one crosswalk row into ``ref`` (``codes`` the new codes, ``earlier`` the old ones, its
      ``relation`` and ``note``; ``retired`` rows carry ``exam_until``), or one 勘误 of ``ref`` (``codes`` the
      line, relation ``wording``, ``was`` and ``now`` its texts, ``date``); ``blueprints`` those it touches.
    - ``blueprint``: ``level``, ``was`` and ``now`` the sha256 of its bytes (null when absent).
    - ``reference``: a 大典 release (``source``, ``date``) that added, renamed or removed ``occupation``;
      ``was`` and ``now`` the names.
    """

    OMITTED_WHEN_NONE: ClassVar[frozenset[str]] = frozenset(
        {
            "blueprints",
            "superseded_by",
            "effective",
            "exam_until",
            "was",
            "now",
            "codes",
            "earlier",
            "relation",
            "note",
            "date",
            "level",
            "occupation",
            "source",
        }
    )

    @staticmethod
    def unused(value: object) -> bool:
        """A field that does not apply is None and left out; an empty list says something (``earlier: []``: a
        new line had none) and stays."""
        return value is None

    release: str = Field(title="发布", description="The release the change arrived in.")
    op: Op = Field(title="变更类别")
    change: ChangeKind = Field(title="变化")
    document: str = Field(title="标识", description="The document's id.")
    ref: str = Field(title="版本引用", description="The edition the change is about, id@edition.")
    occupations: list[str] = Field(
        title="职业编码", description="The 大典 codes the document certifies (a feed per code lists it)."
    )
    blueprints: list[str] | None = Field(
        default=None, title="考核蓝图", description="Site-relative URLs of the blueprints concerned."
    )
    superseded_by: str | None = Field(default=None, title="替代版本", description="id@edition.")
    effective: str | None = Field(default=None, title="新版施行日期", description="YYYY-MM-DD.")
    exam_until: str | None = Field(default=None, title="最后鉴定日期", description="YYYY-MM-DD.")
    was: str | None = Field(default=None, title="原值", description="Before (see the op).")
    now: str | None = Field(default=None, title="现值", description="After (see the op).")
    codes: list[str] | None = Field(default=None, title="鉴定点代码", description="Full codes in ref.")
    earlier: list[str] | None = Field(
        default=None, title="原代码", description="Full codes in the superseded edition."
    )
    relation: Relation | None = Field(default=None, title="变化类型")
    note: str | None = Field(
        default=None, title="修订说明", description="The crosswalk row's note or reason."
    )
    date: str | None = Field(
        default=None, title="日期", description="YYYY-MM-DD of the 勘误 or 大典 release."
    )
    level: str | None = Field(default=None, title="等级", description="The blueprint's level key.")
    occupation: str | None = Field(default=None, title="职业编码", description="The 大典 code concerned.")
    source: str | None = Field(default=None, title="来源", description="The 大典 release's title.")
