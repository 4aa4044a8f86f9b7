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


SHORT = 14
"""A column whose every value (and header) is at most this long — dates, counts, ids — is never wrapped."""


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None,
          wide: Sequence[str] = ()) -> Table:
    """A rich table of some columns that fits the terminal: short columns (dates, counts, ids) keep their width
    and never wrap; where the rest is too wide, the widest columns give way first (rich's own collapse), wrapping
    at word boundaries."""
    shown = Table(title=clean(title) if title else None, title_justify="left")
    cells = [[cell(_text(row.get(c))) for c in columns] for row in rows]
    for at, column in enumerate(columns):
        longest = max([len(column)] + [cell.cell_len for cell in (r[at] for r in cells)])
        if longest <= SHORT and column not in wide:
            shown.add_column(column, no_wrap=True, min_width=longest)
        else:
            shown.add_column(column, overflow="fold", min_width=min(longest, 12))
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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(plain(value))


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
    elif words is not None:
        blocks(console, rows, columns, words=words, title=title)
    else:
        console.print(table(rows, columns, title=title, wide=wide))
