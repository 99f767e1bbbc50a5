"""The CLI speaks the author's language: every failure and notice in Chinese by default, in English
with ``--lang en`` / STDKIT_LANG=en, from the one catalogue of :mod:`stdkit.messages`.

Why: the authors of the standards are Chinese; a build that stops in English leaves them guessing.
The English wording is the one stdkit always printed, so scripts that read it keep working.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from stdkit.diagnostics import RULES
from stdkit.messages import MESSAGES, Message, field_names, say
from stdkit.rules_reference import all_rules
from tests.conftest import STANDARDS, CliResult

SAMPLE = "6-31-01-03_2018.yaml"


def _collection(root: Path) -> None:
    (root / "standards").mkdir()
    shutil.copy(STANDARDS / SAMPLE, root / "standards")


def _draft(root: Path) -> None:
    (root / "standards").mkdir()
    text = (STANDARDS / SAMPLE).read_text(encoding="utf-8").replace("status: published", "status: draft", 1)
    (root / "standards" / SAMPLE).write_text(text, encoding="utf-8")


def _broken(root: Path) -> None:
    _collection(root)
    text = (root / "standards" / SAMPLE).read_text(encoding="utf-8")
    (root / "standards" / SAMPLE).write_text(
        text.replace("status: published", "status: nonsense", 1), "utf-8"
    )


def _toml(text: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        _collection(root)
        (root / "stdkit.toml").write_text(text, encoding="utf-8")

    return setup


def _files(*names: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for name in names:
            (root / name).write_bytes(b"x")

    return setup


def _taken_release(root: Path) -> None:
    from tests.test_catalogue import RELEASE

    _collection(root)
    (root / "r.yaml").write_text(RELEASE.replace("4-04-05-16, name: 具身", "4-04-05-13, name: 具身"), "utf-8")
    (root / "stdkit.toml").write_text('[stdkit.reference]\nreleases = ["r.yaml"]\n', encoding="utf-8")


def _undated_release(root: Path) -> None:
    from tests.test_catalogue import RELEASE

    _collection(root)
    (root / "r.yaml").write_text(RELEASE.replace("date: 2026-03-01", "date: 三月"), "utf-8")
    (root / "stdkit.toml").write_text('[stdkit.reference]\nreleases = ["r.yaml"]\n', encoding="utf-8")


def _bad_code_release(root: Path) -> None:
    from tests.test_catalogue import RELEASE

    _collection(root)
    (root / "r.yaml").write_text(
        RELEASE.replace("{code: 4-04-05-16, name: 具身", "{code: 4-4-5-16, name: 具身"), "utf-8"
    )
    (root / "stdkit.toml").write_text('[stdkit.reference]\nreleases = ["r.yaml"]\n', encoding="utf-8")


def _nothing(root: Path) -> None:
    pass


@dataclass(frozen=True)
class Case:
    """A failing command: its arguments, its exit status, and the line it prints in each language
    (``{dir}`` is the collection's folder)."""

    name: str
    setup: Callable[[Path], None]
    argv: tuple[str, ...]
    status: int
    zh: str
    en: str


CASES = [
    Case(
        "import-missing",
        _nothing,
        ("import", "docx", "missing.docx"),
        2,
        "stdkit：missing.docx：文件不存在",
        "stdkit: missing.docx: no such file",
    ),
    Case(
        "import-exists",
        _files("draft.docx", "out.yaml"),
        ("import", "docx", "draft.docx", "-o", "out.yaml"),
        1,
        "stdkit：out.yaml 已存在；请另选 --output，或加 --force 覆盖",
        "stdkit: out.yaml already exists; choose another --output or pass --force",
    ),
    Case(
        "new-exists",
        _collection,
        ("new", "occupational-standard", "6-31-01-03", "--edition", "2018"),
        1,
        "stdkit：{dir}/standards/6-31-01-03_2018.yaml 已存在；请另选 --output，或直接编辑该文件",
        "stdkit: {dir}/standards/6-31-01-03_2018.yaml already exists; choose another --output or edit the file",
    ),
    Case(
        "new-bad-id",
        _collection,
        ("new", "special-competency", "a/b"),
        2,
        "stdkit：编号 'a/b' 不可用：只能写字母、数字、'.'、'_' 或 '-'（不能有 '/'、'..'、空格或换行）",
        "stdkit: the id 'a/b' is not usable: write letters, digits, '.', '_' or '-' only "
        "(no '/', no '..', no spaces or line breaks)",
    ),
    Case(
        "new-no-occupation",
        _collection,
        ("new", "occupational-standard", "X-1", "--occupation", "9-99-99-99"),
        2,
        "stdkit：--occupation 9-99-99-99：职业分类大典中没有这个编码的职业；用 `stdkit lookup 名称` 查找",
        "stdkit: --occupation 9-99-99-99: no occupation of the 职业分类大典 has this code; "
        "find it with `stdkit lookup NAME`",
    ),
    Case(
        "blueprint-no-document",
        _collection,
        ("blueprint", "1-00-00-00"),
        1,
        "stdkit：没有 id 为 '1-00-00-00' 且通过校验的文档；运行 `stdkit validate` 查看原因",
        "stdkit: no document with id '1-00-00-00' validates; run `stdkit validate` to see why",
    ),
    Case(
        "blueprint-no-edition",
        _collection,
        ("blueprint", "6-31-01-03@1999"),
        1,
        "stdkit：6-31-01-03 没有版本 '1999'；现有版本：2018",
        "stdkit: 6-31-01-03 has no edition '1999'; editions: 2018",
    ),
    Case(
        "blueprint-no-published",
        _draft,
        ("blueprint", "6-31-01-03"),
        1,
        "stdkit：6-31-01-03 没有已发布的版本；请写成 6-31-01-03@版本 指定一个，或加 --drafts",
        "stdkit: 6-31-01-03 has no published edition; name one as 6-31-01-03@EDITION or pass --drafts",
    ),
    Case(
        "blueprint-no-level",
        _collection,
        ("blueprint", "6-31-01-03", "--level", "L9"),
        1,
        "stdkit：6-31-01-03@2018 没有等级 'L9'；现有等级：L5、L4、L3、L2、L1",
        "stdkit: 6-31-01-03@2018 has no level 'L9'; levels: L5, L4, L3, L2, L1",
    ),
    Case(
        "export-no-document",
        _collection,
        ("export", "case", "1-00-00-00"),
        1,
        "stdkit：没有 id 为 '1-00-00-00' 且通过校验的文档；运行 `stdkit validate` 查看原因",
        "stdkit: no document with id '1-00-00-00' validates; run `stdkit validate` to see why",
    ),
    Case(
        "build-stopped",
        _broken,
        ("build",),
        1,
        "stdkit：构建已停止：请先修正上面的错误；未写入任何文件",
        "stdkit: build stopped: fix the errors above; nothing was written",
    ),
    Case(
        "build-out-outside",
        _collection,
        ("build", "--out", "/"),
        2,
        "stdkit：--out /：它在仓库 {dir} 之外；请选择类似 {dir}/site 的文件夹",
        "stdkit: --out /: it is outside the repository {dir}; choose a folder such as {dir}/site",
    ),
    Case(
        "init-file",
        _files("taken"),
        ("init", "taken"),
        2,
        "stdkit：taken 是一个文件；请给出新仓库的文件夹",
        "stdkit: taken is a file; give a folder for the new repository",
    ),
    Case(
        "init-exists",
        _files("stdkit.toml"),
        ("init", "."),
        1,
        "stdkit：.：stdkit.toml 已存在；未写入任何文件。请先移走它们，或运行 `stdkit init --force` 覆盖",
        "stdkit: .: stdkit.toml already exist(s); nothing was written. "
        "Move them away, or run `stdkit init --force` to overwrite them",
    ),
    Case(
        "config-unknown-key",
        _toml("[stdkit]\nbogus = 1\n"),
        ("check",),
        2,
        "stdkit：{dir}/stdkit.toml：未知的键 stdkit.bogus",
        "stdkit: {dir}/stdkit.toml: unknown key stdkit.bogus",
    ),
    Case(
        "config-not-a-code",
        _toml('[stdkit.severity]\nfoo = "off"\n'),
        ("check",),
        2,
        "stdkit：{dir}/stdkit.toml：severity.foo：不是规则编码（三个大写字母加三个数字）",
        "stdkit: {dir}/stdkit.toml: severity.foo: not a rule code (three capitals and three digits)",
    ),
    Case(
        "config-unknown-code",
        _toml('[stdkit.severity]\nABC999 = "off"\n'),
        ("check",),
        2,
        "stdkit：{dir}/stdkit.toml：severity：没有规则的编码是 ABC999（见 `stdkit rules`）",
        "stdkit: {dir}/stdkit.toml: severity: no rule has the code ABC999 (see `stdkit rules`)",
    ),
    Case(
        "config-outside",
        _toml('[stdkit]\nstandards = ["../elsewhere"]\n'),
        ("check",),
        2,
        "stdkit：{dir}/stdkit.toml：standards = '../elsewhere' 指向仓库 {dir} 之外；请写仓库内的路径",
        "stdkit: {dir}/stdkit.toml: standards = '../elsewhere' leaves the repository {dir}; name a path inside it",
    ),
    Case(
        "release-code-taken",
        _taken_release,
        ("check",),
        2,
        "stdkit：{dir}/r.yaml：added[0]（4-04-05-13）：该编码已是「生成式人工智能系统应用员」",
        "stdkit: {dir}/r.yaml: added[0] (4-04-05-13): the code is already 「生成式人工智能系统应用员」",
    ),
    Case(
        "release-undated",
        _undated_release,
        ("check",),
        2,
        "stdkit：{dir}/r.yaml：date：应为发布日期（YYYY-MM-DD），实为字符串 '三月'",
        "stdkit: {dir}/r.yaml: date: expected the release date (YYYY-MM-DD), got the string '三月'",
    ),
    Case(
        "release-bad-code",
        _bad_code_release,
        ("check",),
        2,
        "stdkit：{dir}/r.yaml：added[0].code：'4-4-5-16' 不是 X-XX-XX-XX 形式的职业编码（如 6-31-01-03）",
        "stdkit: {dir}/r.yaml: added[0].code: '4-4-5-16' is not an occupation code of the form X-XX-XX-XX (e.g. 6-31-01-03)",
    ),
    Case(
        "changed-since-bad-revision",
        _collection,
        ("check", "--changed-since=-x"),
        2,
        "stdkit：无效的版本 '-x'",
        "stdkit: bad revision '-x'",
    ),
]


def _chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's default: no STDKIT_LANG, no English locale."""
    monkeypatch.delenv("STDKIT_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _run(case: Case, root: Path, cli: Callable[..., CliResult], *extra: str) -> tuple[int, str]:
    case.setup(root)
    status, _, err = cli(*case.argv, *extra)
    return status, err.strip().splitlines()[-1] if err.strip() else ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_failure_is_said_in_chinese_by_default(
    case: Case, in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _chinese(monkeypatch)
    status, line = _run(case, in_dir, cli)
    assert status == case.status
    assert line == case.zh.format(dir=in_dir.resolve())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_failure_is_said_in_english_when_asked(
    case: Case, in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _chinese(monkeypatch)
    monkeypatch.setenv("STDKIT_LANG", "en")
    status, line = _run(case, in_dir, cli)
    assert status == case.status
    assert line == case.en.format(dir=in_dir.resolve())


def test_lang_option_wins_over_the_environment(
    in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _chinese(monkeypatch)
    _broken(in_dir)
    assert cli("build", "--lang", "en")[2].strip().splitlines()[-1] == CASES[10].en
    monkeypatch.setenv("STDKIT_LANG", "en")
    assert cli("build", "--lang", "zh")[2].strip().splitlines()[-1] == CASES[10].zh


# -------------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip(), key
    assert field_names(zh) == field_names(en), key


def test_a_message_renders_its_fields_in_its_own_language() -> None:
    inner = Message("output.file")
    outer = Message("output.refused", {"setting": "--out", "target": "x", "why": inner, "suggestion": "y"})
    assert outer.text("zh") == "--out x：它是一个文件；请选择类似 y 的文件夹"
    assert str(outer) == "--out x: it is a file; choose a folder such as y"
    assert say("cli.no_level", "zh", ref="r", level="L9", levels=["L5", "L4"]).endswith("L5、L4")


#: Two marks of punctuation in a row, or a Chinese mark next to an ASCII one (。。 ：: ，,).
#: A dot before a letter is a file's extension (.docx), not a full stop.
DOUBLED = re.compile(r"[。，；：！？、](?:[。，；：！？、]|[.,;:!?](?![A-Za-z]))|[.,;:!?][。，；：！？、]")


def _chinese_templates() -> list[tuple[str, str]]:
    all_rules()  # every rule module declared
    out = [(key, zh) for key, (zh, _) in MESSAGES.items()]
    for code, declared in RULES.items():
        if declared.zh is None:
            continue
        words = declared.zh
        details = words.detail.values() if not isinstance(words.detail, str) else [words.detail]
        out += [(code, words.summary), (code, words.fix), *((code, d) for d in details)]
    return out


def test_no_chinese_wording_doubles_or_mixes_punctuation() -> None:
    found = [(where, m.group(), text) for where, text in _chinese_templates() for m in DOUBLED.finditer(text)]
    assert found == []


def test_a_quoted_sentence_takes_no_second_full_stop() -> None:
    from stdkit.interchange import rules

    finding = rules.R_UNMAPPED.at(
        "d.docx",
        3,
        1,
        block=3,
        section="鉴定方式",
        field="assessment.notes",
        text="由考评小组确定。",
        text_zh="“由考评小组确定。”",
    )
    assert "。”。" not in finding.text("zh")
    assert "“由考评小组确定。”请把" in finding.text("zh")


# -------------------------------------------------------------------------------- no English left

#: A run of three or more English words: a sentence the Chinese user was not meant to read.
ENGLISH = re.compile(r"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}\b")


def _without_names(line: str) -> str:
    """``line`` without what is not a sentence: `commands`, 'quoted values', paths and codes."""
    line = re.sub(r"`[^`]*`|'[^']*'", " ", line)
    return " ".join(word for word in line.split() if "/" not in word)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_chinese_failure_has_no_english_sentence(
    case: Case, in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    _chinese(monkeypatch)
    case.setup(in_dir)
    _, out, err = cli(*case.argv)
    for line in [*err.splitlines(), *out.splitlines()[-2:]]:
        assert not ENGLISH.search(_without_names(line)), line


def test_the_chinese_catalogue_has_no_english_sentence() -> None:
    for key, (zh, _) in MESSAGES.items():
        assert not ENGLISH.search(_without_names(re.sub(r"\{[^}]*\}", " ", zh))), key


def test_a_warm_check_names_the_same_basis(
    in_dir: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collection memo answers a warm run: it remembers the basis instead of loading the 大典."""
    _chinese(monkeypatch)
    _collection(in_dir)
    cold = cli("check")[1]
    assert (in_dir / ".stdkit-cache").is_dir()
    warm = cli("check")[1]
    assert warm == cold
    assert "职业分类依据：职业分类大典（2022年版）及 2024、2025 年发布的新职业信息" in warm.splitlines()
