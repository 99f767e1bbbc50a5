#!/usr/bin/env bash
# Creates .venv and installs stdkit with its development tools. Idempotent and quiet when up to date.
# Sourced by scripts/main.sh and scripts/test.sh so that a fresh clone needs nothing else.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
py="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
stamp="$venv/.stdkit-installed"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[dev]"
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
