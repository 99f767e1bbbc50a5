"""Author text made inert, one function per medium.

An author's strings (and a pull request's file names) reach terminals, CI logs, workbooks and Markdown;
in none of them may they act: start a workflow command, move the cursor, reorder text (Trojan Source),
break a line. Vocabulary: imports nothing of stdkit. The Markdown medium is :mod:`stdkit.markdown`.
"""

from __future__ import annotations

import re

#: Characters that must not reach a terminal or a CI log raw: line breaks of every kind (a new line
#: could start a workflow command), ANSI escapes, other C0/C1 controls, bidirectional overrides
#: (Trojan Source) and lone surrogates (undecodable file names), which JSON and XML cannot carry.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: GitHub's runner reads a line as a workflow command when it starts with `::` after leading
#: blanks, and in the legacy form when `##[` appears anywhere in it.
_COMMAND_START = re.compile(r"^(\s*)::")


def printable(value: str) -> str:
    """``value`` with every unprintable character shown as its Python escape (``\\n``, ``\\x1b``, ``\\u2028``)."""

    def shown(match: re.Match[str]) -> str:
        char = match.group()
        if char in _NAMED:
            return _NAMED[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNPRINTABLE.sub(shown, value)


def log_safe(value: str) -> str:
    """Text for a terminal or a CI log: one line per line of ``value``, none of which a runner reads as a command.

    Every text rendering that can carry author text goes through this (the text reporter, the CLI's
    error line, JUnit's text); the line structure of ``value`` is kept, the content of each line is
    made :func:`printable`, a leading ``::`` becomes ``\\::`` and ``##[`` becomes ``##\\[``.
    """
    return "\n".join(log_line(line) for line in value.split("\n"))


#: What :func:`log_lines` looks for in lines joined by line breaks: a character :func:`printable` would change
#: (but the breaks between them), and a line that starts a command (only looked for where ``::`` occurs).
_UNPRINTABLE_INSIDE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_ANY_COMMAND_START = re.compile(r"^\s*::", re.MULTILINE)


def log_lines(lines: list[str]) -> str:
    """``"\\n".join(log_line(line) for line in lines)``, with one scan of the whole text when no line needs a
    change (the usual report: tens of thousands of lines at national scale), line by line otherwise."""
    joined = "\n".join(lines)
    if (
        joined.count("\n") == max(0, len(lines) - 1)  # no line holds a break of its own
        and _UNPRINTABLE_INSIDE.search(joined) is None
        and "##[" not in joined
        and ("::" not in joined or _ANY_COMMAND_START.search(joined) is None)
    ):
        return joined
    return "\n".join(log_line(line) for line in lines)


def log_line(line: str) -> str:
    """One line for a log: :func:`printable` (a line break inside becomes a visible ``\\n``) and no command."""
    return _COMMAND_START.sub(r"\1\\::", printable(line)).replace("##[", "##\\[")
