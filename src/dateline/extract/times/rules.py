"""The table of time rules: one `Rule` per pattern, in order of precedence.

Where two rules could match the same words, the one earlier in `RULES` wins: the finder runs the rules in this
order and a later match may not overlap an earlier one. So the longest, most specific forms come first ("3 p.m.
Monday" before "Monday", "June 16, 2021" before "June 16" before "June"), and the loosest last ("the year", a
bare month, a bare year).

A rule says everything about its kind of time in one place:

- `pattern`: a regular expression built from the shared word lists (`words.py`), `caseless` or not;
- `triggers`: words one of which a text must hold for the pattern to be tried at all (regex passes are most of
  this step's cost); with `reach`, every match holds one, and the pattern is tried only around them;
- `not_a_time`: checks that throw out a match that only looks like a time ("prices fall", "52 years old");
- `normalize`: the function (`normalize.py`) that gives it a TIMEX3 type and value;
- `anchors`: the functions (`anchor.py`) that may count it from a date the article named instead, tried in order;
- `in_context`: a last look with the parse (`context.py`): "today's youth" is no day;
- how far it reaches left (`takes_modifiers`, `takes_relative`, `takes_the`): what TimeML keeps inside it ("early
  next year", "last Wednesday", "the third quarter").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from dateline.extract.times import anchor, context, normalize
from dateline.extract.times.found import Found
from dateline.extract.times.words import (
    CAPITALIZED_NOUN,
    HOLIDAY,
    MONTH,
    MONTH_WORD,
    NAMED_DAY,
    NTH,
    NUM,
    NUMBER,
    ORDINAL,
    PART,
    REL,
    SEASON,
    UNIT,
    UNITS,
    WEEKDAY,
    YEAR,
    YEAR_REST,
)
from dateline.records import Timex

Check = Callable[[re.Match[str], str], bool]
Normalizer = Callable[[Found, str, date, str], tuple[str, str] | None]
Anchor = Callable[[Found, str, tuple[str, str], list[Timex], str], tuple[str, str] | None]
InContext = Callable[[Doc, Found, str, tuple[str, str]], tuple[str, str] | None]


@dataclass(frozen=True)
class Rule:
    """One kind of time expression: how it is found, what it is not, how it is valued and anchored."""

    kind: str
    pattern: re.Pattern[str]
    normalize: Normalizer
    triggers: tuple[str, ...] = ()
    reach: tuple[int, int] | None = None  # with triggers: a match starts at most this many characters before one and
    # ends at most this many after it, so the pattern is tried only there ("the past twenty-five days": "day")
    not_a_time: tuple[Check, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    in_context: InContext | None = None
    takes_modifiers: str = "all"  # "all" of LEFT_MODIFIERS ("early", "nearly", "the end of"), "no_amounts" (none of
    # "nearly", "up to", "around", which count or bound an amount: "leading up to Monday's caucus"), or "early_late"
    takes_relative: bool = False  # "last Wednesday", "this coming Sunday"
    takes_the: bool = False  # "the third quarter", "the first nine months"
    becomes: Callable[[re.Match[str]], tuple[str, int] | None] | None = None  # another kind, and where it ends
    pairs_day: bool = False  # "April 24 and 25": a second day after "and"
    groups: frozenset[str] = field(default_factory=frozenset)


def rule(kind: str, rx: str, normalize: Normalizer, *, caseless: bool = False, **options: object) -> Rule:
    pattern = re.compile(rx, re.IGNORECASE if caseless else 0)
    checks = tuple(options.pop("not_a_time", ()))  # type: ignore[call-overload]
    if "unit" in pattern.groupindex:
        checks += (unit_in_a_title,)
    return Rule(kind, pattern, normalize, not_a_time=checks, groups=frozenset(pattern.groupindex),
                **options)  # type: ignore[arg-type]


# What a match is not: each check looks at the match and the text around it.

AMBIGUOUS_MONTHS = {"may", "march", "mar.", "jan.", "aug."}
MONTH_CONTEXT = re.compile(r"\b(?:in|since|by|of|until|till|through|from|before|after|during|early|late|mid|"
                           r"last|next|this|each|every|until|end)\s*-?\s*$", re.IGNORECASE)
RATE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?|"
                  r"millions?|billions?))(?:[\d,%]|\.\d)*(?:\s+(?!(?:in|within|for|over|after|about|than|of|to|by|at)\b)"
                  r"[\w-]+){0,2}\s+$", re.IGNORECASE)


def _before(m: re.Match[str], text: str) -> str:
    return text[max(0, m.start() - 24):m.start()]


def unit_in_a_title(m: re.Match[str], text: str) -> bool:
    """ "ABC's “This Week”", "“60 Minutes”": a capitalized unit inside a title."""
    unit = m.group("unit")
    return bool(unit and unit[0].isupper()
                and (m.start("unit") > m.start() or re.search(r"[\w,]\s*$", _before(m, text))))


def an_amount(m: re.Match[str], text: str) -> bool:
    """ "$1990", "No. 1990", "1990%", "1990.5": an amount or a number, not a year."""
    return _before(m, text).endswith(("$", "#", "No. ")) or re.match(r"[%\d]|-\d|\.\d", text[m.end():m.end() + 2]) \
        is not None


def a_model_year(m: re.Match[str], text: str) -> bool:
    """ "his 1987 Chevrolet Cavalier"."""
    return re.search(r"(?:'s|\b(?:a|an|his|her|their|its))\s$", _before(m, text)) is not None and \
        re.match(r" [A-Z][a-z]+ [A-Z][a-z]", text[m.end():m.end() + 30]) is not None


def a_verb_season(m: re.Match[str], text: str) -> bool:
    """ "prices fall", "spring into action": a season word with nothing that makes it a season."""
    return m.group("rel") is None and not m.group("year") and not re.search(
        r"\b(?:the|this|in|last|next|early|late|mid|by|until|since)\s*-?\s*$", _before(m, text), re.IGNORECASE)


def a_fall_in_something(m: re.Match[str], text: str) -> bool:
    """ "the fall in prices", "the fall of the Berlin Wall": a decline or a collapse, not autumn ("the fall of 1987"
    is, and its year is part of the match)."""
    return m.group("season").lower() == "fall" and not m.group("year") and m.group("rel") is None and \
        re.match(r" (?:in|of|from|to)\b", text[m.end():m.end() + 6]) is not None


def a_period_of_no_quarter(m: re.Match[str], text: str) -> bool:
    """ "the period", "the same period" in a story that names no quarter: not a quarter."""
    return m.group("unit").lower() == "period" and "quarter" not in text.lower()


def modifies_a_noun(m: re.Match[str], text: str) -> bool:
    """ "year-end net was below …", "the morning session": a modifier of a noun, not the time itself."""
    after = re.match(r" ([a-z]+)\b", text[m.end():m.end() + 16])
    return after is not None and after.group(1) not in {"and", "or", "to", "of", "in", "at", "was", "is", "will",
                                                        "the", "for", "when", "as", "after", "before"}


def a_part_of_no_day(m: re.Match[str], text: str) -> bool:
    """ "the night" is a part of a day after "in", "during" or "by" ("in the morning"), or as "that night", "the
    next morning"; "the night sky", "spend the night" are not times of a day."""
    plain = m.group().lower().startswith("the ") and m.group("rel") is None
    return plain and re.search(r"\b(?:in|during|by)\s$", text[max(0, m.start() - 8):m.start()], re.IGNORECASE) is None


