"""Issue 12 (help): 帮助 → 本页说明 (F1) shows the current page's rules beside it, following the page; every page
title has its help text; 帮助 → 使用说明 opens the manual PDF (rendered into the data folder when not bundled)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDesktopServices

from resources import resource_path

PAGE_TITLES = (
    "工作台",
    "期限日历",
    "依申请公开",
    "公文",
    "征求意见",
    "政策解读",
    "任务清单",
    "节假日",
    "报表",
    "文书登记",
    "设置",
)


def _action(window, name: str) -> QAction:  # noqa: ANN001
    action = window.findChild(QAction, name)
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)"]
    assert action is not None and action in help_menu.actions()
    return action


def test_help_f1_shows_the_application_rules_and_follows_the_page(qtbot, window) -> None:  # noqa: ANN001
    window.show_page([p.title for p in window.pages].index("依申请公开"))
    assert not window.help_panel.isVisible()
    width = window.frameGeometry().width()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help_panel.isVisible()
    assert window.frameGeometry().width() == width  # beside the page, never widening the window past the screen
    text = window.help_panel.text()
    assert "不能当场答复的，应当自收到申请之日起二十个工作日内予以答复（条例第33条）。" in text
    assert "自收到申请之日起7个工作日内一次性告知补正事项和合理的补正期限" in text
    window.show_page([p.title for p in window.pages].index("公文"))
    assert "主动公开：自该政府信息形成或者变更之日起20个工作日内及时公开（条例第26条）。" in window.help_panel.text()
    _action(window, "help_toggle").trigger()  # the menu item 帮助 → 本页说明 closes it again
    assert not window.help_panel.isVisible()
    _action(window, "help_toggle").trigger()
    assert window.help_panel.isVisible() and "条例第26条" in window.help_panel.text()


def test_help_every_page_title_has_a_help_file(window) -> None:  # noqa: ANN001
    titles = set(PAGE_TITLES) | {p.title for p in window.pages}
    for title in titles:
        path = resource_path("help", f"{title}.md")
        assert path.is_file(), title
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# {title}\n") and "## 适用的规则" in text, title


def test_help_panel_text_is_the_page_own_rule(qtbot, window) -> None:  # noqa: ANN001
    _action(window, "help_toggle").trigger()
    window.show_page([p.title for p in window.pages].index("报表"))
    assert "每年1月31日前报送并向社会公布上一年度的报告（条例第49条" in window.help_panel.text()
    window.show_page([p.title for p in window.pages].index("征求意见"))
    assert "一般不少于30日（自然日）" in window.help_panel.text()


def test_help_manual_action_renders_and_opens_the_pdf(window, db, monkeypatch) -> None:  # noqa: ANN001
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.synchronous_jobs = True
    _action(window, "help_manual").trigger()
    expected = Path(db.path).parent / "使用说明.pdf"
    assert opened == [str(expected)]
    assert expected.read_bytes().startswith(b"%PDF")


def test_help_manual_is_rendered_again_when_the_text_is_newer(window, db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import os
    import subprocess

    from exporters import manual_pdf

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.synchronous_jobs = True
    _action(window, "help_manual").trigger()
    pdf = Path(db.path).parent / "使用说明.pdf"
    source = tmp_path / "使用说明.md"
    source.write_text("# 政务公开工作台使用说明\n\n## 十三、新增的一章\n\n正文。\n", encoding="utf-8")
    os.utime(pdf, (pdf.stat().st_mtime - 60, pdf.stat().st_mtime - 60))
    monkeypatch.setattr(manual_pdf, "MANUAL_SOURCE", source)
    _action(window, "help_manual").trigger()
    assert opened == [str(pdf), str(pdf)]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "十三、新增的一章" in text
