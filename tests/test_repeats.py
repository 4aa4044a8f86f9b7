"""One quote across articles: the same words however trimmed or typeset are one quote with its occurrences, its first
appearance and every speaker the articles give it (`dateline.store.repeats`)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.scale import ingest
from dateline.serve.cli import app
from dateline.store import Store
from dateline.store.repeats import anchors, probes, same_quote, words_of


def test_case_punctuation_accents_and_marks_do_not_count() -> None:
    assert words_of("“We’ll RAISE taxes — on café owners,”") == words_of('"we\'ll raise taxes on cafe owners"')


@pytest.mark.parametrize(("one", "other", "same"), [
    ("We will not raise taxes on working families this year", "We will not raise taxes on working families", True),
    ("not raise taxes on working families", "We will not raise taxes on working families this year", True),
    ("We will raise taxes on working families", "We will not raise taxes on working families", False),
    ("a total disaster", "This plan is a total disaster for the harbor", False),  # under four words: too common
    ("raise taxes on work", "We will not raise taxes on working families", False),  # whole words only
    ("to ban all Muslims from entering",  # a small part of a long quote: a phrase many quotes hold, not a trim
     "We should stop the plan to ban all Muslims from entering the country because it is wrong and cruel", False),
])
def test_one_quote_is_the_same_words_or_words_inside_the_other(one: str, other: str, same: bool) -> None:
    assert same_quote(words_of(one), words_of(other)) is same


def test_a_text_inside_another_is_found_from_either_side() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(300)]
    for _ in range(500):
        long = [rng.choice(vocabulary) for _ in range(rng.randint(20, 60))]
        start = rng.randint(0, len(long) - 8)
        short = long[start:start + rng.randint(8, len(long) - start)]
        assert set(anchors(short)) & set(probes(long))  # the long one finds the short one stored before it
        if set(anchors(short)) != set(probes(short)):  # a sampled run: the short one finds the long one too
            assert set(anchors(long)) & set(probes(short))


STORIES = {
    "ledger": ("2024-03-05", "“We will keep the harbor open for every fishing family in Dunmore,” Mayor Ana Ortiz "
                             "said on Tuesday."),
    "courier": ("2024-03-04", "Mayor Ana Ortiz told reporters: “We will keep the harbor open for every fishing "
                              "family.”"),
    "herald": ("2024-03-06", "“WE WILL KEEP THE HARBOR OPEN,” Ortiz said, according to Gov. Tom Reyes. The mayor, "
                             "Ana Ortiz, spoke on Monday."),
    "gazette": ("2024-03-07", "“We will keep the harbor open for every fishing family,” Gov. Tom Reyes said on "
                              "Thursday."),
    "other": ("2024-03-08", "“The bridge will be rebuilt before winter comes,” Gov. Tom Reyes said."),
}


def write_stories(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        day, text = STORIES[name]
        (folder / f"{name}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    return folder


def harbor(store: Store) -> dict[str, object]:
    (row,) = [q for q in store.distinct_quotes(search="harbor")]
    return row


@pytest.mark.model
def test_a_quote_trimmed_by_three_articles_is_one_with_its_first_appearance(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news", ["ledger", "courier", "herald", "other"]))], store)
    row = harbor(store)
    assert row["occurrences"] == 3
    assert row["first_article"] == "courier" and str(row["first_seen"]) == "2024-03-04"
    assert row["speaker"] == "Ana Ortiz" and row["speakers"] == []
    whole = store.quote(str(row["quote"]))
    assert whole is not None
    assert [o["article"] for o in whole["occurrences"]] == ["courier", "ledger", "herald"]
    assert len(store.distinct_quotes()) == 2  # and the bridge
    first = date.fromisoformat(str(row["first_seen"]))  # --since and --until choose quotes by their first appearance
    assert row["quote"] in {q["quote"] for q in store.distinct_quotes(since=first, until=first)}
    assert row["quote"] not in {q["quote"] for q in store.distinct_quotes(since=first + timedelta(days=1))}


@pytest.mark.model
def test_a_conflicting_attribution_is_reported(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news", ["ledger", "courier", "gazette"]))], store)
    row = harbor(store)
    assert row["occurrences"] == 3 and row["speakers"] == ["Ana Ortiz", "Tom Reyes"]


@pytest.mark.model
def test_a_text_that_joins_two_quotes_merges_them_and_old_ids_keep_answering(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    first = tmp_path / "first"
    write_stories(first, ["herald", "other"])
    (first / "short.txt").write_text("date 2024-03-01 “For every fishing family in Dunmore,” Reyes said.",
                                     encoding="utf-8")
    ingest([str(first)], store)
    apart = {q["quote"] for q in store.distinct_quotes(search="harbor OR fishing")}
    assert len(apart) == 2  # "We will keep the harbor open" and "for every fishing family in Dunmore": not yet one
    ingest([str(write_stories(tmp_path / "second", ["ledger"]))], store)  # holds both
    (joined,) = {q["quote"] for q in store.distinct_quotes(search="harbor OR fishing")}
    assert joined <= min(apart)  # the smallest id among the texts joined: the same in whatever order they came
    for old in apart:
        answer = store.quote(str(old))
        assert answer is not None and answer["quote"] == joined and len(answer["occurrences"]) == 3
    assert_stats_are_a_recount(store)


def assert_stats_are_a_recount(store: Store) -> None:
    """`quote_stats`, kept batch by batch through merges, says what counting the stored quotes afresh says."""
    from collections import Counter

    published = {a["key"]: a["published"] for a in store.rows("articles")}
    counted: Counter[str] = Counter()
    first: dict[str, object] = {}
    for q in store.rows("quotes"):
        counted[q["quote"]] += 1
        first[q["quote"]] = min(first.get(q["quote"], published[q["article"]]), published[q["article"]])
    assert {r["quote"]: (r["first_seen"], r["occurrences"]) for r in store.rows("quote_stats")} == {
        q: (first[q], n) for q, n in counted.items()}


@pytest.mark.model
def test_the_cli_lists_quotes_once_and_shows_where_one_first_appeared(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'q.db'}"
    folder = write_stories(tmp_path / "news", ["ledger", "courier", "herald"])
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    listed = CliRunner().invoke(app, ["quotes", "--distinct", "--jsonl", "--db", db])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    (row,) = [r for r in rows if r["occurrences"] == 3]
    shown = CliRunner().invoke(app, ["quote", row["quote"], "--db", db])
    detail = json.loads(shown.stdout)
    assert detail["first_article"] == "courier" and len(detail["occurrences"]) == 3
    assert CliRunner().invoke(app, ["quote", "Qnothing", "--db", db]).exit_code == 1


def test_quotes_stored_before_repeats_were_tracked_are_grouped_by_the_migration(db_url: str) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    from dateline.store.engine import connect, upgrade

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0003")
    said = ["We will keep the harbor open for every fishing family,", "We will keep the harbor open for every",
            "The bridge will be rebuilt before winter,"]
    with engine.begin() as connection:
        for n, words in enumerate(said):
            key = f"k{n}"
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, NULL, 'Text.', :n)"),
                               {"k": key, "i": f"a{n}", "p": date(2024, 3, n + 1), "n": datetime.now(UTC)})
            connection.execute(text("INSERT INTO quotes (article, n, text, start, \"end\", kind, act, speaker, spans, "
                                    "said) VALUES (:k, 0, :q, 1, 5, 'direct', 'statement', 'X', '[]', :p)"),
                               {"k": key, "q": words, "p": date(2024, 3, n + 1)})
    engine.dispose()
    store = Store(db_url)
    rows = {q["article"]: q["quote"] for q in store.quotes()}
    assert rows["a0"] == rows["a1"] != rows["a2"]
    (harbor_row,) = [q for q in store.distinct_quotes(search="harbor")]
    assert harbor_row["occurrences"] == 2 and harbor_row["first_article"] == "a0"


@pytest.mark.model
def test_a_text_merged_before_can_be_repeated_again(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "first", ["ledger", "courier"]))], store)
    (quote,) = {q["quote"] for q in store.quotes() if "harbor" in q["text"]}
    again = tmp_path / "again"
    again.mkdir()
    for name in ("ledger", "courier"):  # both texts again, one of which was merged into the other's quote
        day, text = STORIES[name]
        (again / f"{name}-again.txt").write_text(f"date 2024-04-01 {text}", encoding="utf-8")
    ingest([str(again)], store)
    assert {q["quote"] for q in store.quotes() if "harbor" in q["text"]} == {quote}
    whole = store.quote(quote)
    assert whole is not None and len(whole["occurrences"]) == 4
    assert_stats_are_a_recount(store)


def test_a_store_from_before_quote_stats_is_filled_by_the_migration(db_url: str) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    from dateline.store.engine import connect, upgrade

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO persons (id, key, name) VALUES ('P000000000001', 'ana|ortiz|', "
                                "'Ana Ortiz')"))
        for n, (name, said) in enumerate([("Ana Ortiz", "We will keep the harbor open"),
                                          ("Ortiz", "We will keep the harbor open"),
                                          (None, "The bridge will be rebuilt soon")]):
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, NULL, 'Text.', :n)"),
                               {"k": f"k{n}", "i": f"a{n}", "p": date(2024, 3, n + 1), "n": datetime.now(UTC)})
            if name:
                connection.execute(text("INSERT INTO people (article, person, name, roles, entity) VALUES "
                                        "(:k, 'p1', :m, '[]', 'P000000000001')"), {"k": f"k{n}", "m": name})
            connection.execute(text("INSERT INTO quotes (article, n, text, start, \"end\", kind, act, speaker, "
                                    "speaker_person, spans, said, text_id, quote) VALUES (:k, 0, :q, 1, 5, 'direct', "
                                    "'statement', :s, :p, '[]', :d, :t, :t)"),
                               {"k": f"k{n}", "q": said, "s": name or "a spokesman", "p": "p1" if name else None,
                                "d": date(2024, 3, n + 1), "t": "Qh" if "harbor" in said else "Qb"})
    engine.dispose()
    store = Store(db_url)
    assert_stats_are_a_recount(store)
    assert [q["quote"] for q in store.distinct_quotes()] == ["Qb", "Qh"]  # newest first appearance first
    assert {q["speaker_id"] for q in store.quotes(speaker="Ana")} == {"P000000000001"}  # "Ortiz" too, by person
    assert len(store.quotes(speaker="Ana")) == 2 and len(store.quotes(speaker="spokes")) == 1


@pytest.mark.model
def test_quotes_export_in_quotebanks_fields(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'q.db'}"
    folder = write_stories(tmp_path / "news", ["ledger", "courier", "gazette"])
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["export", str(out), "--format", "quotebank", "--db", db]).exit_code == 0
    rows = [json.loads(line) for line in (out / "quotebank.jsonl").read_text(encoding="utf-8").splitlines()]
    (harbor_row,) = [r for r in rows if r["numOccurrences"] == 3]
    assert list(harbor_row) == ["quoteID", "quotation", "speaker", "qids", "date", "numOccurrences", "probas", "urls",
                                "phase"]
    assert harbor_row["phase"] == "E"
    assert harbor_row["speaker"] == "Ana Ortiz" and harbor_row["qids"] == [] and harbor_row["urls"] == []
    assert harbor_row["date"] == "2024-03-04 00:00:00"
    assert harbor_row["probas"] == [["Ana Ortiz", "0.6667"], ["Tom Reyes", "0.3333"]]
    assert harbor_row["quotation"].startswith("We will keep the harbor open")
