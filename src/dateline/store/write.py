"""Writing results: each batch in one transaction, each article at most once.

An article whose key is already stored is passed over with everything extracted from it, so re-running an
ingest, or running it again after it was killed, adds nothing twice; a batch cut short by a kill was never
committed, so nothing half-written stays behind either. Each article's people are linked to the corpus's persons
(`store/names.py`) in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from dateline.records import Result
from dateline.store.names import also_keys, lone_person_id, person_id, person_key
from dateline.store.repeats import MATCHED_KINDS, anchors, linkable, probes, same_quote, text_id, words_of
from dateline.store.schema import (
    articles,
    entities,
    events,
    mentions,
    people,
    person_merges,
    persons,
    quote_anchors,
    quote_merges,
    quotes,
    times,
)

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
        texts = name_quotes(rows[quotes])
        for table, items in rows.items():
            if items:
                connection.execute(insert(table), items)
        link_quotes(connection, texts)
    return count


def name_quotes(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Give each new quote row its text id, and a quote id of its own to start with (`link_quotes` joins it to the
    quote it repeats); the words of each text long enough to be matched, by text id."""
    texts: dict[str, list[str]] = {}
    for row in rows:
        words = words_of(row["text"])
        row["text_id"] = text_id(words)
        if linkable(words, row["kind"]):
            row["quote"] = row["text_id"]
            texts[row["text_id"]] = words
        else:  # too short to say it is another article's quote: its article's own
            row["quote"] = text_id([*words, "#", row["article"], str(row["n"])])
    return texts


def link_quotes(connection: Connection, texts: dict[str, list[str]]) -> None:
    """Join each new text to the stored quotes it repeats (`store/repeats.py`), merging quotes it joins together:
    a few queries for the whole batch (its anchors, the candidates' words, their quotes), then the merges."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    found = [{"anchor": a, "text_id": t} for t, words in sorted(texts.items()) for a in anchors(words)]
    for at in range(0, len(found), 500):
        connection.execute(dialect.insert(quote_anchors).values(found[at:at + 500]).on_conflict_do_nothing())
    if not texts:
        return
    matched = quotes.c.kind.in_(MATCHED_KINDS)  # the same words as an indirect quote are not joined to it
    probe_of = {tid: probes(words) for tid, words in texts.items()}
    by_anchor: dict[str, set[str]] = {}
    for chunk in _chunks(sorted({p for ps in probe_of.values() for p in ps})):
        for anchor, tid in connection.execute(select(quote_anchors.c.anchor, quote_anchors.c.text_id)
                                              .where(quote_anchors.c.anchor.in_(chunk))):
            by_anchor.setdefault(anchor, set()).add(tid)
    near = {tid: set().union(*(by_anchor.get(p, set()) for p in ps)) - {tid} for tid, ps in probe_of.items()}
    sample: dict[str, list[str]] = {}
    for chunk in _chunks(sorted(set().union(*near.values()))):
        statement = select(quotes.c.text_id, func.min(quotes.c.text)).where(quotes.c.text_id.in_(chunk), matched)
        sample.update((tid, words_of(text)) for tid, text in connection.execute(statement.group_by(quotes.c.text_id)))
    links = {tid: [tid, *(o for o in sorted(near[tid]) if o in sample and same_quote(texts[tid], sample[o]))]
             for tid in texts}
    quote_of: dict[str, set[str]] = {}
    for chunk in _chunks(sorted({t for linked in links.values() for t in linked})):
        for tid, quote in connection.execute(select(quotes.c.text_id, quotes.c.quote).where(
                quotes.c.text_id.in_(chunk), matched).distinct()):
            quote_of.setdefault(tid, set()).add(quote)
    renamed: dict[str, str] = {}  # merged in this batch, old -> new

    def current(quote: str) -> str:
        while quote in renamed:
            quote = renamed[quote]
        return quote

    for tid in sorted(texts):
        groups = {current(q) for t in links[tid] for q in quote_of.get(t, ())}
        if len(groups) < 2:
            continue
        survivor, merged = min(groups), sorted(groups - {min(groups)})
        connection.execute(quotes.update().where(quotes.c.quote.in_(merged)).values(quote=survivor))
        connection.execute(quote_merges.update().where(quote_merges.c.new.in_(merged)).values(new=survivor))
        for old in merged:  # a text merged before comes back as a quote of its own when it is repeated: once more
            connection.execute(dialect.insert(quote_merges).values(old=old, new=survivor).on_conflict_do_update(
                index_elements=["old"], set_={"new": survivor}))
            renamed[old] = survivor


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[at:at + size] for at in range(0, len(values), size)]


def link_people(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Give each new `people` row its person across the corpus (`entity`), adding the persons not stored yet,
    keeping each person's fullest name, and merging two persons a name shows to be one (a nickname)."""
    fullest: dict[str, tuple[str | None, str]] = {}
    joined: set[tuple[str, str]] = set()
    for row in rows:
        key = person_key(row["name"])
        row["entity"] = person_id(key) if key else lone_person_id(row["article"], row["person"])
        for other in also_keys(row["name"]):
            joined.add((row["entity"], person_id(other)))
            fullest.setdefault(person_id(other), (other, row["name"]))
        seen = fullest.get(row["entity"])
        if seen is None or len(row["name"]) > len(seen[1]):
            fullest[row["entity"]] = (key, row["name"])
    if not fullest:
        return
    moved = {old: new for old, new in connection.execute(select(person_merges.c.old, person_merges.c.new).where(
        person_merges.c.old.in_(sorted(fullest))))}
    for row in rows:  # a person merged into another before: this article's mention is the other's
        row["entity"] = moved.get(row["entity"], row["entity"])
    joined = {(moved.get(a, a), moved.get(b, b)) for a, b in joined}
    for old, new in moved.items():
        key, name = fullest.pop(old)
        if new not in fullest or len(name) > len(fullest[new][1]):
            fullest[new] = (fullest.get(new, (key, name))[0], name)
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    values = [{"id": pid, "key": key, "name": name} for pid, (key, name) in sorted(fullest.items())]
    for at in range(0, len(values), ROWS_PER_STATEMENT):
        connection.execute(dialect.insert(persons).values(values[at:at + ROWS_PER_STATEMENT])
                           .on_conflict_do_nothing(index_elements=["id"]))
    longer = persons.update().where(persons.c.id == bindparam("pid"), func.length(persons.c.name) < func.length(
        bindparam("longer"))).values(name=bindparam("longer"))
    connection.execute(longer, [{"pid": v["id"], "longer": v["name"]} for v in values])
    for one, other in sorted(joined):
        merge_persons(connection, one, other)
    moved = {old: new for old, new in connection.execute(select(person_merges.c.old, person_merges.c.new).where(
        person_merges.c.old.in_(sorted({r["entity"] for r in rows}))))}
    for row in rows:  # merged just now
        row["entity"] = moved.get(row["entity"], row["entity"])


