@echo off
rem Installs what is missing, then starts 政务公开工作台 (Windows 10/11, Python 3.11+ from python.org).
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || exit /b 1
.venv\Scripts\python -m pip install -q --disable-pip-version-check -r requirements.txt || exit /b 1
.venv\Scripts\python main.py %*
