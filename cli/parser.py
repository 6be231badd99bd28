"""An argparse parser whose errors are Chinese and exit with code 2."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"参数 \1：无效的选项“\2”，可选：\3"),
    (r"argument (\S+): invalid (\w+) value: '?([^']*)'?", r"参数 \1：“\3”不是有效的值"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
]


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：{translate(message)}\n")
        sys.exit(2)


class _NotGlobalOnly(Exception):
    """The command line is not only the window's options (a subcommand, --help or a mistake)."""


class _GlobalOnlyParser(ChineseArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotGlobalOnly(message)


def parse_lazily(
    build_global: Callable[..., ChineseArgumentParser],
    build_full: Callable[[], ChineseArgumentParser],
    argv: Sequence[str],
) -> argparse.Namespace:
    """Parse `argv` with the window's options only when that is all it has (a plain start imports no subcommand
    module); anything else — a subcommand, -h/--help, an error — goes to the full parser, so that every command,
    option, help text and error message is exactly the full parser's. `build_global(parser_class=…,
    add_help=False)` makes the parser of the window's options."""
    argv = list(argv)
    quick = build_global(parser_class=_GlobalOnlyParser, add_help=False)
    try:
        args, rest = quick.parse_known_args(argv)
    except _NotGlobalOnly:
        rest = ["?"]
    if rest:
        return build_full().parse_args(argv)
    args.command = None
    return args


def parse_date_arg(value: str):  # noqa: ANN201 - argparse type
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是有效日期，应为YYYY-MM-DD") from None


def parse_int_arg(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是整数") from None
