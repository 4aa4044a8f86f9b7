"""Quote rules, each shown on sentences written for the test."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from dateline.extract.marks import quotations
from dateline.records import Result


@pytest.fixture
def run(run_rules: Callable[..., Result]) -> Callable[..., Result]:
    """These tests pin the rules' constructions, so they run the rules alone (`--rules-only`); what the trained
    model adds is tested in `test_kinds.py` and `test_attribution.py`."""
    return run_rules


Run = Callable[..., Result]


def only(result: Result, kind: str | None = None) -> list[tuple[str, str | None, str | None, str]]:
    return [(q.text, q.speaker.name if q.speaker else None, q.cue.text if q.cue else None, q.kind)
            for q in result.quotes if kind is None or q.kind == kind]


def test_quotation_marks_pair_within_a_paragraph_and_run_on_across_paragraphs() -> None:
    text = "“One,” he said. “Two.”\n\n“Three, and\n\n“four.”\n\nNo quote here."
    found = [(text[q.start:q.end], q.closed) for q in quotations(text)]
    assert found == [("One,", True), ("Two.", True), ("Three, and\n\n“four.", True)]


def test_cue_after_the_quote(run: Run) -> None:
    r = run("“We will rebuild the bridge,” Mayor Anna Price said.")
    assert only(r) == [("We will rebuild the bridge,", "Anna Price", "said", "direct")]


def test_inverted_cue(run: Run) -> None:
    r = run("“We will rebuild the bridge,” said Mayor Anna Price.")
    assert only(r) == [("We will rebuild the bridge,", "Anna Price", "said", "direct")]


def test_cue_before_the_quote_with_a_colon(run: Run) -> None:
    r = run("Governor Tom Reyes said: “The budget is balanced.”")
    assert only(r) == [("The budget is balanced.", "Tom Reyes", "said", "direct")]


def test_addressee_of_told(run: Run) -> None:
    r = run("“The bridge will open in May,” Anna Price told reporter Sam Lee.")
    (q,) = r.quotes
    assert q.addressee is not None and q.addressee.name == "Sam Lee"


def test_quote_without_a_cue_continues_the_speaker_of_its_paragraph(run: Run) -> None:
    r = run("“We will rebuild the bridge,” said Anna Price. “It will take two years.”")
    assert only(r)[1] == ("It will take two years.", "Anna Price", None, "direct")


def test_pronoun_speaker_resolved_to_the_person(run: Run) -> None:
    r = run("Anna Price visited the site on Monday.\n\n“It is worse than we thought,” she said.")
    (q,) = r.quotes
    assert q.speaker is not None and q.speaker.mention is not None
    assert (q.speaker.name, q.speaker.mention.text) == ("Anna Price", "she")


def test_partial_quote_inside_reported_speech_is_mixed(run: Run) -> None:
    r = run("Anna Price told reporters that the repairs were “far more urgent than anyone admitted” last year.")
    (q,) = [q for q in r.quotes if q.kind != "indirect"]
    assert (q.text, q.kind, q.speaker.name if q.speaker else None) == (
        "far more urgent than anyone admitted", "mixed", "Anna Price")
    (content,) = q.spans
    assert r.text[content[0]:content[1]].startswith("the repairs were")


def test_quote_over_two_paragraphs(run: Run) -> None:
    r = run("“The first thing we did was close the road,” said Anna Price. “Then we called the engineers.\n\n"
            "“They came within the hour.”")
    texts = [q.text for q in r.quotes]
    assert "Then we called the engineers.\n\n“They came within the hour." in texts


def test_indirect_speech_with_that(run: Run) -> None:
    r = run("Senator Maria Lopez said that the bill would pass next month.")
    assert only(r, "indirect") == [("the bill would pass next month", "Maria Lopez", "said", "indirect")]


def test_indirect_speech_after_according_to(run: Run) -> None:
    r = run("According to the county clerk, the ballots were counted twice.")
    assert only(r, "indirect") == [("the ballots were counted twice", None, "According to", "indirect")]
    assert r.quotes[0].speaker is not None and r.quotes[0].speaker.mention.text == "the county clerk"


def test_negated_speech_is_not_a_quote(run: Run) -> None:
    r = run("The ministry did not say whether the talks would resume. Anna Price declined to say how much it cost.")
    assert r.quotes == []


def test_asking_whether_is_no_quote_and_a_quoted_question_is_marked_as_one(run: Run) -> None:
    r = run("Reporters asked Anna Price whether the bridge was safe. “Is it safe?” asked a resident.")
    (q,) = r.quotes
    assert (q.text, q.act, q.cue.text if q.cue else None) == ("Is it safe?", "question", "asked")
    assert q.speaker is not None and q.speaker.mention is not None and q.speaker.mention.text == "a resident"


def test_a_title_is_no_quote_but_words_a_naming_verb_puts_on_something_are(run: Run) -> None:
    r = run("Anna Price, a host on “The Morning Hour,” called the plan “reckless” on Friday.")
    (q,) = [q for q in r.quotes if q.kind != "indirect"]
    assert (q.text, q.kind, q.speaker.name if q.speaker else None) == ("reckless", "mixed", "Anna Price")
    assert r.text[q.spans[0][0]:q.spans[0][1]] == "the plan “reckless"


def test_organization_as_speaker(run: Run) -> None:
    r = run("The White House said the president would travel to Ohio on Friday.")
    (q,) = r.quotes
    assert q.speaker is not None and q.speaker.name == "White House" and q.speaker.person is None


def test_colon_at_the_end_of_a_paragraph_introduces_the_next_quote(run: Run) -> None:
    r = run("Senator Maria Lopez added:\n\n“The committee has not seen the report.”")
    (q,) = r.quotes
    assert (q.speaker.name if q.speaker else None, q.cue.text if q.cue else None) == ("Maria Lopez", "added")


def test_a_paragraph_that_is_only_a_quote_continues_the_last_speaker(run: Run) -> None:
    r = run("“We will rebuild the bridge,” said Mayor Anna Price.\n\n“It will take two years and cost a lot.”")
    assert [q.speaker.name if q.speaker else None for q in r.quotes] == ["Anna Price", "Anna Price"]


def test_quoted_term_in_the_narrators_sentence_is_not_a_quote(run: Run) -> None:
    r = run("The so-called “bridge to nowhere” opened in May, and a “quiet” summer followed.")
    assert r.quotes == []


def test_which_finder_found_a_quote_and_how_sure_it_is_go_through_the_contract(run: Run) -> None:
    r = run("“We will rebuild the bridge,” Mayor Anna Price said.")
    data = json.loads(json.dumps(r.to_dict()))
    (q,) = Result.from_dict(data).quotes
    assert (data["schema"], q.found_by, q.confidence) == ("dateline/1", r.quotes[0].found_by, r.quotes[0].confidence)
    assert q.found_by == "direct.governing" and 0 < (q.confidence or 0) <= 1
    for quote in data["quotes"]:  # a result written before quotes said them reads back without them
        del quote["found_by"], quote["confidence"]
    (q,) = Result.from_dict(data).quotes
    assert (q.found_by, q.confidence) == (None, None)
