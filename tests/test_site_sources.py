"""A pull request controls mkdocs.yml and the site's own sources: nothing outside the repository is read.

mkdocs would build `docs_dir: /etc`, copy a link `docs_site/x.txt -> /etc/passwd` (or
`/proc/self/environ`, the runner's environment) into the site, inherit another file (`INHERIT`), put
an environment variable into a page (`site_name: !ENV GITHUB_TOKEN`) and run `!!python/object/apply`
tags as it reads the file. `stdkit build` refuses each (exit 1, the key and its line named, nothing
written, the previous site as it was); `mkdocs build` with the stdkit plugin leaves such links out.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from stdkit.messages import Message
from stdkit.site import sources

from .conftest import ROOT

Cli = Callable[..., tuple[int, str, str]]
ELECTRICIAN = ROOT / "standards" / "6-31-01-03_2018.yaml"
INIT_MKDOCS = ROOT / "src" / "stdkit" / "templates" / "init" / "mkdocs.yml"
PASSWD = "root:x:0:0"


def _repository(folder: Path) -> Path:
    """A standards repository with stdkit init's mkdocs.yml and an empty docs_site/."""
    (folder / "standards").mkdir(parents=True)
    shutil.copy(ELECTRICIAN, folder / "standards" / ELECTRICIAN.name)
    shutil.copy(INIT_MKDOCS, folder / "mkdocs.yml")
    (folder / "docs_site").mkdir()
    (folder / "docs_site" / "about.md").write_text("# 关于\n\n本站。\n", encoding="utf-8")
    return folder


def _problems(file: Path, root: Path) -> list[tuple[str, str, str]]:
    """(message key, where, key) of every setting :func:`sources.vet` refuses."""
    with pytest.raises(sources.SettingsError) as caught:
        sources.vet(file, root)
    said = caught.value.said
    if said.key != "site.settings_refused":
        return [(said.key, str(said.fields.get("path")), "")]
    problems = said.fields["problems"]
    assert isinstance(problems, tuple)
    found = []
    for problem in problems:
        assert isinstance(problem, Message)
        found.append((problem.key, str(problem.fields["where"]), str(problem.fields.get("key", ""))))
    return found


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- mkdocs.yml


def _with(repo: Path, text: str) -> Path:
    file = repo / "mkdocs.yml"
    file.write_text(text, encoding="utf-8")
    return file


