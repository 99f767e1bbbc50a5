#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job over standards/:
# validate, cross-check, then build the site and the exam blueprints into site/.
# Installs stdkit with its runtime dependencies and the site generator (the extra `site`), no development tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
STDKIT_EXTRAS=site source scripts/setup.sh
stdkit validate
stdkit check
stdkit build
