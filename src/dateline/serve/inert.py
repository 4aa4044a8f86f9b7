"""Text from articles made inert before it leaves Dateline: on a terminal, in a spreadsheet, as a file name.

Article text is written by strangers. Printed raw, an escape sequence in it could clear the screen, set the window
title, hide text or plant a link; rich markup in it ("[link=file:///etc/passwd]", "[/quote]") would be obeyed or
crash the printer; a CSV cell beginning with ``=`` would run as a formula; an id would pick the file it is written
to. So:

- `clean` replaces control characters (C0 but tab and newline, DEL, C1), bidirectional overrides and isolates,
  zero-width marks and unpaired surrogates with U+FFFD;
- `cell` and `say` print only through `rich.text.Text`, which rich never reads as markup;
- `spreadsheet_safe` puts an apostrophe before a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return (the OWASP rule for CSV injection);
- `file_name` makes an id a file name: safe characters only, short, and never the same for two ids.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from rich.console import Console
from rich.text import Text

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def clean(text: str) -> str:
    """Text with nothing a terminal would act on: each control or hiding character is U+FFFD."""
    return UNSAFE.sub("\ufffd", text)


def cell(value: object) -> Text:
    """A value as a table cell: cleaned text that rich prints as it is."""
    return Text(clean("" if value is None else str(value)))


def say(console: Console, message: str, *, style: str | None = None, wrap: bool = False) -> None:
    """One line (an error, a note) printed as it is: never read as markup, never acted on by the terminal, its
    white space (newlines too) collapsed so it stays one line — or, to `wrap` a headline for a person, wrapped at
    word boundaries to the terminal's width."""
    console.print(Text(" ".join(clean(message).split()), style=style or ""), soft_wrap=not wrap, highlight=False)


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows and never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def file_name(identifier: str, suffix: str, *, longest: int = 120) -> str:
    """A file name for an id: its safe characters, cut short; a hash of the id added whenever anything was changed,
    so two ids never share a name ("sub/x" and "sub_x" are apart)."""
    safe = NAME_UNSAFE.sub("_", identifier).lstrip(".")[:longest] or "article"
    if safe != identifier:
        digest = hashlib.sha1(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        safe = f"{safe}-{digest}"
    return safe + suffix