REFUSED = [
    ("docs_dir: /etc\n", [("site.settings_outside", "mkdocs.yml:1:11", "docs_dir")]),
    ("docs_dir: ../..\n", [("site.settings_outside", "mkdocs.yml:1:11", "docs_dir")]),
    ("site_dir: /tmp/elsewhere\n", [("site.settings_outside", "mkdocs.yml:1:11", "site_dir")]),
    ("site_dir: ../site\n", [("site.settings_outside", "mkdocs.yml:1:11", "site_dir")]),
    (
        "theme:\n  name: material\n  custom_dir: /etc\n",
        [("site.settings_outside", "mkdocs.yml:3:15", "theme.custom_dir")],
    ),
    ("INHERIT: /some/other.yml\n", [("site.settings_inherit", "mkdocs.yml:1:1", "INHERIT")]),
    ("INHERIT: base.yml\n", [("site.settings_inherit", "mkdocs.yml:1:1", "INHERIT")]),
    ("site_name: !ENV GITHUB_TOKEN\n", [("site.settings_env", "mkdocs.yml:1:12", "site_name")]),
    (
        "extra:\n  token: !ENV [GITHUB_TOKEN, none]\n",
        [("site.settings_env", "mkdocs.yml:2:10", "extra.token")],
    ),
    (
        'site_name: !!python/object/apply:os.system ["touch pwned"]\n',
        [("site.settings_tag", "mkdocs.yml:1:12", "site_name")],
    ),
    ("hooks:\n  - /tmp/hook.py\n", [("site.settings_outside", "mkdocs.yml:2:5", "hooks[0]")]),
    ("watch: [../..]\n", [("site.settings_outside", "mkdocs.yml:1:9", "watch[0]")]),
    (
        "plugins:\n  - stdkit:\n      root: /\n",
        [("site.settings_outside", "mkdocs.yml:3:13", "plugins[0].stdkit.root")],
    ),
    (
        "plugins:\n  search:\n    jieba_dict_user: /etc/passwd\n",
        [("site.settings_outside", "mkdocs.yml:3:22", "plugins.search.jieba_dict_user")],
    ),
    (
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [., /etc]\n",
        [
            (
                "site.settings_outside",
                "mkdocs.yml:3:22",
                "markdown_extensions[0].pymdownx.snippets.base_path[1]",
            )
        ],
    ),
    (
        "markdown_extensions:\n  - x:\n      where: !relative $config_dir/../../etc\n",
        [("site.settings_outside", "mkdocs.yml:3:14", "markdown_extensions[0].x.where")],
    ),
    (
        "docs_dir: /etc\nsite_name: !ENV HOME\nINHERIT: x.yml\n",
        [
            ("site.settings_env", "mkdocs.yml:2:12", "site_name"),
            ("site.settings_outside", "mkdocs.yml:1:11", "docs_dir"),
            ("site.settings_inherit", "mkdocs.yml:3:1", "INHERIT"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REFUSED, ids=[case[0].splitlines()[-1] for case in REFUSED])
def test_vet_names_every_refused_setting(
    tmp_path: Path, text: str, expected: list[tuple[str, str, str]]
) -> None:
    repo = _repository(tmp_path / "repo")
    assert _problems(_with(repo, text), repo) == expected


def test_a_docs_dir_inside_that_a_link_leads_out_of_is_refused(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "pages").symlink_to("/etc", target_is_directory=True)
    assert _problems(_with(repo, "docs_dir: pages\n"), repo) == [
        ("site.settings_outside", "mkdocs.yml:1:11", "docs_dir")
    ]


def test_a_mkdocs_yml_that_links_out_is_not_read(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    outside = tmp_path / "outside.yml"
    outside.write_text("site_name: secret\n", encoding="utf-8")
    (repo / "mkdocs.yml").unlink()
    (repo / "mkdocs.yml").symlink_to(outside)
    assert _problems(repo / "mkdocs.yml", repo) == [("site.settings_link", "mkdocs.yml", "")]


@pytest.mark.parametrize(
    "text",
    [
        INIT_MKDOCS.read_text(encoding="utf-8"),
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
        # Material's emoji settings name functions: a name is accepted (as plugins are)
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
        "docs_dir: docs_site\ntheme:\n  name: material\n  custom_dir: overrides\nhooks: [hooks/a.py]\n",
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [., docs_site]\n"
        "  - x:\n      where: !relative $config_dir/docs_site\n      page: !relative\n",
        "base: &b {docs_dir: docs_site}\n<<: *b\nsite_name: !!str 标准\n",
        "",
    ],
    ids=["init", "stdkit's own", "python/name", "inside", "relative", "anchors", "empty"],
)
def test_vet_accepts_settings_inside_the_repository(tmp_path: Path, text: str) -> None:
    repo = _repository(tmp_path / "repo")
    settings = sources.vet(_with(repo, text), repo)
    assert settings.root == repo.resolve()


def test_vet_says_which_folders_the_site_reads(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    file = _with(repo, "docs_dir: docs_site\ntheme: {name: material, custom_dir: overrides}\n")
    assert sources.vet(file, repo).folders == (repo / "docs_site", repo / "overrides")
    assert sources.vet(_with(repo, "site_name: x\n"), repo).folders == (repo / "docs",)


def test_aliases_are_vetted_once(tmp_path: Path) -> None:
    """A billion-laughs shaped file is walked node by node, not expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    repo = _repository(tmp_path / "repo")
    sources.vet(_with(repo, "extra:\n" + "\n".join("  " + line for line in lines) + "\n"), repo)


# -- links among the site's sources


def _links(repo: Path) -> list[tuple[str, str]]:
    """(path, USE003 message) of every link :func:`sources.links` finds in docs_site/ and overrides/."""
    found = sources.links([repo / "docs_site", repo / "overrides"], repo)
    assert all((d.code, d.line, d.col) == ("USE003", 1, 1) for d in found)
    return [(d.path, d.message.partition(" ")[2].partition(".")[0]) for d in found]


def test_links_out_of_the_repository_are_found(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    docs = repo / "docs_site"
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "etc").symlink_to("/etc", target_is_directory=True)
    (docs / "gone.txt").symlink_to(repo / "nothing-here")
    (docs / ".hidden").symlink_to("/etc/hostname")
    (repo / "overrides" / "partials").mkdir(parents=True)
    (repo / "overrides" / "main.html").symlink_to("/etc/passwd")
    (repo / "overrides" / "partials" / "footer.html").symlink_to("/etc/passwd")
    assert _links(repo) == [
        ("docs_site/.hidden", "link points outside the repository"),
        ("docs_site/environ.txt", "link points outside the repository"),
        ("docs_site/etc", "folder link points outside the repository"),
        ("docs_site/gone.txt", "link points to nothing inside the repository"),
        ("docs_site/passwd.txt", "link points outside the repository"),
        ("overrides/main.html", "link points outside the repository"),
        ("overrides/partials/footer.html", "link points outside the repository"),
    ]


def test_links_inside_the_repository_are_allowed(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    docs = repo / "docs_site"
    (repo / "shared").mkdir()
    (repo / "shared" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (repo / "shared" / "leak.txt").symlink_to("/etc/passwd")
    (docs / "logo.svg").symlink_to(repo / "shared" / "logo.svg")
    (docs / "again").symlink_to(docs, target_is_directory=True)  # a loop: searched once
    assert _links(repo) == []
    (docs / "shared").symlink_to(repo / "shared", target_is_directory=True)
    assert _links(repo) == [("docs_site/shared/leak.txt", "link points outside the repository")]


def test_readable(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    docs = repo / "docs_site"
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "about-again.md").symlink_to(docs / "about.md")
    assert sources.readable(docs / "about.md", repo)
    assert sources.readable(docs / "about-again.md", repo)
    assert not sources.readable(docs / "passwd.txt", repo)
    assert not sources.readable(docs / "missing.md", repo)


# -- stdkit build


def test_build_refuses_links_out_of_the_site_sources(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    assert cli("build", "--lang", "en")[0] == 0
    before = _tree(repo / "site")
    (repo / "docs_site" / "x.txt").symlink_to("/etc/passwd")
    (repo / "docs_site" / "environ.txt").symlink_to("/proc/self/environ")
    status, out, err = cli("build", "--lang", "en")
    assert status == 1
    assert "docs_site/x.txt:1:1: USE003 [error] The link points outside the repository." in out
    assert "docs_site/environ.txt:1:1: USE003 [error]" in out
    assert "nothing was written" in err
    assert _tree(repo / "site") == before  # the previous site, as it was
    assert not any(PASSWD.encode() in data for data in before.values())


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda text: text.replace("docs_dir: docs_site", "docs_dir: /etc"), "docs_dir"),
        (lambda text: text.replace("docs_dir: docs_site", "docs_dir: ../.."), "docs_dir"),
        (lambda text: text.replace("site_dir: site", "site_dir: /tmp/stdkit-elsewhere"), "site_dir"),
        (
            lambda text: text.replace("  name: material", "  name: material\n  custom_dir: /etc"),
            "theme.custom_dir",
        ),
        (lambda text: "INHERIT: /etc/mkdocs.yml\n" + text, "INHERIT"),
        (lambda text: text.replace("site_name: 职业技能标准库", "site_name: !ENV GITHUB_TOKEN"), "site_name"),
    ],
    ids=["docs_dir /etc", "docs_dir ../..", "site_dir", "custom_dir", "INHERIT", "ENV"],
)
def test_build_refuses_a_mkdocs_yml_that_reaches_outside(
    cli: Cli, in_dir: Path, edit: Callable[[str], str], key: str
) -> None:
    repo = _repository(in_dir)
    file = repo / "mkdocs.yml"
    file.write_text(edit(file.read_text(encoding="utf-8")), encoding="utf-8")
    before = sorted(p.name for p in repo.iterdir())
    status, _, err = cli("build", "--lang", "en")
    assert status == 1, err
    assert (
        "stdkit: mkdocs.yml: stdkit builds no site with this mkdocs configuration; nothing was written" in err
    )
    assert "\n  mkdocs.yml:" in err
    assert f": {key} " in err
    assert "Traceback" not in err
    assert sorted(p.name for p in repo.iterdir()) == before  # no site/, no temporary folder


def test_a_refused_mkdocs_yml_leaves_the_previous_site_intact(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    assert cli("build")[0] == 0
    before = _tree(repo / "site")
    file = repo / "mkdocs.yml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("docs_dir: docs_site", "docs_dir: /etc"), encoding="utf-8"
    )
    assert cli("build")[0] == 1
    assert _tree(repo / "site") == before


def test_a_python_tag_is_refused_before_mkdocs_reads_the_file(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    marker = in_dir / "pwned"
    file = repo / "mkdocs.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        f'{text}extra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    status, _, err = cli("build", "--lang", "en")
    assert status == 1
    assert "!!python/object/apply:os.system" in err
    assert not marker.exists()


def test_serve_refuses_a_mkdocs_yml_that_reaches_outside(cli: Cli, in_dir: Path) -> None:
    repo = _repository(in_dir)
    file = repo / "mkdocs.yml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("docs_dir: docs_site", "docs_dir: /etc"), encoding="utf-8"
    )
    status, _, err = cli("serve", "--lang", "en", "--dev-addr", "127.0.0.1:1")
    assert status == 1
    assert "mkdocs.yml:4:11: docs_dir is '/etc'" in err


# -- mkdocs build with the plugin (and so every rebuild of `stdkit serve`)


def _mkdocs_build(repo: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(repo / "mkdocs.yml")))


def test_mkdocs_build_leaves_links_out(in_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = _repository(in_dir)
    docs = repo / "docs_site"
    (docs / "x.txt").symlink_to("/etc/passwd")
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "etc").symlink_to("/etc", target_is_directory=True)
    (docs / "kept.txt").write_text("kept\n", encoding="utf-8")
    (repo / "overrides" / "partials").mkdir(parents=True)
    (repo / "overrides" / "main.html").symlink_to("/etc/passwd")
    (repo / "overrides" / "partials" / "footer.html").symlink_to("/etc/passwd")
    (repo / "overrides" / "leak.txt").symlink_to("/etc/passwd")
    file = repo / "mkdocs.yml"
    file.write_text(
        file.read_text(encoding="utf-8").replace(
            "  name: material", "  name: material\n  custom_dir: overrides"
        ),
        encoding="utf-8",
    )
    environ = Path("/proc/self/environ").read_bytes().split(b"\0")[0]
    _mkdocs_build(repo)
    site = _tree(repo / "site")
    assert site["kept.txt"] == b"kept\n"
    assert "index.html" in site
    assert not [name for name in site if name.startswith(("x.txt", "environ.txt", "etc/", "leak.txt"))]
    assert not [
        name for name, data in site.items() if PASSWD.encode() in data or (environ and environ in data)
    ]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for path in ("docs_site/x.txt", "docs_site/environ.txt", "docs_site/etc", "overrides/main.html"):
        assert f"{path}:1:1: USE003" in logged


def test_the_plugin_vets_mkdocs_yml_on_every_build(in_dir: Path) -> None:
    from stdkit.site.generator import SiteContentError

    repo = _repository(in_dir)
    file = repo / "mkdocs.yml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("docs_dir: docs_site", "docs_dir: /etc"), encoding="utf-8"
    )
    with pytest.raises(SiteContentError, match=r"docs_dir is '/etc'"):
        _mkdocs_build(repo)
    assert not (repo / "site").exists()
