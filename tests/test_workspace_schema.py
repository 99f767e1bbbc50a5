"""The editor knows the collection: `stdkit schema` writes schema/workspace.json, the documents' modelines
name it, and yaml-language-server (the server behind VS Code's YAML extension) completes `basis:` with the
collection's editions and 大典 codes with their names.

yaml-language-server comes from scripts/lint-setup.sh (npm, into .venv/tools). Without node the editor
tests skip with the reason; with node but without the server they skip locally and fail under CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from stdkit import schemas
from stdkit.reference import load_reference

from .conftest import ROOT, STANDARDS, CliResult

Cli = Callable[..., CliResult]
SERVER = ROOT / ".venv" / "tools" / "yaml-language-server" / "node_modules" / "yaml-language-server"
EV = "standards/EV-EXAMPLE_{year}.yaml"


@pytest.fixture
def repo(in_dir: Path, cli: Cli) -> Path:
    """A repository as `stdkit init` makes it: three examples, schema/ with its workspace schema."""
    assert cli("init")[0] == 0
    return in_dir


def _workspace(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads((root / "schema" / schemas.WORKSPACE).read_bytes())
    return data


def _listed(data: dict[str, Any], name: str) -> dict[str, str]:
    """value → name of one of the workspace's lists (an enum and its enumDescriptions)."""
    found = data["$defs"][name]
    assert len(found["enum"]) == len(found["enumDescriptions"])
    return dict(zip(found["enum"], found["enumDescriptions"], strict=True))


def _ev(root: Path) -> Path:
    (found,) = (root / "standards").glob("EV-EXAMPLE_*.yaml")
    return found


def test_init_writes_the_workspace_schema_that_schema_writes_and_the_examples_name_it(
    repo: Path, cli: Cli
) -> None:
    written = (repo / "schema" / schemas.WORKSPACE).read_bytes()
    for example in sorted((repo / "standards").glob("*.yaml")):
        assert example.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/workspace.json\n"
        ), example.name
    status, out, _ = cli("schema", "--lang", "en")
    assert status == 0
    assert "workspace.json" not in out  # the same bytes: nothing rewritten
    assert (repo / "schema" / schemas.WORKSPACE).read_bytes() == written
    assert cli("check")[0] == 0  # CNT513: the modelines' target exists


def test_the_workspace_lists_the_collections_editions_and_the_dadian(repo: Path, cli: Cli) -> None:
    """Every edition as id@edition with its title, kind and status; every current occupation of the 大典
    with its name; both under the fields that take them, each list one suggestion among any string."""
    year = next(iter((repo / "standards").glob("EV-EXAMPLE_*.yaml"))).stem.rpartition("_")[2]
    assert cli("new", "occupational-standard", "6-18-02-04", "--edition", "2019")[0] == 0
    assert cli("schema")[0] == 0
    data = _workspace(repo)
    editions = _listed(data, "editions")
    assert editions == {
        "6-18-02-04@2019": "焊工 · 职业标准 · 草案",
        f"6-31-01-03@{year}": "电工 · 职业标准 · 草案",
        f"EV-EXAMPLE@{year}": "电工评价规范（示例） · 评价规范 · 草案",
        f"SC-EXAMPLE@{year}": "住宅电气线路检修 · 专项职业能力考核规范 · 草案",
    }
    occupations = _listed(data, "occupations")
    reference = load_reference()
    assert occupations == {o.code: o.name for o in reference.all_occupations}
    assert occupations["6-31-01-03"] == "电工" and occupations["4-10-01-03"] == "保育师"
    assert "4-10-01-02" not in occupations  # 育婴员's 2015 code: the checks name its successor (CAT605)
    fields = data["properties"]
    assert fields["basis"]["anyOf"] == [
        {"$ref": "#/$defs/editions"},
        {"$ref": "#/$defs/occupations"},
        {"type": "string"},
    ]
    for field in ("supersedes", "from", "to"):
        assert fields[field]["anyOf"][0] == {"$ref": "#/$defs/editions"}, field
    assert fields["occupation"]["properties"]["code"]["anyOf"][0] == {"$ref": "#/$defs/occupations"}
    assert fields["related_occupations"]["items"]["anyOf"][0] == {"$ref": "#/$defs/occupations"}
    dispatched = {rule["if"]["properties"]["kind"]["const"]: rule["then"]["$ref"] for rule in data["allOf"]}
    assert dispatched == {
        "occupational-standard": "occupational-standard.schema.json",
        "evaluation-spec": "evaluation-spec.schema.json",
        "special-competency": "special-competency.schema.json",
        "crosswalk": "crosswalk.schema.json",
    }
    assert "title" not in data  # a hover keeps the kind schema's field titles (依据, 职业编码)
    written = (repo / "schema" / schemas.WORKSPACE).read_text(encoding="utf-8")
    assert '        "6-31-01-03",' in written.splitlines()  # one value a line: an edition added, two lines
    size = len(written.encode())
    assert size < 150_000, size  # ≈ 95 KB with the 大典's 1,675 occupations, about one kind schema


