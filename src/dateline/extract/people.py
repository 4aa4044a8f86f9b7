"""People, organizations and places: mentions grouped into entities, with the titles the article gives people.

`cast(doc)` is the entry point. It groups every name the article gives a person ("Secretary of State Antony
Blinken", "Blinken"), keeps the titles written before a name or in apposition after it ("Russian President",
"Washington Post columnist"), and links definite descriptions ("the president") to the person holding that title.
The `Cast` it returns also maps tokens to people, so the quote rules can resolve a speaker or an addressee.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import ENT_TYPE, IDX, LOWER
from spacy.tokens import Doc, Span, Token

from dateline.extract.marks import Quoted, is_title, quotations
from dateline.extract.organizations import Organization, kind_words, organizations
from dateline.extract.syntax import mention_of
from dateline.extract.text import memo, paragraph_start, sentence_starts, text_of
from dateline.records import Entity, Person
from dateline.resources import load, words

HONORIFICS = {"mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"}
QUOTE_CHARS = "“”\"«»„"
MALE_HONORIFICS = {"mr.", "mr", "sir", "lord"}
FEMALE_HONORIFICS = {"mrs.", "mrs", "ms.", "ms", "miss", "dame", "lady"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ORG_LABELS = {"ORG"}
ROLE_SUFFIXES = ("ologist", "ician", "ographer", "onomist", "ocrat", "ator", "ist")
OFFICE_OF = {"secretary", "minister", "ministry", "department", "secretaries", "ministers"}


def roles_lexicon() -> frozenset[str]:
    return words("roles.txt")


@dataclass
class Cast:
    """Who and what an article names, and which tokens point at which person."""

    people: list[Person] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    token_person: dict[int, str] = field(default_factory=dict)
    name_tokens: dict[int, str] = field(default_factory=dict)  # tokens of names proper (not titles)
    mention_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # person id -> token spans
    quotations: list[Quoted] = field(default_factory=list)  # the article's quotation marks, found once
    gender: dict[str, str] = field(default_factory=dict)  # person id -> "m" | "f", where the article shows it
    orgs: list[Organization] = field(default_factory=list)  # the organizations, with their kinds, as read
    token_org: dict[int, int] = field(default_factory=dict)  # token -> index in `orgs`
    _by_id: dict[str, Person] = field(default_factory=dict, repr=False, compare=False)
    _indexed: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)

    def person(self, pid: str | None) -> Person | None:
        """The person with this id, by a dictionary rebuilt whenever the list of people is another or longer."""
        if self._indexed != (id(self.people), len(self.people)):
            self._by_id = {p.id: p for p in self.people}
            self._indexed = (id(self.people), len(self.people))
        return self._by_id.get(pid or "")

    def person_at(self, token: Token) -> str | None:
        return self.token_person.get(token.i)


MONTHS_AND_DAYS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
QUANTIFIERS = frozenset({"all", "any", "both", "each", "either", "every", "few", "many", "more", "most", "much",
                         "neither", "none", "several", "some", "such", "various", "other", "others", "another",
                         "one", "two", "three", "half", "enough", "no"})


def table_rows(text: str) -> list[tuple[int, int]]:
    """The character ranges of the lines that are rows of a table, as the wire prints earnings ("Shr 39 cts vs 50
    cts", "Revs 25.2 mln vs 19.5 mln", "Avg shrs 4,123,000"): a line of at most six words with two numbers or more,
    or one number beside "vs"; and a line of a few words next to one ("Revs not given", "Nine mths")."""
    lines: list[tuple[int, int, bool, bool]] = []  # start, end, a row, short enough to be a table's heading
    at = 0
    for line in text.split("\n"):
        words_ = re.findall(r"[^\W\d_]+", line)
        numbers = re.findall(r"(?<![\w.])[-+(]?\$?\d[\d,.]*%?", line)
        row = bool(numbers) and len(words_) <= 6 and (len(numbers) >= 2 or "vs" in {w.lower() for w in words_})
        if line.strip():
            lines.append((at, at + len(line), row, len(words_) <= 4 and not line.rstrip().endswith(".")))
        at += len(line) + 1
    found = []
    for n, (start, end, row, short) in enumerate(lines):  # and the short lines among rows ("Revs not given")
        near = [lines[k][2] for k in (n - 1, n + 1) if 0 <= k < len(lines)]
        if row or short and any(near):
            found.append((start, end))
    return found


ROWS = "dateline_table_rows"


def _in_table(span: Span) -> bool:
    """Whether a span stands on a row of a table (`table_rows`, found once per Doc)."""
    doc = span.doc
    rows = memo(doc).get(ROWS)
    if rows is None:
        rows = memo(doc)[ROWS] = table_rows(text_of(doc))
    return any(a <= span.start_char < b for a, b in rows)


def not_a_name(span: Span) -> bool:
    """A span that names no person and no organization, whatever the model tagged it: one on a row of a table
    ("Revs", "Avg", "Shr"), one with no capital letter ("cts"), or one of months, days and quantifiers only ("March",
    "Several")."""
    plain = [t.lower_.strip(".") for t in span if not t.is_punct]
    return (not plain or not any(ch.isupper() for ch in span.text) or _in_table(span)
            or all(w in MONTHS_AND_DAYS or w in QUANTIFIERS for w in plain))


def unbracketed(span: Span) -> Span | None:
    """A name without the ticker or angle brackets the wire writes beside it: "Pechiney <PUKG.PA" is "Pechiney",
    "Aerospatiale>" is "Aerospatiale"; the longest part that is not a ticker, or None."""
    if not any(t.text in {"<", ">"} for t in span):
        return span
    pieces: list[Span] = []
    start = span.start
    for t in [*span, None]:
        if t is None or t.text in {"<", ">"}:
            end = t.i if t is not None else span.end
            if end > start:
                pieces.append(span.doc[start:end])
            start = end + 1
    kept = [p for p in pieces if not re.fullmatch(r"[A-Z0-9.]{1,8}", p.text)]
    return max(kept, key=len) if kept else None


def _trim(span: Span) -> Span:
    """A name without leading determiners, honorifics or quote marks, nor a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and ((t := doc[start]).lower_ in {"the", "a", "an"} or t.text in QUOTE_CHARS or t.is_punct):
        start += 1
    while end > start and ((t := doc[end - 1]).tag_ == "POS" or t.is_punct or t.text in QUOTE_CHARS
                           or t.lower_ in {"’s", "'s"}):
        end -= 1
    return doc[start:end]


def _name_key(span: Span) -> list[str]:
    """A name's words for matching: lower-cased, one apostrophe, without honorifics or punctuation."""
    return [t.lower_.replace("’", "'") for t in span if t.lower_ not in HONORIFICS and not t.is_punct]


def _is_role_word(token: Token) -> bool:
    lex = roles_lexicon()
    low = token.lower_
    if low in HONORIFICS:
        return False
    return low in lex or token.lemma_.lower() in lex or (token.pos_ == "NOUN" and low.endswith(ROLE_SUFFIXES))


def _role_segments(doc: Doc, name_start: int, taken: set[int], speech: dict[int, int]) -> list[tuple[int, int]]:
    """Token spans of the titles written right before a name: "Tribune reporter, “Morning Desk” panelist
    and host of WXYZ’s “City Hour” Maria Lopez" gives three."""
    sent_start = paragraph_start(doc, name_start)
    quote_of_name = speech.get(doc[name_start].idx)
    i = name_start - 1
    zone_start = name_start
    while i >= sent_start:
        t = doc[i]
        if i in taken or speech.get(t.idx) != quote_of_name:
            break
        ok = (
            t.pos_ in {"PROPN", "NOUN", "ADJ", "NUM"}
            or t.text in QUOTE_CHARS
            or t.tag_ == "POS"
            or t.lower_ in {"of", "for", "and", "&", ",", "-", "’s", "'s"}
            or (t.pos_ == "DET" and i > sent_start and (doc[i - 1].lower_ == "of" or doc[i - 1].text in QUOTE_CHARS))
        )
        if not ok or t.is_space:
            break
        zone_start = i
        i -= 1
    # split at top-level commas and "and", right to left, keeping segments that hold a role word
    segments: list[tuple[int, int]] = []
    end = name_start
    in_quote = False
    j = name_start - 1
    while j >= zone_start - 1:
        t = doc[j] if j >= zone_start else None
        if t is not None and t.text in QUOTE_CHARS:
            in_quote = not in_quote
        boundary = t is None or (not in_quote and t.lower_ in {",", "and", "&"})
        if boundary:
            seg_start = j + 1
            while seg_start < end and doc[seg_start].lower_ in {"of", "for"}:
                seg_start += 1
            if seg_start >= end or not any(_is_role_word(doc[k]) for k in range(seg_start, end)):
                break
            if end == name_start and doc[end - 1].lower_ in {"for", "of", "to", "with", "-", "herself", "himself"}:
                break  # "spokesman for Eliot Spitzer": a title of someone else's, in relation to this one
            of = next((k for k in range(seg_start, end) if doc[k].lower_ in {"of", "for"}), None)
            if of is not None and not any(_is_role_word(doc[k]) for k in range(seg_start, of)):
                seg_start = of + 1  # "the policies of President Obama", "Good for Attorney General Janet Reno"
            segments.append((seg_start, end))
            end = j
        j -= 1
    return segments


def _role_text(doc: Doc, start: int, end: int) -> str:
    """A title as written, on one line, without quotation marks, edge dashes, a trailing honorific ("Jaguar
    Chairman Sir John Egan") or a word broken at a line's end ("Secretary Do- Donna Shalala")."""
    while end > start and (doc[end - 1].lower_ in HONORIFICS or doc[end - 1].text.endswith("-")):
        end -= 1
    text = doc[start:end].text
    for ch in QUOTE_CHARS:
        text = text.replace(ch, " ")
    return normal_role(" ".join(text.split()).strip(" ,-–—"))


ROLE_FORMS = {"gop": "Republican", "dem": "Democratic", "dems": "Democratic"}


def normal_role(role: str) -> str:
    """A role in one form: party nicknames spelled out ("GOP" is "Republican")."""
    return " ".join(ROLE_FORMS.get(w.lower().strip(".,"), w) for w in role.split())


def _appositive_roles(name: Span) -> list[tuple[int, int]]:
    """Titles in apposition: "Jonathan Capehart, a Washington Post columnist, said", "its director, Margaret Chen"."""
    out = []
    head = name.root.head
    if name.root.dep_ == "appos" and head.i < name.start and _is_role_word(head):
        start = head.i
        while start > 0 and name.doc[start - 1].dep_ in {"compound", "amod"} and name.doc[start - 1].head.i == head.i:
            start -= 1
        out.append((start, head.i + 1))
    for child in name.root.children:
        if child.dep_ == "appos" and child.i > name.end - 1 and _is_role_word(child):
            sub = list(child.subtree)
            start = sub[0].i
            while start <= child.i and sub[start - sub[0].i].pos_ == "DET":
                start += 1
            end = child.i + 1
            # keep "of ..." after the title ("secretary of state")
            for right in child.rights:
                if right.lower_ == "of":
                    end = max(end, max(t.i for t in right.subtree) + 1)
            out.append((start, end))
    return out


def _dedupe_roles(roles: list[str]) -> list[str]:
    """Distinct roles, dropping one that is only the tail of a longer one ("President" of "Russian President")."""
    kept: list[str] = []
    for role in sorted(set(roles), key=lambda r: (-len(r.split()), roles.index(r))):
        low = role.lower()
        if not any(k.lower() == low or k.lower().endswith(" " + low) for k in kept):
            kept.append(role)
    return sorted(kept, key=roles.index)


def _capitalized(doc: Doc) -> list[int]:
    """The indices of the tokens that begin with a capital letter, found without making a Token for each."""
    text = text_of(doc)
    return [i for i, at in enumerate(doc.to_array(IDX).tolist()) if text[at:at + 1].isupper()]


def _whole(span: Span) -> Span:
    """A name with the parts a tight hyphen joins to it: "Smith-Jones", never "Jones" alone; and a name cut inside a
    nickname's quotation marks, with the rest: 'William J. "Bill' is 'William J. "Bill" Reyes'."""
    doc = span.doc
    start, end = span.start, span.end
    if sum(t.text in QUOTE_CHARS for t in span) == 1 and span[-2:-1].text in QUOTE_CHARS and end + 1 < len(doc) and \
            doc[end].text in QUOTE_CHARS and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha:
        end += 2
    while start >= 2 and doc[start - 1].text in {"-", "‐"} and not doc[start - 2].whitespace_ and not doc[
            start - 1].whitespace_ and doc[start - 2].text[:1].isupper():
        start -= 2
    while end + 1 < len(doc) and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ and not doc[
            end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    return doc[start:end]


def first_name_gender(word: str) -> str | None:
    """"m" or "f" for a first name nearly always one gender's (`resources/first_names.txt`), else None."""
    first_names = words("first_names.txt")
    low = word.lower()
    return "m" if f"m:{low}" in first_names else "f" if f"f:{low}" in first_names else None


def _given(token: Token) -> bool:
    """A first name that shows gender."""
    return first_name_gender(token.text) is not None


def _without_epithet(span: Span) -> Span:
    """A name without a word put before its first name: "Crooked Hillary Clinton", "Lyin' Ted Cruz"."""
    if len(span) >= 3 and not _given(span[0]) and _given(span[1]) and len(span[0].text.rstrip(".")) > 1 and not (
            span[0].lower_ in HONORIFICS or _is_role_word(span[0])):
        return span[1:]
    return span


def _named_like_a_person(span: Span, key: tuple[str, ...], known_single: set[str]) -> bool:
    """An entity the model took for something else that is a first name and the surname of a person the article
    names: "Carly Fiorina" tagged ORG where "Frank Fiorina" is a PERSON (the first name must not be a title)."""
    return len(key) == 2 == len(span) and key[-1] in known_single and all(
        t.pos_ == "PROPN" and t.is_title for t in span) and not _is_role_word(span[0]) and span[0].lower_ not in \
        HONORIFICS


PERSON_PRONOUNS = frozenset({"who", "whom", "he", "she", "his", "her", "him", "himself", "herself"})


def _treated_as_person(span: Span) -> bool:
    """Two or three capitalized words the model took for something else, that the sentence treats as a person: a
    relative "who" on it or on its apposition ("Bettie Page, the 1950s pinup who …"), a role in apposition, or, as
    the subject, "he" or "she" after it in its sentence with no other person named there. Not a name that begins
    with a title or ends with a word organizations end with ("… Bank")."""
    if not 2 <= len(span) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in span):
        return False
    if _is_role_word(span[0]) or span[-1].lower_ in kind_words()[0]:
        return False
    root = span.root
    if any(c.dep_ == "appos" and _is_role_word(c) for c in root.children):
        return True
    if any(t.lower_ in {"who", "whom"} for t in root.subtree):
        return True
    after = span.doc[span.end:span.sent.end]
    return root.dep_ == "nsubj" and any(t.lower_ in PERSON_PRONOUNS - {"who", "whom"} for t in after) and not any(
        t.ent_type_ == "PERSON" for t in span.sent)


def _person_spans(doc: Doc) -> list[Span]:
    """Spans that name a person: PERSON entities, and any other entity or proper noun spelled as a known person."""
    spans = [_trim(e) for e in doc.ents if e.label_ == "PERSON"]
    for n, span in enumerate(spans):  # "Mayor Anna Price": the title is a role, not part of the name
        while len(span) > 2 and _is_role_word(span[0]):
            span = span[1:]
        spans[n] = span
    spans = [_without_epithet(s) for s in spans if len(s) and any(t.pos_ == "PROPN" or t.text[:1].isupper()
                                                                   for t in s)]
    covered = {t.i for s in spans for t in s}
    capitals = [doc[i] for i in _capitalized(doc)]
    for t in capitals:  # "Mayor Anna Price" that the model took for something else: a title, then a name
        if t.i in covered or not _is_role_word(t):
            continue
        end = t.i + 1
        while end < len(doc) and end - t.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and (
                doc[end].ent_type_ in {"", "PERSON", "WORK_OF_ART", "PRODUCT", "NORP", "ORG"}):
            end += 1
        if end - t.i >= 3 and not any(k in covered for k in range(t.i, end)) and not _is_role_word(doc[end - 1]):
            spans.append(doc[t.i + 1:end])
            covered.update(range(t.i + 1, end))
    known_full = {tuple(_name_key(s)) for s in spans}
    known_single = {k for s in spans for k in _name_key(s)[-1:]}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            continue
        s = _trim(ent)
        key = tuple(_name_key(s))
        if key and (key in known_full or (len(key) == 1 and key[0] in known_single) or _named_like_a_person(
                s, key, known_single) or ent.label_ in ORG_LABELS | {"WORK_OF_ART", "PRODUCT", "NORP"} and
                _treated_as_person(s)):
            spans.append(s)
            covered.update(t.i for t in s)
    for t in capitals:
        if t.i not in covered and t.pos_ == "PROPN" and t.lower_ in known_single:
            if not (t.ent_type_ and t.ent_iob_ != "O" and t.ent_type_ != "PERSON" and len(t.doc[t.i:t.i + 1]) > 1):
                spans.append(doc[t.i:t.i + 1])
                covered.add(t.i)
    spans = sorted({(w.start, w.end): w for w in map(_whole, spans)}.values(), key=lambda s: (s.start, -s.end))
    spans = [w for k, w in enumerate(spans) if not any(o.start <= w.start and w.end <= o.end for o in spans[max(
        0, k - 3):k])]  # a part a whole name took in ('Robert C. "Bobby' took in "Scott")
    merged: list[Span] = []
    for span in spans:  # 'Robert C. "Bobby" Scott': a nickname in quotation marks splits one name in two
        if merged and span.start - merged[-1].end == 1 and doc[span.start - 1].text in QUOTE_CHARS and any(
                t.text in QUOTE_CHARS for t in merged[-1]):
            merged[-1] = doc[merged[-1].start:span.end]
        else:
            merged.append(span)
    named = [_trim(u) for u in (unbracketed(span) for span in _headline_names(doc, merged)) if u is not None]
    return [span for span in named if len(span) and not not_a_name(span)]


HEADLINE_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
                            "as", "from", "vs", "vs.", "via", "into", "over", "after", "amid", "about", "per", "up",
                            "out", "off", "is", "are", "was", "be"})
