"""The database schema: one table per kind of record in `Result`, keyed by the article they came from.

Written with SQLAlchemy Core so that one description serves SQLite and PostgreSQL; Alembic's migrations
(`store/migrations`) create it, and the full-text index over quotes, which each database does its own way
(FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL), is made there too.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()
"""Every JSON column says the shape of its values in ``info["shape"]`` ("list[str]", "list[list[int]]", "annotation":
source, cue and content spans), so that an export can give them real types (`serve/export.py`: Parquet lists)."""


def _article_ref() -> Column[str]:
    return Column("article", String(40), ForeignKey("articles.key", ondelete="CASCADE"), nullable=False)


articles = Table(
    "articles", metadata,
    Column("key", String(40), primary_key=True),  # `records.article_key`: date, given id, URL and text hashed
    Column("id", Text, nullable=False),            # the id the source gave, or one made from the text
    Column("given_id", Text),                      # the id the source gave, where it gave one
    Column("url", Text),
    Column("title", Text),
    Column("published", Date, nullable=False),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("ingested", DateTime(timezone=True), nullable=False),
    Column("outlet", Text),                        # the host of its URL, "www." left off (`affiliations.outlet`)
    Index("ix_articles_id", "id"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet", "published"),
)

people = Table(
    "people", metadata,
    _article_ref(),
    Column("person", String(32), nullable=False),  # the id within the article ("p1")
    Column("name", Text, nullable=False),
    Column("roles", JSON, nullable=False, info={"shape": "list[str]"}),
    Column("entity", String(16)),                   # the person across the corpus: `persons.id`
    Index("ix_people_article", "article", "person", unique=True),
    Index("ix_people_name", "name"),
    Index("ix_people_entity", "entity"),
)

persons = Table(  # one row per person across the corpus (`store/names.py` says who is one)
    "persons", metadata,
    Column("id", String(16), primary_key=True),
    Column("key", Text),                            # the name's key; none for a name of one word
    Column("name", Text, nullable=False),           # the fullest form seen
    Column("surname", Text),                        # as compared (`names.surname`): whom a bare surname may join
    Column("note", Text),                           # why a person named by a surname alone stays apart
    Index("ix_persons_key", "key"),
    Index("ix_persons_surname", "surname"),
)

mentions = Table(
    "mentions", metadata,
    _article_ref(),
    Column("person", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_mentions_article", "article", "person"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    Column("n", Integer, nullable=False),  # the quote's place in its article
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("act", String(16), nullable=False),
    Column("speaker", Text),               # the person's name, or the mention's words when nobody is resolved
    Column("speaker_person", String(32)),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("addressee", Text),
    Column("addressee_start", Integer),
    Column("addressee_end", Integer),
    Column("spans", JSON, nullable=False, info={"shape": "list[list[int]]"}),  # [[start, end], ...]
    Column("date", String(32)),            # TIMEX3 value of when it was said, where the article says
    Column("said", Date, nullable=False),  # that day when `date` names one, else the article's publication date
    Column("text_id", String(16)),         # the id of its words (`store/repeats.py`)
    Column("quote", String(16)),           # the quote across articles it is an occurrence of
    Column("speaker_entity", String(16)),  # the speaker's person across the corpus (`persons.id`), where resolved
    Column("found_by", String(40)),        # the finder that found it ("direct.tail"); null on quotes stored before
    Column("confidence", Float),           # how sure that finder is (its measured precision); null likewise
    Column("source_kind", String(16)),     # person, organization, document or other; null without a speaker
    Column("within", Integer),             # the `n` of the quote whose words report this one, where nested
    Column("annotated", JSON, info={"shape": "annotation"}),  # source, cue and content as annotated corpora bound them
    Column("organization", String(16)),    # the organization it speaks for: the speaker, or the one their role
    #                                        names at the time (`affiliations.py`); `organizations.id`
    Index("ix_quotes_article", "article", "n", unique=True),
    Index("ix_quotes_speaker_said", "speaker", "said"),  # a speaker's newest quotes: the end of a range
    Index("ix_quotes_said", "said"),
    Index("ix_quotes_text_id", "text_id"),
    Index("ix_quotes_quote", "quote"),
    Index("ix_quotes_speaker_entity_said", "speaker_entity", "said"),
    Index("ix_quotes_id_said_quote", "id", "said", "quote"),  # a search's matches' days and quotes, rows unread
    Index("ix_quotes_act", "act"),
    Index("ix_quotes_quote_act", "quote", "act"),  # an act asked of each quote in turn (`--distinct`)
    Index("ix_quotes_organization_said", "organization", "said"),  # an organization's newest quotes
)

roles = Table(  # each role a person held in an article ("White House spokesman"), and the organization it names
    "roles", metadata,
    _article_ref(),
    Column("person", String(32), nullable=False),   # the id within the article, as `people.person`
    Column("role", Text, nullable=False),
    Column("entity", String(16)),                   # the person across the corpus: `persons.id`
    Column("organization", String(16)),             # the organization the role names: `organizations.id`
    Index("ix_roles_article", "article", "person"),
    Index("ix_roles_entity", "entity"),
    Index("ix_roles_organization", "organization"),
)

quote_stats = Table(  # each quote across articles: when it first appeared and how often, kept as batches are saved
    "quote_stats", metadata,
    Column("quote", String(16), primary_key=True),
    Column("first_seen", Date, nullable=False),
    Column("occurrences", Integer, nullable=False),
    Index("ix_quote_stats_first_seen", "first_seen", "quote"),
)

names = Table(  # every form a person was named by, and every speaker no person was resolved to (entity ""),
    "names", metadata,  # so that a part of a name finds its speakers without reading every quote
    Column("name", Text, primary_key=True),
    Column("entity", String(16), primary_key=True),
)

person_merges = Table(  # a person id merged into another (a nickname shown to be theirs) keeps answering
    "person_merges", metadata,
    Column("old", String(16), primary_key=True),
    Column("new", String(16), nullable=False),
    Column("why", Text),  # the evidence ("surname: …", "nickname: …"); none for merges made before it was kept
    Index("ix_person_merges_new", "new"),
)

quote_anchors = Table(  # the sampled word runs of each quote text, to find its repeats (`store/repeats.py`)
    "quote_anchors", metadata,
    Column("anchor", String(16), primary_key=True),
    Column("text_id", String(16), primary_key=True),
)

quote_merges = Table(  # a quote id merged into another keeps answering through this
    "quote_merges", metadata,
    Column("old", String(16), primary_key=True),
    Column("new", String(16), nullable=False),
)

times = Table(
    "times", metadata,
    _article_ref(),
    Column("n", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    Index("ix_times_article", "article", "n", unique=True),
)

entities = Table(
    "entities", metadata,
    _article_ref(),
    Column("kind", String(16), nullable=False),  # "organization" | "place"
    Column("name", Text, nullable=False),
    Column("mentions", JSON, nullable=False, info={"shape": "list[list[int]]"}),  # [[start, end], ...]
    Column("entity", String(16)),  # an organization's id across the corpus: `organizations.id`
    Index("ix_entities_article", "article"),
    Index("ix_entities_entity_article", "entity", "article"),  # an organization's articles, from the index alone
)

organizations = Table(  # one row per organization across the corpus (`store/org_names.py` says which is one)
    "organizations", metadata,
    Column("id", String(16), primary_key=True),
    Column("key", Text),
    Column("name", Text, nullable=False),  # the fullest form seen
    Index("ix_organizations_key", "key"),
)

organization_merges = Table(  # an organization id merged into another (an acronym spelled out) keeps answering
    "organization_merges", metadata,
    Column("old", String(16), primary_key=True),
    Column("new", String(16), nullable=False),
    Column("why", Text),  # the evidence ("acronym: …"); none for merges made before it was kept
)

events = Table(
    "events", metadata,
    _article_ref(),
    Column("n", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("participants", JSON, nullable=False, info={"shape": "list[str]"}),
    Column("place", Text),
    Column("time", String(64)),
    Column("also_present", JSON, nullable=False, info={"shape": "list[str]"}),
    Index("ix_events_article", "article", "n", unique=True),
)

def public_columns(table: str) -> list[Column[object]]:
    """A table's columns as Dateline shows and exports them: all but the quotes' internal row id, which only
    links a quote to its search index and differs from one store to the next."""
    return [c for c in metadata.tables[table].c if not (table == "quotes" and c.name == "id")]


TABLES = ("articles", "people", "mentions", "quotes", "times", "entities", "events", "persons", "person_merges",
          "quote_merges", "organizations", "organization_merges", "quote_stats", "names", "roles")
"""Every table, parents first: the order to write them in and to export them."""
