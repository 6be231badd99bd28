"""User-facing errors: they carry a Chinese message that is shown as it is.

Anything that is not a `UserError` is a bug and goes to the excepthook / log.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on; `message` is Chinese and complete."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def full_text(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(self.details)


class ValidationError(UserError):
    """A value typed by the user is refused; `field` names the form field (Chinese label)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}：{message}")
        self.field = field
