"""The store, on SQLite and on PostgreSQL: a mixed corpus in, each article once, and the questions users ask."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import POSTGRES_URL, fresh_postgres
from corpus import write_corpus
from dateline.errors import StoreError
from dateline.scale import ingest
from dateline.serve.export import export
from dateline.store import Store

pytestmark = pytest.mark.model


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "corpus")
    return tmp_path / "corpus"


def test_a_mixed_folder_is_stored_and_a_second_run_adds_nothing(db_url: str, corpus: Path) -> None:
    store = Store(db_url)
    first = ingest([str(corpus)], store)
    assert (first.stored, first.skipped, first.failed) == (8, 0, 2)
    assert any("wire.jsonl:2" in e and "malformed JSON" in e for e in first.errors)
    assert any("crawl.warc.gz:4" in e and "no publication date" in e for e in first.errors)
    before = store.counts()
    assert before["articles"] == 8 and before["quotes"] >= 16
    again = ingest([str(corpus)], store)
    assert (again.stored, again.skipped) == (0, 8)
    assert store.counts() == before


def test_an_article_read_twice_in_one_run_is_stored_once(tmp_path: Path, corpus: Path) -> None:
    (corpus / "copy").mkdir()
    (corpus / "copy" / "story_0.txt").write_bytes((corpus / "story_0.txt").read_bytes())
    store = Store(f"sqlite:///{tmp_path / 'once.db'}")
    summary = ingest([str(corpus), str(corpus / "story_1.txt")], store)
    assert (summary.stored, summary.skipped) == (8, 2)
    assert store.counts()["articles"] == 8


def test_sqlite_and_postgresql_hold_the_same_records(tmp_path: Path, corpus: Path) -> None:
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: .ci/run starts one and sets DATELINE_TEST_POSTGRES")
    lite, pg = Store(f"sqlite:///{tmp_path / 'a.db'}"), Store(fresh_postgres(POSTGRES_URL))
    ingest([str(corpus)], lite)
    ingest([str(corpus)], pg)
    assert lite.counts() == pg.counts()
    for table in ("quotes", "people", "times"):
        assert list(lite.rows(table)) == list(pg.rows(table))


def test_quotes_by_speaker_words_and_days(db_url: str, corpus: Path) -> None:
    store = Store(db_url)
    ingest([str(corpus)], store)
    by_ortiz = store.quotes(speaker="ortiz")
    assert by_ortiz and {q["speaker"] for q in by_ortiz} == {"Ana Ortiz"}
    assert {q["cue"] for q in by_ortiz} >= {"said", "told"}
    found = store.quotes(search="delaying votes")  # stemmed: "delayed its vote"
    assert found and all("delayed" in q["text"] and "vote" in q["text"] for q in found)
    assert store.quotes(search="helicopter") == []
    assert store.quotes(search='"; DROP TABLE quotes; --') == []  # words, never SQL or query syntax
    march = store.quotes(since=date(2024, 3, 1), until=date(2024, 3, 31))
    assert march and all(date(2024, 3, 1) <= q["said"] <= date(2024, 3, 31) for q in march)
    told = [q for q in by_ortiz if q["cue"] == "told"]
    assert told[0]["addressee"] == "reporters"
    assert not any("did not say" in q["text"] or "whether" in q["text"] for q in store.quotes())  # no quote


def test_a_speaker_the_corpus_never_quotes_gives_no_quotes_not_everyones(db_url: str, corpus: Path) -> None:
    """A name that fits no speaker is a filter no quote passes, in every question that takes a speaker (a page of
    the newest, a count, one row per quote): a fact-checker asking for someone the corpus never quotes must not
    see everyone's quotes."""
    store = Store(db_url)
    ingest([str(corpus)], store)
    assert store.quotes()
    for asked in ({"speaker": "Nobody Byname"}, {"speaker": "Nobody Byname", "since": date(2024, 1, 1)}):
        assert store.quotes(**asked) == [] and store.quotes(**asked, limit=5) == []  # type: ignore[arg-type]
        assert store.distinct_quotes(**asked, limit=5) == []  # type: ignore[arg-type]
        assert store.count_quotes(**asked) == 0 and store.count_quotes(**asked, distinct=True) == 0  # type: ignore[arg-type]


def test_people_have_roles_counts_and_first_and_last_seen(db_url: str, corpus: Path) -> None:
    store = Store(db_url)
    ingest([str(corpus)], store)
    (ortiz,) = store.people("Ana Ortiz")
    assert ortiz["roles"] == ["Mayor"]
    assert ortiz["articles"] == 8 and ortiz["quotes"] == len(store.quotes(speaker="Ana Ortiz"))
    assert ortiz["first_seen"] == date(2024, 1, 1) and ortiz["last_seen"] == date(2024, 8, 8)


def test_an_article_is_shown_whole_by_id_or_key(db_url: str, corpus: Path) -> None:
    store = Store(db_url)
    ingest([str(corpus)], store)
    shown = store.result("wire-3")
    assert shown is not None and shown.title is not None and shown.title.endswith("(3)")
    assert shown.quotes and shown.people and shown.times
    assert store.result(shown.key[:10]).id == "wire-3"
    assert store.result("no-such-article") is None


