"""More of what the quote rules know, one pattern a test, on sentences written for the test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.records import Quote, Result


@pytest.fixture
def run(run_rules: Callable[..., Result]) -> Callable[..., Result]:
    """These tests pin the rules' constructions, so they run the rules alone (`--rules-only`); what the trained
    model adds is tested in `test_kinds.py` and `test_attribution.py`."""
    return run_rules


Run = Callable[..., Result]


def said(result: Result) -> list[tuple[str, str | None, str | None, str]]:
    """(text, speaker name, cue, kind) of every quote."""
    return [(q.text, q.speaker.name if q.speaker else None, q.cue.text if q.cue else None, q.kind)
            for q in result.quotes]


def mention(q: Quote) -> str | None:
    return q.speaker.mention.text if q.speaker and q.speaker.mention else None


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("''", "''"), ("«", "»")])
def test_every_kind_of_double_mark(run: Run, opening: str, closing: str) -> None:
    r = run(f"{opening}The levee held,{closing} said Mayor Anna Price.")
    assert said(r) == [("The levee held,", "Anna Price", "said", "direct")]


def test_single_curly_marks_in_an_article_without_double_ones(run: Run) -> None:
    r = run("‘We don’t accept the voters’ verdict,’ said Minister Alan Hart.")
    assert said(r) == [("We don’t accept the voters’ verdict,", "Alan Hart", "said", "direct")]


def test_a_quote_over_three_paragraphs(run: Run) -> None:
    text = ("Governor Tom Reyes spoke for an hour.\n\n“The budget is balanced.\n\n“The reserve is full.\n\n"
            "“We will cut the tax,” Reyes said.")
    (q,) = run(text).quotes
    assert (len(q.spans), q.speaker.name if q.speaker else None) == (3, "Tom Reyes")


def test_a_direct_quote_according_to_someone(run: Run) -> None:
    r = run("“The tunnel will flood every spring,” according to engineer Rita Gomez.")
    assert said(r) == [("The tunnel will flood every spring,", "Rita Gomez", "according to", "direct")]


def test_a_quote_whose_cue_is_in_the_sentence_before(run: Run) -> None:
    r = run("Senator Maria Lopez said the report was late. “We have waited for a year.”")
    direct = [q for q in r.quotes if q.kind == "direct"]
    assert [(q.text, q.speaker.name if q.speaker else None) for q in direct] == [
        ("We have waited for a year.", "Maria Lopez")]


def test_a_quote_interrupted_by_its_attribution_is_one_utterance(run: Run) -> None:
    from dateline.evaluate import attributions

    r = run("“The levee held,” Mayor Anna Price said, “and the river is falling.”")
    (record,) = attributions(r)
    assert len(record["spans"]) == 2


@pytest.mark.parametrize("verb", ["announced", "argued", "warned", "denied"])
def test_indirect_speech_with_other_verbs(run: Run, verb: str) -> None:
    r = run(f"Mayor Anna Price {verb} that the city had run out of money.")
    assert said(r) == [("the city had run out of money", "Anna Price", verb, "indirect")]


def test_told_someone_that(run: Run) -> None:
    r = run("Anna Price told reporters that the bridge would reopen in May.")
    (q,) = r.quotes
    assert (q.text, q.speaker.name if q.speaker else None, q.addressee.name if q.addressee else None) == (
        "the bridge would reopen in May", "Anna Price", "reporters")


def test_said_to_someone(run: Run) -> None:
    r = run("“The bridge is safe,” Anna Price said to the council.")
    (q,) = r.quotes
    assert q.addressee is not None and q.addressee.name == "the council"


def test_a_relative_clause_speaker_is_the_pronoun_naming_the_person(run: Run) -> None:
    r = run("The plan was drawn up by Tom Reyes, who said the tax would fall next year.")
    (q,) = r.quotes
    assert (q.speaker.name if q.speaker else None, mention(q)) == ("Tom Reyes", "who")


def test_a_speaker_with_a_clause_between_subject_and_cue(run: Run) -> None:
    r = run("Tom Reyes, who led the council for a decade, said the tax would fall next year.")
    (q,) = r.quotes
    assert q.speaker is not None and q.speaker.name == "Tom Reyes"


def test_a_pronoun_agrees_with_the_gender_the_article_shows(run: Run) -> None:
    text = ("Mrs. Anna Price met Mr. Tom Reyes at the depot on Monday. Reyes talked about trains.\n\n"
            "“The depot will close,” she said.")
    (q,) = [q for q in run(text).quotes if q.kind == "direct"]
    assert (q.speaker.name if q.speaker else None, mention(q)) == ("Anna Price", "she")


def test_a_title_as_speaker_names_the_holder(run: Run) -> None:
    text = "Senator Maria Lopez toured the dam. “It is older than I am,” the senator said."
    (q,) = [q for q in run(text).quotes if q.kind == "direct"]
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"


def test_a_speaker_that_cannot_be_resolved_has_no_name(run: Run) -> None:
    (q,) = run("“It is over,” he said.").quotes
    assert q.speaker is not None and (q.speaker.name, mention(q)) == (None, "he")


@pytest.mark.parametrize("sentence", [
    "Anna Price declined to say whether the bridge was safe.",
    "Anna Price would not say whether the bridge was safe.",
    "Anna Price refused to comment on whether the bridge was safe.",
    "Anna Price did not say how the council voted on the bridge.",
])
def test_speech_that_did_not_happen_is_no_quote(run: Run, sentence: str) -> None:
    assert run(sentence).quotes == []


def test_a_transcript_turn_is_a_quote_of_the_labelled_speaker(run: Run) -> None:
    text = ("Host Sam Lee interviewed Governor Tom Reyes.\n\nLEE: Is the budget balanced?\n\n"
            "REYES: It is balanced, and it will stay balanced.")
    assert said(run(text)) == [("Is the budget balanced?", "Sam Lee", None, "direct"),
                               ("It is balanced, and it will stay balanced.", "Tom Reyes", None, "direct")]


def test_a_name_after_a_dash_closing_a_quote_is_its_speaker(run: Run) -> None:
    text = "Readers wrote in.\n“The bus is always late.” ― Dana Whitfield\n“I walk now.” ― Omar Castillo"
    assert [(q.text, q.speaker.name if q.speaker else None) for q in run(text).quotes] == [
        ("The bus is always late.", "Dana Whitfield"), ("I walk now.", "Omar Castillo")]


def test_reported_speech_around_a_parenthetical_attribution(run: Run) -> None:
    text = "The depot, Tom Reyes said, will close in June."
    (q,) = run(text).quotes
    assert [text[s:e] for s, e in q.spans] == ["The depot", "will close in June"]


def test_beliefs_and_findings_are_reported_as_such_never_as_statements(run: Run) -> None:
    r = run("Anna Price believes the bridge is safe. A survey by the council shows most residents agree.")
    assert [(q.text, q.act) for q in r.quotes] == [("the bridge is safe", "belief"),
                                                   ("most residents agree", "finding")]


def test_according_to_reports_the_rest_of_its_sentence(run: Run) -> None:
    text = "The plant, according to two workers at the site, will close in May."
    (q,) = run(text).quotes
    assert [text[s:e] for s, e in q.spans] == ["The plant", "will close in May"]
    assert q.speaker is not None and q.speaker.mention is not None and "workers" in q.speaker.mention.text


def test_that_said_is_a_connective_not_a_report(run: Run) -> None:
    r = run("That said, voters say they want lower rents.")
    assert [(q.text, q.speaker.mention.text if q.speaker and q.speaker.mention else None) for q in r.quotes] == [
        ("they want lower rents", "voters")]


@pytest.mark.parametrize("text, found_by", [
    ("“The levee held,” Mayor Anna Price said. “The river is falling.”", ["direct.governing", "direct.same_speaker"]),
    ("“The tunnel will flood every spring,” according to engineer Rita Gomez.", ["direct.tail"]),
    ("Readers wrote in.\n“The bus is always late.” ― Dana Whitfield", ["direct.dash_byline"]),
    ("Senator Maria Lopez said the report was late. “We have waited for a year.”",
     ["indirect.clause", "direct.lead_in"]),
    ("Host Sam Lee interviewed Governor Tom Reyes.\n\nLEE: Is the budget balanced?\n\nREYES: It is.",
     ["transcript.label", "transcript.label"]),
    ("The tunnel will flood every spring, according to engineer Rita Gomez.", ["indirect.according"]),
    ("The depot, Tom Reyes said, will close in June.", ["indirect.set_off"]),
    ("Senator Maria Lopez urged Republicans to join the effort.", ["indirect.phrase"]),
])
def test_each_quote_says_which_finder_found_it(run: Run, text: str, found_by: list[str]) -> None:
    assert [q.found_by for q in run(text).quotes] == found_by


def test_a_quote_is_as_sure_as_the_finder_that_found_it(run: Run) -> None:
    from dateline.extract.quotes.rules import LABELS, QUOTATIONS, VERBS, Finder

    sure = {f.name: f.confidence for f in (*QUOTATIONS, *LABELS, *VERBS) if isinstance(f, Finder)}
    found = run("“The levee held,” Mayor Anna Price said. She said the river was falling.").quotes
    assert [q.confidence for q in found] == [sure["direct.governing"], sure["indirect.clause"]]


def test_every_finder_names_its_pass_and_has_a_measured_confidence() -> None:
    from dateline.extract.quotes.rules import LABELS, QUOTATIONS, VERBS, Finder

    tables = {("quotation", "direct"): QUOTATIONS, ("label", "transcript"): LABELS, ("verb", "indirect"): VERBS}
    names = [entry.name for table in tables.values() for entry in table]
    assert len(names) == len(set(names))
    for (starts_from, kind), table in tables.items():
        for entry in table:
            assert (entry.starts_from, entry.name.split(".")[0]) == (starts_from, kind)
            assert not isinstance(entry, Finder) or 0 < entry.confidence <= 1
