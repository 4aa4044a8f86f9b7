"""What every route of the HTTP API answers, as pydantic models: OpenAPI at /openapi.json (and /docs) is written
from them, and the tests check each answer against them. Errors, whatever the route, are `ErrorBody`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dateline.records import ACTS, SOURCE_KINDS

Kind = Literal["direct", "mixed", "indirect"]
Act = Literal[ACTS]  # type: ignore[valid-type]  # what a quote's cue reports (`records.ACTS`)
SourceKind = Literal[SOURCE_KINDS]  # type: ignore[valid-type]  # who or what a quote's source is


class Closed(BaseModel):
    """A model that holds exactly its fields: an answer with another is not one of it."""

    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Closed):
    code: str = Field(description="What went wrong, for a program: not_found, invalid_parameter, bad_search, "
                                  "bad_cursor, too_large, extract_off, busy, unreadable, internal_error.")
    message: str = Field(description="What went wrong, for a person, and what to do.")


class ErrorBody(Closed):
    """Every error the API gives, whatever its status."""

    error: ErrorDetail


class Context(Closed):
    before: str = Field(description="The sentence the quote stands in, up to the quote.")
    after: str = Field(description="The rest of that sentence, after the quote.")


class QuoteRow(Closed):
    """One occurrence of a quote: what one article reports someone said."""

    said: dt.date = Field(description="The day it was said: the day the article says, else its publication date.")
    n: int = Field(description="Its place among its article's quotes: the article page's anchor #qN.")
    speaker: str | None
    speaker_role: str | None = Field(description="The role the speaker held in that article, where it gives one.")
    cue: str | None = Field(description="The word that reports it (said, told, asked).")
    addressee: str | None
    text: str = Field(description="Direct and mixed: the speaker's own words (verbatim); indirect: the reporter's "
                                  "words for what was said (a paraphrase, never in quotation marks).")
    kind: Kind
    act: Act
    date: str | None = Field(description="When it was said, as a TIMEX3 value, where the article says.")
    start: int
    end: int
    quote: str | None = Field(description="The id of the quote across articles (GET /api/quotes/{ident}).")
    found_by: str | None
    confidence: float | None
    source_kind: SourceKind | None = Field(description="Who or what the source is: a person, an organization, a "
                                                       "document; none without a speaker.")
    speaker_id: str | None = Field(description="The speaker's person across the corpus (GET /api/people/{ident}).")
    organization_id: str | None = Field(description="The organization it speaks for: the speaker, or the one "
                                                     "named by their role at the time.")
    article: str
    article_key: str
    title: str | None
    url: str | None
    published: dt.date
    context: Context | None = Field(default=None, description="With context=true.")


class DistinctQuoteRow(Closed):
    """One quote across articles: its first appearance, and how often it was repeated."""

    quote: str
    text: str
    kind: Kind
    speaker: str | None
    speaker_id: str | None
    first_seen: dt.date
    first_article: str
    first_article_key: str
    occurrences: int = Field(description="How many times articles gave it.")
    articles: int = Field(description="In how many articles (one article may give it twice).")
    speakers: list[str] = Field(description="Every speaker the occurrences give, where they disagree.")


class Paged(Closed):
    next: str | None = Field(description="The cursor of the next page (pass it back as `cursor`); null on the last. "
                                         "The Link header holds the same, as rel=next.")
    total: int = Field(description="How many rows the question gives in all.")


class QuotePage(Paged):
    items: list[QuoteRow] | list[DistinctQuoteRow]


class Occurrence(Closed):
    text: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    said: dt.date
    kind: Kind
    found_by: str | None
    confidence: float | None
    speaker_id: str | None
    article: str
    article_key: str
    title: str | None
    url: str | None
    published: dt.date


class Quote(Closed):
    """One quote across the corpus with every occurrence, in order of publication."""

    quote: str
    text: str
    kind: Kind
    speaker: str | None
    speaker_id: str | None
    first_seen: dt.date
    first_article: str
    first_article_key: str
    articles: int
    speakers: list[str]
    occurrences: list[Occurrence]


class FacetSpeaker(Closed):
    id: str | None = Field(description="The person's id; null for a speaker no person was resolved to.")
    name: str
    quotes: int


class FacetOrganization(Closed):
    id: str
    name: str
    quotes: int


class FacetKind(Closed):
    kind: Kind
    quotes: int


class FacetMonth(Closed):
    month: str = Field(description="YYYY-MM")
    quotes: int


class FacetDay(Closed):
    day: dt.date
    quotes: int


class Facets(Closed):
    """What a question about quotes finds, counted several ways."""

    total: int = Field(description="How many quotes match.")
    counted: int = Field(description="How many matches the counts are over (all of them up to 500).")
    sample: Literal["all", "newest", "latest stored"] = Field(
        description="Which matches the counts are over: all; the newest (by the day said); or, for words alone, "
                    "the latest stored (the order the full-text index gives at no cost).")
    speakers: list[FacetSpeaker]
    organizations: list[FacetOrganization]
    kinds: list[FacetKind]
    months: list[FacetMonth]
    days: list[FacetDay]


class PersonRow(Closed):
    id: str
    name: str
    aliases: list[str]
    roles: list[str]
    articles: int
    quotes: int
    first_seen: dt.date
    last_seen: dt.date
    evidence: list[str] = Field(default_factory=list, description="Why mentions were joined into this person, or "
                                "why one named by a surname alone was kept apart.")


class PeoplePage(Paged):
    items: list[PersonRow]


class RoleSpan(Closed):
    role: str
    first_seen: dt.date
    last_seen: dt.date


class Month(Closed):
    month: str
    quotes: int


class Repeated(Closed):
    quote: str
    text: str
    kind: Kind
    occurrences: int


class Named(Closed):
    name: str
    times: int


class SpokeFor(Closed):
    id: str
    name: str
    quotes: int


class Person(Closed):
    """One person across the corpus."""

    id: str
    name: str
    aliases: list[str]
    roles: list[RoleSpan]
    articles: int
    quotes: int
    first_seen: dt.date
    last_seen: dt.date
    evidence: list[str] = Field(default_factory=list, description="Why mentions were joined into this person, or "
                                "why one named by a surname alone was kept apart.")
    spoke_for: list[SpokeFor] = Field(description="The organizations their quotes speak for.")
    quotes_by_month: list[Month]
    most_repeated: list[Repeated]
    spoke_to: list[Named]
    met: list[Named]


class OrganizationRow(Closed):
    id: str
    name: str
    aliases: list[str]
    articles: int
    first_seen: dt.date
    last_seen: dt.date


class OrganizationsPage(Paged):
    items: list[OrganizationRow]


class Member(Closed):
    id: str
    name: str
    role: str = Field(description="A role they held that names the organization.")
    articles: int = Field(description="In how many articles they held such a role.")
    spokesperson: bool


class Organization(OrganizationRow):
    """One organization across the corpus."""

    quotes: int = Field(description="How many quotes speak for it: its own, and its people's in a role naming it.")
    people: list[Member]


class ArticleRow(Closed):
    id: str
    key: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date
    quotes: int


class ArticlesPage(Paged):
    items: list[ArticleRow]


class EventRow(Closed):
    type: str
    trigger: str
    participants: list[str]
    place: str | None
    time: str | None = Field(description="A TIMEX3 value.")
    also_present: list[str]
    article: str
    article_key: str
    title: str | None
    published: dt.date


class EventsPage(Paged):
    items: list[EventRow]


class Span(Closed):
    text: str
    start: int
    end: int


class ResultPerson(Closed):
    id: str
    name: str
    roles: list[str]
    mentions: list[Span]


class ResultEntity(Closed):
    name: str
    mentions: list[Span]


class ResultSpeaker(Closed):
    name: str | None
    mention: Span | None
    person: str | None


class ResultAddressee(Closed):
    name: str
    mention: Span


class ResultQuote(Closed):
    text: str
    start: int
    end: int
    kind: Kind
    speaker: ResultSpeaker | None
    cue: Span | None
    addressee: ResultAddressee | None
    spans: list[list[int]]
    date: str | None
    act: Act
    found_by: str | None
    confidence: float | None
    annotated: ResultAnnotation | None = Field(description="The attribution as annotated corpora bound it, where it "
                                                           "was read so.")
    source_kind: SourceKind | None
    within: int | None = Field(description="The place among the article's quotes of the quote whose words report "
                                            "this one, where nested.")


class ResultAnnotation(Closed):
    source: list[int] | None
    cue: list[int] | None
    content: list[list[int]]


class ResultTime(Closed):
    text: str
    start: int
    end: int
    type: str
    value: str


class ResultEvent(Closed):
    type: str
    trigger: Span
    participants: list[str]
    place: str | None
    time: str | None
    also_present: list[str]


class Article(Closed):
    """One article with everything found in it: the result contract (`dateline extract --jsonl` prints the same)."""

    schema_: str = Field(alias="schema", description="The contract's version: dateline/1.")
    id: str
    published: str
    text: str
    title: str | None
    url: str | None
    source: str | None
    given_id: str | None
    people: list[ResultPerson]
    organizations: list[ResultEntity]
    places: list[ResultEntity]
    quotes: list[ResultQuote]
    times: list[ResultTime]
    events: list[ResultEvent]


class ExtractRequest(BaseModel):
    """An article to extract from: its text and the date it was published."""

    text: str = Field(min_length=1)
    published: dt.date
    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
