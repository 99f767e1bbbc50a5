"""Propose a crosswalk between two editions: write crosswalks/<id>_<old>_<new>.yaml from the diff's pairing.

`stdkit crosswalk propose ID@OLD ID@NEW` pairs every line of the old edition with the new one's (the measure
the diff and the 勘误 rules share) and writes the rows with `status: proposed` and the thresholds it paired
with. Read every row (its texts are in the comment above it), correct the relations, write the notes and
reasons, set `status: confirmed` and commit it in a pull request: `stdkit check` then holds it to both
editions (XWK101–110) and `stdkit build` publishes it in site/lineage/<id>.json (see docs/editions.md).
An existing file is never overwritten unless --force (it would lose the corrections made in it).
"""

from __future__ import annotations

import argparse
import sys

from stdkit.commands import add_lang, fail, load_config, tell
from stdkit.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("action", choices=["propose"], help="help.crosswalk.action")
    parser.add_argument("old", metavar="OLD", help="help.crosswalk.old")
    parser.add_argument("new", metavar="NEW", help="help.crosswalk.new")
    parser.add_argument("--force", action="store_true", help="help.crosswalk.force")


def run(args: argparse.Namespace) -> int:
    from stdkit import crosswalks
    from stdkit.diff.crosswalk import propose, render
    from stdkit.output import write_new, write_replacing
    from stdkit.run import pipeline

    config = load_config(args)
    collection = pipeline.validate(list(config.standards), config).collection
    found = []
    for ref in (str(args.old), str(args.new)):
        entry = collection.by_ref.get(ref)
        if entry is None:
            known = sorted(e.ref for e in collection.editions(ref.partition("@")[0]))
            return fail(args, Message("crosswalk.no_edition", {"ref": ref, "known": known or "—"}))
        found.append(entry)
    old, new = found
    if new.document.supersedes != old.ref:
        named = new.document.supersedes or "—"
        return fail(
            args, Message("crosswalk.not_superseding", {"old": old.ref, "new": new.ref, "named": named})
        )
    target = config.root / crosswalks.FOLDER / crosswalks.file_name(old.ref, new.ref)
    shown = f"{crosswalks.FOLDER}/{target.name}"
    if target.exists() and not args.force:
        return fail(args, Message("crosswalk.exists", {"path": shown}), 1)
    proposal = propose(old, new)
    from stdkit import scaffold

    data = render(proposal, scaffold.schema_file("crosswalk", config.root / "schema")).encode()
    try:
        (write_replacing if args.force else write_new)(target, data)
    except FileExistsError:  # another run wrote it meanwhile
        return fail(args, Message("crosswalk.exists", {"path": shown}), 1)
    except OSError as exc:
        return fail(args, Message("cli.cannot_write", {"path": shown, "why": exc.strerror or exc}), 1)
    counts = crosswalks.relation_counts(proposal.content.rows)
    shown_counts = [f"{crosswalks.RELATION_NAMES[crosswalks.Relation(k)]} {v}" for k, v in counts.items()]
    tell(
        args,
        Message(
            "crosswalk.wrote", {"path": shown, "rows": len(proposal.content.rows), "counts": shown_counts}
        ),
    )
    tell(args, Message("crosswalk.next", {"path": shown}), sys.stderr)
    return 0
