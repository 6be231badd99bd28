#!/usr/bin/env bash
# Installs what is missing (with the test tools), then runs the whole test suite: ruff, mypy over models/,
# exporters/ and cli/ (settings in pyproject.toml), pytest with Qt offscreen. "No test ran" (pytest exit code 5) is
# a failure, in either pass.
#
# Without arguments pytest runs twice (issue 13: SQLite, the clerk's engine, and PostgreSQL, the county server's):
# 1. the whole suite on SQLite;
# 2. the database tests on PostgreSQL (DISCLOSURE_DESK_TEST_DB=postgresql): tests/conftest.py starts a throwaway
#    cluster (initdb + pg_ctl, socket in a temporary folder, one per xdist worker) and runs every test that gets the
#    engine's database — fixture `database_target`, behind `db`, `cli`, `window` … (tests/db, tests/cli,
#    tests/exporters, tests/gui). It deselects, as they would repeat pass 1 exactly:
#    - the tests that open no database: tests/domain (pure rules), tests/test_architecture.py, the build and
#      packaging tests (test_build_scripts, test_setup_scripts, test_frozen_build), the tools' tests
#      (test_render_letters_tool, test_benchmarks_run, test_bench_ledger);
#    - the tests that open only a SQLite file of their own (tests/hypothesis, kill -9, the upgrade fixtures …);
#    - the `sqlite_only` tests (about the SQLite file itself: backups, WAL, the portable folder).
#    DISCLOSURE_DESK_TEST_PG=0 skips this pass (a developer without the postgresql package).
# Pass 2 runs even when pass 1 failed (CI reports both); the script fails when either did.
# With arguments, only pass 1 runs, with the arguments given to pytest.
#
# Both passes run on pytest-xdist workers (DISCLOSURE_DESK_TEST_WORKERS, default `auto`: one per CPU; 0 = no xdist).
# A test that hangs (say a modal message box nobody clicks) fails after a timeout (pytest-timeout; its worker is
# replaced): 20 minutes in pass 1 (the frozen build's own limit is 15), 3 in pass 2 (its slowest test takes ~40 s).
set -euo pipefail
cd "$(dirname "$0")/.."
DISCLOSURE_DESK_TESTS=1 bash scripts/setup.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
.venv/bin/ruff check .
.venv/bin/mypy

# A test process killed by a fatal signal (a crash in Qt or a driver) leaves its threads' stacks in this folder
# (tests/conftest.py); they are printed last, where a CI log's tail shows them.
crash_dir=$(mktemp -d)
export DISCLOSURE_DESK_CRASH_DIR=$crash_dir
print_crashes() {
  local dump
  for dump in "$crash_dir"/*.txt; do
    [ -s "$dump" ] || continue
    echo "一个测试进程崩溃了（$(basename "$dump" .txt)），它的线程栈（开头）："
    head -n 120 "$dump"
  done
  rm -rf "$crash_dir"
}
trap print_crashes EXIT

workers=${DISCLOSURE_DESK_TEST_WORKERS:-auto}
parallel=()
[ "$workers" = "0" ] || parallel=(-n "$workers")

# run_pytest NAME ARGS…: pytest's exit code, where 5 (nothing ran) counts as a failure
run_pytest() {
  local name=$1 rc
  shift
  set +e
  .venv/bin/python -m pytest "${parallel[@]}" "$@"
  rc=$?
  set -e
  if [ "$rc" -eq 5 ]; then
    echo "${name}没有运行任何测试：视为失败。" >&2
    return 1
  fi
  return "$rc"
}

if [ "$#" -gt 0 ]; then
  run_pytest "pytest " "$@"
  exit
fi
echo "第一遍：在 SQLite 上运行全部测试"
sqlite_rc=0
run_pytest "SQLite 一遍" --timeout=1200 --timeout-method=thread || sqlite_rc=$?
if [ "${DISCLOSURE_DESK_TEST_PG:-1}" = "0" ]; then
  echo "已按 DISCLOSURE_DESK_TEST_PG=0 跳过 PostgreSQL 一遍。"
  exit "$sqlite_rc"
fi
echo "第二遍：在 PostgreSQL 上运行使用数据库的测试（第一遍的结果：$([ "$sqlite_rc" -eq 0 ] && echo 通过 || echo 失败)）"
pg_rc=0
DISCLOSURE_DESK_TEST_DB=postgresql run_pytest "PostgreSQL 一遍" --timeout=180 --timeout-method=thread || pg_rc=$?
[ "$sqlite_rc" -ne 0 ] && exit "$sqlite_rc"
exit "$pg_rc"
