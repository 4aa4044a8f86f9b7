"""The time rules without the model: the table, the finder and each normalizer, on text alone."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.times import calendar, words
from dateline.extract.times.find import find, matches
from dateline.extract.times.rules import BY_KIND, RULES

REF = date(2021, 6, 21)  # a Monday


def valued(text: str, tense: str = "present", ref: date = REF) -> list[tuple[str, str, str]]:
    """Each expression found in `text`, with the value its rule's normalizer gives it."""
    out = []
    for f in find(text):
        value = BY_KIND[f.kind].normalize(f, text, ref, tense)
        if value is not None:
            out.append((text[f.left:f.end], *value))
    return out


def test_every_kind_has_one_rule_with_a_normalizer_and_the_longer_form_wins() -> None:
    assert all(callable(r.normalize) for r in RULES) and set(BY_KIND) == {r.kind for r in RULES}
    order = [r.kind for r in RULES]
    assert order.index("month_day_year") < order.index("month_day") < order.index("month")
    assert valued("on June 16, 2021") == [("June 16, 2021", "DATE", "2021-06-16")]


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("on Monday", "past", ("Monday", "DATE", "2021-06-21")),
    ("on Friday", "past", ("Friday", "DATE", "2021-06-18")),
    ("on Friday", "future", ("Friday", "DATE", "2021-06-25")),
    ("in February", "past", ("February", "DATE", "2021-02")),
    ("in September", "future", ("September", "DATE", "2021-09")),
    ("two years ago", "past", ("two years ago", "DATE", "2019")),
    ("last week", "past", ("last week", "DATE", "2021-W24")),
    ("the third quarter", "past", ("the third quarter", "DATE", "2020-Q3")),
    ("for six months", "past", ("six months", "DURATION", "P6M")),
    ("2 1/2 years", "past", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("every week", "present", ("every week", "SET", "P1W")),
    ("early next year", "future", ("early next year", "DATE", "2022")),
    ("at 3 p.m. Monday", "future", ("3 p.m. Monday", "TIME", "2021-06-21T15:00")),
    ("the deadline at midnight Friday", "future", ("midnight Friday", "TIME", "2021-06-25T24:00")),  # Friday's end
    ("in the 1990s", "past", ("the 1990s", "DATE", "199")),
    ("nineteen eighty-four", "past", ("nineteen eighty-four", "DATE", "1984")),
    # decades are counted in years, as "a decade" is P10Y
    ("for decades", "past", ("decades", "DURATION", "PXY")),
    ("a four-decade embargo", "past", ("four-decade", "DURATION", "P40Y")),
    ("a decades-long feud", "past", ("decades-long", "DURATION", "PXY")),
    ("a months-long strike", "past", ("months-long", "DURATION", "PXM")),
    # the n-th weekday of a month
    ("on the last Friday in August 2001", "past", ("the last Friday in August 2001", "DATE", "2001-08-31")),
    ("the fourth Thursday of November 2002", "past", ("the fourth Thursday of November 2002", "DATE", "2002-11-28")),
    ("a plan by March of next year", "future", ("March of next year", "DATE", "2022-03")),
    ("on June 16th of last year", "past", ("June 16th of last year", "DATE", "2020-06-16")),
    ("bonuses every three months", "present", ("every three months", "SET", "P3M")),
    ("they meet every other week", "present", ("every other week", "SET", "P2W")),
    # "earlier" stays inside a day as "later" does
    ("Earlier yesterday, the exchange acted.", "past", ("Earlier yesterday", "DATE", "2021-06-20")),
    # a day written on its month without a space
    ("the attacks of Sept.11, 2001", "past", ("Sept.11, 2001", "DATE", "2001-09-11")),
    # a day the clause says is one ("it was a great day"), its adjectives outside as TimeML has them
    ("It is the second day of the strike.", "present", ("the second day", "DATE", "2021-06-21")),
    ("This is a big night for us.", "present", ("night", "TIME", "2021-06-21TNI")),
    ("It will be a long day.", "future", ("day", "DATE", "FUTURE_REF")),
    # a common noun written with a capital makes no name of the weekday ("The Sunday Show" does)
    ("In his Sunday Mass, the cardinal condemned it.", "past", ("Sunday", "DATE", "2021-06-20")),
])
def test_a_normalizer_values_what_its_rule_found(text: str, tense: str, expected: tuple[str, str, str]) -> None:
    assert valued(text, tense) == [expected]


@pytest.mark.parametrize("text", ["prices fall sharply", "she is 52 years old", "$2 million a year",
                                  "The Sunday Show", "Christmas trees", "the office Christmas party",
                                  "a Christmas-themed ad", "News Corp. and 21st Century Fox",
                                  "delegates Joe Henry, Jill June, Lori Jungling",
                                  "at the end of the day, that will prevail", "he told CBS This Morning",
                                  "immigration is a second- or third-tier issue", "societies like Easter Island",
                                  "his 1987 Chevrolet Cavalier"])
def test_what_only_looks_like_a_time_is_not_one(text: str) -> None:
    assert valued(text) == []


REACHED = ("For the past twenty-five and a half days, and two to four more working weeks, a year-ago loss; three "
           "months later, six years ago or so, a decade from now. The Next Year, this coming weekend, the same fiscal "
           "year, the current calendar quarter, the near future, then-current rules, nowadays, a later date. In the "
           "nineteen-nineties and the '80s, last fall of nineteen ninety-nine, a forty-year lease, a week-long "
           "strike, every weekend, hourly. Today, TONIGHT, yesterday's. Today is the twelfth day of the strike.")


@pytest.mark.parametrize("text", [REACHED, REACHED.upper(), "İstanbul " + REACHED, REACHED.replace(" ", "\n")])
def test_a_rule_tried_only_within_reach_of_its_triggers_finds_what_a_whole_pass_finds(text: str) -> None:
    reached = [r for r in RULES if r.reach is not None]
    assert len(reached) >= 10
    for rule in reached:
        whole = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in matches(rule, text, text.lower())] == whole, rule.kind
    assert any(rule.pattern.search(REACHED) for rule in reached if rule.kind == "duration")


def test_the_calendar_is_dateutils() -> None:
    assert calendar.holiday("Thanksgiving", 2021) == date(2021, 11, 25)
    assert calendar.holiday("Memorial Day", 2021) == date(2021, 5, 31)
    assert calendar.holiday("Election Day", 2020) == date(2020, 11, 3)
    assert calendar.holiday("Easter", 2024) == date(2024, 3, 31)
    assert calendar.shift_month(2021, 1, -2) == (2020, 11)
    assert calendar.iso_week(date(2021, 1, 1)) == "2020-W53"


def test_a_holiday_in_a_past_clause_is_the_last_one() -> None:
    assert valued("on Christmas Eve", "past") == [("Christmas Eve", "DATE", "2020-12-24")]
    assert words.year_of("two thousand one") == 2001
