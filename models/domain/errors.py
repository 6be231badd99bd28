"""User-facing errors: they carry a Chinese message that is shown as it is.

Anything that is not a `UserError` is a bug and goes to the excepthook / log.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on; `message` is Chinese and complete."""

    def __init__(self, message: str, *, details: list[str] | None = None, cli_hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        # What to type, for the command line only: the window speaks of what the clerk clicks (issue 8).
        self.cli_hint = cli_hint

    def cli_text(self) -> str:
        """`full_text` plus the command-line hint (what main.py prints on stderr)."""
        return self.full_text() + (f"\n{self.cli_hint}" if self.cli_hint else "")

    def full_text(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(self.details)


class ValidationError(UserError):
    """A value typed by the user is refused; `field` names the form field (Chinese label)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}：{message}")
        self.field = field
