"""Time expressions found in an article and normalized to TIMEX3 values against its publication date.

`times(doc, published)` finds dates ("June 16", "Monday", "in February", "last week", "two years ago", "the 1990s"),
times ("3 p.m."), durations ("six months") and sets ("every week"), with TimeML's spans (the preposition and
"on"/"in" stay outside). A bare weekday or month takes its direction from the clause it sits in (`tense.py`):
"on Monday said" is the Monday on or before the publication date, "will meet on Monday" the one after. An
expression that counts from another date the article named is anchored there (`_anchor`): "a year earlier" after
"the third quarter", "the following month" after "In March".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from dateline.extract.tense import tense_at
from dateline.extract.text import Intervals, on_time, text_of
from dateline.records import Timex

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBERS: dict[str, int | str] = {
    **SPELLED, "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "a thousand": 1000, "a couple of": 2,
    "couple of": 2, "a few": "X", "several": "X", "few": "X", "many": "X", "some": "X",
}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
         "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUM = r"(?P<num>\d+|a couple of|couple of|a few|an? (?:hundred|thousand)|" + _TENS + \
       r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|an?|one|two|three|four|five|six|seven|" \
       r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|several|few|" \
       r"many|some)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|quarter|weekend)s?"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_YEAR_REST = r"(?:" + _TENS + r"(?:-(?:one|two|three|four|five|six|" \
             r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|" \
             r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)?"
_YEAR = r"(?P<year>\d{4}|(?:nineteen|two thousand) ?" + _YEAR_REST + r"(?![\w-]))"
_REL = r"(?P<rel>last|next|this|coming|past|previous|following|current)"

NOT_NOW = r"(?:account|asset|liabilit|(?:fiscal |calendar )?(?:year|quarter|month|week|period|day))"  # "current …"
CASELESS = {"noon", "century", "part_deictic", "recent_unit", "ago", "relative_unit", "duration", "set", "deictic",
            "part_of_day", "season", "ref", "quarter_adj", "anaphoric_quarter", "earlier_unit",
            "spelled_year", "adj_duration", "bare_unit", "the_unit"}
PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(rx, re.IGNORECASE if kind in CASELESS else 0))
                                               for kind, rx in [
    ("clock_weekday", r"\b(?P<clock>noon|midnight|(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))? ?(?P<ampm>a\.m\.|p\.m\.))"
                      r"(?: [A-Z]{3})?,? (?:on )?(?:" + _WEEKDAY + r"|" + _MONTH + r" (?P<day>\d{1,2}))\b"),
    ("weekday_month_day", _WEEKDAY + r",? " + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<year>\d{4}))?\b"),
    ("holiday", r"\b(?:(?P<rel>last|next|this) )?(?P<holiday>Thanksgiving|Christmas|New Year's|Independence Day|"
                r"Election Day|Halloween|Easter|Labor Day|Memorial Day)(?: (?P<suffix>[Dd]ay|[Ee]ve|[Ww]eek))?\b"),
    ("month_day_year", _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})\b"),
    ("month_rel_year", _MONTH + r" (?P<rel>last|next|this) year\b"),
    ("rel_month", r"\b(?P<rel>(?i:last|next|this|coming)) " + _MONTH + r"\b"),
    ("set_weekday", r"\b(?:every|each) " + _WEEKDAY + r"\b"),
    ("set_weekday", _WEEKDAY + r"(?: " + _PART + r")?s\b"),
    ("set_month", r"\b(?:every|each) " + _MONTH + r"\b"),
    ("quarter_adj", r"\b(?:(?P<year>\d{4}) |(?P<rel>this year's|last year's|next year's) |"
                    r"(?P<ago>year-earlier|year-ago) )?"
                    r"(?P<ord>first|second|third|fourth|last)[- ](?P<unit>quarter|half)\b"
                    r"(?: of (?P<of_year>\d{4})\b)?"),
    ("anaphoric_quarter", r"\b(?:the|this|that) (?:latest |current |most recent |year-ago |year-earlier |"
                          r"comparable |same |previous |prior )?(?:fiscal )?(?P<unit>quarter|period)\b(?!-)"),
    ("year_quarter", r"\bthe (?P<year>1[89]\d\d|20\d\d) (?:fiscal )?(?P<unit>quarter|period)\b"),
    ("earlier_unit", r"\b(?P<num>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+) "
                     r"(?P<unit>day|week|month|year|quarter)s? (?P<dir>earlier|later)\b|"
                     r"\b(?P<adj>year|month|week|quarter)-(?:earlier|ago)\b"),
    ("adj_duration", r"\b(?:(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                     r"twenty|thirty|several)-(?P<unit>second|minute|hour|day|week|month|year|decade)(?!-old)|"
                     r"(?P<long>hour|day|week|month|year)-long)\b"),
    ("week_of", r"\b(?:the )?week of " + _MONTH + r" (?P<day>\d{1,2})\b"),
    ("month_day", _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?\b"),
    ("month_year", _MONTH + r",? " + _YEAR),
    ("iso", r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    ("weekday_part", _WEEKDAY + r" " + _PART + r"\b"),
    ("weekday", _WEEKDAY + r"\b"),
    ("decade", r"\b(?:the )?(?P<decade>1[89]\d0|20\d0)s\b|\b(?:the )?['’](?P<short>\d)0s\b|"
               r"\bthe (?:nineteen[- ])?(?P<spelled>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
               r"nineties)\b"),
    ("century", r"\b(?:the )?(?P<nth>\d{1,2})(?:st|nd|rd|th)[- ]century\b"),
    ("ago", r"\b" + _NUM + r" " + _UNIT + r" (?:or so )?ago\b"),
    ("season", r"\b(?:" + _REL + r" )?" + _SEASON + r"(?: (?:of )?" + _YEAR + r")?(?![\w-])"),
    ("relative_unit", r"\b" + _REL + r" (?P<unit>day|week|month|year|weekend|quarter|decade|century)\b"),
    ("duration", r"\b(?:(?:the )?(?P<rel>past|last|next|coming|previous) )?" + _NUM + r"(?P<half> 1/2|½| and a half)? "
                 r"(?:more |additional |extra |further |trading |business |working )?" + _UNIT
                 + r"\b(?P<and_half> and a half\b)?"),
    ("set", r"\b(?:every|each) (?P<unit>second|minute|hour|day|week|month|quarter|year|weekend)\b|"
            r"\b(?P<adverb>daily|weekly|monthly|annually|yearly|hourly)\b"),
    ("noon", r"(?<=\bat )(?P<noon>noon|midday)\b"),
    ("time", r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))? ?(?:(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|"
             r"(?:o'clock )?in the (?P<part_of>morning|afternoon|evening)\b)"),
    ("part_deictic", r"\b(?:mid-?)?" + _PART + r" (?P<word>yesterday|today|tomorrow)\b|"
                     r"\bmid[- ]?(?P<mid>morning|afternoon)\b"),
    ("part_of_day", r"\b(?:this|yesterday|tomorrow) " + _PART + r"\b|\blast night\b"),
    ("deictic", r"\b(?P<word>today|yesterday|tomorrow|tonight)\b"),
    ("recent_unit", r"\b(?P<rel>recent|coming) (?P<unit>days|weeks|months|years|quarters|decades)\b"),
    ("ref", r"\b(?P<ref>now|recently|currently|soon|the (?:near )?future|the past|nowadays|"
            r"the (?:near|short) term(?!-)|these days|(?:then[- ])?current(?= [a-z])(?! " + NOT_NOW + r"))\b"),
    ("bare_unit", r"\b(?P<unit>days|weeks|months|years|decades|hours|minutes|centuries)\b"),
    ("spelled_year", r"\b(?:the year )?(?P<century>nineteen|two thousand) ?(?P<rest>" + _YEAR_REST + r")\b"),
    ("the_unit", r"\b(?:the|this|that) (?:(?:full|fiscal|current|calendar) ){0,2}"
                 r"(?P<unit>year|week|month|weekend|day)\b"),
    ("month", _MONTH + r"\b"),
    ("year", r"\b(?P<year>1[89]\d\d|20\d\d)\b"),
]]

MONTH_CONTEXT = re.compile(r"\b(?:in|since|by|of|until|till|through|from|before|after|during|early|late|mid|"
                           r"last|next|this|each|every|until|end)\s*-?\s*$", re.IGNORECASE)
AMBIGUOUS_MONTHS = {"may", "march", "mar.", "jan.", "aug."}


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    left: int  # where the expression starts once the modifiers TimeML keeps ("early", "the") are taken in


def _num(word: str | None) -> int | str:
    if word is None:
        return 1
    low = word.lower()
    if low.isdigit():
        return int(low)
    return NUMBERS.get(low) or _spelled_number(low) or "X"  # "sixty", "twenty-four"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


TRIGGERS = {  # a pattern runs only over a text holding one of its words (regex passes cost most of this step)
    "ago": ("ago",), "holiday": ("thanksgiving", "christmas", "new year", "independence", "election day",
                                 "halloween", "easter", "labor day", "memorial day"),
    "spelled_year": ("nineteen", "two thousand"), "clock_weekday": ("a.m.", "p.m.", "noon", "midnight"),
    "time": ("a.m", "p.m", "am", "pm", "in the"), "noon": ("at noon", "at midday"),
    "quarter_adj": ("quarter", "half"),
    "anaphoric_quarter": ("quarter", "period"), "year_quarter": ("quarter", "period"),
    "earlier_unit": ("earlier", "later", "-ago"),
    "set": ("every", "each", "daily", "weekly", "monthly", "annually", "yearly", "hourly"),
    "set_month": ("every", "each"), "season": ("spring", "summer", "fall", "autumn", "winter"),
    "decade": ("0s", "ties"), "century": ("century",),
    "recent_unit": ("recent", "coming"), "part_of_day": ("morning", "afternoon", "evening", "night"),
    "weekday_part": ("morning", "afternoon", "evening", "night"),
    "part_deictic": ("yesterday", "today", "tomorrow", "mid"), "week_of": ("week of",),
}


def _find(text: str) -> list[Found]:
    taken = Intervals()
    found: list[Found] = []
    lower = text.lower()
    for kind, rx in PATTERNS:
        if kind in TRIGGERS and not any(word in lower for word in TRIGGERS[kind]):
            continue
        for m in rx.finditer(text):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            groups = m.groupdict()
            if _not_a_time(kind, m, text):
                continue
            named = kind
            if kind == "earlier_unit" and (groups.get("unit") or "").lower() == "day":
                named, end = "duration", m.start("dir") - 1  # "three days later": TimeML's span of three days
            found.append(Found(start, end, named, groups, left=_left_edge(text, named, start, end)))
            taken.add(start, m.end())
            pair = SECOND_DAY.match(text, end) if kind == "month_day" else None
            if pair and not taken.overlaps(*pair.span(1)):  # "April 24 and 25"
                day = {"month": groups["month"], "day": pair.group(1)}
                found.append(Found(pair.start(1), pair.end(1), kind, day, left=pair.start(1)))
                taken.add(*pair.span(1))
    return sorted(found, key=lambda f: f.start)


def _not_a_time(kind: str, m: re.Match[str], text: str) -> bool:
    """Whether a match only looks like a time: an amount, a name, a title, a rate, an age, a conjunction."""
    start, end = m.span()
    groups = m.groupdict()
    before = text[max(0, start - 24):start]
    after = text[end:end + 2]
    if kind == "year" and (before.endswith(("$", "#", "No. ")) or re.match(r"[%\d]|-\d|\.\d", after)):
        return True  # an amount or a number, not a year
    if kind == "year" and re.search(r"(?:'s|\b(?:a|an|his|her|their|its))\s$", before) and \
            re.match(r" [A-Z][a-z]+ [A-Z][a-z]", text[end:end + 30]):
        return True  # "his 1987 Chevrolet Cavalier": a model year
    if kind == "season" and groups.get("rel") is None and not groups.get("year") and not re.search(
            r"\b(?:the|this|in|last|next|early|late|mid|by|until|since)\s*-?\s*$", before, re.IGNORECASE):
        return True  # "prices fall", "spring into action"
    if kind == "quarter_adj" and m.group("ord").lower() == "last" and not groups.get("of_year"):
        return True  # "last quarter" is the one before this; "the last half of 1989" is its second half
    if kind == "spelled_year" and not groups.get("rest") and not m.group().lower().startswith("the year"):
        return True  # "nineteen", "two thousand" alone are numbers
    if kind == "month":
        word = m.group("month").lower()
        capitalized_inside = re.search(r"\b(?:[a-z]+|The|A|An|Its|This|That)\s+$", before) is not None
        if word in AMBIGUOUS_MONTHS and (not MONTH_CONTEXT.search(before) and not capitalized_inside
                                         or re.match(r" (?:for|of|on) [A-Z]", text[end:end + 6])):
            return True  # "May", "March" the verbs or "the March for Life"; "the March accession" is the month
    if kind in {"weekday", "month"} and re.match(r" [A-Z][a-z]", text[end:end + 3]) and not re.match(
            r" (?:" + _MONTH[10:-1] + ")", text[end:end + 12]):
        return True  # "The Sunday Show", "Monday Night Football": part of a name
    if kind == "holiday" and not groups.get("suffix") and re.match(
            r" (?:trees?|cards?|gifts?|presents?|lights|carols?|music|shopping|decorations?|ham|turkey)\b",
            text[end:end + 14], re.IGNORECASE):
        return True  # "Christmas trees", "Thanksgiving turkey": things, not the day
    if kind == "ref" and m.group("ref").lower() == "the future" and text.startswith(" of ", end):
        return True  # "the future of the company": its prospects, not a time
    if kind == "ref" and m.group("ref").lower() == "soon" and re.match(r" (?:as|after)\b", text[end:end + 6]):
        return True  # "as soon as the threats end", "soon after": conjunctions, not a time
    if kind in {"duration", "adj_duration", "bare_unit"} and re.match(r"[- ]old\b", text[end:end + 5]):
        return True  # "52 years old" is an age
    if kind == "duration" and (groups.get("num") or "").lower() in {"a", "an"} and RATE.search(before):
        return True  # "$2 million a year", "four flights a week": a rate, not a time
    unit = groups.get("unit")
    if unit and unit[0].isupper() and (m.start("unit") > start or re.search(r"[\w,]\s*$", before)):
        return True  # "ABC's “This Week”", "“60 Minutes”": a title
    if kind in {"deictic", "set"} and m.group()[0].isupper() and re.search(r"\b[A-Z]\w*\s$", before):
        return True  # "This is VOA Today", "USA Today", "The Daily Beast", "Breitbart News Daily"
    if kind == "duration" and (groups.get("unit") or "").lower() == "quarter" and text.startswith(" of", end) \
            and (groups.get("num") or "").lower() in {"a", "an", "one", "three"}:
        return True  # "more than a quarter of the market": a fraction
    if kind == "time" and groups.get("part_of") and "o'clock" not in m.group() and not before.endswith("at "):
        return True  # "fell 3 in the morning session": points, not a clock time
    if kind == "bare_unit" and re.search(r"\b(?:early|small|late|wee) $", before, re.IGNORECASE) and \
            text.startswith(" of ", end):
        return True  # "in the early hours of Thursday": a part of that day, which is tagged itself
    if kind == "duration" and m.group().lower() == "a second" and re.match(r" [a-z]", text[end:end + 2]):
        return True  # "a second group": an ordinal
    return False


RATE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?|"
                  r"millions?|billions?))(?:[\d,%]|\.\d)*(?:\s+(?!(?:in|within|for|over|after|about|than|of|to|by|at)\b)"
                  r"[\w-]+){0,2}\s+$", re.IGNORECASE)
LEFT_MODIFIERS = re.compile(
    r"(?:\b(?:the (?:end|middle|beginning|start|close) of|early|late|mid|earlier|later|fiscal|around|"
    r"nearly|more than|less than|fewer than|up to|at least|no more than)(?: the)? ?-?\s*|\bmid-)$", re.IGNORECASE)
# Which modifiers stay inside an expression follows how often TimeBank and AQUAINT together keep each inside
# ("early", "nearly", "more than") or leave it out ("about", "almost", "over", "just").
DETERMINED = {"quarter_adj", "duration", "relative_unit"}


def _left_edge(text: str, kind: str, start: int, end: int) -> int:
    """Where an expression found at start:end begins once it takes in the words TimeML keeps inside it: a
    determiner before a quarter or a counted span ("the third quarter", "the first nine months"), and modifiers
    ("early next year", "mid-November", "nearly forty years", "more than four hours")."""
    core = start
    m = LEFT_MODIFIERS.search(text[max(0, start - 24):start])
    if m and kind not in {"ref", "deictic"} or (m and m.group().lower().startswith(("late", "early"))):
        start -= len(m.group())
    if kind in {"weekday", "weekday_part", "clock_weekday"}:  # "last Wednesday", "this coming Sunday"
        m = re.search(r"\b(?:last|next|this|this coming|coming|the previous|the following) $",
                      text[max(0, start - 20):start], re.IGNORECASE)
        if m:
            start -= len(m.group())
    # "the third-quarter profit": an adjectival quarter leaves "the" to the noun
    adjective = kind == "quarter_adj" and re.search(r"(?:first|second|third|fourth|last)-(?:quarter|half)",
                                                    text[core:end], re.IGNORECASE) is not None
    if kind in DETERMINED and not adjective:
        m = re.search(r"\bthe (?:first |last |past |next |previous |following )?$", text[max(0, start - 20):start],
                      re.IGNORECASE)
        if m:
            start -= len(m.group())
    return start


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n < 0:
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    return date(year, month, (h + m - 7 * n + 114) % 31 + 1)


def _holiday(name: str, year: int) -> date | None:
    """The date of a US holiday in a year."""
    key = name.lower()
    fixed = {"christmas": (12, 25), "new year's": (1, 1), "independence day": (7, 4), "halloween": (10, 31)}
    if key in fixed:
        return date(year, *fixed[key])
    if key == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if key == "election day":
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if key == "easter":
        return _easter(year)
    return None


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _resolve_month_day(month: int, day: int | None, ref: date, tense: str) -> int:
    """The year of a month (and day) written without one: the occurrence closest to the publication date, moved
    to the past or the future where the clause's tense says it must be there."""
    here = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    months_ahead = (month - ref.month) % 12
    year = ref.year + (1 if months_ahead and month < ref.month else 0) if months_ahead <= 6 else \
        ref.year - (1 if month > ref.month else 0)
    near = abs((year * 12 + month) - (ref.year * 12 + ref.month)) <= 1  # this month or the next: no doubt
    if near:
        return year
    if tense == "past" and (year, *here) > (ref.year, *now):
        year -= 1
    elif tense == "future" and (year, *here) < (ref.year, *now):
        year += 1
    return year


