"""Dateline's errors, in one table as spaCy keeps its own: every code, what it means and the exit status it ends a
command with, and the messages the command line says itself. Errors are converted to exit codes only at the
boundaries (`dateline.serve.edge`).

Every error the command line prints is one line of one shape::

    error: WHERE: [Dnnn] what went wrong, and what to do

WHERE names the file (and line), the id, the database or the option at fault, and is left out only when there is
none to name; a note (something said, nothing failed) has the same shape after ``note:``. The exit status is the
code's `Meaning.status`: 0 ok (a note), 1 some input refused, 2 a usage error (the command cannot run as asked), 3 an
internal error — a bug. A run stopped by a pipe closed early (``| head -1``) exits `CLOSED_PIPE`, silently.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import NamedTuple

OK, REFUSED, USAGE, BUG = 0, 1, 2, 3
"""Exit statuses: all went well; some input was refused (each said on its own line); the command cannot run as
asked; an internal error."""
INTERRUPTED = 130
"""Exit status after Ctrl-C: 128 + SIGINT, as shells report it."""
CLOSED_PIPE = 141
"""Exit status when standard output is a pipe its reader closed (``dateline extract … | head -1``): 128 + SIGPIPE,
the status a shell reports for a Unix tool the closed pipe stopped. The run stops at once and says nothing."""


class Code(StrEnum):
    """Every code Dateline prints. Each means one thing (`MEANINGS`); a code is printed as its value, ``D105``."""

    READ = "D100"
    NO_DATE = "D101"
    NO_TEXT = "D102"
    NOT_TEXT = "D103"
    BAD_FIELD = "D104"
    MALFORMED = "D105"
    DAMAGED = "D106"
    UNREADABLE = "D107"
    TOO_LARGE = "D108"
    READER_FAILED = "D109"
    READ_OVER_BUDGET = "D110"
    REPEATED_ID = "D150"
    PASSED_OVER = "D151"
    IN_PROCESS = "D160"
    CONFIG = "D200"
    DOC_WITHOUT_DATE = "D201"
    MISSING_EXTRA = "D202"
    MISPLACED = "D203"
    USAGE = "D210"
    EXTRACTION = "D300"
    OVER_BUDGET = "D301"
    STORE = "D400"
    SEARCH = "D410"
    NOT_FOUND = "D420"
    EXPORT = "D500"
    CANNOT_WRITE = "D600"
    NOTHING_TO_SCORE = "D700"
    INTERNAL = "D900"


class Meaning(NamedTuple):
    status: int
    """The exit status a command that meets it ends with (for a per-article error: the run goes on, then ends so)."""
    what: str


MEANINGS: dict[Code, Meaning] = {
    Code.READ: Meaning(REFUSED, "cannot read the article"),
    Code.NO_DATE: Meaning(REFUSED, "no publication date, or one that is not a real date in the supported range"),
    Code.NO_TEXT: Meaning(REFUSED, "no usable text: empty, or over the length limit"),
    Code.NOT_TEXT: Meaning(REFUSED, "not text: binary content, bytes that are not UTF-8, or characters that are not "
                                    "valid Unicode"),
    Code.BAD_FIELD: Meaning(REFUSED, "a field of the wrong type or form (id, title, url)"),
    Code.MALFORMED: Meaning(REFUSED, "malformed JSON or TimeML"),
    Code.DAMAGED: Meaning(REFUSED, "a damaged file: a compressed stream or an archive cut short or corrupt; what came "
                                   "before is kept"),
    Code.UNREADABLE: Meaning(REFUSED, "the file is not there, or cannot be opened or read"),
    Code.TOO_LARGE: Meaning(REFUSED, "too large: a line, a page or a decompressed stream over its limit"),
    Code.READER_FAILED: Meaning(REFUSED, "an unexpected failure while reading one file (a bug: please report it)"),
    Code.READ_OVER_BUDGET: Meaning(REFUSED, "reading one input (a page, a record, a line) ran over its time budget"),
    Code.REPEATED_ID: Meaning(OK, "a note: an id read before in the run is given a suffix"),
    Code.PASSED_OVER: Meaning(OK, "a note: files in a folder that are not of an article form are passed over"),
    Code.IN_PROCESS: Meaning(OK, "a note: a corpus too small to pay for a cluster is extracted in this process"),
    Code.CONFIG: Meaning(USAGE, "a setting is wrong: a spaCy pipeline that cannot be loaded, a Dask scheduler that "
                                "cannot be reached, a publication date that is not a date"),
    Code.DOC_WITHOUT_DATE: Meaning(USAGE, "a Doc given to Dateline's spaCy components without a publication date"),
    Code.MISSING_EXTRA: Meaning(USAGE, "a part of Dateline that needs an optional dependency which is not installed"),
    Code.MISPLACED: Meaning(USAGE, "a component added where it cannot work: the message names the add_pipe call "
                                   "that places it"),
    Code.USAGE: Meaning(USAGE, "a bad option or argument on the command line"),
    Code.EXTRACTION: Meaning(REFUSED, "extraction failed on one article"),
    Code.OVER_BUDGET: Meaning(REFUSED, "extraction ran over the article's time budget"),
    Code.STORE: Meaning(USAGE, "the database cannot be opened, migrated or written"),
    Code.SEARCH: Meaning(USAGE, "a search with nothing to find"),
    Code.NOT_FOUND: Meaning(REFUSED, "nothing in the store has the id asked for"),
    Code.EXPORT: Meaning(REFUSED, "an export would replace files already there"),
    Code.CANNOT_WRITE: Meaning(REFUSED, "a result or a file cannot be written"),
    Code.NOTHING_TO_SCORE: Meaning(REFUSED, "no annotation to score against"),
    Code.INTERNAL: Meaning(BUG, "an internal error: a bug in Dateline"),
}
"""What each code means, and the exit status it ends a command with."""

READ_CODES = {code.value: meaning.what for code, meaning in MEANINGS.items()
              if Code.READ <= code.value < Code.REPEATED_ID}
"""What each read error code means; `ReadError.code` is one of these."""


class Message(StrEnum):
    """What the command line says itself, as templates for `str.format`."""

    NOT_A_DATE = "{value!r} is not a date (want YYYY-MM-DD)"
    NOT_AN_ACT = "{value!r} is not an act; acts are {acts}"
    NOT_A_KIND = "{value!r} is not a kind of quote; kinds are {kinds}"
    EXCLUSIVE = "--jsonl and --csv exclude each other: choose one"
    NOT_A_METRIC = "{value!r} is not a metric; metrics are {metrics}"
    RULES_OR_MODEL = "--rules-only and --attribution-model exclude each other: choose one"
    NOT_A_MODEL = "not an attribution model (want config.cfg and {name}/ in it, as `dateline train attribution` " \
        "writes them)"
    NOT_A_FORMAT = "{value!r} is not a format; formats are {formats}"
    NO_TABLE = "no table {names}; tables are {tables}"
    NOT_IN_RANGE = "{value!r} is not a whole number from {low} to {high}"
    USAGE = "{what}; see `{command} -h`"
    NOT_STORED = "no {what} with this id in {where}: {listing}"
    CANNOT_WRITE = "cannot write the result ({reason}): check the folder exists and is writable"
    CANNOT_WRITE_HERE = "cannot write here ({reason}): check the folder exists and is writable"
    NOT_A_FOLDER = "a file, not a folder: give a folder (or a path with nothing there) to write into"
    ALREADY_THERE = "{path} already exists: pass --force to replace it, or write to a new folder"
    NO_SUCH_FILE = "no such file or folder: check the path"
    NOT_GOLD = "not a gold article ({reason}): want an object with an id and a text"
    NO_GOLD_QUOTES = "no article with gold quotes (a `quotes` list) to score against"
    NO_GOLD_TIMES = "no TIMEX3 annotation to score against in {paths}"
    NO_GOLD_PERSONS = "no article with gold person chains (a `persons` list) to score against"
    INTERNAL = "internal error: {kind}: {detail} (a bug in Dateline: run with --debug for the traceback, and report it)"
    MISSING_EXTRA = "{purpose} needs {module}, which is not installed: pip install 'dateline[{extra}]'"


class ApiCode(StrEnum):
    """Every code an error of `dateline serve`'s HTTP API carries (``{"error": {"code", "message"}}``); a page shows
    the message. Each has one status (`API_STATUS`)."""

    BAD_SEARCH = "bad_search"
    BAD_CURSOR = "bad_cursor"
    INVALID = "invalid_parameter"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "method_not_allowed"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    EXTRACT_OFF = "extract_off"
    BUSY = "busy"
    BAD_REQUEST = "bad_request"
    INTERNAL = "internal_error"


API_STATUS: dict[ApiCode, int] = {
    ApiCode.BAD_SEARCH: 400, ApiCode.BAD_CURSOR: 400, ApiCode.BAD_REQUEST: 400, ApiCode.EXTRACT_OFF: 403,
    ApiCode.NOT_FOUND: 404, ApiCode.NOT_ALLOWED: 405, ApiCode.TOO_LARGE: 413, ApiCode.INVALID: 422,
    ApiCode.UNREADABLE: 422, ApiCode.BUSY: 503, ApiCode.INTERNAL: 500,
}
"""The HTTP status of each API error code."""


class ApiMessage(StrEnum):
    """What the HTTP API and the pages say in an error, as templates for `str.format`."""

    NO_RECORD = "no {what} {ident!r}"
    NO_ROUTE = "nothing here: the API is under /api/ (see /docs)"
    BAD_CURSOR = "cursor: not one this server gave for this question; start again without a cursor"
    NOT_A_DAY = "{field}: {value!r} is not a date (YYYY-MM-DD)"
    NOT_A_MONTH = "{field}: {value!r} is not a month (YYYY-MM)"
    BODY_TOO_LARGE = "the request is over {limit:,} bytes"
    TEXT_TOO_LARGE = "the text has {chars:,} characters; the limit is {limit:,}"
    EXTRACT_OFF = "extraction is off on this server: start it with `dateline serve --allow-extract` to turn it on"
    BUSY = "extraction is busy ({runs} at once at most): try again in a few seconds"
    RANKED_NEEDS_WORDS = "order: relevance needs words to rank by (q or about)"
    INTERNAL = "something went wrong on our side"


class DatelineError(Exception):
    """The root of every error Dateline raises on purpose: a message, the code it is printed with and what it is
    about (`where`: a file and line, an id, a database, an option; None when there is nothing to name)."""

    code: Code = Code.INTERNAL

    def __init__(self, message: str, *, where: str | None = None, code: Code | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._where = where
        if code is not None:
            self.code = code

    @property
    def where(self) -> str | None:
        return self._where

    @property
    def status(self) -> int:
        """The exit status a command that meets this error ends with."""
        return MEANINGS[self.code].status

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"where": self._where, "code": self.code})

    def __str__(self) -> str:
        where = self.where
        return f"{where}: [{self.code}] {self.message}" if where else f"[{self.code}] {self.message}"


class ReadError(DatelineError):
    """An article could not be read: names the file (and line) so a batch can report it and go on."""

    code = Code.READ

    def __init__(self, message: str, *, source: str, line: int | None = None, code: Code | None = None) -> None:
        super().__init__(message, code=code)
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "line": self.line, "code": self.code})

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


class ConfigError(DatelineError):
    """A setting is wrong: an unknown model, a bad option."""

    code = Code.CONFIG


class MissingExtra(ConfigError):
    """A part of Dateline that needs an optional dependency which is not installed."""

    code = Code.MISSING_EXTRA


EXTRAS = {"distributed": "dask", "psycopg": "postgres", "pyarrow": "parquet", "trafilatura": "html", "warcio": "html",
          "fastapi": "web", "uvicorn": "web", "jinja2": "web"}
"""The optional dependencies, by the module Dateline imports, and the extra that installs each."""


def require(module: str, purpose: str) -> None:
    """Raise `MissingExtra`, naming the command that installs it, when `module` (one of `EXTRAS`) is absent."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtra(Message.MISSING_EXTRA.format(purpose=purpose, module=module,
                                                        extra=EXTRAS[module])) from None


