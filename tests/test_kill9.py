"""The kill -9 loop (issue 9, acceptance): the CLI imports a ledger, generates a letter, writes a report and creates
a backup in a subprocess that is killed with SIGKILL at random moments (20 kills, fixed seed). After every kill the
database passes `PRAGMA quick_check`, every ledger is in the database completely or not at all, every committed
record is intact, and no output file is partial; after the next start no temporary file is left anywhere — and none
ever went to the system temp folder."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from models.domain.errors import UserError
from models.migrate import open_database
from models.services import demo_letters
from models.services.backup import verify_backup
from tests.cli.test_applications_cli import row, write_ledger

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[1]
KILLS = 20
SEED = 20261127
ROWS_PER_LEDGER = 3


class Folder:
    def __init__(self, tmp_path: Path) -> None:
        self.home = tmp_path / "home"
        self.data = self.home / "data"
        self.db = self.data / "disclosure.db"  # the default database: letters go to 答复文书/<year>/
        self.out = tmp_path / "报表"
        self.system_temp = tmp_path / "system-temp"
        for folder in (self.data, self.out, self.system_temp):
            folder.mkdir(parents=True)
        self.env = {**os.environ, "DISCLOSURE_DESK_HOME": str(self.home), "TMPDIR": str(self.system_temp)}

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), *args],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def run(self, *args: str) -> None:
        process = self.start(*args)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode("utf-8", "replace")


def _ledger(folder: Path, index: int) -> tuple[Path, dict[str, str]]:
    """Ledger `index`: its own application numbers and applicants."""
    people = {f"2025-{index * ROWS_PER_LEDGER + k:04d}": f"申请人{index}-{k}" for k in range(1, ROWS_PER_LEDGER + 1)}
    rows = [row(n, date(2025, 3, 1 + k), 申请人=name) for k, (n, name) in enumerate(people.items())]
    return write_ledger(folder / f"台账{index}.xlsx", rows), people


def _applicants(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT number, applicant_name FROM application"))
    finally:
        conn.close()


def _complete(path: Path) -> bool:
    """A whole output file: a zip-based one (docx, xlsx, backup) opens and passes its CRCs; a PDF has its end."""
    if path.suffix == ".pdf":
        data = path.read_bytes()
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def _check_after_kill(f: Folder, committed: dict[str, str], ledgers: list[dict[str, str]]) -> None:
    conn = sqlite3.connect(f.db)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        letters = conn.execute("SELECT file_path FROM letter").fetchall()
    finally:
        conn.close()
    now = _applicants(f.db)
    for number, name in committed.items():  # every committed record is intact
        assert now.get(number) == name
    for people in ledgers:  # all or nothing
        present = [n for n in people if n in now]
        assert present in ([], list(people)), f"partial import: {present}"
        if present:
            committed.update(people)
    for (file_path,) in letters:  # a letter in the register has its whole file
        assert _complete(Path(file_path)), file_path
    outputs = [p for p in [*f.out.iterdir(), *(f.data / "答复文书").rglob("*")] if p.is_file()]
    for path in outputs:
        if path.suffix in (".docx", ".xlsx", ".pdf", ".zip"):
            assert _complete(path), f"partial output file: {path}"
        if path.suffix == ".zip":
            verify_backup(path)


def _temp_file_of(folder: Path, marker: str) -> bool:
    """Whether a temporary file named with `marker` exists under `folder`; the running command creates and removes
    its temporary folders meanwhile, so a folder vanishing during the scan is looked at again."""
    for _ in range(5):
        try:
            return any(marker in p.name for p in folder.rglob(".*.tmp"))
        except FileNotFoundError:
            continue
    return False


def test_kill_9_at_random_moments_loses_no_committed_record_and_leaves_no_partial_or_temporary_file(
    tmp_path: Path,
) -> None:
    f = Folder(tmp_path)
    db = open_database(f.db)
    demo_letters.ensure_profile(db)
    db.close()
    first_file, first = _ledger(tmp_path, 0)
    f.run("applications", "import", str(first_file), "--today", "2025-12-31")
    committed = dict(first)
    ledgers: list[dict[str, str]] = [first]

    def arguments(operation: int, step: int) -> list[str]:
        if operation == 0:
            ledger_file, people = _ledger(tmp_path, len(ledgers))
            ledgers.append(people)
            return ["applications", "import", str(ledger_file), "--today", "2025-12-31"]
        if operation == 1:
            return ["letter", rng.choice(sorted(committed)), "--kind", "receipt", "--today", "2025-12-31"]
        if operation == 2:
            out = f.out / f"年报{step}"
            return ["report", "annual", "--year", "2025", "--out", f"{out}.xlsx", "--docx", f"{out}.docx"] + [
                "--pdf",
                f"{out}.pdf",
            ]
        return ["backup", "create", str(f.out)]

    rng = random.Random(SEED)
    took = {}  # how long each operation takes uninterrupted: the kills fall inside that time
    for operation in range(4):
        started = time.monotonic()
        f.run(*arguments(operation, -1))
        took[operation] = time.monotonic() - started
        _check_after_kill(f, committed, ledgers)

    kills = left_behind = 0
    for step in range(KILLS):
        operation = step % 4
        process = f.start(*arguments(operation, step))
        if operation and (step // 4) % 2:  # in the middle of writing a file: once its temporary file exists
            own = f".~dd{process.pid}."
            while process.poll() is None and not _temp_file_of(tmp_path, own):
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.02))
        else:  # anywhere in the run
            time.sleep(rng.uniform(0.3, 1.05) * took[operation])
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        _, err = process.communicate(timeout=120)
        assert process.returncode in (0, -signal.SIGKILL), err.decode("utf-8", "replace")
        left_behind += _temp_file_of(tmp_path, f".~dd{process.pid}.")
        _check_after_kill(f, committed, ledgers)

    assert kills >= KILLS // 2  # most runs really were cut short
    assert left_behind > 0  # some were cut short in the middle of writing a file

    # The next start sweeps what the killed runs left; every operation then completes.
    f.run("applications", "import", str(_ledger(tmp_path, len(ledgers))[0]), "--today", "2025-12-31")
    f.run("letter", sorted(committed)[0], "--kind", "receipt", "--today", "2025-12-31")
    f.run("report", "annual", "--year", "2025", "--out", str(f.out / "年报.xlsx"))
    f.run("backup", "create", str(f.out))
    f.run("applications", "list")
    _check_after_kill(f, committed, ledgers)
    assert sorted(p.name for p in tmp_path.rglob("*.tmp")) == []
    assert list(f.system_temp.iterdir()) == []
    try:
        verify_backup(max(f.out.glob("*.zip")))
    except UserError as error:  # pragma: no cover - a message is clearer than a traceback
        pytest.fail(error.message)
