"""Units in the window (issue 13): the 当前单位 choice in the status bar on a database with several units (a clerk of
a unit: fixed; the county role: 全部单位（只读）and 只读 in the title), each unit's 单位信息 on the 设置 page."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.app import make_application
from gui.main_window import MainWindow
from models.db import Database
from models.services import applications, profile, units, users
from models.services.settings import set_setting
from tests.gui.conftest import TODAY
from tests.gui.navigation import open_page

PASSWORD = "county-2026!"


def _register(db: Database, name: str) -> None:
    data = applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同")
    applications.register(db, data, today=TODAY)


@pytest.fixture
def two_units(db: Database) -> Database:
    """白鹤镇 (the database's own unit, 本单位) with 周国庆's application; 石桥镇 with 李晓梅's."""
    profile.save_profile(db, {"单位名称": "白鹤镇人民政府", "地址": "白鹤镇政府街18号"})
    _register(db, "周国庆")
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    units.use_unit(db, "石桥镇")
    profile.save_profile(db, {"单位名称": "青山县石桥镇人民政府", "地址": "石桥镇正街2号"})
    _register(db, "李晓梅")
    units.use_unit(db, "本单位")
    set_setting(db, "operator", "李晓梅")
    return db


def _window(qtbot, db: Database) -> MainWindow:  # noqa: ANN001
    make_application()
    win = MainWindow(db, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    return win


def _applicants(window: MainWindow) -> list[str]:
    page = open_page(window, "依申请公开")
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = next(i for i, h in enumerate(headers) if "申请人" in str(h))
    return sorted(str(model.data(model.index(r, column))) for r in range(model.rowCount()))


def test_units_choosing_another_unit_in_the_status_bar_shows_its_records_and_profile(qtbot, two_units) -> None:  # noqa: ANN001
    window = _window(qtbot, two_units)
    selector = window.unit_selector
    assert selector.isVisible() and selector.combo.isEnabled()
    assert [selector.combo.itemText(i) for i in range(selector.combo.count())] == [
        "白鹤镇人民政府",
        "青山县石桥镇人民政府",
    ]
    assert selector.combo.currentText() == "白鹤镇人民政府" and window.windowTitle().endswith("— 白鹤镇人民政府")
    assert _applicants(window) == ["周国庆"]
    selector.combo.setFocus()
    qtbot.keyClick(selector.combo, Qt.Key.Key_Down)  # the clerk picks 石桥镇
    assert window.windowTitle().endswith("— 青山县石桥镇人民政府")
    assert _applicants(window) == ["李晓梅"]
    settings = open_page(window, "设置")
    assert settings.form.values()["地址"] == "石桥镇正街2号"
    assert settings.profile_group.title() == "单位信息（青山县石桥镇人民政府）"
    assert units.current_unit(two_units).code == "石桥镇"  # kept for the next start, as `units use 石桥镇`


def test_units_a_clerk_bound_to_a_unit_sees_only_their_unit_fixed(qtbot, two_units) -> None:  # noqa: ANN001
    db = two_units
    users.add_user(db, "王管理", "管理员", PASSWORD)
    users.add_user(db, "石桥镇办事员", "录入员", PASSWORD)
    units.set_user_unit(db, "石桥镇办事员", "石桥镇")
    users.set_login_enabled(db, True)
    users.sign_in(db, "石桥镇办事员", PASSWORD)
    window = _window(qtbot, db)
    selector = window.unit_selector
    assert selector.isVisible() and not selector.combo.isEnabled()
    assert selector.combo.currentText() == "青山县石桥镇人民政府"
    assert _applicants(window) == ["李晓梅"]


def test_units_county_role_sees_every_unit_read_only_and_the_title_says_so(qtbot, two_units) -> None:  # noqa: ANN001
    db = two_units
    users.add_user(db, "王管理", "管理员", PASSWORD)
    users.add_user(db, "县政务公开办", "县级", PASSWORD)
    users.set_login_enabled(db, True)
    users.sign_in(db, "县政务公开办", PASSWORD)
    window = _window(qtbot, db)
    selector = window.unit_selector
    assert [selector.combo.itemText(i) for i in range(selector.combo.count())] == ["全部单位（只读）"]
    assert not selector.combo.isEnabled()
    assert "只读" in window.windowTitle()
    assert _applicants(window) == ["周国庆", "李晓梅"]


def test_units_a_database_with_one_unit_shows_no_unit_choice(qtbot, window) -> None:  # noqa: ANN001
    assert not window.unit_selector.isVisible()
    assert "—" in window.windowTitle() and "本单位" not in window.windowTitle()
