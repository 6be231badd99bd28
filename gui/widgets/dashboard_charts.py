"""The 工作台 charts (Qt Charts, the Qt-native chart library): applications per month over the last 12 months, the
year's results by 办理结果 (table 三 of the 2021 format), and the on-time rate. Imported only when the dashboard
builds its charts, after the first paint (PySide6.QtCharts costs start-up time)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QTabWidget, QWidget

from models.services.dashboard_stats import OnTime

ON_TIME_COLOUR, LATE_COLOUR = QColor("#2e7d32"), QColor("#b00020")


def _view(parent: QWidget) -> QChartView:
    # the view makes and owns its chart: a QChart() passed in from Python stays owned by its Python wrapper, which
    # the garbage collector may delete while the view still draws it (seen: heap corruption in the GUI tests)
    view = QChartView(parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(180)
    view.chart().legend().setVisible(False)
    return view


def _bars(chart: QChart, title: str, name: str, rows: list[tuple[str, int]]) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)  # the chart gives the axis back: deleted by Qt, not by a Python wrapper
        axis.deleteLater()
    chart.setTitle(title)
    bars = QBarSet(name)
    bars.append([float(count) for _label, count in rows])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)  # readable above a short bar
    bars.setLabelColor(QColor("#222222"))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _count in rows])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    values = QValueAxis()
    values.setLabelFormat("%d")
    top = max(count for _label, count in rows) + 1
    values.setRange(0, top)
    if top <= 10:
        values.setTickCount(top + 1)  # one line per whole number: counts, never 2.5
    else:
        values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)


class DashboardCharts(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.per_month = _view(self)
        self.results = _view(self)
        self.on_time = _view(self)
        self.addTab(self.per_month, "近12个月申请量")
        self.addTab(self.results, "本年办理结果")
        self.addTab(self.on_time, "按时答复率")

    def show_data(
        self, per_month: list[tuple[str, int]], year: int, results: list[tuple[str, int]], on_time: OnTime
    ) -> None:
        months = [(f"{int(label[5:])}月", count) for label, count in per_month]  # 2026-11 → 11月
        _bars(self.per_month.chart(), "近12个月收到的申请（件）", "申请", months)
        _bars(self.results.chart(), f"{year}年办理结果（件，按答复日期）", "办理结果", results)
        chart = self.on_time.chart()
        chart.removeAllSeries()
        chart.setTitle(f"{year}年{on_time.text}")
        pie = QPieSeries()
        if on_time.answered:
            late = on_time.answered - on_time.on_time
            for label, count, colour in (("按时", on_time.on_time, ON_TIME_COLOUR), ("逾期", late, LATE_COLOUR)):
                if count:
                    part = pie.append(f"{label} {count}件", count)
                    part.setColor(colour)  # the legend names each part: not colour alone
        chart.addSeries(pie)
        chart.legend().setVisible(bool(on_time.answered))
