"""Linking a batch's records to the corpus: each article's people to persons, its organizations to organizations
across articles, and its quotes to the quotes they repeat — in the transaction that saves the batch (`write.save`).

Who is one person, one organization or one quote is decided by rules of their own (`store/names.py`,
`store/org_names.py`, `store/repeats.py`); this module keeps the corpus tables in step with them: it adds the
entities not stored yet, keeps each one's fullest name, and merges two that a new article shows to be one (the
larger id into the smaller, every reference moved, the merged id kept answering through a merges table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Table, bindparam, func, insert, inspect, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from dateline.store.names import (
    Profile,
    agrees,
    also_keys,
    honorific_gender,
    key_gender,
    lone_person_id,
    nickname_keys,
    person_id,
    person_key,
    roles_agree,
    surname,
    weak,
)
from dateline.store.org_names import ACRONYM, acronym_keys, article_only, clips, org_id, org_key
from dateline.store.repeats import MATCHED_KINDS, anchors, linkable, probes, runs, same_quote, text_id, words_of
from dateline.store.schema import (
    articles,
    entities,
    mentions,
    names,
    organization_merges,
    organizations,
    people,
    person_merges,
    persons,
    quote_anchors,
    quote_merges,
    quote_stats,
    quotes,
    roles,
)

Row = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of entity across the corpus: its table (id, key, name), the table of its merged ids, and the columns
    that point to it."""

    table: Table
    merges: Table
    refs: tuple[Column[str], ...]


PERSONS = Kind(persons, person_merges, (people.c.entity, quotes.c.speaker_entity, roles.c.entity))
ORGANIZATIONS = Kind(organizations, organization_merges, (entities.c.entity, quotes.c.organization,
                                                          roles.c.organization))
LATER = frozenset({("roles", "entity"), ("roles", "organization"), ("quotes", "organization")})
"""References a later revision added (0012): a migration before it merges without them (`_held`)."""


def _dialect(connection: Connection) -> Any:
    return postgresql if connection.dialect.name == "postgresql" else sqlite


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[at:at + size] for at in range(0, len(values), size)]


def link_entities(connection: Connection, kind: Kind, rows: list[Row],
                  keyed: Callable[[Row], tuple[str, str | None, Iterable[str]]]) -> set[tuple[str, str]]:
    """Give each new row its entity across the corpus, adding the entities not stored yet and keeping each one's
    fullest name; `keyed(row)` says a row's entity id, its key, and other keys the row shows to be the same
    entity's (a nickname, an acronym), which are joined. The pairs of entities joined."""
    fullest: dict[str, tuple[str | None, str]] = {}  # the entities rows are filed under, by the fullest name seen
    shown: dict[str, tuple[str, str]] = {}  # the entities a row shows to be the same, to add where they are not yet
    joined: set[tuple[str, str]] = set()
    for row in rows:
        row["entity"], key, others = keyed(row)
        for other in others:
            joined.add((row["entity"], _id(kind, other)))
            shown.setdefault(_id(kind, other), (other, row["name"]))
        seen = fullest.get(row["entity"])
        if seen is None or len(row["name"]) > len(seen[1]):
            fullest[row["entity"]] = (key, row["name"])
    if not fullest:
        return set()
    moved = _merged(connection, kind, [*fullest, *shown])
    for row in rows:  # an entity merged into another before: this article's mention is the other's
        row["entity"] = moved.get(row["entity"], row["entity"])
    joined = {(moved.get(a, a), moved.get(b, b)) for a, b in joined}
    for old, new in moved.items():
        if old not in fullest:
            continue
        key, name = fullest.pop(old)
        if new not in fullest or len(name) > len(fullest[new][1]):
            fullest[new] = (fullest.get(new, (key, name))[0], name)
    # an entity only shown (a nickname's, an acronym's) is added under the name that showed it, but never renames
    # one stored: its name comes from the mentions filed under it, or from a merge
    added = {eid: named for eid, named in shown.items() if eid not in moved and eid not in fullest}
    values = [{"id": eid, "key": key, "name": name, **({"surname": surname(name)} if kind is PERSONS else {})}
              for eid, (key, name) in sorted({**added, **fullest}.items())]
    connection.execute(_dialect(connection).insert(kind.table).on_conflict_do_nothing(index_elements=["id"]), values)
    table = kind.table
    longer = table.update().where(table.c.id == bindparam("eid"), func.length(table.c.name) < func.length(
        bindparam("longer"))).values(name=bindparam("longer"))
    connection.execute(longer, [{"eid": eid, "longer": name} for eid, (_, name) in sorted(fullest.items())])
    return joined