def merge_persons(connection: Connection, one: str, other: str) -> None:
    """Make two persons one: the larger id is merged into the smaller, whose name becomes the fuller of the two;
    every reference moves, and the merged id keeps answering through `person_merges`."""
    resolved = sorted({connection.scalar(select(person_merges.c.new).where(person_merges.c.old == pid)) or pid
                       for pid in (one, other)})
    survivor = resolved[0]
    for loser in resolved[1:]:
        name = connection.scalar(select(persons.c.name).where(persons.c.id == loser)) or ""
        connection.execute(persons.update().where(persons.c.id == survivor, func.length(persons.c.name) < len(name))
                           .values(name=name))
        connection.execute(people.update().where(people.c.entity == loser).values(entity=survivor))
        connection.execute(person_merges.update().where(person_merges.c.new == loser).values(new=survivor))
        connection.execute(insert(person_merges).values(old=loser, new=survivor))
        connection.execute(persons.delete().where(persons.c.id == loser))


ROWS_PER_STATEMENT = 100  # articles per INSERT: well under SQLite's limit on bound parameters


def _insert_articles(connection: Connection, results: Sequence[Result], now: datetime) -> set[str]:
    """Insert the articles not stored yet, a hundred to a statement; the keys that were new."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    new: set[str] = set()
    for at in range(0, len(results), ROWS_PER_STATEMENT):
        values = [{"key": r.key, "id": r.id, "given_id": r.given_id, "url": r.url, "title": r.title,
                   "published": date.fromisoformat(r.published), "source": r.source, "text": r.text,
                   "ingested": now} for r in results[at:at + ROWS_PER_STATEMENT]]
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


def _children(result: Result) -> dict[Table, list[dict[str, Any]]]:
    """The rows of every table but `articles` for one result."""
    key = result.key
    published = date.fromisoformat(result.published)
    names = {p.id: p.name for p in result.people}
    out: dict[Table, list[dict[str, Any]]] = {people: [], mentions: [], quotes: [], times: [], entities: [],
                                              events: []}
    for person in result.people:
        out[people].append({"article": key, "person": person.id, "name": person.name, "roles": list(person.roles)})
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
            "spans": [list(s) for s in q.spans], "date": q.date,
            "said": _day(q.date) or published,
        })
    out[times] = [{"article": key, "n": n, "text": t.text, "start": t.start, "end": t.end, "type": t.type,
                   "value": t.value} for n, t in enumerate(result.times)]
    for kind, items in (("organization", result.organizations), ("place", result.places)):
        out[entities].extend({"article": key, "kind": kind, "name": e.name,
                              "mentions": [[m.start, m.end] for m in e.mentions]} for e in items)
    out[events] = [{"article": key, "n": n, "type": e.type, "trigger": e.trigger.text,
                    "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
                    "participants": list(e.participants), "place": e.place, "time": e.time,
                    "also_present": list(e.also_present)} for n, e in enumerate(result.events)]
    return out
