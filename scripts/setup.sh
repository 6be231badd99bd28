#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine for 政务公开工作台: system libraries for Qt and a CJK font (via apt, when
# missing), a virtual environment in .venv and the pinned requirements. Safe to run again: it only does
# what is missing. Used by scripts/run.sh, scripts/test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt offscreen needs EGL/xkbcommon/fontconfig; a CJK font so Chinese is not drawn as boxes;
# the xcb libraries so the window also opens on a desktop.
APT_PACKAGES=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0
  fonts-noto-cjk)
# The test suite also converts letters to PDF with LibreOffice and reads PDFs back with poppler.
if [ "${DISCLOSURE_DESK_TESTS:-0}" = "1" ]; then
  APT_PACKAGES+=(libreoffice-writer-nogui poppler-utils)
fi

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0           # not Debian/Ubuntu: nothing to do here
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "缺少系统软件包（需要管理员权限安装）：${missing[*]}" >&2
      return 0
    fi
  fi
  echo "安装系统软件包：${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

PYTHON=${PYTHON:-python3}
install_system_packages
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "需要 Python 3.11 或更新版本（当前：$("$PYTHON" --version 2>&1)）。" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when the requirement files changed.
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -U pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
