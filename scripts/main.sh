#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the main job over standards/:
# validate, cross-check, then build the site and the exam blueprints into site/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/setup.sh
stdkit validate
stdkit check
stdkit build
