"""scripts/setup.sh as it runs on a clerk's PC or in CI, with apt, dpkg, id and the venv's pip replaced by
stand-ins that record what they were asked: it waits for the package manager's lock instead of failing, without
root it prints the exact apt-get command and stops, and the program's set-up (run.sh) installs no test tools."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="scripts/setup.sh is the Debian/Ubuntu set-up")

FAKE_DPKG = """#!/bin/bash
# dpkg -s PKG: installed unless listed in $MISSING
for pkg in $MISSING; do [ "$2" = "$pkg" ] && exit 1; done
exit 0
"""
FAKE_APT = """#!/bin/bash
# apt-get: the lists lock is held by another process for the first $LOCKED calls
n=$(cat "$LOG.count" 2>/dev/null || echo 0); echo $((n + 1)) > "$LOG.count"
echo "apt-get $*" >> "$LOG"
if [ "$n" -lt "${LOCKED:-0}" ]; then
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 2770 (apt-get)" >&2
  exit 100
fi
"""
FAKE_ID = """#!/bin/bash
echo "$FAKE_UID"
"""
FAKE_PYTHON = """#!/bin/bash
echo "python $*" >> "$LOG"
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A copy of the repository's set-up files, a venv whose python only logs, and stand-in system tools."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "setup.sh", repo / "scripts" / "setup.sh")
    for name in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy(REPO / name, repo / name)
    (repo / ".venv" / "bin").mkdir(parents=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for path, text in (
        (bin_dir / "dpkg", FAKE_DPKG),
        (bin_dir / "apt-get", FAKE_APT),
        (bin_dir / "id", FAKE_ID),
        (repo / ".venv" / "bin" / "python", FAKE_PYTHON),
    ):
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755)
    return tmp_path


def run_setup(  # noqa: ANN201
    sandbox: Path, *, uid: int = 0, missing: str = "", locked: int = 0, tests: bool = False, wait: int = 60
):
    # PATH: the stand-ins, then only the folder of bash and the coreutils (no sudo from the host).
    tools = sandbox / "tools"
    if not tools.exists():
        tools.mkdir()
        for tool in ("bash", "cat", "cut", "dirname", "env", "grep", "mktemp", "rm", "sha256sum", "sleep"):
            found = shutil.which(tool)
            assert found, tool
            (tools / tool).symlink_to(found)
    env = {
        "PATH": f"{sandbox / 'bin'}:{tools}",
        "FAKE_UID": str(uid),
        "MISSING": missing,
        "LOCKED": str(locked),
        "LOG": str(sandbox / "log"),
        "HOME": str(sandbox),
        "APT_LOCK_WAIT": str(wait),
        "APT_LOCK_POLL": "0.1",
        "PYTHON": sys.executable,
    }
    if tests:
        env["DISCLOSURE_DESK_TESTS"] = "1"
    done = subprocess.run(
        ["bash", str(sandbox / "repo" / "scripts" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = (sandbox / "log").read_text(encoding="utf-8").splitlines() if (sandbox / "log").exists() else []
    return done, log


def test_without_root_it_prints_the_apt_get_command_and_stops(sandbox: Path) -> None:
    done, log = run_setup(sandbox, uid=1000, missing="fonts-noto-cjk libxcb-cursor0")
    assert done.returncode != 0
    assert "apt-get install -y --no-install-recommends libxcb-cursor0 fonts-noto-cjk" in done.stderr
    assert "管理员" in done.stderr
    assert log == []  # neither apt nor pip was run


def test_it_waits_for_the_package_managers_lock(sandbox: Path) -> None:
    done, log = run_setup(sandbox, missing="fonts-noto-cjk", locked=2)
    assert done.returncode == 0, done.stderr
    assert "等待" in done.stderr
    apt = [line for line in log if line.startswith("apt-get")]
    assert apt[:3] == ["apt-get -o DPkg::Lock::Timeout=60 update -qq"] * 3
    assert apt[3] == "apt-get -o DPkg::Lock::Timeout=60 install -y -qq --no-install-recommends fonts-noto-cjk"


def test_a_lock_held_too_long_fails_with_the_command_to_run(sandbox: Path) -> None:
    done, _log = run_setup(sandbox, missing="fonts-noto-cjk", locked=10_000, wait=1)
    assert done.returncode != 0
    assert "Could not get lock" in done.stderr
    assert "apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk" in done.stderr


def test_run_sh_set_up_installs_no_test_tools_and_test_sh_does(sandbox: Path) -> None:
    done, log = run_setup(sandbox)
    assert done.returncode == 0, done.stderr
    assert [line for line in log if "-r" in line] == [
        "python -m pip install -q --disable-pip-version-check -r requirements.txt"
    ]
    (sandbox / "log").unlink()
    done, log = run_setup(sandbox)  # nothing changed: nothing to install
    assert done.returncode == 0 and log == []

    done, log = run_setup(sandbox, tests=True)
    assert done.returncode == 0, done.stderr
    assert [line for line in log if "-r" in line] == [
        "python -m pip install -q --disable-pip-version-check -r requirements-dev.txt"
    ]
    (sandbox / "log").unlink()
    for tests in (True, False):  # both stamps are now current
        done, log = run_setup(sandbox, tests=tests)
        assert done.returncode == 0 and log == []


def test_tests_set_up_adds_libreoffice_and_poppler(sandbox: Path) -> None:
    done, _log = run_setup(sandbox, uid=1000, missing="libreoffice-writer-nogui poppler-utils", tests=True)
    assert done.returncode != 0
    assert "apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils" in done.stderr
    done, _log = run_setup(sandbox, uid=1000, missing="libreoffice-writer-nogui poppler-utils")
    assert done.returncode == 0, done.stderr  # the program itself does not need them


def test_tests_set_up_adds_binutils_for_the_frozen_build_smoke_test(sandbox: Path) -> None:
    # PyInstaller (tests/test_frozen_build.py, always run in CI) exits at once on Linux without objdump.
    done, _log = run_setup(sandbox, uid=1000, missing="binutils", tests=True)
    assert done.returncode != 0
    assert "apt-get install -y --no-install-recommends binutils" in done.stderr
    done, _log = run_setup(sandbox, uid=1000, missing="binutils")
    assert done.returncode == 0, done.stderr  # the program itself does not need it
