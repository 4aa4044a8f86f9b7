"""Searching quotes: one query language, the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import POSTGRES_URL, fresh_postgres
from dateline.records import Result
from dateline.store import Store
from dateline.store.search import SearchError, parse, to_fts5

STORIES = [
    ("2024-03-11", "“We will cut taxes for every family,” Senator Ana Ortiz said on Monday."),
    ("2024-03-12", "“The White House has not called us,” Governor Tom Reyes said on Tuesday."),
    ("2024-03-13", "“Voters deserve a vote on the harbor plan,” Mayor Lena Cho said."),
    ("2024-03-14", "“Climate finance is the test of this summit,” Minister Raj Patel told reporters."),
    ("2024-03-15", "“My e-mail was never answered by the White House,” Ortiz said on Friday."),
    ("2024-03-16", "“Taxes and the harbor are all anyone asks about,” Reyes said."),
]

SEARCHES = ["taxes", "tax", "voting", "harbor plan", '"harbor plan"', "tax OR climate", "harbor -vote",
            '"white house" -mail', "e-mail", "TAXES Family", "cut OR finance OR deserve", '-climate harbor']


@pytest.fixture(scope="module")
def results(nlp: object) -> list[Result]:
    from datetime import date

    from dateline.pipeline import extract

    return [extract(text, date.fromisoformat(day), nlp=nlp, id=f"s{n}")  # type: ignore[arg-type]
            for n, (day, text) in enumerate(STORIES)]


def found(store: Store, query: str) -> list[str]:
    return sorted(q["text"] for q in store.quotes(search=query))


@pytest.mark.model
def test_searches_find_words_phrases_alternatives_and_leave_out_exclusions(tmp_path: Path,
                                                                          results: list[Result]) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.save(results)
    assert len(found(store, "taxes")) == 2 and found(store, "tax") == found(store, "taxes")  # stemmed
    assert found(store, '"harbor plan"') == ["Voters deserve a vote on the harbor plan,"]
    assert len(found(store, "tax OR climate")) == 3
    assert found(store, "harbor -vote") == ["Taxes and the harbor are all anyone asks about,"]
    assert found(store, '"white house" -mail') == ["The White House has not called us,"]


@pytest.mark.parametrize("query", ["*", "🙂", "the", "NOT", "-taxes", "OR", '""', "   "])
def test_a_search_with_no_word_to_find_is_an_error(query: str) -> None:
    with pytest.raises(SearchError):
        parse(query)


def test_nothing_typed_is_read_as_fts5_syntax() -> None:
    import re

    expression = to_fts5(parse('vote* NEAR(a b) "x OR {col}: ^start'))
    outside_strings = re.sub(r'"(?:[^"]|"")*"', "S", expression)
    assert set(outside_strings.replace("(", " ").replace(")", " ").split()) <= {"S", "AND", "OR", "NOT"}


@pytest.mark.model
def test_sqlite_and_postgresql_answer_every_search_alike(tmp_path: Path, results: list[Result]) -> None:
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: .ci/run starts one and sets DATELINE_TEST_POSTGRES")
    lite, pg = Store(f"sqlite:///{tmp_path / 'a.db'}"), Store(fresh_postgres(POSTGRES_URL))
    lite.save(results)
    pg.save(results)
    for query in SEARCHES:
        assert found(lite, query) == found(pg, query), query
    for query in ["*", "the", "-taxes"]:
        for store in (lite, pg):
            with pytest.raises(SearchError):
                store.quotes(search=query)



@pytest.mark.model
def test_a_search_that_matches_many_walks_the_days_down_and_finds_the_same_pages(
        tmp_path: Path, results: list[Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """Past `MANY_MATCHES` matches, the newest are found by walking the index on the day said (bench/million.py: 300
    ms → 15 ms for a word 40,000 quotes hold); every page must be what sorting all the matches gives."""
    from dataclasses import replace
    from datetime import date, timedelta

    from dateline.store import queries

    store = Store(f"sqlite:///{tmp_path / 'many.db'}")
    copies = [replace(r, id=f"{r.id}-{k}", published=(date.fromisoformat(r.published) + timedelta(days=k)).isoformat())
              for k in range(12) for r in results]
    store.save(copies)

    def pages(**asked: object) -> list[list[tuple[object, ...]]]:
        return [[(q["said"], q["article"], q["text"]) for q in store.quotes(**asked, limit=5, offset=at)]  # type: ignore[arg-type]
                for at in (0, 5, 20)]

    for asked in ({"search": "harbor"}, {"search": "harbor OR taxes", "since": date(2024, 1, 1)}):
        sorted_all = pages(**asked)
        monkeypatch.setattr(queries, "MANY_MATCHES", 3)
        walked = pages(**asked)
        monkeypatch.setattr(queries, "MANY_MATCHES", 2000)
        assert walked == sorted_all and all(sorted_all)
