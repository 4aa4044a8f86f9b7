"""Who spoke and to whom: each strategy of `dateline.extract.resolve`, shown on sentences written for the test.

A speaker has a mention (the words in the attribution: "he", "the company") and a name (who that is). Where the
article does not say who it is, the name is None and the mention stays.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.records import Result


@pytest.fixture
def run(run_rules: Callable[..., Result]) -> Callable[..., Result]:
    """These tests pin the rules' constructions, so they run the rules alone (`--rules-only`); what the trained
    model adds is tested in `test_kinds.py` and `test_attribution.py`."""
    return run_rules


Run = Callable[..., Result]


def speakers(result: Result) -> list[tuple[str | None, str | None]]:
    """(name, mention) of each quote's speaker, in text order."""
    return [(q.speaker.name if q.speaker else None, q.speaker.mention.text if q.speaker and q.speaker.mention else None)
            for q in result.quotes]


def addressees(result: Result) -> list[str | None]:
    return [q.addressee.name if q.addressee else None for q in result.quotes]


# -- organizations as speakers (Build 1) -----------------------------------------------------------------------

def test_the_company_is_the_company_last_named(run: Run) -> None:
    r = run("Harbor Steel Corp. reported a loss on Monday. The company said demand for steel had collapsed.")
    assert speakers(r) == [("Harbor Steel Corp.", "The company")]


def test_it_said_is_the_organization_named_as_subject_before(run: Run) -> None:
    r = run("Northwind Airlines cancelled 40 flights on Tuesday. It said the storm had closed two airports.")
    assert speakers(r) == [("Northwind Airlines", "It")]


def test_the_agency_and_an_acronym_are_the_agency(run: Run) -> None:
    r = run("The Environmental Protection Agency (EPA) proposed a rule on Monday. The EPA said the rule would cut "
            "soot. The agency said it would hold hearings in May.")
    assert {name for name, _ in speakers(r)} == {"Environmental Protection Agency"}
    assert [m for _, m in speakers(r)][-2:] == ["EPA", "The agency"]
    assert [o.name for o in r.organizations] == ["Environmental Protection Agency"]


def test_a_description_in_apposition_names_the_organization(run: Run) -> None:
    r = run("Kestrel, the steelmaker, cut 300 jobs in March.\n\nThe steelmaker said prices would stay low.")
    assert speakers(r) == [("Kestrel", "The steelmaker")]


def test_a_ticker_is_not_part_of_the_name(run: Run) -> None:
    r = run("Shares of Harbor Steel Corp <HBS.N> fell 4 percent. The company said orders were weak.")
    assert speakers(r) == [("Harbor Steel Corp", "The company")]
    assert "Harbor Steel Corp" in {o.name for o in r.organizations}


def test_a_description_with_no_organization_before_it_is_unnamed(run: Run) -> None:
    r = run("The company said demand for steel had collapsed.")
    assert speakers(r) == [(None, "The company")]


# -- titles, descriptions and generic sources (Build 2) --------------------------------------------------------

def test_a_title_is_the_person_given_it(run: Run) -> None:
    r = run("Governor Tom Reyes signed the budget on Monday.\n\nThe governor said the state would hire teachers.")
    assert speakers(r) == [("Tom Reyes", "The governor")]


def test_the_lawmaker_is_the_one_called_senator(run: Run) -> None:
    r = run("Sen. Ana Ortiz toured the plant on Monday. The lawmaker said the jobs would stay in Ohio.")
    assert speakers(r)[0][0] == "Ana Ortiz"


def test_a_headline_title_is_the_person_the_story_names(run: Run) -> None:
    r = run("Lawmaker urges new sanctions on Russia.\n\nRep. Dana Whitfield (D-Md.) said Congress should act.")
    assert speakers(r)[0] == ("Dana Whitfield", "Lawmaker")


@pytest.mark.parametrize("source", ["Officials", "Analysts", "A senior official", "Two people familiar with the talks"])
def test_generic_sources_keep_their_words_and_have_no_name(run: Run, source: str) -> None:
    r = run(f"Mayor Anna Price met the union on Monday. {source} said the strike would end soon.")
    (name, mention), = speakers(r)
    assert name is None and mention is not None and mention.lower().startswith(source.split()[0].lower())


def test_the_candidates_are_everyone_named_as_one(run: Run) -> None:
    r = run("The Democratic candidate Maria Lopez and the Republican candidate Tom Hale met on Monday. The "
            "moderator told the candidates that each would have two minutes.")
    assert addressees(r) == ["Maria Lopez and Tom Hale"]


# -- documents and relayed speech (Build 3) --------------------------------------------------------------------

def test_a_statement_speaks_for_its_issuer(run: Run) -> None:
    r = run("A statement from Harbor Steel Corp. said the mill would reopen.")
    assert speakers(r) == [("Harbor Steel Corp.", "A statement")]


