"""People: mentions grouped, titles kept, descriptions linked."""

from __future__ import annotations

from collections.abc import Callable

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
