"""Bundled resources (templates, fonts, icons). `resource_path()` works from source and when frozen:
build.spec copies this folder as data to the same relative place."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
