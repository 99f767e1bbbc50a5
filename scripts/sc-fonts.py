"""Derive Simplified-Chinese-only OpenType fonts from Debian's Noto CJK collections (fonts-noto-cjk).

Why: the collections (.ttc) share one CFF table among their five language faces, and that table's font
name is the Japanese face's ("NotoSerifCJKjp-Regular"). LibreOffice names an embedded font by its CFF
name, so a PDF set in the SC face lists "…CJKjp…" faces (pdffonts), although every glyph is the Chinese
form. Each face written here is the collection's SC face unchanged (its cmap, GSUB, glyphs) as a single
font: the CFF's name and its FullName/FamilyName strings patched in place to the SC face's own names
(same length: "jp" → "sc", "JP" → "SC", so no offset moves), and the family renamed "Noto Serif SC" /
"Noto Sans SC" (the names of Noto's own single-region fonts) so that fontconfig tells it from the
collection. Nothing is downloaded; runs with Debian's python3-fonttools in a few seconds a face.

Usage: python3 scripts/sc-fonts.py [TARGET_DIR]  (default /usr/local/share/fonts/stdkit-sc); idempotent.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTCollection
from fontTools.ttLib.tables.DefaultTable import DefaultTable

SOURCE = Path("/usr/share/fonts/opentype/noto")
#: collection → (new family, the SC face's PostScript name)
FACES = {
    "NotoSerifCJK-Regular.ttc": ("Noto Serif SC", "NotoSerifCJKsc-Regular"),
    "NotoSerifCJK-Bold.ttc": ("Noto Serif SC", "NotoSerifCJKsc-Bold"),
    "NotoSansCJK-Regular.ttc": ("Noto Sans SC", "NotoSansCJKsc-Regular"),
    "NotoSansCJK-Bold.ttc": ("Noto Sans SC", "NotoSansCJKsc-Bold"),
}
#: The CFF header, name and string indexes come before the glyphs; the patch looks only there.
HEAD = 1 << 16


def derive(collection: Path, family: str, postscript: str, target: Path) -> None:
    fonts = TTCollection(str(collection), lazy=True, recalcBBoxes=False, recalcTimestamp=False).fonts
    font = next(f for f in fonts if f["name"].getDebugName(6) == postscript)
    raw = bytes(font.reader["CFF "])
    jp = postscript.replace("CJKsc-", "CJKjp-").encode("ascii")
    head = raw[:HEAD]
    if jp not in head:
        raise SystemExit(f"{collection.name}: no CFF name {jp.decode()} to patch")
    head = head.replace(jp, postscript.encode("ascii"))
    for label in (b"Serif", b"Sans"):
        head = head.replace(b"Noto " + label + b" CJK JP", b"Noto " + label + b" CJK SC")
    cff = DefaultTable("CFF ")
    cff.data = head + raw[HEAD:]
    font["CFF "] = cff
    style = postscript.rpartition("-")[2]
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}"
        elif record.nameID == 3:
            record.string = f"{postscript};derived by stdkit from {collection.name}"
    font.save(str(target))


def main() -> int:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/local/share/fonts/stdkit-sc")
    target.mkdir(parents=True, exist_ok=True)
    for name, (family, postscript) in FACES.items():
        source = SOURCE / name
        written = target / f"{postscript}.otf"
        if not source.is_file():
            print(f"sc-fonts: {source} missing (apt-get install fonts-noto-cjk)", file=sys.stderr)
            return 1
        if written.is_file() and written.stat().st_mtime >= source.stat().st_mtime:
            continue
        derive(source, family, postscript, written.with_suffix(".tmp"))
        written.with_suffix(".tmp").replace(written)
        print(f"sc-fonts: wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
