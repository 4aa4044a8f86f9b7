"""Which organization a name is across articles: its key, by a rule a reader can follow.

Each article groups its own mentions of an organization ("the Environmental Protection Agency", "EPA", "the
agency") under the fullest name it gives (`extract/organizations.py`). Across articles, two organizations are one
when their names have the same key:

- case, accents, punctuation and a leading "the" do not count, nor does a corporate suffix ("Inc.", "Corp.",
  "Corporation", "Co.", "Ltd.", "LLC", "plc"): "Acme Corp." and "ACME Inc" are one;
- an acronym is its expansion where an article shows it is ("the Environmental Protection Agency (EPA)", or "EPA"
  among the mentions of the agency): the organization filed under the acronym and the one filed under the name are
  joined (`acronym_keys`), and the one with the larger id is merged into the other. An acronym is never joined to a
  name by its letters alone, and an acronym already spelled out as one name joins no other: "DNC" is the Democratic
  National Committee in one article and the Democratic National Convention in the next, and the two stay two (the
  articles that wrote "DNC" alone stay with the name it was first spelled out as).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

PREFIX = "O"
SUFFIXES = frozenset({"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
                      "plc", "lp", "llp", "ag", "sa", "nv", "gmbh", "spa"})
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


def _words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name.replace("&", " and ").casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = [re.sub(r"['’]s$", "", w) for w in WORD.findall(plain.replace(".", ""))]
    while words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def org_key(name: str) -> str | None:
    """The key an organization's name is filed under ("acme" for "Acme Corp."), or None for a name of no words."""
    return " ".join(_words(name)) or None


def acronym_keys(name: str, mentions: Iterable[str]) -> tuple[str, ...]:
    """The keys of the acronyms an article named this organization by: mentions written as an acronym whose letters
    are the initials of its name's words ("EPA" for "Environmental Protection Agency")."""
    words = [w for w in _words(name) if w not in {"of", "and", "for", "the", "on", "in", "to", "at"}]
    initials = "".join(w[0] for w in words)
    found = set()
    for text in mentions:
        letters = text.strip().removeprefix("the ").strip()
        if ACRONYM.match(letters) and letters.replace(".", "").lower() == initials and len(words) > 1:
            found.add(letters.replace(".", "").lower())
    return tuple(sorted(found))


def org_id(key: str) -> str:
    """An organization's id across the corpus, the same in every store for the same key."""
    return PREFIX + hashlib.sha1(key.encode()).hexdigest()[:12]
