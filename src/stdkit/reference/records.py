"""The records of the reference data: occupations, earlier codes and names, releases, catalogue items.

Plain frozen values; nothing here reads a file or knows how a check words a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TypeAlias

from stdkit.config import Pending
from stdkit.errors import SetupError
from stdkit.messages import Message, say

__all__ = [
    "UNVERIFIED",
    "Category",
    "Dataset",
    "Group",
    "LegacyCode",
    "Occupation",
    "Pending",
    "Qualification",
    "ReferenceDataError",
    "Release",
    "Rename",
    "Resolution",
    "Status",
    "WorkType",
]

Status: TypeAlias = Literal["ok", "unknown", "legacy", "name-mismatch", "renamed", "pending"]
Group: TypeAlias = Literal["professional", "skill"]
#: 未核实: the source does not establish the category; messages print it as is.
Category: TypeAlias = Literal["准入类", "水平评价类", "未核实"]
UNVERIFIED: Literal["未核实"] = "未核实"


@dataclass(frozen=True, slots=True)
class Occupation:
    """A 细类 (occupation) of the 大典, with its 大类 (major), 中类 (middle) and 小类 (minor)."""

    code: str
    name: str
    flag: str | None  # "S" 数字职业, "L" 绿色职业, "L/S" both, None neither
    major: str
    major_name: str
    middle: str
    middle_name: str
    minor: str
    minor_name: str
    since: str = ""  # the edition ("2022") or the release id ("2024") that published it

    @property
    def digital(self) -> bool:
        """数字职业 (flag S)."""
        return self.flag is not None and "S" in self.flag

    @property
    def green(self) -> bool:
        """绿色职业 (flag L)."""
        return self.flag is not None and "L" in self.flag


@dataclass(frozen=True, slots=True)
class LegacyCode:
    """An earlier code under its old name, and the current code of the same occupation (None if unknown).

    ``candidates`` are current codes the source names as where the occupation went when there is no single
    successor (育婴员 4-10-01-02 → 4-10-01-01 or 4-10-01-03).
    """

    code: str
    name: str
    successor: str | None
    note: str
    verified: bool
    source: str = ""
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rename:
    """An occupation known by an earlier or other name (4-14-02-01 营养师, formerly 公共营养师).

    ``release`` is the release id that renamed it, or None for a name earlier than the edition.
    """

    code: str
    name: str
    earlier_name: str
    legacy_code: str | None
    note: str
    verified: bool
    source: str = ""
    release: str | None = None


@dataclass(frozen=True, slots=True)
class WorkType:
    """A 工种 of an occupation published by a release; ``code`` is None where the source gives none."""

    occupation: str
    name: str
    code: str | None
    source: str
    verified: bool
    release: str


@dataclass(frozen=True, slots=True)
class Release:
    """A later release of the 大典 (new occupations, renames, removals, 工种), applied in order after an edition."""

    id: str
    applies_to: str
    date: str
    title: str
    label: str
    source: str
    path: str
    added: tuple[Occupation, ...] = ()
    renamed: tuple[Rename, ...] = ()
    removed: tuple[LegacyCode, ...] = ()
    work_types: tuple[WorkType, ...] = ()
    unassigned: tuple[str, ...] = ()  # codes of `added` whose release is not verified
    notes: tuple[str, ...] = ()

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True, slots=True)
class Qualification:
    """An item of the 国家职业资格目录."""

    id: str
    name: str
    group: Group
    category: Category
    departments: tuple[str, ...]
    related_occupations: tuple[str, ...]
    aliases: tuple[str, ...]
    verified: bool
    departments_verified: bool = False
    category_note: str | None = None
    note: str | None = None
    category_verified: bool = True
    name_verified: bool = True

    @property
    def licensing(self) -> bool:
        """准入类: the qualification is required to practise."""
        return self.category == "准入类"

    @property
    def display_name(self) -> str:
        """The name as English messages print it: a group name that is a guess says so."""
        return self.display("en")

    def display(self, lang: str) -> str:
        """The name as messages in ``lang`` print it: a group name that is a guess says so."""
        return self.name if self.name_verified else say("reference.guess", lang, name=self.name)

    @property
    def category_label(self) -> str:
        """准入类, 水平评价类, 未核实, or a category whose source is not verified (准入类，未核实)."""
        if self.category == UNVERIFIED or self.category_verified:
            return self.category
        return f"{self.category}，{UNVERIFIED}"


@dataclass(frozen=True)
class Dataset:
    """Which edition of a reference dataset is loaded, and where it comes from."""

    title: str
    edition: str
    source: str
    issuer: str | None = None
    date: str | None = None
    verified: bool | None = None
    totals: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    notes: tuple[str, ...] = ()
    label: str | None = None  # how the basis names it: 职业分类大典（2022年版）


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the 大典 (current state) says about "code X with name Y" in a document.

    status
        ``ok``            the code is a current code and the name (if given) is its current name;
        ``renamed``       the code is a current code and the name is a known earlier name of it;
        ``legacy``        an earlier code: absent now, or reused for another occupation and the document's name is
                          the old one (4-02-07-10 网约配送员);
        ``name-mismatch`` the code is a current code whose name is not the document's name;
        ``pending``       not published, but declared by the collection as under public notice (公示);
        ``unknown``       none of the above.
    occupation
        the current occupation the document means: the one at the code (ok, renamed, name-mismatch) or its
        successor (legacy); None when unknown.
    successor
        the code to use instead, where one is known. For ``renamed`` it is the code itself.
    expected_name
        the current name the document should use (None when no occupation is known).
    legacy
        the note behind a ``legacy`` or ``renamed`` status, when there is one.
    verified
        whether the fact behind the status is verified in the source data; an unverified one is worded as such.
    rename
        the rename behind a ``renamed`` status.
    pending
        the collection's declaration behind a ``pending`` status.
    """

    status: Status
    occupation: Occupation | None
    successor: str | None
    expected_name: str | None
    legacy: LegacyCode | None = None
    verified: bool = True
    note: str = ""
    rename: Rename | None = None
    pending: Pending | None = None


class ReferenceDataError(SetupError):
    """A reference data file cannot be read or is not in the expected shape."""

    def __init__(self, path: Path | str, message: Message | str) -> None:
        super().__init__("reference.file", path=path, problem=message)
        self.path = path
        self.message = str(message)  # in English, as the tests and the log quote it
