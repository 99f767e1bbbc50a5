#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the whole test suite (what CI runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh
if [ -f scripts/browser-setup.sh ]; then
  bash scripts/browser-setup.sh
fi
ruff check src tests
ruff format --check src
mypy src
python -m pytest "$@"
