"""Run by test_screen_1366.py in its own process, on an offscreen screen of 1366×728 (a 1366×768 township screen
less its taskbar): opens the main window, every page and every dialog, puts a long message on each dialog's error
line, and prints one JSON line per window with the rectangles that must lie inside the screen."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget, QWizard

TODAY = date(2026, 11, 23)
LONG_ERROR = "收到日期：“2026-02-30”不是有效日期：2026年2月没有30日。" * 3


def global_rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def probe_dialog(name: str, dialog: QDialog, app: QApplication) -> dict:
    dialog.show()
    app.processEvents()
    error = getattr(dialog, "error", None) or getattr(dialog, "preview", None)
    if isinstance(error, QLabel):
        error.setText(LONG_ERROR)
        app.processEvents()
    box = dialog.findChild(QDialogButtonBox)
    buttons = [b for b in box.buttons() if b.isVisible()] if box is not None else []
    if isinstance(dialog, QWizard):  # its buttons are its own, not in a QDialogButtonBox
        own = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton)
        buttons = [b for w in (*own, QWizard.WizardButton.CancelButton) if (b := dialog.button(w)).isVisible()]
    frame = dialog.frameGeometry()
    out = {
        "name": name,
        "dialog": [frame.x(), frame.y(), frame.width(), frame.height()],
        "buttons": [global_rect(b) for b in buttons],
        "error": global_rect(error) if isinstance(error, QLabel) and error.isVisible() else None,
    }
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return out


def main(folder: str) -> int:
    from gui.app import make_application
    from gui.dialogs.application_form import ApplicationFormDialog
    from gui.dialogs.event_dialog import ACTION_LABELS, EventDialog
    from gui.dialogs.first_run_wizard import UNIT, FirstRunWizard
    from gui.dialogs.letter_dialog import LetterDialog
    from gui.dialogs.operator_dialog import OperatorDialog
    from gui.dialogs.sync_dialog import SyncDialog
    from gui.dialogs.task_paste import TaskPasteDialog
    from gui.dialogs.task_progress import TaskProgressDialog
    from gui.dialogs.today_todo import TodayTodoDialog
    from gui.main_window import MainWindow
    from models.migrate import open_database
    from models.services import applications as service
    from models.services import demo_letters, plan_tasks
    from models.services.settings import set_setting

    app = make_application()
    db = open_database(Path(folder) / "probe.db")
    set_setting(db, "operator", "李晓梅")
    samples = demo_letters.samples(db, today=TODAY)
    for received in (date(2026, 10, 9), date(2026, 10, 26)):  # overdue and due soon on TODAY: the longest cells
        form = service.ApplicationInput(received=received, applicant_name="欧阳明远", content="申请公开道路工程合同")
        service.register(db, form, today=TODAY)
    window = MainWindow(db, today=TODAY)
    window.show()
    app.processEvents()
    rows = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        app.processEvents()
        frame = window.frameGeometry()
        rows.append({"name": f"主窗口/{page.title}", "dialog": [frame.x(), frame.y(), frame.width(), frame.height()]})
    applications = window.page("依申请公开")
    window.show_page(window.pages.index(window.page("依申请公开")))
    app.processEvents()
    view = applications.view
    header = view.horizontalHeader()
    columns = {}
    for title in ("答复期限", "剩余工作日", "期限状态"):
        col = [h for _k, h in applications.model.COLUMNS].index(title)
        columns[title] = [header.sectionViewportPosition(col), header.sectionSize(col), view.viewport().width()]
    rows.append({"name": "申请列表", "columns": columns, "scroll": view.horizontalScrollBar().value()})

    number = samples[0].number
    unit_page = FirstRunWizard(db, window)
    unit_page.setStartId(UNIT)  # the tallest page
    long_task = plan_tasks.TaskInput(
        "公开纳入“一卡通”管理的惠民惠农财政补贴政策和补贴发放相关信息" * 3, "县财政局", "年底前"
    )
    task = plan_tasks.add(db, long_task, 2026, today=TODAY)
    dialogs: list[tuple[str, QDialog]] = [
        ("登记申请", ApplicationFormDialog(db, window, today=TODAY)),
        ("修改登记信息", ApplicationFormDialog(db, window, today=TODAY, number=number)),
        ("首次使用", FirstRunWizard(db, window)),
        ("首次使用/单位信息", unit_page),
        ("填写经办人", OperatorDialog(db, window)),
        ("今日待办", TodayTodoDialog(db, window, today=TODAY)),
        ("粘贴计划文本", TaskPasteDialog(db, window, today=TODAY)),
        ("登记进展", TaskProgressDialog(db, task.id, window, today=TODAY)),
        ("导出同步包", SyncDialog(db, "export", window)),
        ("导入同步包", SyncDialog(db, "import", window)),
    ]
    for kind, label in ACTION_LABELS.items():
        try:
            dialogs.append((f"事件/{label}", EventDialog(db, number, kind, window, today=TODAY)))
        except Exception as error:  # noqa: BLE001 - a kind that needs other facts first: not offered for this case
            print(f"# skipped {label}: {error}", file=sys.stderr)
    seen = set()
    for sample in samples:
        if sample.kind in seen:
            continue
        seen.add(sample.kind)
        try:
            dialogs.append(
                (f"文书/{sample.kind.value}", LetterDialog(db, sample.number, sample.kind, window, today=TODAY))
            )
        except Exception as error:  # noqa: BLE001
            print(f"# skipped letter {sample.kind}: {error}", file=sys.stderr)
    for name, dialog in dialogs:
        rows.append(probe_dialog(name, dialog, app))
    frame = window.frameGeometry()
    rows.append({"name": "主窗口/最后", "dialog": [frame.x(), frame.y(), frame.width(), frame.height()]})
    screen = app.primaryScreen().availableGeometry()
    print(
        json.dumps(
            {"screen": [screen.x(), screen.y(), screen.width(), screen.height()], "rows": rows}, ensure_ascii=False
        )
    )
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
