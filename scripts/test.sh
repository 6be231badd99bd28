#!/usr/bin/env bash
# Installs what is missing (with the test tools), then runs the whole test suite: ruff, mypy over models/,
# exporters/ and cli/ (settings in pyproject.toml), pytest with Qt offscreen.
# Arguments go to pytest. "No test ran" (pytest exit code 5) is a failure.
# With DISCLOSURE_DESK_TEST_PG=1 and no arguments, a second pass runs the database tests on PostgreSQL (issue 13):
# tests/db, tests/cli and tests/exporters with DISCLOSURE_DESK_TEST_DB=postgresql; tests/conftest.py starts a
# throwaway cluster (initdb + pg_ctl, socket in a temporary folder) and deselects the `sqlite_only` tests.
# Not on by default: the SQLite pass alone takes most of CI's 20 minutes (the PostgreSQL pass adds about 8).
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
if [ "$rc" -eq 0 ] && [ "$#" -eq 0 ] && [ "${DISCLOSURE_DESK_TEST_PG:-0}" = "1" ]; then
  echo "第二遍：在 PostgreSQL 上运行数据库相关测试（tests/db tests/cli tests/exporters）"
  set +e
  DISCLOSURE_DESK_TEST_DB=postgresql .venv/bin/python -m pytest tests/db tests/cli tests/exporters
  rc=$?
  set -e
  [ "$rc" -eq 5 ] && { echo "PostgreSQL 一遍没有运行任何测试：视为失败。" >&2; exit 1; }
fi
exit "$rc"