def _weekday(target: int, ref: date, tense: str, rel: str | None = None) -> date:
    delta = target - ref.weekday()
    if rel == "last" or (rel is None and tense == "past"):
        delta = delta - 7 if delta > 0 or (rel == "last" and delta == 0) else delta
    elif rel in {"next", "coming"} or (rel is None and tense == "future"):
        delta = delta + 7 if delta < 0 or (rel == "next" and delta == 0) else delta
    elif tense == "nearest" and rel is None:
        delta = min((delta - 7, delta, delta + 7), key=abs)  # "Monday night's debate": the one nearest
    elif delta > 0:
        delta -= 7  # unmarked: the last such day, as news mostly reports
    return ref + timedelta(days=delta)


def _normalize(f: Found, text: str, ref: date, tense: str) -> tuple[str, str] | None:
    g = f.groups
    k = f.kind
    if k == "clock_weekday":
        if g.get("weekday"):
            day = _weekday(WEEKDAYS[g["weekday"].lower()], ref, tense)
        else:
            month, number = _month_of(g["month"]), int(g["day"])
            day = date(_resolve_month_day(month, number, ref, tense), month, number)
        clock = (g.get("clock") or "").lower()
        if clock in {"noon", "midnight"}:
            hour, minute = (12 if clock == "noon" else 0), 0
        else:
            hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
            minute = int(g["minute"] or 0)
        return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    if k == "weekday_month_day":
        month, day = _month_of(g["month"]), int(g["day"])
        year = int(g["year"]) if g.get("year") else _resolve_month_day(month, day, ref, tense)
        return "DATE", f"{year:04d}-{month:02d}-{day:02d}"
    if k == "month_rel_year":
        step = {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        return "DATE", f"{ref.year + step:04d}-{_month_of(g['month']):02d}"
    if k == "rel_month":
        rel, month = g["rel"].lower(), _month_of(g["month"])
        year = ref.year  # "this May"
        if rel == "last":  # the latest May before last month ("last February" in March is a year back: last
            year = ref.year if month < ref.month - 1 else ref.year - 1  # month would have been "last month")
        elif rel in {"next", "coming"}:  # the first May after this month
            year = ref.year if month > ref.month else ref.year + 1
        return "DATE", f"{year:04d}-{month:02d}"
    if k == "set_weekday":  # "each Thursday", "on Mondays", "Tuesday nights"
        part = f"T{PARTS_OF_DAY[g['part'].lower()]}" if g.get("part") else ""
        return "SET", f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()] + 1}{part}"
    if k == "set_month":
        return "SET", f"XXXX-{_month_of(g['month']):02d}"
    if k == "quarter_adj":
        half = g["unit"].lower() == "half"
        number = ORDINALS.get(g["ord"].lower(), 2 if half else 4)
        rel = (g.get("rel") or "").lower()
        if g.get("year") or g.get("of_year"):
            year = int(g.get("year") or g["of_year"])
        elif rel:
            year = ref.year + {"last": -1, "next": 1}.get(rel.split()[0], 0)
        else:
            first_month = (number - 1) * (6 if half else 3) + 1
            year = ref.year if first_month <= ref.month else ref.year - 1
            year -= 1 if g.get("ago") else 0  # "the year-earlier third quarter"
        return "DATE", f"{year:04d}-{'H' if half else 'Q'}{number}"
    if k in {"earlier_unit", "bare_unit", "the_unit", "adj_duration", "spelled_year", "anaphoric_quarter",
             "year_quarter"}:
        return _normalize_more(f, text, ref, tense)
    if k == "holiday":
        rel = (g.get("rel") or "").lower()
        year = ref.year + {"last": -1, "next": 1}.get(rel, 0)
        day = _holiday(g["holiday"], year)
        suffix = (g.get("suffix") or "").lower()
        lead = timedelta(days=6 if suffix == "week" else 0)  # "Easter week" has begun six days before Easter
        if not rel and day is not None:
            closest = min((_holiday(g["holiday"], y) for y in (year - 1, year, year + 1)),
                          key=lambda d: abs((d - ref).days) if d else 1 << 30)
            day = closest if tense != "past" or closest is None or closest - lead <= ref else \
                _holiday(g["holiday"], year - 1)
        if day is None:
            return None
        if suffix == "week":
            y, w, _ = day.isocalendar()
            return "DATE", f"{y}-W{w:02d}"
        if suffix == "eve":
            day -= timedelta(days=1)
        return "DATE", day.isoformat()
    if k == "month_day_year":
        return "DATE", f"{int(g['year']):04d}-{_month_of(g['month']):02d}-{int(g['day']):02d}"
    if k == "iso":
        return "DATE", f"{g['year']}-{g['mnum']}-{g['day']}"
    if k == "month_day":
        month, day = _month_of(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        return "DATE", f"{_resolve_month_day(month, day, ref, tense):04d}-{month:02d}-{day:02d}"
    if k == "month_year":
        return "DATE", f"{_year_of(g['year']):04d}-{_month_of(g['month']):02d}"
    if k == "month":
        month = _month_of(g["month"])
        return "DATE", f"{_resolve_month_day(month, None, ref, tense):04d}-{month:02d}"
    if k in {"weekday", "weekday_part"}:
        before = text[max(0, f.start - 12):f.start].lower().split()
        rel = before[-1] if before and before[-1] in {"last", "next", "this", "coming"} else None
        day = _weekday(WEEKDAYS[g["weekday"].lower()], ref, tense, rel)
        if k == "weekday_part":
            return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[g['part'].lower()]}"
        return "DATE", day.isoformat()
    if k == "year":
        return "DATE", g["year"]
    if k == "century":
        nth = int(g["nth"])
        return ("DATE", f"{nth - 1:02d}") if 1 <= nth <= 21 else None
    if k == "decade":
        if g.get("spelled"):
            return "DATE", f"19{SPELLED[g['spelled'].lower().replace('ies', 'y')] // 10}"
        if g.get("decade"):
            return "DATE", g["decade"][:3]
        return "DATE", "19" + g["short"]
    if k == "deictic":
        word = g["word"].lower()
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        day = (ref + timedelta(days=offset)).isoformat()
        return ("TIME", f"{day}TNI") if word == "tonight" else ("DATE", day)
    if k == "part_deictic":
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[(g.get("word") or "today").lower()]
        part = PARTS_OF_DAY[(g.get("part") or g["mid"]).lower()]  # "at mid afternoon": of the day of publication
        return "TIME", f"{(ref + timedelta(days=offset)).isoformat()}T{part}"
    if k == "week_of":
        month, number = _month_of(g["month"]), int(g["day"])
        if not 1 <= number <= 31:
            return None
        y, w, _ = date(_resolve_month_day(month, number, ref, tense), month, number).isocalendar()
        return "DATE", f"{y}-W{w:02d}"
    if k == "part_of_day":
        first = text[f.start:f.end].split()[0].lower()
        offset = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[first]  # "last night": the one before
        part = PARTS_OF_DAY[(g.get("part") or "night").lower()]
        return "TIME", f"{(ref + timedelta(days=offset)).isoformat()}T{part}"
    if k == "ago":
        n = _num(g["num"])
        unit = g["unit"].lower()
        if n == "X":
            return "DATE", "PAST_REF"
        assert isinstance(n, int)
        if unit == "day":
            return "DATE", (ref - timedelta(days=n)).isoformat()
        if unit == "week":
            y, w, _ = (ref - timedelta(weeks=n)).isocalendar()
            return "DATE", f"{y}-W{w:02d}"
        if unit == "month":
            y, m = _shift_month(ref.year, ref.month, -n)
            return "DATE", f"{y:04d}-{m:02d}"
        if unit == "year":
            return "DATE", f"{ref.year - n:04d}"
        if unit == "decade":
            return "DATE", f"{ref.year - 10 * n:04d}"
        return "DATE", "PAST_REF"
    if k == "relative_unit":
        rel = g["rel"].lower()
        if rel == "past" and g["unit"].lower() in {"decade", "century"}:  # "over the past decade": ten years to now
            return "DURATION", "P10Y" if g["unit"].lower() == "decade" else "P100Y"
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
        unit = g["unit"].lower()
        if unit == "day":
            return "DATE", (ref + timedelta(days=step)).isoformat()
        if unit == "week":
            y, w, _ = (ref + timedelta(weeks=step)).isocalendar()
            return "DATE", f"{y}-W{w:02d}"
        if unit == "weekend":
            y, w, _ = (ref + timedelta(weeks=step)).isocalendar()
            return "DATE", f"{y}-W{w:02d}-WE"
        if unit == "month":
            y, m = _shift_month(ref.year, ref.month, step)
            return "DATE", f"{y:04d}-{m:02d}"
        if unit == "year":
            return "DATE", f"{ref.year + step:04d}"
        if unit == "quarter":
            q = (ref.month - 1) // 3 + step
            y = ref.year + q // 4
            return "DATE", f"{y:04d}-Q{q % 4 + 1}"
        if unit == "decade":
            return "DATE", f"{(ref.year // 10 + step):03d}"
        return "DATE", f"{(ref.year // 100 + step):02d}"
    if k == "season":
        rel = (g.get("rel") or "").lower()
        year = _year_of(g["year"]) if g.get("year") else ref.year + {"last": -1, "next": 1}.get(rel, 0)
        return "DATE", f"{year:04d}-{SEASONS[g['season'].lower()]}"
    if k == "duration":
        n = _num(g["num"])
        unit = UNITS[g["unit"].lower()]
        if (g.get("half") or g.get("and_half")) and isinstance(n, int):
            return _and_a_half(n, g["unit"].lower())
        if unit == "DE" and isinstance(n, int):
            return "DURATION", f"P{n * 10}Y"
        if unit in {"H", "M", "S"} and g["unit"].lower() in {"hour", "minute", "second"}:
            return "DURATION", f"PT{n}{unit}"
        return "DURATION", f"P{n}{unit}"
    if k == "set":
        if g.get("adverb"):
            unit = {"daily": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y", "hourly": "H"}[
                g["adverb"].lower()]
        else:
            unit = UNITS[g["unit"].lower()]
        return "SET", f"PT1{unit}" if unit == "H" else f"P1{unit}"
    if k == "noon":  # "at midday": on the day of publication unless a past clause names another (see _anchor)
        return "TIME", f"{ref.isoformat()}T12:00"
    if k == "time":
        later = (g.get("ampm") or "").lower().startswith("p") or (g.get("part_of") or "").lower() != "morning" \
            and g.get("part_of") is not None
        hour = int(g["hour"]) % 12 + (12 if later else 0)  # "4 in the morning", "3 p.m."
        minute = int(g["minute"] or 0)
        if hour > 23:
            return None
        day = ref
        weekday = LATER_WEEKDAY.match(text, f.end)  # "at 10:35 a.m. (0735 GMT) Friday"
        if weekday:
            day = _weekday(WEEKDAYS[weekday.group("weekday").lower()], ref, tense)
        return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    if k == "ref":
        word = g["ref"].lower()
        if word.startswith("then"):
            return "DATE", "PAST_REF"  # "the then current price"
        if word in {"now", "currently", "nowadays", "these days", "current"}:
            return "DATE", "PRESENT_REF"
        if word.endswith(("future", "term")) or word == "soon":
            return "DATE", "FUTURE_REF"
        return "DATE", "PAST_REF"
    if k == "recent_unit":
        unit = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "quarters": "Q", "decades": "DE"}[
            g["unit"].lower()]
        return "DURATION", f"PX{unit}"  # "in recent years", "in coming months": spans of unknown length
    return None


