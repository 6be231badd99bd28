"""The month and week grids of the 期限日历: a table model of day cells (7 columns), a delegate that paints each cell
(day number, 休/班 mark, ? for a year without holiday data, the items coloured AND tagged by state, 另N项), and a
view that tells which item a point hits, moves the selected day by keyboard and opens an item.

One model and one painted cell per day, never a widget per item: 10,000 items in a month redraw in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from models.domain.deadline_calendar import STATE_COLOUR, STATE_TAG, UNCERTAIN_TIP, WEEKDAY_NAMES, DeadlineItem

CELL_ROLE = Qt.ItemDataRole.UserRole + 1
TOOLTIP_ITEMS = 15
HEAD_HEIGHT = 20  # the line of the day number and its marks
PAD = 3
MARK_COLOUR = {"休": QColor("#2E7D32"), "班": QColor("#C62828")}
_STATE_PEN = {state: QColor(colour) for state, colour in STATE_COLOUR.items()}
_MORE_PEN = QColor("#1565C0")


@dataclass(frozen=True)
class Cell:
    day: date
    mark: str  # 休 | 班 | ""
    uncertain: bool
    in_month: bool  # False: a day of the previous or next month (greyed)
    items: list[DeadlineItem]


def item_text(item: DeadlineItem) -> str:
    """One line of a cell: the state tag (text, not colour alone), the record's key and what falls due."""
    return f"{STATE_TAG[item.state]}{item.key} {item.what}"


def day_label(cell: Cell) -> str:
    mark = {"休": "（休：法定节假日放假）", "班": "（班：调休上班）"}.get(cell.mark, "")
    return f"{cell.day.month}月{cell.day.day}日 星期{WEEKDAY_NAMES[cell.day.weekday()]}{mark}"


