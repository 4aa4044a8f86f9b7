"""Organizations: an article's organization mentions grouped into one entity each, under the fullest name.

`organizations(doc, spans)` groups the mentions a named-entity model tags ORG: the same name up to case and a
corporate suffix ("Acme" and "Acme Corp."), an acronym and its expansion ("EPA" and "Environmental Protection
Agency"), and a short form that begins exactly one longer name ("Fox" and "Fox News"). A ticker symbol or an
exchange code written after a name ("Acme Corp <ACME.N>", "(NYSE: ACME)") is not part of it. Each group knows its
kind where its name or a description in apposition shows it ("Acme, the steelmaker," is a company), so that "the
company" or "the agency" can be resolved to it (`dateline.extract.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span

from dateline.records import Entity, Mention
from dateline.resources import load, words

SMALL = frozenset({"of", "and", "the", "for", "on", "in", "&", "to", "at"})
FOCUSING = frozenset({"even", "only", "also", "just", "especially", "particularly", "notably", "mainly"})
SUFFIXES = frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc", "ag", "sa", "s.a.",
                      "nv", "n.v.", "gmbh", "spa", "s.p.a.", "ab", "asa", "oyj", "the", "'s", "’s"})
TICKER = re.compile(r"^(?:[A-Z]{1,5}\.[A-Z]{1,2}|NYSE|NASDAQ|Nasdaq|AMEX|LSE|TSX)$")


def generic_words() -> frozenset[str]:
    return words("generic_org_words.txt")


@cache
def kind_words() -> tuple[dict[str, str], dict[str, str]]:
    """The words that show an organization's kind: (in its name, as a noun describing it). Read once; not to be
    changed by callers."""
    in_name: dict[str, str] = {}
    as_noun: dict[str, str] = {}
    for line in load("org_kinds.tsv"):
        word, kind, where = line.split("\t")
        if where in {"name", "both"}:
            in_name.setdefault(word, kind)
        if where in {"noun", "both"}:
            as_noun.setdefault(word, kind)
    return in_name, as_noun


@dataclass
class Organization:
    """One organization while an article is read: its mentions, its kind and the nouns that describe it."""

    words: list[str]
    mentions: list[Span] = field(default_factory=list)
    kind: str | None = None
    nouns: set[str] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)  # of its spelled-out names: "EPA" for "Environmental …"
    acronyms: set[str] = field(default_factory=set)  # the acronyms it is named by
    ranges: list[tuple[int, int]] = field(default_factory=list)  # the mentions' token ranges, once `settle`d
    settled_name: str | None = None

    def add(self, span: Span) -> None:
        self.mentions.append(span)
        if _acronym_form(span):
            self.acronyms.add(_letters(span))
        elif len(initials := _initials(span)) > 1:
            self.initials.add(initials)

    @property
    def name(self) -> str:
        """The fullest form the article gives: the mention with the most words that is not an acronym."""
        if self.settled_name is not None:
            return self.settled_name
        spelled = [m for m in self.mentions if not _acronym_form(m)] or self.mentions
        best = max(spelled, key=lambda m: (len(_words(m)), -m.start))
        return name_text(best)

    def settle(self) -> None:
        """Reading done: the name fixed and the mentions kept as token ranges (`ranges`), so that the organization
        no longer holds the Doc and can be kept beside it (`dateline.extract.text.memo`)."""
        self.settled_name = self.name
        self.ranges = [(m.start, m.end) for m in self.mentions]
        self.mentions = []

    def entity(self) -> Entity:
        return Entity(name=self.name, mentions=[Mention(text=m.text, start=m.start_char, end=m.end_char)
                                                for m in self.mentions])


def strip_ticker(span: Span) -> Span:
    """A name without the ticker or exchange code written after it: "Acme Corp <ACME.N>" → "Acme Corp"."""
    end = span.end
    for t in span:
        if t.text in {"<", "("} or (t.i > span.start and TICKER.match(t.text)):
            end = t.i
            break
    while end > span.start and (span.doc[end - 1].is_punct or span.doc[end - 1].text in {"’s", "'s"}):
        end -= 1
    return span.doc[span.start:end]


def name_text(span: Span) -> str:
    """A span's words as written, on one line, without a leading "the" or a word that only stresses the name
    ("even China", "only Reuters")."""
    tokens = [t for t in span]
    while tokens and (tokens[0].lower_ == "the" or tokens[0].lower_ in FOCUSING and tokens[0].pos_ == "ADV"):
        tokens = tokens[1:]
    if not tokens:
        return ""
    text = " ".join(span.doc[tokens[0].i:tokens[-1].i + 1].text.split())
    for opening, closing in ("()", "[]", "<>"):  # a bracket without its pair: "International Monetary) Fund"
        if text.count(opening) != text.count(closing):
            text = " ".join(text.replace(opening, " ").replace(closing, " ").split())
    return text


def _words(span: Span) -> list[str]:
    return [t.lower_ for t in span if not t.is_punct and t.lower_ not in SUFFIXES]


def _letters(span: Span) -> str:
    return "".join(t.text for t in span if not t.is_punct).replace(".", "")


def _acronym_form(span: Span) -> bool:
    letters = _letters(span)
    return len(span) <= 2 and 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _initials(span: Span) -> str:
    """The initials of a name's words; a word of initials gives them all ("U.S. Department of Agriculture": USDA)."""
    return "".join(t.text.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2,3}", t.text) else t.text[0] for t in span
                   if t.text[:1].isupper() and t.lower_ not in SMALL and not t.is_punct)


