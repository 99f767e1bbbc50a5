"""Print the rule reference: every rule code with its family, severity, summary, example and fix.

In Chinese with the English alongside by default; ``--lang en`` prints English only.

Generated from the rule definitions, so it always matches the checks.
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_format, language


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_format(parser, ["markdown", "json"])


def run(args: argparse.Namespace) -> int:
    from stdkit import rules_reference

    if args.format == "json":
        import orjson

        data = orjson.dumps(rules_reference.as_json(), option=orjson.OPT_INDENT_2)
        sys.stdout.write(data.decode() + "\n")
    else:
        sys.stdout.write(rules_reference.markdown(lang=language(args)))
    return 0