def the_last_quarter(m: re.Match[str], text: str) -> bool:
    """ "last quarter" is the one before this (a relative unit); "the last half of 1989" is its second half."""
    return m.group("ord").lower() == "last" and not m.group("of_year")


def a_part_of_a_month(m: re.Match[str], text: str) -> bool:
    """ "the second half of February": a part of the month, which is tagged itself, not a half of a year."""
    return re.match(r" of (?:" + MONTH_WORD + r")\b", text[m.end():m.end() + 14]) is not None


def in_the_end(m: re.Match[str], text: str) -> bool:
    """ "at the end of the day, that will prevail": in the end, no day."""
    return m.group().lower() == "the day" and _before(m, text).lower().endswith("at the end of ")


def the_last_of_something(m: re.Match[str], text: str) -> bool:
    """ "on the last day of the convention", "the last day I took off": the last of something the words name,
    not the one before now."""
    return m.group("rel").lower() == "last" and _before(m, text).lower().endswith("the ") and \
        re.match(r" (?:of|I|he|she|we|they|you|it|that|when)\b", text[m.end():m.end() + 6]) is not None


def a_bare_number(m: re.Match[str], text: str) -> bool:
    """ "nineteen", "two thousand" alone are numbers."""
    return not m.group("rest") and not m.group().lower().startswith("the year")


