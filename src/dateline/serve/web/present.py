"""How the pages show what the store holds, so that nothing shown misleads: dates in words from their TIMEX3 values,
charts whose bars follow the span they cover, the words a search matched marked, the sentence around a quote, ids
in a form any path can hold, and every stored value made inert (bidirectional controls replaced, as the CLI does)
inside `<bdi>`, so that no text can turn the page's own labels around.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import Any

from markupsafe import Markup

from dateline.serve.inert import clean
from dateline.store import search as search_module

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second", "DE": "decade",
         "CE": "century"}
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
ORDINALS = ("first", "second", "third", "fourth")


def inert(value: object) -> str:
    """A stored value as the pages print it: text with each control, bidirectional or hiding character replaced."""
    return clean("" if value is None else str(value))


def bdi(value: object) -> Markup:
    """A stored value isolated from the text around it: escaped, made inert, inside `<bdi>`."""
    return Markup(f"<bdi>{escape(inert(value))}</bdi>")


def day_in_words(value: date | str | None) -> str:
    """A day as people write it: "4 March 1987"."""
    if value is None:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_in_words(value: str) -> str:
    """A month (YYYY-MM) as people write it: "March 1987"."""
    return _date(value) or value


def timex_in_words(value: str | None, kind: str | None = None) -> str:
    """A TIMEX3 value in words ("1987-03-04TEV": "4 March 1987, evening"; "P1D": "one day"; "PTXM": "a few
    minutes"); `kind` "SET" makes a duration a repetition ("every day"). A value not understood is given as it is."""
    if not value:
        return ""
    if value in REFERENCES:
        return REFERENCES[value]
    if value.startswith("P"):
        span = _duration(value)
        if span and kind == "SET":
            return "every " + span.removeprefix("one ")
        return span or value
    return _date(value) or value


def _date(value: str) -> str | None:
    """A TIMEX3 date or time in words, None where it is not one Dateline writes."""
    found = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)-(\d\d)(?:T(\d\d:\d\d(?::\d\d)?|MO|AF|EV|NI|DT))?", value)
    if found:
        year, month, day, time = found.groups()
        if not 1 <= int(month) <= 12:
            return None
        words = f"{int(day)} {MONTHS[int(month) - 1]}" + ("" if year == "XXXX" else f" {year}")
        return f"{words}, {PARTS_OF_DAY.get(time, time)}" if time else words
    patterns: list[tuple[str, Any]] = [
        (r"(\d{4})-(\d\d)", lambda y, m: f"{MONTHS[int(m) - 1]} {y}" if 1 <= int(m) <= 12 else None),
        (r"(\d{4})-W(\d\d)", lambda y, w: f"week {int(w)} of {y}"),
        (r"(\d{4})-W(\d\d)-WE", lambda y, w: f"the weekend of week {int(w)}, {y}"),
        (r"(\d{4})-Q([1-4])", lambda y, q: f"the {ORDINALS[int(q) - 1]} quarter of {y}"),
        (r"(\d{4})-H([12])", lambda y, h: f"the {ORDINALS[int(h) - 1]} half of {y}"),
        (r"(\d{4})-(SP|SU|FA|WI)", lambda y, s: f"{SEASONS[s]} {y}"),
        (r"(\d{4})", lambda y: y),
        (r"(\d{3})", lambda d: f"the {d}0s"),
        (r"(\d{2})", lambda c: f"the {c}00s"),
    ]
    for pattern, words in patterns:
        found = re.fullmatch(pattern, value)
        if found:
            return words(*found.groups())  # type: ignore[no-any-return]
    return None


def _duration(value: str) -> str | None:
    """A TIMEX3 duration in words: "P2Y" two years, "PT30M" 30 minutes, "PXD" a few days, "P1Y6M" one year and six
    months."""
    if not re.fullmatch(r"P(?:[\dX.]+(?:DE|CE|Y|M|W|D))*(?:T(?:[\dX.]+[HMS])+)?", value):
        return None
    words = []
    in_time = False
    for piece in re.findall(r"T|[\dX.]+(?:DE|CE|Y|M|W|D|H|S)", value[1:]):
        if piece == "T":
            in_time = True
            continue
        amount, unit = re.fullmatch(r"([\dX.]+)(\w+)", piece).groups()  # type: ignore[union-attr]
        name = "minute" if in_time and unit == "M" else UNITS[unit]
        words.append(_amount(amount, name))
    return " and ".join(words) if words else None


def _amount(amount: str, unit: str) -> str:
    """An amount of a unit in words: "one day", "a few minutes", "180 days"."""
    if "X" in amount:
        return f"a few {unit}s"
    number = float(amount)
    if number.is_integer():
        whole = int(number)
        said = NUMBERS[whole] if whole < len(NUMBERS) else f"{whole:,}"
        return f"{said} {unit}" + ("" if whole == 1 else "s")
    return f"{number:g} {unit}s"


WORD = re.compile(r"\w+")
SUFFIXES = ("ing", "ed", "es", "s", "ly")


