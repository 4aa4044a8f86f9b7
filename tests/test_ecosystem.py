"""Other tools see Dateline's data as their own: Datasette and sqlite-utils find the full-text indexes of quotes and
articles (and Datasette searches them), the indexes follow every change, an older store is upgraded to them, and a
Parquet export reads back in DuckDB with real lists, dates and nullable integers."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from corpus import write_corpus
from dateline.scale import ingest
from dateline.serve.export import export
from dateline.store import Store
from dateline.store.engine import connect, downgrade

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ecosystem")
    write_corpus(folder / "corpus")
    ingest([str(folder / "corpus")], Store(f"sqlite:///{folder / 'news.db'}"))
    return folder / "news.db"


def test_sqlite_utils_finds_the_full_text_indexes(sqlite_store: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(sqlite_store)
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["articles"].detect_fts() == "articles_fts"
    found = list(db["quotes"].search("harbor"))
    assert found and all("harbor" in row["text"].lower() for row in found)


def test_datasette_finds_them_and_searches_with_its_own_search_parameter(sqlite_store: Path) -> None:
    from datasette.app import Datasette
    from datasette.utils import detect_fts

    with sqlite3.connect(sqlite_store) as connection:
        assert detect_fts(connection, "quotes") == "quotes_fts"
        assert detect_fts(connection, "articles") == "articles_fts"

    async def ask(path: str) -> list[dict[str, object]]:
        response = await Datasette([str(sqlite_store)]).client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    quotes = asyncio.run(ask("/news/quotes.json?_search=harbor&_shape=array"))
    assert quotes and all("harbor" in str(q["text"]).lower() for q in quotes)
    pages = asyncio.run(ask("/news/articles.json?_search=water+rates&_shape=array"))
    assert pages and all("water rates" in str(a["text"]).lower() for a in pages)


def test_the_quote_index_follows_an_edited_quote(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    store = Store(f"sqlite:///{tmp_path / 'news.db'}")
    ingest([str(tmp_path / "corpus")], store)
    (first,) = store.quotes(search="harbor", limit=1)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE quotes SET text = 'the lighthouse keeper retires' WHERE text = :old"),
                           {"old": first["text"]})
    assert [q["text"] for q in store.quotes(search="lighthouse")] == ["the lighthouse keeper retires"]
    assert first["text"] not in [q["text"] for q in store.quotes(search="harbor")]


def test_a_store_made_before_the_article_index_is_upgraded_with_everything_indexed(db_url: str,
                                                                                 tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    made = Store(db_url)
    ingest([str(tmp_path / "corpus")], made)
    made.engine.dispose()
    engine = connect(db_url, migrate=False)
    downgrade(engine, "0007")  # the store as it was before the article index, with its records
    engine.dispose()
    store = Store(db_url)  # opening it runs the migrations it has not had
    if store.dialect == "sqlite":
        ask = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'water'"
    else:
        ask = "SELECT count(*) FROM articles WHERE tsv @@ plainto_tsquery('english', 'water')"
    with store.engine.connect() as connection:
        indexed = connection.scalar(text(ask))
        texts = connection.scalars(text("SELECT text FROM articles")).all()
    holding = [t for t in texts if re.search(r"\bwaters?\b", t, re.IGNORECASE)]
    assert indexed == len(holding) > 0
    assert store.quotes(search="harbor")


def test_parquet_reads_back_in_duckdb_with_lists_dates_and_nullable_integers(sqlite_store: Path,
                                                                             tmp_path: Path) -> None:
    import duckdb

    store = Store(f"sqlite:///{sqlite_store}")
    export(store, tmp_path, "parquet", ["quotes", "people", "entities", "events", "articles"])
    types = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'quotes.parquet'}'")
             .fetchall()}
    assert types["spans"] == "BIGINT[][]" and types["addressee_start"] == "BIGINT" and types["said"] == "DATE"
    assert types["text"] == "VARCHAR"
    roles = duckdb.sql(f"SELECT name, roles FROM '{tmp_path / 'people.parquet'}' WHERE len(roles) > 0").fetchall()
    assert roles and all(isinstance(r, list) and all(isinstance(x, str) for x in r) for _, r in roles)
    assert duckdb.sql(f"DESCRIBE SELECT mentions FROM '{tmp_path / 'entities.parquet'}'").fetchall()[0][1] \
        == "BIGINT[][]"
    assert {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / 'events.parquet'}'")
            .fetchall()}["participants"] == "VARCHAR[]"
    ((unresolved,),) = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'quotes.parquet'}' "
                                  "WHERE addressee_start IS NULL").fetchall()
    stored = sqlite3.connect(sqlite_store).execute("SELECT count(*) FROM quotes WHERE addressee_start IS NULL")
    assert unresolved == stored.fetchone()[0] > 0


def test_parquet_nullable_integers_stay_integers_in_pandas(sqlite_store: Path, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is in the test extras; install '.[test]'")
    export(Store(f"sqlite:///{sqlite_store}"), tmp_path, "parquet", ["quotes"])
    frame = pandas.read_parquet(tmp_path / "quotes.parquet")
    assert str(frame["addressee_start"].dtype) == "Int64" and str(frame["start"].dtype) == "int64"
    assert frame["addressee_start"].isna().sum() == sqlite3.connect(sqlite_store).execute(
        "SELECT count(*) FROM quotes WHERE addressee_start IS NULL").fetchone()[0]
    assert isinstance(frame["spans"].iloc[0][0][0], int | numpy_int())


def numpy_int() -> type:
    import numpy

    return numpy.integer
