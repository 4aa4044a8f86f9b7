"""What kind of attribution each quote is, for a reader to choose by: who or what its source is (`source_kind`)
and whether it is reported inside another quote (`within`).

- A source is a **person** where the resolver named one, or its words name one ("he", "a spokesman", a name the
  entity recognizer calls a person); an **organization** where they name a company, an agency, a party or a
  country ("the company said", "Russia said"; the nouns of `resources/org_kinds.tsv`); a **document** where they
  name a report, a poll, a statement, a ruling (`resources/documents.txt`: "the report found", "according to a
  poll"); else **other**.
- A quote is **within** another when its cue lies inside the other's words: "Smith said Jones told him the deal was
  dead" reports Jones's words within Smith's.
"""

from __future__ import annotations

import heapq

from spacy.tokens import Doc

from dateline.extract.organizations import kind_words
from dateline.extract.people import Cast, roles_lexicon
from dateline.records import Quote
from dateline.resources import words

PERSONAL = frozenset({"i", "me", "he", "him", "she", "her", "we", "us", "you"})
ORGANIZATIONS = frozenset({"ORG", "GPE", "NORP"})


def source_kind(doc: Doc, cast: Cast, quote: Quote) -> str | None:
    """Who or what a quote's source is (`records.SOURCE_KINDS`); None where it names no speaker."""
    speaker = quote.speaker
    if speaker is None or speaker.mention is None:
        return None
    span = doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand")
    if speaker.person is not None:
        return "person"
    if span is None or not len(span):
        return "other"
    head = span.root
    lemma = head.lemma_.lower()
    if head.ent_type_ == "PERSON" or head.lower_ in PERSONAL or lemma in roles_lexicon():
        return "person"
    if lemma in words("documents.txt"):
        return "document"
    if (head.ent_type_ in ORGANIZATIONS or head.i in cast.token_org or head.lower_ == "they"
            or lemma in kind_words()[1]):
        return "organization"
    return "other"


def nesting(quotes: list[Quote]) -> None:
    """Mark each quote whose cue lies inside another quote's words with that quote's place (`within`): the
    innermost such quote. One sweep over the quotes' stretches in text order, holding those open at each cue."""
    stretches = sorted((s, e, k) for k, q in enumerate(quotes) for s, e in q.spans or [[q.start, q.end]])
    cues = sorted((q.cue.start, k) for k, q in enumerate(quotes) if q.cue is not None)
    open_: list[tuple[int, int]] = []  # (end, quote) of the stretches begun before the cue, by end
    nxt = 0
    for at, k in cues:
        while nxt < len(stretches) and stretches[nxt][0] <= at:
            heapq.heappush(open_, (stretches[nxt][1], stretches[nxt][2]))
            nxt += 1
        while open_ and open_[0][0] <= at:
            heapq.heappop(open_)
        holders = [h for _, h in open_ if h != k]
        if holders:
            quotes[k].within = min(holders, key=lambda h: (quotes[h].end - quotes[h].start))


def mark(doc: Doc, cast: Cast, quotes: list[Quote]) -> list[Quote]:
    """The quotes with their source kinds and nesting marked."""
    for quote in quotes:
        quote.source_kind = source_kind(doc, cast, quote)
    nesting(quotes)
    return quotes
