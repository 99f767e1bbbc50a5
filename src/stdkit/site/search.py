"""The site's search: a chunked static Pagefind index, so a visitor downloads only what a query needs.

Material's own search ships one ``search_index.json`` that every visitor downloads on the first
keystroke (55 MB at 1,000 documents). Pagefind instead writes a small entry file plus index
fragments keyed by word; the browser fetches the fragments of the words typed. Its extended build
segments Chinese at index time and its UI segments the query with ``Intl.Segmenter``.

A national collection is indexed in parts of :data:`PART_PAGES` pages, one Pagefind process at a time (each
holds its whole part in memory: 1.35 GB for 2,000 pages): the first part is the bundle ``pagefind/``, the others
``pagefind/part-2/`` …, listed in ``pagefind/parts.js``, which the search page merges at query time
(``mergeIndex``: the other parts share the first one's WebAssembly, so they keep only their index).

Only document pages are indexed (``data-pagefind-body``), with their title, edition and levels as
metadata (``data-pagefind-meta``) so a result reads 「电工（2018年版）· 初级工—高级技师」 and its
snippet is a sentence of the document, not the labels of its header run together.

This module marks pages and runs the indexer; it never decides what a page says (that is
:mod:`stdkit.site.pages`) and never touches a folder other than the one it is given.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import re
import shutil
import subprocess
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from stdkit.messages import Localized
from stdkit.site.html import attr, text

#: The index's folder below the site root.
BUNDLE = "pagefind"
SEARCH_URI = "search.md"
#: The theme's header ends its bar with this element's closing tag; the header's search box goes before it.
_HEADER = '<header class="md-header"'
_PLACEHOLDER = "搜索标准、职业、技能要求……"
#: A document page's header facts (类型, 标识, 状态 … as label/value pairs).
HEADER_CLASS = "sk-header-facts"
#: Not sentences of the document: the weight charts' axis labels, the heading anchors (¶), the header
#: facts, a line's number and 重要程度 badge (a snippet read "Y 2.1.3 能…" with them), and the tables'
#: column headings (「职业功能工作内容技能要求相关知识要求」 ran together before a row's first cell).
EXCLUDE = f"svg, .headerlink, .{HEADER_CLASS}, .sk-num, .sk-imp, thead"
_ARTICLE = '<article class="md-content__inner md-typeset">'
#: A weight chart (stdkit.site.chart: never nested, and author text is escaped, so never ``<svg`` itself).
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
TIMEOUT = 1800  # seconds; a national collection indexes in a few minutes
#: Pages a Pagefind process indexes before its part is written and the next process starts: its memory
#: grows with its pages (about 250 KB a page, twice that while it writes), so a part bounds a build's peak.
PART_PAGES = 1000
#: Pages handed to the indexer that its sender has not passed to Pagefind yet (about 100 KB each): Python renders
#: the next pages while Pagefind parses, and while it writes a part, without waiting on either.
QUEUED_PAGES = 500
#: Written beside the bundle: the other parts' folders, for the search page's ``mergeIndex``.
PARTS_SCRIPT = "parts.js"


def _kept_in_part(path: Path) -> bool:
    """What a part other than the first keeps: its index (entry, language meta, chunks, fragments, filters), not
    a copy of the first one's scripts, styles and WebAssembly."""
    return path.is_dir() or path.name == "pagefind-entry.json" or path.suffix == ".pf_meta"


SETTLE = 60  # seconds for the written index to be whole on disk (it is, within milliseconds)


class SearchIndexError(Localized):
    """Pagefind is missing or failed; the message says why and what to do."""


def executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind-bin-extended`` wheel (the one that segments Chinese)."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]  # no stubs
    except ImportError as exc:
        raise SearchIndexError("search.missing") from exc
    return Path(get_executable())


