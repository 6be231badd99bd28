"""帮助: the 本页说明 side panel (F1) showing the current page's rules from resources/help/<page title>.md, and the
使用说明 action opening the manual PDF (the bundled one, else rendered once into the data folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QStackedWidget, QTextBrowser, QWidget

from resources import resource_path

HELP_FOLDER = "help"
MANUAL_NAME = "使用说明.pdf"


def help_file(title: str) -> Path | None:
    """The help text of the page titled `title` (Markdown, or HTML), or None when there is none."""
    for suffix in (".md", ".html"):
        path = resource_path(HELP_FOLDER, title + suffix)
        if path.is_file():
            return path
    return None


class HelpPanel(QDockWidget):
    """A dock on the right with a read-only browser; `show_page(title)` loads that page's help."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("本页说明", parent)
        self.setObjectName("help_panel")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.setWidget(self.browser)
        self.title = ""
        self._placed = False

    def place_beside(self, window: QWidget) -> None:
        """The first time it is shown: floating over the right edge of `window`. Docked, it would widen the main
        window past a 1366-pixel screen (the pages already need most of its width); the clerk may still dock it."""
        if self._placed or not self.isFloating():
            return
        self._placed = True
        frame = window.geometry()
        height = max(300, min(600, frame.height() - 80))
        self.setGeometry(frame.right() - 340, frame.top() + 60, 320, height)

    def show_page(self, title: str) -> None:
        self.title = title
        path = help_file(title)
        if path is None:
            self.browser.setPlainText(f"“{title}”页暂无说明。完整的说明见“帮助 → 使用说明”。")
        elif path.suffix == ".md":
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setHtml(path.read_text(encoding="utf-8"))

    def text(self) -> str:
        return self.browser.toPlainText()


def install_help(window: QMainWindow, stack: QStackedWidget, menu: QMenu, *, data_folder: Path) -> HelpPanel:
    """Add the hidden help dock, its toggle 本页说明 (F1) and 使用说明 to `menu`; the dock follows `stack`'s page."""
    panel = HelpPanel(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    panel.setFloating(True)
    panel.hide()
    panel.visibilityChanged.connect(lambda visible: panel.place_beside(window) if visible else None)

    def follow(index: int) -> None:
        page = stack.widget(index)
        if page is not None:
            panel.show_page(str(getattr(page, "title", "")))

    stack.currentChanged.connect(follow)
    follow(stack.currentIndex())
    toggle = panel.toggleViewAction()
    toggle.setText("本页说明(&P)")
    toggle.setShortcut(QKeySequence(Qt.Key.Key_F1))
    toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    toggle.setObjectName("help_toggle")
    menu.addAction(toggle)
    manual = menu.addAction("使用说明(&M)")
    manual.setObjectName("help_manual")
    manual.triggered.connect(lambda: open_manual(window, data_folder))
    return panel


def manual_path(data_folder: Path) -> Path:
    """The bundled manual (build.spec puts it in resources/), else a copy rendered into `data_folder`."""
    bundled = resource_path(MANUAL_NAME)
    if bundled.is_file():
        return bundled
    return data_folder / MANUAL_NAME


def open_manual(parent: QWidget, data_folder: Path, *, synchronous: bool = False) -> Path | None:
    """Open the manual PDF with the PC's PDF reader, rendering it first when it is not there yet."""
    from exporters.manual_pdf import MANUAL_SOURCE
    from gui.workers import run_in_background

    path = manual_path(data_folder)

    def show(target: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.information(parent, "使用说明", f"使用说明已保存在：\n{target}\n请用PDF阅读器打开。")

    rendered_here = path == data_folder / MANUAL_NAME  # not the bundled one: rendered again when the text is newer
    stale = rendered_here and path.is_file() and MANUAL_SOURCE.is_file()
    stale = stale and path.stat().st_mtime < MANUAL_SOURCE.stat().st_mtime
    if path.is_file() and not stale:
        show(path)
        return path

    def render(_progress: object) -> Path:
        from exporters.manual_pdf import render_manual

        return render_manual(path)

    run_in_background(
        parent, "正在生成使用说明…", render, show, synchronous=synchronous or getattr(parent, "synchronous_jobs", False)
    )
    return path
