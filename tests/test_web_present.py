"""How the pages show what the store holds (`serve/web/present.py`), without a store: TIMEX3 values in words,
charts whose bins follow the span, searched words marked, the sentence around a quote, path-safe ids."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.serve.web.present import bdi, chart, from_path, marked, path_id, sentence_around, timex_in_words


@pytest.mark.parametrize(("value", "kind", "words"), [
    ("1987-03-04", "DATE", "4 March 1987"), ("1987-03-04TEV", "TIME", "4 March 1987, evening"),
    ("1987-03-04TNI", "TIME", "4 March 1987, night"), ("1987-03-11T14:30", "TIME", "11 March 1987, 14:30"),
    ("1987-03", "DATE", "March 1987"), ("1987", "DATE", "1987"), ("198", "DATE", "the 1980s"),
    ("1987-W09", "DATE", "week 9 of 1987"), ("1987-Q1", "DATE", "the first quarter of 1987"),
    ("1987-SU", "DATE", "summer 1987"), ("XXXX-03-04", "DATE", "4 March"), ("PRESENT_REF", "DATE", "now"),
    ("P1D", "DURATION", "one day"), ("PTXM", "DURATION", "a few minutes"), ("P2Y", "DURATION", "two years"),
    ("P180D", "DURATION", "180 days"), ("PT30M", "DURATION", "30 minutes"),
    ("P1Y6M", "DURATION", "one year and six months"), ("P1D", "SET", "every day"), ("P1W", "SET", "every week"),
    ("1987-13-01", "DATE", "1987-13-01"), ("nonsense", "DATE", "nonsense"),
])
def test_a_timex_value_reads_in_words(value: str, kind: str, words: str) -> None:
    assert timex_in_words(value, kind) == words


@given(st.text(min_size=1, max_size=60))
def test_any_id_opens_by_its_path_form_and_the_form_holds_no_separator(ident: str) -> None:
    safe = path_id(ident)
    assert from_path(safe) == ident
    assert not any(c in safe for c in "/?#\\ %") and safe not in {".", ".."}


def test_a_chart_bins_by_day_week_month_or_year_as_the_span_asks() -> None:
    start = date(1987, 3, 2)
    for span, unit, bins in ((20, "day", 21), (120, "week", 18), (700, "month", 23), (4000, "year", 12)):
        days = [{"day": start, "quotes": 2}, {"day": start + timedelta(days=span), "quotes": 1}]
        drawn = chart(days)
        assert (drawn["unit"], len(drawn["bars"])) == (unit, bins), span
        since, until = (date.fromisoformat(v.split("=")[1]) for v in drawn["bars"][0]["href"][2:].split("&"))
        assert since <= start <= until  # the first bar opens the days it covers
        assert sum(b["n"] for b in drawn["bars"]) == 3 and drawn["peak"] == 2
        assert [b["x"] for b in drawn["bars"]] == sorted(b["x"] for b in drawn["bars"])
    assert chart([]) == {"bars": []}


def test_searched_words_are_marked_and_nothing_else_becomes_markup() -> None:
    shown = str(marked("He voted <b>against</b> the votes \u202e", "vote"))
    assert shown == "<bdi>He <mark>voted</mark> &lt;b&gt;against&lt;/b&gt; the <mark>votes</mark> \ufffd</bdi>"
    assert str(marked("plain", None)) == "<bdi>plain</bdi>"
    assert str(bdi("<i>gnp.exe</i>\u202e")) == "<bdi>&lt;i&gt;gnp.exe&lt;/i&gt;\ufffd</bdi>"


def test_the_sentence_around_a_quote() -> None:
    text = 'First one. Then he said, "we will go," and left. Next.'
    start = text.index("we")
    end = text.index(',"') + 1
    assert sentence_around(text, start, end) == ('Then he said, "', '" and left.')
    long = "x " * 400 + "said it"
    assert sentence_around(long, len(long) - 2, len(long))[0].startswith("…")