HEADLINE_WORD = re.compile(r"[^\W\d_][^\s]*")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """The character ranges of the lines written in title case, as headlines are: two words or more that are not
    small words ("of", "on", "the"), each beginning with a capital ("Obama Reverses Bush on Species Protection")."""
    found: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        big = [w for w in HEADLINE_WORD.findall(line) if w.lower().rstrip(".,:;!?'\"’”") not in HEADLINE_SMALL]
        if len(big) >= 2 and all(w[:1].isupper() for w in big):
            found.append((at, at + len(line)))
        at += len(line) + 1
    return found


def headline_verb(word: str, *, first: bool) -> bool:
    """A verb a headline writes in title case: inflected anywhere ("Dies", "Reverses", "Placed"), or in its base
    form first in a name ("Hire Maurice Cheeks") — `resources/headline_verbs.txt` and the speech verbs."""
    verbs = words("headline_verbs.txt") | words("cue_verbs.txt")
    low = word.lower()
    if first and low in verbs:
        return True
    forms: set[str] = set()
    if low.endswith("s"):
        forms |= {low[:-1], low[:-2] if low.endswith("es") else "", low[:-3] + "y" if low.endswith("ies") else ""}
    if low.endswith("ed"):
        forms |= {low[:-1], low[:-2], low[:-3] if low[-3:-2] == low[-4:-3] else ""}
    if low.endswith("ing"):
        forms |= {low[:-3], low[:-3] + "e", low[:-4] if low[-4:-3] == low[-5:-4] else ""}
    return bool(forms & verbs)


