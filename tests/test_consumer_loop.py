"""The consumer loop of docs/integrators.md ("Following changes"), run as written against the samples' build.

The loop reads only published files (site/changes/, site/lineage/, site/blueprints/index.json) through a
``read`` function, as an exam system would over HTTP: no stdkit import is used on the consumer's side. The
mock question bank holds an item for every 鉴定点 of the 电工 2009 blueprints; after the release 2026.12
(2018 supersedes 2009, with a confirmed crosswalk) every item is re-tagged to a 2018 code or accounted for
as deleted or split, and every 2018 line is covered by a re-tagged item or announced as new.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import orjson
import pytest

from stdkit.cli import main

from .conftest import ROOT

OLD, NEW = "6-31-01-03@2009", "6-31-01-03@2018"
GUIDE = ROOT / "docs" / "integrators.md"
#: The guide in English, kept beside the Chinese: its code blocks are the same (tested below).
GUIDE_EN = ROOT / "docs" / "en" / "integrators.md"
#: What a collection commits: the documents, the release files and the crosswalks.
SOURCES = ("standards", "releases", "crosswalks")


def build_samples(root: Path) -> Path:
    """The samples (documents, releases, crosswalks) copied into ``root`` and built there with `stdkit build`."""
    for name in SOURCES:
        shutil.copytree(ROOT / name, root / name)
    before = Path.cwd()
    os.chdir(root)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
            status = main(["build", "--lang", "en"])
    finally:
        os.chdir(before)
    assert status == 0, err.getvalue()
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_samples(tmp_path_factory.mktemp("consumer"))


def loop_code(guide: Path) -> str:
    """The code block of the guide's consumer loop (the one after ``<!-- example: consumer loop -->``)."""
    found = re.search(
        r"<!-- example: consumer loop -->\n```python\n(.*?)```", guide.read_text(encoding="utf-8"), re.S
    )
    assert found is not None, f"{guide}: the consumer loop is missing"
    return found.group(1)


def the_loop() -> dict[str, Any]:
    """The code block of the guide's "A consumer loop" (使用方的循环), executed: its functions by name."""
    functions: dict[str, Any] = {}
    exec(compile(loop_code(GUIDE), str(GUIDE), "exec"), functions)  # the guide's own code, nothing else
    return functions


def test_the_english_guide_runs_the_same_loop() -> None:
    assert loop_code(GUIDE_EN) == loop_code(GUIDE)


def reader(site: Path) -> Callable[[str], bytes]:
    def read(path: str) -> bytes:
        return (site / path).read_bytes()

    return read


def bank_of(site: Path, ref: str) -> dict[str, str]:
    """A mock question bank: an item for every 鉴定点 code the edition's published blueprints print."""
    document_id, _, edition = ref.partition("@")
    codes: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("points", "criteria") and isinstance(value, list):  # 鉴定点 and 评聘条件
                    codes.update(p["code"] for p in value if p["code"].startswith(ref + "/"))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((site / "blueprints" / document_id / edition).glob("*.json")):
        walk(orjson.loads(path.read_bytes()))
    return {f"item-{n:04d}": code for n, code in enumerate(sorted(codes))}


def lines_of(site: Path, ref: str) -> set[str]:
    lineage = orjson.loads((site / "lineage" / f"{ref.partition('@')[0]}.json").read_bytes())
    return {line["code"] for line in lineage["lines"] if line["code"].startswith(ref + "/")}


