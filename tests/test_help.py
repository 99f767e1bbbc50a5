"""`--help` speaks the author's language (issue 38): every command's and option's help in Chinese by
default, in English with ``--lang en`` (before or after the verb) or STDKIT_LANG=en, from the one message
catalogue; and the Chinese fits the terminal, counted in columns (a Chinese character takes two).

Why: `stdkit check --help` was English for authors who read Chinese, and argparse's textwrap counts a
Chinese character as one column and breaks only at spaces, so a Chinese help line ran past the terminal's
edge and was wrapped by the terminal in the middle of a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from stdkit.cli import VERBS
from stdkit.commands import width_of, wrap
from stdkit.helptext import HELP
from stdkit.messages import say
from tests.conftest import CliResult

CJK = re.compile(r"[\u4e00-\u9fff]")
#: A run of three or more English words: a sentence a Chinese reader was not meant to read.
ENGLISH = re.compile(r"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}\b")
#: What a help line may hold without Chinese: option names, metavars, choices, paths, the program and its verbs.
NAME = re.compile(
    r"[\w.<>-]*/[\w./<>-]*|\.[\w.-]+|-{1,2}[A-Za-z][\w-]*|[A-Z][A-Z_@:=\[\]]*|[a-z]+_[a-z_]+|\{[\w,-]+\}|stdkit|\.\.\.|[\[\]()|,]"
)
COMMANDS = ["", *VERBS]  # "" is `stdkit --help`


@pytest.fixture(autouse=True)
def _chinese_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STDKIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")


def _help(cli: Callable[..., CliResult], verb: str, *extra: str) -> str:
    status, out, err = cli(*([verb] if verb else []), *extra, "--help")
    assert status == 0 and err == "", err
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _their_texts(verb: str) -> list[str]:
    """The catalogue texts of ``verb``'s help (its summary is printed by `stdkit --help`)."""
    prefix = f"help.{verb}." if verb else "help.stdkit"
    return [key for key in HELP if key.startswith(prefix)]


@pytest.mark.parametrize("verb", COMMANDS, ids=lambda v: v or "stdkit")
def test_help_is_chinese_by_default_with_no_english_sentence(
    cli: Callable[..., CliResult], verb: str
) -> None:
    shown = _help(cli, verb)
    assert shown.startswith(f"用法：stdkit {verb}".rstrip())
    assert "选项：" in shown and "显示本帮助并退出" in shown
    for line in shown.splitlines():
        if CJK.search(line):
            assert not ENGLISH.search(re.sub(r"`[^`]*`|\{[\w,-]+\}", " ", line)), line
        else:  # a line without Chinese holds only names: `[--format {text,json}]`, `PATH`, `--output OUTPUT`
            leftover = NAME.sub(" ", line.replace("用法：", "")).split()
            assert not leftover or set(leftover) <= {verb, *VERBS}, line


