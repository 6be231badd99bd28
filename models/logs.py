"""Logging to a rotating file in the user log folder (and nothing on the console unless asked)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from models.paths import log_dir


def setup_logging(level: int = logging.INFO) -> Path:
    path = log_dir() / "disclosure-desk.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