def _headline_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names as a title-case headline gives them, cut to the names the rest of the article gives ("Obama Says" is
    "Obama" where the article names Barack Obama); a name the article gives nowhere else is cut at the verbs
    written in it ("Esther Williams Dies" is "Esther Williams"), unless it is the whole line (a byline)."""
    lines = headline_lines(text_of(doc))
    if not lines:
        return spans

    def line_of(span: Span) -> tuple[int, int] | None:
        return next(((a, b) for a, b in lines if a <= span.start_char and span.end_char <= b), None)

    body = [tuple(_name_key(s)) for s in spans if line_of(s) is None]
    full = {k for k in body if k}
    single = {k[-1] for k in full}
    out: list[Span] = []
    for span in spans:
        line = line_of(span)
        if line is None:
            out.append(span)
            continue
        pieces: list[Span] = []
        i = 0
        while i < len(span):
            end = next((j for j in range(len(span), i, -1) if not span[j - 1].is_punct and not span[i].is_punct and (
                (key := tuple(_name_key(span[i:j]))) in full or len(key) == 1 and key[0] in single)), None)
            if end is None:
                i += 1
                continue
            pieces.append(span[i:end])
            i = end
        if not pieces:
            rest = HEADLINE_WORD.findall(doc.text[line[0]:span.start_char] + doc.text[span.end_char:line[1]])
            if not rest:
                out.append(span)
                continue
            start = 0
            for k, token in enumerate(span):
                if headline_verb(token.text, first=k == 0) or token.is_punct:
                    if k > start:
                        pieces.append(span[start:k])
                    start = k + 1
            if start < len(span):
                pieces.append(span[start:])
        out.extend(_trim(p) for p in pieces if len(_trim(p)))
    return out


KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow"}


def _shared_surnames(doc: Doc, spans: list[Span]) -> dict[int, str]:
    """Surnames a name shares with the one written next to it, by the start of the span that lacks it:
    "Bill and Hillary Clinton", "Charles G. and David H. Koch", "George W. Bush and his wife, Laura"."""
    by_start = {s.start: s for s in spans}

    def given_only(span: Span) -> bool:
        parts = [t for t in span if not t.is_punct]
        return bool(parts) and len(parts) <= 3 and _given(parts[0]) and all(
            len(t.text.rstrip(".")) == 1 for t in parts[1:])

    out: dict[int, str] = {}
    for span in spans:
        if not given_only(span):
            continue
        after = span.end
        if after + 1 < len(doc) and doc[after].lower_ in {"and", "&"} and after + 1 in by_start:
            other = by_start[after + 1]
            if len([t for t in other if not t.is_punct]) >= 2 and not given_only(other):
                out[span.start] = other[-1].text
                continue
        head = span.root.head
        if span.root.dep_ == "appos" and head.lemma_.lower() in KIN and head.dep_ == "conj":
            partner = head.head
            owner = next((s for s in spans if s.start <= partner.i < s.end), None)
            if owner is not None and len(owner) >= 2 and not given_only(owner):
                out[span.start] = owner[-1].text
    return out


def _surname_starts(members: list[Span], words: int) -> bool:
    """Whether the last `words` words of a person's fullest name are one surname: it begins with a particle in
    lower case ("de Blasio") or is joined by a hyphen ("Smith-Jones")."""
    best = max(members, key=lambda s: len(_name_key(s)))
    tokens = [t for t in best if t.lower_ not in HONORIFICS and not t.is_punct]
    if len(tokens) <= words:
        return False
    first = tokens[-words]
    return first.text[:1].islower() or (first.i + 1 < len(first.doc) and first.doc[first.i + 1].text in {"-", "‐"})


NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _suffix(key: list[str]) -> list[str]:
    return [w.rstrip(".") for w in key if w in NAME_SUFFIXES]


def _core(key: list[str]) -> list[str]:
    return [w for w in key if w not in NAME_SUFFIXES] or key


def _span_gender(span: Span) -> str | None:
    """"m" or "f" where a name mention shows it: by an honorific ("Mr. Obama", "Mrs. Clinton") or a first name
    nearly always one gender's ("Michelle Obama")."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    before = span.doc[span.start - 1].lower_ if span.start else ""
    honorific = words[0].lower_ if words[0].lower_ in HONORIFICS else before
    if honorific in MALE_HONORIFICS:
        return "m"
    if honorific in FEMALE_HONORIFICS:
        return "f"
    return first_name_gender(words[0].text) if len(words) > 1 else None