def _same(org: Organization, span: Span, words: list[str]) -> bool:
    """Whether a mention names this organization: the same words, an acronym of it, or its acronym."""
    if words == org.words:
        return True
    if _acronym_form(span):
        return _letters(span) in org.initials
    return bool(org.acronyms) and _initials(span) in org.acronyms




def generic(words: list[str]) -> bool:
    """Whether a name's words are all generic (`resources/generic_org_words.txt`): a body of some country that
    the name alone does not say."""
    known = generic_words()
    return bool(words) and (all(w in known for w in words) or " ".join(words) in known)


def qualified(span: Span) -> Span:
    """A generic name with the country written before it ("the Japanese Finance Ministry", "the U.S. Treasury",
    "Japan's Finance Ministry") or after it ("Reserve Bank of India"): the name with the country, else the name as
    it was."""
    doc = span.doc
    start = span.start
    if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_ in {"GPE", "NORP"}:
        start -= 1
    k = start
    while k > 0 and doc[k - 1].ent_type_ in {"GPE", "NORP"} and doc[k - 1].text[:1].isupper():
        k -= 1
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":  # "Reserve Bank of India"
        end += 1
        while end < len(doc) and doc[end].ent_type_ == "GPE" and doc[end].ent_iob_ in {"B", "I"} and (
                end == span.end + 1 or doc[end].ent_iob_ == "I"):
            end += 1
        return doc[span.start:end]
    return doc[k:span.end] if k < start else span


def _ends(short: list[str], long: list[str]) -> bool:
    """A generic name that a longer name ends with, the country written before it ("Treasury" of "U.S. Treasury"),
    or begins, the country after it ("Reserve Bank" of "Reserve Bank of India")."""
    return 0 < len(short) < len(long) and short in (long[-len(short):], long[:len(short)]) and generic(short) and \
        not generic(long)


def _clipped(span: Span, long: list[str]) -> bool:
    """A short form of one word that clips a longer name's first ("Fed" of "Federal Reserve")."""
    word = span.text
    return len(span) == 1 and len(word) >= 3 and word[:1].isupper() and len(long) > 1 and long[0] != word.lower() \
        and long[0].startswith(word.lower())


def _begins(short: list[str], long: list[str]) -> bool:
    """A short form that a longer name begins with, and that is not itself a body's whole name ("Senate")."""
    in_name, _ = kind_words()
    return 0 < len(short) < len(long) and long[:len(short)] == short and short[-1] not in in_name


def organizations(spans: list[Span]) -> list[Organization]:
    """Organization mentions (in text order) grouped into organizations, in order of first mention.

    Each mention is compared only with the organizations that share its words, its initials or its acronym (kept in
    indexes as groups grow), so an article naming thousands of organizations costs no more per mention than one
    naming a few.
    """
    in_name, _ = kind_words()
    groups: list[Organization] = []
    by_words: dict[tuple[str, ...], set[int]] = {}
    by_letters: dict[str, set[int]] = {}  # initials of spelled-out names, and acronyms used
    by_start: dict[tuple[str, ...], set[int]] = {}  # every shorter beginning of a name

    def index(gi: int) -> None:
        g = groups[gi]
        by_words.setdefault(tuple(g.words), set()).add(gi)
        for letters in g.initials | g.acronyms:
            by_letters.setdefault(letters, set()).add(gi)
        for k in range(1, len(g.words)):
            by_start.setdefault(tuple(g.words[:k]), set()).add(gi)

    for raw in spans:
        span = strip_ticker(raw)
        if generic(_words(span)):
            span = qualified(span)
        words = _words(span)
        if not words:
            continue
        near = by_words.get(tuple(words), set()) | by_letters.get(
            _letters(span) if _acronym_form(span) else _initials(span), set())
        found = next((gi for gi in sorted(near, reverse=True) if _same(groups[gi], span, words)), None)
        if found is None:
            if generic(words) or len(span) == 1 and len(span.text) <= 5:
                tails = [gi for gi, g in enumerate(groups) if _ends(words, g.words) or _clipped(span, g.words)]
                found = tails[0] if len(tails) == 1 else None
        if found is None:
            longer = [gi for gi in by_start.get(tuple(words), ()) if _begins(words, groups[gi].words)]
            shorter = [gi for gi in set().union(*(by_words.get(tuple(words[:k]), set()) for k in range(1, len(words))))
                       if _begins(groups[gi].words, words)]
            if len(longer) == 1:
                found = longer[0]
            elif len(shorter) == 1:
                found = shorter[0]
                groups[found].words = words
        if found is None:
            groups.append(Organization(words=words))
            found = len(groups) - 1
        match = groups[found]
        match.add(span)
        index(found)
        if match.kind is None:
            match.kind = next((in_name[w] for w in reversed(words) if w in in_name), None)
        match.nouns.update(w for w in words if w in in_name)
    return groups
