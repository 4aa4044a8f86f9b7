"""Reading the store to browse it: one organization whole, the facets and the days of a question about quotes, and
lists of articles and events — each a page at a time, after where the page before ended (keyset paging).

Like `queries`, each function takes an engine and returns plain dicts, so the CLI and the HTTP API answer alike.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Engine, String, and_, func, literal, null, or_, select, text, union_all

from dateline.store import search as search_module
from dateline.store.queries import (
    Ask,
    Key,
    _filtered,
    _newest_day_of,
    _resolved_speaker,
    count_quotes,
    find_organizations,
    outlet_name,
    records,
)
from dateline.store.schema import (
    articles,
    events,
    organizations,
    persons,
    quotes,
    roles,
)

FACET_ROWS = 500
"""Over how many matches facets are counted: a question matching more says so (`counted`, `sample`)."""
TOP = 10
"""How many speakers and organizations a facet lists."""
SPOKESPEOPLE = ("spokes", "press secretary", "press officer")
"""What a role holds when its holder speaks for the organization it names ("White House spokesman")."""


def quote_facets(engine: Engine, *, cap: int = FACET_ROWS, total: int | None = None, **asked: Any) -> dict[str, Any]:
    """What a question about quotes finds, counted by speaker, organization, kind, month and day (for a chart):
    `total` is how many match (counted here unless the caller has), `counted` how many the counts are over and
    `sample` which: "all" of them; else, for words alone, the `cap` matches stored last (the full-text index gives
    them in that order at no cost; sorting tens of thousands of matches by day would cost more than the answer
    is worth), and for any other question the `cap` newest (read from an index in that order)."""
    ask = Ask(**asked)
    total = count_quotes(engine, **asked) if total is None else total
    with engine.connect() as connection:
        chosen, sample = _sample(connection, engine, ask, total, cap)
        counts = _grouped(connection, chosen.cte("matched"))
        speakers = _speakers(connection, counts["speaker"])
        named = _names(connection, organizations, [o for (o, _), _ in counts["organization"].most_common(TOP)])
    days = sorted((date.fromisoformat(str(d)[:10]), n) for (d, _), n in counts["day"].items())
    months = Counter[str]()
    for day, n in days:
        months[day.isoformat()[:7]] += n
    return {"total": total, "counted": min(total, cap), "sample": sample,
            "speakers": speakers,
            "organizations": [{"id": o, "name": named.get(o, o), "quotes": n}
                              for (o, _), n in counts["organization"].most_common(TOP)],
            "kinds": [{"kind": k, "quotes": n} for (k, _), n in counts["kind"].most_common()],
            "months": [{"month": m, "quotes": n} for m, n in sorted(months.items())],
            "days": [{"day": d, "quotes": n} for d, n in days]}


def _sample(connection: Any, engine: Engine, ask: Ask, total: int, cap: int) -> tuple[Any, str]:
    """The matches facets are counted over (a statement), and which they are (`quote_facets`)."""
    chosen = select(quotes.c.id, quotes.c.said, quotes.c.speaker_entity, quotes.c.speaker, quotes.c.organization,
                    quotes.c.kind)
    if total > cap and ask.search and ask.only("search") and engine.dialect.name == "sqlite":
        latest = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :m_sample ORDER BY rowid DESC "
                      "LIMIT :cap_sample").bindparams(m_sample=search_module.to_fts5(search_module.parse(ask.search)),
                                                      cap_sample=cap)
        return chosen.where(quotes.c.id.in_(latest)), "latest stored"
    who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None
    if total > cap and who and ask.only("speaker", "since", "until"):
        floor = _newest_day_of(connection, who, since=ask.since, until=ask.until, rows=cap)
        if floor is not None:  # only the quotes of the speaker's newest days are sorted
            chosen = chosen.where(quotes.c.said >= floor)
    chosen = _filtered(chosen, engine, ask, who)
    if total <= cap:
        return chosen, "all"
    return chosen.order_by(quotes.c.said.desc(), quotes.c.id.desc()).limit(cap), "newest"


def _grouped(connection: Any, matched: Any) -> dict[str, Counter[tuple[Any, Any]]]:
    """The matches counted four ways in one statement (the matches found once): by speaker (person, name), by
    organization, by kind and by day."""
    def by(facet: str, *columns: Any) -> Any:
        values = [*columns, null()] if len(columns) == 1 else list(columns)
        return (select(literal(facet).label("facet"), func.cast(values[0], String).label("a"),
                       func.cast(values[1], String).label("b"), func.count().label("n"))
                .where(values[0].is_not(None) if facet == "organization" else literal(True))
                .group_by(*columns))

    statement = union_all(by("speaker", matched.c.speaker_entity, matched.c.speaker),
                          by("organization", matched.c.organization), by("kind", matched.c.kind),
                          by("day", matched.c.said))
    counts: dict[str, Counter[tuple[Any, Any]]] = {f: Counter() for f in ("speaker", "organization", "kind", "day")}
    for facet, a, b, n in connection.execute(statement):
        counts[facet][(a, b)] += n
    return counts


def _speakers(connection: Any, counted: Counter[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """The most quoted speakers of a facet: each person once (whatever name each quote gives them) with their id,
    and each speaker no person was resolved to by the name quotes give."""
    merged: Counter[tuple[str | None, str]] = Counter()
    for (entity, name), n in counted.items():
        if entity or name:
            merged[(entity, "" if entity else name)] += n
    top = merged.most_common(TOP)
    named = _names(connection, persons, [e for (e, _), _ in top if e])
    return [{"id": e or None, "name": named.get(e, e) if e else name, "quotes": n} for (e, name), n in top]


def _names(connection: Any, table: Any, ids: list[str]) -> dict[str, str]:
    """The names of some persons or organizations, by id."""
    if not ids:
        return {}
    return {row.id: row.name for row in connection.execute(select(table.c.id, table.c.name)
                                                            .where(table.c.id.in_(ids)))}


def names_of(engine: Engine, ids: list[str]) -> dict[str, str]:
    """The names of persons (P…) and organizations (O…), by id."""
    with engine.connect() as connection:
        return {**_names(connection, persons, [i for i in ids if i.startswith("P")]),
                **_names(connection, organizations, [i for i in ids if i.startswith("O")])}


def quote_days(engine: Engine, **asked: Any) -> list[dict[str, Any]]:
    """How many quotes a question finds on each day they were said, oldest first: what a timeline draws (a person's,
    `person=`, read from the index on their quotes by day)."""
    ask = Ask(**asked)
    with engine.connect() as connection:
        who = _resolved_speaker(connection, ask.speaker) if ask.speaker else None
        counted = _filtered(select(quotes.c.said, func.count()).group_by(quotes.c.said), engine, ask, who)
        found = sorted((date.fromisoformat(str(d)[:10]), n) for d, n in connection.execute(counted))
    return [{"day": d, "quotes": n} for d, n in found]


def find_organization(engine: Engine, ident: str) -> dict[str, Any] | None:
    """One organization across the corpus, by id (a merged id answers for the survivor) or by name (the one a name
    fits that the most articles name): its names, how many articles name it and when, how many quotes speak for it
    (`affiliations.py`), the people who held a role naming it (its spokespeople first) and how often it was quoted
    each month."""
    chosen = find_organizations(engine, ident, limit=1)
    if not chosen:
        return None
    org = chosen[0]
    with engine.connect() as connection:
        quoted = int(connection.scalar(select(func.count()).where(quotes.c.organization == org["id"])) or 0)
        people = [dict(row) for row in records(connection.execute(
            select(roles.c.entity.label("id"), persons.c.name, func.min(roles.c.role).label("role"),
                   func.count(func.distinct(roles.c.article)).label("articles"))
            .join(persons, persons.c.id == roles.c.entity).where(roles.c.organization == org["id"])
            .group_by(roles.c.entity, persons.c.name)
            .order_by(func.count(func.distinct(roles.c.article)).desc(), persons.c.name).limit(50)))]
        spoke = set(connection.scalars(select(roles.c.entity).where(
            roles.c.organization == org["id"], or_(*(roles.c.role.ilike(f"%{w}%") for w in SPOKESPEOPLE)))))
    for person in people:
        person["spokesperson"] = person["id"] in spoke
    people.sort(key=lambda p: (not p["spokesperson"], -p["articles"], p["name"]))
    return {**org, "quotes": quoted, "people": people}


ARTICLE_SORTS = ("newest", "oldest", "title")


def find_articles(engine: Engine, *, search: str | None = None, outlet: str | None = None,
                  since: date | None = None, until: date | None = None, sort: str = "newest",
                  limit: int | None = None, after: Key | None = None, keyed: bool = False) -> list[dict[str, Any]]:
    """Stored articles, newest first (`sort` "oldest", "title"): each one's id, key, title, URL, outlet, day
    published and how many quotes it holds. `search` finds words in the title or the text; `outlet` the host of the
    URL; `since` and `until` bound the day published. `after`: a page's end (`keyed`: each row's `_key`)."""
    order, key = _article_order(sort)
    statement = select(articles.c.id, articles.c.key, articles.c.title, articles.c.url, articles.c.outlet,
                       articles.c.published).order_by(*order)
    statement = _articles_where(statement, engine, search=search, outlet=outlet, since=since, until=until)
    if after:
        statement = statement.where(_after_article(sort, after))
    with engine.connect() as connection:
        found = records(connection.execute(statement.limit(limit) if limit else statement))
        counted = {key: n for key, n in connection.execute(select(quotes.c.article, func.count()).where(
            quotes.c.article.in_([a["key"] for a in found])).group_by(quotes.c.article))}
    for row in found:
        row["quotes"] = counted.get(row["key"], 0)
        if keyed:
            row["_key"] = tuple(row[k] for k in key)
    return found


def _article_order(sort: str) -> tuple[list[Any], tuple[str, ...]]:
    """The order of a list of articles, and the fields of a page's end in that order."""
    if sort == "oldest":
        return [articles.c.published, articles.c.key], ("published", "key")
    if sort == "title":
        return [func.coalesce(articles.c.title, ""), articles.c.key], ("title", "key")
    return [articles.c.published.desc(), articles.c.key.desc()], ("published", "key")


