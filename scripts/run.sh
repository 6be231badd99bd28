#!/usr/bin/env bash
# Installs what is missing, then starts 政务公开工作台. Arguments go to main.py (e.g. --demo, --db FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py "$@"
