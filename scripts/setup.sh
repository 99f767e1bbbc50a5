#!/usr/bin/env bash
# Creates .venv and installs stdkit into it. Idempotent and quiet when up to date.
# Sourced by scripts/main.sh and scripts/test.sh so that a fresh clone needs nothing else.
# STDKIT_EXTRAS names the extras to add (default: dev, the development tools the tests use);
# scripts/main.sh sets it to site: the main job needs the runtime and the site generator, no tool.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
py="${PYTHON:-python3}"
extras="${STDKIT_EXTRAS-dev}"
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
stamp="$venv/.stdkit-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root${extras:+[$extras]}"
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
