"""Articles in, `Result`s out: the one function every face (CLI, Dask, the web) calls to extract.

No globals: the caller passes the pipeline (a Dask worker loads it once, in its plugin, and reuses it), and
nothing here changes it, so threads may share one for `process` and `extract`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import DatelineError, ExtractionError
from dateline.parse import parse
from dateline.read.fields import article_from
from dateline.records import Article, Result, entity_from, event_from, person_from, quote_from, timex_from


def result_of(article: Article, doc: Doc) -> Result:
    """The record of one processed article."""
    return Result(
        id=article.id,
        published=article.published.isoformat(),
        text=article.text,
        title=article.title,
        url=article.url,
        source=article.source,
        given_id=article.given_id,
        people=[person_from(p) for p in doc._.dateline_people or []],
        organizations=[entity_from(e) for e in doc._.dateline_organizations or []],
        places=[entity_from(e) for e in doc._.dateline_places or []],
        quotes=[quote_from(q) for q in doc._.dateline_quotes or []],
        times=[timex_from(t) for t in doc._.dateline_times or []],
        events=[event_from(e) for e in doc._.dateline_events or []],
    )


HELD = 1024
"""At most this many inputs (articles and errors) wait for their batch: past it the batch is run short, so memory
stays flat however many lines in a row are refused."""


def process(nlp: Language, articles: Iterable[Article | DatelineError], *,
            batch_size: int = 32) -> Iterator[Result | DatelineError]:
    """A `Result` for each article, and each error (read or extraction) passed on: the articles in order, each read
    error before the results of the batch it was read with.

    An error with no article waiting before it is passed on at once; the others wait with their batch, at most
    `HELD` inputs, so a run of refused lines holds nothing."""
    held: list[Article | DatelineError] = []
    waiting = 0
    for item in articles:
        if isinstance(item, DatelineError) and not waiting:
            yield item
            continue
        held.append(item)
        waiting += not isinstance(item, DatelineError)
        if waiting >= batch_size or len(held) >= HELD:
            yield from _in_order(nlp, held, batch_size)
            held, waiting = [], 0
    yield from _in_order(nlp, held, batch_size)


def _in_order(nlp: Language, held: list[Article | DatelineError],
              batch_size: int) -> Iterator[Result | DatelineError]:
    """The held inputs' errors, then their articles through the pipeline, in order: a run says what it refused
    before the results of the batch it was read with, as soon as it can."""
    yield from (item for item in held if isinstance(item, DatelineError))
    articles = [item for item in held if not isinstance(item, DatelineError)]
    for article, doc in parse(nlp, articles, batch_size=batch_size):
        yield doc if isinstance(doc, ExtractionError) else result_of(article, doc)


def process_batch(nlp: Language, articles: list[Article]) -> list[Result | DatelineError]:
    """Extract a batch: the unit of work a Dask worker runs (`scale.cluster`), and the in-process ingest too.

    The batch runs in a spaCy memory zone: the words it adds to the vocabulary are freed when it ends, so a process
    streaming a corpus of any length stays the same size. The results hold plain strings, never spaCy objects. A
    memory zone belongs to the pipeline's vocabulary, so one pipeline runs one batch at a time: callers with
    several threads give each its own pipeline, or take turns (the Dask worker plugin holds a lock).
    """
    with nlp.memory_zone():
        return list(process(nlp, articles))


def extract(text: str, published: date | str, *, nlp: Language, id: str | None = None, title: str | None = None,
            url: str | None = None) -> Result:
    """Extract one article, its fields checked as a reader checks them (`published` a `date` or ``YYYY-MM-DD``);
    raises the `ReadError` for a field that is wrong, the `ExtractionError` if extraction fails."""
    article = replace(article_from({"id": id, "text": text, "published": published, "title": title, "url": url},
                                   source="dateline.extract"), source=None)
    (result,) = list(process(nlp, [article]))
    if isinstance(result, DatelineError):
        raise result
    return result
