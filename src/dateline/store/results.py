"""A stored article read back as the `Result` extraction gave for it, so that the store speaks the one contract.

`dateline show --jsonl`, the Python API and the HTTP API all print `Result.to_dict()`; this module is the way back
from the tables to that object. Every mention is stored as offsets into the article's text, so its words are taken
from the text again; the order of each list is the order extraction gave it (quotes, times and events by their
place `n`; people by their id; organizations and places by their first mention).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, select

from dateline.records import (
    Addressee,
    Entity,
    Event,
    Mention,
    Person,
    Quote,
    Result,
    Speaker,
    Timex,
    annotation_from,
)
from dateline.store.schema import articles, entities, events, mentions, people, quotes, times

Row = dict[str, Any]


def find_article_row(connection: Connection, ident: str) -> Row | None:
    """The article row for an id, a key, or the start of a key (six hex digits or more)."""
    row = connection.execute(select(articles).where((articles.c.id == ident) | (articles.c.key == ident))
                             .order_by(articles.c.published).limit(1)).first()
    if row is None and re.fullmatch(r"[0-9a-f]{6,39}", ident):
        row = connection.execute(select(articles).where(articles.c.key.startswith(ident)).limit(1)).first()
    return dict(row._mapping) if row is not None else None


def stored_result(engine: Engine, ident: str) -> Result | None:
    """The `Result` of one stored article (by id or key), or None."""
    with engine.connect() as connection:
        article = find_article_row(connection, ident)
        if article is None:
            return None
        key, text = article["key"], article["text"]

        def rows(table: Any, *order: Any) -> list[Row]:
            return [dict(r._mapping) for r in connection.execute(select(table).where(table.c.article == key)
                                                                 .order_by(*order))]

        said = rows(mentions, mentions.c.person, mentions.c.start)
        quote_rows = rows(quotes, quotes.c.n)
        time_rows = rows(times, times.c.n)
        entity_rows = rows(entities, entities.c.kind, entities.c.name)
        event_rows = rows(events, events.c.n)
        person_rows = rows(people, people.c.person)

    def span(start: int | None, end: int | None) -> Mention | None:
        return None if start is None or end is None else Mention(text[start:end], start, end)

    by_person: dict[str, list[Mention]] = {}
    for m in said:
        by_person.setdefault(m["person"], []).append(Mention(m["text"], m["start"], m["end"]))
    persons = sorted((Person(p["person"], p["name"], list(p["roles"]), by_person.get(p["person"], []))
                      for p in person_rows), key=lambda p: _number(p.id))
    found: dict[str, list[Entity]] = {"organization": [], "place": []}
    for e in entity_rows:
        found[e["kind"]].append(Entity(e["name"], [Mention(text[s:t], s, t) for s, t in e["mentions"]]))
    for items in found.values():
        items.sort(key=lambda e: (e.mentions[0].start if e.mentions else len(text), e.name))
    return Result(
        id=article["id"], published=article["published"].isoformat(), text=text, title=article["title"],
        url=article["url"], source=article["source"], given_id=article["given_id"], people=persons,
        organizations=found["organization"], places=found["place"],
        quotes=[_quote(q, span) for q in quote_rows],
        times=[Timex(t["text"], t["start"], t["end"], t["type"], t["value"]) for t in time_rows],
        events=[Event(e["type"], Mention(e["trigger"], e["trigger_start"], e["trigger_end"]),
                      list(e["participants"]), e["place"], e["time"], list(e["also_present"])) for e in event_rows],
    )


def _quote(q: Row, span: Any) -> Quote:
    mention = span(q["speaker_start"], q["speaker_end"])
    speaker = (Speaker(q["speaker"], mention, q["speaker_person"])
               if q["speaker"] is not None or mention is not None or q["speaker_person"] is not None else None)
    addressed = span(q["addressee_start"], q["addressee_end"])
    addressee = Addressee(q["addressee"], addressed) if q["addressee"] is not None and addressed else None
    return Quote(q["text"], q["start"], q["end"], q["kind"], speaker, span(q["cue_start"], q["cue_end"]),
                 addressee, [list(s) for s in q["spans"]], q["date"], q["act"], q["found_by"], q["confidence"],
                 source_kind=q["source_kind"], within=q["within"], annotated=annotation_from(q["annotated"]))


def _number(person: str) -> tuple[int, str]:
    """People in the order extraction numbered them ("p2" before "p10")."""
    digits = re.sub(r"\D", "", person)
    return (int(digits) if digits else 0, person)