class CalendarGridModel(QAbstractTableModel):
    """Rows of 7 day cells (Monday first): six weeks for a month, one for a week."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cells: list[Cell] = []

    def set_cells(self, cells: list[Cell]) -> None:
        self.beginResetModel()
        self._cells = cells
        self.endResetModel()

    def cells(self) -> list[Cell]:
        return self._cells

    def index_of(self, day: date) -> QModelIndex:
        for position, cell in enumerate(self._cells):
            if cell.day == day:
                return self.index(position // 7, position % 7)
        return QModelIndex()

    def cell_at(self, index: QModelIndex | QPersistentModelIndex) -> Cell | None:
        position = index.row() * 7 + index.column()
        return self._cells[position] if index.isValid() and position < len(self._cells) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._cells) // 7

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return WEEKDAY_NAMES[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell_at(index)
        if cell is None:
            return None
        if role == CELL_ROLE:
            return cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            head = f"{cell.day.day}{cell.mark}{'?' if cell.uncertain else ''}"
            return "\n".join([head, *(item_text(i) for i in cell.items)])
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [day_label(cell)]
            if cell.uncertain:
                lines.append(f"？{UNCERTAIN_TIP}，休/班标记和期限可能不准确")
            lines += [f"[{i.state}] {i.register} {i.key} {i.what}" for i in cell.items[:TOOLTIP_ITEMS]]
            if len(cell.items) > TOOLTIP_ITEMS:
                lines.append(f"另{len(cell.items) - TOOLTIP_ITEMS}项（切换到“日程”查看全部）")
            return "\n".join(lines)
        return None


def line_slots(rect: QRect, count: int, line_height: int) -> tuple[int, bool]:
    """How many item lines a cell of `rect` shows for `count` items, and whether a 另N项 line follows them."""
    room = max(0, (rect.height() - HEAD_HEIGHT - PAD) // line_height)
    if count <= room:
        return count, False
    return max(0, room - 1), True


class CalendarDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today: date | None = None
        self._fonts: dict[str, tuple[QFont, QFont, QFontMetrics]] = {}

    def fonts(self, font: QFont) -> tuple[QFont, QFont, QFontMetrics]:
        """(plain, bold, metrics) for the view's font, made once (a month view paints 42 cells)."""
        key = font.key()
        if key not in self._fonts:
            bold = QFont(font)
            bold.setBold(True)
            self._fonts[key] = (QFont(font), bold, QFontMetrics(font))
        return self._fonts[key]

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        cell = index.data(CELL_ROLE)
        if cell is None:
            return
        rect = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, QColor("#DCEBFB") if selected else QColor("#FFFFFF" if cell.in_month else "#F3F3F3"))
        if cell.day == self.today:
            painter.setPen(QPen(QColor("#1565C0"), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        font, bold, metrics = self.fonts(option.font)
        head = QRect(rect.left() + PAD, rect.top() + 1, rect.width() - 2 * PAD, HEAD_HEIGHT)
        painter.setFont(bold)
        painter.setPen(QColor("#212121" if cell.in_month else "#9E9E9E"))
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(cell.day.day))
        marks = cell.mark + ("?" if cell.uncertain else "")
        if marks:
            painter.setPen(MARK_COLOUR.get(cell.mark, QColor("#6D4C41")))
            painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, marks)
        painter.setFont(font)
        line_height = metrics.height() + 1
        shown, more = line_slots(rect, len(cell.items), line_height)
        width = rect.width() - 2 * PAD
        top = rect.top() + HEAD_HEIGHT
        for item in cell.items[:shown]:
            painter.setPen(_STATE_PEN[item.state])
            text = metrics.elidedText(item_text(item), Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(rect.left() + PAD, top, width, line_height), Qt.AlignmentFlag.AlignLeft, text)
            top += line_height
        if more:
            painter.setPen(_MORE_PEN)
            text = f"另{len(cell.items) - shown}项"
            painter.drawText(QRect(rect.left() + PAD, top, width, line_height), Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()


class CalendarGridView(QTableView):
    """Double-click (or Enter) on an item opens it; 另N项 lists the day; arrows move the day, PageUp/PageDown the
    month."""

    item_activated = Signal(object)  # a DeadlineItem
    more_requested = Signal(object)  # a date: show all the day's items
    day_step = Signal(int)  # ±1 (left/right), ±7 (up/down)
    month_step = Signal(int)  # ±1 (PageUp/PageDown)
    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = CalendarGridModel(self)
        self.setModel(self.grid_model)
        self.delegate = CalendarDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(HEAD_HEIGHT + 4)
        self.setMouseTracking(False)

    def line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 1

    def item_rect(self, day: date, position: int) -> QRect:
        """Where the `position`-th item line of `day` is painted (viewport coordinates); position -1 is 另N项."""
        index = self.grid_model.index_of(day)
        cell = self.grid_model.cell_at(index)
        rect = self.visualRect(index)
        if cell is None:
            return QRect()
        shown, more = line_slots(rect, len(cell.items), self.line_height())
        if position < 0:
            position = shown if more else -1
        elif position >= shown:
            return QRect()
        if position < 0:
            return QRect()
        top = rect.top() + HEAD_HEIGHT + position * self.line_height()
        return QRect(rect.left() + PAD, top, rect.width() - 2 * PAD, self.line_height())

    def hit(self, point: QPoint) -> tuple[Cell | None, DeadlineItem | None, bool]:
        """(the cell, the item line under `point` or None, whether it is the 另N项 line)."""
        index = self.indexAt(point)
        cell = self.grid_model.cell_at(index)
        if cell is None:
            return None, None, False
        rect = self.visualRect(index)
        line = (point.y() - rect.top() - HEAD_HEIGHT) // self.line_height()
        shown, more = line_slots(rect, len(cell.items), self.line_height())
        if point.y() < rect.top() + HEAD_HEIGHT or line < 0:
            return cell, None, False
        if line < shown:
            return cell, cell.items[line], False
        return cell, None, more and line == shown

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        cell, _item, more = self.hit(event.position().toPoint())
        if cell is not None and more and event.button() == Qt.MouseButton.LeftButton:
            self.more_requested.emit(cell.day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell, item, _more = self.hit(event.position().toPoint())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.item_activated.emit(item)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps:
            self.day_step.emit(steps[key])
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.month_step.emit(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)