def test_a_document_issued_earlier_speaks_for_its_issuer(run: Run) -> None:
    r = run("The Tax Policy Center released a report on Monday. The report says most families would pay less.")
    assert speakers(r) == [("Tax Policy Center", "The report")]


def test_a_document_with_no_issuer_has_no_name(run: Run) -> None:
    r = run("A statement said the talks would resume on Friday.")
    assert speakers(r) == [(None, "A statement")]


@pytest.mark.parametrize("text", ["Reuters quoted Ortiz as saying the mine would close.",
                                  "Ortiz was quoted by Reuters as saying the mine would close."])
def test_quoted_as_saying_is_the_one_quoted(run: Run, text: str) -> None:
    r = run(text)
    assert speakers(r) == [("Ortiz", "Ortiz")]


def test_according_to_the_rules_is_no_source(run: Run) -> None:
    r = run("The fees were too high, according to the rules of the treaty, the ministry said.")
    assert all(q.cue is None or q.cue.text.lower() != "according to" for q in r.quotes)
    assert [m for _, m in speakers(r)] == ["the ministry"]


def test_according_to_a_source_is_one(run: Run) -> None:
    r = run("The fees were too high, according to Maria Reyes, the treasurer.")
    assert speakers(r)[0][0] == "Maria Reyes"


# -- names (Build 4) -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("later", ["Reyes also said", "Ms. Reyes also said", "Maria also said"])
def test_a_surname_an_honorific_or_a_first_name_is_the_full_name(run: Run, later: str) -> None:
    r = run(f"Maria Reyes, the treasurer, spoke on Monday. {later} the budget was balanced.")
    assert speakers(r)[0][0] == "Maria Reyes"


def test_a_possessive_is_a_mention_of_the_person(run: Run) -> None:
    r = run("Maria Reyes spoke on Monday. Reyes's office said the budget was balanced.")
    (person,) = r.people
    assert [m.text for m in person.mentions] == ["Maria Reyes", "Reyes"]


def test_hyphenated_and_apostrophe_names_stay_whole(run: Run) -> None:
    r = run("Mary Smith-Jones and Pat O'Rourke met on Monday. Smith-Jones said the deal was done.")
    assert {p.name for p in r.people} == {"Mary Smith-Jones", "Pat O'Rourke"}
    assert speakers(r) == [("Mary Smith-Jones", "Smith-Jones")]


def test_two_people_sharing_a_surname_stay_apart(run: Run) -> None:
    r = run("Bill and Hillary Clinton arrived in Ohio on Monday. Hillary Clinton spoke first. Clinton said the "
            "state would decide the election.")
    assert {p.name for p in r.people} == {"Bill Clinton", "Hillary Clinton"}
    assert speakers(r)[0][0] == "Hillary Clinton"


def test_a_surname_two_people_share_is_the_one_the_article_calls_by_it(run: Run) -> None:
    r = run("Nora Vale campaigned in Dunmore on Monday. Vale said the mill mattered. Critics recalled Omar Vale's "
            "years at the mill. Vale said she was proud of them.")
    assert [name for name, _ in speakers(r)] == ["Nora Vale", "Nora Vale"]  # he was "Omar Vale" each time


def test_a_nickname_in_quotation_marks_is_part_of_the_name(run: Run) -> None:
    r = run('Rep. Robert C. "Bobby" Scott held a cookout on Monday. Bobby Scott said the race was close.')
    assert [p.name for p in r.people] == ['Robert C. "Bobby" Scott']


def test_an_epithet_is_not_part_of_the_name(run: Run) -> None:
    r = run("He called her Crooked Hillary Clinton again. Hillary Clinton said she would not respond.")
    assert [p.name for p in r.people] == ["Hillary Clinton"]


# -- pronouns -----------------------------------------------------------------------------------------------------

def test_he_is_the_person_a_subject_he_already_took_up(run: Run) -> None:
    r = run("Former Gov. Ed Rendell spoke on Monday. He added that Hillary Clinton would debate Trump.\n\n"
            "“She will dispel any doubts,” he said.")
    assert speakers(r)[-1][0] == "Ed Rendell"


def test_she_agrees_with_a_first_name(run: Run) -> None:
    r = run("Gary Olsen and Margaret Hale met the press. She said the plan was fair.")
    assert speakers(r) == [("Margaret Hale", "She")]