def one_letter_off(a: str, b: str) -> bool:
    """Two words of one length that differ in one letter, or in two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and \
        a[diff[1]] == b[diff[0]]


def _misspelled(word: str, groups: list[tuple[list[str], list[Span]]], genders: list[set[str]],
                gender: str | None, shapes: dict[tuple[str, int], set[int]]) -> int | None:
    """The one person whose surname a bare surname seen nowhere else misspells by a letter ("Wines" after "Leslie
    Wimes"): only for words of five letters or more with the same first letter, and only when one person fits.
    `shapes` holds the people by the first letter and length of their surname."""
    if len(word) < 5:
        return None
    fits = [gi for gi in sorted(shapes.get((word[:1], len(word)), ())) if len(_core(groups[gi][0])) > 1
            and one_letter_off(word, _core(groups[gi][0])[-1]) and not (gender is not None and genders[gi] - {gender})]
    return fits[0] if len(fits) == 1 else None


def _fits(full: list[str], key: list[str], gender: str | None, group: tuple[list[str], list[Span]],
          genders: set[str]) -> bool:
    """Whether a name mention (its words, its words without a suffix, its gender) can be the person of a group."""
    if gender is not None and genders - {gender}:
        return False
    if (len(key) > 1 or _suffix(full)) and _suffix(full) != _suffix(group[0]):
        return False  # "Tom Reyes" beside "Tom Reyes Jr.": a father and a son
    name = _core(group[0])
    if full == group[0] or (len(key) == 1 and key[0] in (name[-1], name[0])) or (
            len(name) == 1 and name[0] == key[-1]):
        return True
    if len(key) > 1 and len(name) > 1 and key[-1] == name[-1] and (
            key[0][:1] == name[0][:1] or key[0] in name[1:-1]):
        return True
    # "De Blasio" after "Bill de Blasio", "Smith-Jones" after "Mary Smith-Jones"
    return 1 < len(key) < len(name) and name[-len(key):] == key and _surname_starts(group[1], len(key))


def _cluster(spans: list[Span], surnames: dict[int, str]) -> list[tuple[list[str], list[Span]]]:
    """Group name mentions into people: a surname joins the most recent person whose name ends with it, or, where
    two people share it, the one the article has called by the surname alone ("Bill Clinton's record … Clinton said"
    is Hillary Clinton when "Clinton" was hers before and he was always "Bill Clinton").

    Names are compared without "Jr." or "III"; a first name alone joins the person it begins; a name whose first
    word is the middle of a fuller one joins it ("Bobby Scott" after 'Robert C. "Bobby" Scott'). A mention whose
    gender (honorific or first name) differs from a person's never joins them: "Michelle Obama" after "Mr. Obama";
    nor does a full name with another suffix, or none: "Tom Reyes" beside "Tom Reyes Jr." is his father.
    """
    groups: list[tuple[list[str], list[Span]]] = []
    last_seen: dict[int, int] = {}
    genders: list[set[str]] = []
    by_word: dict[str, set[int]] = {}  # the people whose name holds a word: every match below shares one
    shapes: dict[tuple[str, int], set[int]] = {}  # the people by their surname's first letter and length

    def index(gi: int) -> None:
        for word in groups[gi][0]:
            by_word.setdefault(word, set()).add(gi)
        core = _core(groups[gi][0])
        if len(core) > 1:
            shapes.setdefault((core[-1][:1], len(core[-1])), set()).add(gi)

    for span in spans:
        full = _name_key(span) + ([surnames[span.start].lower()] if span.start in surnames else [])
        if not full:
            continue
        key = _core(full)
        gender = _span_gender(span)
        candidates = by_word.get(key[0], set()) | by_word.get(full[-1], set()) | by_word.get(key[-1], set())

        fitting = [gi for gi in sorted(candidates, key=lambda g: -last_seen[g])
                   if _fits(full, key, gender, groups[gi], genders[gi])]
        match = fitting[0] if fitting else None
        if len(key) == 1 and len(fitting) > 1:  # two people of one surname: the one the article calls by it alone
            owners = [gi for gi in fitting if any(_core(_name_key(m)) == key and m.start not in surnames
                                                  for m in groups[gi][1])]
            match = owners[0] if len(owners) == 1 else match
        if match is None and len(key) == 1:
            match = _misspelled(key[0], groups, genders, gender, shapes)
        if match is None:
            groups.append((full, [span]))
            genders.append(set())
            match = len(groups) - 1
            last_seen[match] = span.start
            index(match)
        else:
            name, members = groups[match]
            members.append(span)
            if len(full) > len(name):
                groups[match] = (full, members)
                index(match)
            last_seen[match] = span.start
        if gender is not None:
            genders[match].add(gender)
    return groups


def _display_name(members: list[Span], surnames: dict[int, str]) -> str:
    """The fullest form of a name, as written ("Mary Smith-Jones", "Pat O'Rourke"), without honorifics, with a
    surname it shares with the name beside it ("Bill and Hillary Clinton"), its words apart by one space, whatever
    space the text used (a no-break space, a line break)."""
    best = max(members, key=lambda s: (len(_name_key(s)) + (s.start in surnames), -s.start))
    tokens = [t for t in best if t.lower_ not in HONORIFICS]
    name = " ".join(("".join(t.text_with_ws for t in tokens) if tokens else best.text).split())  # one plain space
    return f"{name} {surnames[best.start]}" if best.start in surnames else name


def _entity_spans(doc: Doc, labels: set[str], exclude: set[int]) -> list[Span]:
    """The entities of these labels that are not part of a person's name or title, trimmed."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in labels or any(t.i in exclude for t in ent):
            continue
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in OFFICE_OF:
            continue  # "Secretary of State": the department is part of the title
        s = unbracketed(_trim(ent))
        if s is not None and len(s := _trim(s)) and not not_a_name(s):
            spans.append(s)
    return spans


def _entities(doc: Doc, labels: set[str], exclude: set[int]) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for s in _entity_spans(doc, labels, exclude):
        name = " ".join(s.text.split())
        by_name.setdefault(name, Entity(name=name)).mentions.append(mention_of(s))
    return list(by_name.values())


def _described(doc: Doc, orgs: list[Organization], token_org: dict[int, int]) -> None:
    """Nouns in apposition to an organization ("Acme, the steelmaker,", "the carrier, Skyline,") describe it."""
    _, as_noun = kind_words()
    for i, org in enumerate(orgs):
        for span in org.mentions:
            root = span.root
            linked = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                linked.append(root.head)
            for t in linked:
                if t.pos_ == "NOUN" and token_org.get(t.i, i) == i:
                    noun = t.lemma_.lower()
                    org.nouns.add(noun)
                    if org.kind is None and noun in as_noun:
                        org.kind = as_noun[noun]


def _merge_quoted_titles(doc: Doc, quoted: list[Quoted]) -> list[Span]:
    """Entities inside one quoted title ("“PBS NewsHour”") merged into one ORG entity spanning the title."""
    merged = []
    text = text_of(doc)
    for q in quoted:
        if not q.closed or not is_title(text, q):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        inside = [e for e in doc.ents if e.start >= span.start and e.end <= span.end]
        if inside and any(e.label_ in ORG_LABELS for e in inside) and len(inside) > 1:
            merged.append(Span(doc, span.start, span.end, label="ORG"))
    return merged


def _acronyms_in_brackets(doc: Doc, spans: list[Span]) -> list[Span]:
    """An acronym in brackets right after an organization's name, that the model left untagged: "the U.S.
    Department of Agriculture (USDA)"."""
    found = []
    for span in spans:
        for k in range(span.start, min(span.end + 1, len(doc) - 1)):  # in the model's span or right after it
            if doc[k].text == "(" and re.fullmatch(r"[A-Z]{2,6}", doc[k + 1].text) and (
                    k + 1 < span.end or not doc[k + 1].ent_type_):
                found.append(doc[k + 1:k + 2])
    return found


def _apply_merges(doc: Doc, quoted: list[Quoted]) -> None:
    merged = _merge_quoted_titles(doc, quoted)
    if not merged:
        return
    ents = [e for e in doc.ents if not any(e.start >= m.start and e.end <= m.end for m in merged)]
    doc.ents = sorted([*ents, *merged], key=lambda e: e.start)


def title_holders(people: list[Person]) -> dict[str, list[tuple[str, str]]]:
    """Who holds which title: the head word of each role the article gives ("president" of "Russian President"),
    and each description that covers it ("lawmaker" for "Sen.", `resources/role_classes.tsv`), to the ids of the
    people holding it and the role in full, lower-cased."""
    role_heads: dict[str, list[tuple[str, str]]] = {}
    for p in people:
        for role in p.roles:
            role_words = role.lower().split(" of ")[0].split()
            if role_words:
                role_heads.setdefault(role_words[-1], []).append((p.id, role.lower()))
    for line in load("role_classes.tsv"):
        description, covered = line.split("\t")
        for title in covered.split():
            role_heads.setdefault(description, []).extend(role_heads.get(title, []))
    return {h: holders for h, holders in role_heads.items() if holders}


def _title_mentions(doc: Doc, cast: Cast, first_seen: dict[str, int]) -> None:
    """Link "the president" to the person the article gave that title, nearest before it."""
    role_heads = title_holders(cast.people)
    if not role_heads:
        return
    headline_end = next(iter(doc.sents)).end if len(doc) else 0
    heads = {doc.vocab.strings[h] for h in role_heads if h in doc.vocab.strings}
    for i, lower in enumerate(doc.to_array(LOWER).tolist()):
        if lower not in heads or i in cast.token_person:
            continue
        t = doc[i]
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        if t.i + 1 < len(doc) and (doc[t.i + 1].pos_ == "PROPN" or doc[t.i + 1].lower_ == "of"):
            continue
        dets = [c for c in t.lefts if c.dep_ == "det"]
        headline = t.i < headline_end and t.i == t.sent.start and not dets  # "Lawmaker urges …": the one the story
        if not headline and (not dets or dets[0].lower_ != "the" or any(  # is about, named below
                c.dep_ in {"poss", "compound"} for c in t.lefts)):
            continue
        mods = [c.lower_ for c in t.lefts if c.dep_ == "amod"]
        proper = [c.lower_ for c in t.lefts if c.dep_ in {"amod", "compound"} and c.text[:1].isupper()]
        same_sentence = {cast.token_person[k] for k in range(t.sent.start, t.sent.end) if k in cast.token_person}
        candidates = []
        for pid, role in role_heads[t.lower_]:
            if headline:
                candidates.append((True, -first_seen.get(pid, len(doc)), pid))
                continue
            if first_seen.get(pid, len(doc)) > t.i or pid in same_sentence:
                continue
            if any(m not in role.split() for m in proper):
                continue  # "the Republican nominee" is not the Libertarian candidate
            exact = role == " ".join([*mods, t.lower_])
            recent = max((s for s, _ in cast.mention_spans[pid] if s < t.i), default=-1)
            candidates.append((exact, recent, pid))
        if not candidates:
            continue
        pid = max(candidates)[2]
        span = doc[dets[0].i if dets else t.i:t.i + 1]
        person = cast.person(pid)
        assert person is not None
        person.mentions.append(mention_of(span))
        cast.mention_spans[pid].append((span.start, span.end))
        for k in range(span.start, span.end):
            cast.token_person[k] = pid


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}