def test_a_bank_tagged_with_2009_codes_is_carried_to_2018_from_the_published_files(site: Path) -> None:
    loop = the_loop()
    read = reader(site)
    seen = {"release": "2026.06", "snapshot_sha256": "as of the last poll"}
    changes = loop["poll"](read, seen)
    assert seen["release"] == "2026.12"
    assert {c["release"] for c in changes} == {"2026.12"}  # only the new release's changes were read
    bank = {**bank_of(site, OLD), "item-other": "4-10-01-02@2019/L5/1.1.1", "item-typo": f"{OLD}/L9/9.9.9"}
    assert len(bank) > 100
    result = loop["retag"](read, bank, changes)

    # every item is accounted for, once
    placed = [item for part in ("retagged", "split", "deleted", "kept", "unmapped") for item in result[part]]
    assert sorted(placed) == sorted(bank)
    assert result["unmapped"] == {"item-typo": f"{OLD}/L9/9.9.9"}  # a code no edition has: by hand
    del bank["item-typo"]
    assert result["kept"] == {"item-other": "4-10-01-02@2019/L5/1.1.1"}  # an edition not superseded
    assert result["retagged"] and result["split"] and result["deleted"]
    new_lines = lines_of(site, NEW)
    assert set(result["retagged"].values()) <= new_lines
    assert all(set(codes) <= new_lines and len(codes) > 1 for codes in result["split"].values())
    assert set(result["deleted"].values()) == {"2018-12-25"}  # the 过渡期's last day, from the crosswalk

    # the feed and the lineage agree: the deleted and split lines and the new ones are the feed's rows
    rows = [c for c in changes if c["op"] == "line"]
    retired = {code for c in rows if c["change"] == "retired" for code in c["earlier"]}
    assert {bank[item] for item in result["deleted"]} == retired & set(bank.values())
    split = {code for c in rows if c["relation"] == "split" for code in c["earlier"]}
    assert {bank[item] for item in result["split"]} == split & set(bank.values())
    # every 2018 line is covered by a re-tagged item, a split to choose from, or announced as new
    covered = set(result["retagged"].values()) | {c for codes in result["split"].values() for c in codes}
    assert new_lines - covered == set(result["new"]), sorted(new_lines - covered - set(result["new"]))[:5]
    assert not covered & set(result["new"])


def test_nothing_changed_is_one_request(site: Path) -> None:
    loop = the_loop()
    asked: list[str] = []

    def read(path: str) -> bytes:
        asked.append(path)
        return (site / path).read_bytes()

    seen: dict[str, str] = {}
    assert loop["poll"](read, seen)  # a new consumer reads every release
    asked.clear()
    assert loop["poll"](read, seen) == []
    assert asked == ["changes/index.json"]


def test_a_superseded_edition_s_blueprints_are_refused_after_exam_until(site: Path) -> None:
    loop = the_loop()
    changes = loop["poll"](reader(site), {"release": "2026.06"})
    (superseded,) = [c for c in changes if c["op"] == "superseded"]
    assert (superseded["ref"], superseded["superseded_by"]) == (OLD, NEW)
    index = orjson.loads((site / "blueprints" / "index.json").read_bytes())
    old = [row for row in index["blueprints"] if row["document"]["ref"] == OLD]
    new = [row for row in index["blueprints"] if row["document"]["ref"] == NEW]
    assert old and new
    last = datetime.date.fromisoformat(superseded["exam_until"])
    assert {row["exam_until"] for row in old} == {superseded["exam_until"]}
    assert all(loop["usable"](row, last) for row in old)
    assert not any(loop["usable"](row, last + datetime.timedelta(days=1)) for row in old)
    assert all(loop["usable"](row, datetime.date(2026, 12, 7)) for row in new)


def test_the_feed_s_links_name_files_of_the_site(site: Path) -> None:
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted((site / "changes").rglob("*.atom"))
    assert feeds
    for path in feeds:
        root = etree.parse(str(path)).getroot()
        base = root.get("{http://www.w3.org/XML/1998/namespace}base")
        for link in root.iter(f"{atom}link"):
            target = (path.parent / base / link.get("href")).resolve()
            assert target.is_file(), (path.name, link.get("href"))
    lines = (site / "changes" / "2026.12.jsonl").read_bytes().splitlines()
    for change in map(orjson.loads, lines):
        for url in change.get("blueprints", []):
            assert (site / url).is_file(), url
