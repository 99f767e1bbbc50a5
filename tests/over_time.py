"""A collection with editions over time, for the tests of what superseded, withdrawn and corrected
editions publish: the samples, where 6-31-01-03@2018 (which supersedes @2009) gives a 过渡期 and has a
勘误, 6-31-01-03@2009's own file still says published, and 4-14-02-01@2021 is withdrawn; its stdkit.toml
names the site's URL."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import STANDARDS

SITE_URL = "https://standards.example.org/sk"
CORRECTED = "6-31-01-03@2018"
FIXED_CODE = "L5/1.1.1"
FIXED_TEXT = "能识别常用低压电器的图形符号、文字符号"
PRINTED_TEXT = "能识别常用低压电器的图型符号、文字符号"
ERRATUM_DATE = "2024-03-01"
ERRATUM_NOTICE = "人社厅函〔2024〕12号"
TRANSITION_UNTIL = "2019-06-30"
WITHDRAWN = "4-14-02-01@2021"
WITHDRAWN_ON = "2025-06-30"


def collection_over_time(root: Path, *, site_url: str | None = SITE_URL) -> Path:
    """The collection described above, written into ``root`` (returned)."""
    folder = root / "standards"
    shutil.copytree(STANDARDS, folder)
    corrected = folder / "6-31-01-03_2018.yaml"
    text = corrected.read_text(encoding="utf-8")
    assert FIXED_TEXT in text
    text = text.replace(
        "  effective: 2018-12-26\n", f"  effective: 2018-12-26\n  transition_until: {TRANSITION_UNTIL}\n"
    )
    text += (
        f"\nerrata:\n  - date: {ERRATUM_DATE}\n    notice: {ERRATUM_NOTICE}\n    changes:\n"
        f"      - {{code: {FIXED_CODE}, from: {PRINTED_TEXT}, to: {FIXED_TEXT}}}\n"
    )
    corrected.write_text(text, encoding="utf-8")
    # the old edition's file still says published: its successor's ``supersedes`` is what supersedes it
    old = folder / "6-31-01-03_2009.yaml"
    old.write_text(
        old.read_text(encoding="utf-8").replace("status: superseded\n", "status: published\n", 1),
        encoding="utf-8",
    )
    withdrawn = folder / "4-14-02-01_2021.yaml"
    text = withdrawn.read_text(encoding="utf-8").replace(
        "status: published\n", f"status: withdrawn\nwithdrawn: {WITHDRAWN_ON}\n", 1
    )
    withdrawn.write_text(text, encoding="utf-8")
    if site_url is not None:
        (root / "stdkit.toml").write_text(f'[stdkit]\nsite_url = "{site_url}/"\n', encoding="utf-8")
    return root
