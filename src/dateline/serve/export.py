"""`dateline export`: every table of the store as Parquet, JSON Lines or CSV files, for pandas, DuckDB or Spark.

Rows are streamed from the database and written in chunks, so a store larger than memory exports too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from dateline.serve.rows import write_csv, write_jsonl
from dateline.store import TABLES, Store

FORMATS = ("parquet", "jsonl", "csv")


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _arrow_schema(table: str) -> Any:
    """The Parquet columns of a table, typed from the store's schema (JSON columns as text)."""
    import pyarrow as pa
    from sqlalchemy import JSON, Date, DateTime, Integer

    from dateline.store.schema import public_columns

    fields = []
    for column in public_columns(table):
        kind = column.type
        arrow = (pa.int64() if isinstance(kind, Integer) else pa.timestamp("us", tz="UTC")
                 if isinstance(kind, DateTime) else pa.date32() if isinstance(kind, Date) else pa.string())
        if isinstance(kind, JSON):
            arrow = pa.string()
        fields.append(pa.field(column.name, arrow))
    return pa.schema(fields)


def _parquet(rows: Iterable[dict[str, Any]], path: Path, table: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(table)
    json_columns = {f.name for f in schema if f.type == pa.string()}
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(rows, 10_000):
            for row in chunk:  # nested lists (roles, spans, participants) as JSON text: one type per column
                for name in json_columns:
                    if isinstance(row.get(name), list | dict):
                        row[name] = json.dumps(row[name], ensure_ascii=False)
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))


def export(store: Store, folder: Path, fmt: str, tables: Iterable[str] = TABLES) -> dict[str, Path]:
    """Write each table to FOLDER/TABLE.FORMAT; the files written, by table."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for table in tables:
        path = folder / f"{table}.{fmt}"
        rows = store.rows(table)
        if fmt == "parquet":
            _parquet(rows, path, table)
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                if fmt == "jsonl":
                    write_jsonl(rows, out)
                else:
                    write_csv(rows, out)
        written[table] = path
    return written