def _after_article(sort: str, after: Key) -> Any:
    """Articles after a page's end, in the order of `sort`."""
    first, key = after
    if sort == "oldest":
        return or_(articles.c.published > first, and_(articles.c.published == first, articles.c.key > key))
    if sort == "title":
        title = func.coalesce(articles.c.title, "")
        return or_(title > (first or ""), and_(title == (first or ""), articles.c.key > key))
    return or_(articles.c.published < first, and_(articles.c.published == first, articles.c.key < key))


def _articles_where(statement: Any, engine: Engine, *, search: str | None, outlet: str | None,
                    since: date | None, until: date | None) -> Any:
    """A statement on articles kept to those a list's filters choose."""
    if search:
        query = search_module.parse(search)
        if engine.dialect.name == "postgresql":
            condition, params = search_module.to_postgres(query, "articles.tsv", prefix="a")
            statement = statement.where(text(condition).bindparams(**params))
        else:
            statement = statement.where(text("articles.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts "
                                             "MATCH :m_list)").bindparams(m_list=search_module.to_fts5(query)))
    if outlet:
        statement = statement.where(articles.c.outlet == outlet_name(outlet))
    if since:
        statement = statement.where(articles.c.published >= since)
    if until:
        statement = statement.where(articles.c.published <= until)
    return statement


