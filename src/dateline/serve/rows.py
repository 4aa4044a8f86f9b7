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

from dateline.serve.inert import cell, clean, spreadsheet_safe


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
    """A rich table of some columns; the `wide` ones take the spare width and fold."""
    shown = Table(title=clean(title) if title else None, expand=True)
    for column in columns:
        if column in wide:
            shown.add_column(column, overflow="fold", ratio=1)
        else:
            shown.add_column(column, no_wrap=True, max_width=28)
    for row in rows:
        shown.add_row(*(cell(_text(row.get(c))) for c in columns))
    return shown


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(plain(value))


def emit(rows: Sequence[dict[str, Any]], *, fmt: str | None, columns: Sequence[str], title: str | None = None,
         wide: Sequence[str] = (), console: Console | None = None) -> None:
    """Print rows: as `fmt` ("jsonl" | "csv") when asked, else a table on a terminal and JSON Lines in a pipe."""
    console = console or Console()
    if fmt is None:
        fmt = "table" if console.is_terminal else "jsonl"
    if fmt == "jsonl":
        write_jsonl(rows, sys.stdout)
    elif fmt == "csv":
        buffer = io.StringIO()
        write_csv(rows, buffer)
        sys.stdout.write(buffer.getvalue())
    else:
        console.print(table(rows, columns, title=title, wide=wide))
