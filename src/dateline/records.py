"""The records Dateline passes from step to step, and the one result schema every face shares.

An `Article` is what a reader yields; a `Result` is what extraction returns for it. The CLI's JSON Lines, the
Python API and (later) the database and the web all speak `Result.to_dict()`. Offsets always index `Result.text`,
which is the article body exactly as read. Standard library only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

SCHEMA = "dateline/1"
"""The version of the result contract (`Result.to_dict()`), its first field: it changes when a field changes
meaning or goes away, not when one is added."""

SOURCE_KINDS = ("person", "organization", "document", "other")
"""Who or what a quote's source is: a person (named, or "he", "a spokesman"), an organization or a country ("the
company said", "Russia said"), a document or a report ("the report found", "according to a poll"), or other."""
ACTS = ("statement", "question", "belief", "intention", "finding", "stance", "other")
"""What a quote's cue reports: something said or written, asked, believed, meant to be done, found (a poll, a
study), a stance taken (endorsed, criticized), or something else a trained model found reported."""


def article_key(text: str, url: str | None = None, published: str = "", given_id: str | None = None) -> str:
    """What identifies an article in a store: a SHA-1 of its publication date, the id its source gave (where it
    gave one), its URL (where it has one) and its text.

    The same text read twice (a re-run, the same file copied elsewhere) is one article; the same wire story at two
    URLs, on two dates, or under two ids its source gave is two, since each is a place or time it appeared.
    """
    return hashlib.sha1(f"{published}\n{given_id or ''}\n{url or ''}\n{text}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """A dated piece of text to extract from: the unit every reader yields."""

    id: str
    text: str
    published: date
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"
    given_id: str | None = None  # the id the source itself gave (a JSON record's "id"), not one made up

    @property
    def key(self) -> str:
        """The article's identity in a store (see `article_key`)."""
        return article_key(self.text, self.url, self.published.isoformat(), self.given_id)


@dataclass(slots=True)
class Mention:
    """A stretch of the article's text: character offsets into `Result.text`."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Person:
    """One person the article names, with every mention of them and the titles it gives them."""

    id: str
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """An organization or a place, by the name the article gives it."""

    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    """Who said a quote: the mention in the attribution ("he") and who that is ("Antony Blinken")."""

    name: str | None
    mention: Mention | None
    person: str | None = None  # the id of a `Person`, when the speaker is one


@dataclass(slots=True)
class Addressee:
    """Whom a quote was said to ("told Capehart")."""

    name: str
    mention: Mention


@dataclass(slots=True)
class Annotation:
    """A quote's attribution as annotated corpora bound it (PolNeAR): the whole source phrase, the cue with its
    auxiliaries, the content's pieces, as [start, end] character offsets. The quote's own fields keep the tight
    spans shown to readers."""

    source: list[int] | None = None
    cue: list[int] | None = None
    content: list[list[int]] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Something the article reports somebody said.

    `text`/`start`/`end` are the words attributed: for a direct or mixed quote the words inside the quotation marks,
    for an indirect one the reported clause. `spans` is the whole attributed content, which for a mixed quote
    also covers the reported words around the verbatim part.
    """

    text: str
    start: int
    end: int
    kind: str  # "direct" | "mixed" | "indirect"
    speaker: Speaker | None
    cue: Mention | None
    addressee: Addressee | None = None
    spans: list[list[int]] = field(default_factory=list)
    date: str | None = None  # TIMEX3 value of when it was said, where the article says
    act: str = "statement"  # one of `ACTS`: what the cue reports
    found_by: str | None = None  # the finder that found it ("direct.tail", `extract/quotes/rules.py`); None where
    # the record does not say (one stored or written before quotes said it)
    confidence: float | None = None  # how sure that finder is: its precision, as measured (0 to 1)
    annotated: Annotation | None = None  # the attribution as annotated corpora bound it, where it was read so
    source_kind: str | None = None  # one of `SOURCE_KINDS`: who or what the source is; None without a speaker
    within: int | None = None  # the place in the article's quotes of the quote whose words report this one ("Smith
    # said Jones told him …": Jones's words are within Smith's)


@dataclass(slots=True)
class Timex:
    """A time expression normalized to a TIMEX3 value."""

    text: str
    start: int
    end: int
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str


@dataclass(slots=True)
class Event:
    """Something that happened: who took part, where and when."""

    type: str
    trigger: Mention
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    also_present: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Result:
    """Everything Dateline extracted from one article: the shared schema."""

    id: str
    published: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # where the article was read from: "path" or "path:line"
    given_id: str | None = None  # the id the source itself gave, where it gave one
    people: list[Person] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The article's identity in a store (see `article_key`)."""
        return article_key(self.text, self.url, self.published, self.given_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as docs/output.md documents it: the contract's version (`schema`), then the fields."""
        return {"schema": SCHEMA, **_plain(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """A result back from its JSON form (`to_dict`), its records typed again."""
        return cls(
            id=data["id"], published=data["published"], text=data["text"], title=data.get("title"),
            url=data.get("url"), source=data.get("source"), given_id=data.get("given_id"),
            people=[person_from(p) for p in data.get("people", [])],
            organizations=[entity_from(e) for e in data.get("organizations", [])],
            places=[entity_from(e) for e in data.get("places", [])],
            quotes=[quote_from(q) for q in data.get("quotes", [])],
            times=[timex_from(t) for t in data.get("times", [])],
            events=[event_from(e) for e in data.get("events", [])],
        )


# Each record's plain form is `dataclasses.asdict(record)`: what the spaCy components put on `Doc._` (so a Doc
# serializes) and what `Result.to_dict` nests. These read it back.

def plain(records: list[Any]) -> list[dict[str, Any]]:
    """Records in their plain form: dicts, lists, strings and numbers only (what `dataclasses.asdict` gives, made
    without its deep copies: every value of a record is already plain or another record)."""
    return [_plain(r) for r in records]


_FIELDS: dict[type, tuple[str, ...]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None)})  # most values: returned as they are, before any lookup


def _plain(value: Any) -> Any:
    if type(value) in _LEAVES:
        return value
    names = _FIELDS.get(type(value))
    if names is None:
        if not is_dataclass(value):
            return [_plain(v) for v in value] if isinstance(value, list | tuple) else value
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    return {name: _plain(getattr(value, name)) for name in names}


def mention_from(data: dict[str, Any] | None) -> Mention | None:
    return None if data is None else Mention(data["text"], data["start"], data["end"])


def _mentions(data: list[dict[str, Any]]) -> list[Mention]:
    return [Mention(m["text"], m["start"], m["end"]) for m in data]


def person_from(data: dict[str, Any]) -> Person:
    return Person(data["id"], data["name"], list(data.get("roles", [])), _mentions(data.get("mentions", [])))


def entity_from(data: dict[str, Any]) -> Entity:
    return Entity(data["name"], _mentions(data.get("mentions", [])))


def quote_from(data: dict[str, Any]) -> Quote:
    speaker, addressee = data.get("speaker"), data.get("addressee")
    return Quote(
        text=data["text"], start=data["start"], end=data["end"], kind=data["kind"],
        speaker=None if speaker is None else Speaker(speaker["name"], mention_from(speaker.get("mention")),
                                                     speaker.get("person")),
        cue=mention_from(data.get("cue")),
        addressee=None if addressee is None else Addressee(addressee["name"],
                                                           Mention(**addressee["mention"])),
        spans=[list(s) for s in data.get("spans", [])], date=data.get("date"), act=data.get("act", "statement"),
        found_by=data.get("found_by"), confidence=data.get("confidence"),
        annotated=annotation_from(data.get("annotated")), source_kind=data.get("source_kind"),
        within=data.get("within"))


def annotation_from(data: dict[str, Any] | None) -> Annotation | None:
    if data is None:
        return None
    return Annotation(source=list(data["source"]) if data.get("source") else None,
                      cue=list(data["cue"]) if data.get("cue") else None,
                      content=[list(c) for c in data.get("content", [])])


def timex_from(data: dict[str, Any]) -> Timex:
    return Timex(data["text"], data["start"], data["end"], data["type"], data["value"])


def event_from(data: dict[str, Any]) -> Event:
    return Event(type=data["type"], trigger=Mention(**data["trigger"]), participants=list(data.get("participants", [])),
                 place=data.get("place"), time=data.get("time"), also_present=list(data.get("also_present", [])))