@cache
def gendered_nouns() -> dict[str, frozenset[str]]:
    """The nouns that describe a man ("m") or a woman ("f"), in a role or a description: "congresswoman", "his
    wife", "a woman at the rally" (`resources/gendered_roles.txt`)."""
    lexicon = words("gendered_roles.txt")
    return {g: frozenset(w[2:] for w in lexicon if w.startswith(g + ":")) for g in ("m", "f")}


def _genders(doc: Doc, cast: Cast) -> dict[str, str]:
    """Each person's grammatical gender as the article shows it, for pronouns to agree with.

    Evidence, weighed: an honorific ("Mrs. Clinton", 3), a gendered role the article gives ("congresswoman",
    "his wife", 2), a first name that is nearly always one gender's ("Margaret", 2), and the pronoun that takes up
    a person who is the only one named in a sentence ("Clinton said she …", 1 each).
    """
    votes: dict[str, int] = {}
    nouns = gendered_nouns()
    for pid, spans in cast.mention_spans.items():
        for start, end in spans:
            for t in doc[max(0, start - 1):end]:
                low = t.lower_
                if low in MALE_HONORIFICS:
                    votes[pid] = votes.get(pid, 0) + 3
                elif low in FEMALE_HONORIFICS:
                    votes[pid] = votes.get(pid, 0) - 3
    for person in cast.people:
        given = first_name_gender(person.name.split()[0])
        if given is not None:
            votes[person.id] = votes.get(person.id, 0) + (2 if given == "m" else -2)
        for role in person.roles:
            for word in role.lower().split():
                if word in nouns["m"]:
                    votes[person.id] = votes.get(person.id, 0) + 2
                elif word in nouns["f"]:
                    votes[person.id] = votes.get(person.id, 0) - 2
    starts = sentence_starts(doc)
    named: dict[int, set[str]] = {}
    first: dict[int, int] = {}
    for i in cast.name_tokens:
        sentence = bisect_right(starts, i) - 1
        named.setdefault(sentence, set()).add(cast.token_person[i])
        first[sentence] = min(first.get(sentence, i), i)
    pronouns = {doc.vocab.strings[w]: g for w, g in PRONOUN_GENDER.items() if w in doc.vocab.strings}
    lowers = doc.to_array(LOWER).tolist()
    for sentence, pids in named.items():
        if len(pids) != 1:
            continue
        (pid,) = pids
        for i in range(first[sentence], starts[sentence + 1]):
            g = pronouns.get(lowers[i])
            if g is not None and doc[i].pos_ == "PRON":
                votes[pid] = votes.get(pid, 0) + (1 if g == "m" else -1)
                break
    return {pid: "m" if v > 0 else "f" for pid, v in votes.items() if v}


