#!/usr/bin/env bash
# Installs what is missing (with the test tools), then runs the whole test suite: ruff, mypy over models/,
# exporters/ and cli/ (settings in pyproject.toml), pytest with Qt offscreen.
# Arguments go to pytest. "No test ran" (pytest exit code 5) is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
DISCLOSURE_DESK_TESTS=1 bash scripts/setup.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
.venv/bin/ruff check .
.venv/bin/mypy
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest 没有运行任何测试：视为失败。" >&2
  exit 1
fi
exit "$rc"
