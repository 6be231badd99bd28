"""The rule of the GUI tests, checked for the whole window: every menu action of the main window and every button
of every page is tested through a real click or trigger, and each one is connected to something that does
something. With file dialogs, message boxes and modal dialogs answered by the test, clicking each button (or
triggering each entry of a button's menu) raises nothing and changes something the clerk would notice: a dialog,
a message, a file, the stored data, the page shown or a text on the window.

A slot connected so that it receives the button's `checked` flag as an argument (导入台账… received False as the
path and did nothing) fails here."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QInputDialog, QLabel, QMessageBox, QPushButton

from models.domain.letters import LetterKind
from models.services import applications, demo_letters, letters

TODAY = date(2026, 11, 23)


class Effects:
    """Everything the GUI asked of the clerk or of the PC while a button was clicked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls: list[str] = []
        self.count = 0

    def note(self, what: str) -> None:
        self.calls.append(what)

    def save_path(self, *args: object, **_kw: object) -> tuple[str, str]:
        suggested = str(args[2]) if len(args) > 2 and args[2] else "out.xlsx"
        self.count += 1
        path = self.folder / f"{self.count:02d}-{Path(suggested).name or 'out.xlsx'}"
        self.note(f"save dialog → {path.name}")
        return str(path), ""

    def open_path(self, *_args: object, **_kw: object) -> tuple[str, str]:
        self.note("open dialog")
        return str(self.folder / "没有这个文件.xlsx"), ""


def _patch_everything(monkeypatch, effects: Effects) -> None:  # noqa: ANN001
    monkeypatch.setattr(QFileDialog, "getSaveFileName", effects.save_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", effects.open_path)
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda *_a, **_k: (effects.note("open files"), ([str(effects.folder / "x.xlsx")], ""))[1],
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (effects.note("input"), ("录入有误", True))[1])
    for name, answer in (
        ("information", QMessageBox.StandardButton.Ok),
        ("warning", QMessageBox.StandardButton.Ok),
        ("critical", QMessageBox.StandardButton.Ok),
        ("question", QMessageBox.StandardButton.Yes),
    ):
        monkeypatch.setattr(
            QMessageBox,
            name,
            lambda *a, _n=name, _r=answer, **_k: (effects.note(f"{_n}: {a[2] if len(a) > 2 else ''}"), _r)[1],
        )
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (effects.note(f"message: {box.text()}"), 0)[1])
    for cls in (QDialog, QPrintDialog, QPrintPreviewDialog):
        monkeypatch.setattr(cls, "exec", lambda dialog: (effects.note(f"dialog: {type(dialog).__name__}"), 0)[1])
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: (effects.note(f"open {url.toString()}"), True)[1])


def _db_digest(db) -> str:  # noqa: ANN001
    if db.is_server:  # every row of every table, in an order that does not depend on the server's storage
        from sqlalchemy import MetaData, select

        tables = MetaData()
        tables.reflect(db.engine)
        with db.engine.connect() as conn:
            dump = "\n".join(repr(sorted(map(repr, conn.execute(select(t)).all()))) for t in tables.sorted_tables)
        return hashlib.sha256(dump.encode()).hexdigest()
    with sqlite3.connect(db.path) as conn:
        dump = "\n".join(conn.iterdump())
    conn.close()
    return hashlib.sha256(dump.encode()).hexdigest()


def _state(window, effects: Effects) -> tuple:  # noqa: ANN001
    texts = tuple(label.text() for label in window.findChildren(QLabel))
    files = tuple(sorted(p.name for p in effects.folder.iterdir()))
    return (
        len(effects.calls),
        _db_digest(window.db),
        window.stack.currentIndex(),
        window.isVisible(),
        window.windowTitle(),
        texts,
        files,
        tuple(dock.isVisible() for dock in window.findChildren(QDockWidget)),  # a side panel shown (帮助 → 本页说明)
    )


def test_gui_every_menu_action_and_every_page_button_really_clicked_does_something(
    qtbot,
    window,
    db,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    demo_letters.ensure_profile(db)
    number = demo_letters.with_reply(db, "4.1", today=TODAY)
    letters.generate(db, number, LetterKind.RECEIPT, today=TODAY, pdf=True)
    applications.register(
        db,
        applications.ApplicationInput(received=date(2026, 11, 2), applicant_name="张三", content="申请公开道路合同"),
        today=TODAY,
    )
    folder = tmp_path / "out"
    folder.mkdir()
    effects = Effects(folder)
    _patch_everything(monkeypatch, effects)
    for widget in (window, *window.pages):
        if hasattr(widget, "synchronous_jobs"):
            widget.synchronous_jobs = True  # background work inline, so that its effect is seen at once
    window.refresh_all()
    walked: list[str] = []
    idle: list[str] = []

    def check(name: str, act) -> None:  # noqa: ANN001
        before = _state(window, effects)
        act()
        qtbot.wait(10)
        walked.append(name)
        if _state(window, effects) == before:
            idle.append(name)
        if not window.isVisible():
            window.show()

    # -- the main window's menus ---------------------------------------------------------------------------
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if action.isSeparator() or not action.isEnabled():
                continue
            if top.text().startswith("转到") and window.stack.currentIndex() == top.menu().actions().index(action):
                window.show_page((window.stack.currentIndex() + 1) % len(window.pages))  # so that going there shows
            check(f"菜单 {top.text()} → {action.text()}", action.trigger)

    # -- every page's buttons ------------------------------------------------------------------------------
    for index, page in enumerate(window.pages):
        window.show_page(index)
        if page.title == "依申请公开":
            page.select(number)
        if page.title == "文书登记":
            page.view.selectRow(0)
        for button in page.findChildren(QPushButton):
            if not (button.isVisible() and button.isEnabled()):
                continue
            name = f"{page.title} → {button.text()}"
            if button.menu() is not None:  # a button that opens a menu: every entry of the menu is triggered
                button.menu().aboutToShow.emit()
                for action in button.menu().actions():
                    if action.isEnabled() and not action.isSeparator():
                        check(f"{name} → {action.text()}", action.trigger)
                continue
            if page.title == "依申请公开":
                page.select(number)
            check(name, lambda b=button: qtbot.mouseClick(b, Qt.MouseButton.LeftButton))
            window.show_page(index)

    assert len(walked) >= 40, walked  # the walk really went through the window
    assert idle == [], f"these do nothing when clicked: {idle}"