SECOND_DAY = re.compile(r" and (\d{1,2})\b(?!\.\d|[\d,%]| ?(?:percent|million|billion|people|of)\b)")
LATER_WEEKDAY = re.compile(r"(?: [A-Z]{3})? \([^()\n]{1,24}\),? (?:on )?" + _WEEKDAY + r"\b")
HALVES = {"year": "P{n}Y6M", "month": "P{n}M15D", "day": "P{n}DT12H", "hour": "PT{n}H30M", "minute": "PT{n}M30S"}


def _and_a_half(n: int, unit: str) -> tuple[str, str] | None:
    """A duration of n and a half units, in the next smaller unit: "2 1/2 years" is P2Y6M."""
    if unit == "decade":
        return "DURATION", f"P{n * 10 + 5}Y"
    form = HALVES.get(unit)
    return ("DURATION", form.format(n=n)) if form else None


def _normalize_more(f: Found, text: str, ref: date, tense: str) -> tuple[str, str] | None:
    """Values for the expressions whose reading depends on the unit named: years spelled out, durations written as
    adjectives ("a two-year term") or bare plurals ("for weeks"), and dates counted from another ("a year
    earlier", "the quarter")."""
    g = f.groups
    k = f.kind
    if k == "spelled_year":
        return "DATE", f"{_year_of(g['century'] + ' ' + (g.get('rest') or '')):04d}"
    if k == "adj_duration":
        if g.get("long"):  # "a day-long meeting"
            word = g["long"].lower()
            return "DURATION", f"PT1{UNITS[word]}" if word == "hour" else f"P1{UNITS[word]}"
        unit = UNITS[g["unit"].lower()]
        n = _num(g["num"]) if g["num"].lower() != "several" else "X"
        return "DURATION", f"PT{n}{unit}" if g["unit"].lower() in {"hour", "minute", "second"} else f"P{n}{unit}"
    if k == "bare_unit":
        word = g["unit"].lower()
        unit = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE", "hours": "H",
                "minutes": "M", "centuries": "CE"}[word]
        return "DURATION", f"PTX{unit}" if word in {"hours", "minutes"} else f"PX{unit}"
    if k == "the_unit":
        unit = g["unit"].lower()
        if re.match(r"\s+(?:ended|ending)\b", text[f.end:f.end + 10]):
            return "DURATION", f"P1{UNITS[unit]}"  # "the year ended June 30": a span of a year, not a calendar year
        if unit == "year":
            return "DATE", f"{ref.year:04d}"
        if unit == "month":
            return "DATE", f"{ref.year:04d}-{ref.month:02d}"
        if unit == "day":
            return "DATE", ref.isoformat()
        day = ref
        if unit == "weekend" and tense != "future" and ref.weekday() < 4:
            day = ref - timedelta(days=7)  # early in the week, "the weekend" is the one just past
        y, w, _ = day.isocalendar()
        return "DATE", f"{y}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
    if k == "year_quarter":  # "the 1988 quarter": that year's quarter of the one being reported (see _anchor)
        return "DATE", g["year"]
    if k == "anaphoric_quarter":
        if g["unit"].lower() == "period" and "quarter" not in text.lower():
            return None
        phrase = text[f.start:f.end].lower()
        if "current" in phrase:
            return "DATE", f"{ref.year:04d}-Q{(ref.month - 1) // 3 + 1}"
        closing = ENDED.match(text, f.end)
        if closing and g["unit"].lower() == "quarter" and 1 <= int(closing.group("day")) <= 31:
            # "the quarter ended July 31": the calendar quarter holding most of the three months before that day
            month, day = _month_of(closing.group("month")), int(closing.group("day"))
            year = _resolve_month_day(month, day, ref, "past")
            middle = date(year, month, min(day, 28)) - timedelta(days=45)
            shift = 1 if ("year-ago" in phrase or "year-earlier" in phrase) else 0
            return "DATE", f"{middle.year - shift:04d}-Q{(middle.month - 1) // 3 + 1}"
        quarter = (ref.month - 1) // 3  # the last full quarter before the publication date
        year, number = (ref.year, quarter) if quarter else (ref.year - 1, 4)
        if "year-ago" in phrase or "year-earlier" in phrase:
            year -= 1
        return "DATE", f"{year:04d}-Q{number}"
    if k == "earlier_unit":
        unit = (g.get("unit") or g.get("adj") or "").lower()
        n = _num(g.get("num")) if g.get("num") else 1
        if not isinstance(n, int):
            return None
        sign = 1 if (g.get("dir") or "").lower() in {"later", "after"} else -1
        if unit == "year":
            return "DATE", f"{ref.year + sign * n:04d}"
        if unit == "month":
            y, m = _shift_month(ref.year, ref.month, sign * n)
            return "DATE", f"{y:04d}-{m:02d}"
        if unit == "quarter":
            index = ref.year * 4 + (ref.month - 1) // 3 + sign * n
            return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}"
        if unit == "week":
            y, w, _ = (ref + timedelta(weeks=sign * n)).isocalendar()
            return "DATE", f"{y}-W{w:02d}"
        return "DATE", (ref + timedelta(days=sign * n)).isoformat()
    return None


