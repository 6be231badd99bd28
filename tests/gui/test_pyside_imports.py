"""PySide6's import hook asks of every newly imported module whether its source mentions "PySide6"
(gui/pyside_imports.py): the cheap check gives PySide's own answer (the source searched through inspect)."""

from __future__ import annotations

import inspect
import sys

import gui.app  # installs the check
import models.entities
import models.services.applications


def test_the_check_installed_for_the_app_answers_as_pysides_own_reading_of_the_source() -> None:
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "reads_bytes", False)  # gui/app.py installed it
    for module in (gui.app, models.entities, models.services.applications, inspect):
        assert check(module) == ("PySide6" in inspect.getsource(module)), module.__name__
    assert check(gui.app) is True and check(models.entities) is False
    assert check(sys) is False  # a built-in module: PySide's own check answers (no source)

