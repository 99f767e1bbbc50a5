"""Escaping and small HTML builders for the site: the one place author text becomes markup.

Every author string passes through :func:`text` (HTML) or :func:`md_text` (a Markdown heading)
before it reaches a page. Pages are Markdown files whose bodies are raw HTML blocks, which
Python-Markdown copies through untouched, so escaped text stays text. Never build markup from
author text anywhere else.
"""

from __future__ import annotations

import posixpath
import re

from markupsafe import escape

# Characters Python-Markdown removes the backslash from (markdown.Markdown.ESCAPED_CHARS) plus those
# of the extensions the site enables; escaping them keeps author text literal in headings.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>\"'])")


def text(value: object) -> str:
    """HTML-escaped text; line breaks become ``<br>`` (never a blank line, which would end an HTML block)."""
    escaped = str(escape(str(value)))
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def md_text(value: object) -> str:
    """Author text for a Markdown heading or a nav title: escaped for HTML, then for Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text(value))


def attr(value: object) -> str:
    """An attribute value (quotes escaped)."""
    return str(escape(str(value)))


def href(from_uri: str, to_uri: str) -> str:
    """A relative link from the page generated from ``from_uri`` to the site path ``to_uri``.

    Both are paths from the site root; ``.md`` targets become ``.html`` (the site is built with
    ``use_directory_urls: false`` so it works from a file share).
    """
    if to_uri.endswith(".md"):
        to_uri = to_uri[:-3] + ".html"
    base = posixpath.dirname(from_uri) or "."
    return posixpath.relpath(to_uri, base)


def link(from_uri: str, to_uri: str, label: str, *, cls: str = "") -> str:
    """``<a>`` to a site path with escaped label."""
    extra = f' class="{attr(cls)}"' if cls else ""
    return f'<a href="{attr(href(from_uri, to_uri))}"{extra}>{text(label)}</a>'


def block(*parts: str) -> str:
    """A raw HTML block for a Markdown page: surrounded by blank lines, with none inside."""
    body = "\n".join(part for part in parts if part)
    return "\n\n" + "\n".join(line for line in body.splitlines() if line.strip()) + "\n\n"