def _year_of(words: str) -> int:
    """A year written in digits or spelled out: "1994", "nineteen ninety-four", "two thousand one"."""
    if words.isdigit():
        return int(words)
    low = words.lower()
    century = 2000 if low.startswith("two thousand") else 1900
    return century + _spelled_number(low.removeprefix("two thousand").removeprefix("nineteen"))


def _spelled_number(words: str) -> int:
    """ "ninety-six" → 96."""
    return sum(SPELLED.get(part, 0) for part in words.lower().replace("-", " ").split())


QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")
ENDED = re.compile(r",?\s+(?:ended|ending)\s+" + _MONTH + r" (?P<day>\d{1,2})\b")
DATED = re.compile(r"^\d{4}(?:$|-\d{2}|-Q|-H|-[A-Z]{2}$)")  # a year, or a month, day, quarter, half or season in one
MONTH_DATED = re.compile(r"^\d{4}-\d{2}(?:$|-\d{2})")
COMPARED = re.compile(r"(?:\b(?:compared with|from|versus|against)\b[^.;]*|\bperiod )$", re.IGNORECASE)
YEAR_NAMED = re.compile(r"^the \d{4} ", re.IGNORECASE)  # "the 1988 quarter" is a year-ago one, not the one reported


def _anchor(f: Found, text: str, normal: tuple[str, str], earlier: list[Timex], tense: str = "present"
            ) -> tuple[str, str]:
    """Re-anchor an expression that counts from another date the article gave, not from the publication date:
    "a year earlier" after "the third quarter" is that quarter a year before; "the following year" after "1995"
    is 1996; "the next day" after "June 16" is June 17."""
    return _anchor_to_quarter(f, text, normal, earlier) or _anchor_to_named(f, text, normal, earlier, tense) or normal


