"""Writes the manual's reference pages from the code, so they cannot drift from it.

`generated/ladder.md` from stdkit.ladder, `generated/fields.md` from the JSON Schemas of the
models, `generated/rules.md` from the rule catalogue. The folder is rebuilt on every build and
ignored by git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def _ladder() -> str:
    from stdkit.ladder import LADDER

    rows = ["| id | 名称 | 国家等级 | 评价方式 | 国家标准可用 |", "|---|---|---|---|---|"]
    for step in LADDER:
        way = "考核 (examined)" if step.examined else "评聘 (appointed)"
        rows.append(f"| `{step.level}` | {step.name} | {step.grade or '—'} | {way} | {'是' if step.national else '否'} |")
    return "# 等级 — the level ladder\n\n" + "\n".join(rows) + "\n"


def _fields() -> str:
    import json

    from stdkit import schemas
    from stdkit.model import MODELS

    out = [
        "# 字段参考 — field reference\n",
        "由模型生成，与 `schema/` 中编辑器读取的 JSON 模式同源：每条说明中文在前，英文在后。"
        " — Generated from the pydantic models (the same source as `schema/`).\n",
    ]
    for kind, model in MODELS.items():
        schema = json.loads(schemas.render(f"{kind}.schema.json", model))  # its descriptions 「中文 — English」
        out.append(f"\n## `{kind}`\n")
        out.append(_table(schema, schema.get("$defs", {})))
        for name, definition in sorted(schema.get("$defs", {}).items()):
            if definition.get("type") == "object" and definition.get("properties"):
                out.append(f"\n### {kind} · {definition.get('title', name)}（{name}）\n")
                if definition.get("description"):
                    out.append(definition["description"].strip().splitlines()[0] + "\n")
                out.append(_table(definition, schema["$defs"]))
    return "\n".join(out)


def _table(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    required = set(schema.get("required", []))
    rows = ["| 字段 field | 名称 | 必填 required | 说明 description |", "|---|---|---|---|"]
    for name, prop in schema.get("properties", {}).items():
        description = " ".join(str(prop.get("description", "")).split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {prop.get('title', '')} | {'是' if name in required else ''} | {description} |")
    return "\n".join(rows) + "\n"


def _rules() -> str:
    try:
        from stdkit.rules_reference import markdown
    except ImportError:
        from stdkit import checks  # noqa: F401 - importing registers every rule
        from stdkit.diagnostics import RULES

        rows = ["| code | severity | problem | fix |", "|---|---|---|---|"]
        rows += [f"| `{r.code}` | {r.severity.label} | {r.summary} | {r.fix} |" for r in sorted(RULES.values(), key=lambda r: r.code)]
        return "# 规则 — rule reference\n\n" + "\n".join(rows) + "\n"
    return markdown(lang="zh")  # Chinese with the English beside it: the manual is read by the authors


def generate(app: Sphinx) -> None:
    folder = Path(app.srcdir) / "generated"
    folder.mkdir(exist_ok=True)
    for name, make in (("ladder.md", _ladder), ("fields.md", _fields), ("rules.md", _rules)):
        target = folder / name
        content = make()
        if not target.exists() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")


#: The quickstart's install line before the first release, as the Markdown file says it; the built manual
#: shows the install of the stdkit that built it instead (stdkit.distribution: a release's version, else
#: its commit), so that the manual a repository reads installs the stdkit it describes.
PRE_RELEASE_INSTALL = "stdkit[site] @ git+https://github.com/stdkit/stdkit@<提交>"


def pin_install(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != "quickstart":
        return
    from stdkit import distribution

    source[0] = source[0].replace(PRE_RELEASE_INSTALL, distribution.running().with_extra("site"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    app.connect("source-read", pin_install)
    return {"parallel_read_safe": True, "version": "1"}