def count_articles(engine: Engine, *, search: str | None = None, outlet: str | None = None,
                   since: date | None = None, until: date | None = None) -> int:
    """How many articles `find_articles` would give without a limit."""
    statement = _articles_where(select(func.count()).select_from(articles), engine, search=search, outlet=outlet,
                                since=since, until=until)
    with engine.connect() as connection:
        return int(connection.scalar(statement) or 0)


def find_events(engine: Engine, *, kind: str | None = None, who: str | None = None, since: date | None = None,
                until: date | None = None, limit: int | None = None, after: Key | None = None,
                keyed: bool = False) -> list[dict[str, Any]]:
    """Events across the corpus, the newest article first: what happened (its type and the word that says it), who
    took part, where and when, and the article. `kind` keeps one type, `who` those a participant's name holds (any
    case). `after`: a page's end (`keyed`: each row's `_key`)."""
    statement = _events_where(select(events.c.type, events.c.trigger, events.c.participants, events.c.place,
                                     events.c.time, events.c.also_present, events.c.n, articles.c.id.label("article"),
                                     articles.c.key.label("article_key"), articles.c.title, articles.c.published)
                              .join(articles, articles.c.key == events.c.article), kind=kind, who=who, since=since,
                              until=until)
    statement = statement.order_by(articles.c.published.desc(), articles.c.key.desc(), events.c.n)
    if after:
        day, key, n = after
        statement = statement.where(or_(articles.c.published < day, and_(articles.c.published == day, or_(
            articles.c.key < key, and_(articles.c.key == key, events.c.n > n)))))
    with engine.connect() as connection:
        found = records(connection.execute(statement.limit(limit) if limit else statement))
    for row in found:
        n = row.pop("n")
        if keyed:
            row["_key"] = (row["published"], row["article_key"], n)
    return found


def _events_where(statement: Any, *, kind: str | None, who: str | None, since: date | None,
                  until: date | None) -> Any:
    """A statement on events (joined to their articles) kept to those a list's filters choose."""
    if kind:
        statement = statement.where(events.c.type == kind)
    if who:
        escaped = who.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(func.cast(events.c.participants, String).ilike(f"%{escaped}%", escape="\\"))
    if since:
        statement = statement.where(articles.c.published >= since)
    if until:
        statement = statement.where(articles.c.published <= until)
    return statement


def count_events(engine: Engine, *, kind: str | None = None, who: str | None = None, since: date | None = None,
                 until: date | None = None) -> int:
    """How many events `find_events` would give without a limit."""
    statement = _events_where(select(func.count()).select_from(events.join(articles,
                                                                          articles.c.key == events.c.article)),
                              kind=kind, who=who, since=since, until=until)
    with engine.connect() as connection:
        return int(connection.scalar(statement) or 0)


def event_types(engine: Engine) -> list[str]:
    """The types of event the store holds, in order."""
    with engine.connect() as connection:
        return sorted(connection.scalars(select(events.c.type).distinct()))