def _quarter_back(quarter: str, years: int) -> str:
    """ "1989-Q3" a number of years before."""
    year, number = quarter.split("-Q")
    return f"{int(year) - years:04d}-Q{number}"


def _years_named(earlier: list[Timex]) -> list[int]:
    """The year of each date named so far: "1995", "May 22, 1995", "March 1995", "the third quarter of 1984"."""
    return [int(t.value[:4]) for t in earlier if t.type == "DATE" and DATED.match(t.value)]


def _anchor_to_quarter(f: Found, text: str, normal: tuple[str, str], earlier: list[Timex]
                       ) -> tuple[str, str] | None:
    """In an earnings story, the quarter being reported anchors the rest: "the quarter", "the 1988 quarter", "a year
    earlier", "last year" in a comparison."""
    kind, value = normal
    words = text[f.left:f.end].lower()
    quarters = [t.value for t in earlier if QUARTER.match(t.value) and not YEAR_NAMED.match(t.text)
                and not any(w in t.text.lower() for w in ("ago", "earlier", "before", "prior", "last year"))]
    if f.kind == "anaphoric_quarter" and "current" not in words:
        if any(w in words for w in ("latest", "most recent")):  # a quarter already over: not "the fourth quarter"
            quarters = [q for q in quarters if q <= value]  # that the article expects
        if quarters and f.groups.get("unit", "").lower() == "quarter":
            return kind, _quarter_back(quarters[-1], 1 if ("year-ago" in words or "year-earlier" in words) else 0)
    if not quarters:
        return None
    if f.kind == "year_quarter":
        return kind, f"{f.groups['year']}-Q{quarters[-1][-1]}"
    if f.kind == "relative_unit" and words.endswith("last year") and (
            COMPARED.search(text[max(0, f.start - 60):f.start]) or re.match(r"'s (?:quarter|period)", text[f.end:])):
        return kind, _quarter_back(quarters[-1], 1)  # "up from $3 million last year", after a quarter's results
    if f.kind in {"earlier_unit", "ago"} and "year" in words and (f.groups.get("dir") or "").lower() != "later":
        sentence = max(text.rfind(". ", 0, f.start), text.rfind("\n", 0, f.start))
        if any(t.start > sentence and t.type == "DURATION" and "month" in t.text.lower() for t in earlier):
            return None  # "a year earlier" after "the first nine months" is the year
        n = _num(f.groups.get("num")) if f.groups.get("num") else 1
        if isinstance(n, int):
            return kind, _quarter_back(quarters[-1], n)
    return None


