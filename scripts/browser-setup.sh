#!/usr/bin/env bash
# Install the headless browser and CJK fonts the browser tests (tests/test_site_browser.py) use.
# Idempotent and quiet when both are present; installs only as root (CI), never downloads
# Playwright's own browsers (offline runs use Debian's chromium).
set -euo pipefail

have_fonts() { fc-list 2>/dev/null | grep -qi 'noto.*cjk'; }

if [ -x /usr/bin/chromium ] && have_fonts; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "browser-setup: /usr/bin/chromium or fonts-noto-cjk missing; run as root to install" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
echo "browser-setup: installed chromium and fonts-noto-cjk"
