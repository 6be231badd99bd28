"""The detail panel's "生成文书" button: a menu of the letters the application's facts allow now, a dialog for
the optional inputs, generation in the background, then 打开 / 打印 / 打开文件夹."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget

from gui.dialogs.letter_dialog import LetterDialog
from gui.widgets.letter_print import open_document
from gui.workers import run_in_background
from models.db import Database
from models.domain.letters import LetterKind
from models.services import letters as service


def print_file(parent: QWidget | None, path: Path) -> None:
    """Print with the program Windows associates with the file; elsewhere open it (print from there)."""
    if sys.platform == "win32":
        os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
    else:
        open_document(parent, path)


class LettersButton(QPushButton):
    generated = Signal(object)  # a service.GeneratedLetter
    synchronous_jobs = False  # tests run the background work inline
    ask_inputs = True  # tests fill the dialog themselves or skip it
    show_result = True

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__("生成文书 ▾", parent)
        self.db = db
        self.today = today or date.today()
        self.number: str | None = None
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self.rebuild_menu)
        self.last: service.GeneratedLetter | None = None

    def set_application(self, number: str | None) -> None:
        self.number = number
        self.setEnabled(bool(number))
        self.rebuild_menu()

    def rebuild_menu(self) -> None:
        self.menu_.clear()
        if not self.number:
            return
        for state in service.kinds_for(self.db, self.number, today=self.today):
            action = self.menu_.addAction(state.label, lambda k=state.kind: self.generate(k))  # type: ignore[misc]
            action.setEnabled(state.allowed)
            if not state.allowed:
                action.setToolTip(state.reason)
        self.menu_.setToolTipsVisible(True)

    def allowed_labels(self) -> list[str]:
        return [a.text() for a in self.menu_.actions() if a.isEnabled()]

    def generate(self, kind: LetterKind) -> None:
        if not self.number:
            return
        number = self.number
        dialog = LetterDialog(self.db, number, kind, self, today=self.today)
        if self.ask_inputs and not dialog.exec():
            return
        inputs, pdf = dialog.inputs(), dialog.pdf.isChecked()
        run_in_background(
            self,
            "正在生成文书…",
            lambda _progress: service.generate(self.db, number, kind, inputs, today=self.today, pdf=pdf),
            self._done,
            synchronous=self.synchronous_jobs,
        )

    def _done(self, result: service.GeneratedLetter) -> None:
        self.last = result
        self.generated.emit(result)
        if self.show_result:
            self.show_result_box(result)

    def show_result_box(self, result: service.GeneratedLetter) -> None:
        number = f"\n字号：{result.number}" if result.number else ""
        text = f"已生成{result.label}{number}\n{result.path}"
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        box = QMessageBox(QMessageBox.Icon.Information, "文书已生成", text, parent=self)
        open_button = box.addButton("打开", QMessageBox.ButtonRole.AcceptRole)
        print_button = box.addButton("打印", QMessageBox.ButtonRole.ActionRole)
        folder_button = box.addButton("打开文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is open_button:
            open_document(self, result.path)
        elif clicked is print_button:
            print_file(self, result.path)
        elif clicked is folder_button:
            open_document(self, result.path.parent)
