"""People: mentions grouped, titles kept, descriptions linked."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from dateline.records import Result

Run = Callable[..., Result]


def by_name(result: Result) -> dict[str, tuple[list[str], list[str]]]:
    return {p.name: (p.roles, [m.text for m in p.mentions]) for p in result.people}


def test_surname_joins_the_full_name_and_titles_are_kept(run: Run) -> None:
    r = run("Finance Minister Karl Berg met union leaders on Monday. Berg said talks would continue.")
    roles, mentions = by_name(r)["Karl Berg"]
    assert roles == ["Finance Minister"]
    assert mentions == ["Finance Minister Karl Berg", "Berg"]


def test_role_in_apposition(run: Run) -> None:
    r = run("Nadia Flores, a Chicago Tribune columnist, wrote that the plan was flawed.")
    assert by_name(r)["Nadia Flores"][0] == ["Chicago Tribune columnist"]


def test_several_titles_before_a_name(run: Run) -> None:
    r = run("The panel was led by Denver Post editor and host of KDEN’s “City Desk” Omar Haddad on Monday.")
    assert by_name(r)["Omar Haddad"][0] == ["Denver Post editor", "host of KDEN’s City Desk"]


def test_definite_description_is_a_mention_of_the_title_holder(run: Run) -> None:
    r = run("Governor Tom Reyes signed the bill on Monday.\n\nThe governor praised the legislature.")
    assert "The governor" in by_name(r)["Tom Reyes"][1]


def test_organizations_and_places(run: Run) -> None:
    r = run("The Kremlin rejected the offer, and officials in Berlin said the United Nations would meet.")
    assert {"Kremlin", "United Nations"} <= {o.name for o in r.organizations}
    assert "Berlin" in {p.name for p in r.places}


# -- the people list holds people --------------------------------------------------------------------------------

def test_a_company_whose_name_begins_with_a_title_is_no_person(run: Run) -> None:
    r = run("Shares of General Widget Corp fell 3 percent on Monday after the company cut its forecast.")
    assert r.people == []
    assert "General Widget Corp" in {o.name for o in r.organizations}


def test_a_name_ending_like_an_organization_is_no_person(run: Run) -> None:
    r = run("Visitors to the George W. Bush Presidential Center met George W. Bush on Monday.")
    assert [p.name for p in r.people] == ["George W. Bush"]


def test_a_word_used_for_an_outlet_is_the_outlet(run: Run) -> None:
    r = run("Anna Price spoke to Fox News on Monday. She later told Fox that the plant would stay open.")
    assert [p.name for p in r.people] == ["Anna Price"]
    fox = next(o for o in r.organizations if o.name == "Fox News")
    assert [m.text for m in fox.mentions] == ["Fox News", "Fox"]


def test_a_title_alone_is_no_person(run: Run) -> None:
    r = run("Sgt. Omar Haddad and the Sgt. stood by. Haddad said the road was closed.")
    assert [p.name for p in r.people] == ["Omar Haddad"]


def test_titles_that_belong_to_someone_else_are_not_kept(run: Run) -> None:
    r = run("Jo Park, campaign spokeswoman for Eliot Vance, said he would win. Vance thanked her.")
    people = by_name(r)
    assert "campaign spokeswoman for" not in people["Eliot Vance"][0]


def test_what_comes_before_of_is_not_a_title(run: Run) -> None:
    r = run("The policies of President Ruth Adler are popular, polls show.")
    assert by_name(r)["Ruth Adler"][0] == ["President"]


def test_an_organization_list_merges_short_forms_and_acronyms(run: Run) -> None:
    r = run("The Environmental Protection Agency (EPA) met Harbor Steel Corp. on Monday. The EPA and Harbor Steel "
            "agreed on a plan.")
    assert sorted(o.name for o in r.organizations) == ["Environmental Protection Agency", "Harbor Steel Corp."]


def test_a_one_word_name_used_as_a_company_is_the_company(run: Run) -> None:
    r = run("Kellogg's shares rose 3 percent on Monday. Kellogg said its sales of cereal grew in March.")
    assert r.people == []
    assert "Kellogg" in {o.name for o in r.organizations}


def test_a_name_of_the_other_gender_is_another_person(run: Run) -> None:
    r = run("Mr. Reyes spoke in Dunmore on Monday. Reyes said the plant would stay open. His wife, Maria Reyes, said"
            " she agreed.")
    names = {p.name for p in r.people}
    assert "Maria Reyes" in names and "Reyes" in names
    assert by_name(r)["Reyes"][1] == ["Reyes", "Reyes"]


def test_a_father_and_his_son_junior_are_two_people(run: Run) -> None:
    r = run("Tom Reyes Jr. said his father, Tom Reyes, had built the mill. Tom Reyes said he was proud. Reyes Jr."
            " laughed.")
    assert by_name(r)["Tom Reyes Jr."][1] == ["Tom Reyes Jr.", "Reyes Jr."]
    assert by_name(r)["Tom Reyes"][1] == ["Tom Reyes", "Tom Reyes"]


def test_a_full_name_the_model_took_for_an_organization_is_a_person_where_its_surname_is_one(nlp: Language) -> None:
    from datetime import date

    from spacy.tokens import Span

    from dateline.extract.people import _person_spans

    doc = nlp.make_doc("On Monday Nora Vale spoke in Dunmore, and her husband, Omar Vale, watched.")
    doc._.dateline_published = date(2024, 3, 14)
    doc = nlp(doc)
    words = [t.text for t in doc]
    nora, omar = words.index("Nora"), words.index("Omar")
    doc.ents = [Span(doc, nora, nora + 2, label="ORG"), Span(doc, omar, omar + 2, label="PERSON")]
    assert [s.text for s in _person_spans(doc)] == ["Nora Vale", "Omar Vale"]
    doc.ents = [Span(doc, nora, nora + 2, label="ORG"), Span(doc, omar, omar + 1, label="PERSON")]
    assert [s.text for s in _person_spans(doc)] == ["Omar"]  # no person of that surname: an organization still


def test_a_name_written_with_a_no_break_space_is_the_same_name(run: Run) -> None:
    r = run("Karl\u00a0Berg said on Monday that the talks would go on.")
    assert list(by_name(r)) == ["Karl Berg"]
