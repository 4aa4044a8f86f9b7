"""How each kind of time expression is valued: one function per kind, from what its pattern matched to a TIMEX3
type and value, against the publication date (`ref`) and the tense of the clause it sits in.

Each takes `(found, text, ref, tense)` and returns `(type, value)`, or None where the match is no time after all.
`rules.py` says which kind uses which.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.extract.times.calendar import (
    WEEKDAY_CODES,
    holiday,
    iso_week,
    nth_weekday,
    season_year,
    shift_month,
    weekday_near,
    year_of_month,
)
from dateline.extract.times.found import Found
from dateline.extract.times.words import (
    MONTH,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SPELLED,
    UNITS,
    WEEKDAY,
    WEEKDAY_WORD,
    WEEKDAYS,
    count,
    month_of,
    year_of,
)

Value = tuple[str, str] | None

LATER_WEEKDAY = re.compile(r"(?: [A-Z]{3})? \([^()\n]{1,24}\),? (?:on )?" + WEEKDAY + r"\b|"
                           r" \((?P<again>\d{1,2})(?::\d{2})? ?[ap]\.m\.(?: [A-Z]{3})? " + WEEKDAY.replace(
                               "?P<weekday>", "?P<weekday_again>") + r"\)")
"""A weekday written after a clock time and its time zone, "at 10:35 a.m. (0735 GMT) Friday", or in brackets
after it at the same hour, "at 4 in the morning (4 a.m. EDT Thursday)"."""


def weekday_after(text: str, end: int, hour: int) -> str | None:
    """The weekday `LATER_WEEKDAY` finds after a clock time that ends at `end` and is at `hour`, if any."""
    named = LATER_WEEKDAY.match(text, end)
    if named is None or named.group("again") and int(named.group("again")) % 12 != hour % 12:
        return None
    return named.group("weekday") or named.group("weekday_again")
ENDED = re.compile(r",?\s+(?:ended|ending)\s+" + MONTH + r" (?P<day>\d{1,2})\b")
CONTRACT = re.compile(r" (?:contracts?|delivery|deliveries|futures|options|crude|oil|gasoline|heating oil|natural gas|"
                      r"wheat|corn|soybeans?|cotton|sugar|coffee|cocoa|copper|gold|silver|platinum|cattle|hogs|"
                      r"Brent|WTI|T-bonds?|Treasury)\b")
"""What follows a contract month in commodity and market news."""
HALVES = {"year": "P{n}Y6M", "month": "P{n}M15D", "day": "P{n}DT12H", "hour": "PT{n}H30M", "minute": "PT{n}M30S"}


def clock_weekday(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "3 p.m. Monday", "noon on June 16", "6:30 a.m. on March 19, 2002", "midnight Friday"."""
    g = f.groups
    if g.get("weekday"):
        day = weekday_near(WEEKDAYS[g["weekday"].lower()], ref, tense)
    else:
        month, number = month_of(g["month"]), int(g["day"])
        year = int(g["year"]) if g.get("year") else year_of_month(month, number, ref, tense)
        day = date(year, month, number)
    clock = (g.get("clock") or "").lower()
    if clock in {"noon", "midnight"}:  # "midnight Friday" ends Friday: ISO 8601's 24:00, as TimeBank writes it
        hour, minute = (12 if clock == "noon" else 24), 0
    else:
        hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        minute = int(g["minute"] or 0)
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def nth_weekday_of_month(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the last Friday in August", "the first Monday of March 2002": that day of that month."""
    g = f.groups
    number = month_of(g["month"])
    year = year_of(g["year"]) if g.get("year") else year_of_month(number, None, ref, tense)
    word = (g["ord"] or "").lower()
    n = -1 if word == "last" else ORDINALS[word]
    code = list(WEEKDAY_CODES)[WEEKDAYS[(g["weekday"] or "").lower()]]  # the codes run Monday first, as WEEKDAYS
    return "DATE", nth_weekday(year, number, code, n).isoformat()


def weekday_month_day(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "Monday, June 21", "Monday, June 21, 2021"."""
    g = f.groups
    month, day = month_of(g["month"]), int(g["day"])
    year = int(g["year"]) if g.get("year") else year_of_month(month, day, ref, tense)
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def month_rel_year(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "June last year", "March of next year", "June 16th of last year"."""
    g = f.groups
    step = {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    month = f"{ref.year + step:04d}-{month_of(g['month']):02d}"
    if not g.get("day"):
        return "DATE", month
    day = int(g["day"] or 0)
    return ("DATE", f"{month}-{day:02d}") if 1 <= day <= 31 else None


def rel_month(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "last February", "next May", "this June" ("that November" is this year's until `anchor` finds the year
    the story means)."""
    g = f.groups
    rel, month = g["rel"].lower(), month_of(g["month"])
    year = ref.year  # "this May"
    if rel == "last":  # the latest May before last month ("last February" in March is a year back: last
        year = ref.year if month < ref.month - 1 else ref.year - 1  # month would have been "last month")
    elif rel in {"next", "coming"}:  # the first May after this month
        year = ref.year if month > ref.month else ref.year + 1
    return "DATE", f"{year:04d}-{month:02d}"


def set_weekday(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "each Thursday", "on Mondays", "Tuesday nights"."""
    g = f.groups
    part = f"T{PARTS_OF_DAY[g['part'].lower()]}" if g.get("part") else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()] + 1}{part}"


def set_month(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "every March"."""
    return "SET", f"XXXX-{month_of(f.groups['month']):02d}"


def quarter_adj(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the third quarter", "first-half", "1989's fourth quarter", "the year-earlier third quarter"."""
    g = f.groups
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


def holiday_date(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "Thanksgiving", "Christmas Eve", "Easter week", "last Labor Day"."""
    g = f.groups
    rel = (g.get("rel") or "").lower()
    year = ref.year + {"last": -1, "next": 1}.get(rel, 0)
    day = holiday(g["holiday"], year)
    suffix = (g.get("suffix") or "").lower()
    lead = timedelta(days=6 if suffix == "week" else 0)  # "Easter week" has begun six days before Easter
    if not rel and day is not None:
        closest = min((holiday(g["holiday"], y) for y in (year - 1, year, year + 1)),
                      key=lambda d: abs((d - ref).days) if d else 1 << 30)
        day = closest if tense != "past" or closest is None or closest - lead <= ref else \
            holiday(g["holiday"], year - 1)
        if tense == "future" and day is not None and day < ref:  # "will have changed by Election Day"
            day = holiday(g["holiday"], day.year + 1)
    if day is None:
        return None
    if suffix == "week":
        return "DATE", iso_week(day)
    if suffix == "eve":
        day -= timedelta(days=1)
    return "DATE", day.isoformat()


def month_days(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "May 3-4", "June 7 to 9, 2021": a run of days, one expression, valued as its first day."""
    g = f.groups
    number, first, last = month_of(g["month"] or ""), int(g["day"] or 0), int(g["last"] or 0)
    if not 1 <= first < last <= 31:
        return None
    year_ = int(g["year"]) if g.get("year") else year_of_month(number, first, ref, tense)
    return "DATE", f"{year_:04d}-{number:02d}-{first:02d}"


def month_day_year(f: Found, text: str, ref: date, tense: str) -> Value:
    g = f.groups
    return "DATE", f"{int(g['year']):04d}-{month_of(g['month']):02d}-{int(g['day']):02d}"


def iso(f: Found, text: str, ref: date, tense: str) -> Value:
    g = f.groups
    return "DATE", f"{g['year']}-{g['mnum']}-{g['day']}"


def month_day(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "June 16": in the year the tense points to."""
    g = f.groups
    month, day = month_of(g["month"]), int(g["day"])
    if not 1 <= day <= 31:
        return None
    return "DATE", f"{year_of_month(month, day, ref, tense):04d}-{month:02d}-{day:02d}"


def month_year(f: Found, text: str, ref: date, tense: str) -> Value:
    return "DATE", f"{year_of(f.groups['year'] or ''):04d}-{month_of(f.groups['month'] or ''):02d}"


def month(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "in February": the nearest February the tense allows. A contract or delivery month in market news ("March
    crude", "the December contract", "for May delivery") lies ahead, whatever the tense."""
    number = month_of(f.groups["month"] or "")
    if CONTRACT.match(text, f.end):  # this month's contract or a later one; an earlier month's is next year's
        return "DATE", f"{ref.year + (1 if number < ref.month else 0):04d}-{number:02d}"
    return "DATE", f"{year_of_month(number, None, ref, tense):04d}-{number:02d}"


def weekday(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "on Monday", "last Wednesday", "Tuesday night"."""
    g = f.groups
    before = text[max(0, f.start - 12):f.start].lower().split()
    rel = before[-1] if before and before[-1] in {"last", "next", "this", "coming"} else None
    day = weekday_near(WEEKDAYS[g["weekday"].lower()], ref, tense, rel)
    if f.kind == "weekday_part":
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[g['part'].lower()]}"
    return "DATE", day.isoformat()


def year(f: Found, text: str, ref: date, tense: str) -> Value:
    return "DATE", f.groups["year"] or ""


def century(f: Found, text: str, ref: date, tense: str) -> Value:
    nth = int(f.groups["nth"] or 0)
    return ("DATE", f"{nth - 1:02d}") if 1 <= nth <= 21 else None


def decade(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the 1990s", "the '80s", "the sixties"."""
    g = f.groups
    if g.get("spelled"):
        return "DATE", f"19{SPELLED[g['spelled'].lower().replace('ies', 'y')] // 10}"
    if g.get("decade"):
        return "DATE", g["decade"][:3]
    return "DATE", "19" + (g["short"] or "")


def deictic(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "today", "yesterday", "tomorrow", "tonight"."""
    word = (f.groups["word"] or "").lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    day = (ref + timedelta(days=offset)).isoformat()
    return ("TIME", f"{day}TNI") if word == "tonight" else ("DATE", day)


COPULA = (r"(?:['’]s| is| was| will be| has been| had been| would be| could be| may be| might be)(?: (?:also|truly|"
          r"really|probably|certainly|indeed|just|still|clearly|perhaps))? [\"“]?")
DAY_SUBJECT = re.compile(r"\b(?:it|this|that|today|tonight|yesterday|tomorrow|" + WEEKDAY_WORD + r")" + COPULA + r"$",
                         re.IGNORECASE)
"""A clause that says which day a day is: "it was …", "today is …", "Tuesday will be …"."""
DAY_SUBJECT_A = re.compile(DAY_SUBJECT.pattern[:-1] + r"(?:a|an|the) (?:[\w-]+ ){0,2}$", re.IGNORECASE)
"""The same, with the day's determiner and adjectives, which TimeML leaves outside: "it was a great [day]"."""


def day_said_of(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "it was a great day for Poland", "today is the eighth day of the blockade", "this is a big night for us": the
    day the clause is about. Now, the day of publication; in the past, a past day (the one the story last named,
    or the one its subject names: see `anchor.the_day_talked_about`); ahead, a day to come."""
    night = (f.groups["unit"] or "").lower() == "night"
    if tense in {"past", "future"}:
        return "DATE", "PAST_REF" if tense == "past" else "FUTURE_REF"
    return ("TIME", f"{ref.isoformat()}TNI") if night else ("DATE", ref.isoformat())


def part_deictic(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "yesterday morning", "at mid afternoon"."""
    g = f.groups
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[(g.get("word") or "today").lower()]
    part = PARTS_OF_DAY[(g.get("part") or g["mid"] or "").lower()]  # "at mid afternoon": the day of publication
    return "TIME", f"{(ref + timedelta(days=offset)).isoformat()}T{part}"


def week_of(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the week of June 14"."""
    g = f.groups
    number, day = month_of(g["month"] or ""), int(g["day"] or 0)
    if not 1 <= day <= 31:
        return None
    return "DATE", iso_week(date(year_of_month(number, day, ref, tense), number, day))


def part_of_day(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "this morning", "last night"."""
    first = text[f.start:f.end].split()[0].lower()
    offset = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[first]  # "last night": the one before
    part = PARTS_OF_DAY[(f.groups.get("part") or "night").lower()]
    return "TIME", f"{(ref + timedelta(days=offset)).isoformat()}T{part}"


def the_part(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "in the morning", "during the night", "that evening", "the next morning": a part of the day the story is
    on (the publication date, or the day it last named: see `anchor`), or of the day after or before it."""
    g = f.groups
    part = PARTS_OF_DAY[(g.get("part") or "").lower()]
    step = {"next": 1, "following": 1, "previous": -1}.get((g.get("rel") or "").lower(), 0)
    return "TIME", f"{(ref + timedelta(days=step)).isoformat()}T{part}"


def a_while(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "for a while": a span of unknown length; "a while ago": some time before."""
    return ("DATE", "PAST_REF") if f.groups.get("ago") else ("DURATION", "PXX")


def ago(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "two years ago", "a few weeks ago", "a year from now"."""
    n = count(f.groups["num"])
    unit = (f.groups["unit"] or "").lower()
    ahead = (f.groups.get("dir") or "ago").lower() != "ago"
    vague = "FUTURE_REF" if ahead else "PAST_REF"
    if n == "X" or not isinstance(n, int) or f.groups.get("num2"):  # "a few weeks ago", "two or three months
        return "DATE", vague  # from now"
    n = n if ahead else -n
    if unit == "day":
        return "DATE", (ref + timedelta(days=n)).isoformat()
    if unit == "week":
        return "DATE", iso_week(ref + timedelta(weeks=n))
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, n)
        return "DATE", f"{y:04d}-{m:02d}"
    if unit == "year":
        return "DATE", f"{ref.year + n:04d}"
    if unit == "decade":
        return "DATE", f"{ref.year + 10 * n:04d}"
    return "DATE", vague


def relative_unit(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "last week", "next month", "this year", "the past decade"."""
    g = f.groups
    rel = (g["rel"] or "").lower()
    unit = (g["unit"] or "").lower()
    if rel == "past" and unit in {"decade", "century"}:  # "over the past decade": ten years to now
        return "DURATION", "P10Y" if unit == "decade" else "P100Y"
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit == "day":
        return "DATE", (ref + timedelta(days=step)).isoformat()
    if unit == "week":
        return "DATE", iso_week(ref + timedelta(weeks=step))
    if unit == "weekend":
        return "DATE", iso_week(ref + timedelta(weeks=step)) + "-WE"
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, step)
        return "DATE", f"{y:04d}-{m:02d}"
    if unit == "year":
        return "DATE", f"{ref.year + step:04d}"
    if unit == "quarter":
        q = (ref.month - 1) // 3 + step
        return "DATE", f"{ref.year + q // 4:04d}-Q{q % 4 + 1}"
    if unit == "decade":
        return "DATE", f"{(ref.year // 10 + step):03d}"
    return "DATE", f"{(ref.year // 100 + step):02d}"


def season(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "last summer", "the fall of 1987"."""
    g = f.groups
    rel = (g.get("rel") or "").lower()
    code = SEASONS[(g["season"] or "").lower()]
    number = year_of(g["year"]) if g.get("year") else season_year(code, rel, ref, tense)
    return "DATE", f"{number:04d}-{code}"


def _and_a_half(n: int, unit: str) -> Value:
    """A duration of n and a half units, in the next smaller unit: "2 1/2 years" is P2Y6M."""
    if unit == "decade":
        return "DURATION", f"P{n * 10 + 5}Y"
    form = HALVES.get(unit)
    return ("DURATION", form.format(n=n)) if form else None


def duration(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "six months", "the past two years", "2 1/2 hours", "several weeks"."""
    g = f.groups
    n = count(g["num"])
    word = (g["unit"] or "").lower()
    if g.get("num2"):  # "two to three weeks", "the next 12 to 18 months": a length not one number (X)
        high = count(g["num2"])
        if not isinstance(n, int) or not isinstance(high, int) or n >= high:
            return None
        return "DURATION", span_of("X", word)
    if (g.get("half") or g.get("and_half")) and isinstance(n, int):
        return _and_a_half(n, word)
    return "DURATION", span_of(n, word)


def set_(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "every week", "every three months", "every other week", "daily"."""
    g = f.groups
    word = ADVERB_UNITS[(g["adverb"] or "").lower()] if g.get("adverb") else (g["unit"] or "").lower()
    num = (g.get("num") or "").lower()
    n = 2 if num == "other" else count(num) if num else 1  # "every other week": every second one
    return "SET", span_of(n, word)


ADVERB_UNITS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
                "hourly": "hour"}
"""The unit each adverb of frequency repeats: "hourly" every hour."""


def noon(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "at midday": on the day of publication unless a past clause names another (see `anchor`)."""
    return "TIME", f"{ref.isoformat()}T12:00"


def time(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "3 p.m.", "10:35 a.m. (0735 GMT) Friday", "4 in the morning"."""
    g = f.groups
    later = (g.get("ampm") or "").lower().startswith("p") or (g.get("part_of") or "").lower() != "morning" \
        and g.get("part_of") is not None
    hour = int(g["hour"] or 0) % 12 + (12 if later else 0)
    minute = int(g["minute"] or 0)
    if hour > 23:
        return None
    day = ref
    named = weekday_after(text, f.end, hour)
    if named:
        day = weekday_near(WEEKDAYS[named.lower()], ref, tense)
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def ref_word(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "now", "recently", "the future", "currently"."""
    word = (f.groups["ref"] or "").lower()
    if word.startswith("then"):
        return "DATE", "PAST_REF"  # "the then current price"
    if word in {"now", "currently", "nowadays", "these days", "current"}:
        return "DATE", "PRESENT_REF"
    if word.endswith(("future", "term", "later date")) or word == "soon":
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def recent_unit(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "in recent years", "in coming months": spans of unknown length."""
    return "DURATION", span_of("X", singular((f.groups["unit"] or "").lower()))


def spelled_year(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "nineteen eighty-four"."""
    g = f.groups
    return "DATE", f"{year_of((g['century'] or '') + ' ' + (g.get('rest') or '')):04d}"


def adj_duration(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "a two-year term", "a day-long meeting", "a decades-long feud"."""
    g = f.groups
    if g.get("long"):  # "a day-long meeting", "a decades-long feud"
        return "DURATION", span_of("X" if g.get("plural") else 1, (g["long"] or "").lower())
    n = count(g["num"]) if (g["num"] or "").lower() != "several" else "X"
    return "DURATION", span_of(n, (g["unit"] or "").lower())


def bare_unit(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "for weeks", "in years": a span of unknown length."""
    return "DURATION", span_of("X", singular((f.groups["unit"] or "").lower()))


def singular(word: str) -> str:
    """The unit a plural names: "weeks" week, "centuries" century."""
    return "century" if word == "centuries" else word[:-1]


def span_of(n: int | str, word: str) -> str:
    """The TIMEX3 value of `n` units (a number, or "X" for some) of the unit `word` names: "P3M", "PT2H", "PXW";
    decades in years ("P20Y", "PXY"), as "a decade" is P10Y."""
    unit = UNITS[word]
    if unit == "DE":
        return f"P{n * 10}Y" if isinstance(n, int) else "PXY"
    return f"PT{n}{unit}" if word in {"hour", "minute", "second"} else f"P{n}{unit}"


DESCRIBED_DAY = re.compile(r" (that|when|on which|I|we|he|she|they|this) (?!day\b)")
"""What follows a day described, not named: "the day that …", "the day when …", "the day he died"."""


def in_the_day(text: str, start: int) -> bool:
    """Whether "the day" at `start` follows "in" or "during" ("earlier in the day"): the day the story is on (see
    `anchor.the_day_in_the_story`), not one the words go on to describe."""
    return re.search(r"\b(?:in|during)\s$", text[max(0, start - 8):start], re.IGNORECASE) is not None


def the_unit(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the year", "this week", "the weekend", "the year ended June 30"."""
    unit = (f.groups["unit"] or "").lower()
    if re.match(r"\s+(?:ended|ending)\b", text[f.end:f.end + 10]):
        return "DURATION", f"P1{UNITS[unit]}"  # "the year ended June 30": a span of a year, not a calendar year
    if unit == "year":
        return "DATE", f"{ref.year:04d}"
    if unit == "month":
        return "DATE", f"{ref.year:04d}-{ref.month:02d}"
    if unit == "day":
        described = DESCRIBED_DAY.match(text, f.end) if text[f.start:f.end].lower() == "the day" and \
            not in_the_day(text, f.start) else None
        if described:  # "buying land for the day that its own land vanishes", "remembers the day he died": a day
            # the words describe and do not name, ahead (after "that", "when") only where the clause is
            ahead = tense == "future" or tense != "past" and described.group(1).lower() in {"that", "when", "on which"}
            return "DATE", "FUTURE_REF" if ahead else "PAST_REF"
        return "DATE", ref.isoformat()
    day = ref
    if unit == "weekend" and tense != "future" and ref.weekday() < 4:
        day = ref - timedelta(days=7)  # early in the week, "the weekend" is the one just past
    return "DATE", iso_week(day) + ("-WE" if unit == "weekend" else "")


def year_end(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "by year-end": the last day of the year; "by year end", "by year's end": the year. The one before when
    counted from ("since year-end")."""
    year_ = ref.year - (1 if text[max(0, f.start - 6):f.start].lower().endswith("since ") else 0)
    return "DATE", f"{year_:04d}-12-31" if f.groups.get("hyphen") else f"{year_:04d}"


def year_quarter(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the 1988 quarter": that year's quarter of the one being reported (see `anchor`)."""
    return "DATE", f.groups["year"] or ""


def anaphoric_quarter(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "the quarter", "the latest quarter", "the quarter ended July 31": the last full quarter before publication
    (or the one reported: see `anchor`)."""
    unit = (f.groups["unit"] or "").lower()
    if unit == "period" and "quarter" not in text.lower():
        return None
    phrase = text[f.start:f.end].lower()
    back = year_back(f, phrase)
    if "current" in phrase:
        return "DATE", f"{ref.year:04d}-Q{(ref.month - 1) // 3 + 1}"
    closing = ENDED.match(text, f.end)
    if closing and unit == "quarter" and 1 <= int(closing.group("day")) <= 31:
        # "the quarter ended July 31": the calendar quarter holding most of the three months before that day
        number, day = month_of(closing.group("month")), int(closing.group("day"))
        year_ = year_of_month(number, day, ref, "past")
        middle = date(year_, number, min(day, 28)) - timedelta(days=45)
        shift = 1 if back else 0
        return "DATE", f"{middle.year - shift:04d}-Q{(middle.month - 1) // 3 + 1}"
    quarter = (ref.month - 1) // 3  # the last full quarter before the publication date
    year_, number = (ref.year, quarter) if quarter else (ref.year - 1, 4)
    if back:
        year_ -= 1
    return "DATE", f"{year_:04d}-Q{number}"


def year_back(f: Found, words: str) -> bool:
    """Whether a quarter is the one a year before: "the year-ago quarter", "the same period a year ago"."""
    return "year-ago" in words or "year-earlier" in words or bool(f.groups.get("back"))


def earlier_unit(f: Found, text: str, ref: date, tense: str) -> Value:
    """ "a year earlier", "two months later", "year-ago": counted from the publication date (or from a date the
    article named: see `anchor`)."""
    g = f.groups
    unit = (g.get("unit") or g.get("adj") or "").lower()
    n = count(g.get("num")) if g.get("num") else 1
    if not isinstance(n, int):
        return None
    sign = 1 if (g.get("dir") or "").lower() in {"later", "after"} else -1
    if unit == "year":
        return "DATE", f"{ref.year + sign * n:04d}"
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, sign * n)
        return "DATE", f"{y:04d}-{m:02d}"
    if unit == "quarter":
        index = ref.year * 4 + (ref.month - 1) // 3 + sign * n
        return "DATE", f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "week":
        return "DATE", iso_week(ref + timedelta(weeks=sign * n))
    return "DATE", (ref + timedelta(days=sign * n)).isoformat()
