"""The import/export mechanism every register shares (models.domain.tabular + models.services.tabular), checked
with a tiny register declared here: a visitor book with a name (personal data), a date, a kind, a yes/no and a note.

Expected texts are written out as the clerk reads them: "第N行 [列名]：说明", the 填写说明 limits (dates from
2000-01-01 to a year after the import, 备注 at most 2000 characters), masked names (张三 → 张*) and phones
(13800138000 → 138****8000).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from models.domain.errors import UserError
from models.domain.identity import mask_name, mask_phone
from models.domain.tabular import BOOL, CHOICE, DATE, Column, Problem, SheetProblems, Table
from models.services import tabular

TODAY = date(2025, 6, 30)

VISITORS = Table(
    sheet="来访登记",
    noun="来访登记簿",
    item="来访",
    command="visitors template",
    intro="来访登记簿填写说明：每行填写一次来访。",
    columns=(
        Column("来访人", "name", required=True, mask=mask_name, help="必填。姓名。", example="张三"),
        Column("来访日期", "day", DATE, required=True, help="必填。", example="2025-03-01"),
        Column("类别", "kind", CHOICE, choices=("咨询", "查阅"), help="咨询或查阅。"),
        Column("已答复", "answered", BOOL, help="是或否。"),
        Column("联系电话", "phone", mask=mask_phone, as_text=True),
        Column("备注", "note"),
    ),
)


def write_sheet(path: Path, rows: Sequence[Mapping[str, Any]], headers: Sequence[str] = VISITORS.headers) -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "来访登记"
    ws.append(list(headers))
    for values in rows:
        ws.append([values.get(h) for h in headers])
    workbook.save(path)
    return path


def import_visitors(path: Path) -> list[dict[str, Any]]:
    """What a register's import does with the shared part: read, parse every row, refuse all or plan all."""

    def plan(values: Mapping[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
        attrs, problems = VISITORS.parse(values, values[tabular.ROW_KEY], today=TODAY)
        return attrs, problems

    return tabular.plan_rows(VISITORS, tabular.read_sheet(VISITORS, path).rows, plan)


def test_a_good_sheet_is_imported_with_dates_yes_no_and_text(tmp_path: Path) -> None:
    path = write_sheet(
        tmp_path / "来访.xlsx",
        [
            {"来访人": "张三", "来访日期": "2025/3/1", "类别": "咨询", "已答复": "是", "联系电话": 13800138000},
            {"来访人": "李四", "来访日期": "2025年3月2日", "已答复": "否", "备注": "  带了材料  "},
        ],
    )

    rows = import_visitors(path)

    assert rows == [
        {"name": "张三", "day": date(2025, 3, 1), "kind": "咨询", "answered": True, "phone": "13800138000", "note": ""},
        {"name": "李四", "day": date(2025, 3, 2), "kind": "", "answered": False, "phone": "", "note": "带了材料"},
    ]


def test_a_bad_sheet_is_refused_listing_every_problem_with_row_and_column(tmp_path: Path) -> None:
    path = write_sheet(
        tmp_path / "来访.xlsx",
        [
            {"来访人": "张三", "来访日期": "2025-02-30", "类别": "投诉"},
            {"来访人": "王五", "来访日期": "2025-03-03"},  # a good row among bad ones: nothing is imported either
            {"来访日期": "1999-12-31", "已答复": "也许", "备注": "长" * 2001},
        ],
    )

    with pytest.raises(SheetProblems) as refused:
        import_visitors(path)

    assert refused.value.message == "来访登记簿中有6处问题，未导入任何来访。请修改后重新导入："
    assert refused.value.details == [
        "第2行 [来访日期]：“2025-02-30”不是存在的日期。",
        "第2行 [类别]：“投诉”无效，应为咨询、查阅之一。",
        "第4行 [来访日期]：日期1999-12-31早于2000年1月1日，请核对（是否把年份写错了？）。",
        "第4行 [已答复]：“也许”无效，应为“是”或“否”。",
        "第4行 [备注]：内容过长（最多2000个字符，实际2001个），请精简后再填写。",
        "第4行 [来访人]：请填写来访人。",
    ]


def test_a_sheet_without_a_required_column_is_refused_naming_the_template_command(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "来访.xlsx", [{"来访人": "张三"}], headers=("来访人", "序号"))

    with pytest.raises(UserError) as refused:
        tabular.read_sheet(VISITORS, path)

    assert refused.value.message == (
        "第1行应为来访登记簿的列名，缺少：来访日期。"
        "可以用“visitors template 文件名.xlsx”生成来访登记簿模板，把数据复制进去再导入。"
    )


def test_unknown_columns_are_reported_as_ignored_and_a_header_twice_is_refused(tmp_path: Path) -> None:
    extra = write_sheet(
        tmp_path / "a.xlsx", [{"来访人": "张三", "来访日期": "2025-03-01"}], ("序号", "来访人", "来访日期")
    )
    twice = write_sheet(tmp_path / "b.xlsx", [], ("来访人", "来访日期", "来访人"))

    sheet = tabular.read_sheet(VISITORS, extra)
    with pytest.raises(UserError) as refused:
        tabular.read_sheet(VISITORS, twice)

    assert sheet.ignored_columns == ["序号"]
    assert [(r["来访人"], r[tabular.ROW_KEY]) for r in sheet.rows] == [("张三", 2)]
    assert refused.value.message == "第1行的列名“来访人”出现了两次，请删除重复的列。"


def test_template_has_a_help_sheet_with_every_column_its_limit_and_example(tmp_path: Path) -> None:
    path = tabular.write_template(VISITORS, tmp_path / "模板.xlsx", title="来访登记簿模板")

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["来访登记", "填写说明"]
    assert [c.value for c in workbook["来访登记"][1]] == ["来访人", "来访日期", "类别", "已答复", "联系电话", "备注"]
    help_rows = {row[0]: row[1:] for row in workbook["填写说明"].iter_rows(min_row=4, values_only=True)}
    assert help_rows["来访日期"][0] == "必填。不早于2000年1月1日，不晚于导入之日一年后。"
    assert help_rows["来访日期"][1].date() == date(2025, 3, 1)
    assert help_rows["备注"][0] == "最多2000个字符。"
    assert help_rows["来访人"] == ("必填。姓名。", "张三")
    assert workbook["填写说明"]["A1"].value == "来访登记簿填写说明：每行填写一次来访。"
    lists = workbook["来访登记"].data_validations.dataValidation
    assert [v.formula1 for v in lists] == ['"咨询,查阅"']
    assert workbook.properties.title == "来访登记簿模板"


def export(tmp_path: Path, rows: Sequence[Mapping[str, Any]], *, full: bool) -> openpyxl.Workbook:
    marked: list[str] = []
    path = tabular.write_export(
        VISITORS,
        tmp_path / ("完整.xlsx" if full else "遮盖.xlsx"),
        rows,
        total=len(rows),
        full=full,
        mark=lambda workbook: marked.append(workbook.sheetnames[-1]),
    )
    assert marked == ["填写说明"]  # the register's marks see the finished workbook, help sheet included
    return openpyxl.load_workbook(path)


def test_export_masks_personal_columns_unless_full(tmp_path: Path) -> None:
    rows = [{"来访人": "张三", "来访日期": date(2025, 3, 1), "联系电话": "13800138000", "已答复": True}]

    masked = export(tmp_path, rows, full=False)["来访登记"]
    full = export(tmp_path, rows, full=True)["来访登记"]

    assert (masked["A2"].value, masked["C2"].value, masked["D2"].value, masked["E2"].value) == (
        "张*",
        None,
        "是",
        "138****8000",
    )
    assert masked["B2"].value.date() == date(2025, 3, 1)
    assert (full["A2"].value, full["E2"].value) == ("张三", "13800138000")


def test_text_that_looks_like_a_formula_stays_text_in_an_export(tmp_path: Path) -> None:
    ws = export(tmp_path, [{"来访人": "机构", "来访日期": date(2025, 3, 1), "备注": "=1+1"}], full=True)["来访登记"]

    assert ws["F2"].value == "=1+1"
    assert ws["F2"].data_type == "s"