# Words that end organizations' names and never a person's: the kind words of a name, less those that are surnames
# too ("Emily Post", "Margaret Court").
NOT_SURNAMES = frozenset(kind_words()[0]) - {
    "house", "post", "times", "bank", "court", "fund", "union", "board", "office", "service", "army", "herald",
    "journal", "tribune", "police", "news", "league"}


BUSINESS = frozenset({"shares", "stock", "earnings", "profit", "profits", "revenue", "revenues", "sales", "net",
                      "quarter", "board", "unit", "subsidiary", "subsidiaries", "stake", "bid", "offer", "debt",
                      "bonds", "chairman", "chief", "president", "directors", "stores", "plants", "products"})


def _like_a_company(mention: Span) -> bool:
    """A one-word name used as a company is: "Kellogg's shares", "Avon said its profit …" (and no "he" or "she"
    in the sentence)."""
    doc = mention.doc
    end = mention.end
    if end + 1 < len(doc) and doc[end].lower_ in {"'s", "’s"} and doc[end + 1].lower_ in BUSINESS:
        return True
    if end < len(doc) and doc[end].lower_ in {"inc", "inc.", "corp", "corp.", "co", "co."}:
        return True
    sent = doc[mention.start:min(len(doc), mention.start + 25)]
    pronouns = {t.lower_ for t in sent if t.pos_ == "PRON"}
    return mention.root.dep_ == "nsubj" and "its" in pronouns and not pronouns & {"he", "she", "his", "her"}


