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
  articles that wrote "DNC" alone stay with the name it was first spelled out as);
- a short form that clips the first word of the name an article gives it ("the Fed" beside "the Federal Reserve")
  is joined the same way, on that article's evidence;
- "Department of Agriculture" is "Agriculture Department" (and so for a ministry, an office, a bureau), and "U.S.",
  "US", "United States" and "American" are one: "U.S. Department of Agriculture" and "U.S. Agriculture Department"
  are one;
- a name of generic words only ("Treasury", "Finance Ministry", "central bank", "Senate":
  resources/generic_org_words.txt) tells no country's body from another's: it is an organization of its article
  alone (`article_only`), never one row for several countries. With its country written before it ("the Japanese
  Finance Ministry", "Japan's Finance Ministry") it is that country's.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from dateline.resources import words

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


COUNTRY_FORMS = {"united states": "us", "american": "us", "u s": "us", "japanese": "japan", "british": "britain",
                 "uk": "britain", "united kingdom": "britain", "west german": "west germany",
                 "east german": "east germany", "german": "germany", "french": "france", "canadian": "canada",
                 "brazilian": "brazil", "saudi arabian": "saudi arabia", "saudi": "saudi arabia", "chinese": "china",
                 "soviet": "soviet union", "australian": "australia", "italian": "italy", "dutch": "netherlands",
                 "swiss": "switzerland", "mexican": "mexico", "indian": "india", "spanish": "spain",
                 "belgian": "belgium", "swedish": "sweden", "norwegian": "norway", "danish": "denmark",
                 "korean": "korea", "south korean": "south korea", "taiwanese": "taiwan", "philippine": "philippines",
                 "argentine": "argentina", "venezuelan": "venezuela", "nigerian": "nigeria", "indonesian": "indonesia",
                 "malaysian": "malaysia", "egyptian": "egypt", "iranian": "iran", "iraqi": "iraq",
                 "kuwaiti": "kuwait", "irish": "ireland", "austrian": "austria", "greek": "greece",
                 "turkish": "turkey", "portuguese": "portugal", "finnish": "finland", "israeli": "israel",
                 "pakistani": "pakistan", "thai": "thailand", "ecuadorean": "ecuador", "chilean": "chile",
                 "peruvian": "peru", "colombian": "colombia", "new zealand": "new zealand", "polish": "poland",
                 "hungarian": "hungary", "yugoslav": "yugoslavia"}
OFFICES = ("department", "ministry", "office", "bureau", "secretariat")
OF_OFFICE = re.compile(r"^(?:(?P<before>.*?) )?(?P<office>" + "|".join(OFFICES) + r") of (?P<what>[a-z ]+)$")
COUNTRY = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, COUNTRY_FORMS), key=len, reverse=True)) + r")\b")


def org_key(name: str) -> str | None:
    """The key an organization's name is filed under ("acme" for "Acme Corp.", "us agriculture department" for
    "U.S. Department of Agriculture"), or None for a name of no words."""
    key = " ".join(_words(name))
    country = COUNTRY.match(key)
    if country and article_only(key[country.end():]):  # a country's institution: its country in one form
        key = COUNTRY_FORMS[country.group(0)] + key[country.end():]
    office = OF_OFFICE.match(key)
    if office and len(office.group("what").split()) <= 2:
        key = " ".join(w for w in (office.group("before"), office.group("what"), office.group("office")) if w)
    return key or None


def article_only(name: str) -> bool:
    """Whether a name is of generic words only (`resources/generic_org_words.txt`): an organization of its article
    alone."""
    known = words("generic_org_words.txt")
    found = _words(name)
    return bool(found) and (all(w in known for w in found) or " ".join(found) in known)


def acronym_keys(name: str, mentions: Iterable[str]) -> tuple[str, ...]:
    """The keys of the acronyms an article named this organization by: mentions written as an acronym whose letters
    are the initials of its name's words ("EPA" for "Environmental Protection Agency")."""
    words = [w for w in _words(name) if w not in {"of", "and", "for", "the", "on", "in", "to", "at"}]
    initials = "".join(w if w == "us" else w[0] for w in words)  # "U.S." is two initials
    found = set()
    for text in mentions:
        letters = text.strip().removeprefix("the ").strip()
        if ACRONYM.match(letters) and letters.replace(".", "").lower() == initials and len(words) > 1:
            found.add(letters.replace(".", "").lower())
        elif clips(letters, words):
            found.add(letters.lower())
    return tuple(sorted(found))


def clips(form: str, words: list[str]) -> bool:
    """Whether a form of one word clips the first word of a longer name ("Fed" of "federal reserve")."""
    return (" " not in form and len(form) >= 3 and form[:1].isupper() and len(words) > 1
            and words[0] != form.lower() and words[0].startswith(form.lower()))


def org_id(key: str) -> str:
    """An organization's id across the corpus, the same in every store for the same key."""
    return PREFIX + hashlib.sha1(key.encode()).hexdigest()[:12]
