"""`stdkit init` and `stdkit new` in a repository of one's own: what an industry body starts from.

In an empty folder, `stdkit init` then `stdkit check` and `stdkit build` pass; every scaffold passes
`check` as written; the modeline always resolves; nothing an author types can change the document's
keys or escape standards/.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from stdkit import __version__
from stdkit.commands.init import EXAMPLES
from stdkit.model import Kind
from stdkit.scaffold import BOTH, in_language

from .conftest import ROOT
from .test_workflows import _run, _tool

Cli = Callable[..., tuple[int, str, str]]
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Three English words in a row: a sentence a Chinese author was not meant to read.
ENGLISH = re.compile(r"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}\b")
TEMPLATES = ROOT / "src" / "stdkit" / "templates"
#: Templates whose comments are not yet in both languages (none).
NOT_YET: set[str] = set()


def _codes(out: str) -> set[str]:
    return {line.split(": ")[1].split()[0] for line in out.splitlines() if ": " in line and "[" in line}


def test_init_then_check_and_build(cli: Cli, in_dir: Path) -> None:
    status, out, err = cli("init")
    assert status == 0, err
    for name in (
        "stdkit.toml",
        "mkdocs.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/standards.yml",
        "schema/occupational-standard.schema.json",
    ):
        assert (in_dir / name).is_file(), name
    documents = sorted(p.name for p in (in_dir / "standards").iterdir())
    assert len(documents) == len(EXAMPLES) == len(Kind)
    status, out, _ = cli("check", "--lang", "en")
    assert status == 0, out
    assert _codes(out) == {"CNT511"}  # the placeholders to fill in, nothing else
    status, out, err = cli("build")
    assert status == 0, out + err
    assert (in_dir / "site" / "index.html").is_file()
    assert "site/" in (in_dir / ".gitignore").read_text(encoding="utf-8").split()
    assert cli("schema", "--check") == (0, "", "")


def test_init_refuses_to_overwrite(cli: Cli, in_dir: Path) -> None:
    (in_dir / "stdkit.toml").write_text("[stdkit]\n", encoding="utf-8")
    status, _, err = cli("init")
    assert status == 1
    assert "stdkit.toml" in err and "--force" in err
    assert not (in_dir / "standards").exists()  # nothing written at all
    assert (in_dir / "stdkit.toml").read_text(encoding="utf-8") == "[stdkit]\n"
    assert cli("init", "--force")[0] == 0
    assert "[stdkit.severity]" in (in_dir / "stdkit.toml").read_text(encoding="utf-8")


def test_init_into_a_new_folder(cli: Cli, in_dir: Path) -> None:
    assert cli("init", "repo")[0] == 0
    assert (in_dir / "repo" / "standards").is_dir()


def test_version_comes_from_git_tags() -> None:
    """No version is written down: setuptools-scm derives it from the tag and writes it into the build."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools_scm"]["version_file"] == "src/stdkit/_version.py"
    from stdkit import _version

    assert __version__ == _version.__version__