@pytest.mark.parametrize("verb", COMMANDS, ids=lambda v: v or "stdkit")
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_chinese_help_fits_the_terminal_and_keeps_every_sentence_whole(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, verb: str, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = _help(cli, verb)
    for line in shown.splitlines():
        # argparse lays out the lines of names alike in both languages (one name wider than the
        # terminal stays whole); the Chinese lines are this formatter's
        assert width_of(line) <= columns or not CJK.search(line), f"{width_of(line)} columns: {line}"
        assert not re.match(r"\s*[，。、；：）」』]", line), f"a line opens with a closing mark: {line}"
    flat = _flat(shown)
    for key in _their_texts(verb):
        for paragraph in say(key, "zh").replace("%(default)s", "").split("\n"):
            for part in _flat(paragraph.removeprefix("- ")).split("（默认："):
                assert part.split("）")[0] in flat, f"{key}: not shown whole at {columns} columns"


@pytest.mark.parametrize("verb", COMMANDS, ids=lambda v: v or "stdkit")
@pytest.mark.parametrize("how", ["after", "before", "environment"])
def test_help_is_english_with_lang_en(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, verb: str, how: str
) -> None:
    if how == "environment":
        monkeypatch.setenv("STDKIT_LANG", "en")
    argv = {"after": [verb, "--lang", "en"], "before": ["--lang", "en", verb], "environment": [verb]}[how]
    status, shown, _ = cli(*[word for word in argv if word], "--help")
    assert status == 0
    assert shown.startswith("usage: stdkit") and "options:" in shown
    assert "show this help message and exit" in shown
    for key in _their_texts(verb):
        english = say(key, "en").replace("%(default)s", "")
        assert _flat(english.split("\n")[0]).split("(default:")[0] in _flat(shown), key
    assert "用法" not in shown and "选项" not in shown


def test_the_top_help_lists_every_verb_with_its_chinese_summary(cli: Callable[..., CliResult]) -> None:
    shown = _help(cli, "")
    for verb in VERBS:
        assert re.search(rf"^    {verb} +{re.escape(say(f'help.{verb}', 'zh'))}$", shown, re.MULTILINE), verb


def test_lang_before_the_verb_also_sets_the_messages(cli: Callable[..., CliResult]) -> None:
    """`stdkit --lang en check` is `stdkit check --lang en`: the verb's own --lang does not undo it."""
    status, _, err = cli("--lang", "en", "lookup", "no-such-occupation-at-all")
    english = cli("lookup", "--lang", "en", "no-such-occupation-at-all")
    assert (status, err) == english[0::2]
    assert not CJK.search(err)


def test_wrap_counts_columns_and_breaks_where_chinese_allows() -> None:
    text = "报告自 git 版本 REV 以来改动的文档（已提交、未提交或未跟踪的），以及未改动文档中的问题。"
    lines = wrap(text, 20)
    assert all(width_of(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。、）" for line in lines)  # no line opens with a closing mark
    assert not any(line.endswith("（") for line in lines)  # none ends with an opening one
    assert wrap("the revision before (e.g. origin/main)", 16) == [
        "the revision",
        "before (e.g.",
        "origin/main)",
    ]
    # a path with placeholders and a `code` span stay whole; 编号@版本 never breaks at its @
    for whole in ("standards/<编号>_<版本>.yaml", "`stdkit lookup 名称`"):
        for width in range(len(whole) * 2, 48):
            lines = wrap(f"文件写到 {whole}（或另选），然后运行 {whole} 查看", width)
            assert sum(whole in line for line in lines) == 2, (whole, width, lines)
    for width in range(6, 20):  # (narrower, the glued 号@版 itself is cut)
        assert all("@" not in (line[0], line[-1]) for line in wrap("只写编号@版本时取该版本", width))


@pytest.mark.parametrize(
    ("argv", "chinese", "english"),
    [
        (["check", "--format", "nope"], "无效的选择：'nope'", "invalid choice: 'nope'"),
        (["export"], "缺少以下参数：format, ID[@EDITION]", "the following arguments are required"),
        (
            ["build", "--shard", "1", "--merge", "x"],
            "不能与参数 --shard 同时使用",
            "not allowed with argument",
        ),
        (["checkk"], "参数 COMMAND：无效的选择", "argument COMMAND: invalid choice"),
    ],
)
def test_a_usage_error_is_said_in_the_chosen_language(
    cli: Callable[..., CliResult], argv: list[str], chinese: str, english: str
) -> None:
    import argparse

    gettext = vars(argparse)["_"]
    status, out, err = cli(*argv)
    assert (status, out) == (2, "")
    assert err.startswith("用法：stdkit") and "：错误：" in err and chinese in err, err
    status, _, err = cli("--lang", "en", *argv)
    assert status == 2 and "error: " in err and english in err and not CJK.search(err.split("error:")[1]), err
    assert vars(argparse)["_"] is gettext  # argparse's own words are put back after the parse
