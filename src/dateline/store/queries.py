"""Reading the store: quotes by speaker, words and dates; people across articles; one article whole; tables as
rows for export. Each function takes an engine and returns plain dicts, ready for a table, JSON or CSV."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Float,
    Integer,
    Result,
    Select,
    String,
    Table,
    Text,
    and_,
    bindparam,
    false,
    func,
    or_,
    select,
    text,
    tuple_,
    union_all,
)

from dateline.store import search as search_module
from dateline.store.affiliations import outlet
from dateline.store.schema import (
    articles,
    entities,
    events,
    metadata,
    names,
    organization_merges,
    organizations,
    people,
    person_merges,
    persons,
    public_columns,
    quote_merges,
    quote_stats,
    quotes,
    roles,
)


def _like(name: str) -> str:
    """A LIKE pattern for any text holding `name`, LIKE's own characters in it escaped."""
    return "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(frozen=True)
class Ask:
    """What a question about quotes asks, each part None for none: the speaker (a person's id, or part of any name
    they go by), a person by id, an organization by id (the quotes it speaks for: `affiliations.py`), a role the
    speaker held at the time (part of it: "spokesman"), words in the quote (`search`) or in its article (`about`),
    the days it was said between, its act, its kind, and its article's outlet."""

    speaker: str | None = None
    person: str | None = None
    organization: str | None = None
    role: str | None = None
    search: str | None = None
    about: str | None = None
    since: date | None = None
    until: date | None = None
    act: str | None = None
    kind: str | None = None
    outlet: str | None = None

    def only(self, *allowed: str) -> bool:
        """Whether nothing but the `allowed` parts is asked."""
        return all(getattr(self, f.name) in (None, "") for f in fields(self) if f.name not in allowed)

    def without(self, *parts: str) -> Ask:
        """The same question with some parts left out."""
        return replace(self, **dict.fromkeys(parts))


KINDS = ("direct", "mixed", "indirect")
"""A quote's kinds: the speaker's own words in quotation marks (direct), those words inside the reporter's
(mixed), or the reporter's words for what was said (indirect, a paraphrase)."""

Key = tuple[Any, ...]
"""Where a page ends, in the order of its rows: the next page starts after it (keyset paging)."""


def _matching(engine: Engine, words: str, where: str) -> Any:
    """Quotes whose words (`where` "quotes") or whose article's title and text (`where` "articles") match a search
    (`dateline.store.search`): the same query language on both databases, every word a bound parameter."""
    query = search_module.parse(words)
    if engine.dialect.name == "postgresql":
        condition, params = search_module.to_postgres(query, f"{where}.tsv", prefix=where[0])
        matched = text(condition).bindparams(**params)
        return matched if where == "quotes" else quotes.c.article.in_(select(articles.c.key).where(matched))
    match = search_module.to_fts5(query)
    if where == "quotes":
        return text("quotes.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m_quotes)").bindparams(
            m_quotes=match)
    return text("quotes.article IN (SELECT key FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts WHERE "
                "articles_fts MATCH :m_articles))").bindparams(m_articles=match)


PERSON_ID = re.compile(r"^P[0-9a-f]{12}$")
ORGANIZATION_ID = re.compile(r"^O[0-9a-f]{12}$")


def _spoken_by(speaker: str | list[tuple[str, str]]) -> Any:
    """Quotes by a speaker: a person's id, or any part of a name that the speaker, or any name their person goes by
    across the corpus, holds ("Trump" finds the quotes resolved to "Donald J. Trump" under every form). Names are
    matched in `names`, a row per form, not in the quotes themselves, which the indexes then find; the names may
    come looked up already (`_resolved_speaker`: pairs of a name and its person, "" for none)."""
    if isinstance(speaker, str) and PERSON_ID.match(speaker):
        merged = select(person_merges.c.new).where(person_merges.c.old == speaker).scalar_subquery()
        return quotes.c.speaker_entity == func.coalesce(merged, speaker)
    if isinstance(speaker, list):
        entities, spoken = _split(speaker)
        return or_(quotes.c.speaker_entity.in_(entities), quotes.c.speaker.in_(spoken))
    like = names.c.name.ilike(_like(speaker), escape="\\")
    return or_(quotes.c.speaker_entity.in_(select(names.c.entity).where(like, names.c.entity != "")),
               quotes.c.speaker.in_(select(names.c.name).where(like, names.c.entity == "")))


def _for_organization(ident: str) -> Any:
    """Quotes an organization speaks for, by its id (a merged id answers for the survivor)."""
    merged = select(organization_merges.c.new).where(organization_merges.c.old == ident).scalar_subquery()
    return quotes.c.organization == func.coalesce(merged, ident)


def _roles_holding(dialect: str, part: str) -> Any:
    """The rows of `roles` whose role holds `part`, in any case; on SQLite found first by the roles' trigrams
    (`roles_fts`) where the part is long enough, as names are (`_names_holding`)."""
    holds = roles.c.role.ilike(_like(part), escape="\\")
    if dialect != "sqlite" or len(part) < 3 or any(c in part for c in "%_\\"):
        return holds
    return and_(text("roles.rowid IN (SELECT rowid FROM roles_fts WHERE roles_fts.role LIKE :role_part)")
                .bindparams(role_part=f"%{part}%"), holds)


def _in_role(dialect: str, part: str) -> Any:
    """Quotes whose speaker held, in the quote's own article, a role holding `part`: their role at the time."""
    held = select(roles.c.article, roles.c.person).where(_roles_holding(dialect, part))
    return tuple_(quotes.c.article, quotes.c.speaker_person).in_(held)


def outlet_name(value: str) -> str:
    """An outlet as a filter takes it: a host or a URL, lower-cased, "www." left off."""
    value = value.strip().lower()
    return outlet(value if "//" in value else f"http://{value}") or value


