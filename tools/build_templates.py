"""Build the built-in Word templates of the letters into resources/templates/ (run after changing the layout).

    .venv/bin/python tools/build_templates.py

The layout is in exporters/letter_layout.py (GB/T 9704-2012); tests/exporters/test_letter_templates.py fails
when the committed files differ from what this script builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporters.letter_layout import save_builtin_templates  # noqa: E402
from resources import resource_path  # noqa: E402


def main() -> int:
    for path in save_builtin_templates(resource_path("templates")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
