"""The change feed (site/changes/): built from the committed releases and the confirmed crosswalks only.

The samples hold two releases: 2026.06 (before 电工 2018) and 2026.12 (2018 supersedes 2009, with the
confirmed crosswalk crosswalks/6-31-01-03_2009_2018.yaml, and EV-GD-BDYW@2024 new).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from stdkit import build, editions, feed, releases, schemas
from stdkit.collection import Entry, load_entry
from stdkit.config import Config
from stdkit.crosswalks import Relation, load_all
from stdkit.reference.records import Release as ReferenceRelease
from stdkit.reference.records import Rename
from stdkit.releases import Release, Released
from stdkit.run import pipeline
from stdkit.untrusted import printable

from .conftest import ROOT, STANDARDS

SOURCES = ("standards", "releases", "crosswalks")
ATOM = "{http://www.w3.org/2005/Atom}"


def _copy(root: Path, *, reverse: bool = False) -> Path:
    """The samples' committed sources in ``root``; with ``reverse``, written in the other order and with
    other modification times (what another checkout would give)."""
    files = sorted(path for name in SOURCES for path in (ROOT / name).rglob("*") if path.is_file())
    for n, path in enumerate(reversed(files) if reverse else files):
        target = root / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        if reverse:
            os.utime(target, (1_000_000 + n * 7919, 1_000_000 + n * 7919))
    return root


def _changes(root: Path) -> dict[str, bytes]:
    """Build the collection at ``root`` (blueprints, no pages) and return site/changes/'s files."""
    report = pipeline.check([root / "standards"], Config.default(root))
    assert report.exit_status == 0
    build.build(report, root / "site", include_drafts=False, site=False)
    folder = root / "site" / feed.ROOT
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _changes(_copy(tmp_path_factory.mktemp("feed")))


def test_the_samples_feed_has_both_releases(built: dict[str, bytes]) -> None:
    index = orjson.loads(built["index.json"])
    assert index["latest"] == "2026.12"
    first, second = index["releases"]
    assert (first["release"], first["previous"], first["date"]) == ("2026.06", None, "2026-06-01")
    assert (second["release"], second["previous"], second["date"]) == ("2026.12", "2026.06", "2026-12-07")
    assert first["snapshot_sha256"] != second["snapshot_sha256"]
    assert first["counts"]["document"] == first["documents"] == 9  # the first release adds each edition
    assert second["kind"] == "major"
    changes = [orjson.loads(line) for line in built["2026.12.jsonl"].splitlines()]
    for op, count in second["counts"].items():
        assert count == sum(1 for c in changes if c["op"] == op), op
    added = sorted(c["ref"] for c in changes if c["op"] == "document")
    assert added == ["6-31-01-03@2018", "EV-GD-BDYW@2024"]
    (walk,), _ = load_all(ROOT)
    rows = [row for row in walk.rows if row.relation is not Relation.IDENTICAL]
    assert second["counts"]["line"] == len(rows)
    published = sorted((c["relation"], c["earlier"], c["codes"]) for c in changes if c["op"] == "line")
    assert published == sorted(
        (
            row.relation.value,
            [f"6-31-01-03@2009/{code}" for code in row.olds],
            [f"6-31-01-03@2018/{code}" for code in row.news],
        )
        for row in rows
    )
    assert feed.snapshot(releases.read(ROOT / "releases" / "2026.12.json", "x")) == second["snapshot_sha256"]


def test_the_feed_meets_its_published_schemas(built: dict[str, bytes]) -> None:
    index = Draft202012Validator(schemas.loaded("changes-index.schema.json"))
    change = Draft202012Validator(schemas.loaded("change.schema.json"))
    assert not list(index.iter_errors(orjson.loads(built["index.json"])))
    for name in ("2026.06.jsonl", "2026.12.jsonl"):
        for line in built[name].splitlines():
            assert not list(change.iter_errors(orjson.loads(line))), line


