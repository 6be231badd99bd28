"""How the clock of an application reads in the GUI: never a negative number of days."""

from __future__ import annotations

from models.domain import case
from models.domain.workdays import uncertainty_warning
from models.services.applications import days_left_text


def left_cell(days: int) -> str:
    """The list's 剩余工作日 cell: the number, or 逾期N个工作日 once the due date has passed."""
    return days_left_text(days) if days < 0 else str(days)


def describe_clock(state: case.CaseState) -> str:
    """One or two lines about the clock, for the detail page."""
    parts: list[str] = []
    if state.is_open:
        if state.reply_due is not None:
            parts.append(f"答复期限：{state.reply_due.isoformat()}")
        else:
            parts.append("答复期限：自收到补正之日起重新计算")
        if state.working_days_left is not None:
            parts.append(days_left_text(state.working_days_left))
        if state.deadline_state is not None:
            parts.append(state.deadline_state.value)
    else:
        parts.append(f"办结：{state.status.value}")
        if state.result is not None:
            parts.append(f"{state.result.result}" + (f"（{state.result.detail}）" if state.result.detail else ""))
        if state.on_time is False:
            parts.append("逾期（以送达日期为准）")
        elif state.on_time:
            parts.append("按时")
    text = "　".join(parts)
    if state.calendar_uncertain:
        text += f"<br><span style='color:#b00020'>{uncertainty_warning(state.uncertain_years)}</span>"
    return text
