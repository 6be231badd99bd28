"""Draw the program icon once: resources/icon.png (256 px) and resources/icon.ico (16–256 px, for the Windows
executables through build.spec). The generated files are committed; run again only to change the design:

    .venv/bin/python scripts/make_icon.py

A red rounded square (the colour of a government seal) with the character 公 in white, drawn with the shipped
文泉驿微米黑 (resources/fonts/wqy-microhei.ttc) so that the result is the same on every machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"
FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
SIZE = 256
RED = (200, 16, 46, 255)
GOLD = (240, 200, 80, 255)
WHITE = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """The icon at `size` pixels, drawn at 4× and scaled down for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = big // 16
    pen.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big // 6, fill=RED)
    band = big // 24  # a thin gold line along the bottom, like the rule under a 红头 letterhead
    pen.rectangle((big // 5, big - margin - big // 7, big - big // 5, big - margin - big // 7 + band), fill=GOLD)
    font = ImageFont.truetype(str(FONT), int(big * 0.62))
    left, top, right, bottom = pen.textbbox((0, 0), "公", font=font)
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top - big // 20
    pen.text((x, y), "公", font=font, fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    icon = draw()
    icon.save(RESOURCES / "icon.png", optimize=True)
    icon.save(RESOURCES / "icon.ico", sizes=ICO_SIZES)
    print(f"已生成：{RESOURCES / 'icon.png'}、{RESOURCES / 'icon.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
