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
# Chinese search: Sphinx segments the pages with jieba (the extra `docs` installs it). The manual's own
# dictionary (jieba_user.txt beside this file) keeps the domain's words whole (鉴定点, 细目表, 职业功能…),
# so that a reader's query, which the browser does not segment, matches a term of the index.
html_search_language = "zh"
html_search_options = {"dict": str(Path(__file__).parent / "jieba_user.txt")}