@pytest.mark.parametrize(("text", "want"), [
    # a woman described, not named, is who "she" takes up: nobody named, not the woman named before her
    ("Sen. Mary Jones spoke first. A woman at the rally said the crowd was angry. “We are tired,” she said.", None),
    ("Like President Obama, I believe in people.\n\nMy mother has softened with age, but she still says things "
     "such as, “We are not all equal.”", None),
    # … unless the sentence goes on to name her
    ("Sen. Mary Jones spoke first. A woman identified herself as a nurse named Carla Diaz. “We are tired,” she said.",
     "Carla Diaz"),
    # an epithet, or a description inside a clause, is no one new
    ("Sen. Mary Jones spoke first. The first lady said the crowd was angry. “We are tired,” she said.", "Mary Jones"),
    ("Mayor Tom Reyes spoke after a man opened fire at the club. “We are heartbroken,” he said.", "Tom Reyes"),
])
def test_he_or_she_after_someone_described_without_a_name(run: Run, text: str, want: str | None) -> None:
    assert speakers(run(text))[-1][0] == want


def test_i_is_the_author_named_in_the_closing_line(run: Run) -> None:
    r = run("I believed the bridge was safe. My neighbors did too.\n\nJane Roe is a civil engineer in Ohio.")
    assert speakers(r) == [("Jane Roe", "I")]


def test_told_me_is_the_author_when_unnamed(run: Run) -> None:
    r = run("“We will not leave,” Mayor Anna Price told me on Monday.")
    assert addressees(r) == ["the author"]


def test_they_is_a_group_named_before(run: Run) -> None:
    r = run("Democrats said the bill was unfair. They noted that the vote was close.")
    assert speakers(r)[1] == ("Democrats", "They")


def test_a_relative_pronoun_is_the_phrase_it_hangs_on_with_its_conjuncts(run: Run) -> None:
    r = run("Both Democrats and Republicans, who questioned the plan, said it cost too much.")
    assert any(name == "Democrats and Republicans" for name, _ in speakers(r))


# -- addressees (Build 5) ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("“We will win,” Anna Price said in an interview with Radio Dunmore.", "Radio Dunmore"),
    ("Anna Price told reporters that the plant would stay open.", "reporters"),
    ("Anna Price told a crowd in Des Moines that the plant would stay open.", "a crowd in Des Moines"),
    ("Anna Price told a meeting of county clerks that the ballots were safe.", "county clerks"),
    ("Anna Price wrote to the council that the plant would stay open.", "the council"),
    ("Anna Price told some of the miners that the plant would stay open.", "some of the miners"),
])
def test_addressees_people_outlets_and_audiences(run: Run, text: str, want: str) -> None:
    assert addressees(run(text)) == [want]


@pytest.mark.parametrize(("text", "want"), [
    ("Anna Price said on ABC’s “This Week” that the plant would stay open.", "This Week"),
    ("Anna Price said on Fox News that the plant would stay open.", "Fox News"),
    ("Anna Price said on Monday that the plant would stay open.", None),
])
def test_said_on_a_program_or_an_outlet_is_said_to_its_audience(run: Run, text: str, want: str | None) -> None:
    assert addressees(run(text)) == [want]


def test_a_program_is_named_with_its_network_in_the_mention(run: Run) -> None:
    r = run("Anna Price told WXYZ’s “Morning Desk” on Friday that the plant would stay open.")
    (q,) = r.quotes
    assert q.addressee is not None and q.addressee.name == "Morning Desk"
    assert q.addressee.mention.text.startswith("WXYZ")


def test_an_outlet_is_named_by_its_fullest_form(run: Run) -> None:
    r = run("Anna Price spoke to Fox News on Monday. “We will stay,” she told Fox.")
    assert addressees(r)[-1] == "Fox News"


def test_told_him_resolves_like_a_speaker(run: Run) -> None:
    r = run("Mayor Anna Price met Gov. Tom Reyes on Monday. She told him that the plant would stay open.")
    assert addressees(r) == ["Tom Reyes"]


def test_an_inverted_speaker_is_not_an_addressee(run: Run) -> None:
    r = run("“Is the water safe?” asked a resident.")
    assert addressees(r) == [None]


def test_the_group_is_the_audience_described_before(run: Run) -> None:
    r = run("Gov. Tom Reyes campaigned among union members at the Dunmore Labor Hall on Friday. Reyes arrived late"
            " from the airport. “We will keep this plant open,” he told the group.")
    assert addressees(r) == ["union members at the Dunmore Labor Hall"]
    assert r.quotes[0].addressee is not None and r.quotes[0].addressee.mention.text == "the group"


def test_the_host_is_who_conducted_the_interview(run: Run) -> None:
    r = run("In an interview with Radio Dunmore’s Carla Mendes, Gov. Tom Reyes spoke about the budget. “We are out of"
            " money,” he told the host.")
    assert addressees(r)[-1] == "Carla Mendes"
    assert r.quotes[-1].addressee is not None and r.quotes[-1].addressee.mention.text == "the host"


