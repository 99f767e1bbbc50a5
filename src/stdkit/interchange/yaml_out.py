"""An imported document's data as the YAML an author edits: the editor modeline, then the fields in layout order.

Every value is written as data, never as a comment: the loader takes only a YAML comment for a
suppression (:mod:`stdkit.load.suppressions`), and a string holding ``# stdkit: ignore`` — from a Word
draft's text or from the data it carries — is moreover written double-quoted on one line with each
``#`` escaped (``\\x23``): it loads back as the same string, and no line of the file reads as a
suppression even to a tool that reads lines (:func:`stdkit.load.suppressions.lines`). This module never
writes a comment of its own but the modeline.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: Text that could read as a ``# stdkit: …`` comment once on a line of its own, whatever the spacing.
_COMMENT_LIKE = re.compile(r"#\s*stdkit", re.IGNORECASE)


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as written, multi-line text (说明, 附录) as literal blocks."""

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not _COMMENT_LIKE.search(text):
            super().write_double_quoted(text, split)
            return
        # Unfolded (no line break inside the quotes), and every character escaped that PyYAML escapes, plus '#'.
        self.write_indicator('"', True)
        data = "".join(_escaped(character, allow_unicode=bool(self.allow_unicode)) for character in text)
        self.column += len(data)
        self.stream.write(data.encode(self.encoding) if self.encoding else data)
        self.write_indicator('"', False)


def _escaped(character: str, *, allow_unicode: bool) -> str:
    """``character`` inside a double-quoted scalar: as PyYAML writes it, but ``#`` as ``\\x23``."""
    if character == "#":
        return "\\x23"
    printable = "\x20" <= character <= "\x7e" or (
        allow_unicode and ("\xa0" <= character <= "\ud7ff" or "\ue000" <= character <= "\ufffd")
    )
    if printable and character not in '"\\\x85\u2028\u2029\ufeff':
        return character
    if character in yaml.emitter.Emitter.ESCAPE_REPLACEMENTS:
        return "\\" + yaml.emitter.Emitter.ESCAPE_REPLACEMENTS[character]
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _COMMENT_LIKE.search(value):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], schema_prefix: str = "../schema/", schema_file: str | None = None) -> str:
    """The YAML text of ``data`` with the modeline that gives editors its JSON Schema (``schema_prefix``:
    the path from the YAML's folder to ``schema/``; ``schema_file``: the file there, by default the kind's)."""
    kind = data.get("kind", "occupational-standard")
    modeline = f"# yaml-language-server: $schema={schema_prefix}{schema_file or f'{kind}.schema.json'}\n"
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
    )
    return modeline + body
