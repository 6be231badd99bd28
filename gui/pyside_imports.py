"""PySide6's import hook, made cheap.

Since PySide6 6.4 every module imported after PySide6 is checked for whether its source mentions "PySide6"
(shibokensupport/feature.py, `_mod_uses_pyside`, PYSIDE-2029: only such modules may switch on PySide's
`snake_case`/`true_property` features). It reads the source through `inspect.getsource`: linecache, an encoding
scan, the whole file split into lines and joined again, kept in memory afterwards. At our start-up that is some
325 modules (SQLAlchemy, our tables and services, the pages) and ≈70 ms of the time until the 工作台's counts show.

`install()` answers the same question from the file's bytes (a tenth of the time); a module without a source file
(the frozen bundle, a C extension) still goes to PySide's own check. The app never uses `__feature__`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any


def install() -> bool:
    """Replace PySide's check with the byte search; False when this PySide has no such check (left as it is)."""
    feature: Any = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return original is not None

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                return b"PySide6" in Path(path).read_bytes()
            except OSError:
                pass
        return bool(original(module))

    mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside
    return True