def test_atom_feeds_are_rfc_4287_with_stable_shared_entry_ids(built: dict[str, bytes]) -> None:
    ids: dict[str, str] = {}
    for name, data in built.items():
        if not name.endswith(".atom"):
            continue
        root = etree.fromstring(data)
        assert root.tag == f"{ATOM}feed"
        for node in (root, *root.iter(f"{ATOM}entry")):
            for child in ("id", "title", "updated"):
                assert len(node.findall(f"{ATOM}{child}")) == 1, (name, child)
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        for entry in root.iter(f"{ATOM}entry"):
            key, title = entry.findtext(f"{ATOM}id"), entry.findtext(f"{ATOM}title")
            assert key is not None and key.startswith("urn:uuid:")
            assert ids.setdefault(key, title or "") == title  # the same entry, in every feed

    def entries(name: str) -> set[str | None]:
        return {e.findtext(f"{ATOM}id") for e in etree.fromstring(built[name]).iter(f"{ATOM}entry")}

    # the 电工 code's feed: the standard's entries and those of the spec that certifies the same occupation
    assert entries("by-code/6-31-01-03.atom") == entries("by-document/6-31-01-03.atom") | entries(
        "by-document/EV-GD-BDYW.atom"
    )
    releases_feed = etree.fromstring(built["feed.atom"])
    assert [e.findtext(f"{ATOM}updated") for e in releases_feed.iter(f"{ATOM}entry")] == [
        "2026-12-07T00:00:00Z",
        "2026-06-01T00:00:00Z",
    ]


def test_two_builds_another_checkout_and_a_shallow_clone_give_the_same_bytes(
    built: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _copy(tmp_path / "first")
    assert _changes(first) == built
    assert _changes(first) == built  # again, over its own output
    monkeypatch.chdir(tmp_path)  # another working folder, files written in another order and time
    assert _changes(_copy(tmp_path / "other", reverse=True)) == built
    origin = _copy(tmp_path / "origin")
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "samples")
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    assert _changes(tmp_path / "shallow") == built  # no history: the same feed


# ------------------------------------------------------------------ changes between two releases


def _entry(name: str = "4-10-01-02_2019.yaml") -> Entry:
    entry, _, _ = load_entry(STANDARDS / name)
    assert entry is not None
    return entry


def _now(*entries: Entry, reference: tuple[ReferenceRelease, ...] = ()) -> feed.Now:
    return feed.Now(
        entries={e.ref: e for e in entries},
        standing=editions.standing(entries),
        walks={},
        reference=reference,
    )


def _release(name: str, date: str, previous: str | None, *rows: Released) -> Release:
    text = releases.dumps(name, date, previous, rows).decode()
    return Release(name, date, previous, tuple(rows), f"releases/{name}.json", text)


def _row(entry: Entry, revision: int = 0, blueprint: str = "a" * 64, status: str = "published") -> Released:
    return Released(entry.ref, entry.path, status, revision, "0" * 64, {"L5": "1" * 32}, {"L5": blueprint})


def test_an_erratum_is_a_minor_release_with_its_texts(tmp_path: Path) -> None:
    import yaml

    entry = _entry()
    code, text = next(iter(releases.line_tables(entry)["L5"].items()))
    source = entry.file.read_text(encoding="utf-8")
    fixed = text + "（更正）"
    erratum = {
        "date": "2026-09-01",
        "notice": "人社厅函〔2026〕1号",
        "changes": [{"code": code, "from": text, "to": fixed}],
    }
    (tmp_path / "doc.yaml").write_text(
        source.replace(text, fixed, 1) + yaml.safe_dump({"errata": [erratum]}, allow_unicode=True),
        encoding="utf-8",
    )
    corrected = _entry_at(tmp_path / "doc.yaml")
    assert corrected.document.revision == 1
    before = _release("2026.06", "2026-06-01", None, _row(corrected))
    after = _release("2026.09", "2026-09-02", "2026.06", _row(corrected, 1, "b" * 64))
    found = feed.changes(after, before, _now(corrected))
    assert feed.kind_of(found).value == "minor"
    line, changed = found  # a line before a blueprint (the ops in their order)
    assert (changed.op.value, changed.level, changed.was, changed.now) == (
        "blueprint",
        "L5",
        "a" * 64,
        "b" * 64,
    )
    assert (line.op.value, line.relation, line.was, line.now) == ("line", Relation.WORDING, text, fixed)
    assert (line.codes, line.date, line.note) == (
        [f"{corrected.ref}/{code}"],
        "2026-09-01",
        "人社厅函〔2026〕1号",
    )
    assert line.blueprints == [f"blueprints/{corrected.document.id}/{corrected.document.edition}/L5.json"]


