"""Rows from the store, as a person reads them (a rich table) or as a program reads them (JSON Lines, CSV).

Every query command prints through `emit`, so `quotes`, `people` and `show` look and export alike.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.serve.inert import cell, clean, spreadsheet_safe
from dateline.serve.render import quote_block


def plain(value: Any) -> Any:
    """A value JSON and CSV can hold: dates as ISO text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def to_json_line(row: dict[str, Any]) -> str:
    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False)


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(to_json_line(row) + "\n")


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str] | None = None) -> None:
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(columns or row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return spreadsheet_safe(json.dumps(value, ensure_ascii=False))
    return spreadsheet_safe(plain(value))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None,
          wide: Sequence[str] = ()) -> Table:
    """A rich table that reads at 80 columns. Every column but the `wide` ones is kept whole — names, dates, counts,
    ids are never wrapped, and folded only where one is wider than the terminal; counts are set right. A wide column
    (roles, aliases) takes the room left, its lists' items parted by semicolons, wrapped at word boundaries and never
    inside a word. No borders but under the header, so the text has the columns."""
    shown = Table(title=clean(title) if title else None, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, collapse_padding=True)
    cells = [[cell(_text(row.get(c), parted=c in wide)) for c in columns] for row in rows]
    for at, column in enumerate(columns):
        values = [row.get(column) for row in rows]
        counts = bool(values) and all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        if column in wide:
            words = [len(word) for row in cells for word in row[at].plain.split()]
            shown.add_column(column, overflow="fold", min_width=max([len(column), *words]), ratio=1)
        else:
            longest = max([len(column)] + [row[at].cell_len for row in cells])
            shown.add_column(column, no_wrap=True, overflow="fold", min_width=longest,
                             justify="right" if counts else "left")
    for row in cells:
        shown.add_row(*row)
    return shown


def blocks(console: Console, rows: Sequence[dict[str, Any]], columns: Sequence[str], *, words: str,
           speaker: str = "speaker", title: str | None = None) -> None:
    """Rows that hold quoted words, each as a block (`render.quote_block`): the speaker and the other `columns` on a
    line, and the `words` column wrapped under it."""
    if title:
        console.print(Text(clean(title), style="bold underline"))
    for row in rows:
        quote_block(console, row.get(speaker), str(row.get(words) or ""),
                    [(c, _text(row.get(c))) for c in columns if c not in (speaker, words)])


def _text(value: Any, *, parted: bool = False) -> str:
    """A value as text: a list joined with commas, or with semicolons where its items hold commas of their own
    (`parted`: roles, aliases)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ("; " if parted else ", ").join(str(v) for v in value)
    return str(plain(value))


NONE_FOUND = "none found"
"""What a person at a terminal reads under the title when nothing in the store answers the question."""


def emit(rows: Sequence[dict[str, Any]], *, fmt: str | None, columns: Sequence[str], title: str | None = None,
         wide: Sequence[str] = (), words: str | None = None, console: Console | None = None) -> None:
    """Print rows: as `fmt` ("jsonl" | "csv") when asked, else for a person on a terminal (a table, or blocks when
    the rows hold quoted `words`) and JSON Lines in a pipe."""
    console = console or Console()
    if fmt is None:
        fmt = "table" if console.is_terminal else "jsonl"
    if fmt == "jsonl":
        write_jsonl(rows, sys.stdout)
    elif fmt == "csv":
        buffer = io.StringIO()
        write_csv(rows, buffer)
        sys.stdout.write(buffer.getvalue())
    elif not rows:  # an empty answer says so: not a bare title, nor a header over no rows
        if title:
            console.print(Text(clean(title), style="bold underline"))
        console.print(Text(NONE_FOUND, style="dim"))
    elif words is not None:
        blocks(console, rows, columns, words=words, title=title)
    else:
        console.print(table(rows, columns, title=title, wide=wide))
