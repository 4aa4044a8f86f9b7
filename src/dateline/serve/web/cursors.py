"""Cursors: where a page ended, as an opaque string a client passes back for the next page (keyset paging).

A cursor holds the key of the page's last row in its list's order (a day and a row id; a rank and a row id; a name
and an id) and a short hash of the question it answers, in base64url JSON. Rows stored between two requests never
shift a page: the next one starts strictly after the last row seen. Every cursor is read back strictly — its shape,
each value's type and range, and the question it belongs to — and anything else is refused (`CursorError`), never
passed to the database: a 20-digit number, a cursor of another question, a cursor edited by hand.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
from datetime import date
from typing import Any

from dateline.store.queries import Key

MAX_ROW = 2**63 - 1
"""The largest row id a database stores (a signed 64-bit integer)."""
LONGEST = 600
"""The longest cursor read: a key of two names and an id, encoded."""
SHAPES: dict[str, str] = {
    "said": "di", "rank": "fi", "first": "ds", "people-quotes": "iss", "people-name": "ss",
    "organizations-articles": "iss", "organizations-name": "ss", "articles-newest": "ds", "articles-oldest": "ds",
    "articles-title": "ss", "events": "dsi",
}
"""Each kind of list's key, a letter a value: d a day, i a whole number, f a finite number, s a string."""


class CursorError(ValueError):
    """A cursor this server did not give for this question."""


def scope(**question: Any) -> str:
    """A short hash of a question (its parameters but the cursor and the page size), which its cursors carry."""
    plain = json.dumps({k: str(v) for k, v in sorted(question.items()) if v not in (None, "", False)},
                       sort_keys=True)
    return hashlib.blake2b(plain.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def encode(kind: str, key: Key, question: str) -> str:
    """The cursor after a row whose key is `key`, in a list of `kind`, for the question hashed as `question`."""
    values = [v.isoformat() if isinstance(v, date) else v for v in key]
    raw = json.dumps([kind, question, *values], separators=(",", ":"), ensure_ascii=True)
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")


def decode(cursor: str, kind: str, question: str) -> Key:
    """The key a cursor holds, checked: it must be one `encode` made for a list of `kind` and this question."""
    if not cursor or len(cursor) > LONGEST or not re.fullmatch(r"[A-Za-z0-9_-]+", cursor):
        raise CursorError(cursor)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        found = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorError(cursor) from None
    shape = SHAPES[kind]
    if not isinstance(found, list) or len(found) != 2 + len(shape) or found[:2] != [kind, question]:
        raise CursorError(cursor)
    return tuple(_value(letter, value, cursor) for letter, value in zip(shape, found[2:], strict=True))


def _value(letter: str, value: Any, cursor: str) -> Any:
    """One value of a key, checked against its letter (`SHAPES`)."""
    if letter == "d" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CursorError(cursor) from None
    if letter == "i" and type(value) is int and 0 <= value <= MAX_ROW:
        return value
    if letter == "f" and type(value) in (int, float) and math.isfinite(value):
        return float(value)
    if letter == "s" and isinstance(value, str) and len(value) <= 400:
        return value
    raise CursorError(cursor)