def a_month_word_not_a_month(m: re.Match[str], text: str) -> bool:
    """ "May", "March" the verbs, or "the March for Life"; "the March accession" is the month."""
    word = m.group("month").lower()
    before = _before(m, text)
    capitalized_inside = re.search(r"\b(?:[a-z]+|The|A|An|Its|This|That)\s+$", before) is not None
    return word in AMBIGUOUS_MONTHS and (not MONTH_CONTEXT.search(before) and not capitalized_inside
                                         or re.match(r" (?:for|of|on) [A-Z]", text[m.end():m.end() + 6]) is not None)


def a_surname(m: re.Match[str], text: str) -> bool:
    """ "Joe Henry, Jill June, Lori Jungling": a month's name after a first name, in a list of names."""
    return re.search(r"(?<![.!?]\s)\b[A-Z][a-z]+\s$", _before(m, text)) is not None and \
        not MONTH_CONTEXT.search(_before(m, text)) and text.startswith(",", m.end())


NAMED_DAYS = re.compile(r"\b" + NAMED_DAY + r" $")  # "Super Tuesday", "Black Friday": a day with its own name


def part_of_a_name(m: re.Match[str], text: str) -> bool:
    """ "The Sunday Show", "Monday Night Football", "Super Tuesday"; not "Sunday Mass"."""
    return re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]) is not None and not re.match(
        r" (?:" + MONTH_WORD + "|" + CAPITALIZED_NOUN + r"\b)", text[m.end():m.end() + 12]) or \
        NAMED_DAYS.search(_before(m, text)) is not None


def a_century_name(m: re.Match[str], text: str) -> bool:
    """ "21st Century Fox", "the Twentieth Century Fund": a capitalized "Century" that begins a name."""
    return "Century" in m.group() and part_of_a_name(m, text)


def a_holiday_thing(m: re.Match[str], text: str) -> bool:
    """ "Christmas trees", "Thanksgiving turkey", "the office Christmas party", "a Christmas-themed ad": things, not
    the day; "Easter Island", "the Easter Rising": names."""
    if re.match(r" (?!(?:Day|Eve|Week|Weekend|Morning|Night|Sunday|Monday)\b)[A-Z][a-z]", text[m.end():m.end() + 11]):
        return True
    return not m.group("suffix") and re.match(
        r" (?:trees?|cards?|gifts?|presents?|lights|carols?|music|shopping|decorations?|ham|turkey|part(?:y|ies)|"
        r"eggs?|spirit|ads?)\b|-themed\b", text[m.end():m.end() + 14], re.IGNORECASE) is not None


def prospects_or_conjunction(m: re.Match[str], text: str) -> bool:
    """ "the future of the company": its prospects; "as soon as", "soon after": conjunctions."""
    word = m.group("ref").lower()
    return word == "the future" and text.startswith(" of ", m.end()) or \
        word == "soon" and re.match(r" (?:as|after)\b", text[m.end():m.end() + 6]) is not None


def now_as_a_discourse_marker(m: re.Match[str], text: str) -> bool:
    """ "Now, he says, …", "Now for today's quiz": "now" opening a sentence to turn to something, not the present
    time ("Now officials are investigating" is)."""
    return m.group("ref") == "Now" and re.match(r",| for\b", text[m.end():m.end() + 4]) is not None and \
        re.search(r"(?:^|[.?!\"”'`]\s+|\n\s*)$", text[max(0, m.start() - 4):m.start()]) is not None


def an_age(m: re.Match[str], text: str) -> bool:
    """ "52 years old"."""
    return re.match(r"[- ]old\b", text[m.end():m.end() + 5]) is not None


def a_rate(m: re.Match[str], text: str) -> bool:
    """ "$2 million a year", "four flights a week"."""
    return (m.group("num") or "").lower() in {"a", "an"} and RATE.search(_before(m, text)) is not None


def a_rate_adverb(m: re.Match[str], text: str) -> bool:
    """ "to rise 8.5% annually", "10,000 units annually", "the average daily volume": a rate (after an amount, or
    an average), as "$2 million a year" is."""
    return m.group("adverb") is not None and (RATE.search(_before(m, text)) is not None
                                              or _before(m, text).lower().endswith(("average ", "avg. ")))


