"""`stdkit serve` tells the author: findings in the terminal on every rebuild, a banner on a page whose
document has errors, and a page that stays (with the findings) when its document stops loading.

Drives the real command on a free loopback port and polls the pages over http://127.0.0.1.
"""

from __future__ import annotations

import contextlib
import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

DEADLINE = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _until(url: str, wanted: str) -> str:
    """The page at ``url`` once it contains ``wanted`` (the preview rebuilds after a save)."""
    end = time.monotonic() + DEADLINE
    body = ""
    while time.monotonic() < end:
        status, body = _get(url)
        if status == 200 and wanted in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r}; last body:\n{body[:2000]}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A repository made by `stdkit init`, served; yields (repo, base URL, the server's log file)."""
    with _serving(tmp_path) as serving:
        yield serving


@contextlib.contextmanager
def _serving(
    tmp_path: Path, prepare: Callable[[Path], None] | None = None, env_extra: dict[str, str] | None = None
) -> Iterator[tuple[Path, str, Path]]:
    """`stdkit init` in ``tmp_path``, then ``prepare(repo)``, then `stdkit serve` on a free loopback port."""
    env = dict(os.environ, **(env_extra or {}))
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["LANG"] = "en_US.UTF-8"
    init = subprocess.run(
        [sys.executable, "-m", "stdkit.cli", "init", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    if prepare is not None:
        prepare(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "stdkit.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield tmp_path, f"http://127.0.0.1:{port}", log
        finally:
            server.terminate()
            server.wait(timeout=20)


def _log_until(log: Path, wanted: str) -> str:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        content = log.read_text(encoding="utf-8")
        if wanted in content:
            return content
        time.sleep(0.3)
    raise AssertionError(f"the terminal never showed {wanted!r}:\n{log.read_text(encoding='utf-8')[-3000:]}")


def test_serve_tells_the_author(served: tuple[Path, str, Path]) -> None:
    repo, base, log = served
    document = next((repo / "standards").glob("6-31-01-03_*.yaml"))
    edition = document.stem.split("_")[1]
    page = f"{base}/standards/6-31-01-03/{edition}.html"
    body = _until(page, "待填写职业定义")
    assert "sk-preview-errors" not in body  # warnings only: no banner
    _log_until(log, "CNT511")  # the first build's findings are in the terminal
    original = document.read_text(encoding="utf-8")

    # an error the document still loads with: a banner on its page, the finding in the terminal
    document.write_text(original.replace("levels: [L5, L4, L3]", "levels: [L5, L3]"), encoding="utf-8")
    body = _until(page, "sk-preview-errors")
    # in the session's language (LANG=en here) on the page as in the terminal, logged as an error
    assert "This document has errors" in body and "本文档有错误" not in body
    text = _log_until(log, ": LAD")
    assert f"standards/{document.name}:" in text
    for line in text.splitlines():
        for severity, level in (("[error]", "ERROR"), ("[warning]", "WARNING")):
            if severity in line:
                assert line.startswith(level), line
    error = next(line for line in text.splitlines() if "[error]" in line)
    assert html.escape(error.partition("] ")[2], quote=False)[:40] in body

    # a YAML slip: the page stays, with the finding and the last content that loaded
    document.write_text(original.replace("title: ", "title: [", 1), encoding="utf-8")
    body = _until(page, "This document no longer loads")
    assert "待填写职业定义" in body
    text = _log_until(log, ": YML")
    line = next(line for line in text.splitlines() if ": YML" in line)
    assert line.startswith(f"standards/{document.name}:") or f" standards/{document.name}:" in line

    # fixed: the banner goes
    document.write_text(original, encoding="utf-8")
    end = time.monotonic() + DEADLINE
    while "sk-preview-errors" in _get(page)[1] and time.monotonic() < end:
        time.sleep(0.3)
    assert "sk-preview-errors" not in _until(page, "待填写职业定义")


SECRET = "stdkit-serve-test-secret-5f1c"


def _links_out(repo: Path) -> None:
    docs = repo / "docs_site"
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "etc").symlink_to("/etc", target_is_directory=True)
    (docs / "kept.txt").write_text("kept\n", encoding="utf-8")


def test_serve_never_answers_a_link_out_of_the_repository(tmp_path: Path) -> None:
    """A pull request's `docs_site/x.txt -> /etc/passwd` (or the server's own environment) is not served."""
    with _serving(tmp_path, _links_out, {"STDKIT_TEST_SECRET": SECRET}) as (repo, base, log):
        _until(f"{base}/kept.txt", "kept")
        for path in ("passwd.txt", "environ.txt", "etc/passwd", "etc/hostname", "docs_site/passwd.txt"):
            status, body = _get(f"{base}/{path}")
            assert status in (403, 404), (path, status)
            assert "root:x:0" not in body and SECRET not in body
        for name in ("passwd.txt", "environ.txt", "etc"):
            _log_until(log, f"docs_site/{name}:1:1: USE003")
        # a link added while serving is left out of the rebuild too
        (repo / "docs_site" / "late.txt").symlink_to("/etc/passwd")
        (repo / "docs_site" / "late-kept.txt").write_text("late\n", encoding="utf-8")
        _until(f"{base}/late-kept.txt", "late")
        assert _get(f"{base}/late.txt")[0] in (403, 404)
        # the server's own path handling: no way out of the built site
        for path in (
            "../../../../etc/passwd",
            "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "..%2f..%2f..%2fetc%2fpasswd",
        ):
            status, body = _get(f"{base}/{path}")
            assert "root:x:0" not in body, path


def test_the_preview_banner_speaks_the_sessions_language() -> None:
    from stdkit.load.syntax import R_TAB
    from stdkit.site import preview

    finding = R_TAB.at("standards/a.yaml", 3, 1)
    chinese = preview.banner([finding], loaded=True, lang="zh")
    assert finding.text("zh") != finding.message
    assert "本文档有错误" in chinese and finding.text("zh") in chinese and finding.message not in chinese
    english = preview.banner([finding], loaded=False, lang="en")
    assert "no longer loads" in english and ">error<" in english
