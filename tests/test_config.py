"""`stdkit.toml`: per-collection severities, turning rules off, and usage errors for a bad file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ROOT

if TYPE_CHECKING:
    from stdkit.collection import Collection
    from stdkit.diagnostics import Diagnostic

Cli = Callable[..., tuple[int, str, str]]
BAD_SUM = ROOT / "tests" / "corpus" / "bad" / "weights_sum_95.yaml"


def _collection(folder: Path, toml: str) -> None:
    (folder / "standards").mkdir()
    shutil.copy(BAD_SUM, folder / "standards" / "doc.yaml")
    (folder / "stdkit.toml").write_text(toml, encoding="utf-8")


def test_severity_override_turns_an_error_into_a_warning(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "warning"\n')
    status, out, _ = cli("validate")
    assert status == 0
    assert "standards/doc.yaml:38:5: WGT401 [warning]" in out


def test_rule_turned_off(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "off"\n')
    status, out, _ = cli("validate")
    assert status == 0
    assert "WGT401" not in out


def test_unknown_key_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, "[stdkit]\nstandard = ['standards']\n")
    status, _, err = cli("validate")
    assert status == 2
    assert "unknown key stdkit.standard" in err


def test_bad_severity_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT401 = "fatal"\n')
    status, _, err = cli("validate")
    assert status == 2
    assert "WGT401" in err


def test_standards_folder_from_config(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, "[stdkit]\nstandards = ['elsewhere']\n")
    (in_dir / "standards").rename(in_dir / "elsewhere")
    status, out, _ = cli("validate")
    assert status == 1
    assert "elsewhere/doc.yaml" in out


def test_string_for_a_boolean_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    # "false" in quotes must not become True (drafts would be published)
    _collection(in_dir, '[stdkit]\ninclude_drafts = "false"\n')
    status, _, err = cli("validate")
    assert status == 2
    assert "include_drafts" in err
    assert "Traceback" not in err


def test_number_for_a_path_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, "[stdkit.reference]\noccupations = 7\n")
    status, _, err = cli("validate")
    assert status == 2
    assert "reference.occupations" in err


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[stdkit]\nx = " + "9" * 5000 + "\n", "stdkit.toml"),  # tomllib lets int() refuse it
        ("[stdkit.coverage]\nmax_omitted = 0x" + "f" * 5000 + "\n", "coverage.max_omitted"),  # repr() refuses
    ],
    ids=["decimal", "hex"],
)
def test_a_huge_integer_is_a_usage_error(cli: Cli, in_dir: Path, toml: str, named: str) -> None:
    _collection(in_dir, toml)
    status, _, err = cli("validate")
    assert status == 2
    assert named in err
    assert "Traceback" not in err and len(err) < 1000


def test_unknown_reference_key_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.reference]\noccupation = "x.json"\n')
    status, _, err = cli("validate")
    assert status == 2
    assert "unknown key stdkit.reference.occupation" in err


def test_missing_reference_file_is_one_line_not_a_traceback(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.reference]\ncatalogue = "nope.yaml"\n')
    status, _, err = cli("check")
    assert status == 2
    assert "nope.yaml" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_rule_code_is_a_usage_error(cli: Cli, in_dir: Path) -> None:
    _collection(in_dir, '[stdkit.severity]\nWGT999 = "off"\n')
    status, _, err = cli("validate")
    assert status == 2
    assert "WGT999" in err


def test_paths_outside_the_repository_are_refused(cli: Cli, in_dir: Path) -> None:
    for key, value in (("site_dir", '".."'), ("standards", '["../elsewhere"]')):
        _collection(in_dir, f"[stdkit]\n{key} = {value}\n")
        status, _, err = cli("validate")
        assert status == 2, key
        assert key in err
        for child in in_dir.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()


def test_pending_declaration_is_read(in_dir: Path) -> None:
    from stdkit import config

    (in_dir / "stdkit.toml").write_text(
        '[[stdkit.reference.pending]]\ncode = "4-04-05-99"\nname = "具身智能训练员"\n'
        'source = "新职业公示（第一批）"\ndate = 2026-05-20\n',
        encoding="utf-8",
    )
    loaded = config.load(in_dir)
    assert [(p.code, p.name, p.date.isoformat()) for p in loaded.pending] == [
        ("4-04-05-99", "具身智能训练员", "2026-05-20")
    ]


def test_a_rule_switched_off_is_not_run(cli: Cli, in_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from stdkit import checks

    def exploding(collection: Collection) -> list[Diagnostic]:
        raise AssertionError("OVL704 is off and must not run")

    registry = tuple(
        dataclasses.replace(c, run=exploding) if c.codes == ("OVL704",) else c
        for c in checks.COLLECTION_CHECKS
    )
    monkeypatch.setattr(checks, "COLLECTION_CHECKS", registry)
    _collection(in_dir, '[stdkit.severity]\nOVL704 = "off"\nWGT401 = "warning"\nCAT601 = "warning"\n')
    status, out, _ = cli("check")
    assert status == 0, out
    (in_dir / "stdkit.toml").write_text('[stdkit.severity]\nWGT401 = "warning"\n', encoding="utf-8")
    with pytest.raises(AssertionError, match="must not run"):
        cli("check")


# -- the plain reader (issue 39): a common stdkit.toml read without pydantic, exactly as the model reads it


def _values() -> st.SearchStrategy[object]:
    """Values a TOML file can hold where the table wants strings, lists, booleans and numbers."""
    text = st.one_of(
        st.sampled_from(["", "standards", "error", "off", "info", "warning", "x" * 1025]), st.text()
    )
    scalar = st.one_of(text, st.booleans(), st.integers(-5, 105), st.floats(allow_nan=False))
    return st.one_of(scalar, st.lists(scalar, max_size=3), st.dictionaries(text, scalar, max_size=2))


_KEYS = ["standards", "site_dir", "include_drafts", "site_url", "severity", "reference", "coverage", "other"]


@st.composite
def _tables(draw: st.DrawFn) -> dict[str, object]:
    table = draw(st.dictionaries(st.sampled_from(_KEYS), _values(), max_size=4))
    if draw(st.booleans()):
        table["severity"] = draw(
            st.dictionaries(
                st.sampled_from(["WGT401", "OVL702", "x"]), _values() | st.just("off"), max_size=2
            )
        )
    if draw(st.booleans()):
        table["reference"] = draw(
            st.dictionaries(st.sampled_from(["occupations", "catalogue", "releases", "pending"]), _values())
        )
    if draw(st.booleans()):
        table["coverage"] = {"max_omitted": draw(st.one_of(st.integers(-2, 102), st.booleans(), st.text()))}
    return {"stdkit": table} if draw(st.booleans()) else {"stdkit": table, "tool": {"x": 1}}


@settings(max_examples=400, deadline=None)
@given(_tables())
def test_the_plain_reader_reads_as_the_model_does(raw: dict[str, object]) -> None:
    from stdkit.config import ConfigError, _validated, plain

    read = plain(raw)
    if read is None:
        return  # the model decides
    try:
        validated = _validated(Path("stdkit.toml"), raw)
    except ConfigError:
        pytest.fail(f"the plain reader accepted what the model refuses: {raw!r}")
    assert read == validated


def test_a_common_configuration_is_read_without_pydantic(tmp_path: Path) -> None:
    """The start of every run: the file of `stdkit init` and its usual additions load without pydantic."""
    (tmp_path / "stdkit.toml").write_text(
        '[stdkit]\nstandards = ["standards"]\nsite_dir = "site"\n'
        '[stdkit.severity]\nOVL702 = "info"\n[stdkit.coverage]\nmax_omitted = 40\n',
        encoding="utf-8",
    )
    code = "import sys; from stdkit import config; config.load(); print('pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
