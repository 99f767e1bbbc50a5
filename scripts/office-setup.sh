#!/usr/bin/env bash
# Install LibreOffice Calc and Writer (headless; Writer renders `stdkit export pdf`) and poppler-utils for the 细目表 rendering test
# (tests/test_workbook.py converts the 电工 L3 workbook to PDF and PNG). Idempotent and quiet when
# present; installs only as root (CI). Without them that one test is skipped, nothing else changes.
set -euo pipefail

if command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
    && ls /usr/lib/libreoffice/program/libswlo.so >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "office-setup: soffice or pdftoppm missing; run as root to install" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-noto-cjk >/dev/null
echo "office-setup: installed libreoffice-calc-nogui, libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk"
