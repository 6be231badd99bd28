"""Every window fits the screen it opens on (a township PC is often 1366×768, ~728 px usable).

`install_dialog_fitting(app)` watches every dialog as it is first polished (just before it is shown): a form
taller than the usable screen gets its fields put in a scroll area (the buttons and the error line stay visible
below it) and the dialog is capped at the usable screen. `usable_geometry()` is the one place that reads the
screen; long pages put themselves in a `scroll_area()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: room for the window's title bar and frame, which are outside the widget's geometry
FRAME_HEIGHT = 40
_FITTED = "_fitted_to_screen"


def usable_geometry(widget: QWidget | None = None) -> QRect:
    """The screen area a window may use (without the taskbar)."""
    # not `widget.screen()`: PySide6 6.11 makes the returned QScreen a child of the widget, and when the widget's
    # wrapper is garbage-collected the screen itself is deleted (every later window then crashes)
    screen = None
    if widget is not None:
        screen = QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center()))
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def cap_size(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width × height, or less where the usable screen is smaller."""
    area = usable_geometry(widget)
    widget.resize(min(width, area.width()), min(height, area.height() - FRAME_HEIGHT))


def scroll_area(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def _footer_start(layout: QVBoxLayout, dialog: QDialog) -> int:
    """The index of the first item that stays below the scroll area: the button box, the error line above it
    (the dialog's `error` or `preview` label, or a red label), the stretch between them, and what follows."""
    index = next(
        (i for i in range(layout.count()) if isinstance(layout.itemAt(i).widget(), QDialogButtonBox)),
        layout.count(),
    )
    messages = {id(w) for w in (getattr(dialog, "error", None), getattr(dialog, "preview", None)) if w is not None}

    def stays_visible(item) -> bool:  # noqa: ANN001 - a QLayoutItem
        widget = item.widget()
        if item.spacerItem() is not None:
            return True
        return widget is not None and (
            id(widget) in messages or (isinstance(widget, QLabel) and "b00020" in widget.styleSheet())
        )

    while index > 0 and stays_visible(layout.itemAt(index - 1)):
        index -= 1
    return index


def put_form_in_scroll_area(dialog: QDialog) -> bool:
    """Move the dialog's fields (everything above its buttons and error line) into a scroll area."""
    layout = dialog.layout()
    if not isinstance(layout, QVBoxLayout) or layout.count() < 2:
        return False
    footer = _footer_start(layout, dialog)
    if footer == 0:
        return False
    content = QWidget()
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    items = [layout.takeAt(0) for _ in range(footer)]
    for item in items:
        if item.widget() is not None:
            inner.addWidget(item.widget())
        elif item.layout() is not None:
            child = item.layout()
            child.setParent(None)
            inner.addLayout(child)
        else:
            inner.addItem(item)
    area = scroll_area(content, dialog)
    layout.insertWidget(0, area, 1)
    area.show()  # added while the dialog is being shown: shown now, not on a later event
    return True


def fit_dialog(dialog: QDialog) -> None:
    """Cap a dialog at the usable screen; a form taller than that scrolls (arranged once, when the dialog is
    complete: its button box is in place)."""
    area = usable_geometry(dialog)
    limit = area.height() - FRAME_HEIGHT
    layout = dialog.layout()
    if not dialog.property(_FITTED) and layout is not None and dialog.findChild(QDialogButtonBox) is not None:
        dialog.setProperty(_FITTED, True)
        if layout.totalMinimumSize().height() > limit:
            put_form_in_scroll_area(dialog)
            layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
    dialog.setMaximumSize(area.width(), limit)
    if dialog.height() > limit or dialog.width() > area.width():
        dialog.resize(min(dialog.width(), area.width()), min(dialog.height(), limit))
    frame = dialog.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.top()), area.bottom() - min(frame.height(), area.height()) + 1)
    if (x, y) != (frame.x(), frame.y()):
        dialog.move(x, y)


class _DialogFitter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Polish comes before the layout is activated and the window created for showing: the size set here is
        # the size the dialog opens with.
        if event.type() in (QEvent.Type.Polish, QEvent.Type.Show) and isinstance(watched, QDialog):
            fit_dialog(watched)
        return False


def install_dialog_fitting(app: QApplication) -> None:
    if getattr(app, "_dialog_fitter", None) is None:
        fitter = _DialogFitter(app)
        app.installEventFilter(fitter)
        app._dialog_fitter = fitter  # type: ignore[attr-defined]  # kept alive with the application