def test_the_workspace_is_deterministic_and_author_text_stays_inert(repo: Path, cli: Cli) -> None:
    """A title with a line break and a direction override is shown as its escapes, never acted on."""
    ev = _ev(repo)
    ev.write_text(
        ev.read_text(encoding="utf-8").replace(
            'title: "电工评价规范（示例）"', 'title: "评价规范\\n第二行\\u202e反"'
        ),
        encoding="utf-8",
    )
    assert cli("schema")[0] == 0
    first = (repo / "schema" / schemas.WORKSPACE).read_bytes()
    (repo / "schema" / schemas.WORKSPACE).unlink()
    shutil.rmtree(repo / ".stdkit-cache", ignore_errors=True)
    assert cli("schema")[0] == 0
    assert (repo / "schema" / schemas.WORKSPACE).read_bytes() == first
    described = [d for d in _listed(_workspace(repo), "editions").values() if d.startswith("评价规范")]
    assert described == ["评价规范\\n第二行\\u202e反 · 评价规范 · 草案"]


def test_pending_occupations_are_offered_as_under_notice(repo: Path, cli: Cli) -> None:
    toml = repo / "stdkit.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[[stdkit.reference.pending]]\ncode = "4-99-99-99"\nname = "试行职业"\n'
        'source = "人社部公示（示例）"\ndate = 2026-01-05\n',
        encoding="utf-8",
    )
    assert cli("schema")[0] == 0, cli("schema")
    assert _listed(_workspace(repo), "occupations")["4-99-99-99"] == "试行职业（公示中）"


def test_a_stale_workspace_is_not_a_failed_schema_check(repo: Path, cli: Cli) -> None:
    """`schema --check` (the workflow's step) is about the models' schemas: the workspace only suggests
    values, and one written before a document was added leaves no document wrong."""
    assert cli("new", "occupational-standard", "6-18-02-04", "--edition", "2019")[0] == 0
    assert "6-18-02-04@2019" not in _listed(_workspace(repo), "editions")
    assert cli("schema", "--check")[0] == 0
    (repo / "schema" / "crosswalk.schema.json").write_text("{}", encoding="utf-8")
    assert cli("schema", "--check")[0] == 1  # the control: a stale model schema still fails


def test_new_documents_name_the_workspace_schema_once_it_exists(repo: Path, cli: Cli) -> None:
    assert cli("new", "special-competency", "S-1", "--edition", "2026")[0] == 0
    assert (
        (repo / "standards" / "S-1_2026.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/workspace.json\n")
    )
    (repo / "schema" / schemas.WORKSPACE).unlink()
    assert cli("new", "special-competency", "S-2", "--edition", "2026")[0] == 0
    assert (
        (repo / "standards" / "S-2_2026.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/special-competency.schema.json\n")
    )


# -------------------------------------------------------------------------------- the editor, over LSP


def _server() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip(
            "node is not installed: yaml-language-server cannot run (scripts/lint-setup.sh needs node and npm)"
        )
    main = SERVER / "bin" / "yaml-language-server"
    if not main.is_file():
        message = "yaml-language-server is not installed (run bash scripts/lint-setup.sh)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    return [node, str(main), "--stdio"]