def _id(kind: Kind, key: str) -> str:
    return person_id(key) if kind is PERSONS else org_id(key)


def _merged(connection: Connection, kind: Kind, ids: Iterable[str]) -> dict[str, str]:
    """Which of these ids were merged, and into what."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(ids)):
        for old, new in connection.execute(select(kind.merges.c.old, kind.merges.c.new)
                                           .where(kind.merges.c.old.in_(chunk))):
            found[old] = new
    return found


def merge(connection: Connection, kind: Kind, one: str, other: str, *, why: str | None = None,
          survivor: str | None = None) -> None:
    """Make two entities one: the larger id is merged into the smaller (or into `survivor`, where it is one of the
    two), whose name becomes the fuller of the two; every reference moves, the merged id keeps answering through
    the merges table, and the merge says `why`."""
    table, merges = kind.table, kind.merges
    resolved = sorted({connection.scalar(select(merges.c.new).where(merges.c.old == eid)) or eid
                       for eid in (one, other)})
    kept = connection.scalar(select(merges.c.new).where(merges.c.old == survivor)) or survivor if survivor else None
    if kept in resolved:
        resolved.remove(kept)
        resolved.insert(0, kept)
    survivor = resolved[0]
    for loser in resolved[1:]:
        name = connection.scalar(select(table.c.name).where(table.c.id == loser)) or ""
        connection.execute(table.update().where(table.c.id == survivor, func.length(table.c.name) < len(name))
                           .values(name=name))
        for column in kind.refs:
            if _held(connection, column):
                connection.execute(column.table.update().where(column == loser).values({column.name: survivor}))
        if kind is PERSONS:  # the loser's names are the survivor's
            connection.execute(_dialect(connection).insert(names).from_select(
                ["name", "entity"], select(names.c.name, literal(survivor)).where(names.c.entity == loser))
                .on_conflict_do_nothing())
            connection.execute(names.delete().where(names.c.entity == loser))
        connection.execute(merges.update().where(merges.c.new == loser).values(new=survivor))
        connection.execute(insert(merges).values(old=loser, new=survivor, **({"why": why} if why else {})))
        connection.execute(table.delete().where(table.c.id == loser))


def _held(connection: Connection, column: Column[str]) -> bool:
    """Whether the store has a reference column: always, but while an older revision's migration merges."""
    if (column.table.name, column.name) not in LATER:
        return True
    return column.name in {c["name"] for c in inspect(connection).get_columns(column.table.name)} \
        if inspect(connection).has_table(column.table.name) else False


def _follow_merges(connection: Connection, kind: Kind, rows: list[Row]) -> None:
    """Point each row at the entity its own was merged into, if it was (just now, in this batch)."""
    moved = _merged(connection, kind, {r["entity"] for r in rows})
    for row in rows:
        row["entity"] = moved.get(row["entity"], row["entity"])


def _person(row: Row) -> tuple[str, str | None, tuple[str, ...]]:
    key = person_key(row["name"])
    return (person_id(key) if key else lone_person_id(row["article"], row["person"])), key, also_keys(row["name"])


def link_people(connection: Connection, rows: list[Row]) -> None:
    """Give each new `people` row its person across the corpus (`store/names.py`), merging two persons a name shows
    to be one (a nickname written in it) or a first name in another form with a role that agrees."""
    shown = link_entities(connection, PERSONS, rows, _person)
    named = {row["entity"]: row["name"] for row in rows}
    for one, other in sorted(shown):
        merge(connection, PERSONS, one, other, why=f"nickname: named {named.get(one, '')!r} in one article")
    for one, other in sorted(_nicknamed(connection, rows) - shown):
        merge(connection, PERSONS, one, other, why=f"first name in another form, a role in common: "
                                                   f"{named.get(one, '')!r}")
    _follow_merges(connection, PERSONS, rows)
    settle_surnames(connection, rows)
    _follow_merges(connection, PERSONS, rows)
    for row in rows:
        row.pop("forms", None)
        row.pop("published", None)


