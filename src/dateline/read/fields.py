"""An article's fields checked once, where they enter: every reader builds its `Article` through `article_from`.

A source gives an id, a text, a publication date and perhaps a title and a URL, in whatever types its JSON or markup
holds. `ArticleFields` (a pydantic model) says what each must be, and `article_from` turns the first thing wrong
into one coded `ReadError` naming the file and line:

- ``id``: a string, or a whole number (kept as its digits); at most 512 characters;
- ``text``: a string with something in it, at most ``max_chars`` characters;
- ``published``: a real calendar date, ``YYYY-MM-DD`` or an ISO timestamp (whose date part is taken), in the years
  1000 to 2999;
- ``title`` and ``url``: strings or nothing, at most 4,096 and 8,192 characters;
- no string may hold a NUL or an unpaired surrogate (``\\ud800`` from a JSON escape): neither is text, and neither
  can be written to a database or a UTF-8 file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from dateline.errors import Code, ReadError
from dateline.records import Article

MAX_CHARS = 1_000_000
"""The longest article read by default: spaCy's own limit for one text."""

FIRST_DATE = date(1000, 1, 1)
LAST_DATE = date(2999, 12, 31)
"""The publication dates Dateline accepts: every time it normalizes is a four-digit year."""

Read = Article | ReadError
"""What a reader yields for each article: the article, or the error that says why it could not be read."""

READ_SECONDS = 30.0
"""The time reading one input (an HTML page, a WARC record, a JSON line, a TimeML file) may take, counted from when
its own reading starts; extraction has its own budget (`dateline.parse`)."""

Clock = Callable[[], float]


def over_budget(started: float, budget: float, clock: Clock, *, source: str, line: int | None) -> ReadError | None:
    """The error for an input whose reading, started at `started` on `clock`, ran over `budget` seconds; else None."""
    took = clock() - started
    if took <= budget:
        return None
    return ReadError(f"reading took {took:,.0f} s, over its budget of {budget:,.0f} s: refused", source=source,
                     line=line, code=Code.READ_OVER_BUDGET)


MAX_ID, MAX_TITLE, MAX_URL = 512, 4096, 8192
MAX_NUMBER = 2**63 - 1
CODES = {code.value for code in Code}
"""The codes a field's check may refuse it with, by the type of pydantic's error."""
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _refuse(code: Code, message: str) -> PydanticCustomError:
    return PydanticCustomError(code.value, message)


def _not_text(value: str, what: str) -> None:
    bad = NOT_TEXT.search(value)
    if bad is not None:
        kind = "a NUL character" if bad.group() == "\x00" else f"an unpaired surrogate U+{ord(bad.group()):04X}"
        raise _refuse(Code.NOT_TEXT, f"{what} holds {kind} at character {bad.start()}")


def _string(value: object, what: str, longest: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _refuse(Code.BAD_FIELD, f"{what} must be a string, not {_kind(value)}")
    if len(value) > longest:
        raise _refuse(Code.BAD_FIELD, f"{what} of {len(value):,} characters is over the limit of {longest:,}")
    _not_text(value, what)
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def parse_date(value: object) -> date:
    """A publication date from ``YYYY-MM-DD``, an ISO timestamp or a `date`, in the supported range; raises
    `ValueError` with the reason."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.strip():
        raw = value.strip()
        try:
            day = date.fromisoformat(raw) if len(raw) == 10 else datetime.fromisoformat(
                raw.replace("Z", "+00:00")).date()
        except ValueError:
            raise ValueError(f"{raw[:40]!r} is not a date (want YYYY-MM-DD)") from None
    elif value is None or isinstance(value, str):
        raise ValueError("no publication date")
    else:
        raise ValueError(f"the date must be a string YYYY-MM-DD, not {_kind(value)}")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(f"{day.isoformat()} is outside the supported years {FIRST_DATE.year}–{LAST_DATE.year}")
    return day


class ArticleFields(BaseModel):
    """An article's fields, each of the type and form Dateline can store and print."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str | None = None
    text: str
    published: date
    title: str | None = None
    url: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: object) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > MAX_NUMBER:
                raise _refuse(Code.BAD_FIELD, "id is a number too large to be an id")
            return str(value)
        return _string(value, "id", MAX_ID) or None

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object, info: ValidationInfo) -> str:
        longest = (info.context or {}).get("max_chars", MAX_CHARS)
        if value is None:
            raise _refuse(Code.NO_TEXT, "no article text")
        if not isinstance(value, str):
            raise _refuse(Code.BAD_FIELD, f"text must be a string, not {_kind(value)}")
        if not value.strip():
            raise _refuse(Code.NO_TEXT, "empty article text")
        if len(value) > longest:
            raise _refuse(Code.NO_TEXT, f"article of {len(value):,} characters is over the limit of {longest:,}")
        if "\x00" in value:
            raise _refuse(Code.NOT_TEXT, "binary content, not text")
        _not_text(value, "text")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: object) -> date:
        try:
            return parse_date(value)
        except ValueError as err:
            raise _refuse(Code.NO_DATE, str(err)) from None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: object) -> str | None:
        return _string(value, "title", MAX_TITLE)

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, value: object) -> str | None:
        return _string(value, "url", MAX_URL)


def article_from(fields: dict[str, Any], *, source: str, line: int | None = None, max_chars: int = MAX_CHARS,
                 default_id: str | None = None) -> Article:
    """The `Article` of fields a reader found, or the `ReadError` for the first that is wrong.

    Fields are checked in the order id, text, published, title, url. An id in `fields` is one the source gave, and
    is part of the article's key; an article without one takes `default_id` (a file's name), else a hash of its
    text.
    """
    try:
        checked = ArticleFields.model_validate(fields, context={"max_chars": max_chars})
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        code = Code(first["type"]) if first["type"] in CODES else Code.BAD_FIELD
        message = first["msg"]
        if first["type"] == "missing":
            name = first["loc"][0] if first["loc"] else "a field"
            code, message = (Code.NO_DATE, "no publication date") if name == "published" else (
                (Code.NO_TEXT, "no article text") if name == "text" else (Code.BAD_FIELD, f"no {name}"))
        raise ReadError(message, source=source, line=line, code=code) from None
    text = checked.text
    return Article(id=checked.id or default_id or content_id(text), text=text, published=checked.published,
                   title=checked.title, url=checked.url,
                   source=f"{source}:{line}" if line is not None else source, given_id=checked.id)


def source_name(path: object) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8 as ``\\xNN``."""
    raw = os.fsencode(str(path)) if not isinstance(path, bytes) else path
    return raw.decode("utf-8", "backslashreplace")


def content_id(text: str) -> str:
    """A stable id for an article that has none: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
