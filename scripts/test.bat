@echo off
rem Installs what is missing, then runs the whole test suite (ruff + mypy + pytest). No test run counts as failure.
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || exit /b 1
.venv\Scripts\python -m pip install -q --disable-pip-version-check -r requirements-dev.txt || exit /b 1
set QT_QPA_PLATFORM=offscreen
.venv\Scripts\ruff check . || exit /b 1
.venv\Scripts\mypy || exit /b 1
.venv\Scripts\python -m pytest %*
if %ERRORLEVEL%==5 exit /b 1
exit /b %ERRORLEVEL%