class Editor:
    """An LSP client of yaml-language-server over stdio: what VS Code's YAML extension sends, no more."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            _server(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.sent = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        self.notify(
            "workspace/didChangeConfiguration", {"settings": {"yaml": {"schemaStore": {"enable": False}}}}
        )

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (line := self.process.stdout.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length, "yaml-language-server closed the connection"
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "method" in message and "id" in message:  # the server asks (configuration, registrations)
            asked = message["method"] == "workspace/configuration"
            self._send(
                {"id": message["id"], "result": [{}] * len(message["params"]["items"]) if asked else None}
            )
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.sent += 1
        ident = f"stdkit-{self.sent}"
        self._send({"id": ident, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message["result"]

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def open(self, file: Path) -> list[dict[str, Any]]:
        """Open ``file`` as the editor does; its diagnostics once the server has validated it."""
        uri = file.as_uri()
        self.diagnostics.pop(uri, None)
        text = file.read_text(encoding="utf-8")
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        while uri not in self.diagnostics:
            self._receive()
        return self.diagnostics[uri]

    def complete(self, file: Path, line: int, character: int) -> dict[str, str]:
        """label → documentation of what the server offers at (line, character), 0-based."""
        found = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": file.as_uri()}, "position": {"line": line, "character": character}},
        )
        items = found["items"] if isinstance(found, dict) else found
        return {item["label"]: _text(item.get("documentation")) for item in items}

    def close(self) -> None:
        self.process.kill()
        self.process.communicate(timeout=10)  # reaps it and closes both pipes


def _text(documentation: Any) -> str:
    return (
        str(documentation.get("value", "")) if isinstance(documentation, dict) else str(documentation or "")
    )


@pytest.fixture
def editor(repo: Path) -> Iterator[Editor]:
    opened = Editor(repo)
    try:
        yield opened
    finally:
        opened.close()


def _line(file: Path, start: str) -> int:
    return next(
        i for i, line in enumerate(file.read_text(encoding="utf-8").splitlines()) if line.startswith(start)
    )


def test_the_editor_completes_basis_with_the_collections_editions_and_dadian_codes(
    repo: Path, editor: Editor
) -> None:
    ev = _ev(repo)
    year = ev.stem.rpartition("_")[2]
    text = ev.read_text(encoding="utf-8")
    ev.write_text(text.replace("# basis: 6-31-01-03@2018", "basis: 6-31", 1), encoding="utf-8")
    editor.open(ev)
    offered = editor.complete(ev, _line(ev, "basis: "), len("basis: 6-31"))
    assert offered[f"6-31-01-03@{year}"] == "电工 · 职业标准 · 草案"  # a collection id, with what it is
    assert offered["6-31-01-03"] == "电工"  # a 大典 code with its name
    assert offered["4-10-01-03"] == "保育师"


def test_the_editor_completes_an_occupation_code_with_its_name(repo: Path, editor: Editor) -> None:
    ev = _ev(repo)
    ev.write_text(
        ev.read_text(encoding="utf-8").replace("  code: 6-31-01-03 ", "  code: 6-3", 1), encoding="utf-8"
    )
    editor.open(ev)
    offered = editor.complete(ev, _line(ev, "  code: 6-3"), len("  code: 6-3"))
    assert offered["6-31-01-03"] == "电工"
    assert not any("@" in label for label in offered)  # editions belong to basis, not to a code


def test_the_editor_still_checks_the_kind_schema_and_never_underlines_a_value_the_lists_lack(
    repo: Path, editor: Editor
) -> None:
    """The workspace dispatches each file to its kind's schema: the examples are clean, an unknown key is
    underlined; a basis outside the lists (an edition added after the last `stdkit schema`) is not."""
    for example in sorted((repo / "standards").glob("*.yaml")):
        assert editor.open(example) == [], example.name
    text = _ev(repo).read_text(encoding="utf-8")
    ev = repo / "standards" / "EV-EDITED_2026.yaml"  # a file not opened yet: the server validates it afresh
    ev.write_text(
        text.replace("# basis: 6-31-01-03@2018", "basis: X-NEW@2027\nsurprise: 1", 1), encoding="utf-8"
    )
    found = editor.open(ev)
    assert [d["range"]["start"]["line"] for d in found] == [_line(ev, "surprise:")], found


def test_a_hover_keeps_the_fields_title_and_names_the_value_first(repo: Path, editor: Editor) -> None:
    """Hovering `basis:` or an occupation code: the kind schema's field title (the workspace has none of its
    own), then the values with the one written there first, with its name."""
    ev = _ev(repo)
    year = ev.stem.rpartition("_")[2]
    text = ev.read_text(encoding="utf-8")
    ev.write_text(text.replace("# basis: 6-31-01-03@2018", f"basis: 6-31-01-03@{year}", 1), encoding="utf-8")
    assert editor.open(ev) == []

    def hover(start: str) -> str:
        line = _line(ev, start)
        found = editor.request(
            "textDocument/hover",
            {"textDocument": {"uri": ev.as_uri()}, "position": {"line": line, "character": len(start) + 2}},
        )
        return str(found["contents"]["value"])

    basis = hover("basis: ")
    assert basis.startswith("#### 依据\n")
    assert f"* `6-31-01-03@{year}`: 电工 · 职业标准 · 草案" in basis
    code = hover("  code: ")
    assert code.startswith("#### 职业编码\n")
    values = [line for line in code.splitlines() if line.startswith("* `")]
    assert values[0] == "* `6-31-01-03`: 电工"


def test_a_proposed_crosswalk_names_the_workspace_schema(in_dir: Path, cli: Cli) -> None:
    """A crosswalk is completed against the collection too: its from/to are the collection's editions."""
    shutil.copytree(STANDARDS, in_dir / "standards")
    assert cli("schema")[0] == 0
    assert "6-31-01-03@2009" in _listed(_workspace(in_dir), "editions")
    assert cli("crosswalk", "propose", "6-31-01-03@2009", "6-31-01-03@2018")[0] == 0
    written = in_dir / "crosswalks" / "6-31-01-03_2009_2018.yaml"
    assert written.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/workspace.json\n"
    )
