"""A national collection built in parts on many machines, then assembled into one site.

A *shard* is the documents of one 大类 (the first digit of the occupation code of an occupational
standard or evaluation specification: ``1`` … ``8``) or the special competencies (``special``).
``stdkit build --shards`` lists the non-empty ones as JSON (a GitHub Actions matrix);
``stdkit build --shard NAME --out DIR`` checks the *whole* collection (the overlap and catalogue
rules compare documents across shards) and writes only that shard's part:

- its document pages and the YAML published beside them, rendered with the whole site's navigation,
  so each is byte for byte the page a single build writes;
- its blueprints, workbooks and CASE packages, with ``blueprints/index.json`` listing only them;
- the manifest ``.stdkit-shard.json``: shard name, stdkit version, collection fingerprint, and the
  SHA-256 of every file.

``stdkit build --merge DIR... --out SITE`` checks the collection again, refuses shards that do not
belong together (another collection or stdkit version, a shard twice, one missing, a file changed
after it was built), then builds the pages that span shards (home, categories, catalogue, check
report, search page, 404, sitemap, assets), copies the shards' files in, writes one blueprint index,
the published schemas and one search index, and swaps the folder in like ``stdkit build``. The result
equals a single build of the collection file for file.

Search: Pagefind cannot join prebuilt indexes into one (its multisite ``mergeIndex`` is a browser
option that fetches every index at query time), so the merge runs the indexer once over the
assembled pages, exactly as a single build does. The shards do the expensive part (rendering the
pages and workbooks); indexing the assembled HTML takes minutes at national scale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stdkit import __version__
from stdkit.collection import AnyEntry, Collection, Entry, levelled
from stdkit.messages import Localized

if TYPE_CHECKING:
    from stdkit.build import Built
    from stdkit.model.blueprint import Index
    from stdkit.run.report import Report

SPECIAL = "special"
MANIFEST = ".stdkit-shard.json"


class ShardError(Localized):
    """Shards that cannot be built or merged as given; the message (``shard.*`` in
    :mod:`stdkit.messages`) says why and what to do."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(f"shard.{key}", **fields)


def shard_of(entry: AnyEntry) -> str:
    """The shard of a document: its occupation code's 大类 digit, or ``special`` (also for a rule across
    occupations, which is under no one 大类)."""
    body = levelled(entry.document)
    return body.occupation.code[:1] if body is not None and body.occupation is not None else SPECIAL


def names(collection: Collection) -> list[str]:
    """The non-empty shards of a collection: 大类 digits in order, then ``special``."""
    found = {shard_of(entry) for entry in collection.entries}
    return sorted(found, key=lambda name: (name == SPECIAL, name))


