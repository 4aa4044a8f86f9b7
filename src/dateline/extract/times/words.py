"""The words time expressions are made of, read once from `resources/time_words.tsv` and `holidays.tsv`, and the
pattern pieces every rule builds from them: one list of months, of weekdays, of number words."""

from __future__ import annotations

import re

from dateline.resources import load


def _table(name: str) -> dict[str, str]:
    """One table of `time_words.tsv`: each word as written, in file order, to its value."""
    rows = (line.split("\t") for line in load("time_words.tsv"))
    return {word: value for table, word, value in rows if table == name}


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


MONTH_NAMES = _table("month")
MONTHS = {word.lower().rstrip("."): int(n) for word, n in MONTH_NAMES.items()}
"""A month's name or abbreviation, lower case, without its period, to its number."""
WEEKDAYS = {word.lower(): int(n) for word, n in _table("weekday").items()}
"""A weekday to its number, Monday 0."""
SPELLED = {word: int(n) for word, n in _table("number").items()}
"""Every number word: one to nineteen, and the tens."""
UNITS = _table("unit")
SEASONS = _table("season")
PARTS_OF_DAY = {word: code for word, code in _table("part").items()}
ORDINALS = {word: int(n) for word, n in _table("ordinal").items()}
HISTORIC_DAYS = {month_day: int(year) for month_day, year in _table("historic_day").items()}
"""A month and day ("09-11") news names alone for one event long past, to the year it fell in."""
HISTORIC_EVENT = _alternatives(sorted(_table("historic_event"), key=len, reverse=True))
"""The nouns that make such a day that event: "the Sept. 11 attacks"."""
HOLIDAYS = {name: when for name, when in (line.split("\t") for line in load("holidays.tsv"))}
"""A holiday as written to the rule for its date (see `calendar.holiday`)."""

QUANTITIES: dict[str, int | str] = {
    "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "a thousand": 1000, "a couple of": 2, "couple of": 2,
    "a few": "X", "several": "X", "few": "X", "many": "X", "some": "X",
}
"""Words that count without being numbers: "a week", "a couple of days", "several years" (X: unknown)."""

ONES = _alternatives([w for w, n in SPELLED.items() if n < 10])
TEENS = _alternatives([w for w, n in SPELLED.items() if 10 <= n < 20])
TENS = "(?:" + _alternatives([w for w, n in SPELLED.items() if n >= 20]) + ")"

MONTH = "(?P<month>" + _alternatives(list(MONTH_NAMES)) + ")"
MONTH_WORD = _alternatives(list(MONTH_NAMES))
ORDINAL = "(?P<ord>" + _alternatives([*ORDINALS, "last"]) + ")"
"""An ordinal within something ("the third quarter", "the last Friday in August"): first to fourth, or last."""
NTH = r"(?:" + _alternatives([*ORDINALS, *_table("nth")]) + r"|\d+(?:st|nd|rd|th))"
"""An ordinal that counts days or times: "the eighth day", "the 100th day"."""
NAMED_DAY = "(?:" + _alternatives(list(_table("named_day"))) + ")"
CAPITALIZED_NOUN = "(?:" + _alternatives(list(_table("capitalized_noun"))) + ")"
"""A common noun written with a capital ("Mass"): after a weekday, no name."""
WEEKDAY = "(?P<weekday>" + _alternatives([w for w in _table("weekday")]) + ")"
WEEKDAY_WORD = _alternatives(list(_table("weekday")))
NUMBER = r"(?:\d+|" + TENS + r"(?:[- ](?:" + ONES + r")\b)?|" + ONES + "|" + TEENS + ")"
"""A number in digits or spelled out, one to ninety-nine: the one list every pattern counts with."""
NUM = r"(?P<num>a couple of|couple of|a few|an? (?:hundred|thousand)|" + NUMBER + r"|an?|several|few|many|some)"
"""A count: a number, or a quantity word ("a", "a few", "several")."""
UNIT = r"(?P<unit>" + _alternatives(list(UNITS)) + r")s?"
PART = r"(?P<part>" + _alternatives(list(PARTS_OF_DAY)) + r")"
SEASON = r"(?P<season>" + _alternatives(list(SEASONS)) + r")"
YEAR_REST = r"(?:" + TENS + r"(?:-(?:" + ONES + r"))?|" + ONES + "|" + TEENS + r")?"
"""What follows "nineteen" or "two thousand" in a year spelled out."""
YEAR = r"(?P<year>\d{4}|(?:nineteen|two thousand) ?" + YEAR_REST + r"(?![\w-]))"
REL = r"(?P<rel>last|next|this|coming|past|previous|following|current)"
HOLIDAY = "(?P<holiday>" + _alternatives(list(HOLIDAYS)) + ")"


def month_of(word: str) -> int:
    """ "Sept." → 9."""
    return MONTHS[word.lower().rstrip(".")]


def spelled_number(words: str) -> int:
    """ "ninety-six" → 96 (0 where there is no number word)."""
    return sum(SPELLED.get(part, 0) for part in words.lower().replace("-", " ").split())


def count(word: str | None) -> int | str:
    """How many a count says: 1 where none is written, "X" where it does not say ("several")."""
    if word is None:
        return 1
    low = word.lower()
    if low.isdigit():
        return int(low)
    return QUANTITIES.get(low) or spelled_number(low) or "X"


def year_of(words: str) -> int:
    """A year written in digits or spelled out: "1994", "nineteen ninety-four", "two thousand one"."""
    if words.isdigit():
        return int(words)
    low = words.lower()
    century = 2000 if low.startswith("two thousand") else 1900
    return century + spelled_number(low.removeprefix("two thousand").removeprefix("nineteen"))
