"""Dateline's errors: one tree, each message with a code, converted to exit codes only at the boundaries."""

from __future__ import annotations


class DatelineError(Exception):
    """The root of every error Dateline raises on purpose."""

    code = "D000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ReadError(DatelineError):
    """An article could not be read: names the file (and line) so a batch can report it and go on."""

    code = "D100"

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "line": self.line})

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        return f"{self.where}: [{self.code}] {self.message}"


class ConfigError(DatelineError):
    """A setting is wrong: an unknown model, a bad option."""

    code = "D200"


class StoreError(DatelineError):
    """The database could not be opened, migrated or written."""

    code = "D400"


class ExtractionError(DatelineError):
    """Extraction failed on one article."""

    code = "D300"

    def __init__(self, message: str, *, source: str) -> None:
        super().__init__(message)
        self.source = source

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source})

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


def _rebuild(kind: type[DatelineError], message: str, fields: dict[str, object]) -> DatelineError:
    """An error rebuilt from its pickled parts: errors cross process boundaries when Dask runs the work."""
    return kind(message, **fields)  # type: ignore[call-arg]