def test_a_stored_quote_says_which_finder_found_it_and_how_sure_it_is(db_url: str, corpus: Path) -> None:
    """A rule's quote carries its finder's measured precision; the model's, its own calibrated one."""
    from dateline.extract.quotes.rules import LABELS, MODEL, NESTED, QUOTATIONS, VERBS, Finder

    sure = {f.name: f.confidence for f in (*QUOTATIONS, *LABELS, *VERBS, NESTED) if isinstance(f, Finder)}

    def right(found_by: str | None, confidence: float | None) -> bool:
        if found_by == MODEL.name:
            return confidence is not None and 0.0 < confidence <= 1.0
        return found_by in sure and sure[found_by] == confidence

    store = Store(db_url)
    ingest([str(corpus)], store)
    rows = store.quotes()
    assert rows and all(right(q["found_by"], q["confidence"]) for q in rows)
    shown = store.result("wire-3")
    assert shown is not None and shown.quotes
    assert all(right(q.found_by, q.confidence) for q in shown.quotes)  # read back into the records too


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_writes_every_table(db_url: str, corpus: Path, tmp_path: Path, fmt: str) -> None:
    store = Store(db_url)
    ingest([str(corpus)], store)
    written = export(store, tmp_path / "out", fmt)
    counts = store.counts()
    for table, path in written.items():
        if fmt == "parquet":
            import pyarrow.parquet as pq

            n = pq.read_table(path).num_rows
        elif fmt == "jsonl":
            n = len([json.loads(line) for line in path.read_text().splitlines()])
        else:
            with path.open(newline="") as fh:
                n = len(list(csv.DictReader(fh)))
        assert n == counts[table], table


def test_a_database_that_cannot_be_opened_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"x\.db: \[D400\] cannot make the database here \(No such file"):
        Store(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")
    with pytest.raises(StoreError) as failed:
        Store("postgresql://nobody:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(failed.value)  # a password is never printed


def test_a_store_from_before_dated_keys_is_rekeyed_and_keeps_everything(db_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import text

    from dateline.records import article_key
    from dateline.store.engine import connect, upgrade

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0001")
    old = [  # key = SHA-1 of URL and text, as revision 0001 stored it
        ("jsonl-given", "2024-03-14", None, "wire.jsonl:3", "“We will wait,” Ortiz said."),
        ("story", "2024-03-15", None, "corpus/story.txt", "“The harbor is open,” Reyes said."),
        ("", "2024-03-16", "https://x.example/a", "crawl.warc.gz:2", "“Taxes fall,” Cho said."),
    ]
    warc_id = hashlib.sha1("https://x.example/a\n“Taxes fall,” Cho said.".encode()).hexdigest()[:16]
    old[2] = (warc_id, *old[2][1:])  # a WARC record's id: made from its URL and text, as the reader makes it
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for ident, day, url, source, body in old:
            key = hashlib.sha1(f"{url or ''}\n{body}".encode()).hexdigest()
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, :u, NULL, :p, :s, :t, :n)"),
                               {"k": key, "i": ident, "u": url, "p": date.fromisoformat(day), "s": source,
                                "t": body, "n": now})
            connection.execute(text("INSERT INTO quotes (article, n, text, start, \"end\", kind, act, speaker, spans, "
                                    "said) VALUES (:k, 0, :q, 1, 5, 'direct', 'statement', 'X', '[]', :p)"),
                               {"k": key, "q": body.split("”")[0][1:], "p": date.fromisoformat(day)})
    engine.dispose()
    store = Store(db_url)  # opening migrates to the newest revision
    rows = list(store.rows("articles"))
    want = {(i, article_key(body, url, day, "jsonl-given" if i == "jsonl-given" else None))
            for i, day, url, _, body in old}
    assert {(r["id"], r["key"]) for r in rows} == want
    assert {r["id"]: r["given_id"] for r in rows} == {"jsonl-given": "jsonl-given", "story": None, warc_id: None}
    assert sorted(q["article"] for q in store.rows("quotes")) == sorted(k for _, k in want)
    assert [q["text"] for q in store.quotes(search="harbor")] == ["The harbor is open,"]


def test_two_dated_copies_of_one_text_are_two_articles(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    body = "“The harbor will stay open,” Mayor Ana Ortiz said on Monday."
    (folder / "a_monday.txt").write_text(f"date 2024-03-11 {body}", encoding="utf-8")
    (folder / "b_again.txt").write_text(f"date 2024-03-18 {body}", encoding="utf-8")
    (folder / "c_copy.txt").write_text(f"date 2024-03-11 {body}", encoding="utf-8")  # the first, copied
    store = Store(db_url)
    summary = ingest([str(folder)], store)
    assert (summary.stored, summary.skipped) == (2, 1)
    assert store.result("a_monday") is not None and store.result("b_again") is not None
    said = sorted(q["said"].isoformat() for q in store.quotes())
    assert said == ["2024-03-11", "2024-03-18"]