class Indexer:
    """Pagefind's indexing service, fed page by page while mkdocs is still writing the site.

    ``pagefind --service`` reads requests on stdin (base64 JSON, each followed by a comma) and
    answers on stdout the same way. The pages are sent as they are rendered, so Pagefind parses
    and segments them on the machine's other core while Python renders the next ones; the index
    is written once all pages are in (:meth:`write`). Pages are indexed in the order they are
    added, so the bundle is the same bytes on every build of the same site. A thread drains the
    answers, so neither side waits on a full pipe; the first error is kept and raised.

    :meth:`add` queues a page (up to :data:`QUEUED_PAGES`) for a sender thread, which alone talks to
    Pagefind until :meth:`write`: the pages' rendering never waits on Pagefind's parsing nor on a part
    being written (Python waited there before, most of a national site's page stage: 27 % of its wall
    time at 1,000 pages, waiting on a full pipe or a part's write). A sender's error is raised by the
    next :meth:`add` or by :meth:`write`.
    """

    def __init__(self, scratch: Path | None = None, part_pages: int | None = None) -> None:
        """``scratch``: a folder of the build's own where the parts wait for :meth:`write` (removed after; by
        default a temporary folder); ``part_pages``: the pages of a part (:data:`PART_PAGES`)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._part_pages = PART_PAGES if part_pages is None else part_pages
        self._in_part = 0  # pages sent to the running process
        self._parts: list[Path] = []  # the parts written, in order, in a folder of their own
        self._scratch_at = scratch
        self._scratch: Path | None = None
        self._index = 0
        self._sent = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._ended = False  # the service closed its output
        self._done = threading.Condition()
        self._reader: threading.Thread | None = None
        #: pages waiting for the sender (None: no more), the sender, and what stopped it
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=QUEUED_PAGES)
        self._sender: threading.Thread | None = None
        self._failure: Exception | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is not None:
            return self._process
        try:
            self._process = subprocess.Popen(
                [str(executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,  # unbuffered: a read returns what has arrived; each page is one write
                stderr=subprocess.DEVNULL,  # its logs; errors come back as answers
            )
        except OSError as exc:
            raise SearchIndexError("search.cannot_run", problem=exc) from exc
        self._answers, self._errors, self._ended, self._in_part = {}, [], False, 0
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()
        options = {"exclude_selectors": [s.strip() for s in EXCLUDE.split(",")], "keep_index_url": True}
        answer = self._ask({"type": "NewIndex", "config": options})
        self._index = int(answer["index_id"])
        return self._process

    def add(self, uri: str, html: str) -> None:
        """Index one written page; ``uri`` is its path below the site root (``standards/x/2018.html``). Queued:
        the sender passes it on (raises the error that stopped the sender, if one did)."""
        self._raise_failure()
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_pages, name="pagefind-pages", daemon=True)
            self._sender.start()
        self._queue.put((uri, html))

    def _send_pages(self) -> None:
        """The sender thread: the queued pages to Pagefind in order until told to stop; after an error it only
        empties the queue (so that :meth:`add` never waits on a full one), the error kept for the caller."""
        while (page := self._queue.get()) is not None:
            if self._failure is not None:
                continue
            try:
                self._add_now(*page)
            except Exception as exc:  # raised to the caller by add() or write()
                self._failure = exc

    def _drain(self) -> None:
        """Every queued page sent, and the sender stopped; raises the error that stopped it, if one did."""
        sender, self._sender = self._sender, None
        if sender is not None:
            self._queue.put(None)
            sender.join()
        self._raise_failure()

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _add_now(self, uri: str, html: str) -> None:
        if self._process is not None and self._in_part >= self._part_pages:
            self._write_part()
        self._start()
        self._in_part += 1
        self._send(
            {
                "type": "AddFile",
                "index_id": self._index,
                "url": f"/{uri}",
                "file_path": None,
                "file_contents": html,
            }
        )

    def write(self, site_dir: Path) -> None:
        """Write the bundle into ``site_dir/pagefind`` (after the last page) and stop the service: the last part,
        then every part moved in, the first as the bundle, and ``parts.js`` naming the others."""
        try:
            self._drain()
            if self._process is not None or not self._parts:
                self._write_part()
            bundle = site_dir / BUNDLE
            if bundle.exists():
                shutil.rmtree(bundle)
            first, *others = self._parts
            shutil.move(first, bundle)
            names = []
            for number, part in enumerate(others, start=2):
                names.append(f"part-{number}/")
                (bundle / names[-1]).mkdir()
                for path in sorted(part.iterdir()):
                    if _kept_in_part(path):
                        shutil.move(path, bundle / names[-1] / path.name)
            write_parts_script(bundle, names)
        finally:
            self.close()

    def _write_part(self) -> None:
        """The running process's pages written as the next part (in a scratch folder until :meth:`write`), and
        the process stopped: its memory goes with it."""
        import tempfile

        self._start()
        if self._scratch is None and self._scratch_at is not None:
            shutil.rmtree(self._scratch_at, ignore_errors=True)  # a killed build's
            self._scratch_at.mkdir(parents=True)
            self._scratch = self._scratch_at
        elif self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="stdkit-pagefind-"))
        folder = self._scratch / str(len(self._parts) + 1)
        try:
            self._ask({"type": "WriteFiles", "index_id": self._index, "output_path": str(folder)})
            _settle(folder)
        finally:
            self._stop()
        self._parts.append(folder)

    def close(self) -> None:
        """Stop the service and remove the parts not moved into a site (a failed build: nothing is written)."""
        try:
            with contextlib.suppress(Exception):  # the build's own error is the one said
                self._drain()
            self._stop()
        finally:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None
            self._parts = []

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()  # type: ignore[union-attr]  # opened with PIPE
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join()
        if process.stdout is not None:
            process.stdout.close()

    def _send(self, payload: dict[str, Any]) -> int:
        assert self._process is not None and self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode()) + b",")
        except OSError as exc:  # the service died: its answers say why
            self._fail(f"it stopped ({exc})")
        self._raise()
        return self._sent

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        number = self._send(payload)
        assert self._process is not None and self._process.stdin is not None
        with self._done:
            self._done.wait_for(
                lambda: number in self._answers or bool(self._errors) or self._ended, timeout=TIMEOUT
            )
        self._raise()
        if number not in self._answers:
            if self._ended:
                raise SearchIndexError("search.stopped")
            raise SearchIndexError("search.silent", seconds=TIMEOUT)
        return self._answers.pop(number)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout, pending = self._process.stdout, b""
        while chunk := stdout.read(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for message in messages:
                self._receive(json.loads(base64.b64decode(message)))
        with self._done:
            self._ended = True
            self._done.notify_all()

    def _receive(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self._fail(str(payload.get("message")))
        elif payload.get("type") != "IndexedFile":  # pages need no answer; the others are awaited
            with self._done:
                self._answers[int(answer.get("message_id") or 0)] = payload
                self._done.notify_all()

    def _fail(self, why: str) -> None:
        with self._done:
            self._errors.append(why)
            self._done.notify_all()

    def _raise(self) -> None:
        if self._errors:
            raise SearchIndexError("search.said", problem=self._errors[0])


def index(site_dir: Path) -> None:
    """Write the Pagefind bundle into ``site_dir/pagefind`` from the HTML pages already in ``site_dir``.

    The merge of a sharded build (:mod:`stdkit.shards`) has only the written pages to go by; a whole
    build feeds its pages to :class:`Indexer` as they are rendered. Both send the marked (document) pages
    in the order of their paths, in parts of :data:`PART_PAGES`, so both index the same records in the
    same parts; the order of words within the chunks (and so their bytes) may differ.
    """
    indexer = Indexer(site_dir.with_name(site_dir.name + "-pagefind"))
    try:
        pages = sorted((path.relative_to(site_dir).as_posix(), path) for path in site_dir.rglob("*.html"))
        for uri, path in pages:
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" in html:  # Pagefind's crawl indexes only these when any page has one
                indexer.add(uri, html)
        indexer.write(site_dir)
    finally:
        indexer.close()


def write_parts_script(bundle: Path, parts: list[str]) -> None:
    """``parts.js``: the folders (relative to the bundle) of the index's other parts, for the search page."""
    (bundle / PARTS_SCRIPT).write_text(f"window.skSearchParts = {json.dumps(parts)};\n", encoding="utf-8")


