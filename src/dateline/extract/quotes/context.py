"""The state every finder reads: one article's Doc, its people, its quotation marks and the speaker resolver, and
what the quotation pass has attributed so far (the speakers later quotations go on with)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Doc, Token

from dateline.extract.marks import Inside
from dateline.extract.people import Cast
from dateline.extract.resolve import ADDRESSEE_VERBS, Resolver
from dateline.extract.syntax import date_of
from dateline.extract.text import starts_of, text_of
from dateline.records import Addressee, Person, Quote, Speaker, Timex

DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?: \([A-Za-z .]+\))? *[-–—]+ *",
                      re.MULTILINE)  # "FRANKFURT (Reuters) - ", "NEWPORT NEWS, Va. - ", "WASHINGTON — "


class Context:
    """One article as the finders read it: the Doc, the cast, the quotation marks and the resolver that names
    speakers and addressees, with the speakers the quotation pass has found so far."""

    def __init__(self, doc: Doc, cast: Cast, times: list[Timex]) -> None:
        self.doc = doc
        self.cast = cast
        self.times = times
        self.marks = cast.quotations
        self.text = text_of(doc)
        self.starts = starts_of(doc)  # each token's character offset, without a Token for each
        self.inside = Inside(self.marks)
        self.datelines = [m.span() for m in DATELINE.finditer(self.text)]
        self.resolver = Resolver(doc, cast, self.inside)
        self.last_in_paragraph: dict[int, Quote] = {}  # each paragraph's last quote with a speaker, by its line end
        self.spoken: list[tuple[int, Quote]] = []  # every quotation with a speaker so far, and where it starts

    @cached_property
    def by_surname(self) -> dict[str, Person]:
        """The article's people by their surnames, lower-cased; of two with one surname, the first named."""
        found: dict[str, Person] = {}
        for p in reversed(self.cast.people):  # the first person with a surname wins, as a search in order would
            found[p.name.split()[-1].lower()] = p
        return found

    def in_quote(self, token: Token) -> bool:
        """Whether the token lies inside quotation marks."""
        return token.idx in self.inside

    def speaker(self, token: Token | None) -> Speaker | None:
        """The speaker a subject token names (`dateline.extract.resolve`). A wire dateline the parse took for the
        subject ("FRANKFURT (Reuters) - Acme said …") gives way to the phrase after it."""
        if token is not None and (after := self._after_dateline(token.idx)) is not None:
            token = self.phrase_head(bisect_left(self.starts, after))
        return self.resolver.speaker(token)

    def _after_dateline(self, at: int) -> int | None:
        """Where the text goes on after the wire dateline that offset `at` lies in, if it lies in one."""
        return next((end for start, end in self.datelines if start <= at < end), None)

    def addressee(self, cue: Token) -> Addressee | None:
        """Whom the words of a cue were said to (`dateline.extract.resolve`)."""
        return self.resolver.addressee(cue)

    def when(self, cue: Token, content: list[list[int]] | None = None) -> str | None:
        """The date a time expression attached to the cue, outside what was said, gives ("on Monday said")."""
        spans = content or []
        return date_of(self.doc, self.times, cue,
                       skip=lambda at: at in self.inside or any(s <= at < e for s, e in spans))

    def inverted_subject(self, cue: Token) -> Token | None:
        """The speaker named after the cue: "said Robert Roe, a miner", "added the senator"."""
        if cue.lemma_.lower() in ADDRESSEE_VERBS:
            return None
        return self.phrase_head(cue.i + 1)

    def phrase_head(self, i: int) -> Token | None:
        """The head of the noun phrase starting at token i ("engineer Rita Gomez" → Gomez), read from the words."""
        doc = self.doc
        for k in range(i, min(len(doc), i + 6)):  # a person named before the next punctuation
            if doc[k].is_punct:
                break
            if k in self.cast.name_tokens:
                while k + 1 < len(doc) and self.cast.name_tokens.get(k + 1) == self.cast.name_tokens[k]:
                    k += 1
                return doc[k]
        def named(t: Token) -> bool:  # a capitalized word is a name whatever the tagger says ("Skelly" as ADV)
            return t.is_alpha and t.text[:1].isupper() and t.lower_ not in {"the", "a", "an"}

        while i < len(doc) and (doc[i].pos_ in {"ADV", "PART"} or doc[i].ent_type_ in {"DATE", "TIME"}) and not named(
                doc[i]):
            i += 1
        phrase = []
        while i < len(doc) and not doc[i].is_punct and (
                doc[i].pos_ in {"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM"} or named(doc[i])):
            phrase.append(doc[i])
            i += 1
        if not phrase:
            return None
        return max((t for t in phrase if t.pos_ in {"PROPN", "NOUN", "PRON"} or named(t)), key=lambda t: t.i,
                   default=None)
