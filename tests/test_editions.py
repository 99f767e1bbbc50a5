"""Published editions are frozen: releases, 勘误, superseded and withdrawn editions (issue 34).

The stories of the issue, each from a user's side: an exam-system vendor whose items are tagged with
鉴定点 codes, an author fixing a typo in a published standard, a maintainer publishing a new edition.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import CliResult
from .test_diff import Repo, git

SAMPLES = Path(__file__).resolve().parents[1] / "standards"
NURSERY = "standards/4-10-01-02_2019.yaml"
WASHING = "            - 能清洗、消毒奶瓶、餐具等哺喂用品"
ERRATUM = """errata:
  - date: 2024-03-01
    notice: 人社厅函〔2024〕××号
    changes:
      - {code: L5/1.1.2, from: 能清洗、消毒奶瓶、餐具等哺喂用品, to: 能清洗、消毒奶瓶、餐具等喂哺用品}
references: [WS/T"""

Cli = Callable[..., CliResult]


@pytest.fixture
def released(in_dir: Path, cli: Cli) -> Repo:
    """The samples in a git repository, released as 2026.12 and committed."""
    repo = Repo(in_dir)
    shutil.copytree(SAMPLES, in_dir / "standards")
    repo.commit("samples")
    status, out, err = cli("release", "2026.12", "--date", "2026-12-07")
    assert status == 0, out + err
    repo.commit("release-2026.12")
    return repo


def errors(out: str, code: str) -> list[str]:
    return [line for line in out.splitlines() if f" {code} [error]" in line]


def test_inserting_a_line_into_a_published_edition_is_an_error_naming_the_code(
    released: Repo, cli: Cli
) -> None:
    released.edit(NURSERY, (WASHING, "            - 能为婴幼儿测试奶温\n" + WASHING))
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    (finding,) = errors(out, "REL101")
    assert finding.startswith(f"{NURSERY}:")
    assert (
        "4-10-01-02@2019/L5/1.1.2 「能清洗、消毒奶瓶、餐具等哺喂用品」 now reads 「能为婴幼儿测试奶温」"
        in finding
    )
    assert "4-10-01-02@2019/L5/1.1.5" in finding and "added" in finding
    assert "勘误" in finding and "new edition" in finding


def test_no_erratum_can_make_an_insertion_pass(released: Repo, cli: Cli) -> None:
    """Errata that 'explain' every shifted line still leave a line more than the release had."""
    released.edit(NURSERY, (WASHING, "            - 能为婴幼儿测试奶温\n" + WASHING))
    text = (released.root / NURSERY).read_text(encoding="utf-8")
    shifted = [
        ("L5/1.1.2", "能清洗、消毒奶瓶、餐具等哺喂用品", "能为婴幼儿测试奶温"),
        ("L5/1.1.3", "能为婴幼儿制作泥糊状食物", "能清洗、消毒奶瓶、餐具等哺喂用品"),
        ("L5/1.1.4", "能按照喂养计划喂哺婴幼儿", "能为婴幼儿制作泥糊状食物"),
    ]
    changes = "\n".join(f"      - {{code: {c}, from: {a}, to: {b}}}" for c, a, b in shifted)
    text = text.replace(
        "references: [WS/T", f"errata:\n  - date: 2024-03-01\n    changes:\n{changes}\nreferences: [WS/T", 1
    )
    (released.root / NURSERY).write_text(text, encoding="utf-8")
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    assert errors(out, "REL101")
    assert errors(out, "EDN103")  # and the rewording of a line into another is not wording


def test_a_wording_fix_declared_as_an_erratum_passes_and_raises_the_revision(
    released: Repo, cli: Cli
) -> None:
    released.edit(NURSERY, ("能清洗、消毒奶瓶、餐具等哺喂用品", "能清洗、消毒奶瓶、餐具等喂哺用品"))
    released.edit(NURSERY, ("references: [WS/T", ERRATUM))
    status, out, _ = cli("check", "--no-cache")
    assert status == 0, out
    status, out, _ = cli("blueprint", "4-10-01-02", "--level", "L5")
    document = json.loads(out)["document"]
    assert document["revision"] == 1
    (erratum,) = document["errata"]
    assert erratum["date"] == "2024-03-01"
    assert erratum["changes"] == [
        {
            "code": "4-10-01-02@2019/L5/1.1.2",
            "from": "能清洗、消毒奶瓶、餐具等哺喂用品",
            "to": "能清洗、消毒奶瓶、餐具等喂哺用品",
        }
    ]


def test_a_wording_fix_without_an_erratum_is_an_error(released: Repo, cli: Cli) -> None:
    released.edit(NURSERY, ("能清洗、消毒奶瓶、餐具等哺喂用品", "能清洗、消毒奶瓶、餐具等喂哺用品"))
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    (finding,) = errors(out, "REL101")
    assert (
        "L5/1.1.2 「能清洗、消毒奶瓶、餐具等哺喂用品」 now reads 「能清洗、消毒奶瓶、餐具等喂哺用品」"
        in finding
    )


def test_without_the_history_the_finding_still_names_the_level(
    released: Repo, cli: Cli, in_dir: Path
) -> None:
    shutil.rmtree(in_dir / ".git")
    released.edit(NURSERY, (WASHING, "            - 能为婴幼儿测试奶温\n" + WASHING))
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    (finding,) = errors(out, "REL101")
    assert "L5 (release 2026.12)" in finding and "fetch the full history" in finding


def test_removing_an_erratum_after_the_release_is_an_error(in_dir: Path, cli: Cli) -> None:
    repo = Repo(in_dir)
    shutil.copytree(SAMPLES, in_dir / "standards")
    repo.edit(
        NURSERY,
        ("能清洗、消毒奶瓶、餐具等哺喂用品", "能清洗、消毒奶瓶、餐具等喂哺用品"),
        ("references: [WS/T", ERRATUM),
    )
    repo.commit("with-erratum")
    assert cli("release", "2026.12", "--date", "2026-12-07")[0] == 0
    repo.commit("released")
    text = (in_dir / NURSERY).read_text(encoding="utf-8")
    start = text.index("errata:")
    (in_dir / NURSERY).write_text(text[:start] + text[text.index("references: [WS/T") :], encoding="utf-8")
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    assert errors(out, "REL102")


@pytest.mark.parametrize(
    ("replacement", "code"),
    [
        (("to: 能清洗、消毒奶瓶、餐具等喂哺用品}", "to: 能清洗、消毒奶瓶、餐具等喂养用品}"), "EDN102"),
        (("code: L5/1.1.2", "code: L5/9.9.9"), "EDN101"),
    ],
)
def test_an_erratum_must_describe_the_document_as_it_reads(
    released: Repo, cli: Cli, replacement: tuple[str, str], code: str
) -> None:
    released.edit(NURSERY, ("能清洗、消毒奶瓶、餐具等哺喂用品", "能清洗、消毒奶瓶、餐具等喂哺用品"))
    released.edit(NURSERY, ("references: [WS/T", ERRATUM), replacement)
    status, out, _ = cli("validate", "--no-cache", NURSERY)
    assert status == 1
    assert errors(out, code)


def test_a_deleted_edition_and_a_status_sent_back_are_errors(released: Repo, cli: Cli) -> None:
    (released.root / "standards/4-12-01-01_2018.yaml").unlink()
    released.edit(NURSERY, ("status: published", "status: draft"))
    status, out, _ = cli("check", "--no-cache")
    assert status == 1
    (gone,) = errors(out, "REL104")
    assert gone.startswith("releases/2026.12.json:") and "4-12-01-01@2018" in gone
    assert errors(out, "REL105")[0].startswith(f"{NURSERY}:6:")


def test_withdrawal_needs_its_date(in_dir: Path, cli: Cli) -> None:
    shutil.copytree(SAMPLES, in_dir / "standards")
    path = in_dir / NURSERY
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: published", "status: withdrawn"), encoding="utf-8"
    )
    status, out, _ = cli("validate", "--no-cache", NURSERY)
    assert status == 1 and errors(out, "EDN106")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "status: withdrawn", "status: withdrawn\nwithdrawn: 2025-06-30"
        ),
        encoding="utf-8",
    )
    assert cli("validate", "--no-cache", NURSERY)[0] == 0


def test_a_new_edition_keeps_the_old_one_published(in_dir: Path, cli: Cli) -> None:
    shutil.copytree(SAMPLES, in_dir / "standards")
    old = (in_dir / "standards/S-44-0012_2023.yaml").read_text(encoding="utf-8")
    new = old.replace('edition: "2023"', 'edition: "2025"').replace(
        "issued: 2023-08-01", "issued: 2025-03-01"
    )
    new = new.replace(
        "status: published",
        "status: published\nsupersedes: S-44-0012@2023\npublication:\n  effective: 2025-07-01",
        1,
    )
    (in_dir / "standards/S-44-0012_2025.yaml").write_text(new, encoding="utf-8")
    status, out, err = cli("build", "--no-cache")
    assert status == 0, out + err
    assert "REF803" not in out + err
    root = in_dir / "site/blueprints"
    kept = json.loads((root / "S-44-0012/2023/unit.json").read_text(encoding="utf-8"))["document"]
    assert kept["status"] == "superseded"
    assert kept["superseded_by"] == "S-44-0012@2025"
    assert kept["exam_until"] == "2025-06-30"
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))["blueprints"]
    rows = {row["url"]: row for row in index}
    assert rows["S-44-0012/2023/unit.json"]["superseded_by"] == "S-44-0012@2025"
    assert rows["S-44-0012/2023/unit.json"]["latest_url"] is None
    assert rows["S-44-0012/2025/unit.json"]["latest_url"] == "S-44-0012/latest/unit.json"
    pointer = json.loads((root / "S-44-0012/latest/unit.json").read_text(encoding="utf-8"))
    assert pointer["document"] == "S-44-0012@2025"


def test_two_unrelated_published_editions_are_still_reported(in_dir: Path, cli: Cli) -> None:
    shutil.copytree(SAMPLES, in_dir / "standards")
    old = (in_dir / "standards/S-44-0012_2023.yaml").read_text(encoding="utf-8")
    new = old.replace('edition: "2023"', 'edition: "2025"').replace(
        "issued: 2023-08-01", "issued: 2025-03-01"
    )
    (in_dir / "standards/S-44-0012_2025.yaml").write_text(new, encoding="utf-8")
    status, out, _ = cli("check", "--no-cache")
    assert status == 1 and errors(out, "REF803")


def test_release_refuses_what_it_cannot_freeze(released: Repo, cli: Cli) -> None:
    assert "never rewritten" in cli("release", "2026.12")[2]
    assert "bad release name" in cli("release", "../x")[2]
    assert "would come before" in cli("release", "2026.11")[2]
    released.edit(NURSERY, ("title: 育婴员", "title: 育婴员 "))
    assert "not committed" in cli("release", "2027.01")[2]
    git(released.root, "checkout", "-q", "--", NURSERY)
    status, _, _ = cli("release", "2027.01", "--date", "2027-01-05")
    assert status == 0
    second = json.loads((released.root / "releases/2027.01.json").read_text(encoding="utf-8"))
    assert second["previous"] == "2026.12"
    assert {d["ref"] for d in second["documents"]} >= {"4-10-01-02@2019", "6-31-01-03@2009"}


def test_a_release_is_small_and_deterministic(released: Repo, cli: Cli) -> None:
    data = (released.root / "releases/2026.12.json").read_bytes()
    documents = json.loads(data)["documents"]
    assert (
        len(data) / len(documents) < 1200
    )  # "at most a few hundred bytes a document", blueprints' sha256 included
    (released.root / "releases/2026.12.json").rename(released.root / "first.json")
    assert cli("release", "2026.12", "--date", "2026-12-07")[0] == 0
    assert (released.root / "releases/2026.12.json").read_bytes() == data


def test_a_pull_request_cannot_rewrite_a_release(released: Repo, cli: Cli) -> None:
    """Rewriting the release to match an edited edition would silence REL101: the gate says so."""
    release = released.root / "releases/2026.12.json"
    release.write_bytes(release.read_bytes().replace(b'"revision":0', b'"revision":0 ', 1))
    status, out, _ = cli("check", "--no-cache", "--changed-since", "release-2026.12")
    assert status == 1
    (finding,) = errors(out, "REL106")
    assert finding.startswith("releases/2026.12.json:1:1:")
    release.unlink()
    status, out, _ = cli("check", "--no-cache", "--changed-since", "release-2026.12")
    assert status == 1 and errors(out, "REL106")


def test_a_release_records_the_blueprints_the_build_publishes(released: Repo, cli: Cli) -> None:
    status, out, err = cli("build", "--no-cache")
    assert status == 0, out + err
    index = json.loads((released.root / "site/blueprints/index.json").read_text(encoding="utf-8"))
    published = {(row["document"]["ref"], row["url"]): row["sha256"] for row in index["blueprints"]}
    release = json.loads((released.root / "releases/2026.12.json").read_text(encoding="utf-8"))
    recorded = {
        (d["ref"], f"{d['ref'].replace('@', '/')}/{key}.json"): sha
        for d in release["documents"]
        for key, sha in d["blueprints"].items()
    }
    assert recorded == published


def _every_coded_line(value: object) -> set[tuple[str, str]]:
    """Every object with a code and a text anywhere in a dumped blueprint (inherited lines left out)."""
    found: set[tuple[str, str]] = set()
    if isinstance(value, dict):
        if isinstance(value.get("code"), str) and isinstance(value.get("text"), str):
            found.add((value["code"], value["text"]))
        for name, inner in value.items():
            if name != "inherited":
                found |= _every_coded_line(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _every_coded_line(inner)
    return found


def test_the_line_table_holds_every_coded_line_of_every_blueprint() -> None:
    from stdkit import blueprint, releases
    from stdkit.collection import load_entry

    for file in sorted(SAMPLES.glob("*.yaml")):
        entry, _, _ = load_entry(file, SAMPLES.parent)
        assert entry is not None
        tables = releases.line_tables(entry)
        table = {(f"{entry.ref}/{code}", text) for scope in tables.values() for code, text in scope.items()}
        for key in blueprint.levels_of(entry):
            assert _every_coded_line(blueprint.build(entry, key).model_dump(mode="json")) <= table, (
                entry.ref,
                key,
            )


def test_export_and_blueprint_give_what_the_build_publishes(in_dir: Path, cli: Cli) -> None:
    """A superseded edition's blueprint, CASE package and Word cover as the site has them, under a site URL."""
    shutil.copytree(SAMPLES, in_dir / "standards")
    (in_dir / "stdkit.toml").write_text(
        '[stdkit]\nsite_url = "https://standards.example.org"\n', encoding="utf-8"
    )
    assert cli("build", "--no-cache")[0] == 0
    root = in_dir / "site/blueprints/6-31-01-03/2009"
    status, out, _ = cli("blueprint", "6-31-01-03@2009", "--level", "L5")
    assert status == 0 and out.encode() == (root / "L5.json").read_bytes()
    status, out, _ = cli("export", "case", "6-31-01-03@2009")
    assert status == 0 and out.encode() == (root / "case.json").read_bytes()
    assert "https://standards.example.org/blueprints/6-31-01-03/2009/case.json#" in out
    assert cli("export", "docx", "6-31-01-03@2009", "-o", "old.docx")[0] == 0
    from docx import Document

    cover = "\n".join(p.text for p in Document(str(in_dir / "old.docx")).paragraphs[:20])
    assert "状态：已被替代（被 6-31-01-03@2018 代替，可考至 2018-12-25）" in cover
