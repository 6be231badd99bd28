"""Reading text files typed on a Chinese PC: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

from pathlib import Path

from models.domain.errors import UserError


def read_text_file(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"无法识别文件编码：{path}（请另存为UTF-8文本）")
