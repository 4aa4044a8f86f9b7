"""Who is who across a corpus: what is no person and no organization (headlines, tables, tickers, months), an
organization kept apart from another country's, and a person named by a surname alone joined to the one person of
the corpus it fits — or kept apart, saying why. Each construction is tried on sentences written here, positive and
negative; `dateline eval persons` is checked against the reference scorer's figures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from dateline.extract.people import headline_lines, headline_verb, table_rows
from dateline.records import Result
from dateline.scale import ingest
from dateline.serve.cli import app
from dateline.store import Store
from dateline.store.names import Profile, agrees, surname, weak
from dateline.store.org_names import acronym_keys, article_only, org_key

# the rules, without a model


def test_a_title_case_line_is_a_headline_and_a_sentence_is_not() -> None:
    text = "Obama Reverses Bush on Species Protection\nThe president said on Friday that he would act.\nJohn Smith"
    assert headline_lines(text) == [(0, 41), (90, 100)]  # the byline is title case too: a name alone stays a name


@pytest.mark.parametrize(("word", "verb"), [("Dies", True), ("Reverses", True), ("Placed", True), ("Says", True),
                                            ("Williams", False), ("Thomas", False), ("Cheeks", False),
                                            ("Bush", False)])
def test_a_headline_verb_is_told_from_a_surname(word: str, verb: bool) -> None:
    assert headline_verb(word, first=False) is verb


def test_the_rows_of_an_earnings_table_are_found_and_its_note_is_not() -> None:
    text = ("Shr 39 cts vs 50 cts\n\nNet 1,545,160 vs 2,188,933\n\nRevs not given\n\nAvg shrs 4,000,000 vs 3,000,000"
            "\n\nNOTE: Results include a gain of 848,600 dlrs or 20 cts a share from the sale of its unit.")
    rows = [text[a:b] for a, b in table_rows(text)]
    assert rows == ["Shr 39 cts vs 50 cts", "Net 1,545,160 vs 2,188,933", "Revs not given",
                    "Avg shrs 4,000,000 vs 3,000,000"]


def test_a_bare_surname_agrees_only_with_no_gender_role_or_time_against_it() -> None:
    senator = Profile(gender="m", roles=["Sen."], first=date(1987, 3, 1), last=date(1987, 3, 30))
    assert agrees(Profile(roles=["Senator"], first=date(1987, 3, 2), last=date(1987, 3, 2)), senator)
    assert not agrees(Profile(roles=["coach"]), senator)  # a coach and a senator of one name
    assert not agrees(Profile(gender="f"), senator)  # "Mrs. Smith"
    assert not agrees(Profile(first=date(2004, 1, 1), last=date(2004, 1, 1)), senator)  # seventeen years later
    assert agrees(Profile(), senator)  # nothing against: a candidate (joined only where the one)


def test_a_one_off_name_with_no_known_first_name_is_a_weak_candidate() -> None:
    assert weak("athough|reagan|", Profile(articles=1), 41)  # "Athough Reagan": a misspelt "Although"
    assert not weak("nancy|reagan|", Profile(articles=1), 41)
    assert not weak("athough|reagan|", Profile(articles=2), 41)
    assert not weak("howard|baker|", Profile(articles=1), 2)  # beside a person named no more often
    assert surname("Ronald Reagan") == surname("Reagan") == "reagan"


@pytest.mark.parametrize(("one", "other"), [
    ("U.S. Department of Agriculture", "U.S. Agriculture Department"),
    ("United States Treasury", "U.S. Treasury"),
    ("Japan's Finance Ministry", "Japanese Finance Ministry"),
])
def test_forms_of_one_countrys_institution_have_one_key(one: str, other: str) -> None:
    assert org_key(one) == org_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Japanese Finance Ministry", "French Finance Ministry"),
    ("U.S. Treasury", "British Treasury"),
    ("American Express", "U.S. Express"),  # a country is one only in an institution's name
])
def test_two_countries_institutions_have_two_keys(one: str, other: str) -> None:
    assert org_key(one) != org_key(other)


def test_a_generic_name_is_its_articles_own_and_a_countrys_is_not() -> None:
    assert article_only("Treasury") and article_only("the Finance Ministry") and article_only("Reserve Bank")
    assert not article_only("U.S. Treasury") and not article_only("Federal Reserve")


def test_an_acronym_or_a_clipped_word_an_article_gives_is_a_key_of_the_name() -> None:
    assert acronym_keys("U.S. Department of Agriculture", ["USDA"]) == ("usda",)
    assert acronym_keys("Federal Reserve", ["the Fed"]) == ("fed",)
    assert acronym_keys("Federal Reserve", ["Federal"]) == ()  # the name's own word is no short form
    assert acronym_keys("Acme Steel", ["ABC"]) == ()


# extraction, with a model

PersonsOf = Callable[[Result], list[str]]


def names(result: Result) -> list[str]:
    return [p.name for p in result.people]


def organizations(result: Result) -> list[str]:
    return [o.name for o in result.organizations]


@pytest.mark.model
def test_a_headline_names_the_person_the_article_names(run: Callable[..., Result]) -> None:
    result = run("Obama Says He Will Veto Bill\n\nPresident Barack Obama said on Friday that he would veto the bill.")
    assert names(result) == ["Barack Obama"]
    result = run("Esther Williams Dies At 91\n\nThe swimmer and actress died on Thursday, her publicist said.")
    assert names(result) == ["Esther Williams"]


@pytest.mark.model
def test_a_name_in_an_ordinary_sentence_is_not_cut(run: Callable[..., Result]) -> None:
    assert names(run("Pierre Thomas said on Friday that the team would play.")) == ["Pierre Thomas"]


@pytest.mark.model
def test_an_earnings_table_names_no_one(run: Callable[..., Result]) -> None:
    result = run("Shr 39 cts vs 50 cts\n\nNet 1,545,160 vs 2,188,933\n\nRevs 25.2 mln vs 19.5 mln\n\n"
                 "Avg shrs 4,000,000 vs 3,000,000\n\nThe company paid 20 cts a share, Acme Corp said.")
    assert not {"Revs", "Avg", "cts", "Shr"} & {*names(result), *organizations(result)}
    assert "Acme Corp" in organizations(result)


@pytest.mark.model
def test_a_ticker_months_and_quantifiers_are_not_names(run: Callable[..., Result]) -> None:
    result = run("Pechiney <PUKG.PA> said it would buy the plant in March, and Several said nothing.")
    assert "Pechiney" in organizations(result)
    assert not any("<" in n or "PUKG" in n for n in [*names(result), *organizations(result)])
    assert not {"March", "Several"} & set(names(result))


@pytest.mark.model
def test_an_institution_keeps_its_country(run: Callable[..., Result]) -> None:
    result = run("The Japanese Finance Ministry said it would act, and the U.S. Treasury agreed. The Finance "
                 "Ministry said later that the Treasury had been told.")
    assert organizations(result) == ["Japanese Finance Ministry", "U.S. Treasury"]


@pytest.mark.model
def test_a_name_the_model_took_for_an_organization_is_a_person_when_the_sentence_says_so(
        run: Callable[..., Result]) -> None:
    assert "Bettie Page" in names(run("Bettie Page, the 1950s pinup and bondage model who inspired many, died "
                                      "yesterday in Los Angeles."))
    assert "Dean Witter" in organizations(run("Dean Witter, the brokerage, said it would buy the bonds."))


# across a corpus

STORIES = {
    "r1": ("1987-03-02", "President Ronald Reagan said on Monday that the budget would pass."),
    "r2": ("1987-03-03", "Reagan told reporters that he would sign the bill."),
    "r3": ("1987-03-04", "Treasury Secretary James Baker said the dollar was stable."),
    "r4": ("1987-03-05", "White House chief of staff Howard Baker said the president was rested."),
    "r5": ("1987-03-06", "Treasury Secretary Baker said the talks had gone well."),
    "r6": ("1987-03-07", "Baker said on Saturday that the plan would work."),
    "c1": ("1987-03-08", "Bill Clinton and Hillary Clinton spoke in Little Rock. Bill Clinton said the mill mattered."),
    "c2": ("1987-03-09", "Mrs. Clinton said the school would open in the fall."),
    "c3": ("1987-03-10", "Clinton said on Tuesday that the vote would wait."),
    "s1": ("1987-03-11", "Sen. John Okafor said the farm bill would pass."),
    "s2": ("1987-03-12", "Football coach Okafor said the team would win on Sunday."),
    "t1": ("1987-03-13", "Japan's Finance Ministry said it would act. The Finance Ministry declined to say when."),
    "t2": ("1987-03-14", "The French Finance Ministry said rates would fall."),
    "t3": ("1987-03-15", "The Finance Ministry said the yen was stable."),
    "t4": ("1987-03-16", "The Finance Ministry said the franc was stable."),
    "u1": ("1987-03-17", "The U.S. Department of Agriculture (USDA) said wheat exports rose."),
    "u2": ("1987-03-18", "The U.S. Agriculture Department said corn exports fell."),
    "u3": ("1987-03-19", "USDA officials said the report was late."),
    "f1": ("1987-03-20", "The Federal Reserve left rates alone, and the Fed said it would watch the dollar."),
    "f2": ("1987-03-21", "The Fed said on Friday that it had added reserves."),
}


@pytest.fixture
def corpus(db_url: str, tmp_path: Path) -> Store:
    folder = tmp_path / "news"
    folder.mkdir()
    for ident, (day, text) in STORIES.items():
        (folder / f"{ident}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    store = Store(db_url)
    ingest([str(folder)], store)
    return store


def one(store: Store, name: str) -> dict[str, object]:
    (found,) = [p for p in store.people(name) if p["name"] == name]
    return found


@pytest.mark.model
def test_a_bare_surname_joins_the_one_person_it_fits_and_says_why(corpus: Store) -> None:
    reagan = one(corpus, "Ronald Reagan")
    assert reagan["articles"] == 2 and not [p for p in corpus.people("Reagan") if p["name"] == "Reagan"]
    assert any("surname" in why for why in reagan["evidence"])  # type: ignore[attr-defined]


@pytest.mark.model
def test_a_title_and_surname_join_the_one_whose_role_agrees_and_a_bare_surname_of_two_stays_apart(
        corpus: Store) -> None:
    james, howard = one(corpus, "James Baker"), one(corpus, "Howard Baker")
    assert james["articles"] == 2 and howard["articles"] == 1  # "Treasury Secretary Baker" is James Baker
    (bare,) = [p for p in corpus.people("Baker") if p["name"] == "Baker"]
    assert bare["articles"] == 1 and bare["evidence"] == [
        "apart: 2 persons of this surname agree (Howard Baker, James Baker)"]


@pytest.mark.model
def test_two_clintons_stay_two_and_mrs_clinton_is_hillary(corpus: Store) -> None:
    bill, hillary = one(corpus, "Bill Clinton"), one(corpus, "Hillary Clinton")
    assert bill["id"] != hillary["id"]
    assert hillary["articles"] == 2 and bill["articles"] == 1  # "Mrs. Clinton" by her honorific
    assert [p["name"] for p in corpus.people("Clinton") if p["name"] == "Clinton"] == ["Clinton"]


@pytest.mark.model
def test_a_coach_and_a_senator_of_one_name_stay_two(corpus: Store) -> None:
    assert one(corpus, "John Okafor")["articles"] == 1
    assert one(corpus, "Okafor")["roles"] == ["Football coach"]


@pytest.mark.model
def test_a_merged_persons_id_keeps_answering(corpus: Store) -> None:
    reagan = one(corpus, "Ronald Reagan")
    merged = [r["old"] for r in corpus.rows("person_merges") if r["new"] == reagan["id"]]
    assert merged and corpus.person(merged[0])["id"] == reagan["id"]  # type: ignore[index]


@pytest.mark.model
def test_two_countries_finance_ministries_stay_two_and_a_bare_one_stays_its_articles(corpus: Store) -> None:
    ministries = {(o["name"], o["articles"]) for o in corpus.organizations("Finance Ministry")}
    assert ministries == {("Japan's Finance Ministry", 1), ("French Finance Ministry", 1), ("Finance Ministry", 1)}
    assert len(corpus.organizations("Finance Ministry")) == 4  # the two bare ones are two


@pytest.mark.model
def test_an_acronym_and_a_short_form_join_their_expansion(corpus: Store) -> None:
    (usda,) = corpus.organizations("Agriculture")
    assert usda["articles"] == 3 and set(usda["aliases"]) >= {"USDA", "U.S. Agriculture Department"}
    (fed,) = corpus.organizations("Fed")
    assert fed["name"] == "Federal Reserve" and fed["articles"] == 2
    whys = {r["why"] for r in corpus.rows("organization_merges")}
    assert any(w and w.startswith("acronym") for w in whys)


# the score

@pytest.mark.model
def test_eval_persons_prints_what_the_reference_scorer_prints(tmp_path: Path) -> None:
    gold = shared_path("data", "ecbplus", "traindev.gold.jsonl")
    articles = shared_path("data", "ecbplus", "traindev.jsonl")
    if not gold.is_file():
        pytest.skip("../shared/data/ecbplus is not there")
    picked = [line for line in articles.read_text(encoding="utf-8").splitlines() if line.startswith(
        ('{"id": "1_1', '{"id": "4_1'))]
    ids = {json.loads(line)["id"] for line in picked}
    (tmp_path / "some.jsonl").write_text("\n".join(picked) + "\n", encoding="utf-8")
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("".join(line + "\n" for line in gold.read_text(encoding="utf-8").splitlines()
                                 if json.loads(line)["id"] in ids), encoding="utf-8")
    db = tmp_path / "ecb.db"
    ingest([str(tmp_path / "some.jsonl")], Store(f"sqlite:///{db}"))
    ours = CliRunner().invoke(app, ["eval", "persons", str(gold_file), "--db", str(db), "--json"])
    assert ours.exit_code == 0, ours.output
    theirs = subprocess.run([sys.executable, str(shared_path("bench", "score_ecbplus.py")), str(gold_file), str(db),
                             "--json"], capture_output=True, text=True, check=True)
    mine, reference = json.loads(ours.output.splitlines()[0]), json.loads(theirs.stdout)
    assert mine["b3_mentions_P_R_F1"] == reference["b3_mentions_P_R_F1"]
    assert mine["b3_documents_P_R_F1"] == reference["b3_documents_P_R_F1"]
    assert mine["split"] == reference["chains"].get("split", 0) and mine["gold_mentions"] > 0


def test_eval_persons_without_gold_chains_says_so(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a1", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "persons", str(gold), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "D700" in result.output
