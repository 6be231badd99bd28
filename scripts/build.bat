@echo off
chcp 65001 >nul
setlocal
rem Builds the Windows one-folder bundle of 政务公开工作台 with PyInstaller (build.spec) and zips it as
rem dist\政务公开工作台-<version>-windows.zip. Run on a Windows 10/11 PC with Python 3.11+ from python.org.
cd /d "%~dp0\.."

echo [1/5] 准备Python虚拟环境（.venv）……
if not exist .venv\Scripts\python.exe (
    py -3 -m venv .venv || (echo 错误：无法创建虚拟环境。请先从 python.org 安装 Python 3.11 或更新版本。 & exit /b 1)
)

echo [2/5] 安装运行所需的软件包和打包工具 PyInstaller（版本见 requirements-dev.txt）……
.venv\Scripts\python -m pip install -q --disable-pip-version-check -r requirements.txt || (echo 错误：安装 requirements.txt 中的软件包失败，请检查网络或软件包镜像。 & exit /b 1)
set "PYINSTALLER="
for /f "usebackq delims=" %%p in (`findstr /b /i "pyinstaller==" requirements-dev.txt`) do set "PYINSTALLER=%%p"
if not defined PYINSTALLER (echo 错误：requirements-dev.txt 中没有 pyinstaller==版本 这一行。 & exit /b 1)
.venv\Scripts\python -m pip install -q --disable-pip-version-check %PYINSTALLER% || (echo 错误：安装 %PYINSTALLER% 失败。 & exit /b 1)

set "VERSION="
for /f "usebackq delims=" %%v in (`.venv\Scripts\python -c "from models.version import __version__; print(__version__)"`) do set "VERSION=%%v"
if not defined VERSION (echo 错误：无法从 models\version.py 读取版本号。 & exit /b 1)
set "ZIP=dist\政务公开工作台-%VERSION%-windows.zip"

echo [3/5] 打包程序（pyinstaller build.spec，约需几分钟）……
.venv\Scripts\python -m PyInstaller --noconfirm --clean build.spec || (echo 错误：PyInstaller 打包失败，详见上面的输出。 & exit /b 1)
if not exist dist\DisclosureDesk\DisclosureDesk.exe (echo 错误：打包结果中没有 dist\DisclosureDesk\DisclosureDesk.exe。 & exit /b 1)

echo [4/5] 自检打包后的程序（--self-test）……
dist\DisclosureDesk\DisclosureDeskCLI.exe --self-test || (echo 错误：打包后的程序自检未通过，不生成压缩包。 & exit /b 1)

echo [5/5] 压缩为 %ZIP% ……
if exist "%ZIP%" del "%ZIP%"
powershell -NoProfile -ExecutionPolicy Bypass -Command "Compress-Archive -Path 'dist\DisclosureDesk' -DestinationPath '%ZIP%' -Force" || (echo 错误：压缩失败。 & exit /b 1)
if not exist "%ZIP%" (echo 错误：没有生成 %ZIP%。 & exit /b 1)

echo 完成：%ZIP%
echo 把这个压缩包复制到经办人的电脑，解压到经办人自己的文件夹（如 D:\政务公开工作台），双击 DisclosureDesk.exe 即可使用；
echo 在 DisclosureDesk.exe 旁新建名为“数据”的文件夹即为便携模式（数据库、文书、备份都保存在其中）。
exit /b 0
