"""The live preview's memory: what `stdkit serve` tells the author on every rebuild.

A preview must not hide a mistake. On every rebuild the terminal gets the findings that are new
since the previous one (file:line:col, code, message) and a count of all; a page whose document has
errors carries a banner listing them; and a document that no longer loads (a YAML slip while
typing) keeps its page at the same address, showing the findings above the last version that did
load, instead of vanishing into a 404. Only the preview uses this: `stdkit build` publishes
nothing with errors. Author text reaches HTML only through :mod:`stdkit.site.html`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from stdkit.collection import Entry
from stdkit.diagnostics import Diagnostic, Severity
from stdkit.messages import Message, say
from stdkit.run.report import Report
from stdkit.site.html import block, text

#: The preview of this process, set by `stdkit serve` before it starts mkdocs. mkdocs makes new
#: plugin instances on every rebuild (a plugin that persists, through ``on_startup``, persists for the
#: whole process and would keep one collection's settings for the next build), so the session's
#: memory lives here.
session: Preview | None = None

_NAMES = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_HEADINGS = {
    ("zh", True): "本文档有错误，修正后才能发布：",
    ("zh", False): "本文档现在无法加载，下面是上一次成功加载时的内容。请先修正：",
    ("en", True): "This document has errors; fix them before it can be published:",
    ("en", False): "This document no longer loads; below is its content as it last loaded. Fix first:",
}
_LOG_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.INFO: logging.INFO}


@dataclasses.dataclass
class Preview:
    """State kept across the rebuilds of one `stdkit serve` session."""

    shown: frozenset[Diagnostic] = frozenset()
    lang: str = "en"  # of the terminal lines (the pages are Chinese)
    pages: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # file → (uri, page)

    def news(self, report: Report[Entry]) -> list[tuple[int, str]]:
        """Terminal lines for this rebuild, each with its logging level (an error finding is logged as an
        error): the findings not reported by the previous one, then a count."""
        current = frozenset(report.diagnostics)
        new = sorted(current - self.shown)
        fixed = len(self.shown - current)
        self.shown = current
        counts = report.counts()
        lines = [(_LOG_LEVELS[d.severity], d.localized(self.lang).render()) for d in new]
        tally = {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING], "new": len(new)}
        lines.append(
            (
                logging.INFO,
                say("cli.prefix", self.lang, text=Message("serve.tally", {**tally, "gone": fixed})),
            )
        )
        return lines

    def pages_for(self, report: Report[Entry], pages: dict[str, str | bytes], uris: dict[str, str]) -> None:
        """Add banners to ``pages`` (uri → Markdown) in place, and keep the page of a document that no
        longer loads. ``uris`` maps each loaded document's file (as diagnostics name it) to its page."""
        by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in report.diagnostics:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        for path, uri in uris.items():
            page = pages.get(uri)
            if not isinstance(page, str):
                continue
            self.pages[path] = (uri, page)
            errors = [d for d in by_path.get(path, ()) if d.severity is Severity.ERROR]
            if errors:
                pages[uri] = with_banner(page, banner(errors, loaded=True, lang=self.lang))
        for path, (uri, page) in list(self.pages.items()):
            if path in uris:
                continue
            found = by_path.get(path)
            if not found or uri in pages:
                del self.pages[path]  # the file is gone, or another document took the address
                continue
            pages[uri] = with_banner(page, banner(found, loaded=False, lang=self.lang))


def start(lang: str = "en") -> Preview:
    """Begin a preview session for this process (`stdkit serve` only); ``lang`` is the terminal's."""
    global session  # noqa: PLW0603  # one serve per process; see `session`
    session = Preview(lang=lang)
    return session


def banner(diagnostics: Sequence[Diagnostic], *, loaded: bool, lang: str = "zh") -> str:
    """The HTML block that opens a page whose document has findings, in ``lang`` (the session's, as the
    terminal lines are: the author reads one language in both)."""
    words = "en" if lang == "en" else "zh"
    heading = _HEADINGS[words, loaded]
    names = _NAMES[words]
    items = "".join(
        f"<li><code>{text(f'{d.path}:{d.line}:{d.col}')}</code> <code>{text(d.code)}</code> "
        f'<span class="sk-sev sk-sev--{d.severity.label}">{names[d.severity]}</span> {text(d.text(words))}</li>'
        for d in sorted(diagnostics)
    )
    return block(
        f'<div class="admonition failure sk-preview-errors"><p class="admonition-title">{heading}</p>'
        f"<ul>{items}</ul></div>"
    )


def with_banner(page: str, html: str) -> str:
    """``page`` with ``html`` right under its heading (after the front matter and ``# title``)."""
    start = page.find("\n# ")
    if start < 0:
        return html + page
    end = page.find("\n", start + 1)
    end = len(page) if end < 0 else end + 1
    return page[:end] + html + page[end:]
