"""Scaffolds for `stdkit new`: a valid document of each kind that an author fills in.

Templates live in ``stdkit/templates/<kind>.yaml``; they validate clean as written (a test
checks it), so an author starts from a green `stdkit validate` and keeps it green.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from stdkit.model import Kind
from stdkit.model.common import ID_PATTERN

PLACEHOLDER_CODE = "6-31-01-03"


def render(kind: Kind, document_id: str, *, edition: str, title: str, schema_prefix: str) -> str:
    if not re.match(ID_PATTERN, document_id):
        raise ValueError(f"{document_id!r} is not a valid id: use letters, digits, '.', '_' or '-'")
    template = resources.files("stdkit").joinpath("templates", f"{kind}.yaml").read_text(encoding="utf-8")
    code = document_id if re.fullmatch(r"\d-\d{2}-\d{2}-\d{2}", document_id) else PLACEHOLDER_CODE
    return template.format(
        id=document_id, edition=edition, title=title, code=code, schema_prefix=schema_prefix
    )


def schema_prefix(target: Path, schema_dir: Path) -> str:
    """The relative path from the new file's folder to ``schema/``, for the editor modeline."""
    import os

    relative = os.path.relpath(schema_dir.resolve(), target.parent.resolve())
    return Path(relative).as_posix().rstrip("/") + "/"
