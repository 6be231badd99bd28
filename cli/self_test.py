"""`main.py --self-test`: does this installation work? (issue 12, Packaging)

A county IT person runs it after copying the bundle to a clerk's PC (and CI runs it from source and from the frozen
bundle). It creates a new database in a temporary folder (the migrations are found and applied), fills a minimal
unit profile and one application, renders one letter (Word and PDF) and one monthly return (Excel), and checks the
fonts and the built-in templates are found. One Chinese line per check (✓ or ✗ and what), then the temporary folder
is removed. Exit code 0 when every check passed, 1 otherwise. Headless: no Qt.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from models.domain.errors import UserError

if TYPE_CHECKING:
    from models.db import Database

# Fixed dates inside the years the calendar covers: the result does not depend on the day the test is run.
RECEIVED = date(2026, 3, 2)
TODAY = date(2026, 3, 3)
MONTH = "2026-03"


@dataclass
class SelfTest:
    out: TextIO
    failed: list[str] = field(default_factory=list)

    def check(self, what: str, step: Callable[[], str]) -> bool:
        """Run one check; print ✓ with what it found, or ✗ with why it failed (never a traceback)."""
        try:
            found = step()
        except Exception as error:  # noqa: BLE001 - every failure is reported as a ✗ line, the others still run
            self.failed.append(what)
            text = error.cli_text() if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
            print(f"✗ {what}：{text}", file=self.out, flush=True)
            return False
        print(f"✓ {what}：{found}", file=self.out, flush=True)
        return True


def _templates() -> str:
    from models.domain.letters import LetterKind
    from models.services.letters import builtin_template

    missing = [builtin_template(kind).name for kind in LetterKind if not builtin_template(kind).is_file()]
    if missing:
        raise UserError(f"缺少内置文书模板 {'、'.join(missing)}（{builtin_template(LetterKind.REPLY).parent}）")
    return f"{len(LetterKind)} 个内置文书模板齐全"


def _fonts() -> str:
    from exporters.fonts import choose_fonts
    from exporters.pdf_fonts import register_cjk_font, register_letter_fonts
    from resources import resource_path

    shipped = [resource_path("fonts", name) for name in ("wqy-microhei.ttc", "uming.ttc")]
    missing = [str(p) for p in shipped if not p.is_file()]
    if missing:
        raise UserError(f"缺少随程序提供的字体 {'、'.join(missing)}")
    register_cjk_font()
    body, title, _ = register_letter_fonts().families
    word = choose_fonts()
    return f"PDF正文 {body}、标题 {title}；Word正文 {word.body}、标题 {word.title}"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check; 0 when all passed, 1 otherwise."""
    stream = out or sys.stdout
    test = SelfTest(stream)
    print("政务公开工作台自检：", file=stream, flush=True)
    test.check("文书模板", _templates)
    test.check("字体", _fonts)
    folder = Path(tempfile.mkdtemp(prefix="自检-"))
    try:
        _with_database(test, folder)
    finally:
        test.check("清理", lambda: _remove(folder))
    if test.failed:
        print(f"自检未通过：{'、'.join(test.failed)}。", file=stream, flush=True)
        return 1
    print("自检通过。", file=stream, flush=True)
    return 0


def _remove(folder: Path) -> str:
    shutil.rmtree(folder)
    return "临时文件夹已删除"


def _with_database(test: SelfTest, folder: Path) -> None:
    from models.migrate import head_revision, open_database

    db = None

    def create() -> str:
        nonlocal db
        db = open_database(folder / "自检.db")
        return f"已在临时文件夹新建，结构版本 {head_revision()}"

    if not test.check("数据库", create):
        return
    assert db is not None
    try:
        _fill_and_render(test, db, folder)
    finally:
        db.close()


def _fill_and_render(test: SelfTest, db: Database, folder: Path) -> None:
    from models.domain.letters import LetterKind
    from models.services import applications, letters, profile, reports
    from models.services.demo_applications import DEMO_PROFILE

    number = ""

    def fill() -> str:
        nonlocal number
        unit = profile.save_profile(db, DEMO_PROFILE)
        data = applications.ApplicationInput(
            received=RECEIVED, applicant_name="自检申请人", content="自检：申请公开本镇2025年财政预算", handler="自检"
        )
        number = applications.register(db, data, actor="自检", today=TODAY).number
        return f"单位“{unit.unit_name}”，申请 {number}"

    if not test.check("单位信息和申请登记", fill):
        return
    generated = None

    def letter() -> str:
        nonlocal generated
        generated = letters.generate(db, number, LetterKind.RECEIPT, today=TODAY, actor="自检", pdf=True)
        _check_zip(generated.path, "word/document.xml")
        return f"{generated.label} {generated.path.name}"

    test.check("文书（Word）", letter)

    def letter_pdf() -> str:
        if generated is None or generated.pdf_path is None:
            raise UserError("Word文书未生成，没有PDF")
        head = generated.pdf_path.read_bytes()[:5]
        if head != b"%PDF-":
            raise UserError(f"不是PDF文件：{generated.pdf_path}")
        return f"{generated.pdf_path.name}（{generated.pdf_path.stat().st_size // 1024} KB）"

    test.check("文书（PDF）", letter_pdf)

    def monthly() -> str:
        target = folder / f"月报{MONTH}.xlsx"
        result = reports.export_return(db, MONTH, target)
        _check_zip(target, "xl/workbook.xml")
        return f"{result.report.unit_name}{result.report.period.label} {target.name}"

    test.check("月报（Excel）", monthly)


def _check_zip(path: Path, member: str) -> None:
    """A .docx/.xlsx is a zip with its main part: a truncated or empty file is caught here."""
    with zipfile.ZipFile(path) as archive:
        if member not in archive.namelist():
            raise UserError(f"文件不完整（缺少 {member}）：{path}")
