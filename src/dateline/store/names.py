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
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS

from dateline.resources import load

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
