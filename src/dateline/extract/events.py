"""Events: who met whom, who was arrested, where a statement was made — with their time and place.

`events(doc, cast, times, quotes)` reads events from

- verbs of a trigger list (resources/events.tsv): "Biden met with Putin on June 16 in Geneva", "two men who were
  detained in Ohio in March": participants from subject, object and "with"; place from "in"/"at" a place;
  time from a time expression the verb governs;
- event nouns that frame a statement ("…,” Blinken told Capehart during a virtual discussion"): the speaker and
  the addressee take part, on the date of the statement;
- event nouns with a possessive ("their recent summit"): the people the clause names.

Events of one type that share a participant are one event. "X participated in / attended the summit" adds X to
the event the noun names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract.marks import Inside
from dateline.extract.people import Cast
from dateline.extract.resolve import Resolver
from dateline.extract.syntax import RELATIVE, date_of, mention_of
from dateline.extract.text import paragraph_start
from dateline.records import Event, Quote, Timex
from dateline.resources import load

ATTEND = {"participate", "attend", "join"}
GROUP_WORDS = {"those", "them", "people", "ones", "others"}


def _triggers() -> dict[tuple[str, str], str]:
    table = {}
    for line in load("events.tsv"):
        lemma, pos, kind = line.split("\t")
        table[(lemma, pos)] = kind
    return table


class EventFinder:
    def __init__(self, doc: Doc, cast: Cast, times: list[Timex], quotes: list[Quote]) -> None:
        self.doc = doc
        self.cast = cast
        self.times = times
        self.quotes = quotes
        self.triggers = _triggers()
        self.quoted = set()
        for q in quotes:
            if q.kind != "indirect":
                self.quoted.update(range(q.start, q.end))
        self.place_names = {m.start: p.name for p in cast.places for m in p.mentions}
        self.resolver = Resolver(doc, cast, Inside(cast.quotations))

    def kind(self, token: Token) -> str | None:
        pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else ""
        return self.triggers.get((token.lemma_.lower(), pos))

    def name(self, token: Token) -> str | None:
        """Who a participant token is, as the resolver says (`dateline.extract.resolve`: "he" is the person he
        takes up, "the company" the company); a group it cannot name is given as written ("union leaders")."""
        found = self.resolver.who(token)
        if found is not None and found.name:
            return found.name
        if token.pos_ == "PRON":
            return None
        start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in {
            "det", "nummod", "amod", "compound", "nmod"}])
        span = self.doc[start:token.i + 1]
        if span[0].lower_ in {"the", "a", "an"}:
            span = span[1:]
        return span.text

    def resolve_subject(self, token: Token) -> Token:
        """A relative pronoun stands for its noun; "among those who …" for the subject of the copula."""
        if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in GROUP_WORDS and token.dep_ == "pobj" and token.head.lower_ == "among":
            verb = token.head.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
        return token

    def with_conjuncts(self, token: Token) -> list[Token]:
        return [token, *[c for c in token.conjuncts]]

    def place(self, verb: Token) -> str | None:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        ent = next((e for e in self.doc.ents if e.start <= obj.i < e.end), None)
                        if ent is not None and ent.label_ in {"GPE", "LOC", "FAC"}:
                            return self.place_names.get(ent.start_char) or ent.text
        return None

    def time(self, verb: Token) -> str | None:
        return date_of(self.doc, self.times, verb)

    def verb_event(self, verb: Token, kind: str) -> Event | None:
        if any(c.dep_ == "neg" for c in verb.children) or verb.tag_ in {"VBG"} and verb.dep_ == "amod":
            return None
        people: list[str] = []
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} or (child.dep_ == "dobj" and child.i in self.cast.token_person):
                for t in self.with_conjuncts(self.resolve_subject(child)):
                    people.append(self.name(t) or "")
            if child.dep_ == "prep" and child.lower_ == "with":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        for t in self.with_conjuncts(obj):
                            people.append(self.name(t) or "")
        people = [p for p in dict.fromkeys(people) if p]
        if not people:
            return None
        return Event(type=kind, trigger=mention_of(self.doc[verb.i:verb.i + 1]), participants=people,
                     place=self.place(verb), time=self.time(verb))

    def setting_event(self, noun: Token, kind: str) -> Event | None:
        """An event noun framing a statement: "… told Capehart during a virtual discussion"."""
        doc = self.doc
        start = noun.left_edge.i
        prep = doc[start - 1] if start > 0 else None
        if prep is None or prep.lower_ not in {"during", "at", "in"}:
            return None
        first = paragraph_start(doc, noun.i)
        i = prep.i - 1
        while i >= first and doc[i].pos_ not in {"VERB", "AUX"}:
            i -= 1
        if i < first:
            return None
        for q in self.quotes:
            if q.cue is not None and q.cue.start == doc[i].idx and q.speaker is not None and q.speaker.name:
                people = [q.speaker.name] + ([q.addressee.name] if q.addressee else [])
                return Event(type=kind, trigger=mention_of(doc[noun.i:noun.i + 1]), participants=people,
                             time=q.date)
        return None

    def possessive_event(self, noun: Token, kind: str) -> Event | None:
        """An event noun with a possessive: "during their recent summit"."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if not poss or poss[0].lower_ not in {"their", "our"}:
            return None
        clause = noun
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head
        people = []
        for t in clause.subtree:
            pid = self.cast.name_tokens.get(t.i)
            if pid is not None and t.i < noun.i:
                person = self.cast.person(pid)
                if person is not None:
                    people.append(person.name)
        people = list(dict.fromkeys(people))
        if len(people) < 2:
            return None
        return Event(type=kind, trigger=mention_of(self.doc[noun.i:noun.i + 1]), participants=people)

    def attendance(self, token: Token) -> tuple[str, str] | None:
        """("summit" type, who) for "X participated in / attended the summit"."""
        if token.lemma_.lower() not in ATTEND:
            return None
        objects = [c for c in token.children if c.dep_ == "dobj"]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                objects += [c for c in prep.children if c.dep_ == "pobj"]
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        for obj in objects:
            kind = self.kind(obj)
            if kind and subjects:
                who = self.name(self.resolve_subject(subjects[0]))
                if who:
                    return kind, who
        return None

    def run(self) -> list[Event]:
        found: list[Event] = []
        present: list[tuple[str, str]] = []
        for token in self.doc:
            if token.idx in self.quoted:
                continue
            seen = self.attendance(token)
            if seen:
                present.append(seen)
                continue
            kind = self.kind(token)
            if kind is None:
                continue
            if token.pos_ in {"VERB", "AUX"}:
                event = self.verb_event(token, kind)
            else:
                event = self.setting_event(token, kind) or self.possessive_event(token, kind)
            if event is not None:
                found.append(event)
        merged = merge(found)
        for kind, who in present:
            for event in merged:
                if event.type == kind and who not in event.participants and who not in event.also_present:
                    event.also_present.append(who)
                    break
        return merged


def merge(found: list[Event]) -> list[Event]:
    """One event for each type and set of people: details from every mention of it."""
    out: list[Event] = []
    for event in found:
        same = next((e for e in out if e.type == event.type and set(e.participants) & set(event.participants)), None)
        if same is None:
            out.append(event)
            continue
        same.participants = list(dict.fromkeys(same.participants + event.participants))
        if event.time and not same.time:
            same.trigger = event.trigger  # the mention that dates the event names it best
        same.place = same.place or event.place
        same.time = same.time or event.time
    return out


def events(doc: Doc, cast: Cast, times: list[Timex], quotes: list[Quote]) -> list[Event]:
    """Every event the article reports, in the order first mentioned."""
    return EventFinder(doc, cast, times, quotes).run()
