"""Step five: results into a database, and questions back out of it.

`Store(url)` opens (and migrates) a SQLite file or a PostgreSQL database; `save` writes a batch of `Result`s
atomically and at most once per article; the `find_*` methods answer the CLI's and the API's questions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dateline.records import Result
from dateline.store import browse, queries, results, write
from dateline.store.engine import DEFAULT_URL, connect, database_url, printable, require_current
from dateline.store.schema import TABLES


class Store:
    """A Dateline database: SQLite by default, PostgreSQL for a `postgresql://` URL."""

    def __init__(self, url: str = DEFAULT_URL, *, create: bool = True, read_only: bool = False,
                 upgrade: bool = True) -> None:
        """Open the store at `url`, making a new SQLite file there unless `create` is false (then a path with no
        database is a `StoreError`), and migrating it to the newest schema unless `upgrade` is false (then a store
        at an older revision is a `StoreError`: what the commands but `ingest` open). A `read_only` store (what
        `dateline serve` opens) is neither made nor migrated, and no statement through it can change data: SQLite
        opens the file with `mode=ro`, PostgreSQL runs every transaction read-only."""
        self.url = url
        self.engine = connect(url, create=create and not read_only, read_only=read_only, migrate=upgrade)
        if not upgrade and not read_only:
            require_current(self.engine)

    @property
    def where(self) -> str:
        """The database, as it may be printed: its URL without the password."""
        return printable(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def stored(self, keys: Iterable[str]) -> set[str]:
        """Which of these article keys are already stored."""
        return write.stored_keys(self.engine, keys)

    def save(self, results: Sequence[Result]) -> int:
        """Store a batch in one transaction; the number of articles that were new."""
        return write.save(self.engine, results)

    def quotes(self, *, limit: int | None = None, after: queries.Key | None = None, keyed: bool = False,
               **asked: Any) -> list[dict[str, Any]]:
        """Quotes, newest first, by any of `queries.Ask`'s filters (`queries.find_quotes`)."""
        return queries.find_quotes(self.engine, limit=limit, after=after, keyed=keyed, **asked)

    def ranked_quotes(self, *, limit: int | None = None, after: queries.Key | None = None, keyed: bool = False,
                      **asked: Any) -> list[dict[str, Any]]:
        """Quotes matching a search, the best match first (`queries.find_ranked_quotes`)."""
        return queries.find_ranked_quotes(self.engine, limit=limit, after=after, keyed=keyed, **asked)

    def distinct_quotes(self, *, limit: int | None = None, after: queries.Key | None = None, keyed: bool = False,
                        **asked: Any) -> list[dict[str, Any]]:
        """One row per quote across articles (`queries.find_distinct_quotes`)."""
        return queries.find_distinct_quotes(self.engine, limit=limit, after=after, keyed=keyed, **asked)

    def count_quotes(self, *, distinct: bool = False, **asked: Any) -> int:
        """How many quotes (`distinct`: quotes across articles) the same question without a limit would give."""
        return queries.count_quotes(self.engine, distinct=distinct, **asked)

    def windows(self, rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
        """The text around each quote row, and where the quote is in it (`queries.windows`)."""
        return queries.windows(self.engine, rows)

    def facets(self, **asked: Any) -> dict[str, Any]:
        """What a question about quotes finds, counted by speaker, organization, kind, month and day
        (`browse.quote_facets`)."""
        return browse.quote_facets(self.engine, **asked)

    def days(self, **asked: Any) -> list[dict[str, Any]]:
        """How many quotes a question finds on each day (`browse.quote_days`)."""
        return browse.quote_days(self.engine, **asked)

    def count_people(self, name: str | None = None, *, role: str | None = None) -> int:
        return queries.count_people(self.engine, name, role=role)

    def count_organizations(self, name: str | None = None) -> int:
        return queries.count_organizations(self.engine, name)

    def articles(self, **asked: Any) -> list[dict[str, Any]]:
        """Stored articles, newest first (`browse.find_articles`)."""
        return browse.find_articles(self.engine, **asked)

    def count_articles(self, **asked: Any) -> int:
        return browse.count_articles(self.engine, **asked)

    def events(self, **asked: Any) -> list[dict[str, Any]]:
        """Events across the corpus, newest article first (`browse.find_events`)."""
        return browse.find_events(self.engine, **asked)

    def count_events(self, **asked: Any) -> int:
        return browse.count_events(self.engine, **asked)

    def event_types(self) -> list[str]:
        return browse.event_types(self.engine)

    def names(self, *ids: str) -> dict[str, str]:
        """The names of persons and organizations, by id."""
        return browse.names_of(self.engine, list(ids))

    def organization(self, ident: str) -> dict[str, Any] | None:
        """One organization across the corpus, by id or name (`browse.find_organization`)."""
        return browse.find_organization(self.engine, ident)

    def quotebank(self, *, all_kinds: bool = False) -> Iterator[dict[str, Any]]:
        """Every quotation (direct or mixed; `all_kinds`: every quote) as a record of Quotebank's quotation-centric
        data, in its fields and types (`queries.quotebank`), streamed."""
        return queries.quotebank(self.engine, all_kinds=all_kinds)

    def quote(self, ident: str) -> dict[str, Any] | None:
        """One quote across articles, with every occurrence in order of publication."""
        return queries.find_quote(self.engine, ident)

    def people(self, name: str | None = None, **asked: Any) -> list[dict[str, Any]]:
        """Persons across the corpus, most quoted first (`queries.find_people`)."""
        return queries.find_people(self.engine, name, **asked)

    def organizations(self, name: str | None = None, **asked: Any) -> list[dict[str, Any]]:
        """Organizations across the corpus, by any of their names or an id (`queries.find_organizations`)."""
        return queries.find_organizations(self.engine, name, **asked)

    def person(self, ident: str) -> dict[str, Any] | None:
        """One person across the corpus, by id or name (`queries.find_person`)."""
        return queries.find_person(self.engine, ident)

    def result(self, ident: str) -> Result | None:
        """One stored article, by its id or its key (or the start of the key), as the `Result` extraction gave."""
        return results.stored_result(self.engine, ident)

    def links(self, key: str) -> dict[str, Any]:
        """Each quote's and person's corpus id in one stored article (`queries.article_links`)."""
        return queries.article_links(self.engine, key)

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        return queries.rows(self.engine, table)

    def size(self) -> dict[str, int]:
        """How many quotes and articles the store holds."""
        return queries.size(self.engine)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


__all__ = ["DEFAULT_URL", "TABLES", "Store", "database_url"]
