"""The kept rendering (issue 39): a warm run prints the text kept for its collection state, byte for byte
what a run without the cache prints, in every output format, language and colour.

Why: a national collection that prints tens of thousands of findings spent most of a warm run formatting
them again; the text printed for a state is now kept beside the memo (:func:`stdkit.run.pipeline.printed`).
A kept text that did not follow an edit, a language, a colour or a configuration would show here as a
difference from the cold run; one damaged, copied from another state or committed by a pull request must
never be printed.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import msgpack  # type: ignore[import-untyped]  # msgpack ships no type information
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdkit.report import REPORTERS
from stdkit.run import base as bases
from stdkit.run import cache
from stdkit.untrusted import log_line, log_lines

from .conftest import ROOT, CliResult
from .test_delta import EDITS

sys.path.insert(0, str(ROOT / "bench"))

import corpus  # bench/ is a folder of scripts, not a package

Cli = Callable[..., CliResult]
SIZE = 60
FORMATS = sorted(REPORTERS)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small collection with many findings: families of four documents that share one body."""
    folder = tmp_path_factory.mktemp("rendered") / "c"
    corpus.write(SIZE, folder, seed=5, copies=0.3, family=4)
    return folder


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each cached run printed a kept rendering; a base is written for this small collection, so
    that edits are answered incrementally as at national scale."""
    monkeypatch.setattr(bases, "MINIMUM", 0)
    said: list[bool] = []
    original = cache.Cache.rendering

    def spy(self: cache.Cache, key: str) -> tuple[int, str] | None:
        found = original(self, key)
        said.append(found is not None)
        return found

    monkeypatch.setattr(cache.Cache, "rendering", spy)
    yield said


def _copy(pristine: Path, folder: Path) -> Path:
    root = folder / "c"
    shutil.copytree(pristine, root)
    return root


def _run(cli: Cli, root: Path, *args: str) -> CliResult:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        return cli("check", *args)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(EDITS)),
            st.integers(0, 2**32),
            st.sampled_from(FORMATS),
            st.sampled_from(["zh", "en"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_a_warm_or_incremental_run_prints_the_bytes_of_a_cold_run(
    pristine: Path,
    cli: Cli,
    kept: list[bool],
    edits: list[tuple[str, int, str, str, bool]],
) -> None:
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        patch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        patch.delenv("NO_COLOR", raising=False)
        root = _copy(pristine, Path(scratch))
        _run(cli, root)  # the full run that writes the base
        for name, seed, fmt, lang, painted in edits:
            EDITS[name](root, random.Random(seed))
            if painted:
                patch.setenv("FORCE_COLOR", "1")
            else:
                patch.delenv("FORCE_COLOR", raising=False)
            args = ("--format", fmt, "--lang", lang)
            kept.clear()
            first = _run(cli, root, *args)  # answered from the base (or in full), then kept
            second = _run(cli, root, *args)  # printed from what the first kept
            cold = _run(cli, root, *args, "--no-cache")
            assert kept[1:] == [True], (name, fmt)  # the first may meet a state an edit left as it was
            assert first[:2] == cold[:2], (name, fmt, lang, painted)
            assert second[:2] == cold[:2], (name, fmt, lang, painted)


def test_each_format_language_and_colour_is_kept_apart(
    pristine: Path, tmp_path: Path, cli: Cli, kept: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(pristine, tmp_path)
    runs: list[tuple[bool, tuple[str, ...]]] = [
        (False, ("--lang", "zh")),
        (False, ("--lang", "en")),
        (False, ("--format", "json")),
        (False, ("--format", "sarif")),
        (True, ("--lang", "zh")),
    ]
    printed: dict[tuple[bool, tuple[str, ...]], CliResult] = {}
    for painted, args in runs:
        if painted:
            monkeypatch.setenv("FORCE_COLOR", "1")
        printed[painted, args] = _run(cli, root, *args)
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" in printed[runs[-1]][1] and "\x1b[" not in printed[runs[0]][1]
    assert len({out for _, out, _ in printed.values()}) == len(printed)
    kept.clear()
    for painted, args in runs:
        if painted:
            monkeypatch.setenv("FORCE_COLOR", "1")
        assert _run(cli, root, *args)[:2] == printed[painted, args][:2], args
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert kept == [True] * len(runs)


def test_a_configuration_change_is_not_answered_by_the_text_kept_before(
    pristine: Path, tmp_path: Path, cli: Cli
) -> None:
    root = _copy(pristine, tmp_path)
    before = _run(cli, root)
    (root / "stdkit.toml").write_text(
        '[stdkit]\nstandards = ["standards"]\n[stdkit.severity]\nOVL704 = "off"\n', encoding="utf-8"
    )
    after = _run(cli, root)
    assert after[:2] == _run(cli, root, "--no-cache")[:2]
    assert "OVL704" in before[1] and "OVL704" not in after[1]


def test_a_schema_deleted_beside_an_unchanged_document_is_reported_warm(
    pristine: Path, tmp_path: Path, cli: Cli
) -> None:
    """CNT513 reads a file beyond the documents (the modeline's schema): no kept text may hide it."""
    root = _copy(pristine, tmp_path)
    (root / "schema").mkdir()
    for path in sorted((root / "standards").glob("*.yaml")):
        kind = path.read_text(encoding="utf-8").split("kind: ", 1)[1].split("\n", 1)[0]
        (root / "schema" / f"{kind}.schema.json").write_text("{}", encoding="utf-8")
        path.write_text(
            f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
            + path.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    clean = _run(cli, root)
    assert "CNT513" not in clean[1]
    (root / "schema" / "special-competency.schema.json").unlink()
    warm = _run(cli, root)
    assert "CNT513" in warm[1]
    assert warm[:2] == _run(cli, root, "--no-cache")[:2]


def _renderings(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER / cache.RENDERED).glob("*.bin"))


@pytest.mark.parametrize("damage", ["flip", "truncate", "copied", "forged"])
def test_a_damaged_copied_or_forged_rendering_is_never_printed(
    pristine: Path, tmp_path: Path, cli: Cli, damage: str
) -> None:
    root = _copy(pristine, tmp_path)
    _run(cli, root)
    (clean,) = _renderings(root)
    clean_text = clean.read_bytes()
    target = root / "standards" / sorted(p.name for p in (root / "standards").glob("[0-9]*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nsurprise: 1\n", encoding="utf-8")
    expected = _run(cli, root, "--no-cache")
    assert expected[0] == 1 and "SCH" in expected[1]
    _run(cli, root)
    (broken,) = (p for p in _renderings(root) if p != clean)
    data = broken.read_bytes()
    if damage == "flip":
        broken.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    elif damage == "truncate":
        broken.write_bytes(data[: len(data) // 2])
    elif damage == "copied":  # the clean state's text, sealed on this machine, under the broken state's key
        broken.write_bytes(clean_text)
    else:  # a body that says clean, with a MAC made without this machine's secret
        body = cache.decoded(clean_text[cache.DIGEST :])
        forged = msgpack.packb({"status": 0, "text": body["text"]}, use_bin_type=True)
        broken.write_bytes(bytes(cache.DIGEST) + forged)
    status, out, err = _run(cli, root)
    assert (status, out) == expected[:2]
    assert "damaged or copied" in err
    assert _run(cli, root) == (*expected[:2], "")  # written again, and trusted again


def test_a_committed_rendering_is_not_trusted(pristine: Path, tmp_path: Path, cli: Cli) -> None:
    """A pull request commits the clean state's cache, renderings included, beside a broken standard."""
    root = _copy(pristine, tmp_path)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    _run(cli, root)
    target = sorted((root / "standards").glob("[0-9]*.yaml"))[0]
    clean = target.read_text(encoding="utf-8")
    target.write_text(clean + "\nsurprise: 1\n", encoding="utf-8")
    _run(cli, root)  # the broken state's rendering too: then the clean text is put back under its key
    for path in _renderings(root):
        path.write_bytes(_renderings(root)[0].read_bytes())
    (root / cache.FOLDER / ".gitignore").unlink()
    git("add", "-f", ".")
    git("commit", "-q", "-m", "a broken standard and a cache that says it is clean")
    expected = _run(cli, root, "--no-cache")
    status, out, err = _run(cli, root)
    assert (status, out) == expected[:2] and status == 1
    assert "git tracks this cache folder" in err


def test_the_github_report_under_actions_is_made_every_run(
    pristine: Path, tmp_path: Path, cli: Cli, kept: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Actions it also appends the Markdown report to the job summary: a kept text would skip that."""
    root = _copy(pristine, tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    first = _run(cli, root, "--format", "github")
    once = summary.read_text(encoding="utf-8")
    assert _run(cli, root, "--format", "github") == first
    assert summary.read_text(encoding="utf-8") == once * 2
    assert not _renderings(root) and True not in kept


_HOSTILE = st.text(
    st.sampled_from(
        ["a", "电", " ", ":", "#", "[", "\n", "\r", "\t", "\x1b", "\u2028", "\u202e", "\ud800", "\x85"]
    ),
    max_size=12,
)


@given(st.lists(_HOSTILE, max_size=8))
def test_lines_made_safe_at_once_are_the_lines_made_safe_one_by_one(lines: list[str]) -> None:
    """The text report makes tens of thousands of lines safe in one scan when none needs a change."""
    assert log_lines(lines) == "\n".join(log_line(line) for line in lines)


@pytest.fixture
def spliced(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each answer from the base printed a text spliced from the kept lines (True) or fell back to
    the whole report (False)."""
    from stdkit.run import splice

    said: list[bool] = []
    original = splice._spliced

    def spy(*args: object) -> tuple[int, str] | None:
        found = original(*args)  # type: ignore[arg-type]
        said.append(found is not None)
        return found

    monkeypatch.setattr(splice, "_spliced", spy)
    yield said


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(EDITS)),
            st.integers(0, 2**32),
            st.sampled_from(["zh", "en"]),
            st.booleans(),
        ),
        min_size=2,
        max_size=4,
    )
)
def test_an_edit_answered_from_the_kept_lines_prints_the_bytes_of_a_cold_run(
    pristine: Path,
    cli: Cli,
    kept: list[bool],
    spliced: list[bool],
    edits: list[tuple[str, int, str, bool]],
) -> None:
    """The text report after edits: the findings that did not move printed from the lines kept beside the
    base (the first answer for a language and colour writes them), the others formatted; byte for byte the
    report of a run without the cache, exit status included."""
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        patch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        patch.delenv("NO_COLOR", raising=False)
        root = _copy(pristine, Path(scratch))
        _run(cli, root)  # the full run that writes the base
        for name, seed, lang, painted in edits:
            EDITS[name](root, random.Random(seed))
            if painted:
                patch.setenv("FORCE_COLOR", "1")
            else:
                patch.delenv("FORCE_COLOR", raising=False)
            first = _run(cli, root, "--lang", lang)
            cold = _run(cli, root, "--lang", lang, "--no-cache")
            assert first[:2] == cold[:2], (name, lang, painted)
            assert _run(cli, root, "--lang", lang)[:2] == cold[:2]


def test_the_kept_lines_answer_an_edit_and_follow_suppressions(
    pristine: Path, tmp_path: Path, cli: Cli, kept: list[bool], spliced: list[bool]
) -> None:
    """A skill line reworded twice: the second answer is spliced (the first wrote the lines). A suppression
    comment then added to a document with findings: its findings are finished again (suppressed, counted
    apart), not printed from the lines."""
    from .test_delta import reword

    root = _copy(pristine, tmp_path)
    whole = _run(cli, root, "--lang", "en")
    for seed in (1, 2):
        reword(root, random.Random(seed))
        assert _run(cli, root, "--lang", "en")[:2] == _run(cli, root, "--lang", "en", "--no-cache")[:2]
    assert spliced[-1] is True
    line = next(line for line in whole[1].splitlines() if " OVL704 " in line)
    path, number = line.split(":")[:2]
    target = root / path
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(int(number) - 1, "# stdkit: ignore OVL704 the families share one body on purpose\n")
    target.write_text("".join(lines), encoding="utf-8")
    reword(root, random.Random(3))
    spliced.clear()
    status, out, _ = _run(cli, root, "--lang", "en")
    assert (status, out) == _run(cli, root, "--lang", "en", "--no-cache")[:2]
    assert "suppressed: " in out and "suppressed)" in out.splitlines()[-1]
    assert spliced == [True]


@pytest.mark.parametrize("damage", ["flip", "other_language", "forged"])
def test_damaged_or_copied_kept_lines_are_never_printed(
    pristine: Path, tmp_path: Path, cli: Cli, kept: list[bool], spliced: list[bool], damage: str
) -> None:
    """Issue 32's rule for the lines kept beside the base: one damaged, copied from another language's
    file or forged without this machine's secret is made again, and the text is a cold run's."""
    from .test_delta import reword

    root = _copy(pristine, tmp_path)
    _run(cli, root, "--lang", "en")
    for lang, seed in (("en", 1), ("zh", 2)):
        reword(root, random.Random(seed))
        _run(cli, root, "--lang", lang)  # each language's lines written
    files = {p.name: p for p in (root / cache.FOLDER / bases.FOLDER).glob("*.lines-*.bin")}
    assert len(files) == 2
    target, other = sorted(files.values())
    data = target.read_bytes()
    if damage == "flip":
        target.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    elif damage == "other_language":
        target.write_bytes(other.read_bytes())
    else:
        body = cache.decoded(data[cache.DIGEST :])
        body["lines"] = ["standards/x.yaml:1:1: CNT500 [error] forged" for _ in body["lines"]]
        target.write_bytes(bytes(cache.DIGEST) + msgpack.packb(body, use_bin_type=True))
    said = ""
    for lang, seed in (("en", 3), ("zh", 4)):
        reword(root, random.Random(seed))
        status, out, err = _run(cli, root, "--lang", lang)
        assert (status, out) == _run(cli, root, "--lang", lang, "--no-cache")[:2]
        assert "forged" not in out
        said += err
    assert said.count("damaged or copied") == 1  # the one file, made again
    assert spliced[-2:] == [True, True]


def test_the_kept_lines_carry_the_configured_severities(
    pristine: Path, tmp_path: Path, cli: Cli, kept: list[bool], spliced: list[bool]
) -> None:
    """A collection that raises OVL704 to an error and turns OVL702 off: the kept lines say [error], the
    counts and the exit status follow, and no OVL702 line is printed."""
    from .test_delta import reword

    root = _copy(pristine, tmp_path)
    (root / "stdkit.toml").write_text(
        '[stdkit]\nstandards = ["standards"]\n[stdkit.severity]\nOVL704 = "error"\nOVL702 = "off"\n',
        encoding="utf-8",
    )
    _run(cli, root, "--lang", "en")
    for seed in (1, 2, 3):
        reword(root, random.Random(seed))
        status, out, _ = _run(cli, root, "--lang", "en")
        assert (status, out) == _run(cli, root, "--lang", "en", "--no-cache")[:2]
    assert status == 1 and " OVL704 [error] " in out and " OVL702 " not in out
    assert spliced[-2:] == [True, True]


#: What a run answered from the cache never needs: the model (pydantic), numpy, YAML, the rule registry.
HEAVY = ("pydantic", "numpy", "yaml", "stdkit.model", "stdkit.collection", "stdkit.checks.registry")


def _in_a_process(root: Path, *args: str) -> tuple[int, str, list[str]]:
    """``stdkit ARGS`` in a fresh interpreter: (status, stdout, the modules of :data:`HEAVY` it imported)."""
    code = (
        "import sys\nfrom stdkit import cli\nstatus = cli.main(sys.argv[1:])\nsys.stdout.flush()\n"
        f"print('imported:', *[m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=False,
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    said = [line for line in done.stderr.splitlines() if line.startswith("imported:")]
    assert said, done.stderr
    return done.returncode, done.stdout, said[-1].split()[1:]


def test_a_warm_answer_imports_neither_the_model_nor_numpy_nor_the_rules(
    pristine: Path, tmp_path: Path, cli: Cli
) -> None:
    """Issue 39: a warm check of a national collection spent most of its second importing what a kept
    answer never uses. The text kept for an unchanged collection, whole or narrowed to a file as the
    pre-commit hook asks (``stdkit check FILE``), is printed by a process that imports none of them, and
    is the text the run that kept it printed."""
    root = _copy(pristine, tmp_path)
    named = sorted((root / "standards").glob("*.yaml"))[1].relative_to(root).as_posix()
    for args in [(), ("--lang", "en"), (named,)]:
        status, out, _ = _run(cli, root, *args)
        assert out
        # a fresh process first keeps its own answer: in a whole test session, this process's key can differ
        # from a fresh one's (state earlier tests left in it), and the kept answer is then not found
        first = _in_a_process(root, "check", *args)
        assert first[:2] == (status, out)
        assert _in_a_process(root, "check", *args) == (status, out, [])


def test_a_fresh_process_words_stored_findings_and_knows_every_configured_code(
    pristine: Path, tmp_path: Path, cli: Cli
) -> None:
    """The registry is imported when a rule must run, no longer by every run (issue 39). A fresh process that
    answers from the memo without a kept text still words every finding in Chinese (a rule's wording is
    declared with its family), and a severity set for a code of any family is known (not refused as a code
    no rule has, exit 2)."""
    root = _copy(pristine, tmp_path / "memo")
    shutil.copy(ROOT / "tests" / "corpus" / "bad" / "weights_sum_95.yaml", root / "standards" / "w.yaml")
    status, out, _ = _run(cli, root, "--lang", "zh")
    assert "WGT401 [error] 权重列" in out  # a family no other module imports on the way
    shutil.rmtree(root / cache.FOLDER / cache.RENDERED)  # the memo answers, and the text is made again
    assert _in_a_process(root, "check", "--lang", "zh")[:2] == (status, out)
    root = _copy(pristine, tmp_path / "severity")
    toml = root / "stdkit.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[stdkit.severity]\nOVL704 = "info"\n', encoding="utf-8"
    )
    status, out, _ = _in_a_process(root, "check")
    assert status != 2 and "OVL704 [info]" in out
    assert _run(cli, root)[:2] == (status, out)
    assert _in_a_process(root, "validate")[0] != 2