def _entry_at(path: Path) -> Entry:
    entry, _, problems = load_entry(path)
    assert entry is not None, problems
    return entry


def test_a_dadian_release_between_two_releases_touches_the_codes_it_names() -> None:
    entry = _entry()
    code = feed.Now(entries={entry.ref: entry}, standing={}, walks={}, reference=()).occupations(entry.ref)[0]
    renamed = Rename(
        code=code, name="新名称", earlier_name="旧名称", legacy_code=None, note="", verified=True
    )
    dated = ReferenceRelease(
        "2026", "2022", "2026-08-01", "关于发布新职业信息的通知", "", "", "", renamed=(renamed,)
    )
    late = dataclasses.replace(dated, id="2027", date="2027-01-01")
    before = _release("2026.06", "2026-06-01", None, _row(entry))
    after = _release("2026.12", "2026-12-07", "2026.06", _row(entry))
    (found,) = feed.changes(after, before, _now(entry, reference=(dated, late)))
    assert (found.op.value, found.change.value, found.occupation) == ("reference", "changed", code)
    assert (found.was, found.now, found.date) == ("旧名称", "新名称", "2026-08-01")
    assert feed.kind_of([found]).value == "minor"


def test_author_text_is_inert_in_the_notes_and_the_feeds() -> None:
    entry = _entry()
    hostile = "<b>电工</b> & ]]> \x1b[31m [链接](https://x.invalid) #12"
    entry = dataclasses.replace(entry, document=entry.document.model_copy(update={"title": hostile}))
    made = feed.files([_release("2026.06", "2026-06-01", None, _row(entry))], _now(entry))
    notes = made["2026.06.md"].decode()
    assert "<b>" not in notes and "\x1b" not in notes
    assert "[链接](" not in notes and "#12" not in notes  # no link, no issue reference
    atom = etree.fromstring(made[f"by-document/{entry.document.id}.atom"])
    title = atom.findtext(f"{ATOM}title")
    assert title is not None and printable(hostile) in title
    assert "\x1b" not in made[f"by-document/{entry.document.id}.atom"].decode()


def test_no_release_no_feed(tmp_path: Path) -> None:
    assert feed.files([], _now(_entry())) == {}
    (tmp_path / "standards").mkdir()
    shutil.copy(STANDARDS / "4-10-01-02_2019.yaml", tmp_path / "standards")
    report = pipeline.check([tmp_path / "standards"], Config.default(tmp_path))
    build.build(report, tmp_path / "site", include_drafts=False, site=False)
    assert not (tmp_path / "site" / feed.ROOT).exists()


def test_links_resolve_under_the_configured_site_url_and_ids_do_not_depend_on_it() -> None:
    entry = _entry()
    named = [_release("2026.06", "2026-06-01", None, _row(entry))]
    placed = feed.files(named, dataclasses.replace(_now(entry), site_url="https://standards.example.org"))
    alone = feed.files(named, _now(entry))
    base = "{http://www.w3.org/XML/1998/namespace}base"
    path = f"by-document/{entry.document.id}.atom"
    assert etree.fromstring(placed[path]).get(base) == "https://standards.example.org/"
    assert etree.fromstring(alone[path]).get(base) == "../../"
    assert etree.fromstring(placed[feed.FEED]).get(base) == "https://standards.example.org/"
    assert etree.fromstring(alone[feed.FEED]).get(base) == "../"

    def ids(data: bytes) -> list[str | None]:
        return [e.findtext(f"{ATOM}id") for e in etree.fromstring(data).iter(f"{ATOM}entry")]

    assert ids(placed[path]) == ids(alone[path])
