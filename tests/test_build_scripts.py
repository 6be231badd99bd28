"""Windows packaging (issue 12, Packaging), checked where it can be on any machine: scripts/build.bat builds the
one-folder bundle with the pinned PyInstaller from build.spec, self-tests it and zips it as
`政务公开工作台-<版本>-windows.zip`; build.spec gives both executables the icon and a Windows version resource."""

from __future__ import annotations

import ast
import re
import sys
import types
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
BUILD_BAT = REPO / "scripts" / "build.bat"
SPEC = REPO / "build.spec"


@pytest.fixture(scope="module")
def bat() -> str:
    return BUILD_BAT.read_bytes().decode("utf-8")


def test_build_bat_has_windows_line_ends_and_switches_the_console_to_utf8_first(bat: str) -> None:
    raw = BUILD_BAT.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # cmd.exe misreads labels and blocks in LF-only files
    lines = bat.splitlines()
    assert lines[:2] == ["@echo off", "chcp 65001 >nul"]  # the Chinese echo lines are UTF-8


def test_build_bat_installs_the_pinned_pyinstaller_and_runs_build_spec(bat: str) -> None:
    pinned = re.search(r"^pyinstaller==(\d+\.\d+\.\d+)$", (REPO / "requirements-dev.txt").read_text(), re.M)
    assert pinned, "requirements-dev.txt pins pyinstaller"
    assert 'findstr /b /i "pyinstaller==" requirements-dev.txt' in bat
    assert "-r requirements.txt" in bat
    assert re.search(r"-m PyInstaller --noconfirm --clean build\.spec \|\|", bat)


def test_build_bat_self_tests_the_bundle_before_zipping_it(bat: str) -> None:
    self_test = bat.index(r"dist\DisclosureDesk\DisclosureDeskCLI.exe --self-test ||")
    assert self_test < bat.index("Compress-Archive")


def test_build_bat_zips_as_政务公开工作台_version_windows_zip_with_powershell(bat: str) -> None:
    assert "from models.version import __version__" in bat
    assert 'set "ZIP=dist\\政务公开工作台-%VERSION%-windows.zip"' in bat
    assert re.search(r"powershell .*Compress-Archive -Path 'dist\\DisclosureDesk' -DestinationPath '%ZIP%'", bat)


def test_build_bat_every_failure_says_why_in_chinese_and_exits_1(bat: str) -> None:
    failures = [line for line in bat.splitlines() if "exit /b 1" in line]
    assert len(failures) >= 10  # venv, pip ×2, pin, version, PyInstaller, exe, self-test, zip ×2
    for line in failures:
        handler = line[line.index("(echo ") :]
        assert handler.startswith("(echo 错误："), line
        assert handler.endswith(" & exit /b 1)"), line
        # an ASCII ')' inside the message would close the block early: cmd would run the rest as a command
        assert ")" not in handler[: -len(" & exit /b 1)")], line


def test_build_spec_gives_both_executables_the_icon_and_version_info() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert 'ICON = "resources/icon.ico"' in spec
    assert spec.count("icon=ICON,") == 2
    assert 'version=version_info("DisclosureDesk", APP_NAME),' in spec
    assert 'version=version_info("DisclosureDeskCLI", f"{APP_NAME}（命令行）"),' in spec
    assert "from models.version import APP_NAME, __version__" in spec


def test_icon_files_hold_every_windows_size() -> None:
    with Image.open(REPO / "resources" / "icon.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(REPO / "resources" / "icon.png") as png:
        assert png.size == (256, 256)


def test_build_spec_windows_version_resource_names_the_product_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The function of build.spec that makes the version resource, run here with stand-ins for pefile and
    win32api (Windows only; the resource classes themselves are plain Python)."""
    import PyInstaller.compat

    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    monkeypatch.setattr(PyInstaller.compat, "win32api", types.ModuleType("win32api"), raising=False)
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "windows_version_info")
    namespace: dict[str, object] = {"re": re}
    exec(compile(ast.Module(body=[function], type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    try:
        info = namespace["windows_version_info"](
            "0.1.0", "政务公开工作台", "政务公开工作台（命令行）", "DisclosureDeskCLI"
        )
        text = str(info)
    finally:  # imported with the stand-ins: not for anyone else
        sys.modules.pop("PyInstaller.utils.win32.versioninfo", None)
    assert "filevers=(0, 1, 0, 0)" in text and "prodvers=(0, 1, 0, 0)" in text
    assert "StringStruct('ProductName', '政务公开工作台')" in text
    assert "StringStruct('FileDescription', '政务公开工作台（命令行）')" in text
    assert "StringStruct('ProductVersion', '0.1.0')" in text
    assert "StringStruct('OriginalFilename', 'DisclosureDeskCLI.exe')" in text
    assert "'080404B0'" in text  # 中文(简体), Unicode
