"""How an expression that counts from another date the article named is re-anchored there, not on the
publication date: "a year earlier" after "the third quarter" is that quarter a year before; "the following year"
after "1995" is 1996; "the next day" after "June 16" is June 17.

Each anchor takes `(found, text, value, earlier, tense)` — `value` the `(type, value)` the normalizer gave,
`earlier` the expressions before it — and returns a new `(type, value)`, or None to leave it. `rules.py` says which
kinds try which anchors, in order; the first that answers wins.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.extract.times import normalize
from dateline.extract.times.calendar import shift_month, weekday_near
from dateline.extract.times.found import Found
from dateline.extract.times.normalize import weekday_after, year_back
from dateline.extract.times.words import (
    HISTORIC_DAYS,
    HISTORIC_EVENT,
    MONTH,
    WEEKDAY_WORD,
    WEEKDAYS,
    count,
    month_of,
)
from dateline.records import Timex

Value = tuple[str, str]

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATED = re.compile(r"^\d{4}(?:$|-\d{2}|-Q|-H|-[A-Z]{2}$)")  # a year, or a month, day, quarter, half or season in one
MONTH_DATED = re.compile(r"^\d{4}-\d{2}(?:$|-\d{2})")
COMPARED = re.compile(r"(?:\b(?:compared with|from|versus|against)\b[^.;]*|\bperiod )$", re.IGNORECASE)
FIGURES = re.compile(r"[$%]|\b(?:than|compared|versus)\b|\bfrom (?:[$\d]|a year)|\bagainst (?:[$\d]|a year)",
                     re.IGNORECASE)  # a figure set beside ("against $3 million a year earlier", not "protests
# against the nomination")
COMPARING = re.compile(r"\d|\b(?:more|less|higher|lower|up|down|rose|fell|earned|profit|loss|sales|revenue|"
                       r"income|net)\b|" + FIGURES.pattern, re.IGNORECASE)  # another, or a period's results
A_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
YEAR_NAMED = re.compile(r"^the \d{4} ", re.IGNORECASE)  # "the 1988 quarter" is a year-ago one, not the one reported


def _quarter_back(quarter: str, years: int) -> str:
    """ "1989-Q3" a number of years before."""
    year, number = quarter.split("-Q")
    return f"{int(year) - years:04d}-Q{number}"


def _years_named(earlier: list[Timex]) -> list[int]:
    """The year of each date named so far: "1995", "May 22, 1995", "March 1995", "the third quarter of 1984"."""
    return [int(t.value[:4]) for t in earlier if t.type == "DATE" and DATED.match(t.value)]


def _reported_quarters(f: Found, text: str, earlier: list[Timex]) -> list[str]:
    """The quarters an earnings story has named as one it reports (not "the year-ago quarter"), the one it is
    reporting here last: the last named in this paragraph, else the first the story named (its lead's: "After a
    flat second quarter" further down is background to the third quarter the lead reported)."""
    named = [t for t in earlier if QUARTER.match(t.value) and not YEAR_NAMED.match(t.text)
             and not any(w in t.text.lower() for w in ("ago", "earlier", "before", "prior", "last year"))]
    if not named:
        return []
    paragraph = text.rfind("\n", 0, f.start)
    here = [t for t in named if t.start > paragraph]
    chosen = here[-1] if here else named[0]
    return [t.value for t in named if t is not chosen] + [chosen.value]


def _sentence_start(f: Found, text: str) -> int:
    """Where the sentence (or line) an expression stands in begins."""
    return max(text.rfind(". ", 0, f.start), text.rfind("\n", 0, f.start)) + 1


def _sentence(f: Found, text: str) -> str:
    """The sentence (or line) an expression stands in."""
    ends = [i for i in (text.find(". ", f.end), text.find("\n", f.end)) if i >= 0]
    return text[_sentence_start(f, text):min(ends, default=len(text))]


def _told_so_far(days: list[str], value: Value, tense: str) -> list[str]:
    """In a past clause, the days (ISO, or ISO-prefixed values) not after the day this expression was valued at
    before anchoring, which for a day or part of a day written without one is the publication date: "… go to the
    polls Feb. 9. Four others debated earlier in the evening" is no evening ahead."""
    return [day for day in days if day[:10] <= value[1][:10]] if tense == "past" else days


def _days_near(f: Found, earlier: list[Timex], reach: int | None = None) -> list[str]:
    """The days named in the `reach` characters before an expression (any distance where `reach` is None)."""
    return [t.value[:10] for t in earlier if t.type in {"DATE", "TIME"} and FULL_DATE.match(t.value[:10])
            and (reach is None or f.start - t.end < reach)]


# Counting from the quarter an earnings story reports


def the_quarter(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the quarter", "the year-ago quarter": the quarter being reported (a year back for a year-ago one)."""
    words = text[f.left:f.end].lower()
    if "current" in words:
        return None
    quarters = _reported_quarters(f, text, earlier)
    if any(w in words for w in ("latest", "most recent")):  # a quarter already over: not "the fourth quarter"
        quarters = [q for q in quarters if q <= value[1]]  # that the article expects
    if quarters and (f.groups.get("unit") or "").lower() == "quarter":
        return value[0], _quarter_back(quarters[-1], 1 if year_back(f, words) else 0)
    return None


def _months_counted(f: Found, text: str, earlier: list[Timex]) -> bool:
    """Whether the sentence counted months before this expression ("In the first nine months, … in the 1988
    period"): what it compares is then that stretch of the year, not the quarter reported."""
    sentence = _sentence_start(f, text)
    return any(t.start >= sentence and t.type == "DURATION" and "month" in t.text.lower() for t in earlier)


def that_years_quarter(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the 1988 quarter": the reported quarter's number, in 1988 (after "the first nine months", the year)."""
    quarters = _reported_quarters(f, text, earlier)
    if not quarters or _months_counted(f, text, earlier):
        return None
    return value[0], f"{f.groups['year']}-Q{quarters[-1][-1]}"


def last_year_compared(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "up from $3 million last year", after a quarter's results: that quarter a year before."""
    quarters = _reported_quarters(f, text, earlier)
    words = text[f.left:f.end].lower()
    if quarters and words.endswith("last year") and (
            COMPARED.search(text[max(0, f.start - 60):f.start]) or re.match(r"'s (?:quarter|period)", text[f.end:])):
        return value[0], _quarter_back(quarters[-1], 1)
    return None


def years_before_quarter(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "a year earlier", "a year ago" after a quarter's results: that quarter so many years before (but after "the
    first nine months" in the same sentence, the year)."""
    quarters = _reported_quarters(f, text, earlier)
    words = text[f.left:f.end].lower()
    if not quarters or "year" not in words or (f.groups.get("dir") or "").lower().startswith(("later", "from")):
        return None
    if _months_counted(f, text, earlier):
        return None
    if not f.groups.get("adj") and not COMPARING.search(_sentence(f, text)):
        return None  # "Clinton imagined a year ago" in a story that named a quarter: no figure is compared
    n = count(f.groups.get("num")) if f.groups.get("num") else 1
    return (value[0], _quarter_back(quarters[-1], n)) if isinstance(n, int) else None


# Counting from the last day, month or year the article named


def units_from_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "Christie entered the race two weeks later", after "June 16, 2015": "later" and "earlier" count from the
    date the story last named (as "ago" counts from the day it is published), when that date is as fine as the unit
    (a day for weeks, a month for months, a year for years)."""
    if f.groups.get("adj"):
        return None
    unit = (f.groups.get("unit") or "").lower()
    fine = {"year": DATED, "month": MONTH_DATED, "week": FULL_DATE}.get(unit)
    named = [t for t in earlier if t.type in {"DATE", "TIME"} and DATED.match(t.value)]
    around = _sentence(f, text).replace(text[f.left:f.end], "")  # "more than a year later" compares nothing
    if fine is None or not named or not fine.match(named[-1].value[:10]) or FIGURES.search(around):
        return None  # "up from $100 million a year earlier" compares a period's figures, not a story's dates
    last = named[-1].value
    try:
        day = date(int(last[:4]), int(last[5:7]) if MONTH_DATED.match(last) else 1,
                   int(last[8:10]) if FULL_DATE.match(last[:10]) else 1)
    except ValueError:
        return None  # "February 30, 1987" is kept as written, but nothing counts from a day that is not one
    counted = normalize.earlier_unit(f, text, day, tense)
    if counted and tense != "future" and (f.groups.get("dir") or "").lower() == "later" and counted[1] >= value[1]:
        return None  # "… under which we still live today, 200 years later": not after publication
    return counted


def later_than_told(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "A week later, however, Rubio said he was open to it", with no date named to count from: a past clause
    cannot be a week after publication, so the day is one in the past, which the story does not say."""
    if tense == "past" and (f.groups.get("dir") or "").lower() == "later":
        return value[0], "PAST_REF"
    return None


def month_after_month(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "ads reserved in December and January", "from November to February": a month joined to the month before
    it follows it, into the next year if need be."""
    joined = re.fullmatch(r",? (and|or|to|through|until|into) (?:early |late |mid-?)?|-|–",
                          text[earlier[-1].end:f.left]) if earlier else None
    if not joined or not re.fullmatch(r"\d{4}-\d{2}", earlier[-1].value):
        return None
    year, month = int(earlier[-1].value[:4]), int(earlier[-1].value[5:])
    number = int(value[1][5:7])
    if joined.group(1) in {"and", "or"} and number < month and not (month >= 10 and number <= 3):
        return None  # "in May and March" is a list, not a run across the new year
    return value[0], f"{year + (1 if number < month else 0):04d}-{number:02d}"


def that_month(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "McGovern lost to Nixon that November", after "in 1972": that month of the year the story last named."""
    if (f.groups.get("rel") or "").lower() != "that" or not _years_named(earlier):
        return None
    return value[0], f"{_years_named(earlier)[-1]:04d}" + value[1][4:]


def month_in_a_year_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "In June 2001, … a month later … In August, she flew to New York", "On March 2, 2015, … On March 25, …": in
    a past clause, a month or day after a month or day whose year the story wrote out (in the last 400 characters,
    and nothing since in another year) is of that year, not the publication's."""
    near = [t for t in earlier if f.start - t.end <= 400 and DATED.match(t.value)]
    written = [t for t in near if re.search(r"\b\d{4}\b", t.text) and MONTH_DATED.match(t.value)]
    if tense != "past" or not written or not _adverbial(text, f.left):
        return None
    setting = written[-1]
    year = setting.value[:4]
    if year == value[1][:4] or any(t.value[:4] != year for t in near if t.start > setting.start) or \
            not _adverbial(text, setting.start) or text[max(0, setting.start - 6):setting.start].lower() == "since ":
        return None  # "the Dec. 21, 1988, bombing" names an event's day; "In June 2001," sets the story's time;
        # "raised since Jan. 1, 2015" begins a span that runs to now
    return value[0], year + value[1][4:]


def holiday_in_a_year_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "Campaigning against Mitt Romney in 2012, he barely mentioned it. But soon after Election Day, …": in a past
    clause, a holiday after a year the story wrote out (in the last 300 characters) is that year's."""
    if tense != "past" or f.groups.get("rel") or (f.groups.get("suffix") or "").lower() == "week":
        return None
    written = [t for t in earlier
               if f.start - t.end <= 300 and DATED.match(t.value) and re.search(r"\b\d{4}\b", t.text)]
    if not written or written[-1].value[:4] == value[1][:4]:
        return None
    return normalize.holiday_date(f, text, date(int(written[-1].value[:4]), 12, 31), "past")


HISTORIC_EVENT_AFTER = re.compile(r" (?:" + HISTORIC_EVENT + r")\b")


def a_historic_day(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the Sept. 11 attacks", "after the Sept. 11 terrorist attacks": a month and day that names an event long
    past (`time_words.tsv`) is the day it fell on, whatever the year of publication."""
    year = HISTORIC_DAYS.get(value[1][5:10])
    if year is None or not FULL_DATE.match(value[1]) or not HISTORIC_EVENT_AFTER.match(text, f.end):
        return None
    return value[0], f"{year:04d}{value[1][4:]}"


def same_day_written_out(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the terrorist attacks of Sept. 11, 2001 … the Sept. 11 attacks": a month and day the story wrote out with
    its year before is that day again, however far back."""
    if not FULL_DATE.match(value[1]):
        return None
    days = [t.value for t in earlier if re.search(r"\b\d{4}\b", t.text) and FULL_DATE.match(t.value)
            and t.value[4:] == value[1][4:]]
    return (value[0], days[-1]) if days and days[-1] != value[1] else None


def _adverbial(text: str, start: int) -> bool:
    """Whether the expression starting here is a clause's time ("In June 2001,", "on March 19"), not a noun's
    ("the Dec. 21 bombing", "the late-November trip")."""
    return re.search(r"\b(?:in|on|by|until|from|since|after|during)\s+$", text[max(0, start - 8):start],
                     re.IGNORECASE) is not None


def the_day_just_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "after Oct. 12, the day before the plunge": the day just named."""
    words = text[f.left:f.end].lower()
    if words.startswith("the day") and earlier and text[earlier[-1].end:f.start] == ", " and \
            FULL_DATE.match(earlier[-1].value):
        return value[0], earlier[-1].value
    return None


EVENT_NAMED_AROUND = re.compile(r" (?:before|after) the (\w+)")


def _day_of_event(noun: str, text: str, earlier: list[Timex]) -> str | None:
    """The day the story last gave an event it names by this noun: "Monday night's debate", "the debate Monday
    night"."""
    days = [t.value[:10] for t in earlier if FULL_DATE.match(t.value[:10]) and (
        re.match(r"(?:['’]s)?(?: [\w-]+){0,2}? " + noun + r"\b", text[t.end:t.end + 40]) or
        re.search(r"\b" + noun + r" (?:on )?$", text[max(0, t.start - 40):t.start]))]
    return days[-1] if days else None


def the_day_around_event(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "On Thursday, Cruz won an endorsement … He was also endorsed the day before", "on the night of Friday,
    Oct. 23 … showed up at his house the day after his death": the day after (or before) the day the story last
    named, in the last 400 characters (a day of the month, where the story last named a month). Only bare, or
    before a participant's own event ("his death", "her arrest"): "the day after Republicans completed their
    convention" may as well be the day last named itself. "The day before the debate", after "Monday night's
    debate": the day before the day the story gave that event."""
    if text[f.left:f.end].lower() != "the day" or value[0] != "DATE":
        return None
    step = timedelta(days=1 if text.startswith(" after", f.end) else -1)
    event = EVENT_NAMED_AROUND.match(text, f.end)
    event_day = _day_of_event(event.group(1), text, earlier) if event else None
    if event_day:  # "Monday night's debate", "the debate Monday night" … "the day before the debate"
        return value[0], (date.fromisoformat(event_day) + step).isoformat()
    if not re.match(r" (before|after)(?=[.,;:)]| (?:by|at|in|on|to|and|his|her|their|its) )", text[f.end:f.end + 14]):
        return None
    dated = [t for t in earlier if t.type in {"DATE", "TIME"} and DATED.match(t.value) and f.start - t.end < 400]
    if dated and MONTH_DATED.match(dated[-1].value) and not FULL_DATE.match(dated[-1].value[:10]):
        return value[0], dated[-1].value[:7] + "-XX"  # "in July 2008 … the day before": a day of that month
    recent = _days_near(f, earlier, 400)
    return (value[0], (date.fromisoformat(recent[-1]) + step).isoformat()) if recent else None


def the_day_talked_about(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "Tuesday was a big day for Trump", "today is the eighth day": the day the subject names; "On Friday, Poland
    joined NATO … Geremek said it was a great day": in the past, the day the story last named, if its last date
    names a day ("told Politico in May … it was a good day for us" names none); a night, the evening or night
    it last named ("the debate Saturday night … it had been a difficult night for him")."""
    night = text[f.start:f.end].lower().endswith("night")
    day = None
    if earlier and re.match(normalize.COPULA + r"(?:an? |the )?[\w -]{0,24}$", text[earlier[-1].end:f.start]) and \
            FULL_DATE.match(earlier[-1].value[:10]):
        day = earlier[-1].value[:10]  # the subject: "Tuesday is a", "Today was a"
    elif tense == "past":
        nights = [t.value[:10] for t in earlier if t.value.endswith(("TEV", "TNI"))]
        dated = [t.value[:10] for t in earlier if t.type in {"DATE", "TIME"} and DATED.match(t.value)]
        day = nights[-1] if night and nights else dated[-1] if dated and FULL_DATE.match(dated[-1]) else None
    if day is None:
        return None
    return ("TIME", f"{day}TNI") if night else ("DATE", day)


def the_year_around(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the year before", "the year after": the year next to the last one named."""
    around = re.match(r" (before|after)\b(?! [\w$])", text[f.end:f.end + 12])
    if text[f.left:f.end].lower() == "the year" and around and _years_named(earlier):
        return value[0], f"{_years_named(earlier)[-1] + (1 if around.group(1) == 'after' else -1):04d}"
    return None


THAT_DAY_IN = re.compile(r" in (?:early |late |mid-?)?" + MONTH + r"\b(?!,? \d)")


def that_unit(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "that year", "that month", "that day": the one the article last named; "that day" after a month ("last
    October … that same day", "until that day in April") a day of that month, which one unsaid; in a past clause
    not one ahead ("… not over in February or March. The strategy outlined that day" is of the month before)."""
    same = text[f.start:f.end].lower().startswith("the same ") and not re.match(r" (?:of|as)\b", text[f.end:])
    if not (text[f.start:f.end].lower().startswith("that ") or same) or value[0] != "DATE":
        return None  # "the same day" too ("donated to her that day … on the same day"), but not "the same day as"
    unit = (f.groups["unit"] or "").lower()
    if unit == "year" and _years_named(earlier):
        return value[0], f"{_years_named(earlier)[-1]:04d}"
    months = [t.value[:7] for t in earlier if t.type in {"DATE", "TIME"} and MONTH_DATED.match(t.value)]
    if unit == "month" and months:
        return value[0], months[-1]
    if unit != "day":
        return None
    dated = [t for t in earlier if t.type in {"DATE", "TIME"} and DATED.match(t.value)
             and _told_so_far([t.value], value, tense)]
    if dated and MONTH_DATED.match(dated[-1].value) and not FULL_DATE.match(dated[-1].value[:10]):
        return value[0], dated[-1].value[:7] + "-XX"  # "last October … that same day": a day of that month
    month = THAT_DAY_IN.match(text, f.end)
    if month and FULL_DATE.match(value[1]):  # "until that day in April": a day of the April before publication
        number, published = month_of(month.group("month")), date.fromisoformat(value[1])
        return value[0], f"{published.year - (number > published.month):04d}-{number:02d}-XX"
    named_days = [t.value[:10] for t in dated if FULL_DATE.match(t.value[:10])]
    return (value[0], named_days[-1]) if named_days else None


CLOCK_AFTER_DAY = re.compile(r",? (?:at|from|between|around|about|by|until|before|after|starting at) "
                             r"(?:\d{1,2}(?::\d{2})?(?: ?[ap]\.m\.)?(?:-|–| to | and ))?")


SAYING = re.compile(r"\b(?:said|says|told|tells|added|wrote|declared|asked)\b")
SAID_ON = re.compile(r"[^“”\"\n]{0,60}?" + SAYING.pattern + r"(?: \w+){0,3}? (?:on )?"
                     r"(?P<weekday>" + WEEKDAY_WORD + r")\b")
"""After a quotation closes: "…,” Trump said Tuesday", "…,” he told reporters on Monday"."""
DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _quoted(before: str) -> bool:
    """Whether a paragraph's text up to here leaves a quotation open."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or \
        before.count("``") > before.count("''")


def said_on_another_day(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ 'Durbin said on Thursday he "hand-delivered a letter … today"', '"Marco Rubio won tonight," Hannity said
    Tuesday night': a "today" (or "tonight", "yesterday", "tomorrow") in a quotation is the speaker's, counted from
    the day its sentence says, outside the quotation, it was said (or its paragraph, next to a verb of saying: "Last
    Monday, Bush told an Iowa audience … "Libya today is chaotic"")."""
    offset = DEICTIC_DAYS.get(text[f.start:f.end].lower())
    paragraph = text.rfind("\n", 0, f.start) + 1
    if offset is None or not _quoted(text[paragraph:f.start]):
        return None
    sentence = _sentence_start(f, text)
    said = [t for t in earlier if t.start >= paragraph and FULL_DATE.match(t.value[:10]) and
            not _quoted(text[paragraph:t.start]) and A_WEEKDAY.search(t.text.lower()) and
            (t.start >= sentence or SAYING.search(text[max(paragraph, t.start - 40):t.end + 40]))]
    published = date.fromisoformat(value[1][:10]) - timedelta(days=offset)
    if said:
        day = date.fromisoformat(said[-1].value[:10])
    else:
        close = min((i for i in (text.find("”", f.end), text.find('"', f.end), text.find("''", f.end)) if i >= 0),
                    default=-1)
        after = SAID_ON.match(text, close + 1) if close >= 0 and "\n" not in text[f.end:close] else None
        if after is None:
            return None
        day = weekday_near(WEEKDAYS[after.group("weekday").lower()], published, "past")
    if day == published:
        return None
    return value[0], (day + timedelta(days=offset)).isoformat() + value[1][10:]


def clock_after_its_day(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "until Friday at noon", "on Tuesday at 3 p.m.", "Saturday morning between 10-11 a.m.": a clock time written
    after its day is on that day."""
    last = earlier[-1] if earlier else None
    if last is None or not FULL_DATE.match(last.value[:10]) or not CLOCK_AFTER_DAY.fullmatch(text[last.end:f.left]):
        return None
    return value[0], last.value[:10] + value[1][10:]


def clock_on_day_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "He was shot on Oct. 23 … at 10 p.m.": in a past clause, the clock time is on the day the story last
    named."""
    if tense != "past" or weekday_after(text, f.end, int(value[1][11:13])):
        return None
    recent = _days_near(f, earlier, 300) or _told_so_far(_day_it_happened(f, text, earlier), value, tense)
    return (value[0], recent[-1] + value[1][10:]) if recent else None


HAPPENED_AT = re.compile(r"\b(?:was|were)\s+(?:(?:fatally|critically|seriously|badly)\s+)?(?P<verb>[a-z]{3,})\b"
                         r"[^.;:!?\"“”]{0,24}?\s(?:at|about|around|shortly (?:before|after)|just (?:before|after))\s$")


def _day_it_happened(f: Found, text: str, earlier: list[Timex]) -> list[str]:
    """ "Slepian was shot to death last Oct. 23 … Slepian … was shot to death at 10 p.m.": the day the story gave
    the same happening, told in the same passive verb, however far back (one not after the clock time's own
    default day, the publication date)."""
    told = HAPPENED_AT.search(text, max(0, f.left - 60), f.left)
    if told is None:
        return []
    verb = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?" + told.group("verb") + r"\b[^.;:!?\"“”]{0,24}$")
    return [t.value[:10] for t in earlier if FULL_DATE.match(t.value[:10]) and t.type == "DATE" and
            verb.search(text, max(0, t.start - 60), t.start)]


def part_of_day_named(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "Stocks crashed Friday. … in the morning": the part of the day the story last named (in the last 300
    characters), or of the day after or before the day it last named ("the next morning"); in a past clause, of a
    day not after publication."""
    step = {"next": 1, "following": 1, "previous": -1}.get((f.groups.get("rel") or "").lower(), 0)
    that = text[f.start:f.end].lower().startswith("that ")  # "that morning", "the next morning": of a day named
    recent = _told_so_far(_days_near(f, earlier, None if step or that else 300), value, tense)  # however far back
    if not recent:
        return None
    return value[0], (date.fromisoformat(recent[-1]) + timedelta(days=step)).isoformat() + value[1][10:]


def the_day_in_the_story(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "Obama spent Thursday discussing Asia … He held meetings earlier in the day": "in the day" is the day the
    story last named, however far back (in a past clause, one not after publication)."""
    if text[f.left:f.end].lower() != "the day" or not normalize.in_the_day(text, f.left):
        return None
    if text[max(0, f.left - 8):f.left].lower().endswith("back in "):
        return value[0], "PAST_REF"  # "voted for him back in the day": once, long ago
    recent = _told_so_far(_days_near(f, earlier), value, tense)  # however far back: the day the story is on
    return (value[0], recent[-1]) if recent else None


def weekday_around_day(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "down from the previous Friday": the Friday before the day named."""
    lead = re.match(r"the (previous|following) ", text[f.left:f.end].lower())
    days = _days_near(f, earlier)
    if not lead or not days:
        return None
    target = WEEKDAYS[(f.groups["weekday"] or "").lower()]
    step = -1 if lead.group(1) == "previous" else 1
    day = date.fromisoformat(days[-1]) + timedelta(days=step)
    while day.weekday() != target:
        day += timedelta(days=step)
    return value[0], day.isoformat()


def weekday_after_weekday(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "as soon as Tuesday or Wednesday", "Thursday through Monday": a weekday joined to the one before it is the
    next such day after it (in a past clause, only where that is not later than the clause allows)."""
    last = earlier[-1] if earlier else None
    if last is None or not FULL_DATE.match(last.value[:10]) or not A_WEEKDAY.search(last.text.lower()) or \
            not re.fullmatch(r",? (?:and|or|to|through|until|into) (?:on )?|-|–", text[last.end:f.left]):
        return None
    before = date.fromisoformat(last.value[:10])
    day = before + timedelta(days=(WEEKDAYS[(f.groups["weekday"] or "").lower()] - before.weekday()) % 7 or 7)
    if tense == "past" and day.isoformat() != value[1][:10]:
        return None  # "met Wednesday and Monday" in a past clause: no later than the clause allows
    return value[0], day.isoformat() + value[1][10:]


def the_following_unit(f: Found, text: str, value: Value, earlier: list[Timex], tense: str) -> Value | None:
    """ "the following year", "the previous month", "the next day": next to the one last named."""
    rel = (f.groups.get("rel") or "").lower()
    if rel not in {"following", "previous", "next"} or not re.match(r"(?:\w+ )?the\b", text[f.left:f.end].lower()):
        return None
    before = text[max(0, f.left - 8):f.left].lower().split()
    if rel == "next" and before and (before[-1] in {"within", "over", "during"} or
                                      before[-1] == "in" and tense != "past"):
        return None  # "work needs to start within the next month": the one after now
    unit = (f.groups["unit"] or "").lower()
    step = -1 if rel == "previous" else 1
    if unit == "year" and _years_named(earlier):
        return value[0], f"{_years_named(earlier)[-1] + step:04d}"
    months = [t.value[:7] for t in earlier if t.type == "DATE" and MONTH_DATED.match(t.value)]
    if unit == "month" and months:
        y, m = shift_month(int(months[-1][:4]), int(months[-1][5:]), step)
        return value[0], f"{y:04d}-{m:02d}"
    days = _days_near(f, earlier)
    if unit == "day" and days:
        return value[0], (date.fromisoformat(days[-1]) + timedelta(days=step)).isoformat()
    return None


def day_around(last: Timex, t: Timex, text: str) -> Timex | None:
    """ "the day before last Tuesday's hearing": one expression (as TimeML has "the day before yesterday"), a day
    counted from the date named right after "before" or "after"; None where `last` and `t` are not that."""
    between = re.fullmatch(r" (before|after) (?:\w+ )?", text[last.end:t.start])
    if not between or last.text.lower() != "the day" or not FULL_DATE.match(t.value[:10]):
        return None
    step = timedelta(days=-1 if between.group(1) == "before" else 1)
    day = (date.fromisoformat(t.value[:10]) + step).isoformat()
    return Timex(text=text[last.start:t.end], start=last.start, end=t.end, type=last.type, value=day)