def _people_only(doc: Doc, groups: list[tuple[list[str], list[Span]]]
                 ) -> tuple[list[tuple[list[str], list[Span]]], list[Span]]:
    """The groups that name people, and the mentions of those that name an organization instead.

    Not a person: a name ending in a word only organizations end with ("… Corp.", "… Presidential Center"); a name
    that is all titles ("Sgt."); words not written as a name (lower case); a name that begins an organization's,
    with no title and no known first name ("Oshkosh Truck" beside "Oshkosh Truck Corp."); and a single word never
    given with a first name that the article otherwise uses for an organization or a place ("Fox" beside "Fox
    News", a company the model tagged ORG elsewhere).
    """
    strings = doc.vocab.strings
    person = strings.add("PERSON")
    other: dict[str, dict[str, int]] = {}  # word -> the other labels the model gave it, and how often
    for lower, ent_type in doc.to_array([LOWER, ENT_TYPE]).tolist():
        if ent_type and ent_type != person:
            labels = other.setdefault(strings[lower], {})
            labels[strings[ent_type]] = labels.get(strings[ent_type], 0) + 1
    org_first: set[str] = set()
    org_starts: set[tuple[str, ...]] = set()  # every beginning of an organization's name, shorter than the name
    for ent in doc.ents:
        if ent.label_ == "ORG" and len(ent) > 1:
            trimmed = _trim(ent)
            if len(trimmed) > 1:
                org_first.add(trimmed[0].lower_)
                name = _name_key(trimmed)
                org_starts.update(tuple(name[:k]) for k in range(1, len(name)))
    institutions = words("institutions.txt")
    kept: list[tuple[list[str], list[Span]]] = []
    orgs: list[Span] = []
    for key, members in groups:
        fullest = max(members, key=lambda m: len(_name_key(m)))
        words_ = [t for t in fullest if not t.is_punct and t.lower_ not in HONORIFICS]
        if not words_ or not words_[0].text[:1].isupper() or all(_is_role_word(t) for t in words_):
            continue
        titled = any(m.start and (_is_role_word(doc[m.start - 1]) or doc[m.start - 1].lower_ in HONORIFICS)
                     for m in members)
        if key[-1] in NOT_SURNAMES and len(key) > 1 or (
                len(key) > 1 and not titled and not _given(words_[0]) and tuple(key) in org_starts):
            orgs.extend(members)  # "… Corp.", or "Oshkosh Truck" beside "Oshkosh Truck Corp."
            continue
        labels = other.get(key[0], {}) if len(key) == 1 and not titled else {}
        tagged = sum(1 for m in members if m[-1].ent_type == person)  # the model's own votes for a person
        if len(key) == 1 and not titled and (key[0] in org_first or key[0] in institutions) or labels.get(
                "ORG", 0) >= max(tagged, 1):
            orgs.extend(members)
            continue
        if sum(labels.get(label, 0) for label in ("GPE", "LOC", "FAC", "NORP")) >= max(tagged, 1):
            continue
        if len(key) == 1 and not titled and any(_like_a_company(m) for m in members):
            orgs.extend(members)  # "Kellogg's shares", "Avon said its …"
            continue
        kept.append((key, members))
    return kept, orgs


