"""Author text inside GitHub-flavoured Markdown: the job summary and the pull-request comment.

A pull request is untrusted, and both outputs are read by reviewers as stdkit's own words, so a
title must not be able to end a table, start a heading or a list (a fake "结论：等效" verdict), open
an HTML comment that hides every real change after it, show an image or a link, mention a user or
team, link an issue, a pull request or a commit (``#12``, ``owner/repo#2``, ``GH-1``, a SHA), render
as math (``$x^2$``), or break out of a code span. Every piece of author text (titles, paths, lines,
messages) goes through :func:`text` or :func:`code`; stdkit's own Markdown around it is written literally.

The escapes are the least that works: characters GitHub renders literally in inline text (``=``,
``-``, ``+``, ``.``, ``#`` inside a line …) are left alone, so a reader never sees ``A\\=B``.
This module never decides layout; it only makes a string inert.
"""

from __future__ import annotations

import re

#: Line and paragraph breaks of any kind, and every other control or invisible-direction character:
#: a Markdown block starts only at a line start, so author text is kept on one line.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")
#: Characters that start inline Markdown: ``\`` first, since it escapes the others.
_INLINE = re.compile(r"[\\`*_~\[\]|]")
#: ``$`` as an entity: a math delimiter is a ``$`` of the source, and an entity is none (a backslash
#: would do in CommonMark, but GitHub's math has not always honoured it).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"}
#: What GitHub links after rendering, in plain text only: ``#12`` and ``owner/repo#12`` (issues and
#: pull requests), ``GH-12``, a commit SHA (7 to 40 hex digits between non-word characters, also in
#: ``owner/repo@sha``), ``http://`` / ``www.`` (GFM's extended autolinks). A zero-width space inside
#: each token breaks the pattern and shows nothing (``@`` is handled the same way, see :func:`text`).
_REFERENCE = re.compile(
    r"#(?=\d)|(?<![0-9A-Za-z_])GH-(?=\d)|(?<![0-9A-Za-z_])(?:https?|ftp)(?=:)|www(?=\.)", re.I
)
_HEX = re.compile(r"(?<![0-9A-Za-z_])[0-9A-Fa-f]{7,}(?![0-9A-Za-z_])")
#: A run of hex digits is cut every this many: no piece is long enough to name a commit.
_HEX_PIECE = 6


def _flat(value: str) -> str:
    return _BREAKS.sub(" ", value)


def text(value: str) -> str:
    """``value`` as inert inline Markdown: one line, no HTML, links, images, emphasis or mentions.

    Safe in a table cell, a list item and after a heading's ``###``. ``@`` gets a zero-width space
    after it (GitHub links mentions after rendering, so a backslash would not stop it; the zero-width
    space is what Renovate and Dependabot use too), and so does every token GitHub would link to an
    issue, a pull request, a commit or a web address; ``$`` is written as an entity, so no math.
    """
    flat = _flat(value)
    # A leading `#`, `>`, `-`, `+` or a number and `.` would start a block only at a line start, and
    # every caller puts text after its own marker; `#123`, `@name` and a SHA are still linked by
    # GitHub. The breaks go in first, on the author's own characters (not into `&#36;`).
    flat = flat.replace("@", "@\u200b")
    flat = _HEX.sub(lambda m: _cut(m.group(), _HEX_PIECE), flat)
    flat = _REFERENCE.sub(lambda m: m.group() + "\u200b", flat)
    flat = "".join(_HTML.get(c, c) for c in flat)
    return _INLINE.sub(lambda m: "\\" + m.group(), flat)


def _cut(run: str, size: int) -> str:
    """``run`` with a zero-width space after every ``size`` characters."""
    return "\u200b".join(run[i : i + size] for i in range(0, len(run), size))


def code(value: str, *, table: bool = True) -> str:
    """``value`` as a code span: literal text (no HTML, links or mentions are rendered inside one).

    The fence is one backtick longer than the longest run of backticks in ``value``. In a table a
    ``|`` ends the cell even inside a code span, so it is written ``\\|`` (GitHub removes the
    backslash there); outside a table it stays as it is, since a backslash would show.
    """
    flat = _flat(value)
    if not flat.strip():
        return "—"  # a code span cannot be empty or only blanks
    if table:
        flat = flat.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith(("`", " ")) or flat.endswith(("`", " ")) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
