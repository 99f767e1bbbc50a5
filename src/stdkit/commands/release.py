"""Record a release: write releases/NAME.json, which freezes every issued edition (maintainers).

Run on a clean collection (no error) in a full clone whose documents are committed; then commit the
file (and tag). From then on `stdkit check` holds every published, superseded and withdrawn edition to
what the release recorded (see docs/review.md): wording is fixed with a 勘误, anything else with a new
edition. A release is never rewritten: NAME must be new and later than the newest release.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import sys
from typing import TYPE_CHECKING

from stdkit.commands import add_lang, fail, language, load_config, tell
from stdkit.messages import Message
from stdkit.output import write_new

if TYPE_CHECKING:
    from stdkit.collection import Collection, Entry
    from stdkit.config import Config
    from stdkit.editions import Standing
    from stdkit.model.blueprint import CurrentOccupation
    from stdkit.releases import Released


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("name", metavar="NAME", help="help.release.name")
    parser.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        default=None,
        help="help.release.date",
    )


def run(args: argparse.Namespace) -> int:
    from stdkit import releases

    config = load_config(args)
    name = str(args.name)
    if not releases.NAME_PATTERN.match(name):
        return fail(args, Message("release.bad_name", {"name": name}))
    earlier = releases.names(config.root)
    if name in earlier:
        return fail(args, Message("release.exists", {"path": f"{releases.FOLDER}/{name}.json"}))
    if earlier and _order(name) < _order(earlier[-1]):
        return fail(args, Message("release.not_newer", {"name": name, "newest": earlier[-1]}))
    refused = _repository_problem(config)
    if refused is not None:
        return fail(args, refused)
    collection = _clean_collection(args, config)
    if collection is None:
        return 1
    date = (args.date or datetime.date.today()).isoformat()
    rows = _recorded(collection)
    data = releases.dumps(name, date, earlier[-1] if earlier else None, rows)
    target = config.root / releases.FOLDER / f"{name}.json"
    try:
        write_new(target, data)
    except FileExistsError:  # another run recorded it meanwhile
        return fail(args, Message("release.exists", {"path": f"{releases.FOLDER}/{name}.json"}))
    tell(args, Message("release.wrote", {"path": target, "documents": len(rows)}))
    return 0


def _order(name: str) -> list[int]:
    return [int(part) for part in name.split(".")]


def _repository_problem(config: Config) -> Message | None:
    """Why the release cannot be recorded here: no repository, a shallow clone (the frozen check reads the
    released text from the commit that adds the release), or documents not committed."""
    from stdkit import changes

    try:
        shallow = changes.git(config.root, "rev-parse", "--is-shallow-repository").decode().strip()
        dirty = changes.git(
            config.root, "status", "--porcelain", "--untracked-files=all", "--", *map(str, config.standards)
        ).decode()
    except changes.GitError as exc:
        return Message("release.no_git", {"problem": exc})
    if shallow == "true":
        return Message("release.shallow", {})
    if dirty.strip():
        first = dirty.strip().splitlines()[0][3:]
        return Message("release.uncommitted", {"path": first, "count": len(dirty.strip().splitlines())})
    return None


def _clean_collection(args: argparse.Namespace, config: Config) -> Collection[Entry] | None:
    """The whole collection, cross-checked; None (the errors printed) when it has an error."""
    from stdkit.report import parts
    from stdkit.run import pipeline

    report = pipeline.check(list(config.standards), config, documents=True)
    if report.exit_status != 0:
        lang = language(args)
        for part in parts("text", report.localized(lang), lang):
            sys.stdout.write(part)
        fail(args, Message("release.not_clean", {}), 1)
        return None
    return report.collection


def _recorded(collection: Collection[Entry]) -> list[Released]:
    """Every issued edition as the release records it, in ref order (on every core)."""
    from stdkit import blueprint, editions, publish
    from stdkit.pool import forked_map

    standing = editions.standing(collection.entries)
    issued = sorted(
        (e for e in collection.entries if e.document.status in editions.ISSUED), key=lambda e: e.ref
    )
    basis = collection.reference.basis
    current = {e.ref: blueprint.current_of(collection.reference, e) for e in issued}
    published = {e.ref for e in publish.selected(collection.entries, include_drafts=False)}
    return list(
        forked_map(
            lambda entry: _record(
                entry, standing[entry.ref], basis, entry.ref in published, current[entry.ref]
            ),
            issued,
            minimum=40,
            chunksize=8,
        )
    )


def _record(
    entry: Entry, standing: Standing, basis: str, published: bool, current: CurrentOccupation | None
) -> Released:
    """One edition's row: its digests, and the sha256 of each blueprint publishing writes for it (none for an
    edition whose blueprints are withheld, see :func:`stdkit.publish.withheld`)."""
    from stdkit import blueprint, publish, releases

    blueprints = {}
    if published:
        for key in blueprint.levels_of(entry):
            data = publish.dump(publish.published_blueprint(entry, key, basis, standing, current))
            blueprints[key] = hashlib.sha256(data).hexdigest()
    return releases.Released(
        ref=entry.ref,
        path=entry.path,
        status=standing.status.value,
        revision=entry.document.revision,
        sha256=entry.sha256,
        digests=releases.digests(entry),
        blueprints=blueprints,
    )
