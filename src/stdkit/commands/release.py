"""Record a release: write releases/NAME.json, which freezes every issued edition (maintainers).

Run on a clean collection (no error) in a full clone whose documents are committed; then commit the
file (and tag). From then on `stdkit check` holds every published, superseded and withdrawn edition to
what the release recorded (see docs/review.md): wording is fixed with a 勘误, anything else with a new
edition. A release is never rewritten: NAME must be new and later than the newest release.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit.commands import add_lang, fail, language, load_config, tell
from stdkit.messages import Message
from stdkit.output import write_new

if TYPE_CHECKING:
    from stdkit.collection import Collection
    from stdkit.config import Config
    from stdkit.releases import Released


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("name", metavar="NAME", help="the release's name: YEAR.MONTH (2026.12), or 2026.12.2")
    parser.add_argument(
        "--date",
        type=datetime.date.fromisoformat,
        default=None,
        help="the release date, YYYY-MM-DD (default: today)",
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


def _clean_collection(args: argparse.Namespace, config: Config) -> Collection | None:
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


def _recorded(collection: Collection) -> list[Released]:
    """Every issued edition as the release records it, in ref order."""
    from stdkit import editions, releases
    from stdkit.pool import forked_map

    standing = editions.standing(collection.entries)
    issued = sorted(
        (e for e in collection.entries if e.document.status in editions.ISSUED), key=lambda e: e.ref
    )
    blueprints = _blueprint_digests(collection)
    digests = forked_map(releases.digests, issued, minimum=40, chunksize=8)
    return [
        releases.Released(
            ref=entry.ref,
            path=entry.path,
            status=standing[entry.ref].status.value,
            revision=entry.document.revision,
            sha256=entry.sha256,
            digests=found,
            blueprints=blueprints.get(entry.ref, {}),
        )
        for entry, found in zip(issued, digests, strict=True)
    ]


def _blueprint_digests(collection: Collection) -> dict[str, dict[str, str]]:
    """ref → level key → sha256 of the blueprint publishing writes (built into a scratch folder)."""
    import orjson

    from stdkit import publish

    found: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        publish.build_blueprints_into(collection, folder, include_drafts=False)
        index = orjson.loads((folder / publish.INDEX).read_bytes())
    for row in index["blueprints"]:
        ref = row["document"]["ref"]
        prefix = f"{row['document']['id']}/{row['document']['edition']}/"
        key = row["url"].removeprefix(prefix).removesuffix(".json")
        found.setdefault(ref, {})[key] = row["sha256"]
    return found
