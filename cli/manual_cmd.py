"""`manual --out FILE.pdf`: render the 使用说明 (docs/使用说明.md) to a PDF (also used by build.spec)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "manual", help="生成使用说明PDF", description="把使用说明（docs/使用说明.md）生成为PDF文件。"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出的PDF文件")
    parser.add_argument("--source", type=Path, metavar="FILE.md", help="使用说明的Markdown源文件（默认随程序附带的）")
    parser.set_defaults(handler=_manual, needs_db=False)  # needs no database


def _manual(args: argparse.Namespace, _db_path: Path) -> int:
    from exporters.manual_pdf import render_manual

    path = render_manual(args.out, args.source)
    print(f"已生成使用说明：{path}")
    return 0
