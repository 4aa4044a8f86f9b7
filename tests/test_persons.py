"""Persons across the corpus: one person under the forms of their name that articles give, and different people
kept apart — the rule in `dateline.store.names`, then a store that links articles as they are saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.scale import ingest
from dateline.store import Store
from dateline.store.names import person_key


@pytest.mark.parametrize(("one", "other"), [
    ("Maria Elena Reyes", "Maria Reyes"),          # a middle name
    ("Maria E. Reyes", "Maria Reyes"),             # a middle initial
    ("María Reyes", "MARIA REYES"),                # accents and case
    ("Gov. Maria Reyes", "Maria Reyes"),           # a title
])
def test_forms_of_one_name_have_one_key(one: str, other: str) -> None:
    assert person_key(one) == person_key(other) is not None


@pytest.mark.parametrize(("one", "other"), [
    ("Bill Clinton", "Hillary Clinton"),           # two first names, one surname
    ("Tom Reyes Jr.", "Tom Reyes"),                # a son and his father
    ("Tom Reyes Jr.", "Tom Reyes Sr."),
    ("J. Reyes", "Jorge Reyes"),                   # an initial could be anyone's
])
def test_different_people_have_different_keys(one: str, other: str) -> None:
    assert person_key(one) != person_key(other)


def test_a_surname_alone_has_no_key() -> None:
    assert person_key("Reyes") is None


@pytest.mark.parametrize("name", [
    "Hugo Brandt", "MARIA REYES", "José Núñez", "Xi Jinping",    # plain: first name and surname as written
    "Gov Fallin", "Pope Francis", "King Abdullah",                # a title
    "Fred Sr", "Elward Edd",                                      # a suffix (Ed.D.)
    "Abu Bakr", "Ben Van",                                        # a bound first name, a surname prefix
])
def test_two_word_names_are_split_as_nameparser_splits_them(name: str) -> None:
    from nameparser import HumanName

    from dateline.store.names import _parts, _plain

    parsed = HumanName(name)
    assert _parts(name) == tuple(map(_plain, (parsed.first, parsed.last, parsed.suffix, parsed.nickname)))


STORIES = {
    "a1": ("2024-03-01", "Maria Elena Reyes, the governor, said on Friday that the harbor would stay open."),
    "a2": ("2024-03-02", "Gov. Maria Reyes told reporters that the budget was balanced."),
    "a3": ("2024-03-03", "Maria Reyes said the bridge would be rebuilt. Reyes added that it would take a year."),
    "a4": ("2024-03-04", "Maria E. Reyes said the vote would wait until spring."),
    "a5": ("2024-03-05", "“We are ready,” said Maria Reyes, who spoke in Dunmore on Tuesday."),
    "b1": ("2024-03-06", "Tom Reyes Jr. said his father, Tom Reyes, had built the mill. Tom Reyes said he was proud."),
    "b2": ("2024-03-07", "Bill Clinton and Hillary Clinton spoke in Dunmore. Bill Clinton said the mill mattered."),
    "c1": ("2024-03-08", "Mr. Reyes said on Monday that the plan had failed."),
}


def write_stories(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for ident, (day, text) in STORIES.items():
        (folder / f"{ident}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    return folder


@pytest.mark.model
def test_one_person_under_four_name_forms_in_five_articles_is_one(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news"))], store)
    reyes = [p for p in store.people("Maria") if "Reyes" in p["name"]]
    assert len(reyes) == 1
    (maria,) = reyes
    assert maria["name"] == "Maria Elena Reyes" and maria["articles"] == 5
    assert set(maria["aliases"]) == {"Maria Reyes", "Maria E. Reyes"}  # and "Gov. Maria Reyes", "Reyes" in them
    assert maria["id"].startswith("P") and maria["quotes"] >= 5


@pytest.mark.model
def test_fathers_sons_husbands_and_wives_and_lone_surnames_stay_apart(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news"))], store)
    names = [p["name"] for p in store.people()]
    assert "Tom Reyes Jr." in names and "Tom Reyes" in names
    assert "Bill Clinton" in names and "Hillary Clinton" in names
    lone = [p for p in store.people("Reyes") if p["name"] == "Reyes"]
    assert len(lone) == 1 and lone[0]["articles"] == 1  # a bare surname is its article's own person
    assert len({p["id"] for p in store.people()}) == len(store.people())


def test_people_stored_before_persons_existed_are_linked_by_the_migration(db_url: str) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    from dateline.store.engine import connect, upgrade
    from dateline.store.names import person_id

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        for n, (key, name) in enumerate([("k1", "Maria Elena Reyes"), ("k2", "Maria Reyes"), ("k3", "Reyes")]):
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, NULL, 'Text.', :n)"),
                               {"k": key, "i": f"a{n}", "p": date(2024, 3, n + 1), "n": datetime.now(UTC)})
            connection.execute(text("INSERT INTO people (article, person, name, roles) VALUES (:k, 'p1', :m, '[]')"),
                               {"k": key, "m": name})
    engine.dispose()
    store = Store(db_url)  # opening migrates to the newest revision
    linked = {r["name"]: r["entity"] for r in store.rows("people")}
    assert linked["Maria Elena Reyes"] == linked["Maria Reyes"] == person_id("maria|reyes|")
    assert linked["Reyes"] not in {linked["Maria Reyes"], None}
    assert {r["id"]: r["name"] for r in store.rows("persons")}[linked["Maria Reyes"]] == "Maria Elena Reyes"
    (maria,) = [p for p in store.people("Maria")]
    assert maria["articles"] == 2 and maria["aliases"] == ["Maria Reyes"]


@pytest.mark.model
def test_a_person_page_and_quotes_by_any_of_their_names(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news"))], store)
    maria = store.person("Maria")
    assert maria is not None and maria["name"] == "Maria Elena Reyes"
    assert store.person(maria["id"]) == maria
    assert [r["role"] for r in maria["roles"]] == ["governor", "Gov."]
    assert maria["quotes_by_month"] == [{"month": "2024-03", "quotes": maria["quotes"]}]
    assert {"name": "reporters", "times": 1} in maria["spoke_to"]
    by_alias = store.quotes(speaker="Maria E. Reyes")  # any form of her name finds all her quotes
    by_id = store.quotes(speaker=maria["id"])
    assert len(by_alias) == len(by_id) == maria["quotes"]
    assert {q["speaker_id"] for q in by_id} == {maria["id"]}
    assert store.person("Nobody Here") is None


@pytest.mark.model
def test_a_nickname_shown_later_merges_two_persons_and_their_old_ids_keep_answering(db_url: str,
                                                                                   tmp_path: Path) -> None:
    store = Store(db_url)
    first = tmp_path / "first"
    first.mkdir()
    (first / "n1.txt").write_text("date 2024-03-01 Bill Reyes said the mill would stay open.", encoding="utf-8")
    (first / "n2.txt").write_text("date 2024-03-02 William Reyes said the mill was old.", encoding="utf-8")
    ingest([str(first)], store)
    apart = [p["id"] for p in store.people("Reyes")]
    assert len(apart) == 2
    second = tmp_path / "second"
    second.mkdir()
    (second / "n3.txt").write_text('date 2024-03-03 Gov. William J. “Bill” Reyes said the mill would close.',
                                   encoding="utf-8")
    ingest([str(second)], store)
    (one,) = store.people("Reyes")
    assert one["id"] == min(apart) and one["articles"] == 3
    assert set(one["aliases"]) >= {"Bill Reyes", "William Reyes"}
    for old in apart:
        person = store.person(old)
        assert person is not None and person["id"] == one["id"]
        assert len(store.quotes(speaker=old)) == one["quotes"]


def test_a_nickname_stored_before_merges_existed_is_merged_by_the_migration(db_url: str) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    from dateline.store.engine import connect, upgrade

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        for n, name in enumerate(["Bill Reyes", "William Reyes", 'William J. "Bill" Reyes']):
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, NULL, 'Text.', :n)"),
                               {"k": f"k{n}", "i": f"a{n}", "p": date(2024, 3, n + 1), "n": datetime.now(UTC)})
            connection.execute(text("INSERT INTO people (article, person, name, roles) VALUES (:k, 'p1', :m, '[]')"),
                               {"k": f"k{n}", "m": name})
    engine.dispose()
    store = Store(db_url)
    assert len({r["entity"] for r in store.rows("people")}) == 1
    assert len(list(store.rows("person_merges"))) == 1
    (reyes,) = store.people("Reyes")
    assert reyes["articles"] == 3


@pytest.mark.model
def test_a_name_of_a_person_merged_before_joins_the_survivor(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    for n, (day, text) in enumerate([("2024-03-01", "Bill Reyes said the mill would stay open."),
                                     ("2024-03-02", "William Reyes said the mill was old."),
                                     ("2024-03-03", "Gov. William J. “Bill” Reyes said the mill would close."),
                                     ("2024-03-04", "Bill Reyes said on Thursday that the mill had closed."),
                                     ("2024-03-05", "William Reyes said the workers would be paid.")]):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        (folder / f"n{n}.txt").write_text(f"date {day} {text}", encoding="utf-8")
        ingest([str(folder)], store)
    (one,) = store.people("Reyes")
    assert one["articles"] == 5
    assert [p["id"] for p in store.rows("persons")] == [one["id"]]  # no merged person comes back


def test_a_first_name_in_another_form_is_a_candidate_only_with_the_same_surname() -> None:
    from dateline.store.names import nickname_keys, roles_agree

    assert "bill|harlan|" in nickname_keys("William Harlan")
    assert "william|harlan|" in nickname_keys("Bill Harlan")
    assert "william|harlan|jr" in nickname_keys("Bill Harlan Jr.")  # a suffix still counts
    assert nickname_keys("Harlan") == () and nickname_keys("Xavier Harlan") == ()
    assert roles_agree(["Gov."], ["governor of Dunmore"]) and roles_agree(["former President"], ["the president"])
    assert not roles_agree(["coach"], ["senator"]) and not roles_agree(["former"], ["former"])


@pytest.mark.model
def test_a_nickname_joins_a_person_only_where_the_surname_and_a_role_agree(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for ident, (day, text) in {
        "h1": ("2024-04-01", "Gov. Bill Harlan said the road would open in May."),
        "h2": ("2024-04-02", "Governor William Harlan said the budget was short."),
        "k1": ("2024-04-03", "Bob Okafor, the coach, said the team was ready."),
        "k2": ("2024-04-04", "Robert Okafor, a senator, said the farm bill had failed."),
        "s1": ("2024-04-05", "Bob Stein said the market would reopen."),
        "s2": ("2024-04-06", "Robert Stein said the harvest was late."),
    }.items():
        (folder / f"{ident}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    store = Store(db_url)
    ingest([str(folder)], store)
    (harlan,) = store.people("Harlan")  # a governor both times: one person
    assert harlan["articles"] == 2 and {harlan["name"], *harlan["aliases"]} == {"Bill Harlan", "William Harlan"}
    assert len(store.people("Okafor")) == 2  # a coach and a senator
    assert len(store.people("Stein")) == 2  # nothing known of either but the name
