"""Numbers at stdkit's bound (issue #32): what `check` accepts also builds and exports; beyond it, a finding.

A number is at most ±(2**53 − 1) in magnitude and finite (:data:`stdkit.load.MAX_NUMBER`), the whole
numbers a blueprint's JSON readers hold exactly. tests/corpus/good/largest_numbers.yaml gives the largest
in every field without a bound of its own (training hours, ratios, panel sizes, durations) and in every
spelling YAML 1.1 has for it; it must pass `check` and then build, export and import back. One number
past the bound (``0x`` and 3,600 ``f`` once printed a traceback, and in ``training.hours`` passed
`check` and then broke `build`) is YML016 at its line and column, exit 1, in every command that reads it.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from stdkit.interchange.docx import read as docx_import
from stdkit.interchange.docx.write import SOURCE_PART
from stdkit.load import MAX_NUMBER

from .conftest import CliResult
from .test_diff import Repo
from .test_docx import HAS_OFFICE

LARGEST = Path(__file__).parent / "corpus" / "good" / "largest_numbers.yaml"
DOC = "standards/9-99-00-01_2024.yaml"
REF = "9-99-00-01@2024"
#: The report's number, in the one field that used to pass `check` and then break `build`.
HUGE = "0x" + "f" * 3600
HOURS = f"hours: {{L5: {MAX_NUMBER}, L4: 0x1f_ffff_ffff_ffff}}"


@pytest.fixture
def largest(in_dir: Path) -> Path:
    (in_dir / "standards").mkdir()
    shutil.copy(LARGEST, in_dir / DOC)
    return in_dir


def test_the_largest_numbers_pass_check_build_and_export(
    largest: Path, cli: Callable[..., CliResult]
) -> None:
    assert cli("check", "--no-cache")[0] == 0
    assert cli("build")[0] == 0
    blueprint = json.loads((largest / "site" / "blueprints" / "9-99-00-01" / "2024" / "L4.json").read_text())
    theory, skill = blueprint["components"]
    assert theory["duration"] == theory["ratio"] == theory["invigilators_at_least"] == MAX_NUMBER
    assert skill["duration"] == skill["ratio"] == skill["examiners_at_least"] == MAX_NUMBER
    status, out, _ = cli("blueprint", REF, "--level", "L4")
    assert status == 0
    assert json.loads(out) == blueprint
    for fmt in ("docx", "case"):
        assert cli("export", fmt, REF, "-o", f"out.{fmt}")[0] == 0, fmt
    if HAS_OFFICE:
        assert cli("export", "pdf", REF, "-o", "out.pdf")[0] == 0
    printed = docx.Document("out.docx")
    assert any(f"{MAX_NUMBER}标准学时" in p.text for p in printed.paragraphs)
    assert json.loads((largest / "out.case").read_text(encoding="utf-8"))["CFDocument"]


def test_the_largest_numbers_import_back_from_word(largest: Path, cli: Callable[..., CliResult]) -> None:
    assert cli("export", "docx", REF, "-o", "out.docx")[0] == 0
    for raw in (Path("out.docx").read_bytes(), _without_source(Path("out.docx").read_bytes())):
        imported = docx_import.read_bytes(raw, "out.docx")
        assert not [d for d in imported.diagnostics if d.code == "DOC920"]
        assert imported.data is not None
        assert imported.data["training"]["hours"] == {"L5": MAX_NUMBER, "L4": MAX_NUMBER}


@pytest.fixture
def huge(largest: Path) -> Path:
    text = (largest / DOC).read_text(encoding="utf-8")
    assert HOURS in text
    (largest / DOC).write_text(text.replace(HOURS, f"hours: {{L5: {HUGE}, L4: 1}}"), encoding="utf-8")
    return largest


#: Where the number stands in the document.
AT = f"{DOC}:15:15: YML016"


@pytest.mark.parametrize(
    "command", [["validate"], ["check"], ["check", "--no-cache"], ["build"]], ids=" ".join
)
def test_a_number_past_the_bound_is_located_in_every_checking_command(
    huge: Path, cli: Callable[..., CliResult], command: list[str]
) -> None:
    status, out, err = cli(*command)
    assert status == 1
    assert AT in out + err
    assert not (huge / "site").exists()


def test_check_twice_from_the_cache(huge: Path, cli: Callable[..., CliResult]) -> None:
    first, second = cli("check"), cli("check")
    assert first == second
    assert first[0] == 1 and AT in first[1]


@pytest.mark.parametrize(
    "command",
    [["export", "docx"], ["export", "pdf"], ["export", "case"], ["blueprint"]],
    ids=" ".join,
)
def test_export_and_blueprint_refuse_the_document(
    huge: Path, cli: Callable[..., CliResult], command: list[str]
) -> None:
    status, out, err = cli(*command, REF, "-o", "out") if command[0] == "export" else cli(*command, REF)
    assert (status, out) == (1, "")
    assert "validates; fix first" in err and AT in err and "YML016" in err  # the finding, located
    assert not (huge / "out").exists()


def test_diff_names_the_revision_that_does_not_parse(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    repo = Repo(in_dir)
    repo.write(DOC, LARGEST.read_text(encoding="utf-8"))
    repo.commit("A")
    repo.edit(DOC, (HOURS, f"hours: {{L5: {HUGE}, L4: 1}}"))
    repo.commit("B")
    status, markdown, err = cli("diff", "A", "B")
    assert (status, err) == (0, "")
    assert "B: 15:15 YML016" in markdown


# -- import: a number in the printed text or in the data an export carries ---------------------------


def _without_source(raw: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != SOURCE_PART.lstrip("/"):
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def _with_hours(raw: bytes, printed: str) -> bytes:
    """The exported draft with the 五级 training hours printed as ``printed``."""
    word = docx.Document(io.BytesIO(raw))
    paragraph = next(p for p in word.paragraphs if p.text == f"五级/初级工：{MAX_NUMBER}标准学时")
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = f"五级/初级工：{printed}标准学时"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _with_carried(raw: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SOURCE_PART.lstrip("/"):
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("digits", [17, 20, 5000])
@pytest.mark.parametrize("carried", [True, False], ids=["carried", "printed only"])
def test_import_refuses_printed_hours_past_the_bound(
    largest: Path, cli: Callable[..., CliResult], digits: int, carried: bool
) -> None:
    assert cli("export", "docx", REF, "-o", "out.docx")[0] == 0
    raw = _with_hours(Path("out.docx").read_bytes(), "9" * digits)
    Path("draft.docx").write_bytes(raw if carried else _without_source(raw))
    status, _, err = cli("import", "docx", "draft.docx", "-o", "draft.yaml")
    assert status == 1
    (finding,) = [line for line in err.splitlines() if "DOC920" in line]
    assert (
        finding.startswith("draft.docx:")
        and "`training.hours.L5`" in finding
        and f"{MAX_NUMBER:,}" in finding
    )
    assert "9" * 17 not in Path("draft.yaml").read_text(encoding="utf-8")  # written without it
    assert "YML016" not in cli("validate", "draft.yaml")[1]


@pytest.mark.parametrize("number", ["1e300", "18446744073709551615"])
def test_import_refuses_a_carried_number_past_the_bound(
    largest: Path, cli: Callable[..., CliResult], number: str
) -> None:
    """JSON holds integers of 64 bits and floats up to 1.8e308: the data an export carries is not trusted."""
    assert cli("export", "docx", REF, "-o", "out.docx")[0] == 0
    raw = _with_carried(Path("out.docx").read_bytes(), '"years":0.0', f'"years":{number}')
    imported = docx_import.read_bytes(raw, "draft.docx")
    assert [(d.code, d.message.split(":")[0]) for d in imported.diagnostics] == [
        ("DOC920", "`assessment.eligibility.L4.0.years`")
    ]
    assert imported.data is not None
    assert "years" not in imported.data["assessment"]["eligibility"]["L4"][0]


@pytest.mark.parametrize(
    "texts",
    [
        [str(n) for n in range(0, 3000)],
        [f"0{n}" for n in range(0, 300)]
        + ["0", "00", "09", "1_000", "+1", "-1", "0x1F", "0b1", "1:30", "1.0"],
        [
            "１２",
            "²",
            "٣",
            "1e5",
            "99999999999999",
            "999999999999999",
            "9999999999999999",
            "9007199254740991",
        ],
        ["9007199254740992"],
    ],
)
def test_plain_decimals_are_made_as_yaml_would(texts: list[str]) -> None:
    """The short cut for plain decimal integers (``scalars.plain_decimal``) gives the tag PyYAML's resolver
    gives and the value its constructor makes, and the document's data are those of yaml.safe_load."""
    import yaml

    from stdkit.load import parse, scalars

    resolver = yaml.resolver.Resolver()
    for text in texts:
        if scalars.plain_decimal(text):
            assert resolver.resolve(yaml.ScalarNode, text, (True, False)) == scalars.INT  # type: ignore[no-untyped-call]
            node = yaml.ScalarNode(scalars.INT, text, style="")
            assert yaml.constructor.SafeConstructor().construct_yaml_int(node) == int(text)
    document = "".join(f"k{i}: {text}\n" for i, text in enumerate(texts))
    loaded = parse(document.encode(), "numbers.yaml")
    expected = yaml.safe_load(document)
    if loaded.data is None:  # a number past the bound is refused (YML016), as before the short cut
        assert {d.code for d in loaded.diagnostics} == {"YML016"}
        return
    assert loaded.data == expected
    assert [type(v) for v in loaded.data.values()] == [type(v) for v in expected.values()]
