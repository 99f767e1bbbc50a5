#!/usr/bin/env bash
# Install LibreOffice Calc and Writer (headless; Writer renders `stdkit export pdf`) and poppler-utils for the 细目表 rendering test
# (tests/test_workbook.py converts the 电工 L3 workbook to PDF and PNG), and the Simplified Chinese faces the PDF is set in:
# fonts-noto-cjk, from whose collections scripts/sc-fonts.py derives SC-only fonts (Noto Serif SC / Noto Sans SC, whose
# embedded names read …CJKsc…, not the collections' shared …CJKjp…) with Debian's python3-fonttools. Idempotent and quiet
# when present; installs only as root (CI). Without them the tests that render PDFs are skipped, nothing else changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sc_fonts=/usr/local/share/fonts/stdkit-sc

if command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
    && ls /usr/lib/libreoffice/program/libswlo.so >/dev/null 2>&1 \
    && [ -f "$sc_fonts/NotoSerifCJKsc-Regular.otf" ] && [ -f "$sc_fonts/NotoSansCJKsc-Bold.otf" ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "office-setup: soffice, pdftoppm or the SC fonts missing; run as root to install" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-noto-cjk python3-fonttools fontconfig >/dev/null
/usr/bin/python3 "$here/sc-fonts.py" "$sc_fonts"
fc-cache -f "$sc_fonts"
echo "office-setup: installed libreoffice-calc-nogui, libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk and the SC fonts in $sc_fonts"
