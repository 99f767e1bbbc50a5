"""Scaffolds for `stdkit new`: a document of each kind that an author fills in.

Templates live in ``stdkit/templates/<kind>.yaml``. A scaffold passes `stdkit check` as written:
its only findings are the 「待填写」 placeholders (warnings while the document is a draft). It never
invents an occupation: the code comes from the id or from ``--occupation`` and its name from the
reference data, so a scaffold certifies nothing its author did not ask for. Author text (the title)
is written as a quoted YAML scalar, so it cannot add keys to the document.

Comments are Chinese first: a template's comment holds both languages, ``# 中文 ‖ English``, and
:func:`in_language` keeps the one asked for (``stdkit new --lang en`` / ``stdkit init --lang en``) before
any value is filled in, so nothing an author typed is ever read as a marker.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit import schemas
from stdkit.messages import Localized, Message
from stdkit.model import Kind
from stdkit.model.common import ID_PATTERN, OCCUPATION_CODE_PATTERN

#: The text an author replaces; a document that still has it is not finished (rules CNT511, CNT512).
PLACEHOLDER = "待填写"
DEFAULT_TITLE = f"{PLACEHOLDER}名称"
#: An id or edition becomes part of a file name and of blueprint URLs: path characters are refused.
_NAME = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Both languages of a comment: ``# 中文 ‖ English`` (the Chinese first).
BOTH = "‖"
#: A line's last comment before the marker is the one in two languages (``# a:  # 中文 ‖ English``).
_BOTH = re.compile(
    rf"^(?P<head>[^{BOTH}\n]*#[ \t]?)(?P<zh>[^{BOTH}#\n]*?)[ \t]*{BOTH}[ \t]*(?P<en>[^\n]*)$", re.MULTILINE
)

if TYPE_CHECKING:
    from stdkit.reference import ReferenceData


class ScaffoldError(Localized, ValueError):
    """An argument of `stdkit new` cannot make a document; the message says which and why."""


@dataclasses.dataclass(frozen=True, slots=True)
class OccupationChoice:
    """The occupation a scaffold names: its 大典 code and name, and the catalogue item it links to."""

    code: str
    name: str
    qualification: str | None = None  # item of the 国家职业资格目录 covering it, if any
    licensing: bool = False  # that item is 准入类


def choose_occupation(reference: ReferenceData, code: str) -> OccupationChoice | None:
    """The occupation of ``code`` as the reference data names it, with the catalogue item it must link
    to (a 准入类 licence first), or None when no occupation has the code."""
    found = reference.occupation(code)
    if found is None:
        return None
    items = reference.qualifications_for(code, found.name)
    licences = [item for item in items if item.licensing]
    chosen = (licences or list(items))[:1]
    return OccupationChoice(
        found.code, found.name, chosen[0].name if chosen else None, licensing=bool(licences)
    )


def check_name(what: Message | str, value: str) -> None:
    """Refuse an id or edition that is not a plain name (no path characters, no trailing newline)."""
    if not _NAME.fullmatch(value) or ".." in value:
        raise ScaffoldError("scaffold.bad_name", what=what, value=value)


def occupation_code(text: str) -> str | None:
    """``text`` when it is a 职业分类大典 code (X-XX-XX-XX, or a 工种 X-XX-XX-XX-XXX), else None."""
    return text if re.fullmatch(OCCUPATION_CODE_PATTERN.removeprefix("^").removesuffix("$"), text) else None


def in_language(template: str, lang: str) -> str:
    """``template`` with each ``# 中文 ‖ English`` comment in ``lang`` alone (``zh`` or ``en``)."""
    side = "en" if lang == "en" else "zh"
    return _BOTH.sub(lambda m: f"{m['head']}{m[side]}".rstrip(), template)


def render(
    kind: Kind,
    document_id: str,
    *,
    edition: str,
    title: str | None,
    schema_prefix: str,
    occupation: OccupationChoice | None,
    lang: str = "zh",
    workspace: bool = False,
) -> str:
    """The scaffold's text, its comments in ``lang``. ``occupation`` is required for a levelled kind
    (occupational standard, evaluation spec); a special competency lists it among its related
    occupations when given. The modeline names the collection's workspace schema with ``workspace``
    (:func:`schema_file`), else the kind's schema."""
    check_name(Message("scaffold.the_id"), document_id)
    check_name(Message("scaffold.the_edition"), edition)
    if title is not None and (not title.strip() or _CONTROL.search(title)):
        raise ScaffoldError("scaffold.bad_title", title=title)
    if occupation is None and kind is not Kind.SPECIAL_COMPETENCY:
        raise ScaffoldError("scaffold.not_a_code", id=document_id)
    if title is None:
        title = (
            occupation.name
            if occupation is not None and kind is Kind.OCCUPATIONAL_STANDARD
            else DEFAULT_TITLE
        )
    template = resources.files("stdkit").joinpath("templates", f"{kind}.yaml").read_text(encoding="utf-8")
    return in_language(template, lang).format(
        id=document_id,
        edition=edition,
        title=_quoted(title),
        code=occupation.code if occupation else "",
        name=_quoted(occupation.name) if occupation else "",
        related=f"[{occupation.code}]" if occupation else "[]",
        qualification=_qualification(occupation, lang),
        schema_prefix=schema_prefix,
        schema_file=schemas.WORKSPACE if workspace else f"{kind}.schema.json",
    )


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar: a JSON string is one, and nothing in it is read as YAML syntax."""
    return json.dumps(text, ensure_ascii=False)


def _qualification(occupation: OccupationChoice | None, lang: str) -> str:
    """The ``qualification:`` block (衔接) when the occupation is in the 国家职业资格目录, else a hint;
    its comments in ``lang`` (the item's name, from the reference data, is never read for markers)."""
    if occupation is None or occupation.qualification is None:
        return in_language(
            "# qualification:                  # 职业列入国家职业资格目录时必填 ‖ required when the occupation is "
            "in the 国家职业资格目录\n"
            "#   item: 特种作业人员\n"
            "#   relation: licence-required    # licence-required（准入类） | evaluation-basis（水平评价类） ‖ "
            "licence-required (准入类) | evaluation-basis (水平评价类)\n",
            lang,
        )
    relation = "licence-required" if occupation.licensing else "evaluation-basis"
    why = in_language(
        "# 准入类：从业仍须取得该许可 ‖ 准入类: the licence is still needed to practise"
        if occupation.licensing
        else "# 水平评价类 ‖ 水平评价类",
        lang,
    )
    heading = in_language(
        "qualification:                    # 该职业列入国家职业资格目录：请核对衔接 ‖ the occupation is in the "
        "国家职业资格目录: check the link",
        lang,
    )
    return (
        f"{heading}\n"
        f"  item: {_quoted(occupation.qualification)}\n"
        f"  relation: {relation}{' ' * max(1, 20 - len(relation))}{why}\n"
    )


def schema_file(kind: str, schema_dir: Path) -> str:
    """The schema a new file's modeline names in ``schema_dir``: the collection's workspace schema when
    ``stdkit schema`` has written it (the kind's schema with the collection's values), else the kind's."""
    return schemas.WORKSPACE if (schema_dir / schemas.WORKSPACE).is_file() else f"{kind}.schema.json"


def schema_prefix(target: Path, schema_dir: Path) -> str:
    """The relative path from the new file's folder to ``schema/``, for the editor modeline."""
    relative = os.path.relpath(schema_dir.resolve(), target.parent.resolve())
    return Path(relative).as_posix().rstrip("/") + "/"
