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
  person with the larger id is merged into the other.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

from nameparser import HumanName

PREFIX = "P"


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip(" .,'’\"")


@lru_cache(maxsize=65536)  # the same names come back article after article; parsing one is the cost
def _parts(name: str) -> tuple[str, str, str, str]:
    """A name's first name, surname, suffix and nickname, as compared (`_plain`), by nameparser."""
    parsed = HumanName(" ".join(name.split()))
    return _plain(parsed.first), _plain(parsed.last), _plain(parsed.suffix), _plain(parsed.nickname)


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