def _settle(bundle: Path) -> None:
    """Wait until the bundle Pagefind answered for is whole on disk, while the service still runs.

    Pagefind 1.5's service answers ``WriteFiles`` before its last writes reach the disk (unflushed
    async files) and exits at once when its input closes, which can leave empty or cut files. So
    the bundle is read back: every compressed file must decompress, the entry must parse, and no
    size may change between two looks.
    """
    deadline = time.monotonic() + SETTLE
    whole: dict[Path, int] = {}  # file → the size at which it was read back whole
    while True:
        sizes = {path: path.stat().st_size for path in sorted(bundle.rglob("*")) if path.is_file()}
        fresh = {path: size for path, size in sizes.items() if whole.get(path) != size}
        if sizes and not fresh:  # every file whole, and the same size as at the previous look
            return
        whole.update((path, size) for path, size in fresh.items() if _whole(path, size))
        if time.monotonic() > deadline:
            raise SearchIndexError("search.not_whole", bundle=bundle)
        time.sleep(0.05)


def _whole(path: Path, size: int) -> bool:
    if size == 0:
        return False
    try:
        if path.suffix in {".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter"}:  # gzip
            stream = zlib.decompressobj(wbits=31)
            stream.decompress(path.read_bytes())
            return stream.eof  # a cut file ends before its gzip trailer
        if path.name == "pagefind-entry.json":
            return "version" in json.loads(path.read_bytes())
    except (OSError, ValueError, zlib.error):
        return False
    return True


