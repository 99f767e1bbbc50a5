"""Front matter (说明, 发布通知, 编制与审定): what a reader of the printed standard would find wrong in it.

Why: the front matter is printed as written and stdkit never composes it, so the only thing to check
is that what the author transcribed is consistent — a 大典 edition stdkit can resolve codes against,
a 施行日期 that does not precede the 发布日期, and the 主要起草单位 a published national standard names.
This module reads one document; it never fills in a missing field.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdkit.collection import AnyEntry
from stdkit.diagnostics import Diagnostic, Severity, Wording, rule
from stdkit.model import OccupationalStandard, Status
from stdkit.model.common import CLASSIFICATION_EDITIONS

R_EDITION = rule(
    "FRM901",
    "frontmatter",
    Severity.ERROR,
    "`classification_edition` is not an edition of the 职业分类大典 that stdkit knows.",
    f"Write the edition the document was written against: {' or '.join(map(repr, CLASSIFICATION_EDITIONS))}.",
    bad='classification_edition: "2019"',
    good='classification_edition: "2015"',
    detail="「{edition}」 is not a 职业分类大典 edition stdkit knows.",
    zh=Wording(
        "`classification_edition` 不是 stdkit 所知的《职业分类大典》版本。",
        f"请写出编写本文件时依据的大典版本：{'或'.join(f'「{e}」' for e in CLASSIFICATION_EDITIONS)}。",
        "「{edition}」不是 stdkit 所知的《职业分类大典》版本。",
    ),
)
R_EFFECTIVE = rule(
    "FRM902",
    "frontmatter",
    Severity.ERROR,
    "`publication.effective` (施行日期) is before `issued` (发布日期).",
    "Copy both dates from the notice: a standard takes effect on or after the day it is issued.",
    bad="issued: 2019-12-30\npublication:\n  effective: 2019-01-01",
    good="issued: 2019-12-30\npublication:\n  effective: 2020-01-01",
    detail="施行日期 {effective} is before the 发布日期 {issued}.",
    zh=Wording(
        "`publication.effective`（施行日期）早于 `issued`（发布日期）。",
        "请按发布通知抄录这两个日期：标准的施行日期不会早于发布日期。",
        "施行日期 {effective} 早于发布日期 {issued}。",
    ),
)
R_NO_UNITS = rule(
    "FRM903",
    "frontmatter",
    Severity.INFO,
    "A published national standard records its front matter without its 主要起草单位 (`drafting.units`).",
    "Add `drafting: {units: [...]}` in the order the printed standard lists them.",
    bad="status: published\nforeword: |\n  本标准……",
    good="status: published\nforeword: |\n  本标准……\ndrafting:\n  units: [某电力职业技术学院]",
    zh=Wording(
        "已发布的国家职业技能标准录入了前言等内容，却没有主要起草单位（`drafting.units`）。",
        "请按印刷本所列顺序加入 `drafting: {units: [...]}`。",
    ),
)


def check(entry: AnyEntry) -> Iterator[Diagnostic]:
    document = entry.document
    edition = document.classification_edition
    if edition is not None and edition not in CLASSIFICATION_EDITIONS:
        yield entry.at(("classification_edition",), R_EDITION, edition=edition)
    effective = document.publication.effective if document.publication else None
    if effective is not None and document.issued is not None and effective < document.issued.as_date:
        yield entry.at(
            ("publication", "effective"),
            R_EFFECTIVE,
            effective=effective.isoformat(),
            issued=document.issued.isoformat(),
        )
    yield from _units(entry)


def _units(entry: AnyEntry) -> Iterator[Diagnostic]:
    """Only a document that transcribes its front matter is asked for the units.

    A document without any front matter has not transcribed it (yet); asking every such document
    would flag each legacy file of a collection with a note it cannot act on one field at a time.
    """
    document = entry.document
    if not isinstance(document, OccupationalStandard) or document.status is not Status.PUBLISHED:
        return
    if document.drafting is not None and document.drafting.units:
        return
    if document.drafting is not None:
        yield entry.at(("drafting",), R_NO_UNITS, key=True)
    elif document.foreword is not None or document.publication is not None:
        where = "foreword" if document.foreword is not None else "publication"
        yield entry.at((where,), R_NO_UNITS, key=True)
