"""Where each page of the site lives: one function or constant per kind of page, used for the page
itself, for every link to it and for the navigation (a URL is never spelled twice)."""

from __future__ import annotations

from stdkit import blueprint, crosswalks
from stdkit.collection import AnyEntry, Entry

HOME_URI = "index.md"
CATEGORIES_URI = "categories/index.md"
CATALOGUE_URI = "catalogue.md"
CHECK_URI = "check.md"
SPECIALS_URI = "specials.md"


def doc_uri(entry: AnyEntry) -> str:
    return f"standards/{entry.document.id}/{entry.document.edition}.md"


def source_uri(entry: AnyEntry) -> str:
    return f"sources/{entry.document.id}/{entry.document.edition}.yaml"


def blueprint_uri(entry: Entry, level: str, suffix: str) -> str:
    return f"{blueprint.ROOT}/{blueprint.url(entry, level, suffix)}"


def category_uri(major: str) -> str:
    return f"categories/{major}/index.md"  # index.md: the section page of its nav entry


def middle_uri(major: str, middle: str) -> str:
    return f"categories/{major}/{middle}.md"


def crosswalk_uri(from_ref: str, to_ref: str) -> str:
    """The 新旧版本对照表 between two editions: ``crosswalks/<id>_<old>_<new>.md``, named as its crosswalk file
    (``crosswalks/<id>_<old>_<new>.yaml``), so the page is at ``crosswalks/<id>_<old>_<new>/``."""
    return f"{crosswalks.FOLDER}/{crosswalks.file_name(from_ref, to_ref).removesuffix('.yaml')}.md"