def _stem(word: str) -> str:
    """A word as the search compares it, near enough to the databases' stemmers for marking what they matched."""
    word = word.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)].rstrip("e")
    return word.rstrip("e") if len(word) > 3 else word


def marked(text: str | None, words: str | None) -> Markup:
    """A stored text, escaped and made inert, inside `<bdi>`, with the words of a search in it marked (`<mark>`)."""
    text = inert(text)
    found = _wanted(words) if words else None
    if found is None:
        return Markup(f"<bdi>{escape(text)}</bdi>")
    pattern, stems = found
    out, at = [], 0
    for match in pattern.finditer(text):  # words starting as a stem does; each checked whole
        if _stem(match.group()) in stems:
            out.append(escape(text[at:match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            at = match.end()
    out.append(escape(text[at:]))
    return Markup("<bdi>" + "".join(out) + "</bdi>")


@lru_cache(maxsize=256)
def _wanted(words: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The stems a search looks for, and a pattern of the words that may be them (None: nothing to mark)."""
    try:
        query = search_module.parse(words)
    except search_module.SearchError:
        return None
    stems = frozenset(_stem(w) for group in query.groups for term in group for w in term.words)
    starts = "|".join(sorted((re.escape(s[:3]) for s in stems), key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{starts})\w*"), stems


SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s+|\n\s*")
CONTEXT = 300
"""How far around a quote the sentence holding it is looked for, at most, each way."""


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the sentence (or sentences) a quote stands in: the words before it from the sentence's start,
    and after it to the sentence's end, each at most `CONTEXT` characters ("…" where the sentence goes on)."""
    before = text[max(0, start - CONTEXT):start]
    cut = 0
    for found in SENTENCE_END.finditer(before):
        cut = found.end()
    after = text[end:end + CONTEXT]
    stop = SENTENCE_END.search(after)
    lead = "…" if cut == 0 and len(before) >= CONTEXT else ""
    tail = after[:stop.start() + 1].rstrip() if stop else after + ("…" if len(after) >= CONTEXT else "")
    return lead + before[cut:].lstrip(), tail


SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def path_id(ident: str) -> str:
    """An id as a path segment that opens whatever it holds: the id itself where it is plain (letters, digits,
    `.`, `_`, `-`, not starting with a dot), else `~` and the id's UTF-8 in base64url — a "/", "?", "#", "..",
    a backslash or a space would otherwise be read as part of the path."""
    if SAFE_ID.fullmatch(ident):
        return ident
    raw = ident.encode("utf-8", "surrogatepass")
    return "~" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def from_path(segment: str) -> str:
    """The id a path segment stands for (`path_id`): a `~` form decoded, anything else as it is (an id holding "/"
    may also be given plainly)."""
    if not segment.startswith("~") or len(segment) < 2:
        return segment
    try:
        raw = base64.urlsafe_b64decode(segment[1:] + "=" * (-len(segment[1:]) % 4))
        return raw.decode("utf-8", "surrogatepass")
    except (binascii.Error, ValueError):
        return segment


def chart(days: list[dict[str, Any]], *, base: str = "/?", width: int = 600, height: int = 120) -> dict[str, Any]:
    """Bars for quotes over time whose bins follow the span covered: days up to six weeks, weeks up to half a year,
    months up to eight years, years beyond. Each bar says its bin in words, how many, and the days it covers (for
    a link that narrows a search to them: `base`, a search's URL to add the days to); the axis has the first, middle
    and last bins and the peak."""
    if not days:
        return {"bars": []}
    first, last = days[0]["day"], days[-1]["day"]
    span = (last - first).days
    unit = "day" if span <= 42 else "week" if span <= 183 else "month" if span <= 8 * 366 else "year"
    counts: dict[date, int] = {}
    for row in days:
        start = _bin_start(row["day"], unit)
        counts[start] = counts.get(start, 0) + row["quotes"]
    starts = []
    at = _bin_start(first, unit)
    while at <= last:
        starts.append(at)
        at = _bin_end(at, unit) + timedelta(days=1)
    peak = max(counts.values())
    step = width / len(starts)
    bars = []
    for k, start in enumerate(starts):
        n = counts.get(start, 0)
        h = round(height * n / peak, 1)
        bars.append({"x": round(k * step, 1), "w": round(max(step - 1, 0.5), 1), "h": h, "y": round(height - h, 1),
                     "n": n, "label": _bin_label(start, unit),
                     "href": f"{base}since={start.isoformat()}&until={_bin_end(start, unit).isoformat()}"})
    ticks = [bars[0], bars[len(bars) // 2], bars[-1]] if len(bars) > 2 else bars
    return {"bars": bars, "unit": unit, "width": width, "height": height, "peak": peak,
            "ticks": [{"x": b["x"] + b["w"] / 2, "label": b["label"]} for b in ticks]}


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _bin_end(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=6)
    if unit == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if unit == "year":
        return start.replace(month=12, day=31)
    return start


def _bin_label(start: date, unit: str) -> str:
    if unit == "week":
        return f"week of {day_in_words(start)}"
    if unit == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if unit == "year":
        return str(start.year)
    return day_in_words(start)