class StoreError(DatelineError):
    """The database could not be opened, migrated or written."""

    code = Code.STORE


class Notice(DatelineError):
    """Something said to the user, not an error: a run goes on, and nothing counts as failed."""

    code = Code.IN_PROCESS


class ReadNotice(Notice):
    """Something a reader changed or passed over and says so, without refusing an article: a repeated id given a
    suffix (`Code.REPEATED_ID`), files in a folder that are not articles (`Code.PASSED_OVER`)."""

    code = Code.REPEATED_ID

    def __init__(self, message: str, *, source: str, line: int | None = None, code: Code | None = None) -> None:
        super().__init__(message, code=code)
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "line": self.line, "code": self.code})

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


class ExtractionError(DatelineError):
    """Extraction failed on one article (`Code.OVER_BUDGET`: it ran over its time budget)."""

    code = Code.EXTRACTION

    def __init__(self, message: str, *, source: str, code: Code | None = None) -> None:
        super().__init__(message, code=code)
        self.source = source

    def __reduce__(self) -> tuple[object, ...]:
        return _rebuild, (type(self), self.message, {"source": self.source, "code": self.code})

    @property
    def where(self) -> str:
        return self.source


class NotFound(DatelineError):
    """Nothing in the store has the id a command asked for."""

    code = Code.NOT_FOUND


class UsageError(DatelineError):
    """A bad option or argument, said in the one shape with the option it is about as WHERE."""

    code = Code.USAGE


class CannotWrite(DatelineError):
    """A result or a file cannot be written where it was asked to go."""

    code = Code.CANNOT_WRITE


class NothingToScore(DatelineError):
    """`dateline eval` was given no annotation to score against."""

    code = Code.NOTHING_TO_SCORE


def _rebuild(kind: type[DatelineError], message: str, fields: dict[str, object]) -> DatelineError:
    """An error rebuilt from its pickled parts: errors cross process boundaries when Dask runs the work."""
    return kind(message, **fields)  # type: ignore[arg-type]