def cast(doc: Doc) -> Cast:
    """Everyone and everything the article names.

    Args:
        doc: a parsed article, with named entities.
    Returns:
        a `Cast`: people (name, roles, mentions), organizations, places, and the token-to-person map.
    """
    text = text_of(doc)
    result = Cast(quotations=quotations(text))
    _apply_merges(doc, result.quotations)
    speech = {i: n for n, q in enumerate(result.quotations) if not (q.closed and is_title(text, q))
              for i in range(q.outer_start, q.outer_end)}
    spans = _person_spans(doc)
    surnames = _shared_surnames(doc, spans)
    groups, org_spans = _people_only(doc, _cluster(spans, surnames))
    name_taken = {t.i for _, members in groups for s in members for t in s}
    first_seen: dict[str, int] = {}
    for n, (_, members) in enumerate(groups, start=1):
        pid = f"p{n}"
        roles: list[str] = []
        person = Person(id=pid, name=_display_name(members, surnames))
        result.mention_spans[pid] = []
        for span in members:
            segments = _role_segments(doc, span.start, name_taken, speech)
            start = span.start
            if len(segments) == 1 and segments[0][1] == span.start and doc[segments[0][1] - 1].text[:1].isupper():
                start = segments[0][0]  # "Secretary of State Antony Blinken": a title written as part of the name
            mention = doc[start:span.end]
            person.mentions.append(mention_of(mention))
            result.mention_spans[pid].append((mention.start, mention.end))
            for k in range(start, span.end):
                result.token_person[k] = pid
            for k in range(span.start, span.end):
                result.name_tokens[k] = pid
            for s, e in sorted(segments) + _appositive_roles(span):
                roles.append(_role_text(doc, s, e))
                for k in range(s, e):
                    result.token_person.setdefault(k, pid)
        person.roles = [r for r in _dedupe_roles([r for r in roles if r]) if r]
        person.mentions.sort(key=lambda m: m.start)
        first_seen[pid] = min(s.start for s in members)
        result.people.append(person)
    _title_mentions(doc, result, first_seen)
    for p in result.people:
        p.mentions.sort(key=lambda m: m.start)
    result.gender = _genders(doc, result)
    person_tokens = set(result.name_tokens)
    org_mentions: list[Span] = []  # the organization entities and the names that were not people, the longest
    for sp in sorted(_entity_spans(doc, ORG_LABELS, person_tokens) + org_spans, key=lambda x: (x.start, -len(x))):
        if not org_mentions or sp.start >= org_mentions[-1].end:  # of any that overlap
            org_mentions.append(sp)
    result.orgs = organizations(sorted(org_mentions + _acronyms_in_brackets(doc, org_mentions),
                                       key=lambda span: span.start))
    for n, org in enumerate(result.orgs):
        for span in org.mentions:
            for k in range(span.start, span.end):
                result.token_org[k] = n
    _described(doc, result.orgs, result.token_org)
    result.organizations = [org.entity() for org in result.orgs]
    for org in result.orgs:
        org.settle()
    result.places = _entities(doc, PLACE_LABELS, person_tokens)
    return result


CAST = "dateline_cast"


def keep_cast(doc: Doc, found: Cast) -> Cast:
    """Keep the people step's `Cast` of a Doc for the steps after it (beside the Doc: see `text.memo`)."""
    memo(doc)[CAST] = found
    return found


def cast_of(doc: Doc) -> Cast:
    """The `Cast` the people step kept for this Doc, or, for a Doc that comes without one (read back from bytes,
    or a pipeline without `dateline_people`), the one worked out now."""
    found = memo(doc).get(CAST)
    return found if found is not None else keep_cast(doc, cast(doc))
