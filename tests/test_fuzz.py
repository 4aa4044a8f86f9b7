"""Property-based fuzzing (Hypothesis) of every reader and of extraction: no input crashes, every input gives an
article or a one-line error, and every good record next to bad ones comes out. Bounded to well under a minute."""

from __future__ import annotations

import gzip
import json
import os
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dateline.errors import DatelineError, ReadError
from dateline.pipeline import process
from dateline.read import read_paths
from dateline.records import Article, Result

EXAMPLES = int(os.environ.get("DATELINE_FUZZ_EXAMPLES", "200"))  # raise it for a longer hunt
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NEWS_WORDS = ["said", "told", "“", "”", '"', "'", "Monday", "last", "year", "in", "February", "the", "Mr.", "Ortiz",
              "Acme Corp.", "according", "to", ",", ".", "\n\n", ":", "—", "2021", "15", "percent", "he", "she",
              "[/quote]", "\x1b[2J", "\u2028", "\x85", "\t", "(AP)", "WASHINGTON", "—", "said.", "?", "«", "»"]

texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200)
newsy = st.lists(st.sampled_from(NEWS_WORDS) | texts.map(lambda s: s[:8]), max_size=60).map(" ".join)
good_records = st.builds(
    lambda text, day: {"date": day.isoformat(), "text": text},
    texts.filter(lambda t: t.strip() != ""), st.dates(date(1000, 1, 1), date(2999, 12, 31)))
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | texts,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=8)
bad_lines = st.one_of(
    st.binary(min_size=1, max_size=80),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"id": json_values, "date": json_values, "text": json_values, "title": json_values,
                           "url": json_values}).map(lambda d: json.dumps(d).encode()),
).filter(lambda b: b"\n" not in b and b.decode("utf-8", "replace").lstrip("\ufeff").strip() != "")
# (a byte-order mark opening a file is the encoding's, not a line: a BOM alone is a blank line, which is passed over)


def read_all(path: Path) -> list[Article | DatelineError]:
    return list(read_paths([path]))


@FUZZ
@given(st.lists(st.tuples(st.booleans(), good_records, bad_lines), min_size=1, max_size=12), st.booleans())
def test_json_lines_every_good_record_comes_out_beside_bad_ones(lines: list[tuple[bool, dict[str, object], bytes]],
                                                                compress: bool) -> None:
    body = b"\n".join(json.dumps({"id": f"good-{k}", **good}, ensure_ascii=False).encode() if keep else bad
                      for k, (keep, good, bad) in enumerate(lines))
    wanted = [f"good-{k}" for k, (keep, _, _) in enumerate(lines) if keep]
    with TemporaryDirectory() as folder:
        path = Path(folder) / ("c.jsonl.gz" if compress else "c.jsonl")
        path.write_bytes(gzip.compress(body) if compress else body)
        items = read_all(path)
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles if a.id.startswith("good-")] == wanted
    assert len(items) == len(lines)  # each line an article or an error, in place
    errors = [i for i in items if isinstance(i, ReadError)]
    assert all(e.line is not None and "\n" not in str(e) for e in errors)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html", "a.tml", "a.warc", "a.jsonl.gz", "a.warc.gz",
                                                 "a"]))
def test_any_bytes_in_any_form_are_articles_or_one_line_errors(data: bytes, name: str) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = read_all(path)
    assert all(isinstance(i, Article | ReadError) for i in items)
    assert all("\n" not in str(i) for i in items if isinstance(i, ReadError))


@FUZZ
@given(texts | newsy)
def test_dated_text_of_any_content_is_read_or_refused(body: str) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_text("date 2024-03-14 " + body, encoding="utf-8")
        (item,) = read_all(path)
    assert isinstance(item, Article) or (isinstance(item, ReadError) and item.code in {"D102", "D103"})


@pytest.mark.model
@settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(newsy | texts, min_size=1, max_size=4), st.dates(date(1000, 1, 1), date(2999, 12, 31)))
def test_extraction_never_crashes_and_keeps_every_article(nlp: Language, bodies: list[str], day: date) -> None:
    articles = [Article(id=f"f{n}", text=body, published=day) for n, body in enumerate(bodies) if body.strip()]
    out = list(process(nlp, articles))
    assert len(out) == len(articles)
    for article, item in zip(articles, out, strict=True):
        assert isinstance(item, Result), item
        assert item.id == article.id
        for q in item.quotes:
            assert 0 <= q.start <= q.end <= len(article.text)
        for t in item.times:
            assert article.text[t.start:t.end] == t.text
