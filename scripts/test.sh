#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the whole test suite (what CI runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh
bash scripts/system-setup.sh    # Chromium + CJK fonts, actionlint, LibreOffice: what it cannot install, it names
ruff check src tests
ruff format --check src
mypy src tests
lint-imports --no-cache   # the layers and no import cycle (pyproject.toml [tool.importlinter]; docs/contributing.md)
deptry src                # every import declared, every runtime dependency used (pyproject.toml [tool.deptry])
python -m pytest -m "not national" "$@"   # the national-scale site test: bash scripts/test.sh -m national