def _split(speaker: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Looked-up names (`_resolved_speaker`) as the persons they name and the speakers no person was resolved to."""
    return (sorted({entity for _, entity in speaker if entity}),
            sorted({name for name, entity in speaker if name and not entity}))


def _between(statement: Select[Any], since: date | None, until: date | None,
             column: Any = quotes.c.said) -> Select[Any]:
    """A statement kept to the rows whose `column` (the day a quote was said) is between two days (either may be
    None: no bound)."""
    if since:
        statement = statement.where(column >= since)
    if until:
        statement = statement.where(column <= until)
    return statement


def _days(column: str, since: date | None, until: date | None) -> tuple[str, dict[str, date]]:
    """The same bounds for a statement written as text: its conditions on `column`, and their parameters."""
    bounds = {name: day for name, day in (("since", since), ("until", until)) if day}
    sql = "".join(f" AND {column} {'>=' if name == 'since' else '<='} :{name}" for name in bounds)
    return sql, bounds


def _day(found: object) -> date | None:
    """A day as SQLite (text) or PostgreSQL (a date) gives it."""
    return date.fromisoformat(found) if isinstance(found, str) else found  # type: ignore[return-value]


def _matches(connection: Connection, match: str, cap: int) -> int:
    """How many quotes a full-text match (FTS5, SQLite) holds, counted up to `cap` and no further."""
    return int(connection.scalar(text("SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m "
                                      "LIMIT :cap)").bindparams(m=match, cap=cap)) or 0)


def _filtered(statement: Select[Any], engine: Engine, ask: Ask, who: list[tuple[str, str]] | None) -> Select[Any]:
    """A quotes statement with the filters of a question; `who`, the speaker's names looked up
    (`_resolved_speaker`). A speaker's names looked up and none found (`[]`) is a filter that no quote passes, not
    no filter."""
    dialect = engine.dialect.name
    if ask.speaker:
        statement = statement.where(_spoken_by(who if who is not None else ask.speaker))
    if ask.person:
        statement = statement.where(_spoken_by(ask.person) if PERSON_ID.match(ask.person) else false())
    if ask.organization:
        statement = statement.where(_for_organization(ask.organization))
    if ask.role:
        statement = statement.where(_in_role(dialect, ask.role))
    statement = _between(statement, ask.since, ask.until)
    if ask.act:
        statement = statement.where(quotes.c.act == ask.act)
    if ask.kind:
        statement = statement.where(quotes.c.kind == ask.kind)
    if ask.outlet:
        statement = statement.where(quotes.c.article.in_(select(articles.c.key).where(
            articles.c.outlet == outlet_name(ask.outlet))))
    if ask.search:
        statement = statement.where(_matching(engine, ask.search, "quotes"))
    if ask.about:
        statement = statement.where(_matching(engine, ask.about, "articles"))
    return statement


ROW = (quotes.c.said, quotes.c.n, quotes.c.speaker, quotes.c.cue, quotes.c.addressee, quotes.c.text, quotes.c.kind,
       quotes.c.act, quotes.c.date, quotes.c.start, quotes.c.end, quotes.c.quote, quotes.c.found_by,
       quotes.c.confidence, quotes.c.source_kind, quotes.c.speaker_entity.label("speaker_id"),
       quotes.c.organization.label("organization_id"),
       articles.c.id.label("article"), articles.c.key.label("article_key"), articles.c.title, articles.c.url,
       articles.c.published, quotes.c.id.label("_row"), quotes.c.speaker_person.label("_person"))
"""The fields of a quote row (an occurrence), and its row id, which only pages use (`Key`), and its speaker's id in
the article, by which their role there is found (`_with_roles`)."""


def _newest_first(after: Key | None) -> Select[Any]:
    """Quote rows joined to their articles, newest first (the day said, then the latest stored), after a page's
    end (said, row id) where one is given. The order is the indexes' own, read backwards: no sort."""
    statement = (select(*ROW).join(articles, articles.c.key == quotes.c.article)
                 .order_by(quotes.c.said.desc(), quotes.c.id.desc()))
    if after:
        said, row = after
        statement = statement.where(quotes.c.said <= said, or_(quotes.c.said < said, quotes.c.id < row))
    return statement


def find_quotes(engine: Engine, *, limit: int | None = None, after: Key | None = None, keyed: bool = False,
                **asked: Any) -> list[dict[str, Any]]:
    """Quotes, newest first (the day the article says each was said, else its publication date; then the latest
    stored first), filtered by `Ask`'s parts, after a page's end (`Key`) where one is given. `keyed`: each row
    holds `_key`, where the next page starts after it."""
    ask = Ask(**asked)
    statement = _newest_first(after)
    with engine.connect() as connection:
        if ask.search and limit and ask.only("search", "since", "until") and engine.dialect.name == "sqlite":
            newest = _newest_matches(connection, ask.search, since=ask.since, until=ask.until, rows=limit,
                                     after=after)
            found = records(connection.execute(statement.where(quotes.c.id.in_(newest)).limit(limit)))
        else:
            who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None  # looked up once
            found = _by_speaker(connection, engine, statement, ask, who, limit, after) if who and limit \
                and ask.only("speaker", "since", "until") else None
            if found is None:
                statement = _filtered(statement, engine, ask, who)
                found = records(connection.execute(statement.limit(limit) if limit else statement))
        _with_roles(connection, found)
    return [_rowed(row, keyed, "said") for row in found]


def _with_roles(connection: Connection, found: list[dict[str, Any]]) -> None:
    """Give each quote row `speaker_role`: the first role its speaker held in its article (None for none), read for
    all the rows at once."""
    pairs = {(row["article_key"], row["_person"]) for row in found if row["_person"]}
    keys = sorted({article for article, _ in pairs})
    held: dict[tuple[str, str], str] = {}
    for at in range(0, len(keys), 400):  # by article, the index's first column (a pair of columns IN a list of
        # pairs is read by scanning the whole table on SQLite)
        statement = select(roles.c.article, roles.c.person, roles.c.role).where(
            roles.c.article.in_(keys[at:at + 400])).order_by(roles.c.article, roles.c.person)
        for article, person, role in connection.execute(statement):
            if (article, person) in pairs:
                held.setdefault((article, person), role)
    for row in found:
        row["speaker_role"] = held.get((row["article_key"], row.pop("_person")))


def _rowed(row: dict[str, Any], keyed: bool, first: str) -> dict[str, Any]:
    """A quote row without its row id; `keyed`, with the key a page ending on it ends at (`first`, row id)."""
    ident = row.pop("_row")
    if keyed:
        row["_key"] = (row[first], ident)
    return row


def _by_speaker(connection: Connection, engine: Engine, statement: Select[Any], ask: Ask,
                who: list[tuple[str, str]], limit: int, after: Key | None) -> list[dict[str, Any]] | None:
    """A page of a speaker's newest quotes read from the quotes of their newest days only (`_newest_day_of`); None
    where that cannot be told to be the whole page (fewer rows than asked), for the plain query to answer."""
    until = min((d for d in (ask.until, after[0] if after else None) if d), default=None)
    floor = _newest_day_of(connection, who, since=ask.since, until=until, rows=limit)
    if floor is None:
        return None
    found = records(connection.execute(_filtered(statement.where(quotes.c.said >= floor), engine, ask, who)
                                       .limit(limit)))
    return found if len(found) == limit else None


def find_ranked_quotes(engine: Engine, *, limit: int | None = None, after: Key | None = None,
                       keyed: bool = False, **asked: Any) -> list[dict[str, Any]]:
    """Quotes matching a search, the best match first (then the latest stored): ranked by their own words where
    `search` is given, else by their article's (`about`); BM25 on SQLite, `ts_rank` on PostgreSQL (so the two
    rank alike but not always the same). A rank is kept in each row's `_key` (`keyed`), lower first."""
    ask = Ask(**asked)
    scored = _scores(engine, ask.search or ask.about or "", "quotes" if ask.search else "articles")
    joined = quotes.c.id == scored.c.ref if ask.search else quotes.c.article == scored.c.ref
    statement = (select(*ROW, scored.c.score.label("_score")).select_from(scored).join(quotes, joined)
                 .join(articles, articles.c.key == quotes.c.article).order_by(scored.c.score, quotes.c.id.desc()))
    if after:
        score, row = after
        statement = statement.where(or_(scored.c.score > score, and_(scored.c.score == score, quotes.c.id < row)))
    with engine.connect() as connection:
        who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None
        statement = _filtered(statement, engine, ask.without("search") if ask.search else ask.without("about"), who)
        found = records(connection.execute(statement.limit(limit) if limit else statement))
        _with_roles(connection, found)
    for row in found:
        row["_row"] = row.pop("_row"), row.pop("_score")
    return [_ranked(row, keyed) for row in found]


def _ranked(row: dict[str, Any], keyed: bool) -> dict[str, Any]:
    """A ranked quote row without its row id and score; `keyed`, with its key (score, row id)."""
    ident, score = row.pop("_row")
    if keyed:
        row["_key"] = (float(score), ident)
    return row


def _scores(engine: Engine, words: str, where: str) -> Any:
    """Each quote (`where` "quotes") or article ("articles") a search matches, with its score, lower the better:
    `ref` is the quote's row id or the article's key."""
    query = search_module.parse(words)
    ref = Integer() if where == "quotes" else String()
    if engine.dialect.name == "postgresql":
        expression, params = search_module.to_tsquery(query, prefix="r")
        column = "id" if where == "quotes" else "key"
        statement = text(f"SELECT {column} AS ref, -ts_rank(tsv, {expression}) AS score FROM {where} "
                         f"WHERE tsv @@ ({expression})").bindparams(**params)
    elif where == "quotes":
        statement = text("SELECT rowid AS ref, rank AS score FROM quotes_fts WHERE quotes_fts MATCH :m_rank")
        statement = statement.bindparams(m_rank=search_module.to_fts5(query))
    else:
        statement = text("SELECT articles.key AS ref, articles_fts.rank AS score FROM articles_fts JOIN articles ON "
                         "articles.rowid = articles_fts.rowid WHERE articles_fts MATCH :m_rank")
        statement = statement.bindparams(m_rank=search_module.to_fts5(query))
    return statement.columns(ref=ref, score=Float()).subquery("scored")


AROUND = 300
"""How much of an article's text around a quote `windows` reads, each way."""


def windows(engine: Engine, rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """For each quote row, the stretch of its article's text around it (`AROUND` characters each way) and where
    the quote is in that stretch: what its sentence is found in. The page's articles are read in one query."""
    keys = sorted({row["article_key"] for row in rows})
    with engine.connect() as connection:
        texts = {key: text for key, text in connection.execute(
            select(articles.c.key, articles.c.text).where(articles.c.key.in_(keys)))}
    found = []
    for row in rows:
        first = max(0, row["start"] - AROUND)
        found.append((texts.get(row["article_key"], "")[first:row["end"] + AROUND], row["start"] - first,
                      row["end"] - first))
    return found


def records(result: Result[Any]) -> list[dict[str, Any]]:
    """A result's rows as dicts keyed by plain strings. SQLAlchemy names a table's column by a `str` subclass of its
    own, which an encoder that checks a value's exact type (pydantic's, serving the API) takes the slow way,
    attribute by attribute: 2.5 ms of a twenty-quote answer, measured."""
    return list(_keyed(result))


def _keyed(result: Result[Any]) -> Iterator[dict[str, Any]]:
    """`records`, one row at a time."""
    keys = [str(key) for key in result.keys()]
    for row in result:
        yield dict(zip(keys, row, strict=True))


MANY_MATCHES = 2000
"""Beyond how many quotes a search matches the newest are found by walking the dates down, not by sorting all."""


def _newest_day_of(connection: Connection, speaker: list[tuple[str, str]], *, since: date | None,
                   until: date | None, rows: int) -> date | None:
    """For a speaker filter (its names looked up), the day of their `rows`-th newest quote, so that only the quotes
    of their newest days are sorted (a person quoted 80,000 times has 20 among the newest few hundred). Each of their
    persons, and each name no person was resolved to, gives its newest `rows` days from the end of its index range
    ((speaker_entity, said), (speaker, said)), and the `rows`-th newest of those is the day. None where they have
    fewer quotes than `rows`. A filter that fits more than `SPEAKER_KEYS` names and persons walks the index on the
    day said instead."""
    entities, spoken = _split(speaker)
    if len(entities) + len(spoken) > SPEAKER_KEYS:
        return _walked_day_of(connection, speaker, since=since, until=until, rows=rows)
    newest = []
    for column, values in ((quotes.c.speaker_entity, entities), (quotes.c.speaker, spoken)):
        for value in values:
            theirs = _between(select(quotes.c.said.label("said")).where(column == value), since, until)
            newest.append(select(theirs.order_by(quotes.c.said.desc()).limit(rows).subquery()))
    if not newest:
        return None
    days = union_all(*newest).subquery()
    return _day(connection.scalar(select(days.c.said).order_by(days.c.said.desc()).offset(rows - 1).limit(1)))


SPEAKER_KEYS = 50
"""Up to how many persons and names a speaker filter may fit for its newest day to be read from each one's index."""


def _walked_day_of(connection: Connection, speaker: list[tuple[str, str]], *, since: date | None,
                   until: date | None, rows: int) -> date | None:
    """`_newest_day_of` for a filter that fits many names ("an"): where they were quoted more than `MANY_MATCHES`
    times, the day of the `rows`-th newest of those quotes, found by walking the index on the day said."""
    spoken = _spoken_by(speaker)
    if connection.scalar(select(func.count()).select_from(select(quotes.c.id).where(spoken)
                                                          .limit(MANY_MATCHES + 1).subquery())) <= MANY_MATCHES:
        return None
    walk = select(quotes.c.said).where(_checked_only(speaker)).order_by(quotes.c.said.desc()).offset(rows - 1).limit(1)
    return _day(connection.scalar(_between(walk, since, until)))


def _checked_only(speaker: list[tuple[str, str]]) -> Any:
    """`_spoken_by` for looked-up names as a condition SQLite checks on rows another index found rather than one it
    looks rows up by: each column under a unary plus, which SQLite uses no index for. The names stay bound
    parameters."""
    entities, spoken = _split(speaker)
    return text("(+quotes.speaker_entity IN :entities OR +quotes.speaker IN :spoken)").bindparams(
        bindparam("entities", entities, expanding=True), bindparam("spoken", spoken, expanding=True))


def _newest_matches(connection: Connection, search: str, *, since: date | None, until: date | None,
                    rows: int, after: Key | None = None) -> list[int]:
    """The ids of the quotes a search (alone, or with days) matches that are said on the days of its `rows` newest
    matches after a page's end: every quote that can be on the page, and few more, so that only they are read
    whole, joined to their articles and sorted. The matches are read newest first, their day only, and the reading
    stops at the first day past the `rows`-th match. Where the search matches more than `MANY_MATCHES` quotes, they
    are found by walking the index on the day said, each quote asked whether it is in the set of matches (built
    once), which stops long before the end (a few milliseconds where sorting 40,000 matches takes hundreds); fewer
    are sorted by their day, read from the index on (id, said, quote) (half the time of reading each quote's row)."""
    match = search_module.to_fts5(search_module.parse(search))
    matched = _matches(connection, match, MANY_MATCHES + 1)
    if not matched:
        return []
    walked = "INDEXED BY " + ("ix_quotes_said " if matched > MANY_MATCHES else "ix_quotes_id_said_quote ")
    last_day, last_row = after if after else (None, None)
    days, bounds = _days("said", since, min((d for d in (until, last_day) if d), default=None))
    newest = text(f"SELECT id, said FROM quotes {walked}WHERE id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts "
                  f"MATCH :m){days} ORDER BY said DESC")
    ids: list[int] = []
    last = None
    found = connection.execute(newest.bindparams(m=match, **bounds))
    for ident, said in found:
        day = _day(said)
        if after and day == last_day and ident >= last_row:
            continue  # on the last page's day, at or before its end
        if len(ids) >= rows and day != last:
            break
        ids.append(ident)
        last = day
    found.close()
    return ids


def count_quotes(engine: Engine, *, distinct: bool = False, **asked: Any) -> int:
    """How many rows `find_quotes` (or, `distinct`, `find_distinct_quotes`) would give without a limit: the
    number a page of them is out of."""
    ask = Ask(**asked)
    with engine.connect() as connection:
        if not distinct and ask.search and ask.only("search") and engine.dialect.name == "sqlite":
            match = search_module.to_fts5(search_module.parse(ask.search))  # every row of the index is a quote
            return int(connection.scalar(text("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH :m")
                                         .bindparams(m=match)) or 0)
        who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None  # looked up once, then indexes
        if not distinct:
            counted = _filtered(select(func.count()).select_from(quotes), engine, ask, who)
            return int(connection.scalar(counted) or 0)
        listed = select(func.count()).select_from(quote_stats)
        listed = _between(listed, ask.since, ask.until, quote_stats.c.first_seen)
        if not ask.only("since", "until"):
            passing = _filtered(select(quotes.c.quote), engine, ask.without("since", "until"), who)
            listed = listed.where(quote_stats.c.quote.in_(passing))
        return int(connection.scalar(listed) or 0)


def find_distinct_quotes(engine: Engine, *, limit: int | None = None, after: Key | None = None, keyed: bool = False,
                         **asked: Any) -> list[dict[str, Any]]:
    """One row per quote across articles, newest first appearance first: its first appearance's text, speaker and
    article, when it first appeared, how many occurrences it has and in how many articles, and every speaker the
    occurrences give where they disagree. `since` and `until` choose quotes by their first appearance; the other
    filters keep those with an occurrence that passes. `after`: a page's end (first appearance, quote id).

    Quotes are read from `quote_stats` by its index on the first appearance. With filters on occurrences, the quotes
    of those that pass are listed in that order when a search finds them (by its index) or when up to `MANY` pass a
    speaker or an act (by theirs); when more pass, the quotes are walked in order and each is asked whether an
    occurrence of it passes, which finds a page's worth long before the end."""
    ask = Ask(**asked)
    listed = select(quote_stats.c.quote, quote_stats.c.first_seen).order_by(quote_stats.c.first_seen.desc(),
                                                                           quote_stats.c.quote.desc())
    listed = _between(listed, ask.since, ask.until, quote_stats.c.first_seen)
    if after:
        first, quote = after
        listed = listed.where(quote_stats.c.first_seen <= first, or_(quote_stats.c.first_seen < first,
                                                                     quote_stats.c.quote < quote))
    with engine.connect() as connection:
        if ask.only("since", "until"):
            ids = [row.quote for row in connection.execute(listed.limit(limit) if limit else listed)]
        elif ask.search and ask.only("search", "since", "until") and engine.dialect.name == "sqlite":
            ids = _first_matches(connection, ask.search, since=ask.since, until=ask.until, limit=limit, after=after)
        else:
            who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None
            passing = _filtered(select(quotes.c.quote), engine, ask.without("since", "until"), who)
            if ask.search or ask.about or connection.scalar(select(func.count()).select_from(
                    passing.limit(MANY + 1).subquery())) <= MANY:  # the quotes of those that pass, by an index
                statement = listed.where(quote_stats.c.quote.in_(passing))
            else:  # most pass: the quotes in order, each asked whether an occurrence of it passes
                statement = listed.where(passing.where(quotes.c.quote == quote_stats.c.quote).exists())
            ids = [row.quote for row in connection.execute(statement.limit(limit) if limit else statement)]
        found = occurrences(connection, ids)
    rows = [summary(q, found[q]) for q in ids if found[q]]
    if keyed:
        for row in rows:
            row["_key"] = (row["first_seen"], row["quote"])
    return rows


MANY = 15000


WALK_FIRST = 10000
"""Beyond how many matches a search's quotes are found by walking them by first appearance, not by sorting all."""


def _first_matches(connection: Connection, search: str, *, since: date | None, until: date | None,
                   limit: int | None, after: Key | None) -> list[str]:
    """For `find_distinct_quotes` on SQLite, a search alone (with days, or not): the quotes it matches, newest first
    appearance first. The quote of each match is read from the index on (id, said, quote), not from its row; where
    more than `WALK_FIRST` match, the quotes are walked by their first appearance, each asked whether it is in the
    set of matched quotes (built once), which finds a page's worth long before the end (86 → 42 ms for a word 40,969
    quotes hold); fewer are looked up and sorted (3 ms where walking takes 11)."""
    match = search_module.to_fts5(search_module.parse(search))
    walked = "INDEXED BY ix_quote_stats_first_seen " if _matches(connection, match, WALK_FIRST + 1) > WALK_FIRST else ""
    days, bounds = _days("first_seen", since, until)
    if after:
        days += " AND first_seen <= :after_day AND (first_seen < :after_day OR quote < :after_quote)"
        bounds = {**bounds, "after_day": after[0], "after_quote": after[1]}
    first = text(f"SELECT quote FROM quote_stats {walked}WHERE quote IN (SELECT quote FROM quotes INDEXED BY "
                 "ix_quotes_id_said_quote WHERE id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m))"
                 f"{days} ORDER BY first_seen DESC, quote DESC LIMIT :limit")
    return list(connection.scalars(first.bindparams(m=match, limit=-1 if limit is None else limit, **bounds)))


def _resolved_speaker(connection: Connection, speaker: str) -> list[tuple[str, str]]:
    """A speaker filter looked up once, as pairs of a name and its person ("" for a speaker no person was resolved
    to), which `_spoken_by` takes as they are: a person's id (merged or not) is its person."""
    if PERSON_ID.match(speaker):
        merged = connection.scalar(select(person_merges.c.new).where(person_merges.c.old == speaker))
        return [("", merged or speaker)]
    return [(row.name, row.entity) for row in connection.execute(
        select(names.c.name, names.c.entity).where(_names_holding(connection, speaker)))]


def _names_holding(connection: Connection, part: str) -> Any:
    """The rows of `names` that hold `part`, in any case. On SQLite a part of three characters or more is first
    looked up by its trigrams (`names_fts`), which finds the few names that may hold it without reading every one;
    the match itself is the same either way."""
    holds = names.c.name.ilike(_like(part), escape="\\")
    if connection.dialect.name != "sqlite" or len(part) < 3 or any(c in part for c in "%_\\"):
        return holds
    candidates = text("names.rowid IN (SELECT rowid FROM names_fts WHERE names_fts.name LIKE :part)")
    return and_(candidates.bindparams(part=f"%{part}%"), holds)


def occurrences(connection: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every occurrence of some quotes, by quote, each in order of publication (then of ingest): each article with
    the words and the speaker as it gives them. One query per 500 quotes, not one per quote."""
    found: dict[str, list[dict[str, Any]]] = {q: [] for q in ids}
    for at in range(0, len(ids), 500):
        statement = (
            select(quotes.c.quote, quotes.c.text, quotes.c.speaker, quotes.c.speaker_text, quotes.c.cue,
                   quotes.c.said, quotes.c.kind, quotes.c.found_by, quotes.c.confidence,
                   quotes.c.speaker_entity.label("speaker_id"),
                   articles.c.id.label("article"), articles.c.key.label("article_key"), articles.c.title,
                   articles.c.url, articles.c.published)
            .join(articles, articles.c.key == quotes.c.article)
            .where(quotes.c.quote.in_(ids[at:at + 500]))
            .order_by(quotes.c.quote, articles.c.published, articles.c.ingested, articles.c.id, quotes.c.n)
        )
        for occurrence in records(connection.execute(statement)):
            found[occurrence.pop("quote")].append(occurrence)
    return found


def summary(quote: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    """A quote's row: what its first appearance says (its words, their kind, the speaker, the article), and how
    many times, in how many articles and by whom it was repeated."""
    first = found[0]
    who: dict[str, str] = {}  # one name per person across the corpus: "Donald Trump" and "Donald J. Trump" agree
    for o in found:
        if o["speaker"]:
            who.setdefault(o["speaker_id"] or o["speaker"], o["speaker"])
    speakers = list(who.values())
    return {"quote": quote, "text": first["text"], "kind": first["kind"], "speaker": first["speaker"],
            "speaker_id": first["speaker_id"], "first_seen": first["published"], "first_article": first["article"],
            "first_article_key": first["article_key"], "occurrences": len(found),
            "articles": len({o["article_key"] for o in found}), "speakers": speakers if len(speakers) > 1 else []}


QUOTATIONS = ("direct", "mixed")
"""The kinds of quote Quotebank holds: a quotation, the words in quotation marks as the speaker said them (a mixed
quote's `text` is its words in quotation marks). An indirect quote is the reporter's words, which Quotebank never
holds, and so are the beliefs and findings Dateline reports (all indirect, on the Reuters wire stories)."""
PHASE = "E"
"""Quotebank's `phase` says how its crawl kept a text: A to C lower-cased it, D lost what was not ASCII, and E, since
2014-05-22, kept the text as written, in Unicode. Dateline reads articles as written, so every quotation is E's."""


def quotebank(engine: Engine, *, all_kinds: bool = False, chunk: int = 5000) -> Iterator[dict[str, Any]]:
    """Every quotation across articles as a record of Quotebank's quotation-centric data (Vaucher et al., WSDM
    2021), streamed, in its fields and types:

    - `quoteID` (str): Dateline's id of the quote (`dateline quote ID`), where Quotebank writes the date and a
      number ("2020-01-28-000082"): a key either way;
    - `quotation` (str): the longest of its occurrences' words, as Quotebank keeps the longest form;
    - `speaker` (str): the name of the person most occurrences give, "None" where none does;
    - `qids` (list of str): empty, for Dateline has no Wikidata ids;
    - `date` (str, "YYYY-MM-DD HH:MM:SS"): the day of its first appearance at midnight (articles carry a day);
    - `numOccurrences` (int): its occurrences in the store;
    - `probas` (list of [speaker, probability as a string of four decimals]): each speaker's share of the
      occurrences, the most likely first, where Quotebank gives its model's probabilities;
    - `urls` (list of str): the URLs of the articles it appears in, in order of publication, where they have one;
    - `phase` (str): "E" (`PHASE`).

    Only the quotations Quotebank holds (`QUOTATIONS`) unless `all_kinds`, which adds the indirect ones (each its
    article's own) and, to each record, `kind` and `act` of its first appearance."""
    statement = (
        select(quotes.c.quote, quotes.c.text, quotes.c.speaker, quotes.c.speaker_entity.label("entity"),
               quotes.c.kind, quotes.c.act, articles.c.url, articles.c.published)
        .join(articles, articles.c.key == quotes.c.article)
        .order_by(quotes.c.quote, articles.c.published, articles.c.ingested, articles.c.id, quotes.c.n)
    )
    if not all_kinds:
        statement = statement.where(quotes.c.kind.in_(QUOTATIONS))
    with engine.connect().execution_options(stream_results=True, yield_per=chunk) as connection:
        current: list[Any] = []
        for row in connection.execute(statement):
            if current and row.quote != current[0].quote:
                yield _quotebank_row(current, all_kinds)
                current = []
            current.append(row)
        if current:
            yield _quotebank_row(current, all_kinds)


def _quotebank_row(found: list[Any], all_kinds: bool) -> dict[str, Any]:
    """One quote's record (`quotebank`) from its occurrences, in order of publication."""
    first = found[0]
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for row in found:
        who = row.entity or row.speaker or "None"
        counts[who] = counts.get(who, 0) + 1
        names.setdefault(who, row.speaker or "None")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))
    record = {"quoteID": first.quote, "quotation": max(found, key=lambda row: len(row.text)).text,
              "speaker": names[ranked[0][0]], "qids": [], "date": f"{first.published.isoformat()} 00:00:00",
              "numOccurrences": len(found), "probas": [[names[who], f"{n / len(found):.4f}"] for who, n in ranked],
              "urls": list(dict.fromkeys(row.url for row in found if row.url)), "phase": PHASE}
    if all_kinds:
        record.update(kind=first.kind, act=first.act)
    return record


def find_quote(engine: Engine, ident: str) -> dict[str, Any] | None:
    """One quote by its id (an id merged into another answers for it): its summary and every occurrence."""
    with engine.connect() as connection:
        merged = connection.scalar(select(quote_merges.c.new).where(quote_merges.c.old == ident))
        quote = merged or ident
        found = occurrences(connection, [quote])[quote]
    if not found:
        return None
    return {**summary(quote, found), "occurrences": found}


def find_people(engine: Engine, name: str | None = None, *, role: str | None = None, sort: str = "quotes",
                limit: int | None = None, after: Key | None = None, keyed: bool = False,
                ident: str | None = None) -> list[dict[str, Any]]:
    """Persons across the corpus (`store/names.py` says who is one), most quoted first (`sort` "name": by name):
    their id, fullest name, the other names articles gave them, their roles, how many articles name them and quote
    them, and when they were first and last seen. `name` matches any part of any of their names, `role` any part of
    a role they held; `after`, a page's end (`keyed`: each row's `_key`).

    The persons of a page are counted one by one over the indexes on a person (a few aggregates each, however
    often they were quoted); the order, most quoted first, is read from the index on the quotes' speakers alone
    (8.5 s → 0.3 s a page on a million quotes, where every person was counted in one pass over the corpus)."""
    with engine.connect() as connection:
        chosen = _chosen_people(connection, name, role, ident)
        if sort == "name":
            found = _people_by_name(connection, chosen, limit=limit, after=after)
        else:
            ranked = _ranking(connection, persons, quotes.c.speaker_entity, func.count(), chosen)
            if after:
                ranked = [r for r in ranked if r > (-after[0], after[1], after[2])]
            page = [ident for _, _, ident in (ranked[:limit] if limit else ranked)]
            counted = {p["id"]: p for p in _counted_one_by_one(connection, page)}
            found = [counted[i] for i in page if i in counted]
        _named(connection, found)
    return [{**{k: p[k] for k in PERSON_FIELDS}, **({"_key": _person_key(p, sort)} if keyed else {})}
            for p in found]


PERSON_FIELDS = ("id", "name", "aliases", "roles", "articles", "quotes", "first_seen", "last_seen", "evidence")


def _ranking(connection: Connection, table: Table, column: Any, counted: Any,
            chosen: list[str] | None) -> list[tuple[int, str, str]]:
    """Persons or organizations (`table`) in order of a count (`counted` of the rows whose `column` names them, read
    from that column's index), most first, then by name and id: (minus the count, name, id) each. `chosen`: only
    these (None: all)."""
    counts: dict[str, int] = {}
    names: list[tuple[str, str]] = []
    statement = select(column, counted).where(column.is_not(None)).group_by(column)
    listed = select(table.c.id, table.c.name)
    if chosen is None:
        counts.update((entity, n) for entity, n in connection.execute(statement))
        names.extend((ident, label) for ident, label in connection.execute(listed))
    for at in range(0, len(chosen or []), 500):
        chunk = chosen[at:at + 500]  # type: ignore[index]
        counts.update((entity, n) for entity, n in connection.execute(statement.where(column.in_(chunk))))
        names.extend((ident, label) for ident, label in connection.execute(listed.where(table.c.id.in_(chunk))))
    return sorted((-int(counts.get(ident, 0)), label, ident) for ident, label in names)


def _person_key(person: dict[str, Any], sort: str) -> Key:
    return (person["name"], person["id"]) if sort == "name" else (int(person["quotes"]), person["name"], person["id"])


def _chosen_people(connection: Connection, name: str | None, role: str | None,
                   ident: str | None) -> list[str] | None:
    """The persons a question is about (None: everyone): one by id (a merged id answers for the person it was merged
    into), those a part of a name fits, those who held a role holding a part of it, or both."""
    if ident:
        merged = connection.scalar(select(person_merges.c.new).where(person_merges.c.old == ident))
        return [merged or ident]
    chosen: set[str] | None = None
    if name:
        chosen = set(connection.scalars(select(names.c.entity).where(
            _names_holding(connection, name), names.c.entity.in_(select(persons.c.id)))))
    if role:
        held = set(connection.scalars(select(roles.c.entity).where(
            _roles_holding(connection.dialect.name, role), roles.c.entity.is_not(None)).distinct()))
        chosen = held if chosen is None else chosen & held
    return None if chosen is None else sorted(chosen)


def _people_by_name(connection: Connection, chosen: list[str] | None, *, limit: int | None,
                    after: Key | None) -> list[dict[str, Any]]:
    """A page of persons in order of their names (then ids), each counted one by one."""
    statement = select(persons.c.id).order_by(persons.c.name, persons.c.id)
    if chosen is not None:
        statement = statement.where(persons.c.id.in_(chosen))
    if after:
        statement = statement.where(or_(persons.c.name > after[0], and_(persons.c.name == after[0],
                                                                       persons.c.id > after[1])))
    ids = list(connection.scalars(statement.limit(limit) if limit else statement))
    counted = {p["id"]: p for p in _counted_one_by_one(connection, ids)}
    return [counted[i] for i in ids if i in counted]


def _named(connection: Connection, found: list[dict[str, Any]]) -> None:
    """Give each person of a page their roles and the other names articles gave them, in the order first seen."""
    held: dict[str, dict[str, None]] = {p["id"]: {} for p in found}  # each person's roles, in order
    aliases: dict[str, dict[str, None]] = {p["id"]: {} for p in found}
    ids = list(held)
    for at in range(0, len(ids), 500):
        listed = func.cast(people.c.roles, Text)  # grouped as text: PostgreSQL has no equality on json
        forms = (select(people.c.entity, people.c.name, listed)
                 .where(people.c.entity.in_(ids[at:at + 500]))
                 .group_by(people.c.entity, people.c.name, listed)
                 .order_by(func.min(people.c.article), func.min(people.c.person)))
        for entity, form, kept in connection.execute(forms):
            held[entity].update(dict.fromkeys(json.loads(kept) if kept else []))
            aliases[entity][form] = None
    evidence = _evidence(connection, ids)
    for person in found:  # a role once, whatever its case: "Treasury Secretary" and "Treasury secretary"
        person["evidence"] = evidence.get(person["id"], [])
        person["roles"] = list({role.casefold(): role for role in reversed(held[person["id"]])}.values())[::-1]
        person["aliases"] = [a for a in aliases[person["id"]] if a != person["name"]]
        person["quotes"] = int(person["quotes"])


def _evidence(connection: Connection, ids: list[str]) -> dict[str, list[str]]:
    """Why each person is who they are: the merges made into them, counted by their evidence ("joined 12 named by
    surname alone: surname: the one Reagan of the corpus whose …"), and why one named by a surname alone stays
    apart."""
    found: dict[str, list[str]] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        joined = (select(person_merges.c.new, person_merges.c.why, func.count())
                  .where(person_merges.c.new.in_(chunk)).group_by(person_merges.c.new, person_merges.c.why)
                  .order_by(func.count().desc(), person_merges.c.why))
        for entity, why, n in connection.execute(joined):
            found.setdefault(entity, []).append(f"{n} joined by {why or 'a merge made before evidence was kept'}")
        for entity, note in connection.execute(select(persons.c.id, persons.c.note).where(
                persons.c.id.in_(chunk), persons.c.note.is_not(None))):
            found.setdefault(entity, []).append(note)
    return found


def _counted_one_by_one(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Each person's counts, by the indexes on `people.entity` and `quotes.speaker_entity`."""
    found: dict[str, dict[str, Any]] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        seen = (select(persons.c.id, persons.c.name, func.count(func.distinct(people.c.article)).label("articles"),
                       func.min(articles.c.published).label("first_seen"),
                       func.max(articles.c.published).label("last_seen"))
                .join(people, people.c.entity == persons.c.id).join(articles, articles.c.key == people.c.article)
                .where(persons.c.id.in_(chunk)).group_by(persons.c.id, persons.c.name))
        for row in records(connection.execute(seen)):
            found[row["id"]] = {**row, "quotes": 0}
        said = (select(quotes.c.speaker_entity, func.count()).where(quotes.c.speaker_entity.in_(chunk))
                .group_by(quotes.c.speaker_entity))
        for entity, n in connection.execute(said):
            if entity in found:
                found[entity]["quotes"] = n
    return list(found.values())


def find_organizations(engine: Engine, name: str | None = None, *, sort: str = "articles", limit: int | None = None,
                       after: Key | None = None, keyed: bool = False) -> list[dict[str, Any]]:
    """Organizations across the corpus (`store/org_names.py` says which is one), the most written about first
    (`sort` "name": by name): their id, fullest name, the other names articles gave them, how many articles name
    them, and when they were first and last seen. `name` matches any part of any of their names; a merged
    organization's id answers for the survivor. `after`: a page's end (`keyed`: each row's `_key`). The order is
    read from the index on the organizations' mentions by article; only a page's organizations are counted."""
    with engine.connect() as connection:
        chosen = _chosen_organizations(connection, name)
        if sort == "name":
            page = select(organizations.c.id).order_by(organizations.c.name, organizations.c.id)
            if chosen is not None:
                page = page.where(organizations.c.id.in_(chosen))
            if after:
                page = page.where(or_(organizations.c.name > after[0], and_(organizations.c.name == after[0],
                                                                           organizations.c.id > after[1])))
            ids = list(connection.scalars(page.limit(limit) if limit else page))
        else:
            ranked = _ranking(connection, organizations, entities.c.entity,
                             func.count(func.distinct(entities.c.article)), chosen)
            if after:
                ranked = [r for r in ranked if r > (-after[0], after[1], after[2])]
            ids = [ident for _, _, ident in (ranked[:limit] if limit else ranked)]
        counted = {o["id"]: o for o in _organizations_counted(connection, ids)}
        found = [counted[i] for i in ids if i in counted]
        aliases: dict[str, dict[str, None]] = {o["id"]: {} for o in found}
        for at in range(0, len(ids), 500):
            chunk = (select(entities.c.entity, entities.c.name).where(entities.c.entity.in_(ids[at:at + 500]))
                     .order_by(entities.c.article, entities.c.name))
            for row in connection.execute(chunk):
                if row.entity in aliases:
                    aliases[row.entity][row.name] = None
    for org in found:
        org["aliases"] = [a for a in aliases[org["id"]] if a != org["name"]]
    fields_ = ("id", "name", "aliases", "articles", "first_seen", "last_seen")
    return [{**{k: o[k] for k in fields_},
             **({"_key": (o["name"], o["id"]) if sort == "name" else (o["articles"], o["name"], o["id"])}
                if keyed else {})} for o in found]


def _chosen_organizations(connection: Connection, name: str | None) -> list[str] | None:
    """The organizations a question is about (None: all): one by id (a merged id answers for the survivor), or
    those any part of whose names is `name`."""
    if name and ORGANIZATION_ID.match(name):
        merged = connection.scalar(select(organization_merges.c.new).where(organization_merges.c.old == name))
        return [merged or name]
    if name:
        return sorted(set(connection.scalars(select(entities.c.entity).where(
            entities.c.kind == "organization", entities.c.name.ilike(_like(name), escape="\\"),
            entities.c.entity.is_not(None)))))
    return None


def _organizations_counted(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """Each of some organizations' names and counts: the articles naming it, when first and last."""
    found: list[dict[str, Any]] = []
    for at in range(0, len(ids), 500):
        found.extend(records(connection.execute(
            select(organizations.c.id, organizations.c.name,
                   func.count(func.distinct(entities.c.article)).label("articles"),
                   func.min(articles.c.published).label("first_seen"),
                   func.max(articles.c.published).label("last_seen"))
            .join(entities, entities.c.entity == organizations.c.id)
            .join(articles, articles.c.key == entities.c.article)
            .where(organizations.c.id.in_(ids[at:at + 500]))
            .group_by(organizations.c.id, organizations.c.name))))
    return found


def count_people(engine: Engine, name: str | None = None, *, role: str | None = None) -> int:
    """How many persons `find_people` would give for `name` and `role` without a limit."""
    with engine.connect() as connection:
        chosen = _chosen_people(connection, name, role, None)
        if chosen is not None:
            return len(chosen)
        return int(connection.scalar(select(func.count()).select_from(persons)) or 0)


def count_organizations(engine: Engine, name: str | None = None) -> int:
    """How many organizations `find_organizations` would give for `name` without a limit."""
    with engine.connect() as connection:
        chosen = _chosen_organizations(connection, name)
        if chosen is not None:
            return len(chosen)
        return int(connection.scalar(select(func.count()).select_from(organizations)) or 0)


MET_ARTICLES = 2000
"""How many of a person's latest articles `find_person` reads for whom they met (events are read one by one)."""


def find_person(engine: Engine, ident: str) -> dict[str, Any] | None:
    """One person across the corpus, by id or by name (the most quoted person a name fits): who they are, their roles
    over time, how often they were quoted each month, their most repeated quotes, and whom they spoke to or met (in
    their latest `MET_ARTICLES` articles).

    Everything but the meetings is counted by the database, over the indexes on a person: a person quoted in tens of
    thousands of articles costs a few aggregates, not a row each."""
    if PERSON_ID.match(ident):
        chosen = find_people(engine, ident=ident)
    else:
        chosen = find_people(engine, ident, limit=1)
    if not chosen:
        return None
    person = chosen[0]
    pid = person["id"]
    with engine.connect() as connection:
        spans: dict[str, list[date]] = {}
        held = func.cast(people.c.roles, Text)  # grouped as text: PostgreSQL has no equality on json
        seen = (select(held, func.min(articles.c.published), func.max(articles.c.published))
                .join(articles, articles.c.key == people.c.article).where(people.c.entity == pid)
                .group_by(held))
        for listed, first, last in sorted(connection.execute(seen), key=lambda r: (r[1], r[2])):
            for role in json.loads(listed) if listed else []:
                span = spans.setdefault(role, [first, last])
                span[0], span[1] = min(span[0], first), max(span[1], last)
        theirs = quotes.c.speaker_entity == pid
        month = func.substr(func.cast(quotes.c.said, String), 1, 7)
        months = {m: n for m, n in connection.execute(select(month, func.count()).where(theirs).group_by(month))}
        top = list(connection.execute(
            select(quotes.c.quote, func.count().label("n"), func.max(func.length(quotes.c.text)))
            .where(theirs).group_by(quotes.c.quote).order_by(func.count().desc(), quotes.c.quote).limit(10)))
        texts = {row.quote: (row.text, row.kind) for row in connection.execute(
            select(quotes.c.quote, quotes.c.text, quotes.c.kind).where(theirs, quotes.c.quote.in_(
                [r.quote for r in top])).order_by(func.length(quotes.c.text)))}
        addressees = list(connection.execute(
            select(quotes.c.addressee, func.count()).where(theirs, quotes.c.addressee.is_not(None))
            .group_by(quotes.c.addressee).order_by(func.count().desc(), quotes.c.addressee)))
        spoke_for = [{"id": ident, "name": label, "quotes": n} for ident, label, n in connection.execute(
            select(organizations.c.id, organizations.c.name, func.count()).join(
                quotes, quotes.c.organization == organizations.c.id).where(theirs)
            .group_by(organizations.c.id, organizations.c.name).order_by(func.count().desc(), organizations.c.name))]
        names = {person["name"], *person["aliases"]}
        met: dict[str, int] = {}
        latest = (select(people.c.article).join(articles, articles.c.key == people.c.article)
                  .where(people.c.entity == pid).order_by(articles.c.published.desc()).limit(MET_ARTICLES))
        for row in connection.execute(select(events.c.participants).where(events.c.article.in_(latest))):
            if names & set(row.participants or []):
                for other in set(row.participants or []) - names:
                    met[other] = met.get(other, 0) + 1
    return {**person,
            "roles": [{"role": r, "first_seen": a, "last_seen": b} for r, (a, b) in spans.items()],
            "spoke_for": spoke_for,
            "quotes_by_month": [{"month": m, "quotes": n} for m, n in sorted(months.items())],
            "most_repeated": [{"quote": r.quote, "text": texts[r.quote][0], "kind": texts[r.quote][1],
                              "occurrences": r.n} for r in top],
            "spoke_to": [{"name": n, "times": k} for n, k in addressees],
            "met": [{"name": n, "times": k} for n, k in sorted(met.items(), key=lambda kv: -kv[1])]}


def article_links(engine: Engine, key: str) -> dict[str, Any]:
    """How one stored article's records link to the corpus: each quote's corpus id (by its place `n`), each
    person's (by the article's person id) and each organization's (by its name in the article), for pages that link
    an article to its quotes', people's and organizations' pages."""
    with engine.connect() as connection:
        quote_ids = {row.n: row.quote for row in connection.execute(
            select(quotes.c.n, quotes.c.quote).where(quotes.c.article == key))}
        person_ids = {row.person: row.entity for row in connection.execute(
            select(people.c.person, people.c.entity).where(people.c.article == key))}
        organization_ids = {row.name: row.entity for row in connection.execute(
            select(entities.c.name, entities.c.entity).where(entities.c.article == key,
                                                             entities.c.kind == "organization"))}
    return {"quotes": quote_ids, "people": person_ids, "organizations": organization_ids}


def size(engine: Engine) -> dict[str, int]:
    """How many quotes and articles the store holds (two counts, not one per table)."""
    with engine.connect() as connection:
        return {"quotes": int(connection.scalar(select(func.count()).select_from(quotes)) or 0),
                "articles": int(connection.scalar(select(func.count()).select_from(articles)) or 0)}


ORDER = {"articles": ("key",), "people": ("article", "person"), "mentions": ("article", "person", "start", "end"),
         "quotes": ("article", "n"), "times": ("article", "n"), "entities": ("article", "kind", "name"),
         "events": ("article", "n"), "persons": ("id",), "person_merges": ("old",),
         "quote_merges": ("old",), "organizations": ("id",), "organization_merges": ("old",),
         "quote_stats": ("quote",), "names": ("name", "entity"), "roles": ("article", "person", "role")}


def rows(engine: Engine, table: str, *, chunk: int = 5000) -> Iterator[dict[str, Any]]:
    """Every row of one table, streamed, in an order that does not depend on when rows were written."""
    schema_table = metadata.tables[table]
    columns = public_columns(table)
    order = [schema_table.c[name] for name in ORDER[table]]
    with engine.connect().execution_options(stream_results=True, yield_per=chunk) as connection:
        yield from _keyed(connection.execute(select(*columns).order_by(*order)))


def counts(engine: Engine) -> dict[str, int]:
    """How many rows each table holds."""
    with engine.connect() as connection:
        return {name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in metadata.tables.items()}
