"""Sphinx configuration of the stdkit manual. Reference pages are generated from the code at build time."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "stdkit"
author = "stdkit maintainers"
copyright = "stdkit maintainers"
language = "zh_CN"
extensions = ["myst_parser", "stdkit_docs"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_title = "stdkit 使用手册"
suppress_warnings = ["myst.xref_missing"]
