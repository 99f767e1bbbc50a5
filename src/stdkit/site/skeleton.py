"""A generated page's Markdown split into its headings (for Markdown) and its raw HTML (kept aside).

A page of :mod:`stdkit.site.pages` is front matter, Markdown headings and raw HTML blocks.
Python-Markdown copies those blocks through unchanged, but only after parsing every tag of them
with ``html.parser`` twice (its block parser, then mkdocs' anchor scan): about 100 ms per
document page, most of a national build. So the plugin hands Markdown the page's *skeleton* —
its front matter and headings, each HTML block replaced by a one-word paragraph — and puts the
blocks back in the converted HTML. Headings, their ids, permalinks and the table of contents are
still Markdown's own, so the page reads exactly as before.

Only pages of that shape are split: a block must be a run of lines that each begin with a
block-level start tag (what Markdown passes through raw). Anything else returns ``None`` and the
page goes through Markdown whole. Nothing here knows mkdocs; nothing here changes a page's text.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

#: Tags Python-Markdown treats as block-level (``markdown.Markdown().block_level_elements``, 3.x) —
#: a line that opens with one of them is passed through raw. Kept to those pages/ writes.
_BLOCK_TAGS = frozenset(
    {"div", "dl", "p", "h3", "h4", "h5", "h6", "details", "figure", "table", "ul", "ol", "form"}
)
_OPENING = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_HEADING = re.compile(r"#{1,6} \S")
#: A placeholder paragraph; the headings around it are escaped author text, which never holds ``<p>``.
_TOKEN = "stdkit-block-{}"
_PLACEHOLDER = re.compile(r"<p>stdkit-block-(\d+)</p>")
#: The same placeholder in a skeleton's Markdown (a paragraph of its own line).
_PLACEHOLDER_LINE = re.compile(r"^stdkit-block-(\d+)$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Skeleton:
    """A page's Markdown without its raw HTML blocks, and the blocks in order."""

    markdown: str
    blocks: tuple[str, ...]

    def fill(self, html: str) -> str:
        """The converted skeleton with every placeholder paragraph replaced by its HTML block."""
        return _PLACEHOLDER.sub(lambda m: self.blocks[int(m.group(1))], html)


def split(markdown: str) -> Skeleton | None:
    """The page's skeleton, or ``None`` when the page is not only front matter, headings and raw HTML blocks."""
    head, body = _front_matter(markdown)
    out: list[str] = [head] if head else []
    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            out.append(_TOKEN.format(len(blocks)))
            blocks.append("\n".join(current))
            current.clear()

    for line in body.split("\n"):
        if not line.strip():
            close()
        elif current:
            if not _opens_block(line):
                return None
            current.append(line)
        elif _HEADING.match(line):
            out.append(line)
        elif _opens_block(line):
            current.append(line)
        else:
            return None
    close()
    return Skeleton("\n\n".join(out) + "\n", tuple(blocks))


def _front_matter(markdown: str) -> tuple[str, str]:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[: end + 4], markdown[end + 5 :]
    return "", markdown


def _opens_block(line: str) -> bool:
    found = _OPENING.match(line)
    return found is not None and found.group(1) in _BLOCK_TAGS


@dataclasses.dataclass(frozen=True)
class Staged:
    """A generated file a build's worker wrote to disk (:mod:`stdkit.build`), so that no process holds every
    page at once: a page's Markdown (its skeleton's when it has one) with its blocks beside it, or a file
    published as it is (``blocks`` None)."""

    path: Path
    blocks: Path | None = None

    def skeleton(self) -> Skeleton | None:
        """The page's skeleton read back (its Markdown stays on disk, for the site generator to read)."""
        if self.blocks is None:
            return None
        import orjson

        return Skeleton("", tuple(orjson.loads(self.blocks.read_bytes())))

    def whole(self) -> bytes:
        """The file as it was before it was split: a page's Markdown with its blocks back in place of their
        placeholders (for a generator that converts Markdown itself), anything else as written."""
        data = self.path.read_bytes()
        found = self.skeleton()
        if found is None:
            return data
        blocks = found.blocks
        return _PLACEHOLDER_LINE.sub(lambda m: blocks[int(m.group(1))], data.decode()).encode()


def stage(content: str | bytes, path: Path, *, page: bool) -> Staged:
    """``content`` written at ``path`` (a folder of the build's own): a ``page`` as its skeleton and blocks when it
    splits (:func:`split`), anything else as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = split(content) if page and isinstance(content, str) else None
    if parts is None:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return Staged(path)
    import orjson

    blocks = path.with_name(path.name + ".blocks.json")
    path.write_text(parts.markdown, encoding="utf-8")
    blocks.write_bytes(orjson.dumps(parts.blocks))
    return Staged(path, blocks)
