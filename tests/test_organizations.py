"""Organizations across the corpus: one organization under its name with or without a corporate suffix, and under
an acronym that an article spells out — the rule in `dateline.store.org_names`, then a store that links
organizations as articles are saved, and a database from before organizations existed, upgraded."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.scale import ingest
from dateline.store import Store
from dateline.store.org_names import acronym_keys, org_key


@pytest.mark.parametrize(("one", "other"), [
    ("Acme Corp.", "ACME Inc"),                       # a corporate suffix, and case
    ("the Acme Corporation", "Acme"),                 # a leading "the"
    ("Société Générale", "Societe Generale"),         # accents
    ("Harlan & Sons Ltd.", "Harlan and Sons"),        # "&", and a suffix
])
def test_forms_of_one_organization_have_one_key(one: str, other: str) -> None:
    assert org_key(one) == org_key(other) is not None


def test_an_acronym_is_its_expansion_only_where_the_article_names_it_so() -> None:
    assert acronym_keys("Harbor Protection Agency", ["Harbor Protection Agency", "HPA", "the agency"]) == ("hpa",)
    assert acronym_keys("Harbor Protection Agency", ["H.P.A."]) == ("hpa",)
    assert acronym_keys("Harbor Protection Agency", ["Harbor Protection Agency"]) == ()  # no acronym used
    assert acronym_keys("Harbor Protection Agency", ["HPB"]) == ()  # not its letters
    assert acronym_keys("HPA", ["HPA"]) == ()  # an acronym alone is filed under itself


STORIES = {
    "o1": ("2024-03-01", "The Harbor Protection Agency (HPA) said on Monday that the port was clean. The HPA said "
                         "it would test the water again in May."),
    "o2": ("2024-03-02", "The HPA said on Tuesday that the water was safe to swim in."),
    "o3": ("2024-03-03", "Officials at the Harbor Protection Agency said the beach would open in June."),
    "o4": ("2024-03-04", "Acme Corp. said on Wednesday that its profit rose by a tenth. Shares of Acme rose."),
    "o5": ("2024-03-05", "Acme Inc said it would hire 200 workers at its plant in Dunmore."),
    "o6": ("2024-03-06", "The Dunmore National Committee met on Friday, and the DNC said it would pick a chairman."),
    "o7": ("2024-03-07", "The Dunmore National Convention opened on Saturday with a speech by the mayor."),
}


def write_stories(folder: Path, which: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for ident in which or list(STORIES):
        day, text = STORIES[ident]
        (folder / f"{ident}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    return folder


@pytest.mark.model
def test_an_organization_under_its_acronym_and_its_suffixes_is_one(db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "news"))], store)
    (agency,) = store.organizations("Harbor")
    assert agency["name"] == "Harbor Protection Agency" and agency["aliases"] == ["HPA"]
    assert agency["articles"] == 3 and agency["id"].startswith("O")
    assert store.organizations("HPA") == [agency]  # any of its names finds it, and so does its id
    assert store.organizations(agency["id"]) == [agency]
    (acme,) = store.organizations("Acme")
    assert acme["articles"] == 2 and acme["first_seen"].isoformat() == "2024-03-04"
    assert {acme["name"], *acme["aliases"]} == {"Acme Corp.", "Acme Inc"}
    # the committee and the convention share their letters, and stay two
    names = [o["name"] for o in store.organizations("Dunmore National")]
    assert sorted(names) == ["Dunmore National Committee", "Dunmore National Convention"]


@pytest.mark.model
def test_an_acronym_seen_first_is_merged_when_spelled_out_and_its_id_keeps_answering(db_url: str,
                                                                                      tmp_path: Path) -> None:
    store = Store(db_url)
    ingest([str(write_stories(tmp_path / "first", ["o2"]))], store)
    (alone,) = store.organizations("HPA")
    ingest([str(write_stories(tmp_path / "second", ["o1", "o3"]))], store)
    (agency,) = store.organizations("Harbor")
    assert agency["articles"] == 3 and agency["name"] == "Harbor Protection Agency"
    assert store.organizations(alone["id"]) == [agency]  # a merged id answers for the survivor
    assert len(list(store.rows("organizations"))) == 1


def test_organizations_stored_before_they_were_linked_are_linked_by_the_migration(db_url: str) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy import text

    from dateline.store.engine import connect, upgrade

    engine = connect(db_url, migrate=False)
    upgrade(engine, "0005")
    texts = ["The Harbor Protection Agency (HPA) said the port was clean.", "The HPA said the water was safe.",
             "Acme Corp. said its profit rose."]
    found = [("Harbor Protection Agency", [[4, 28], [30, 33]]), ("HPA", [[4, 7]]), ("Acme Corp.", [[0, 10]])]
    with engine.begin() as connection:
        for n, (body, (name, spans)) in enumerate(zip(texts, found, strict=True)):
            connection.execute(text("INSERT INTO articles (key, id, url, title, published, source, text, ingested) "
                                    "VALUES (:k, :i, NULL, NULL, :p, NULL, :t, :n)"),
                               {"k": f"k{n}", "i": f"a{n}", "p": date(2024, 3, n + 1), "t": body,
                                "n": datetime.now(UTC)})
            connection.execute(text("INSERT INTO entities (article, kind, name, mentions) "
                                    "VALUES (:k, 'organization', :m, :s)"),
                               {"k": f"k{n}", "m": name, "s": str(spans)})
    engine.dispose()
    store = Store(db_url)  # opening migrates to the newest revision
    (agency,) = store.organizations("HPA")
    assert agency["name"] == "Harbor Protection Agency" and agency["articles"] == 2
    assert [o["name"] for o in store.organizations()] == ["Harbor Protection Agency", "Acme Corp."]
    assert all(r["entity"] for r in store.rows("entities"))


@pytest.mark.model
@pytest.mark.parametrize("batches", [1, 2])
def test_an_acronym_spelled_out_as_two_names_never_makes_them_one(db_url: str, tmp_path: Path, batches: int) -> None:
    store = Store(db_url)
    for n, (ident, day, text) in enumerate([
        ("d1", "2024-05-01", "The Dunmore National Committee (DNC) said on Monday that it would meet in June."),
        ("d2", "2024-05-02", "The Dunmore National Convention (DNC) opened on Tuesday with a speech by the mayor."),
    ]):
        folder = tmp_path / f"news{n if batches == 2 else 0}"
        folder.mkdir(exist_ok=True)
        (folder / f"{ident}.txt").write_text(f"date {day} {text}", encoding="utf-8")
        if batches == 2 or n == 1:  # each article its own batch, or both in one
            ingest([str(folder)], store)
    names = sorted(o["name"] for o in store.organizations("Dunmore National"))
    assert names == ["Dunmore National Committee", "Dunmore National Convention"]