def _anchor_to_named(f: Found, text: str, normal: tuple[str, str], earlier: list[Timex], tense: str
                     ) -> tuple[str, str] | None:
    """A day, month or year counted from the last one the article named: "the next day", "the following month",
    "later that year", "the year before", "the previous Friday", "Oct. 12, the day before …", "at 10 p.m." in a past
    clause."""
    kind, value = normal
    words = text[f.left:f.end].lower()
    days = [t.value[:10] for t in earlier if t.type in {"DATE", "TIME"} and FULL_DATE.match(t.value[:10])]
    if f.kind == "the_unit" and words.startswith("the day") and earlier and \
            text[earlier[-1].end:f.start] == ", " and FULL_DATE.match(earlier[-1].value):
        return kind, earlier[-1].value  # "after Oct. 12, the day before the plunge": the day just named
    if f.kind in {"time", "noon"} and tense == "past" and not LATER_WEEKDAY.match(text, f.end):
        recent = [t.value[:10] for t in earlier if FULL_DATE.match(t.value[:10]) and t.type in {"DATE", "TIME"}
                  and f.start - t.end < 300]
        if recent:  # "He was shot on Oct. 23 … at 10 p.m.": the clock time is on the day the story last named
            return kind, recent[-1] + value[10:]
    around = re.match(r" (before|after)\b(?! [\w$])", text[f.end:f.end + 12])
    if f.kind == "the_unit" and words == "the year" and around and _years_named(earlier):
        return kind, f"{_years_named(earlier)[-1] + (1 if around.group(1) == 'after' else -1):04d}"  # "the year before"
    if f.kind == "the_unit" and text[f.start:f.end].lower().startswith("that ") and kind == "DATE":
        unit = f.groups["unit"].lower()  # "that year", "that day": the one the article last named
        if unit == "year" and _years_named(earlier):
            return kind, f"{_years_named(earlier)[-1]:04d}"
        named_days = [t.value for t in earlier if FULL_DATE.match(t.value)]
        if unit == "day" and named_days:
            return kind, named_days[-1]
    lead = re.match(r"the (previous|following) ", words)
    if f.kind == "weekday" and lead and days:  # "down from the previous Friday": the Friday before the day named
        target = WEEKDAYS[f.groups["weekday"].lower()]
        step = -1 if lead.group(1) == "previous" else 1
        day = date.fromisoformat(days[-1]) + timedelta(days=step)
        while day.weekday() != target:
            day += timedelta(days=step)
        return kind, day.isoformat()
    rel = (f.groups.get("rel") or "").lower()
    if f.kind == "relative_unit" and rel in {"following", "previous", "next"} and words.startswith("the"):
        unit = f.groups["unit"].lower()
        step = -1 if rel == "previous" else 1
        if unit == "year" and _years_named(earlier):
            return kind, f"{_years_named(earlier)[-1] + step:04d}"
        months = [t.value[:7] for t in earlier if t.type == "DATE" and MONTH_DATED.match(t.value)]
        if unit == "month" and months:
            y, m = _shift_month(int(months[-1][:4]), int(months[-1][5:]), step)
            return kind, f"{y:04d}-{m:02d}"
        if unit == "day" and days:
            return kind, (date.fromisoformat(days[-1]) + timedelta(days=step)).isoformat()
    return None


