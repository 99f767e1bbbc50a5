"""An imported document's data as the YAML an author edits: the editor modeline, then the fields in layout order."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as written, multi-line text (说明, 附录) as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], schema_prefix: str = "../schema/") -> str:
    """The YAML text of ``data`` with the modeline that gives editors the kind's JSON Schema
    (``schema_prefix``: the path from the YAML's folder to ``schema/``)."""
    kind = data.get("kind", "occupational-standard")
    modeline = f"# yaml-language-server: $schema={schema_prefix}{kind}.schema.json\n"
    body = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
    )
    return modeline + body
