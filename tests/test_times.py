"""Dates and times, normalized against the publication date (2024-03-14, a Thursday, unless a test says)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.records import Result

Run = Callable[..., Result]


def values(result: Result) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in result.times]


@pytest.mark.parametrize(("sentence", "want"), [
    ("The mayor said on Monday that the vote would wait.", ("Monday", "DATE", "2024-03-11")),
    ("The council will meet on Monday.", ("Monday", "DATE", "2024-03-18")),
    ("The council met on Thursday.", ("Thursday", "DATE", "2024-03-14")),
    ("The plant closed on June 16.", ("June 16", "DATE", "2023-06-16")),
    ("The plant will reopen on June 16.", ("June 16", "DATE", "2024-06-16")),
    ("Two men were arrested in February.", ("February", "DATE", "2024-02")),
    ("The port opened on March 3, 1998.", ("March 3, 1998", "DATE", "1998-03-03")),
    ("Prices rose sharply in October 2019.", ("October 2019", "DATE", "2019-10")),
    ("The law passed in 2011.", ("2011", "DATE", "2011")),
    ("The town grew fast in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The mill closed two years ago.", ("two years ago", "DATE", "2022")),
    ("Sales fell last week.", ("last week", "DATE", "2024-W10")),
    ("The mayor will travel next month.", ("next month", "DATE", "2024-04")),
    ("It rained yesterday.", ("yesterday", "DATE", "2024-03-13")),
    ("The talks lasted six months.", ("six months", "DURATION", "P6M")),
    ("The board meets every week.", ("every week", "SET", "P1W")),
    ("The ferry leaves at 3 p.m.", ("3 p.m.", "TIME", "2024-03-14T15:00")),
    ("The market is open now.", ("now", "DATE", "PRESENT_REF")),
    ("Profits fell in the third quarter.", ("the third quarter", "DATE", "2023-Q3")),  # not yet begun in 2024
    ("The festival moves to a new site next summer.", ("next summer", "DATE", "2025-SU")),
])
def test_expression(run: Run, sentence: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence))


def test_names_are_not_dates(run: Run) -> None:
    assert values(run("She hosts “The Sunday Show” and may run for office.")) == []


def test_quote_is_dated_by_the_expression_on_its_cue(run: Run) -> None:
    r = run("Anna Price said on Tuesday that the bridge would open next year.")
    (q,) = r.quotes
    assert q.date == "2024-03-12"
