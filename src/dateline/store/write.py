"""Writing results: each batch in one transaction, each article at most once.

An article whose key is already stored is passed over with everything extracted from it, so re-running an
ingest, or running it again after it was killed, adds nothing twice; a batch cut short by a kill was never
committed, so nothing half-written stays behind either. Each article's people, organizations and quotes are linked
to the corpus's persons, organizations and quotes (`store/link.py`) in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from dateline.records import Result
from dateline.store.affiliations import affiliate, outlet
from dateline.store.link import (
    count_quotes,
    link_organizations,
    link_people,
    link_quotes,
    name_quotes,
    name_speakers,
)
from dateline.store.schema import articles, entities, events, mentions, people, quotes, roles, times

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def stored_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Which of these article keys the store already has."""
    wanted = list(keys)
    found: set[str] = set()
    with engine.connect() as connection:
        for at in range(0, len(wanted), 500):
            chunk = wanted[at:at + 500]
            found.update(connection.scalars(select(articles.c.key).where(articles.c.key.in_(chunk))))
    return found


def save(engine: Engine, results: Sequence[Result]) -> int:
    """Store a batch of results in one transaction; the number of articles that were new."""
    rows: dict[Table, list[dict[str, Any]]] = {people: [], mentions: [], quotes: [], times: [], entities: [],
                                              events: []}
    with engine.begin() as connection:
        new = _insert_articles(connection, results, datetime.now(UTC))
        count = len(new)
        for result in results:
            if result.key not in new:
                continue
            new.discard(result.key)  # the same article twice in one batch: its records once
            for table, items in _children(result).items():
                rows[table].extend(items)
        link_people(connection, rows[people])
        name_speakers(connection, rows[people], rows[quotes])
        named = [row for row in rows[entities] if row["kind"] == "organization"]
        mentioned = [list(row["forms"]) for row in named]  # linking takes the forms away
        link_organizations(connection, named)
        role_rows = _affiliated(rows[people], list(zip(named, mentioned, strict=True)), rows[quotes])
        texts = name_quotes(rows[quotes])
        for table, items in [*rows.items(), (roles, role_rows)]:
            if items:
                connection.execute(insert(table), items)
        count_quotes(connection, rows[quotes], link_quotes(connection, texts))
    return count


def _affiliated(people_rows: list[dict[str, Any]], named: list[tuple[dict[str, Any], list[str]]],
                quote_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A batch's role rows, article by article, and each quote row given the organization it speaks for
    (`affiliations.affiliate`)."""
    by_article: dict[str, tuple[list[Any], list[Any], list[Any]]] = {}
    for row in people_rows:
        by_article.setdefault(row["article"], ([], [], []))[0].append(row)
    for row, forms in named:
        by_article.setdefault(row["article"], ([], [], []))[1].append((row["name"], forms, row["entity"]))
    for row in quote_rows:
        by_article.setdefault(row["article"], ([], [], []))[2].append(row)
    return [role for held, orgs, said in by_article.values() for role in affiliate(held, orgs, said)]


ROWS_PER_STATEMENT = 100  # articles per INSERT: well under SQLite's limit on bound parameters


def _insert_articles(connection: Connection, results: Sequence[Result], now: datetime) -> set[str]:
    """Insert the articles not stored yet, a hundred to a statement; the keys that were new."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    new: set[str] = set()
    for at in range(0, len(results), ROWS_PER_STATEMENT):
        values = [{"key": r.key, "id": r.id, "given_id": r.given_id, "url": r.url, "title": r.title,
                   "published": date.fromisoformat(r.published), "source": r.source, "text": r.text,
                   "ingested": now, "outlet": outlet(r.url)} for r in results[at:at + ROWS_PER_STATEMENT]]
        statement = (dialect.insert(articles).values(values).on_conflict_do_nothing(index_elements=["key"])
                     .returning(articles.c.key))
        new.update(connection.scalars(statement))
    return new


def _day(value: str | None) -> date | None:
    """The day a TIMEX3 value names, if it names one ("2021-06-21"; not "2021-06" or "2021-W25")."""
    if not value or not FULL_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _with_word_before(text: str, start: int, mention: str) -> str:
    """A mention with the word written before it, where an honorific would stand ("Mrs. Clinton")."""
    before = text[max(0, start - 12):start].split()
    return f"{before[-1]} {mention}" if before and text[start - 1:start].isspace() else mention


def _children(result: Result) -> dict[Table, list[dict[str, Any]]]:
    """The rows of every table but `articles` for one result."""
    key = result.key
    published = date.fromisoformat(result.published)
    names = {p.id: p.name for p in result.people}
    out: dict[Table, list[dict[str, Any]]] = {people: [], mentions: [], quotes: [], times: [], entities: [],
                                              events: []}
    for person in result.people:
        out[people].append({"article": key, "person": person.id, "name": person.name, "roles": list(person.roles),
                            "forms": [_with_word_before(result.text, m.start, m.text) for m in person.mentions],
                            "published": published})
        out[mentions].extend({"article": key, "person": person.id, "text": m.text, "start": m.start, "end": m.end}
                             for m in person.mentions)
    for n, q in enumerate(result.quotes):
        speaker = q.speaker
        mention = speaker.mention if speaker else None
        who = (names.get(speaker.person or "") or speaker.name) if speaker else None
        out[quotes].append({
            "article": key, "n": n, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "act": q.act,
            "speaker": who, "speaker_person": speaker.person if speaker else None,
            "speaker_text": mention.text if mention else None, "speaker_start": mention.start if mention else None,
            "speaker_end": mention.end if mention else None,
            "cue": q.cue.text if q.cue else None, "cue_start": q.cue.start if q.cue else None,
            "cue_end": q.cue.end if q.cue else None,
            "addressee": q.addressee.name if q.addressee else None,
            "addressee_start": q.addressee.mention.start if q.addressee else None,
            "addressee_end": q.addressee.mention.end if q.addressee else None,
            "spans": [list(s) for s in q.spans], "date": q.date, "found_by": q.found_by, "confidence": q.confidence,
            "source_kind": q.source_kind, "within": q.within,
            "annotated": asdict(q.annotated) if q.annotated is not None else None,
            "said": _day(q.date) or published,
        })
    out[times] = [{"article": key, "n": n, "text": t.text, "start": t.start, "end": t.end, "type": t.type,
                   "value": t.value} for n, t in enumerate(result.times)]
    for kind, items in (("organization", result.organizations), ("place", result.places)):
        out[entities].extend({"article": key, "kind": kind, "name": e.name,
                              "mentions": [[m.start, m.end] for m in e.mentions], "entity": None,
                              **({"forms": [m.text for m in e.mentions]} if kind == "organization" else {})}
                             for e in items)
    out[events] = [{"article": key, "n": n, "type": e.type, "trigger": e.trigger.text,
                    "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
                    "participants": list(e.participants), "place": e.place, "time": e.time,
                    "also_present": list(e.also_present)} for n, e in enumerate(result.events)]
    return out