def test_an_audience_is_named_without_the_speakers_possessive(run: Run) -> None:
    r = run("Gov. Tom Reyes told his supporters at a rally in Dunmore that the plant would stay open.")
    (q,) = r.quotes
    assert q.addressee is not None and q.addressee.name == "supporters at a rally in Dunmore"
    assert q.addressee.mention.text == "his supporters at a rally in Dunmore"


def test_one_person_keeps_the_possessive(run: Run) -> None:
    r = run("Gov. Tom Reyes told his wife that the plant would stay open.")
    assert addressees(r) == ["his wife"]


# -- participles and misspellings ----------------------------------------------------------------------------------

def test_a_participle_after_a_relative_clause_is_the_main_subject(run: Run) -> None:
    r = run("Gov. Tom Reyes refused to pay a contractor who said he was owed money for a bridge, saying, “The work"
            " was never finished.”")
    assert speakers(r)[-1][0] == "Tom Reyes"


def test_a_participle_inside_a_relative_clause_is_its_subject(run: Run) -> None:
    r = run("The show drew the attention of Congress, where Tom Reyes appeared at a hearing for saying that the pills"
            " were “a cure for every illness.”")
    assert speakers(r)[-1][0] == "Tom Reyes"


def test_a_surname_misspelled_by_one_letter_is_the_person(run: Run) -> None:
    r = run("Leona Marston leads the tenants’ union in Dunmore. Marsten believes that the landlords"
            " ignored the repairs.")
    assert speakers(r) == [("Leona Marston", "Marsten")]


def test_a_surname_close_to_two_people_is_left_as_written(run: Run) -> None:
    r = run("Leona Marston and Peter Marsted lead the tenants’ union. Marsten believes that the landlords ignored it.")
    assert speakers(r)[0][0] != "Leona Marston" and speakers(r)[0][0] != "Peter Marsted"


# -- events read the same resolution -------------------------------------------------------------------------------

def test_an_event_participant_named_by_a_pronoun_is_the_person(run: Run) -> None:
    r = run("Mayor Anna Price flew to Columbus on Sunday. She met Gov. Tom Reyes on Monday.")
    assert any({"Anna Price", "Tom Reyes"} <= set(e.participants) for e in r.events)


# -- wire news ------------------------------------------------------------------------------------------------------

def test_a_wire_dateline_is_not_the_speaker(run: Run) -> None:
    r = run("FRANKFURT (Reuters) - Halder Bank AG <HBKG.DE> said on Tuesday it would cut 2,000 jobs.")
    assert speakers(r)[0][0] == "Halder Bank AG"


@pytest.mark.parametrize("source", ["A spokeswoman for the bank", "A Halder Bank spokeswoman", "Halder Bank officials"])
def test_spokespeople_and_officials_speak_for_their_organization(run: Run, source: str) -> None:
    r = run(f"Halder Bank AG cut 2,000 jobs on Tuesday. {source} said talks with unions would start in May.")
    assert speakers(r)[-1][0] == "Halder Bank AG"


def test_a_ministry_is_not_any_government_body(run: Run) -> None:
    r = run("The White House welcomed the plan on Monday. The ministry said it would study it.")
    assert speakers(r)[-1] == (None, "The ministry")


def test_a_word_that_only_stresses_a_name_is_not_part_of_it(run: Run) -> None:
    r = run("Even China, the North's only ally, said it was “resolutely opposed” to the test.")
    assert speakers(r) == [("China", "Even China")]  # the mention as written, the name without "Even"


def test_a_quote_inside_what_a_named_speaker_said_about_a_thing_is_theirs(run: Run) -> None:
    r = run("Mayor Tom Reyes, opening the hall on Saturday, said it would tell a story of “grief and hope.”")
    assert speakers(r) == [("Tom Reyes", "Mayor Tom Reyes")]  # not "it", the hall, as the one telling


def test_a_surname_the_model_missed_is_the_person_named_in_full(run: Run) -> None:
    r = run("The Latest: Trump urges supporters to watch the polls.\n\nDonald Trump spoke in Ohio on Friday.")
    assert speakers(r)[0] == ("Donald Trump", "Trump")  # not "The Latest", the headline's kicker before the colon


@pytest.mark.parametrize(("text", "want"), [
    ("Sen. Bernie Sanders spoke in Iowa. He said little. His campaign said he raised $33 million.",
     "Bernie Sanders's campaign"),
    ("Hillary Clinton spoke on Friday. She was not surprised by the vote, her advisers said.",
     "Hillary Clinton's advisers"),
    ("The vote was close. His lawyer said the case was closed.", None),  # no one his could be
])
def test_his_campaign_is_the_campaign_of_the_person_his_takes_up(run: Run, text: str, want: str | None) -> None:
    assert speakers(run(text))[-1][0] == want
