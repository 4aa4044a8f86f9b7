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
def test_a_page_of_the_newest_is_the_same_slice_of_all_however_it_is_found(
        tmp_path: Path, results: list[Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of the newest quotes a search or a speaker gives is found without sorting them all: a search's
    matches by their day from a small index, or, past `MANY_MATCHES`, by walking the index on the day said; a
    speaker's from the end of each of their names' index ranges, or, past `SPEAKER_KEYS` names, by the walk
    (bench/serve_load.py: 35 → 2 ms a speaker's page on a million quotes). Every page must be the slice of the whole
    list, sorted, that it stands for, however it was found."""
    import random
    from dataclasses import replace
    from datetime import date, timedelta

    from dateline.store import queries

    store = Store(f"sqlite:///{tmp_path / 'many.db'}")
    copies = [replace(r, id=f"{r.id}-{k}", text=f"{r.text} ({k})",  # a text of its own: not a duplicate
                      published=(date.fromisoformat(r.published) + timedelta(days=k // 3)).isoformat())  # 3 a day
              for k in range(12) for r in results]
    random.Random(5).shuffle(copies)  # saved in no order, so that the order ties are read in decides nothing
    store.save(copies)

    def rows(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return [(q["said"], q["article"], q["text"]) for q in found]

    asked_for: list[dict[str, object]] = [
        {"search": "harbor"}, {"search": "harbor OR taxes", "since": date(2024, 3, 13)},
        {"speaker": "Ortiz"}, {"speaker": "re", "until": date(2024, 3, 19)}]
    for asked in asked_for:
        whole = rows(store.quotes(**asked))  # type: ignore[arg-type]  # no limit: every one, sorted by the database
        expected = [whole[at:at + 3] for at in (0, 3, 6)]
        assert all(expected), asked
        for many, keys in ((2000, 50), (3, 0)):  # from the indexes as they are; by the walk
            monkeypatch.setattr(queries, "MANY_MATCHES", many)
            monkeypatch.setattr(queries, "SPEAKER_KEYS", keys)
            pages, after = [], None
            for _ in range(3):  # each page after the last one's end
                found = store.quotes(**asked, limit=3, after=after, keyed=True)  # type: ignore[arg-type]
                pages.append(rows(found))
                after = found[-1]["_key"]
            assert pages == expected, (asked, many, keys)


@pytest.mark.model
def test_a_page_of_quotes_by_first_appearance_is_the_same_slice_of_all_however_it_is_found(
        tmp_path: Path, nlp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """`quotes --distinct --search` on SQLite reads each match's quote from an index, and past `WALK_FIRST` matches
    walks the quotes by their first appearance (bench/million.py: p95 129 → 46 ms): every page must be the slice of
    all the quotes the search matches, newest first appearance first, that it stands for."""
    from datetime import date, timedelta

    from dateline.pipeline import extract
    from dateline.store import queries

    words = ["ready", "late", "costly", "popular", "needed", "stalled", "finished", "doomed", "safe", "unfair"]
    stories = [(date(2024, 3, 1) + timedelta(days=k // 2),
                f"“The harbor plan is {word},” Mayor Lena Cho said. “Taxes are {word} too,” Tom Reyes said.")
               for k, word in enumerate(words)]
    store = Store(f"sqlite:///{tmp_path / 'first.db'}")
    store.save([extract(text, day, nlp=nlp, id=f"f{k}") for k, (day, text) in enumerate(stories)])  # type: ignore[arg-type]
    every = store.distinct_quotes()  # one row per quote, newest first appearance first
    for asked in ({"search": "harbor"}, {"search": "harbor OR taxes", "since": date(2024, 3, 2)}):
        matched = {q["quote"] for q in store.quotes(search=str(asked["search"]))}
        since = asked.get("since", date.min)
        whole = [q["quote"] for q in every if q["quote"] in matched and q["first_seen"] >= since]  # type: ignore[operator]
        expected = [whole[at:at + 3] for at in (0, 3, 6)]
        assert all(expected), asked
        for walk in (10000, 2):  # matches looked up and sorted; quotes walked by their first appearance
            monkeypatch.setattr(queries, "WALK_FIRST", walk)
            pages, after = [], None
            for _ in range(3):  # each page after the last one's end
                found = store.distinct_quotes(**asked, limit=3, after=after, keyed=True)  # type: ignore[arg-type]
                pages.append([q["quote"] for q in found])
                after = found[-1]["_key"]
            assert pages == expected, (asked, walk)


@pytest.mark.model
def test_a_part_of_a_name_finds_the_same_speakers_by_its_trigrams_as_by_reading_every_name(
        tmp_path: Path, results: list[Result]) -> None:
    """On SQLite, a part of a name of three characters or more is looked up in `names_fts` (trigrams, kept in step
    by triggers as names are added) before it is matched; shorter parts, and parts holding LIKE's own characters,
    are matched against every name. The speakers found must be those every name, read one by one, gives."""
    from sqlalchemy import select

    from dateline.store.queries import _resolved_speaker
    from dateline.store.schema import names

    store = Store(f"sqlite:///{tmp_path / 'names.db'}")
    store.save(results)
    with store.engine.connect() as connection:
        every = [(row.name, row.entity) for row in connection.execute(select(names.c.name, names.c.entity))]
        for part in ["Ortiz", "ortiz", "ORT", "na Or", "Reyes", "e", "Ra", "%", "Ana_", "Nobody", "ty"]:
            expected = sorted(pair for pair in every if part.lower() in pair[0].lower())
            assert sorted(_resolved_speaker(connection, part)) == expected, part
    speakers = {q["speaker"] for q in store.quotes(speaker="rtiz")}
    assert "Ana Ortiz" in speakers and all("rtiz" in speaker for speaker in speakers)