def date_of(doc: Doc, times: list[Timex], verb: Token, *, skip: Callable[[int], bool] | None = None) -> str | None:
    """The value of the first date or time expression the verb governs ("met on June 16", "on Monday said").

    `times` are in text order; only those in the verb's sentence are looked at (a parse never links two sentences).
    `skip(offset)` leaves out expressions that start at offsets it accepts (what a speaker said, say).
    """
    sentence = verb.sent
    first = bisect_left(times, sentence.start_char, key=lambda t: t.start)
    for t in times[first:bisect_left(times, sentence.end_char, key=lambda t: t.start)]:
        if t.type not in {"DATE", "TIME"} or (skip is not None and skip(t.start)):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        for _ in range(3):
            if node.head.i == verb.i and node.i != verb.i:
                return t.value
            if node.head.i == node.i:
                break
            node = node.head
    return None


GENERIC_NOUNS = {"world", "youth", "society", "generation", "economy", "culture", "standard"}


def _generic(doc: Doc, f: Found) -> bool:
    """ "today's youth", "today's computers", "the people of tomorrow": the present or the future in general, not
    a day."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return False
    word = span[0]
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.pos_ == "NOUN":
        return True
    if not text_of(doc).startswith("'s", f.end):
        return False
    return word.head.tag_ == "NNS" or word.head.lemma_.lower() in GENERIC_NOUNS


def _someday(doc: Doc, f: Found) -> bool:
    """Whether "one day" stands for an unnamed day ("he hopes to one day fly"), not for a day's length."""
    if text_of(doc)[f.start:f.end].lower() not in {"one day", "some day"}:
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return False
    if span.start > 0 and (doc[span.start - 1].tag_ == "MD" or doc[span.start - 1].lower_ == "to"):
        return True  # "will one day be", "to one day fly"
    root = span.root
    return root.dep_ in {"npadvmod", "advmod"} and root.head.pos_ in {"VERB", "AUX"} and root.head.i > root.i