def _nicknamed(connection: Connection, rows: list[Row]) -> set[tuple[str, str]]:
    """Pairs of persons whose first names are forms of one name, with the same surname and a role in common. Only
    the persons such a pair could join are read, and of each at most `ROLES_READ` mentions' roles: the cost stays
    the same however often a person was named before."""
    wanted = {row["entity"]: [person_id(k) for k in nickname_keys(row["name"])] for row in rows if row["roles"]}
    candidates = sorted({c for found in wanted.values() for c in found})
    if not candidates:
        return set()
    moved = _merged(connection, PERSONS, candidates)
    known: set[str] = set()
    for chunk in _chunks(sorted({moved.get(c, c) for c in candidates})):
        known.update(connection.scalars(select(persons.c.id).where(persons.c.id.in_(chunk))))
    pairs = {(entity, moved.get(c, c)) for entity, found in wanted.items() for c in found}
    pairs = {(one, other) for one, other in pairs if other in known and other != one}
    roles: dict[str, list[str]] = {}
    for row in rows:  # this batch's own, not inserted yet
        roles.setdefault(row["entity"], []).extend(row["roles"])
    for entity in sorted({e for pair in pairs for e in pair}):
        for held in connection.scalars(select(people.c.roles).where(people.c.entity == entity).limit(ROLES_READ)):
            roles.setdefault(entity, []).extend(held or [])
    return {(one, other) for one, other in pairs if roles_agree(roles.get(one, []), roles.get(other, []))}


ROLES_READ = 200
LONE_READ = 500
"""Of the persons of one surname still named by it alone and never yet placed, how many a batch looks at again."""


def settle_surnames(connection: Connection, rows: list[Row]) -> None:
    """Join each person named by a surname alone (a new one, or one that no person agreed with before) to the one
    person of the corpus with that surname and a whole name who agrees with them (`names.agrees`); where two or
    more agree, say so (`persons.note`) and leave them apart. A batch reads only the persons of its surnames: who
    they are (one query), and the gender, roles and days of those that could be joined (a few more)."""
    wanted = sorted({surname(row["name"]) for row in rows if row["name"].strip()})
    if not wanted:
        return
    whole: dict[str, list[tuple[str, str]]] = {}  # surname -> (id, key) of its persons with a whole name
    lone: dict[str, list[str]] = {}  # surname -> ids of its persons named by it alone, not placed yet
    names_of: dict[str, str] = {}
    for chunk in _chunks(wanted):
        found = connection.execute(select(persons.c.id, persons.c.key, persons.c.name, persons.c.surname,
                                          persons.c.note).where(persons.c.surname.in_(chunk)))
        for pid, key, name, family, note in found:
            names_of[pid] = name
            if key:
                whole.setdefault(family, []).append((pid, key))
            elif note is None and len(lone.get(family, [])) < LONE_READ:
                lone.setdefault(family, []).append(pid)
    asked = {family: ids for family, ids in lone.items() if family in whole}
    if not asked:
        return
    profiles = _profiles(connection, rows, [p for f in asked for p in asked[f]], [p for f in asked for p, _ in
                                                                                     whole[f]])
    for family, ids in sorted(asked.items()):
        for pid, key in whole[family]:
            profiles[pid].gender = profiles[pid].gender or key_gender(key)
        for pid in ids:
            fits = [other for other, _ in whole[family] if agrees(profiles[pid], profiles[other])]
            top = max((profiles[other].articles for other in fits), default=0)
            strong = [other for other, key in whole[family] if other in fits and not weak(key, profiles[other], top)]
            fits = strong if len(strong) == 1 else fits
            if len(fits) == 1:
                merge(connection, PERSONS, pid, fits[0], survivor=fits[0],
                      why=f"surname: the one {names_of[pid]} of the corpus whose gender, roles and time agree")
            elif fits:
                listed = ", ".join(sorted(names_of[f] for f in fits))
                connection.execute(persons.update().where(persons.c.id == pid).values(
                    note=f"apart: {len(fits)} persons of this surname agree ({listed})"))