def a_fraction(m: re.Match[str], text: str) -> bool:
    """ "more than a quarter of the market", "just over a quarter, 26 percent", "a quarter-century"."""
    return (m.group("unit") or "").lower() == "quarter" and re.match(r" of\b|-|,? \d", text[m.end():m.end() + 4]) \
        is not None and (m.group("num") or "").lower() in {"a", "an", "one", "three"}


def an_ordinal(m: re.Match[str], text: str) -> bool:
    """ "a second group", "a second-place finish", "a second- or third-tier issue"."""
    return m.group().lower() == "a second" and re.match(r"-| [a-z]", text[m.end():m.end() + 2]) is not None


def a_capitalized_name(m: re.Match[str], text: str) -> bool:
    """ "This is VOA Today", "USA Today", "The Daily Beast", "Breitbart News Daily", "the Daily Caller", "CBS This
    Morning"."""
    if not m.group()[0].isupper():
        return False
    inside = re.search(r"\b[a-z]+\s$", _before(m, text)) is not None  # not the first word of a sentence
    return re.search(r"\b[A-Z]\w*\s$", _before(m, text)) is not None or \
        inside and re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]) is not None


def points_in_a_session(m: re.Match[str], text: str) -> bool:
    """ "fell 3 in the morning session": points, not a clock time."""
    return bool(m.group("part_of")) and "o'clock" not in m.group() and not _before(m, text).endswith("at ")


def not_said_of_a_day(m: re.Match[str], text: str) -> bool:
    """ "a day of celebration", "the second day of the talks" are a day's length or a day of something unless the
    clause says which day it is: "it was a day of celebration", "today is the second day of the talks"."""
    before = text[max(0, m.start() - 60):m.start()]
    subject = normalize.DAY_SUBJECT if m.group().lower().startswith("the ") else normalize.DAY_SUBJECT_A
    return subject.search(before) is None


def hours_of_a_day(m: re.Match[str], text: str) -> bool:
    """ "in the early hours of Thursday": a part of that day, which is tagged itself."""
    return re.search(r"\b(?:early|small|late|wee) $", _before(m, text), re.IGNORECASE) is not None and \
        text.startswith(" of ", m.end())


def days_after(m: re.Match[str]) -> tuple[str, int] | None:
    """ "three days later": TimeML's span is the three days, a duration."""
    return ("duration", m.start("dir") - 1) if (m.group("unit") or "").lower() == "day" else None


# The rules, in order of precedence.

EARLIER_NUM = r"(?P<num>" + NUMBER + r"|an?)"
ADJ_NUM = r"(?P<num>" + NUMBER + r"|several)"
NOT_NOW = r"(?:account|asset|liabilit|(?:fiscal |calendar )?(?:year|quarter|month|week|period|day))"  # "current …"
QUARTER_ANCHORS = (anchor.years_before_quarter,)
UNIT_WORDS = tuple(UNITS)
"""The words a count of units holds one of: its triggers."""
DAY_AFTER = r"(?: |(?<=\.)(?=\d))"  # "Sept. 11", and "Sept.11" as it is often written

