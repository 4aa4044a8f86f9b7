"""Whom a quote speaks for, and where an article was published: rules a reader can follow, applied to one article's
records as they are saved (`write.save`) and to the records a store held before (revision 0012).

- A role names an organization when it holds one of the names or mentions its article gives an organization, as
  whole words and with the same capitals: "White House spokesman" names the White House, "Deputy CIA Director"
  the CIA where the article writes "the Central Intelligence Agency (CIA)". Of several, the longest name wins.
- A quote speaks for an organization when its speaker is that organization ("the State Department said", a
  speaker no person was resolved to whose name is one of the organization's), or when the role its speaker held in
  that article names one: what Marlin Fitzwater said as White House spokesman is the White House's.
- An article's outlet is the host of its URL, lower-cased and without a leading "www.".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

Row = dict[str, Any]


def outlet(url: str | None) -> str | None:
    """The outlet an article's URL names: its host, lower-cased, "www." left off (None without a host)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.") or None


def forms_of(organizations: Iterable[tuple[str, Iterable[str], str | None]]) -> dict[str, str]:
    """One article's organizations as a map from each name and mention to the organization's id, given as (name,
    mentions, id); organizations without an id are left out, and so is a form of one letter."""
    forms: dict[str, str] = {}
    for name, mentions, entity in organizations:
        if not entity:
            continue
        for form in (name, *mentions):
            form = form.strip()
            if len(form) > 1:
                forms.setdefault(form, entity)
    return forms


def named_in(role: str, forms: dict[str, str]) -> str | None:
    """The organization a role names: the longest of the article's organization forms it holds as whole words."""
    best: tuple[int, str] | None = None
    for form, entity in forms.items():
        if len(form) <= len(role) and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", role):
            if best is None or len(form) > best[0]:
                best = (len(form), entity)
    return best[1] if best else None


def role_rows(people: Iterable[Row], forms: dict[str, str]) -> list[Row]:
    """The `roles` rows of one article's people (`people` rows: article, person, roles, entity): each role, with the
    organization it names."""
    return [{"article": p["article"], "person": p["person"], "role": role, "entity": p.get("entity"),
             "organization": named_in(role, forms)} for p in people for role in p["roles"] or []]


def speaks_for(quote: Row, forms: dict[str, str], roles: dict[str, list[Row]]) -> str | None:
    """The organization a quote speaks for (a `quotes` row: speaker, speaker_person, speaker_entity): the speaker
    itself, or the first organization the speaker's roles in the article name (`roles`: the article's role rows by
    person)."""
    if not quote.get("speaker_entity") and quote.get("speaker") in forms:
        return forms[quote["speaker"]]
    for held in roles.get(quote.get("speaker_person") or "", []):
        if held["organization"]:
            return str(held["organization"])
    return None


def affiliate(people: list[Row], organizations: list[tuple[str, Iterable[str], str | None]],
              quotes: list[Row]) -> list[Row]:
    """One article's role rows, and each of its quote rows given the organization it speaks for (`organization`)."""
    forms = forms_of(organizations)
    rows = role_rows(people, forms)
    by_person: dict[str, list[Row]] = {}
    for row in rows:
        by_person.setdefault(row["person"], []).append(row)
    for quote in quotes:
        quote["organization"] = speaks_for(quote, forms, by_person)
    return rows
