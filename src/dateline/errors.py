"""Dateline's errors: one tree, each message with a code, converted to exit codes only at the boundaries."""

from __future__ import annotations

import importlib


class DatelineError(Exception):
    """The root of every error Dateline raises on purpose."""

    code = "D000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


READ_CODES = {
    "D100": "cannot read the article",
    "D101": "no publication date, or one that is not a real date in the supported range",
    "D102": "no usable text: empty, or over the length limit",
    "D103": "not text: binary content, bytes that are not UTF-8, or characters that are not valid Unicode",
    "D104": "a field of the wrong type or form (id, title, url)",
    "D105": "malformed JSON",
    "D106": "a damaged file: a compressed stream or an archive cut short or corrupt; what came before is kept",
    "D107": "the file cannot be opened or read",
    "D108": "too large: a line, a page or a decompressed stream over its limit",
    "D109": "an unexpected failure while reading (a bug: please report it)",
}
"""What each read error code means; `ReadError.code` is one of these."""


class ReadError(DatelineError):
    """An article could not be read: names the file (and line) so a batch can report it and go on."""

    code = "D100"

    def __init__(self, message: str, *, source: str, line: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        if code is not None:
            self.code = code

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "line": self.line, "code": self.code})

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        return f"{self.where}: [{self.code}] {self.message}"


class ConfigError(DatelineError):
    """A setting is wrong: an unknown model, a bad option."""

    code = "D200"


class MissingExtra(ConfigError):
    """A part of Dateline that needs an optional dependency which is not installed."""

    code = "D202"


EXTRAS = {"distributed": "dask", "psycopg": "postgres", "pyarrow": "parquet"}
"""The optional dependencies, by the module Dateline imports, and the extra that installs each."""


def require(module: str, purpose: str) -> None:
    """Raise `MissingExtra`, naming the command that installs it, when `module` (one of `EXTRAS`) is absent."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{purpose} needs {module}, which is not installed: pip install "
                           f"'dateline[{EXTRAS[module]}]'") from None


class StoreError(DatelineError):
    """The database could not be opened, migrated or written."""

    code = "D400"


class Notice(DatelineError):
    """Something said to the user, not an error: a run goes on, and nothing counts as failed."""

    code = "D160"


class ReadNotice(Notice):
    """Something a reader changed and says so, without refusing the article: a repeated id given a suffix."""

    code = "D150"

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "line": self.line})

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: [{self.code}] {self.message}"


class ExtractionError(DatelineError):
    """Extraction failed on one article."""

    code = "D300"

    def __init__(self, message: str, *, source: str, code: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        if code is not None:
            self.code = code  # D301: over the article's time budget

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "code": self.code})

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


def _rebuild(kind: type[DatelineError], message: str, fields: dict[str, object]) -> DatelineError:
    """An error rebuilt from its pickled parts: errors cross process boundaries when Dask runs the work."""
    return kind(message, **fields)  # type: ignore[call-arg]
