"""Finding time expressions in text: every rule of `rules.RULES` run in its order, a match kept unless it overlaps
an earlier one or one of its rule's checks says it is no time; then its left edge moved over the words TimeML
keeps inside an expression ("early", "the", "last")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dateline.extract.text import Intervals
from dateline.extract.times.found import Found
from dateline.extract.times.rules import BY_KIND, RULES, Rule

SECOND_DAY = re.compile(r" and (\d{1,2})\b(?!\.\d|[\d,%]| ?(?:percent|million|billion|people|of)\b)")
LEFT_MODIFIERS = re.compile(
    r"(?:\b(?:the (?:end|middle|beginning|start|close) of|early|late|mid|earlier|later|fiscal|around|"
    r"nearly|more than|less than|fewer than|up to|at least|no more than)(?: the)? ?-?\s*|\bmid-)$", re.IGNORECASE)
# Which modifiers stay inside an expression follows how often TimeBank and AQUAINT together keep each inside
# ("early", "nearly", "more than") or leave it out ("about", "almost", "over", "just").
AMOUNT_MODIFIER = re.compile(r"(?:around|nearly|more|less|fewer|up|at least|no more)\b", re.IGNORECASE)
"""The modifiers that count or bound an amount ("nearly forty years", "up to three weeks"), not a day."""
RELATIVE = re.compile(r"\b(?:last|next|this|this coming|coming|the previous|the following) $", re.IGNORECASE)
DETERMINER = re.compile(r"\bthe (?:first |last |past |next |previous |following )?$", re.IGNORECASE)
ADJECTIVAL_QUARTER = re.compile(r"(?:first|second|third|fourth|last)-(?:quarter|half)", re.IGNORECASE)


WRAPPED = re.compile(r"(?<=[^\s.!?:;\"”’)\]])\n(?=[^\s])")
"""A line end inside a sentence: text wrapped at a fixed width, where "June" may end one line and "16" begin the
next. (A line that ends a sentence, or a blank line, is a paragraph's end.)"""


def unwrapped(text: str) -> str:
    """The text with each line end inside a sentence read as a space: the same length, so every offset holds."""
    return WRAPPED.sub(" ", text) if "\n" in text else text


def find(text: str) -> list[Found]:
    """Every time expression in `text` (its line ends inside sentences read as spaces: `unwrapped`), in text
    order, not yet valued."""
    return find_unwrapped(unwrapped(text))


def find_unwrapped(text: str) -> list[Found]:
    """`find` on a text already `unwrapped`."""
    taken = Intervals()
    found: list[Found] = []
    lower = text.lower()
    for rule in RULES:
        if rule.triggers and not any(word in lower for word in rule.triggers):
            continue
        for m in matches(rule, text, lower):
            start, end = m.span()
            if taken.overlaps(start, end) or any(check(m, text) for check in rule.not_a_time):
                continue
            kind = rule.kind
            other = rule.becomes(m) if rule.becomes is not None else None
            if other is not None:
                kind, end = other
            end = len(text[start:end].rstrip()) + start  # "the year two thousand ": no space at the end
            found.append(Found(start, end, kind, m.groupdict(), left=left_edge(text, BY_KIND[kind], start, end)))
            taken.add(start, m.end())
            pair = SECOND_DAY.match(text, end) if rule.pairs_day else None
            if pair and not taken.overlaps(*pair.span(1)):  # "April 24 and 25"
                day = {"month": m.group("month"), "day": pair.group(1)}
                found.append(Found(pair.start(1), pair.end(1), kind, day, left=pair.start(1)))
                taken.add(*pair.span(1))
    return sorted(found, key=lambda f: f.start)


def matches(rule: Rule, text: str, lower: str) -> Iterator[re.Match[str]]:
    """The rule's matches in text order, as `finditer` gives them; where the rule has a `reach`, tried only within
    it of its triggers (a common word like "day" costs one pass of `str.find`, a long pattern one of the regex)."""
    if rule.reach is None or len(lower) != len(text):  # a lower case of another length would move the offsets
        yield from rule.pattern.finditer(text)
        return
    back, ahead = rule.reach
    spans: list[list[int]] = []
    for start, end in sorted(_occurrences(lower, rule.triggers)):
        if spans and start - back <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end + ahead)
        else:
            spans.append([max(0, start - back), end + ahead])
    done = 0
    for low, high in spans:
        for m in rule.pattern.finditer(text, max(low, done), high):
            done = m.end()
            yield m


def _occurrences(lower: str, words: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    for word in words:
        at = lower.find(word)
        while at != -1:
            yield at, at + len(word)
            at = lower.find(word, at + 1)


def left_edge(text: str, rule: Rule, start: int, end: int) -> int:
    """Where an expression found at start:end begins once it takes in the words TimeML keeps inside it: modifiers
    ("early next year", "mid-November", "nearly forty years", "more than four hours"), a relative word before a
    weekday ("last Wednesday"), and a determiner before a quarter or a counted span ("the third quarter", "the
    first nine months")."""
    core = start
    m = LEFT_MODIFIERS.search(text[max(0, start - 24):start])
    if m and (rule.takes_modifiers == "all" or m.group().lower().startswith(("late", "early", "earlier")) or
              rule.takes_modifiers == "no_amounts" and not AMOUNT_MODIFIER.match(m.group())):
        start -= len(m.group())
    if rule.takes_relative:
        m = RELATIVE.search(text[max(0, start - 20):start])
        if m:
            start -= len(m.group())
    # "the third-quarter profit": an adjectival quarter leaves "the" to the noun
    if rule.takes_the and not ADJECTIVAL_QUARTER.search(text[core:end]):
        m = DETERMINER.search(text[max(0, start - 20):start])
        if m:
            start -= len(m.group())
    return start
