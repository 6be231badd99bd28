#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine for 政务公开工作台: system libraries for Qt and a CJK font (via apt, when
# missing), a virtual environment in .venv and the pinned requirements. Safe to run again: it only does
# what is missing. Used by scripts/run.sh (the program only: requirements.txt) and, with DISCLOSURE_DESK_TESTS=1,
# by scripts/test.sh and .ci/run (also the test tools: requirements-dev.txt, LibreOffice, poppler).
set -euo pipefail
cd "$(dirname "$0")/.."

TESTS=${DISCLOSURE_DESK_TESTS:-0}
SUDO=""
APT_LOCK_WAIT=${APT_LOCK_WAIT:-600}  # seconds to wait for another apt/dpkg (unattended-upgrades …) to finish
APT_LOCK_POLL=${APT_LOCK_POLL:-5}

# Qt offscreen needs EGL/xkbcommon/fontconfig; a CJK font so Chinese is not drawn as boxes;
# the xcb libraries so the window also opens on a desktop.
APT_PACKAGES=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0
  fonts-noto-cjk)
# The test suite also converts letters to PDF with LibreOffice and reads PDFs back with poppler; the frozen-build
# smoke test runs PyInstaller, which refuses to start on Linux without objdump (binutils); the second pass of the
# tests runs on a throwaway PostgreSQL cluster (postgresql: initdb, pg_ctl; the county server's engine).
if [ "$TESTS" = "1" ]; then
  APT_PACKAGES+=(libreoffice-writer-nogui poppler-utils binutils postgresql)
fi

# apt-get that waits for the package manager's locks instead of failing: DPkg::Lock::Timeout covers the dpkg
# lock; `apt-get update` takes the lists lock without waiting, so a lock error is retried until APT_LOCK_WAIT.
apt_get() {
  local start=$SECONDS err said=0
  err=$(mktemp)
  while true; do
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" 2>"$err"; then
      rm -f "$err"
      return 0
    fi
    if grep -qiE 'could not get lock|unable to lock|unable to acquire the dpkg frontend lock' "$err" &&
      [ $((SECONDS - start)) -lt "$APT_LOCK_WAIT" ]; then
      [ "$said" = 1 ] || echo "软件包管理器正被其他程序使用（如自动更新），等待其完成（最多${APT_LOCK_WAIT}秒）…" >&2
      said=1
      sleep "$APT_LOCK_POLL"
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return 1
  done
}

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0           # not Debian/Ubuntu: nothing to do here
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local command="apt-get install -y --no-install-recommends ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "缺少系统软件包，需要管理员（root）权限安装。请用管理员身份运行以下命令后重试：" >&2
      echo "  $command" >&2
      exit 1
    fi
  fi
  echo "安装系统软件包：${missing[*]}"
  if ! apt_get update -qq || ! apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "系统软件包安装失败。请用管理员身份运行以下命令后重试：" >&2
    echo "  apt-get update && $command" >&2
    exit 1
  fi
}

PYTHON=${PYTHON:-python3}
install_system_packages
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "需要 Python 3.11 或更新版本（当前：$("$PYTHON" --version 2>&1)）。" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the requirement files changed: one stamp for the program's requirements, one for the
# test tools (requirements-dev.txt includes requirements.txt, so installing it brings both up to date).
pip_install() {
  .venv/bin/python -m pip install -q --disable-pip-version-check -U pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$1"
}
runtime_stamp=.venv/.requirements.sha256
dev_stamp=.venv/.requirements-dev.sha256
runtime_want=$(sha256sum <requirements.txt | cut -d' ' -f1)
dev_want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$TESTS" = "1" ]; then
  if [ "$(cat "$dev_stamp" 2>/dev/null)" != "$dev_want" ]; then
    pip_install requirements-dev.txt
    echo "$dev_want" >"$dev_stamp"
    echo "$runtime_want" >"$runtime_stamp"
  fi
elif [ "$(cat "$runtime_stamp" 2>/dev/null)" != "$runtime_want" ]; then
  pip_install requirements.txt
  echo "$runtime_want" >"$runtime_stamp"
fi