def _profiles(connection: Connection, rows: list[Row], lone: list[str], whole: list[str]) -> dict[str, Profile]:
    """The gender, roles and days of these persons, from the corpus and from this batch (not inserted yet): the
    days of all, the roles (at most `ROLES_READ` mentions' worth each) of all, the honorifics of the lone."""
    profiles = {pid: Profile() for pid in [*lone, *whole]}
    forms: dict[str, list[str]] = {}
    for row in rows:
        if row["entity"] in profiles:
            profiles[row["entity"]].roles.extend(row["roles"])
            profiles[row["entity"]].seen(row["published"])
            profiles[row["entity"]].articles += 1
            forms.setdefault(row["entity"], []).extend(row["forms"])
    for chunk in _chunks(sorted(profiles)):
        for entity, first, last, n in connection.execute(
                select(people.c.entity, func.min(articles.c.published), func.max(articles.c.published), func.count())
                .join(articles, articles.c.key == people.c.article).where(people.c.entity.in_(chunk))
                .group_by(people.c.entity)):
            profiles[entity].seen(first)
            profiles[entity].seen(last)
            profiles[entity].articles += n
    for entity in sorted(profiles):
        for held in connection.scalars(select(people.c.roles).where(people.c.entity == entity).limit(ROLES_READ)):
            profiles[entity].roles.extend(held or [])
    for chunk in _chunks(sorted(set(lone))):
        said = (select(people.c.entity, mentions.c.text).join(mentions, (mentions.c.article == people.c.article) & (
            mentions.c.person == people.c.person)).where(people.c.entity.in_(chunk)))
        for entity, text in connection.execute(said):
            forms.setdefault(entity, []).append(text)
    for pid in lone:
        profiles[pid].gender = honorific_gender(forms.get(pid, []))
    return profiles


def name_speakers(connection: Connection, people_rows: list[Row], quote_rows: list[Row]) -> None:
    """Give each new quote its speaker's person across the corpus (`speaker_entity`, from its article's people, once
    they are linked), and file the new names in `names`: every form a person was named by, and every speaker no
    person was resolved to."""
    entity_of = {(row["article"], row["person"]): row["entity"] for row in people_rows}
    found = {(row["name"], row["entity"]) for row in people_rows}
    for row in quote_rows:
        row["speaker_entity"] = entity_of.get((row["article"], row["speaker_person"]))
        if row["speaker"] and not row["speaker_entity"]:
            found.add((row["speaker"], ""))
    if found:  # one statement compiled once, run for every row (`executemany`)
        connection.execute(_dialect(connection).insert(names).on_conflict_do_nothing(),
                           [{"name": name, "entity": entity} for name, entity in sorted(found)])


def count_quotes(connection: Connection, rows: list[Row], renamed: dict[str, str]) -> None:
    """Keep `quote_stats` in step with a batch: the first appearance and the number of occurrences of every quote
    the batch added to or merged, and no row for a quote merged away."""
    gone = sorted(renamed)
    for chunk in _chunks(gone):
        connection.execute(quote_stats.delete().where(quote_stats.c.quote.in_(chunk)))
    touched = sorted({_current(renamed, row["quote"]) for row in rows} | set(renamed.values()))
    dialect = _dialect(connection)
    for chunk in _chunks(touched):
        counted = (select(quotes.c.quote, func.min(articles.c.published).label("first_seen"),
                          func.count().label("occurrences"))
                   .join(articles, articles.c.key == quotes.c.article)
                   .where(quotes.c.quote.in_(chunk)).group_by(quotes.c.quote))
        values = [dict(row._mapping) for row in connection.execute(counted)]
        if values:
            statement = dialect.insert(quote_stats)
            connection.execute(statement.on_conflict_do_update(index_elements=["quote"], set_={
                "first_seen": statement.excluded.first_seen, "occurrences": statement.excluded.occurrences}), values)


def _current(renamed: dict[str, str], quote: str) -> str:
    while quote in renamed:
        quote = renamed[quote]
    return quote


