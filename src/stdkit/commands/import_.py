"""Import a Word draft in the 编制技术规程 layout as a stdkit YAML document (`stdkit import docx FILE`).

The draft's numbered sections, its 工作要求 tables (merged or repeated cells) and its 权重表 become
the YAML; whatever could not be mapped is reported as a DOC finding located at the block (paragraph
or table, counted from 1) and, for a table, the row — see `stdkit rules`. The YAML is written even
when fields are missing (each a DOC920), so the author can complete it. Exit 1 when a finding is an
error; a file that cannot be read safely (damaged, hostile, far too long) is one such finding, and
nothing is written. Exit 2 is a usage error (no such file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stdkit.commands import add_lang, fail, language, load_config, tell
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=["docx"], help="help.import.format")
    parser.add_argument("file", type=Path, metavar="FILE", help="help.import.file")
    parser.add_argument("--output", "-o", type=Path, default=None, help="help.import.output")
    parser.add_argument("--force", action="store_true", help="help.import.force")
    add_lang(parser)


def run(args: argparse.Namespace) -> int:
    from stdkit.diagnostics import exit_status
    from stdkit.interchange import yaml_out
    from stdkit.interchange.docx import read
    from stdkit.untrusted import log_safe

    source: Path = args.file
    if not source.is_file():
        return fail(args, Message("cli.no_such_file", {"path": source}))
    if args.output is not None and args.output.exists() and not args.force:
        return fail(args, Message("cli.exists_force", {"path": args.output}), 1)
    imported = read.read(source, str(source))
    lang = language(args)
    for finding in sorted(imported.diagnostics):
        print(log_safe(finding.localized(lang).render()), file=sys.stderr)
    if imported.data is None:  # refused: its finding is an error, and there is nothing to write
        return 1
    from stdkit import scaffold

    prefix = "../schema/"
    schema_dir = load_config(args).root / "schema"
    if args.output is not None:
        prefix = scaffold.schema_prefix(args.output, schema_dir)
    chosen = scaffold.schema_file(str(imported.data.get("kind", "occupational-standard")), schema_dir)
    # an unedited export gives back the file it was made from, byte for byte
    text = imported.text if imported.text is not None else yaml_out.dump(imported.data, prefix, chosen)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from stdkit import output

        output.write_replacing(args.output, text.encode("utf-8"))
        tell(args, Message("cli.wrote", {"path": args.output}), sys.stderr)
    return exit_status(imported.diagnostics)
