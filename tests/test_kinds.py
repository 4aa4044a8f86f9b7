"""Every kind of attribution a reader asks about (issue 33, Build 3), on sentences written here: what was said
and by whom, what kind of act it reports (`act`), what kind of source (`source_kind`), and whether it is reported
inside another's words (`within`); and what is no quote at all. The default pipeline runs: rules and the shipped
model together."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.records import Quote, Result

pytestmark = pytest.mark.model

Run = Callable[..., Result]


def found(run: Run, text: str, cue: str) -> Quote:
    quotes = [q for q in run(text).quotes if q.cue is not None and q.cue.text.lower().startswith(cue.lower())]
    assert quotes, f"no quote with the cue {cue!r} in {text!r}"
    return quotes[0]


def speaker(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


@pytest.mark.parametrize(("text", "cue", "words"), [
    ("Senator Tom Kurtz tweeted that the vote was rigged.", "tweeted", "the vote was rigged"),
    ("The company estimated that sales would fall 5 percent.", "estimated", "sales would fall 5 percent"),
    ("Judge Mary Vance ruled that the law was unconstitutional.", "ruled", "the law was unconstitutional"),
    ("Mayor Ann Roe wrote that the bridge would reopen in May.", "wrote", "the bridge would reopen in May"),
])
def test_speech_and_writing_are_statements(run: Run, text: str, cue: str, words: str) -> None:
    quote = found(run, text, cue)
    assert quote.act == "statement" and words in quote.text and quote.kind == "indirect"


def test_both_acts_of_said_adding(run: Run) -> None:
    quotes = run("Mayor Ann Roe said the bridge would reopen in May, adding that tolls would stay.").quotes
    assert [(q.cue.text if q.cue else None, speaker(q)) for q in quotes] == [("said", "Ann Roe"),
                                                                             ("adding", "Ann Roe")]
    assert "tolls would stay" in quotes[1].text and "tolls" not in quotes[0].text


def test_a_nominal_cue_with_its_owner(run: Run) -> None:
    quote = found(run, "Roe's announcement that she would run surprised her party.", "announcement")
    assert quote.text == "she would run" and speaker(quote) == "Roe" and quote.act == "statement"


def test_a_nominal_cue_owned_by_no_one_names_no_speaker(run: Run) -> None:
    quotes = run("The announcement that the plant would close surprised the town.").quotes
    assert all(q.speaker is None or q.speaker.name is None for q in quotes)


def test_in_a_statement_the_organization_is_the_source(run: Run) -> None:
    quote = found(run, "In a statement, the ministry said the talks had failed.", "said")
    assert quote.text == "the talks had failed" and quote.source_kind == "organization"


def test_according_to_a_document(run: Run) -> None:
    quote = found(run, "According to the report, unemployment rose to 7 percent.", "according")
    assert quote.source_kind == "document" and quote.act == "statement" and "unemployment rose" in quote.text


def test_a_document_that_finds(run: Run) -> None:
    quote = found(run, "A report by the agency found that the river was polluted.", "found")
    assert quote.act == "finding" and "the river was polluted" in quote.text


def test_a_person_is_a_person_source(run: Run) -> None:
    assert found(run, "Mayor Ann Roe said the bridge would reopen.", "said").source_kind == "person"


@pytest.mark.parametrize(("text", "cue", "act"), [
    ("Governor Lisa Hart believes the economy will recover.", "believes", "belief"),
    ("Governor Lisa Hart plans to cut taxes next year.", "plans", "intention"),
])
def test_beliefs_and_intentions_are_marked_apart(run: Run, text: str, cue: str, act: str) -> None:
    quote = found(run, text, cue)
    assert quote.act == act and speaker(quote) == "Lisa Hart"


def test_a_statement_is_neither_belief_nor_intention(run: Run) -> None:
    assert found(run, "Governor Lisa Hart said the economy will recover.", "said").act == "statement"


def test_an_attribution_nested_in_another(run: Run) -> None:
    quotes = run("Roe said Kurtz told her the deal was dead.").quotes
    outer = next(q for q in quotes if q.cue and q.cue.text == "said")
    inner = next(q for q in quotes if q.cue and q.cue.text == "told")
    assert speaker(outer) == "Roe" and speaker(inner) == "Kurtz" and inner.text == "the deal was dead"
    assert inner.within == quotes.index(outer) and outer.within is None


def test_two_attributions_side_by_side_are_not_nested(run: Run) -> None:
    quotes = run("Roe said the deal was dead. Kurtz told reporters the vote would go ahead.").quotes
    assert len(quotes) == 2 and all(q.within is None for q in quotes)


@pytest.mark.parametrize("text", [
    "The White House did not say whether the president would attend.",
    "Roe declined to say whether she would run.",
    "Kurtz refused to comment on the deal.",
    "Roe never said that the deal was dead.",
])
def test_speech_that_did_not_happen_is_no_quote(run: Run, text: str) -> None:
    assert run(text).quotes == []
