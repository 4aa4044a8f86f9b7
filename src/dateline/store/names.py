"""Who a person is across articles: the key their name is filed under, by a rule a reader can follow.

Each article resolves its own mentions ("Trump", "Mr. Trump", "the president") to one person with the fullest name
it gives. Across articles, two people are one when their names have the same key:

- the name is split by nameparser into title, first, middle, last, suffix and nickname;
- titles and honorifics, middle names and middle initials are left out, and case and accents do not count:
  "Donald J. Trump", "Donald Trump" and "DONALD TRUMP" are one;
- a suffix counts: "Martin Luther King Jr." and "Martin Luther King Sr." are two;
- a first name counts: Bill and Hillary Clinton are two, and so are "J. Smith" and "John Smith" (an initial could
  be anyone's);
- a name of one word (a surname the article never gave in full) has no key: it is a person of that article alone,
  never joined to another by surname;
- a name written with a nickname ('William J. "Bill" Clinton', 'Robert C. "Bobby" Scott') is the person filed under
  the first name and the person filed under the nickname: an article that says so joins them (`also_keys`), and the
  person with the larger id is merged into the other;
- a first name in a form a word list knows ("Bill" and "William", "Bob" and "Robert": resources/nicknames.tsv)
  joins two persons of the same surname and suffix only where a role of theirs agrees (`nickname_keys`,
  `roles_agree`): "Bill Clinton, the former president" and "President William Clinton" are one; a "Bob Smith" and a
  "Robert Smith" nothing more is known of stay two.

A person an article names by a surname alone, or by a title and a surname ("Reagan", "Treasury Secretary Baker",
"Mrs. Clinton"), is a person of that article until the corpus says who they are (`store/link.py`): they join the one
person of the corpus with a whole name and that surname who agrees with them (`agrees`) — the same gender where both
show one (an honorific, a first name), a role in common where both have roles, and seen within `YEARS` of the
article. With none that agrees they stay apart; with two or more they stay apart and say so (`persons.note`):
"Baker" with no title, in a corpus of James and Howard Baker, is neither.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS

from dateline.resources import load
from dateline.resources import words as word_list

PREFIX = "P"
ROLE_STOP = frozenset({"a", "an", "the", "of", "for", "and", "to", "in", "at", "on", "former", "then", "ex",
                       "acting", "new", "state", "u.s", "us", "national", "senior", "chief", "deputy", "assistant"})
ROLE_SAME = {"sen": "senator", "rep": "representative", "congressman": "representative",
             "congresswoman": "representative", "gov": "governor", "pres": "president", "sec": "secretary",
             "secy": "secretary", "gen": "general", "atty": "attorney", "spokesperson": "spokesman",
             "spokeswoman": "spokesman", "chairwoman": "chairman", "chair": "chairman"}


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip(" .,'’\"")


@lru_cache(maxsize=65536)  # the same names come back article after article; parsing one is the cost
def _parts(name: str) -> tuple[str, str, str, str]:
    """A name's first name, surname, suffix and nickname, as compared (`_plain`), by nameparser.

    A name of two words of letters alone, neither of which nameparser gives a part of its own (`_special_words`),
    is the first name and the surname as written ("Hugo Brandt"): such names are three in four, and nameparser
    took a third of a millisecond on each (a fifth of the time of saving a batch). On 60,503 such names (first
    names of resources/nicknames.tsv and of PolNeAR's people, paired at random with their surnames) nameparser said
    the same of every one."""
    words = name.split()
    if len(words) == 2 and all(word.isalpha() and word.lower() not in _special_words() for word in words):
        return _plain(words[0]), _plain(words[1]), "", ""
    parsed = HumanName(" ".join(words))
    return _plain(parsed.first), _plain(parsed.last), _plain(parsed.suffix), _plain(parsed.nickname)


@lru_cache(maxsize=1)
def _special_words() -> frozenset[str]:
    """The words nameparser reads as more than a name: titles, suffixes, surname prefixes, conjunctions and the
    first names bound to the next word ("Abu"), lower-cased as it compares them."""
    found: set[str] = set()
    for words in (CONSTANTS.titles, CONSTANTS.first_name_titles, CONSTANTS.suffix_acronyms,
                  CONSTANTS.suffix_not_acronyms, CONSTANTS.prefixes, CONSTANTS.non_first_name_prefixes,
                  CONSTANTS.conjunctions, CONSTANTS.bound_first_names):
        found.update(word.lower() for word in words)
    return frozenset(found)


def person_key(name: str) -> str | None:
    """The key a full name is filed under across articles ("donald|trump|"), or None for a name of one word."""
    first, last, suffix, _ = _parts(name)
    if not first or not last:
        return None
    return f"{first}|{last}|{suffix}"


def also_keys(name: str) -> tuple[str, ...]:
    """Other keys the same person is filed under, by what the name itself says: its nickname as a first name."""
    first, last, suffix, nickname = _parts(name)
    if not nickname or not last or not first:
        return ()
    return (f"{nickname}|{last}|{suffix}",)


def person_id(key: str) -> str:
    """A person's id across the corpus, the same in every store for the same key."""
    return PREFIX + hashlib.sha1(key.encode()).hexdigest()[:12]


def lone_person_id(article: str, person: str) -> str:
    """The id of a person known to one article only (a name of one word)."""
    return person_id(f"{article}#{person}")


@lru_cache(maxsize=1)
def _given_forms() -> dict[str, frozenset[str]]:
    """Each given name or short form in resources/nicknames.tsv, and every form it may be written in."""
    forms: dict[str, set[str]] = {}
    for line in load("nicknames.tsv"):
        formal, short = line.split("\t")
        group = {formal, *short.split()}
        for word in group:
            forms.setdefault(word, set()).update(group)
    return {word: frozenset(group - {word}) for word, group in forms.items()}


def nickname_keys(name: str) -> tuple[str, ...]:
    """The keys the same person would be filed under with their first name in another form ("bill|clinton|" for
    "William Clinton"): persons to join only where a role agrees (`roles_agree`)."""
    first, last, suffix, _ = _parts(name)
    if not first or not last:
        return ()
    return tuple(f"{other}|{last}|{suffix}" for other in sorted(_given_forms().get(first, ())))


def _role_words(roles: list[str]) -> set[str]:
    words = {w.strip(".,'’") for role in roles for w in _plain(role).replace("-", " ").split()}
    return {ROLE_SAME.get(w, w) for w in words if w and w not in ROLE_STOP}


def roles_agree(one: list[str], other: list[str]) -> bool:
    """Whether two persons' roles share a word that says what they are ("former President" and "the president";
    "Sen." and "senator"), small words and "former" aside."""
    return bool(_role_words(one) & _role_words(other))


def surname(name: str) -> str:
    """A name's surname as compared ("reagan" for "Ronald Reagan" and for "Reagan")."""
    first, last, _, _ = _parts(name)
    return last or first or _plain(name.split()[-1] if name.split() else "")


MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "madam", "mme"})
YEARS = 5
"""How far from the years a person was seen a bare surname may still be theirs."""


