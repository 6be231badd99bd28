"""Figures measured in child processes (QT_QPA_PLATFORM=offscreen): start-up to the painted and the usable window
against a bare PySide6 window, and peak memory (the child's own high-water mark) of the GUI and of the CLI.

    python -m benchmarks._children bare          a QMainWindow that quits after its first paint
    python -m benchmarks._children gui DB        the main window on DB, every page shown once (peak memory)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE_ENV = "DISCLOSURE_DESK_STARTUP_PROBE"


@dataclass(frozen=True)
class Child:
    stdout: str
    seconds: float  # from just before the process was started to its exit
    started: float  # time.time() just before the process was started
    peak_mb: float  # the child's peak resident memory (ru_maxrss)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DISCLOSURE_DESK_HOME=str(home), **extra)
    env.pop(PROBE_ENV, None)
    # As installed (the frozen bundle carries compiled bytecode, a source checkout writes __pycache__): a shell that
    # sets PYTHONDONTWRITEBYTECODE would make every start compile our ~150 modules again (≈0.1–0.7 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def run_child(args: list[str], env: dict[str, str], *, timeout: float = 600) -> Child:
    """Run `python args…` in the repository root; a non-zero exit or a timeout raises RuntimeError."""
    started = time.time()
    process = subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(f"子进程超时（{timeout:.0f} 秒）：{' '.join(args)}") from None
    seconds = time.time() - started
    if process.returncode != 0:
        raise RuntimeError(f"子进程退出码 {process.returncode}：{' '.join(args)}：{err.strip()[-300:]}")
    return Child(out, seconds, started, _peak_mb(out))


def _peak_mb(out: str) -> float:
    for line in out.splitlines():
        if line.startswith("peak_kb "):
            return int(line.split()[1]) / 1024
    return float("nan")


def stamps(child: Child) -> dict[str, float]:
    """The probe's `painted`/`usable` lines: seconds after the process was started (gui/startup_probe.py)."""
    found = {}
    for line in child.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("painted", "usable"):
            found[name] = float(value)
    if "painted" not in found:
        raise RuntimeError(f"启动探针没有输出“painted”：{child.stdout.strip()[-200:]!r}")
    return found


def bare_window(home: Path) -> Child:
    return run_child(["-m", "benchmarks._children", "bare"], child_env(home))


def app_window(db: Path, home: Path) -> Child:
    return run_child(["main.py", "--db", str(db)], child_env(home, **{PROBE_ENV: "1"}))


def gui_memory(db: Path, home: Path) -> Child:
    return run_child(["-m", "benchmarks._children", "gui", str(db)], child_env(home))


def cli_memory(db: Path, home: Path, *command: str) -> Child:
    return run_child(["-m", "benchmarks._children", "cli", "--db", str(db), *command], child_env(home))


def _print_peak() -> None:
    """VmHWM of this process (ru_maxrss would include the parent's memory at fork: Linux keeps it across exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        peak = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
    else:
        import resource

        peak = str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(f"peak_kb {peak}", flush=True)


def _bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from gui.startup_probe import seconds_since_process_start  # the app's probe's clock

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 760)

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
                self.done = True
                print(f"painted {seconds_since_process_start():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    probe = Probe()
    window.installEventFilter(probe)
    window.show()
    app.exec()
    _print_peak()


def _gui(db_path: str) -> None:
    from PySide6.QtCore import QThreadPool

    from gui.app import make_application
    from gui.main_window import MainWindow
    from models.migrate import open_database

    app = make_application()
    db = open_database(Path(db_path))
    window = MainWindow(db)
    window.show()
    for row in range(len(window.pages)):
        window.show_page(row)
        for _ in range(3):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone()
    app.processEvents()
    db.close()
    _print_peak()


def _cli(argv: list[str]) -> None:
    import main

    code = main.main(argv)
    _print_peak()
    raise SystemExit(code)


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "bare":
        _bare()
    elif mode == "gui":
        _gui(rest[0])
    else:
        _cli(rest)