def fingerprint(collection: Collection, include_drafts: bool) -> str:
    """What every shard of one build must agree on: the documents, the configuration, the 大典 data."""
    config = collection.config
    digest = hashlib.sha256()
    parts: list[object] = [include_drafts, collection.reference.basis]
    for name in ("stdkit.toml", "mkdocs.yml"):
        path = config.root / name
        parts.append([name, _sha256(path.read_bytes()) if path.is_file() else None])
    parts.append(sorted([entry.path, entry.sha256] for entry in collection.entries))
    digest.update(json.dumps(parts, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:16]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _uris(entries: Sequence[AnyEntry]) -> frozenset[str]:
    """The pages a shard of ``entries`` writes: each document's page and YAML, and the 新旧版本对照表 into
    each edition that supersedes another (where a confirmed crosswalk makes one; a name without a page
    writes nothing)."""
    from stdkit.site.pages import doc_uri, source_uri
    from stdkit.site.pages.urls import crosswalk_uri

    pages = {uri for entry in entries for uri in (doc_uri(entry), source_uri(entry))}
    pages.update(
        crosswalk_uri(entry.document.supersedes, entry.ref)
        for entry in entries
        if entry.document.supersedes and "@" in entry.document.supersedes
    )
    return frozenset(pages)


@dataclasses.dataclass(frozen=True)
class Manifest:
    shard: str
    version: str
    collection: str
    files: dict[str, str]  # path relative to the shard folder → SHA-256

    def dump(self) -> bytes:
        data = {
            "shard": self.shard,
            "stdkit": self.version,
            "collection": self.collection,
            "files": dict(sorted(self.files.items())),
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            raise ShardError("no_manifest", folder=folder, manifest=MANIFEST)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = data["files"]
            if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
                raise TypeError("files: not a table of SHA-256 digests")
            return cls(str(data["shard"]), str(data["stdkit"]), str(data["collection"]), files)
        except (ValueError, KeyError, TypeError, OSError) as exc:
            raise ShardError("bad_manifest", folder=folder, manifest=MANIFEST, why=exc) from exc


# -- one shard ---------------------------------------------------------------------------------------


def build_shard(
    report: Report[Entry], out_dir: Path, name: str, *, include_drafts: bool, setting: str = "--out"
) -> Built:
    """Shard ``name`` of the checked collection of ``report``, swapped in for ``out_dir`` like a build.

    ``report`` is the whole collection's ``check`` report without errors; ``out_dir`` follows the
    rules of :func:`stdkit.output.check_target`.
    """
    from stdkit import output
    from stdkit.build import Built

    collection = report.collection
    shards = names(collection)
    if name not in shards:
        raise ShardError("unknown", name=name, names=", ".join(shards))
    config = collection.config
    target = output.check_target(out_dir, root=config.root, protected=config.standards, setting=setting)
    count: list[int] = []
    output.replace_dir(target, lambda folder: count.append(_shard_into(report, folder, name, include_drafts)))
    return Built(target, count[0])


def _shard_into(report: Report[Entry], folder: Path, name: str, include_drafts: bool) -> int:
    import tempfile

    from stdkit import blueprint, publish
    from stdkit.build import BuildError
    from stdkit.site.build import SiteBuildError, build_site
    from stdkit.site.generator import Part

    collection = report.collection
    mine = [entry for entry in collection.entries if shard_of(entry) == name]
    part = Part(_uris(mine), own=True)
    with tempfile.TemporaryDirectory(prefix="stdkit-shard-") as scratch:
        site = Path(scratch)
        try:
            build_site(
                dataclasses.replace(collection.config, include_drafts=include_drafts),
                site,
                report=report,
                part=part,
            )
        except SiteBuildError as exc:
            raise BuildError("build.site_failed", problem=exc) from exc
        for relative in part.written:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / relative, folder / relative)
    try:
        made = publish.build_blueprints_into(
            collection, folder / blueprint.ROOT, include_drafts, only=lambda e: shard_of(e) == name
        )
    except publish.PublishError as exc:
        raise BuildError(exc.said) from exc
    files = {
        path.relative_to(folder).as_posix(): _sha256(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    manifest = Manifest(name, __version__, fingerprint(collection, include_drafts), files)
    (folder / MANIFEST).write_bytes(manifest.dump())
    return _count_blueprints([Path(p) for p in made])


def _count_blueprints(made: Sequence[Path]) -> int:
    from stdkit import publish
    from stdkit.interchange import case

    return sum(
        1
        for p in made
        if p.suffix == ".json"
        and not publish.is_pointer(p.as_posix())
        and p.name not in (publish.INDEX, case.FILE_NAME)
    )


# -- the merge ---------------------------------------------------------------------------------------


def verify(collection: Collection, folders: Sequence[Path], include_drafts: bool) -> dict[str, Path]:
    """Shard name → folder, when the folders are every shard of this collection exactly once, built
    by this stdkit from these files and unchanged since; otherwise :class:`ShardError`."""
    ours = fingerprint(collection, include_drafts)
    expected = names(collection)
    found: dict[str, Path] = {}
    for folder in folders:
        manifest = Manifest.read(folder)
        name = manifest.shard
        if manifest.version != __version__:
            raise ShardError("version", folder=folder, name=name, theirs=manifest.version, ours=__version__)
        if manifest.collection != ours:
            raise ShardError("fingerprint", folder=folder, name=name, theirs=manifest.collection, ours=ours)
        if name in found:
            raise ShardError("duplicate", name=name, folders=f"{found[name]}, {folder}")
        if name not in expected:
            raise ShardError("extra", folder=folder, name=name)
        for relative, digest in sorted(manifest.files.items()):
            path = folder / relative
            if (
                Path(relative).is_absolute()
                or ".." in Path(relative).parts
                or path.is_symlink()
                or not path.is_file()
                or _sha256(path.read_bytes()) != digest
            ):
                raise ShardError("damaged", folder=folder, file=relative, name=name)
        found[name] = folder
    missing = [name for name in expected if name not in found]
    if missing:
        raise ShardError("missing", names=", ".join(missing), all=", ".join(expected))
    return found


def merge(
    report: Report[Entry],
    shard_dirs: Sequence[Path],
    out_dir: Path,
    *,
    include_drafts: bool,
    setting: str = "--out",
) -> Built:
    """The shards in ``shard_dirs`` assembled into one site, swapped in for ``out_dir`` like a build.

    Refuses (:class:`ShardError`, nothing written) shards that are not exactly the collection's.
    """
    from stdkit import output
    from stdkit.build import Built

    collection = report.collection
    config = collection.config
    target = output.check_target(out_dir, root=config.root, protected=config.standards, setting=setting)
    shards = verify(collection, shard_dirs, include_drafts)
    count: list[int] = []
    output.replace_dir(
        target, lambda folder: count.append(_merge_into(report, folder, shards, include_drafts))
    )
    return Built(target, count[0])


def _merge_into(report: Report[Entry], folder: Path, shards: dict[str, Path], include_drafts: bool) -> int:
    """Assemble verified ``shards`` (see :func:`verify`) into ``folder`` (empty); returns the blueprint count."""
    from stdkit import blueprint, lineage, publish, schemas
    from stdkit.build import BuildError, write_feed
    from stdkit.model.blueprint import Index
    from stdkit.site import search
    from stdkit.site.build import SiteBuildError, build_site
    from stdkit.site.generator import Part

    collection = report.collection
    part = Part(_uris(collection.entries), own=False)
    try:
        build_site(
            dataclasses.replace(collection.config, include_drafts=include_drafts),
            folder,
            report=report,
            part=part,
        )
    except SiteBuildError as exc:
        raise BuildError("build.site_failed", problem=exc) from exc
    index_path = f"{blueprint.ROOT}/{publish.INDEX}"
    skip = {MANIFEST, index_path}
    owner: dict[str, Path] = {}
    indexes: list[Index] = []
    made: list[Path] = []
    for name in sorted(shards):
        source = shards[name]
        files = Manifest.read(source).files
        for relative in sorted(files):
            if relative in skip:
                continue
            if relative in owner or (folder / relative).exists():
                where = owner.get(relative, folder)
                raise ShardError("overlap", file=relative, folders=f"{where}, {source}")
            owner[relative] = source
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, folder / relative)
            if relative.startswith(f"{blueprint.ROOT}/"):
                made.append(Path(relative).relative_to(blueprint.ROOT))
        indexes.append(Index.model_validate_json((source / index_path).read_bytes()))
    _merge_blueprint_index(collection, folder / index_path, indexes, include_drafts)
    schemas.publish(folder)
    # the lineage reads every edition of an id and the crosswalks between them: made once, for the whole site
    lineage.write_into(collection, folder / lineage.ROOT, include_drafts)
    write_feed(collection, folder)
    try:
        search.index(folder)
    except search.SearchIndexError as exc:
        raise BuildError("build.site_failed", problem=exc) from exc
    return _count_blueprints(made)


def _merge_blueprint_index(
    collection: Collection[Entry], path: Path, indexes: Sequence[Index], include_drafts: bool
) -> None:
    """One index.json from the shards' partial ones, in the order a single build lists them."""
    from stdkit import publish
    from stdkit.model.blueprint import IndexEntry

    by_ref: dict[str, list[IndexEntry]] = {}
    for index in indexes:
        for item in index.blueprints:
            by_ref.setdefault(item.document.ref, []).append(item)
    ordered = [
        item
        for entry in publish.selected(collection.entries, include_drafts)
        for item in by_ref.get(entry.ref, [])
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(publish.dump(publish.index_of(ordered, include_drafts)))
