"""Scaffold a standards repository in DIR (default: here): examples, settings, schemas, hooks and CI.

Writes standards/ with one example of each kind (each passes `stdkit check`; its 「待填写」 are
warnings to fill in), stdkit.toml, schema/ (the JSON Schemas, and schema/workspace.json that the
examples' editor modelines name: `stdkit schema` rewrites it as documents are added),
mkdocs.yml, .gitignore, .pre-commit-config.yaml and .github/workflows/standards.yml, which install
exactly this stdkit (a release by its version, a development build by its commit: stdkit.distribution). Nothing is overwritten unless --force: an existing file is named and the
command stops before writing anything.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.commands import add_lang, fail, language, tell
from stdkit.messages import Message

if TYPE_CHECKING:
    from stdkit.model import Document

#: Template (in stdkit/templates/init/) → where it goes in the new repository. Dot files are
#: stored without their dot so that packaging tools do not skip them.
FILES = {
    "stdkit.toml": "stdkit.toml",
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "workflow.yml": ".github/workflows/standards.yml",
}
#: mkdocs needs its docs_dir to exist, and git keeps no empty folder.
KEEP = "docs_site/.gitkeep"
#: One example per kind: (kind, id, occupation code, title). 电工 is an occupation of the 2022 大典
#: under a 准入类 licence, so the examples also show the `qualification:` link.
EXAMPLES = (
    ("occupational-standard", "6-31-01-03", "6-31-01-03", None),
    ("evaluation-spec", "EV-EXAMPLE", "6-31-01-03", "电工评价规范（示例）"),
    ("special-competency", "SC-EXAMPLE", "6-31-01-03", "住宅电气线路检修"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("dir", nargs="?", type=Path, default=Path(), help="help.init.dir")
    parser.add_argument("--force", action="store_true", help="help.init.force")


def files(edition: str, lang: str = "zh") -> dict[str, bytes]:
    """Every file of a new repository: relative path → content; the comments in ``lang``."""
    from importlib import resources

    from stdkit import distribution, scaffold, schemas
    from stdkit.model import Kind
    from stdkit.reference import load_reference

    templates = resources.files("stdkit").joinpath("templates", "init")
    pin = distribution.running()
    fields = {
        "@REQUIREMENT@": pin.requirement,  # the hooks: validate and check
        "@SITE_REQUIREMENT@": pin.with_extra("site"),  # the workflow also builds the site
        "@REPOSITORY@": distribution.REPOSITORY,
        "@REV@": pin.rev,
    }
    out: dict[str, bytes] = {}
    for name, target in FILES.items():
        text = scaffold.in_language(templates.joinpath(name).read_text(encoding="utf-8"), lang)
        for field, value in fields.items():
            text = text.replace(field, value)
        out[target] = text.encode()
    out[KEEP] = b""
    for name, model in schemas.schemas().items():
        out[f"schema/{name}"] = schemas.render(name, model)
    reference = load_reference()
    for kind, document_id, code, title in EXAMPLES:
        occupation = scaffold.choose_occupation(reference, code)
        assert occupation is not None, f"the example occupation {code} left the reference data"
        text = scaffold.render(
            Kind(kind),
            document_id,
            edition=edition,
            title=title,
            schema_prefix="../schema/",
            occupation=occupation,
            lang=lang,
            workspace=True,
        )
        out[f"standards/{document_id}_{edition}.yaml"] = text.encode()
    out[f"schema/{schemas.WORKSPACE}"] = schemas.workspace(_examples(out), reference)
    return out


def _examples(files: dict[str, bytes]) -> list[Document]:
    """The example documents among ``files``, bound as `stdkit schema` reads them (each must be valid)."""
    from stdkit.collection import entry_of
    from stdkit.load import parse

    found = []
    for name, content in sorted(files.items()):
        if name.startswith("standards/"):
            entry, _, problems = entry_of(parse(content, name), Path(name))
            assert entry is not None, f"the example {name} does not bind: {problems}"
            found.append(entry.document)
    return found


def run(args: argparse.Namespace) -> int:
    root: Path = args.dir
    if root.exists() and not root.is_dir():
        return fail(args, Message("init.is_file", {"root": root}))
    planned = files(str(datetime.date.today().year), language(args))
    existing = sorted(name for name in planned if (root / name).exists())
    if existing and not args.force:
        return fail(args, Message("init.exists", {"root": root, "names": existing}), 1)
    for name, content in planned.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    tell(args, Message("init.wrote", {"root": root.resolve()}))
    for name in sorted(planned):
        if not name.startswith("schema/") and name != KEEP:
            print(f"  {name}")
    tell(args, Message("init.schema"))
    tell(args, Message("init.next"))
    return 0