def test_workflow_and_hooks_install_exactly_this_stdkit(cli: Cli, in_dir: Path) -> None:
    from stdkit import distribution

    pin = distribution.running()
    cli("init")
    workflow = (in_dir / ".github" / "workflows" / "standards.yml").read_text(encoding="utf-8")
    assert f'pip install --quiet "{pin.with_extra("site")}"' in workflow  # it builds the site too
    assert "pip install ." not in workflow and "pip install --quiet ." not in workflow
    if not pin.released:  # a development build: from the repository, at its commit
        assert pin.commit is not None and pin.requirement.endswith(f"@{pin.commit}")
        assert pin.with_extra("site") == f"stdkit[site] @ git+{distribution.REPOSITORY}@{pin.commit}"
    hooks = yaml.safe_load((in_dir / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["repo"] == distribution.REPOSITORY
    assert hooks["repos"][0]["rev"] == pin.rev
    data = yaml.safe_load(workflow)
    assert data["permissions"] == {}
    assert set(data[True]) == {"pull_request", "push"}  # YAML 1.1 reads `on` as True; never _target


def test_every_job_of_every_written_workflow_has_a_timeout(cli: Cli, in_dir: Path) -> None:
    """docs/review.md: a hostile document must not hold a runner for GitHub's default six hours."""
    assert cli("init")[0] == 0
    written = sorted((in_dir / ".github" / "workflows").glob("*.y*ml"))
    assert [w.name for w in written] == ["standards.yml"]
    for workflow in written:
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        assert jobs, workflow.name
        timeouts = {name: job.get("timeout-minutes") for name, job in jobs.items()}
        assert all(isinstance(t, int) and 0 < t <= 30 for t in timeouts.values()), (workflow.name, timeouts)


def test_written_workflow_lints_clean(cli: Cli, in_dir: Path) -> None:
    cli("init")
    workflow = in_dir / ".github" / "workflows" / "standards.yml"
    done = _run(_tool("actionlint"), str(workflow))
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    done = _run(_tool("zizmor"), "--offline", "--no-progress", "--format", "plain", str(workflow.parent))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("occupational-standard", ()),
        ("evaluation-spec", ("--occupation", "6-31-01-03")),  # 电工: a 准入类 licence (CAT601 if unlinked)
        ("special-competency", ("--title", "电动自行车维修")),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_scaffold_passes_check(
    cli: Cli, in_dir: Path, kind: str, extra: tuple[str, ...], lang: str
) -> None:
    document_id = "6-31-01-03" if kind == "occupational-standard" else "X-1"
    status, out, err = cli("new", kind, document_id, "--edition", "2024", "--lang", lang, *extra)
    assert status == 0, err
    target = in_dir / "standards" / f"{document_id}_2024.yaml"
    text = target.read_text(encoding="utf-8")
    modeline = text.splitlines()[0]
    assert modeline == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
    comments = [line.rsplit("# ", 1)[1] for line in text.splitlines()[1:] if "# " in line]
    assert comments and BOTH not in text
    chinese = [c for c in comments if CJK.search(c)]
    # Chinese first: every comment of the default scaffold is Chinese; --lang en has English ones
    assert chinese == comments if lang == "zh" else len(chinese) < len(comments)
    assert (in_dir / "schema" / f"{kind}.schema.json").is_file()  # the modeline resolves
    status, out, _ = cli("check", "--lang", "en")
    assert status == 0, out
    assert _codes(out) == {"CNT511"}


def test_new_never_invents_an_occupation(cli: Cli, in_dir: Path) -> None:
    status, _, err = cli("new", "occupational-standard", "GD-WELD", "--edition", "2024")
    assert status == 2
    assert "--occupation" in err
    assert not (in_dir / "standards").exists()
    assert cli("new", "occupational-standard", "GD-WELD", "--occupation", "9-99-99-99")[0] == 2
    status, _, err = cli(
        "new", "occupational-standard", "GD-WELD", "--edition", "2024", "--occupation", "6-18-02-04"
    )
    assert status == 0, err
    data = yaml.safe_load((in_dir / "standards" / "GD-WELD_2024.yaml").read_text(encoding="utf-8"))
    assert data["occupation"] == {"code": "6-18-02-04", "name": "焊工", "definition": "待填写职业定义。"}
    assert data["title"] == "焊工"
    assert data["qualification"]["relation"] == "licence-required"  # 焊工 needs its licence: CAT601 otherwise
    status, out, _ = cli("check", "--lang", "en")
    assert (status, _codes(out)) == (0, {"CNT511"})


@pytest.mark.parametrize(
    "args",
    [
        ("--edition", "../../x"),
        ("--edition", "2024/x"),
        ("--edition", "2024\n"),
        ("--title", "电工\nstatus: published"),
    ],
    ids=["edition-dotdot", "edition-slash", "edition-newline", "title-newline"],
)
def test_new_refuses_unusable_arguments(cli: Cli, in_dir: Path, args: tuple[str, str]) -> None:
    status, _, err = cli("new", "occupational-standard", "6-31-01-03", *args)
    assert status == 2
    assert "not usable" in err
    assert not list(in_dir.rglob("*.yaml"))


def test_new_refuses_an_id_with_a_trailing_newline(cli: Cli, in_dir: Path) -> None:
    status, _, err = cli("new", "special-competency", "X-1\n")
    assert status == 2
    assert "the id" in err
    assert not list(in_dir.rglob("*.yaml"))


def test_title_cannot_inject_keys(cli: Cli, in_dir: Path) -> None:
    title = '电工", status: "published'
    status, _, err = cli("new", "occupational-standard", "6-31-01-03", "--edition", "2024", "--title", title)
    assert status == 0, err
    data = yaml.safe_load((in_dir / "standards" / "6-31-01-03_2024.yaml").read_text(encoding="utf-8"))
    assert data["title"] == title
    assert data["status"] == "draft"


def test_modeline_to_a_missing_schema_is_reported(cli: Cli, in_dir: Path) -> None:
    cli("init")
    for schema in (in_dir / "schema").iterdir():
        schema.unlink()
    status, out, _ = cli("check", "--lang", "en")
    assert status == 0  # a warning: the document is fine, the editor is not helped
    modeline = [line for line in out.splitlines() if "CNT513" in line]
    assert len(modeline) == len(EXAMPLES)
    assert all(":1:33: CNT513" in line for line in modeline)
    assert cli("schema", "--check")[0] == 1
    assert cli("schema")[0] == 0
    assert "CNT513" not in cli("check")[1]


def test_schema_check_names_a_stale_file(cli: Cli, in_dir: Path) -> None:
    cli("init")
    stale = in_dir / "schema" / "evaluation-spec.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    status, out, _ = cli("schema", "--check")
    assert status == 1
    assert "evaluation-spec.schema.json: out of date" in out


def test_other_tools_yaml_is_skipped_with_a_note(cli: Cli, in_dir: Path) -> None:
    cli("init")
    named = ("mkdocs.yml", ".pre-commit-config.yaml", ".github/workflows/standards.yml")
    status, out, err = cli("validate", *named)
    assert (status, out) == (0, "")
    assert [line.split(": ")[2] for line in err.splitlines()] == [f"skipped {name}" for name in named]
    # any other file named is validated: a broken or hostile file cannot pass as "not a document"
    (in_dir / "notes.yaml").write_text("reviewers: [甲, 乙]\n", encoding="utf-8")
    assert "SCH106" in cli("validate", "notes.yaml")[1]
    # inside standards/, a file without kind: is the author's mistake
    (in_dir / "standards" / "oops.yaml").write_text("reviewers: [甲]\n", encoding="utf-8")
    status, out, _ = cli("validate", "standards/oops.yaml")
    assert status == 1
    assert "SCH106" in out
    # outside standards/ with a document's header: still checked
    (in_dir / "draft.yaml").write_text("id: X\ntitle: 草稿\n", encoding="utf-8")
    assert "SCH106" in cli("validate", "draft.yaml")[1]


def test_the_written_config_links_to_no_placeholder_host(cli: Cli, in_dir: Path) -> None:
    """Issue 36: the comment of stdkit.toml pointed at https://stdkit.invalid/…, which no reader can open."""
    status, _, err = cli("init")
    assert status == 0, err
    text = (in_dir / "stdkit.toml").read_text(encoding="utf-8")
    assert ".invalid" not in text
    assert "Configuration: stdkit.toml" in text


@pytest.mark.parametrize(
    "template",
    [p for p in sorted(TEMPLATES.rglob("*")) if p.is_file() and p.name not in NOT_YET],
    ids=lambda p: p.relative_to(TEMPLATES).as_posix(),
)
def test_every_comment_a_scaffold_writes_is_chinese_first(template: Path) -> None:
    """Each comment with English words in it carries both languages, `# 中文 ‖ English`: `new` and `init`
    write the Chinese, with `--lang en` the English; the rest of the line is the same in both."""
    text = template.read_text(encoding="utf-8")
    for line in text.splitlines():
        comment = line.rsplit("#", 1)[1] if "#" in line else ""
        if BOTH not in line:
            assert not ENGLISH.search(re.sub(r"`[^`]*`|\S*[/:=]\S*", " ", comment)), f"not in Chinese: {line}"
            continue
        chinese, english = in_language(line, "zh"), in_language(line, "en")
        head, zh = chinese.rsplit("# ", 1)
        assert english.startswith(f"{head}# ") and CJK.search(zh), line
        assert english.removeprefix(f"{head}# ") == line.split(BOTH, 1)[1].strip(), line


def test_init_writes_its_comments_in_the_language_asked_for(cli: Cli, in_dir: Path) -> None:
    assert cli("init", "--lang", "en", "en")[0] == 0
    assert cli("init", "--lang", "zh", "zh")[0] == 0
    for name in ("stdkit.toml", "mkdocs.yml", ".gitignore", ".pre-commit-config.yaml"):
        zh = (in_dir / "zh" / name).read_text(encoding="utf-8")
        en = (in_dir / "en" / name).read_text(encoding="utf-8")
        assert BOTH not in zh + en
        assert CJK.search(zh.splitlines()[0]), name  # the first comment is Chinese …
        assert not CJK.search(en.splitlines()[0]), name  # … or, asked for, English
        strip = re.compile(r"#.*$", re.MULTILINE)
        assert strip.sub("", zh) == strip.sub("", en), name  # the settings themselves are the same