RULES: list[Rule] = [
    rule("clock_weekday", r"\b(?P<clock>noon|midnight|(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))? ?"
         r"(?P<ampm>a\.m\.|p\.m\.))(?: [A-Z]{3})?,? (?:on )?(?:" + WEEKDAY + r"|" + MONTH + r" (?P<day>\d{1,2})"
         r"(?:,? (?P<year>\d{4}))?)\b",
         normalize.clock_weekday, triggers=("a.m.", "p.m.", "noon", "midnight"), takes_relative=True),
    rule("nth_weekday", r"\b(?:the )?" + ORDINAL + " " + WEEKDAY + r" (?:in|of) " + MONTH +
         r"(?:,? " + YEAR + r")?", normalize.nth_weekday_of_month,
         triggers=("day in ", "day of ")),  # every weekday's name ends in "day"
    rule("weekday_month_day", WEEKDAY + r",? " + MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>\d{4}))?\b",
         normalize.weekday_month_day),
    rule("holiday", r"\b(?:(?P<rel>last|next|this) )?" + HOLIDAY + r"(?: (?P<suffix>[Dd]ay|[Ee]ve|[Ww]eek))?\b",
         normalize.holiday_date, not_a_time=(a_holiday_thing,), anchors=(anchor.holiday_in_a_year_named,),
         triggers=("thanksgiving", "christmas", "new year", "independence", "election day", "halloween", "easter",
                   "labor day", "memorial day")),
    rule("month_days", MONTH + r" (?P<day>\d{1,2})(?:-|–| to | through )(?P<last>\d{1,2})\b(?!-)"
         r"(?:,? (?P<year>\d{4}))?", normalize.month_days),
    rule("month_day_year", MONTH + DAY_AFTER + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})\b",
         normalize.month_day_year),
    rule("month_rel_year", MONTH + r"(?: (?P<day>\d{1,2})(?:st|nd|rd|th)?)? (?:of )?(?P<rel>last|next|this) year\b",
         normalize.month_rel_year),
    rule("rel_month", r"\b(?P<rel>(?i:last|next|this|coming|that)) " + MONTH + r"\b", normalize.rel_month,
         anchors=(anchor.that_month,)),
    rule("set_weekday", r"\b(?:every|each) " + WEEKDAY + r"\b", normalize.set_weekday),
    rule("set_weekday", WEEKDAY + r"(?: " + PART + r")?s\b", normalize.set_weekday),
    rule("set_month", r"\b(?:every|each) " + MONTH + r"\b", normalize.set_month, triggers=("every", "each")),
    rule("quarter_adj", r"\b(?:(?P<year>\d{4}) |(?P<rel>this year's|last year's|next year's) |"
         r"(?P<ago>year-earlier|year-ago) )?" + ORDINAL + r"[- ](?P<unit>quarter|half)\b"
         r"(?: of (?P<of_year>\d{4})\b)?", normalize.quarter_adj, caseless=True, triggers=("quarter", "half"),
         not_a_time=(the_last_quarter, a_part_of_a_month), takes_the=True),
    rule("anaphoric_quarter", r"\b(?:the|this|that) (?:(?:latest|current|most recent|year-ago|year-earlier|"
         r"comparable|same|previous|prior) ){0,2}(?:fiscal )?(?P<unit>quarter|period)\b(?!-)"
         r"(?P<back> a year (?:ago|earlier))?", normalize.anaphoric_quarter, caseless=True,
         triggers=("quarter", "period"), not_a_time=(a_period_of_no_quarter,), anchors=(anchor.the_quarter,)),
    rule("year_quarter", r"\bthe (?P<year>1[89]\d\d|20\d\d) (?:fiscal )?(?P<unit>quarter|period)\b",
         normalize.year_quarter, triggers=("quarter", "period"), anchors=(anchor.that_years_quarter,)),
    rule("earlier_unit", r"\b" + EARLIER_NUM + r" (?P<unit>day|week|month|year|quarter)s? (?P<dir>earlier|later)\b|"
         r"\b(?P<adj>year|month|week|quarter)-(?:earlier|ago)\b", normalize.earlier_unit, caseless=True,
         triggers=("earlier", "later", "-ago"), reach=(64, 8),
         anchors=(*QUARTER_ANCHORS, anchor.units_from_named, anchor.later_than_told),
         becomes=days_after),
    rule("adj_duration", r"\b(?:" + ADJ_NUM + r"-(?P<unit>second|minute|hour|day|week|month|year|decade)(?!-old)|"
         r"(?P<long>hour|day|week|month|year|decade)(?P<plural>s)?-long)\b",
         normalize.adj_duration, caseless=True, not_a_time=(an_age,),
         triggers=("-second", "-minute", "-hour", "-day", "-week", "-month", "-year", "-decade", "-long"),
         reach=(16, 16)),
    rule("week_of", r"\b(?:the )?week of " + MONTH + r" (?P<day>\d{1,2})\b", normalize.week_of,
         triggers=("week of",)),
    rule("month_day", MONTH + DAY_AFTER + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b", normalize.month_day, pairs_day=True,
         anchors=(anchor.a_historic_day, anchor.same_day_written_out, anchor.month_in_a_year_named)),
    rule("month_year", MONTH + r",? " + YEAR, normalize.month_year),
    rule("iso", r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b", normalize.iso),
    rule("weekday_part", WEEKDAY + r" " + PART + r"\b", normalize.weekday,
         triggers=("morning", "afternoon", "evening", "night"), takes_relative=True, takes_modifiers="no_amounts"),
    rule("weekday", WEEKDAY + r"\b", normalize.weekday, not_a_time=(part_of_a_name,), takes_relative=True,
         takes_modifiers="no_amounts",
         anchors=(anchor.weekday_around_day, anchor.weekday_after_weekday)),
    rule("decade", r"\b(?:the )?(?P<decade>1[89]\d0|20\d0)s\b|\b(?:the )?['’](?P<short>\d)0s\b|"
         r"\bthe (?:nineteen[- ])?(?P<spelled>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
         r"nineties)\b", normalize.decade, triggers=("0s", "ties"), reach=(32, 8)),
    rule("century", r"\b(?:the )?(?P<nth>\d{1,2})(?:st|nd|rd|th)[- ]century\b", normalize.century, caseless=True,
         triggers=("century",), not_a_time=(a_century_name,)),
    rule("ago", r"\b" + NUM + r"(?:(?: to |-| or )(?P<num2>" + NUMBER + r"))? " + UNIT
         + r" (?:or so )?(?P<dir>ago|from (?:now|today))\b", normalize.ago,
         caseless=True, triggers=("ago", "from now", "from today"), reach=(64, 8), anchors=QUARTER_ANCHORS),
    rule("season", r"\b(?:" + REL + r" )?" + SEASON + r"(?: (?:of )?" + YEAR + r")?(?![\w-])", normalize.season,
         caseless=True, triggers=("spring", "summer", "fall", "autumn", "winter"), reach=(16, 40),
         not_a_time=(a_verb_season, a_fall_in_something)),
    rule("relative_unit", r"\b" + REL + r" (?P<unit>day|week|month|year|weekend|quarter|decade|century)\b",
         normalize.relative_unit, caseless=True, takes_the=True, not_a_time=(the_last_of_something,),
         triggers=UNIT_WORDS, reach=(16, 8),
         anchors=(anchor.last_year_compared, anchor.the_following_unit)),
    rule("day_said_of", r"\b(?:the (?:(?P<nth>" + NTH + r") )?)?(?P<unit>day|night)\b(?!['’-]| (?:before|after|"
         r"earlier|later|early|late|ago|since|or|and a half)\b)", normalize.day_said_of, caseless=True,
         triggers=("day", "night"), reach=(32, 24), not_a_time=(not_said_of_a_day,),
         anchors=(anchor.the_day_talked_about,)),
    rule("set_every_n", r"\b(?:every|each) (?P<num>" + NUMBER + r"|other) (?P<unit>second|minute|hour|day|week|month|"
         r"quarter|year)s?\b", normalize.set_, caseless=True, triggers=("every", "each")),
    rule("duration", r"\b(?:(?:the )?(?P<rel>past|last|next|coming|previous) )?" + NUM
         + r"(?:(?: to |-| or | and )(?P<num2>" + NUMBER + r"))?(?P<half> 1/2|½| and a half)? "
         r"(?:more |additional |extra |further |trading |business |working )?"
         + UNIT + r"\b(?P<and_half> and a half\b)?", normalize.duration, caseless=True,
         not_a_time=(an_age, a_rate, a_fraction, an_ordinal), takes_the=True, in_context=context.someday,
         triggers=UNIT_WORDS, reach=(80, 16)),
    rule("set", r"\b(?:every|each) (?P<unit>second|minute|hour|day|week|month|quarter|year|weekend)\b|"
         r"\b(?P<adverb>daily|weekly|monthly|annually|yearly|hourly)\b", normalize.set_, caseless=True,
         triggers=("every", "each", "daily", "weekly", "monthly", "annually", "yearly", "hourly"), reach=(8, 16),
         not_a_time=(a_capitalized_name, a_rate_adverb)),
    rule("noon", r"(?<=\bat )(?P<noon>noon|midday)\b", normalize.noon, caseless=True,
         triggers=("at noon", "at midday"), anchors=(anchor.clock_after_its_day, anchor.clock_on_day_named)),
    rule("time", r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))? ?(?:(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|"
         r"(?:o'clock )?in the (?P<part_of>morning|afternoon|evening)\b)", normalize.time,
         triggers=("a.m", "p.m", "am", "pm", "in the"), not_a_time=(points_in_a_session,),
         anchors=(anchor.clock_after_its_day, anchor.clock_on_day_named)),
    rule("part_deictic", r"\b(?:mid-?)?" + PART + r" (?P<word>yesterday|today|tomorrow)\b|"
         r"\bmid[- ]?(?P<mid>morning|afternoon)\b", normalize.part_deictic, caseless=True,
         triggers=("yesterday", "today", "tomorrow", "mid")),
    rule("part_of_day", r"\b(?:this|yesterday|tomorrow) " + PART + r"\b|\blast night\b", normalize.part_of_day,
         caseless=True, triggers=("morning", "afternoon", "evening", "night"), not_a_time=(a_capitalized_name,)),
    rule("the_part", r"\b(?:that|the(?: (?P<rel>next|following|previous))?) "
         r"(?P<part>morning|afternoon|evening|night)\b",
         normalize.the_part, caseless=True, triggers=("morning", "afternoon", "evening", "night"),
         not_a_time=(modifies_a_noun, a_part_of_no_day),
         anchors=(anchor.part_of_day_named,)),
    rule("a_while", r"\ba (?:little |short |long )?while\b(?P<ago> ago)?", normalize.a_while, caseless=True,
         triggers=("a while", "a little while", "a short while", "a long while")),
    rule("deictic", r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", normalize.deictic, caseless=True,
         triggers=("today", "yesterday", "tomorrow", "tonight"), reach=(4, 4),
         not_a_time=(a_capitalized_name,), takes_modifiers="early_late", in_context=context.generic_day,
         anchors=(anchor.said_on_another_day,)),
    rule("recent_unit", r"\b(?P<rel>recent|coming) (?P<unit>days|weeks|months|years|quarters|decades)\b",
         normalize.recent_unit, caseless=True, triggers=("recent", "coming")),
    rule("ref", r"\b(?P<ref>now|recently|currently|soon|the (?:near )?future|the past|nowadays|"
         r"the (?:near|short) term(?!-)|these days|a later date|"
         r"(?:then[- ])?current(?= [a-z])(?! " + NOT_NOW + r"))\b",
         normalize.ref_word, caseless=True, not_a_time=(prospects_or_conjunction, now_as_a_discourse_marker),
         triggers=("now", "recent", "current", "soon", "future", "past", "term", "these days", "later date"),
         reach=(16, 40), takes_modifiers="early_late",
         in_context=context.soon_in_the_past),
    rule("bare_unit", r"\b(?P<unit>days|weeks|months|years|decades|hours|minutes|centuries)\b", normalize.bare_unit,
         caseless=True, not_a_time=(an_age, hours_of_a_day)),
    rule("spelled_year", r"\b(?:the year )?(?P<century>nineteen|two thousand) ?(?P<rest>" + YEAR_REST + r")\b",
         normalize.spelled_year, caseless=True, triggers=("nineteen", "two thousand"), not_a_time=(a_bare_number,)),
    rule("year_end", r"\b(?:the )?year(?P<hyphen>-)end\b|\b(?:the )?year(?:'s| ) ?end\b(?!ed|ing)",
         normalize.year_end, caseless=True, triggers=("year-end", "year end", "year's end"),
         not_a_time=(modifies_a_noun,)),
    rule("the_unit", r"\b(?:the|this|that) (?:(?:full|fiscal|current|calendar|same) ){0,2}"
         r"(?P<unit>year|week|month|weekend|day)\b", normalize.the_unit, caseless=True, not_a_time=(in_the_end,),
         triggers=("year", "week", "month", "day"), reach=(48, 8),
         anchors=(anchor.the_day_just_named, anchor.the_day_around_event, anchor.the_day_in_the_story,
                  anchor.the_year_around,
                  anchor.that_unit)),
    rule("month", MONTH + r"\b", normalize.month, not_a_time=(a_month_word_not_a_month, part_of_a_name, a_surname),
         anchors=(anchor.month_after_month, anchor.month_in_a_year_named)),
    rule("year", r"\b(?P<year>1[89]\d\d|20\d\d)\b", normalize.year, not_a_time=(an_amount, a_model_year),
         takes_modifiers="no_amounts"),
]

BY_KIND: dict[str, Rule] = {}
for _rule in RULES:
    BY_KIND.setdefault(_rule.kind, _rule)
"""Each kind's rule, for what is done by kind once an expression is found (normalize, anchor, reach)."""
