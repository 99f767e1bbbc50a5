"""Reference data: the occupation classification (职业分类大典) in its current state and the 国家职业资格目录 (2021).

The package ships, in ``stdkit/data``:

``occupations_2022.json``
    every 细类 and 小类 of the 大典 2022 edition (code, name, 数字/绿色 flag) with its 大类/中类/小类;
``releases/2024.yaml``, ``releases/2025.yaml``
    the later releases (new occupations, renames, 工种), each with its date and source, applied in order;
``occupation_notes.yaml``
    codes and names that pre-2022 standards use and whose meaning changed (2015 → 2022);
``qualification_catalogue_2021.yaml``
    the catalogue items with category (准入类/水平评价类/未核实), departments and related occupations.

Every fact keeps the ``verified`` flag of its source. :mod:`~stdkit.reference.records` holds the values,
:mod:`~stdkit.reference.files` reads and validates the files, :mod:`~stdkit.reference.index` combines them into
:class:`ReferenceData`, whose :attr:`~ReferenceData.basis` names the state in one line.
"""

from stdkit.reference.files import CATALOGUE_FILE, NOTES_FILE, OCCUPATIONS_FILE, RELEASE_FILES
from stdkit.reference.index import Match, ReferenceData, load_reference
from stdkit.reference.records import (
    UNVERIFIED,
    Category,
    Dataset,
    Group,
    LegacyCode,
    Occupation,
    Pending,
    Qualification,
    ReferenceDataError,
    Release,
    Rename,
    Resolution,
    Status,
    WorkType,
)

__all__ = [
    "CATALOGUE_FILE",
    "NOTES_FILE",
    "OCCUPATIONS_FILE",
    "RELEASE_FILES",
    "UNVERIFIED",
    "Category",
    "Dataset",
    "Group",
    "LegacyCode",
    "Match",
    "Occupation",
    "Pending",
    "Qualification",
    "ReferenceData",
    "ReferenceDataError",
    "Release",
    "Rename",
    "Resolution",
    "Status",
    "WorkType",
    "load_reference",
]
