"""Errors that tell the user what went wrong, where (file:row:column) and what to do."""

from __future__ import annotations


class TextmineError(Exception):
    """Base class; the CLI prints these as one clear line instead of a traceback."""


class ConfigError(TextmineError):
    """The configuration is invalid (unknown key, impossible value, missing model path)."""


class InputError(TextmineError):
    """An input file cannot be used; carries the location so the user can fix it."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.file, self.row, self.column, self.hint = file, row, column, hint
        where = ":".join(str(p) for p in (file, row, column) if p is not None)
        text = f"{where}: {message}" if where else message
        if hint:
            text = f"{text} ({hint})"
        super().__init__(text)


class MissingColumnError(InputError):
    """A mapped column is not in the file; the message lists the columns that exist."""

    def __init__(self, role: str, column: str, available: list[str], file: str | None = None):
        super().__init__(
            f"column {column!r} given for --{role} is not in the file",
            file=file,
            column=column,
            hint="columns in the file: " + ", ".join(repr(c) for c in available),
        )
