"""Optimistic concurrency in the other registers' forms (issue 13): two clerks have the same 公文 / 征求意见 /
政策解读 / 任务进展 open; the first saves; the second's 保存 shows the conflict with both versions, field by field,
keeps the form open, and the first clerk's values stay in the database."""

from __future__ import annotations

from datetime import date

from gui.dialogs.document_form import DocumentFormDialog
from gui.dialogs.interpretation_form import InterpretationFormDialog
from gui.dialogs.solicitation_form import SolicitationFormDialog
from gui.dialogs.task_progress import TaskProgressDialog
from models.services import documents, interpretations, plan_tasks, solicitations
from tests.gui.test_conflict_form import open_twice, save_first_then_second
from tests.register_documents import add_document

TODAY = date(2026, 11, 23)
NUMBER = "白鹤府发〔2026〕3号"


def test_conflict_second_document_form_shows_both_versions_and_keeps_the_first_save(qtbot, db) -> None:  # noqa: ANN001
    document_id = add_document(db, NUMBER, "白鹤镇农村人居环境整治实施方案")
    first, second = open_twice(qtbot, lambda: DocumentFormDialog(db, today=TODAY, document_id=document_id))
    first.issuer.setText("白鹤镇人民政府")
    second.issuer.setText("白鹤镇党政办")
    second.note.setText("第二位办理人的备注")
    shown = save_first_then_second(qtbot, first, second)
    assert f"公文{NUMBER}在您打开后已被他人修改并保存" in shown and "您的修改没有保存" in shown
    assert "发文机关：已保存的是“白鹤镇人民政府”，您要保存的是“白鹤镇党政办”" in shown
    assert "备注：已保存的是“（空）”，您要保存的是“第二位办理人的备注”" in shown
    stored = documents.get_detail(db, document_id, today=TODAY).fields
    assert (stored.issuer, stored.note) == ("白鹤镇人民政府", "")


def test_conflict_second_solicitation_form_shows_both_versions_and_keeps_the_first_save(qtbot, db) -> None:  # noqa: ANN001
    row = solicitations.add(
        db,
        solicitations.SolicitationInput(
            title="白鹤镇集镇总体规划（2026—2035年）", start=date(2026, 10, 1), end=date(2026, 10, 31)
        ),
        today=TODAY,
    )
    first, second = open_twice(qtbot, lambda: SolicitationFormDialog(db, today=TODAY, solicitation_id=row.id))
    first.channel.setText("镇政府网站")
    second.channel.setText("村务公开栏")
    shown = save_first_then_second(qtbot, first, second)
    assert "征求意见“白鹤镇集镇总体规划（2026—2035年）”在您打开后已被他人修改并保存" in shown
    assert "渠道：已保存的是“镇政府网站”，您要保存的是“村务公开栏”" in shown
    assert solicitations.get(db, row.id).channel == "镇政府网站"


def test_conflict_second_interpretation_form_shows_both_versions_and_keeps_the_first_save(qtbot, db) -> None:  # noqa: ANN001
    add_document(db, NUMBER, "白鹤镇农村人居环境整治实施方案", needs_interpretation=True)
    row = interpretations.add(
        db,
        interpretations.InterpretationInput(document=NUMBER, title="一图读懂人居环境整治", forms=("图表图解",)),
        today=TODAY,
    )
    first, second = open_twice(qtbot, lambda: InterpretationFormDialog(db, today=TODAY, interpretation_id=row.id))
    first.interpreter.setText("白鹤镇党政办")
    second.interpreter.setText("白鹤镇农业服务中心")
    shown = save_first_then_second(qtbot, first, second)
    assert "政策解读“一图读懂人居环境整治”在您打开后已被他人修改并保存" in shown
    assert "解读主体：已保存的是“白鹤镇党政办”，您要保存的是“白鹤镇农业服务中心”" in shown
    assert interpretations.get(db, row.id).interpreter == "白鹤镇党政办"


def test_conflict_second_task_progress_dialog_shows_both_versions_and_keeps_the_first_save(qtbot, db) -> None:  # noqa: ANN001
    task = plan_tasks.add(db, plan_tasks.TaskInput(content="公开2026年惠民惠农财政补贴资金发放情况"), 2026, today=TODAY)
    first, second = open_twice(qtbot, lambda: TaskProgressDialog(db, task.id, today=TODAY))
    first.status.setCurrentText("进行中")
    first.note.setText("已收集各村名单")
    second.note.setText("尚未开始")
    shown = save_first_then_second(qtbot, first, second)
    assert "任务“公开2026年惠民惠农财政补贴资金发放情况”在您打开后已被他人修改并保存" in shown
    assert "备注：已保存的是“已收集各村名单”，您要保存的是“尚未开始”" in shown
    assert "状态：已保存的是“进行中”，您要保存的是“未开始”" in shown
    stored = plan_tasks.get(db, task.id)
    assert (stored.status, stored.note) == ("进行中", "已收集各村名单")
