"""任务清单 (issue 11): tasks proposed from text pasted from the real 云阳 and 巫山 plans (tests/data/plans)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.domain.plan_tasks import TaskProposal, parse_deadline, period_dues, propose_tasks

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


def _lines(name: str, first: int, last: int) -> str:
    return "\n".join((PLANS / name).read_text(encoding="utf-8").splitlines()[first - 1 : last])


def test_task_list_pasted_from_yunyang_plan_gets_its_tasks_units_and_paths() -> None:
    proposals = propose_tasks((PLANS / "yunyang_2021_task_list.txt").read_text(encoding="utf-8"), 2021)
    assert proposals.unread == []  # the notice before the table's header row is no task, nor an unread line

    def by_start(prefix: str) -> TaskProposal:
        return next(t for t in proposals.tasks if t.content.startswith(prefix))

    plan = by_start("公开云阳县国民经济和社会发")
    assert plan.unit == "县发展改革委"
    assert plan.publish_path == "政府网站>政府信息公开>法定主动公开内容>规划信息>国民经济和社会发展规划"
    land = by_start("公开云阳县法定国土空间规划")
    assert land.unit == "县规划自然资源局"
    subsidy = by_start("公开纳入“一卡通”管理的惠")
    assert subsidy.unit == "县财政局"
    assert subsidy.publish_path == "政府网站>政府信息公开目录>惠民惠农资金"
    report = by_start("将贯彻落实2021年政务公开工作要点任务分工完成情况")
    assert report.unit == "县政府办公室"
    assert report.deadline.due == date(2022, 1, 20)  # “于2022年1月中旬报市政府办公厅”
    training = by_start("加强队伍建设，每年至少开展")
    assert training.unit == "县政府办公室、县委组织部"
    assert training.deadline.recurrence == "每年"
    assert len(proposals.tasks) == 93


def test_task_list_pasted_from_wushan_plan_gets_its_twelve_tasks_and_the_monthly_check() -> None:
    proposals = propose_tasks(_lines("wushan_2022_plan.txt", 24, 50), 2022)
    assert len(proposals.tasks) == 12
    assert proposals.tasks[0].content.startswith("准确认定公开属性。")
    check = proposals.tasks[-1]
    assert check.content.startswith("严格考核制度。")
    assert check.deadline.recurrence == "每月"  # “每月开展全县政务公开检查”
    assert proposals.unread == []


def test_unit_and_deadline_lines_give_the_unit_and_the_last_day_of_the_month() -> None:
    text = "1. 公开惠民惠农资金发放信息（公开路径：政府网站＞政务公开＞政府信息公开目录＞惠民惠农资金）\n"
    text += "责任单位：县发展改革委 完成时限：2022年6月底前\n"
    text += "2. 更新政务公开专区资料\n责任单位：县政府办公室 完成时限：年底前\n"
    text += "3. 发布政策解读\n责任单位：县司法局 完成时限：长期坚持\n"
    first, second, third = propose_tasks(text, 2022).tasks
    assert (first.unit, first.deadline.due) == ("县发展改革委", date(2022, 6, 30))
    assert first.publish_path == "政府网站>政务公开>政府信息公开目录>惠民惠农资金"
    assert (second.unit, second.deadline.due) == ("县政府办公室", date(2022, 12, 31))
    assert (third.deadline.due, third.deadline.recurrence) == (None, "长期")


def test_deadline_forms_day_and_quarter() -> None:
    assert parse_deadline("2022年3月15日前", 2022).due == date(2022, 3, 15)
    assert parse_deadline("2024年2月底前", 2024).due == date(2024, 2, 29)
    assert parse_deadline("按季度", 2022).recurrence == "每季度"


def test_quarterly_recurrence_gives_the_four_quarter_ends_of_the_plan_year() -> None:
    assert period_dues("每季度", 2022) == [date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30), date(2022, 12, 31)]
    assert period_dues("每月", 2022)[1] == date(2022, 2, 28)
    assert period_dues("长期", 2022) == []
