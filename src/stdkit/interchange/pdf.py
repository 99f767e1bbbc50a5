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

from lxml import etree

from stdkit.errors import SetupError

#: A large standard converts in seconds; a hung office process must not hang CI.
TIMEOUT_SECONDS = 180

#: The faces a printed standard is set in, as the Word file names them, and the Simplified Chinese faces
#: that stand in for them where Windows' fonts are not installed. Without this LibreOffice asks fontconfig
#: for 宋体, gets no answer and falls back to the first CJK sans it finds, on Debian Noto Sans CJK JP: a
#: sans-serif body with Japanese glyph forms in a document imitating a ministry print. The first stand-ins,
#: Noto Serif SC and Noto Sans SC, are the SC faces of Debian's Noto collections as single fonts
#: (scripts/sc-fonts.py, installed by scripts/office-setup.sh): the collections share one CFF table named
#: …CJKjp…, the name a PDF embeds, whereas these are named …CJKsc…. Without them, the collections' SC faces.
SERIF_FACES = (
    "宋体",
    "SimSun",
    "新宋体",
    "NSimSun",
    "仿宋",
    "FangSong",
    "仿宋_GB2312",
    "楷体",
    "KaiTi",
    "STSong",
)
SANS_FACES = ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "STHeiti")
SERIF_SC = (
    "Noto Serif SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "AR PL UMing CN",
)
SANS_SC = (
    "Noto Sans SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
)
#: The system's own configuration, read first so that every installed font stays found.
SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf"


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
        fontconfig = work / "fonts.conf"
        fontconfig.write_bytes(fontconfig_aliases())
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
                env={**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(fontconfig)},
            )
        except subprocess.TimeoutExpired as exc:
            raise SetupError("pdf.timeout", seconds=TIMEOUT_SECONDS) from exc
        target = work / "document.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise SetupError("pdf.failed", detail=detail[0])
        return target.read_bytes()


def fontconfig_aliases() -> bytes:
    """A fontconfig file: the system's configuration, then 宋体 and its kin served by a Simplified Chinese
    serif and 黑体 by a Simplified Chinese sans (the first of each list that is installed)."""
    root = etree.Element("fontconfig")
    include = etree.SubElement(root, "include", ignore_missing="yes")
    include.text = SYSTEM_FONTCONFIG
    for faces, stand_ins in ((SERIF_FACES, SERIF_SC), (SANS_FACES, SANS_SC)):
        for face in faces:
            alias = etree.SubElement(root, "alias", binding="strong")
            etree.SubElement(alias, "family").text = face
            prefer = etree.SubElement(alias, "prefer")
            for stand_in in stand_ins:
                etree.SubElement(prefer, "family").text = stand_in
    return bytes(
        etree.tostring(
            root,
            xml_declaration=True,
            encoding="UTF-8",
            doctype="<!DOCTYPE fontconfig SYSTEM 'fonts.dtd'>",
            pretty_print=True,
        )
    )
