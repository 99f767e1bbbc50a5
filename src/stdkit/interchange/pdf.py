"""A .docx as PDF through LibreOffice headless (``soffice --headless --convert-to pdf``).

The only module that runs another program. It works in a private temporary folder and returns bytes;
LibreOffice missing is a :class:`~stdkit.errors.SetupError` (the CLI says so and exits 2), never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from stdkit.errors import SetupError

#: A large standard converts in seconds; a hung office process must not hang CI.
TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """The PDF of ``docx``."""
    program = soffice()
    if program is None:
        raise SetupError("pdf.missing")
    with tempfile.TemporaryDirectory(prefix="stdkit-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        # A private profile: a user's running LibreOffice or a broken profile must not block the conversion.
        profile = (work / "profile").as_uri()
        try:
            done = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "HOME": str(work)},
            )
        except subprocess.TimeoutExpired as exc:
            raise SetupError("pdf.timeout", seconds=TIMEOUT_SECONDS) from exc
        target = work / "document.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise SetupError("pdf.failed", detail=detail[0])
        return target.read_bytes()
