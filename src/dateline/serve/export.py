"""`dateline export`: every table of the store as Parquet, JSON Lines or CSV files, for pandas, DuckDB or Spark.

Rows are streamed from the database and written in chunks, so a store larger than memory exports too. Each file is
written beside its target under a temporary name and then moved into place: a symbolic link where the file should
go is replaced, never followed, and an existing file is replaced only when the caller says so (``--force``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from dateline.errors import Code, DatelineError, require
from dateline.serve.files import make_folder
from dateline.serve.rows import write_csv, write_jsonl
from dateline.store import TABLES, Store

FORMATS = ("parquet", "jsonl", "csv", "quotebank")
"""The table formats, and "quotebank": one file, quotebank.jsonl, of the quotations as Quotebank's quotation-centric
records (`store.queries.quotebank`): direct and mixed quotes, the indirect ones too with `all_kinds`."""


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _arrow_type(column: Any) -> Any:
    """The Parquet type of one of the store's columns: integers as (nullable) int64, fractions as float64, days and
    times as such, JSON columns as the lists their `shape` says, text as text."""
    import pyarrow as pa
    from sqlalchemy import JSON, Date, DateTime, Float, Integer

    kind = column.type
    if isinstance(kind, JSON):
        spans = pa.list_(pa.list_(pa.int64()))
        shapes = {"list[str]": pa.list_(pa.string()), "list[list[int]]": spans,
                  "annotation": pa.struct([("source", pa.list_(pa.int64())), ("cue", pa.list_(pa.int64())),
                                           ("content", spans)])}
        return shapes[column.info["shape"]]
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, Date):
        return pa.date32()
    return pa.string()


def arrow_schema(table: str) -> Any:
    """The Parquet columns of a table, typed from the store's schema; every column may be null where the store's
    may. The integer columns that may be null are marked for pandas as its nullable "Int64", so `read_parquet`
    gives them as integers with <NA>, not as floats."""
    import pyarrow as pa
    from sqlalchemy import Integer

    from dateline.store.schema import public_columns

    columns = public_columns(table)
    nullable = [c.name for c in columns if c.nullable and isinstance(c.type, Integer)]
    pandas = {"index_columns": [], "column_indexes": [], "creator": {"library": "dateline"},
              "columns": [{"name": name, "field_name": name, "pandas_type": "int64", "numpy_type": "Int64",
                           "metadata": None} for name in nullable]}
    schema = pa.schema([pa.field(c.name, _arrow_type(c), nullable=bool(c.nullable)) for c in columns])
    return schema.with_metadata({b"pandas": json.dumps(pandas).encode()}) if nullable else schema


def _parquet(rows: Iterable[dict[str, Any]], path: Path, table: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(rows, 10_000):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class ExportError(DatelineError):
    """An export that would overwrite a file or write through a link."""

    code = Code.EXPORT


def export(store: Store, folder: Path, fmt: str, tables: Iterable[str] = TABLES, *,
           force: bool = False, all_kinds: bool = False) -> dict[str, Path]:
    """Write each table to FOLDER/TABLE.FORMAT; the files written, by table. Raises `ExportError` before writing
    anything if a target exists (a file, or a link to anywhere) and `force` is not given. `all_kinds` is for the
    "quotebank" format: every quote, not only the quotations Quotebank holds."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        require("pyarrow", "exporting Parquet")
    tables = ["quotebank"] if fmt == "quotebank" else list(tables)
    make_folder(folder)
    targets = {table: folder / (f"{table}.jsonl" if fmt == "quotebank" else f"{table}.{fmt}") for table in tables}
    if not force:
        taken = [str(p) for p in targets.values() if p.is_symlink() or p.exists()]
        if taken:
            raise ExportError(f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''}: "
                              "pass --force to replace, or export to a new folder")
    for table, path in targets.items():
        handle, temporary = tempfile.mkstemp(prefix=f".{table}.", suffix=f".{fmt}.part", dir=folder)
        os.close(handle)
        try:
            rows = store.quotebank(all_kinds=all_kinds) if fmt == "quotebank" else store.rows(table)
            if fmt == "parquet":
                _parquet(rows, Path(temporary), table)
            else:
                with open(temporary, "w", encoding="utf-8", newline="") as out:
                    if fmt in {"jsonl", "quotebank"}:
                        write_jsonl(rows, out)
                    else:
                        write_csv(rows, out)
            os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
            os.replace(temporary, path)  # replaces a link itself, never what it points at
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return targets