def _organization(row: Row) -> tuple[str, str | None, tuple[str, ...]]:
    key = org_key(row["name"]) or f"{row['article']}#{row['name']}"
    if article_only(row["name"]):  # "Treasury", "Finance Ministry": which country's, the article alone says
        key = f"{row['article']}#{key}"
    return org_id(key), key, acronym_keys(row["name"], row.pop("forms"))


def link_organizations(connection: Connection, rows: list[Row], *, evidence: bool = True) -> None:
    """Give each new organization row of `entities` its organization across the corpus (`store/org_names.py`),
    joining the organization filed under an acronym to the one filed under the name an article spells it out as,
    and saying so in the merge (unless not `evidence`: a store of before that was kept, as an old migration finds
    it)."""
    joined = link_entities(connection, ORGANIZATIONS, rows, _organization)
    named = {row["entity"]: row["name"] for row in rows}
    for one, acronym in sorted(joined):
        if not _spelled_otherwise(connection, acronym, named.get(one, "")):
            merge(connection, ORGANIZATIONS, one, acronym,
                  why=f"acronym: spelled out as {named.get(one, '')!r}" if evidence else None)
    _follow_merges(connection, ORGANIZATIONS, rows)


def _spelled_otherwise(connection: Connection, acronym: str, name: str) -> bool:
    """Whether an acronym's organization is already one with another name than this one: "DNC" spelled out as the
    Democratic National Committee before, now beside the Democratic National Convention. Such an acronym joins
    nothing more, so that two organizations are never made one through the letters they share."""
    survivor = _merged(connection, ORGANIZATIONS, [acronym]).get(acronym, acronym)
    held = connection.scalar(select(organizations.c.name).where(organizations.c.id == survivor))
    return held is not None and not ACRONYM.match(held.strip()) and org_key(held) != org_key(name) and \
        not clips(held.strip(), (org_key(name) or "").split())  # filed under the short form itself ("Fed")


def name_quotes(rows: list[Row]) -> dict[str, list[str]]:
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


ANCHORED = select(quote_anchors.c.anchor, quote_anchors.c.text_id).where(
    quote_anchors.c.anchor.in_(bindparam("anchors", expanding=True)))
"""The texts filed under any of a list of anchors: one statement, compiled once, for every chunk of every batch."""


def link_quotes(connection: Connection, texts: dict[str, list[str]]) -> dict[str, str]:
    """Join each new text to the stored quotes it repeats (`store/repeats.py`), merging quotes it joins together:
    a few queries for the whole batch (its anchors, the candidates' words, their quotes), then the merges. The
    quotes merged away, and into what."""
    dialect = _dialect(connection)
    if not texts:
        return {}
    ran = {tid: runs(words) for tid, words in texts.items()}  # hashed once, for the anchors and the probes
    connection.execute(dialect.insert(quote_anchors).on_conflict_do_nothing(),
                       [{"anchor": a, "text_id": t} for t, words in sorted(texts.items())
                        for a in anchors(words, ran[t])])
    matched = quotes.c.kind.in_(MATCHED_KINDS)  # the same words as an indirect quote are not joined to it
    probe_of = {tid: probes(words, ran[tid]) for tid, words in texts.items()}
    by_anchor: dict[str, set[str]] = {}
    for chunk in _chunks(sorted({p for ps in probe_of.values() for p in ps})):
        for anchor, tid in connection.execute(ANCHORED, {"anchors": chunk}).all():
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
    for tid in sorted(texts):
        groups = {_current(renamed, q) for t in links[tid] for q in quote_of.get(t, ())}
        if len(groups) < 2:
            continue
        survivor, merged = min(groups), sorted(groups - {min(groups)})
        connection.execute(quotes.update().where(quotes.c.quote.in_(merged)).values(quote=survivor))
        connection.execute(quote_merges.update().where(quote_merges.c.new.in_(merged)).values(new=survivor))
        for old in merged:  # a text merged before comes back as a quote of its own when it is repeated: once more
            connection.execute(dialect.insert(quote_merges).values(old=old, new=survivor).on_conflict_do_update(
                index_elements=["old"], set_={"new": survivor}))
            renamed[old] = survivor
    return renamed
