"""A budget for each input, counted from when that input's own work starts: an article is never refused for time
spent waiting for the next input or on a slow neighbour, and a slow input is refused on its own, the rest going on.

Time here is a clock the test holds, never the wall's: `Ticks` moves one second each time it is read, so an
article's "time" is how often its steps looked at the clock, which grows with its work; `Wall` moves only when
the test moves it (as the reader waits for the next line).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from corpus import html_page, story, write_warc
from dateline.errors import ExtractionError, ReadError
from dateline.parse import parse
from dateline.read import read_paths
from dateline.read.sources import from_json_line
from dateline.read.web import MAX_ELEMENTS, from_html
from dateline.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from pathological import build  # noqa: E402  (the benchmark's own patterns)

DAY = date(2021, 3, 1)


class Ticks:
    """A clock one second further on each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


class Wall:
    """A clock that stands still until told to move."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def good(n: int) -> Article:
    return Article(id=f"good-{n}", text=story(n)[2], published=DAY)


@pytest.mark.model
def test_an_article_read_70_s_after_the_one_before_is_not_refused(nlp: Language) -> None:
    wall = Wall()

    def slowly() -> Iterator[Article]:  # `dateline extract -` given one line, then another 70 s later
        for n in range(3):
            yield good(n)
            wall.now += 70.0

    out = list(parse(nlp, slowly(), budget=60.0, per_char=0.0, clock=wall))
    assert [a.id for a, _ in out] == ["good-0", "good-1", "good-2"]
    assert not [d for _, d in out if isinstance(d, ExtractionError)]


@pytest.mark.model
def test_a_slow_article_is_refused_and_its_neighbours_in_the_batch_are_not(nlp: Language) -> None:
    slow = Article(id="slow", text=build("said", 20_000), published=DAY)  # about 3,000 looks at the clock
    articles = [good(0), good(1), slow, good(2), good(3)]  # one batch: the model runs them together
    out = dict(parse(nlp, articles, budget=1000.0, per_char=0.0, clock=Ticks()))
    refused = {a.id: d for a, d in out.items() if isinstance(d, ExtractionError)}
    assert list(refused) == ["slow"] and refused["slow"].code == "D301" and "time budget" in str(refused["slow"])
    assert all(d._.dateline_quotes for a, d in out.items() if a.id != "slow")


def test_a_line_over_its_reading_budget_is_refused_by_line_and_code() -> None:
    line = '{"id": "a", "date": "2021-03-01", "text": "The mayor spoke."}'
    error = from_json_line(line, source="wire.jsonl", lineno=7, budget=30.0, clock=Ticks())
    assert not isinstance(error, ReadError)  # two looks at the clock: 1 s
    clock = Ticks()
    clock.now = -100.0
    late = from_json_line(line, source="wire.jsonl", lineno=7, budget=0.5, clock=clock)
    assert isinstance(late, ReadError) and late.code == "D110" and str(late).startswith("wire.jsonl:7: [D110]")


def test_a_page_of_too_many_elements_is_refused_at_once_and_the_pages_beside_it_read(tmp_path: Path) -> None:
    huge = ("<html><body>" + "<p>a</p>" * 200_000 + "<article><p>Mayor Ana Ortiz said on Monday, March 1, 2021,"
            " that the harbor would open.</p></article></body></html>").encode()
    (tmp_path / "a.html").write_bytes(html_page(1))
    (tmp_path / "b.html").write_bytes(huge)  # 1.6 MB: once 37 minutes and more
    (tmp_path / "c.html").write_bytes(html_page(2))
    got = list(read_paths([tmp_path]))
    assert [getattr(a, "title", None) for a in got] == [story(1)[1], None, story(2)[1]]
    assert isinstance(got[1], ReadError) and got[1].code == "D108"
    assert f"over the limit of {MAX_ELEMENTS:,}" in str(got[1])


def test_thirty_thousand_paragraphs_are_read(tmp_path: Path) -> None:
    page = ("<html><head><title>Harbor</title></head><body>" + "<p>a</p>" * 30_000 +
            "<article><p>Mayor Ana Ortiz said the harbor would open.</p></article></body></html>")
    article = from_html(page.encode(), source="p.html", published=DAY)
    assert not isinstance(article, ReadError) and "the harbor would open" in article.text


def test_a_bad_or_slow_warc_record_costs_that_record_only(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc"
    huge = b"<html><body>" + b"<p>a</p>" * 50_000 + b"</body></html>"
    write_warc(crawl, [("https://a.example/1", html_page(1), "text/html"),
                       ("https://a.example/2", huge, "text/html"),
                       ("https://a.example/3", html_page(3), "text/html"),
                       ("https://a.example/4", html_page(4), "text/html")], gzip=False)
    data = crawl.read_bytes()
    at = data.index(b"HTTP/1.1 200 OK", data.index(b"https://a.example/3"))
    crawl.write_bytes(data[:at] + b"HTXP/1.1 200 OK" + data[at + 15:])  # a malformed status line, same length
    got = list(read_paths([crawl]))
    assert [getattr(a, "url", None) for a in got] == ["https://a.example/1", None, None, "https://a.example/4"]
    assert [(e.line, e.code) for e in got if isinstance(e, ReadError)] == [(2, "D108"), (3, "D106")]
    assert "malformed HTTP head" in str(got[2])
