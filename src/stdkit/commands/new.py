"""Scaffold a new document of KIND (occupational-standard, evaluation-spec, special-competency).

The file is written to standards/<ID>_<EDITION>.yaml (or --output) with the editor modeline and
comments to follow; it passes `stdkit check` as written, with a warning for each 「待填写」 left to
fill in. The occupation is the ID when the ID is a 职业分类大典 code, else --occupation CODE (its
name comes from the reference data; `stdkit lookup NAME` finds the code). When the collection has
no schema/ folder yet, it is written too, so the modeline resolves. An existing file is never
overwritten.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from stdkit.commands import add_lang, fail, language, load_config, tell
from stdkit.messages import Message
from stdkit.model import Kind


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("kind", choices=[str(kind) for kind in Kind], help="help.new.kind")
    parser.add_argument("id", metavar="ID", help="help.new.id")
    parser.add_argument("--edition", default=str(datetime.date.today().year), help="help.new.edition")
    parser.add_argument(
        "--occupation",
        metavar="CODE",
        help="help.new.occupation",
    )
    parser.add_argument("--title", default=None, help="help.new.title")
    parser.add_argument("--output", "-o", type=Path, help="help.new.output")


def run(args: argparse.Namespace) -> int:
    from stdkit import scaffold, schemas
    from stdkit.reference import load_reference

    config = load_config(args)
    kind = Kind(args.kind)
    try:
        scaffold.check_name(Message("scaffold.the_id"), args.id)
        scaffold.check_name(Message("scaffold.the_edition"), args.edition)
    except scaffold.ScaffoldError as exc:
        return fail(args, exc)
    target: Path = args.output or config.standards[0] / f"{args.id}_{args.edition}.yaml"
    if target.exists():
        return fail(args, Message("cli.exists_edit", {"path": target}), 1)
    code = args.occupation or scaffold.occupation_code(args.id)
    occupation = None
    if code is not None:
        reference = load_reference(config.occupations, config.catalogue, config.releases, config.pending)
        occupation = scaffold.choose_occupation(reference, code)
        if occupation is None:
            return fail(args, Message("new.no_occupation", {"code": code}))
    schema_dir = config.root / "schema"
    try:
        text = scaffold.render(
            kind,
            args.id,
            edition=args.edition,
            title=args.title,
            schema_prefix=scaffold.schema_prefix(target, schema_dir),
            occupation=occupation,
            lang=language(args),
            workspace=scaffold.schema_file(kind, schema_dir) == schemas.WORKSPACE,
        )
    except scaffold.ScaffoldError as exc:
        return fail(args, exc)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    tell(args, Message("cli.wrote", {"path": target}))
    if not (schema_dir / f"{kind}.schema.json").exists():
        schemas.write(schema_dir)  # the modeline names it: editors need it there
        tell(args, Message("new.wrote_schema", {"folder": schema_dir}))
    tell(args, Message("new.fill_in", {"placeholder": scaffold.PLACEHOLDER, "path": target}))
    return 0