ANCHORS = 60
"""How many of the expressions before it one may count from ("the next day", "a year earlier"): the recent ones,
so that an article with thousands of dates costs no more per date than one with a few."""


def times(doc: Doc, published: date) -> list[Timex]:
    """Every time expression in the Doc, normalized against `published`.

    Args:
        doc: a parsed article (the parse gives each expression its tense).
        published: the article's publication date, the anchor of relative expressions.
    Returns:
        `Timex` records in text order.
    """
    out: list[Timex] = []
    text = text_of(doc)
    for f in _find(text):
        on_time(doc)
        tense = tense_at(doc, f.start, f.end)
        if f.kind == "ref" and text[f.start:f.end].lower() == "soon" and tense == "past":
            continue  # "he was soon released": soon after the story's moment, nothing about publication
        normal = _normalize(f, text, published, tense)
        if normal is None:
            continue
        if f.kind == "deictic" and _generic(doc, f):
            continue
        if f.kind == "duration" and _someday(doc, f):  # "Islam will one day be …": some time, not a day long
            normal = ("DATE", "PAST_REF" if tense == "past" else "FUTURE_REF")
        kind, value = _anchor(f, text, normal, out[-ANCHORS:], tense)
        start = f.left
        out.append(Timex(text=text[start:f.end], start=start, end=f.end, type=kind, value=value))
    return _days_around(out, text)


def _days_around(found: list[Timex], text: str) -> list[Timex]:
    """ "the day before last Tuesday's hearing": one expression (as TimeML has "the day before yesterday"), a day
    counted from the date named right after "before" or "after"."""
    out: list[Timex] = []
    for t in found:
        last = out[-1] if out else None
        between = re.fullmatch(r" (before|after) (?:\w+ )?", text[last.end:t.start]) if last else None
        if last is not None and between and last.text.lower() == "the day" and FULL_DATE.match(t.value[:10]):
            step = timedelta(days=-1 if between.group(1) == "before" else 1)
            day = (date.fromisoformat(t.value[:10]) + step).isoformat()
            out[-1] = Timex(text=text[last.start:t.end], start=last.start, end=t.end, type=last.type, value=day)
            continue
        out.append(t)
    return out
