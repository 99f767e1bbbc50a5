#!/usr/bin/env bash
# The system tools some tests use, each installed by its own script (root, idempotent). One that cannot
# be installed (no root, no package) skips the tests that need it: one line says which, and the run
# goes on. Under CI the tests that must not pass by skipping fail on their own (tests/test_workflows.py).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/browser-setup.sh" 2> /dev/null \
  || echo "test.sh: Chromium could not be installed (bash scripts/browser-setup.sh says why): the browser tests (-m browser: the site and the manual searched in Chromium) are skipped"
bash "$here/lint-setup.sh" \
  || echo "test.sh: the npm tools could not be installed (bash scripts/lint-setup.sh says why): the workflow lint tests and the editor (yaml-language-server) tests are skipped"
bash "$here/office-setup.sh" 2> /dev/null \
  || echo "test.sh: LibreOffice could not be installed (bash scripts/office-setup.sh says why): the 细目表 and Word rendering tests (tests/test_workbook.py, tests/test_docx.py) are skipped"
exit 0
