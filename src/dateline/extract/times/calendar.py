"""Calendar arithmetic for the time rules, by python-dateutil where it is arithmetic (months shifted, the n-th
weekday of a month, Easter), and the two choices news dating needs on top: which year a month written without one
falls in, and which week a weekday written without a date falls in, each from the clause's tense."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from dateline.extract.times.words import HOLIDAYS

WEEKDAY_CODES = {"MO": MO, "TU": TU, "WE": WE, "TH": TH, "FR": FR, "SA": SA, "SU": SU}


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The (year, month) `delta` months from (year, month)."""
    moved = date(year, month, 1) + relativedelta(months=delta)
    return moved.year, moved.month


def nth_weekday(year: int, month: int, weekday: str, n: int) -> date:
    """The n-th given weekday ("TH") of a month; n = -1: the last."""
    day = WEEKDAY_CODES[weekday]
    if n < 0:
        return date(year, month, 1) + relativedelta(day=31, weekday=day(n))
    return date(year, month, 1) + relativedelta(weekday=day(n))


def iso_week(day: date) -> str:
    """ "2021-W25": the ISO week a day is in."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def holiday(name: str, year: int) -> date | None:
    """The date of a holiday `holidays.tsv` knows, in a year (None for one it does not)."""
    rule = next((when for known, when in HOLIDAYS.items() if known.lower() == name.lower()), None)
    if rule is None:
        return None
    if rule == "easter":
        return easter(year)
    parts = rule.split()
    if len(parts) == 1:
        month, day = parts[0].split("-")
        return date(year, int(month), int(day))
    found = nth_weekday(year, int(parts[0]), parts[1], int(parts[2]))
    return found + timedelta(days=int(parts[3])) if len(parts) > 3 else found


def year_of_month(month: int, day: int | None, ref: date, tense: str) -> int:
    """The year of a month (and day) written without one: the occurrence closest to the publication date, moved
    to the past or the future where the clause's tense says it must be there."""
    here = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    months_ahead = (month - ref.month) % 12
    year = ref.year + (1 if months_ahead and month < ref.month else 0) if months_ahead < 6 else \
        ref.year - (1 if month > ref.month else 0)
    apart = (year * 12 + month) - (ref.year * 12 + ref.month)
    near = apart in (0, 1) or apart == -1 and tense != "future"  # this month, the next, the last: no doubt (but
    # "will vote in March" said in April is next March)
    if near:
        return year
    if tense == "past" and (year, *here) > (ref.year, *now):
        year -= 1
    elif tense == "future" and (year, *here) < (ref.year, *now):
        year += 1
    return year


def weekday_near(target: int, ref: date, tense: str, rel: str | None = None) -> date:
    """The date of a weekday (Monday 0) written without a date: "last" or a past clause, the one on or before the
    publication date; "next" or a future clause, the one on or after; "this" in a clause with neither, the one in
    the week of publication; unmarked, the last one."""
    delta = target - ref.weekday()
    if rel == "this" and tense not in {"past", "future"}:
        return ref + timedelta(days=delta)  # "this Thursday", written on a Monday: three days on
    if rel == "last" or (rel in {None, "this"} and tense == "past"):
        delta = delta - 7 if delta > 0 or (rel == "last" and delta == 0) else delta
    elif rel in {"next", "coming"} or (rel in {None, "this"} and tense == "future"):
        delta = delta + 7 if delta < 0 or (rel == "next" and delta == 0) else delta
    elif tense == "nearest" and rel is None:
        delta = min((delta - 7, delta, delta + 7), key=abs)  # "Monday night's debate": the one nearest
    elif delta > 0:
        delta -= 7  # unmarked: the last such day, as news mostly reports
    return ref + timedelta(days=delta)


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}
"""The first and last month of each season but winter, which straddles the turn of the year."""


def season_year(code: str, rel: str, ref: date, tense: str = "present") -> int:
    """The year of a season named relative to the publication date: "last spring" (or "this past spring") is the
    latest spring already over, so written in October it is this year's (winter, which runs across two years, is
    last year's); "next summer" is next year's, as the summer still to come this year is "this summer". A season
    named bare follows its clause: "will open in the summer", written in December, is next year's; "met in the
    fall", written in March, last year's."""
    first, last = SEASON_MONTHS.get(code, (12, 12))
    if rel in {"last", "past", "previous"}:
        return ref.year if ref.month > last else ref.year - 1
    if rel == "next":
        return ref.year + 1
    if not rel and code in SEASON_MONTHS and tense == "future" and ref.month > last:
        return ref.year + 1
    if not rel and code in SEASON_MONTHS and tense == "past" and ref.month < first:
        return ref.year - 1
    return ref.year