def page() -> str:
    """The search page (Markdown with a raw HTML block): Pagefind's UI, with ``?q=`` prefilled."""
    return (
        '---\ntitle: "搜索"\nhide: [toc]\n---\n\n# 搜索\n\n'
        f'<link href="{BUNDLE}/pagefind-ui.css" rel="stylesheet">\n'
        f'<script src="{BUNDLE}/pagefind-ui.js"></script>\n'
        f'<script src="{BUNDLE}/{PARTS_SCRIPT}"></script>\n'
        '<div id="sk-search" class="sk-search"></div>\n'
        "<script>\n"
        'window.addEventListener("DOMContentLoaded", function () {\n'
        "  var parts = (window.skSearchParts || []).map(function (part) {\n"
        "    // a national index is written in parts; a relative path would be read from the first one's folder\n"
        f'    return {{bundlePath: new URL("{BUNDLE}/" + part, window.location.href).href, baseUrl: "/"}};\n'
        "  });\n"
        '  var ui = new PagefindUI({element: "#sk-search", showSubResults: true, showImages: false,\n'
        "    excerptLength: 40, resetStyles: false, mergeIndex: parts,\n"
        '    translations: {placeholder: "搜索标准、职业、技能要求……"}});\n'
        '  var box = document.querySelector("#sk-search input");\n'
        '  if (box) { box.setAttribute("aria-label", "搜索"); }  // Pagefind names it by a title only\n'
        '  var form = document.querySelector("#sk-search form");\n'
        '  if (form) { form.setAttribute("aria-label", "搜索本站文件"); }  // apart from the header\'s box\n'
        '  var q = new URLSearchParams(window.location.search).get("q");\n'
        "  if (q) { ui.triggerSearch(q); }\n"
        "});\n"
        "</script>\n\n"
    )


def form(action: str) -> str:
    """A search box that opens the search page (``action``: its relative URL) with the query."""
    return (
        f'<form class="sk-search-form" action="{attr(action)}" method="get" role="search" aria-label="首页搜索">'
        f'<input type="search" name="q" placeholder="{text(_PLACEHOLDER)}" aria-label="搜索">'
        '<button type="submit">搜索</button></form>'
    )


def with_header_form(html: str, action: str) -> str:
    """A rendered page with a search box at the end of the theme's header bar, opening the search page
    (``action``: its URL relative to the page) with the query.

    One engine at every collection size: Material's own search (one index file every visitor downloads,
    and an overlay that opened beside the search page from the same ``?q=``) is never used, so the theme
    draws no search box of its own. A page without the theme's header is returned unchanged.
    """
    start = html.find(_HEADER)
    end = html.find("</header>", start)
    if start < 0 or end < 0:
        return html
    bar_end = html.rfind("</nav>", start, end)
    if bar_end < 0:
        return html
    box = (
        f'<form class="sk-header-search" action="{attr(action)}" method="get" role="search" aria-label="站内搜索">'
        '<label for="sk-header-q" class="sk-visually-hidden">搜索</label>'
        f'<input id="sk-header-q" type="search" name="q" placeholder="{text(_PLACEHOLDER)}">'
        '<button type="submit" aria-label="搜索">'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27'
        "A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 "
        '12 5 9.5 5"/></svg></button></form>'
    )
    return html[:bar_end] + box + html[bar_end:]


def article(content: str, meta: dict[str, str] | None, language: str) -> str:
    """What the indexer reads of a page: its converted content as the theme's article, marked.

    Pagefind indexes only the marked article (``data-pagefind-body``) and reads the language from
    ``<html lang>``, so this is enough to index the page as it reads once the theme has wrapped it
    (``tests/test_site_indexer.py`` checks its records equal Pagefind's crawl of the site), and it can be sent before
    the theme renders: Pagefind then works on the other core while Python renders the rest. The charts are left
    out: Pagefind skips them (:data:`EXCLUDE`) but parsed them first, a tenth of its time on a document page.
    """
    content = _SVG.sub("", content) if "<svg" in content else content
    html = f'<!doctype html><html lang="{attr(language)}"><head></head><body>{_ARTICLE}{content}</article></body></html>'
    return mark(html, meta) if meta is not None else html


def mark(html: str, meta: dict[str, str]) -> str:
    """A rendered document page with its article as the indexed body and ``meta`` attached.

    ``meta`` values are author text; they are escaped here. Pages without the theme's article
    element are returned unchanged (and so stay out of the index).
    """
    if _ARTICLE not in html:
        return html
    spans = "".join(
        f'<span data-pagefind-meta="{attr(key)}">{text(value)}</span>' for key, value in meta.items()
    )
    # metadata is still read from an ignored element; the body attribute keeps menus and footers out
    opening = (
        '<article class="md-content__inner md-typeset" data-pagefind-body>'
        f"<div hidden data-pagefind-ignore>{spans}</div>"
    )
    return html.replace(_ARTICLE, opening, 1)
