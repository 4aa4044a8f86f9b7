"""Time expressions found in an article and normalized to TIMEX3 values against its publication date.

`times(doc, published)` finds dates ("June 16", "Monday", "in February", "last week", "two years ago", "the 1990s"),
times ("3 p.m."), durations ("six months") and sets ("every week"), with TimeML's spans (the preposition and
"on"/"in" stay outside). A bare weekday or month takes its direction from the clause it sits in (`tense.py`):
"on Monday said" is the Monday on or before the publication date, "will meet on Monday" the one after. An
expression that counts from another date the article named is anchored there: "a year earlier" after "the third
quarter", "the following month" after "In March".

Read top-down:

- `words.py` — the word lists every pattern is built from (months, weekdays, number words, units: in
  `resources/time_words.tsv` and `holidays.tsv`);
- `rules.py` — the table: one `Rule` per kind of time, in order of precedence, naming its pattern, its triggers,
  what it is not, its normalizer and its anchors;
- `find.py` — the rules run over the text; `normalize.py` — one function per kind, a match to a value;
  `anchor.py` — values re-counted from a date the article named; `context.py` — a last look with the parse;
  `calendar.py` — date arithmetic (python-dateutil) and which year or week a date without one falls in.

To add a kind of time: add one `rule(...)` to `RULES` in `rules.py` (where in the list decides what it wins
over), with its normalizer in `normalize.py`, and one test in `tests/test_times.py`.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dateline.extract.tense import tense_at
from dateline.extract.text import on_time_check, text_of
from dateline.extract.times.anchor import day_around
from dateline.extract.times.find import find_unwrapped, unwrapped
from dateline.extract.times.rules import BY_KIND
from dateline.records import Timex

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
    original = text_of(doc)
    text = unwrapped(original)  # what the rules read; the expressions' words are the article's own
    on_time = on_time_check(doc)
    for f in find_unwrapped(text):
        on_time()
        rule = BY_KIND[f.kind]
        tense = tense_at(doc, f.start, f.end)
        try:
            value = rule.normalize(f, text, published, tense)
            if value is not None and rule.in_context is not None:
                value = rule.in_context(doc, f, tense, value)
            if value is None:
                continue
            earlier = out[-ANCHORS:]
            kind, normal = next((v for v in (a(f, text, value, earlier, tense) for a in rule.anchors) if v), value)
        except (ValueError, OverflowError):  # a calendar past its ends (year 9999 and a day more): this one only
            continue
        out.append(Timex(text=original[f.left:f.end], start=f.left, end=f.end, type=kind, value=normal))
        merged = day_around(out[-2], out[-1], original) if len(out) > 1 else None
        if merged is not None:  # merged before the next expression counts from it
            out[-2:] = [merged]
    return out