def first_name_gender(word: str) -> str | None:
    """"m" or "f" for a first name nearly always one gender's (`resources/first_names.txt`), else None."""
    known = word_list("first_names.txt")
    low = word.lower()
    return "m" if f"m:{low}" in known else "f" if f"f:{low}" in known else None


def honorific_gender(forms: list[str]) -> str | None:
    """"m" or "f" where the forms a person was named by begin with an honorific of one gender only ("Mrs. Clinton")."""
    found = set()
    for form in forms:
        first = _plain(form.split()[0]) if form.split() else ""
        found.update({"m"} if first in MALE_HONORIFICS else {"f"} if first in FEMALE_HONORIFICS else set())
    return found.pop() if len(found) == 1 else None


def key_gender(key: str) -> str | None:
    """The gender a keyed person's first name shows ("ronald|reagan|": "m")."""
    return first_name_gender(key.split("|")[0])


@dataclass
class Profile:
    """What the corpus knows of a person, to tell whether a bare surname is theirs: gender, roles, when seen."""

    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    articles: int = 0

    def seen(self, day: date) -> None:
        self.first = min(self.first or day, day)
        self.last = max(self.last or day, day)


def known_first_name(key: str) -> bool:
    """Whether a keyed person's first name is one a word list knows (`first_names.txt`, `nicknames.tsv`)."""
    first = key.split("|")[0]
    return first_name_gender(first) is not None or first in _given_forms()


DOMINANT = 10
"""How many articles a person must be named in for a one-off candidate with an unknown first name not to count."""


def weak(key: str, profile: Profile, top: int) -> bool:
    """A whole name too weak to stand between a surname and the one person it fits, named in `top` articles or
    more (`DOMINANT`): named in one article only, with a first word no list knows as a first name ("Athough
    Reagan", a misspelt "Although", beside Ronald Reagan in 41 articles)."""
    return top >= DOMINANT and profile.articles <= 1 and not known_first_name(key)


def agrees(lone: Profile, whole: Profile) -> bool:
    """Whether a person named by a surname alone may be a person of that surname with a whole name: no gender
    against theirs, no roles without one in common, and seen within `YEARS` of when they were."""
    if lone.gender and whole.gender and lone.gender != whole.gender:
        return False
    if lone.roles and whole.roles and not roles_agree(lone.roles, whole.roles):
        return False
    if lone.first and lone.last and whole.first and whole.last:
        return whole.first.year - YEARS <= lone.first.year and lone.last.year <= whole.last.year + YEARS
    return True
