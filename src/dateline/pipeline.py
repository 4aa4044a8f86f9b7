"""Articles in, `Result`s out: the one function every face (CLI, Dask, the web) calls to extract.

No globals: the caller passes the pipeline, so a worker loads it once and reuses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import DatelineError, ExtractionError
from dateline.parse import DEFAULT_MODEL, parse, shared
from dateline.read.fields import article_from
from dateline.records import Article, Result


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
        people=doc._.people or [],
        organizations=doc._.organizations or [],
        places=doc._.places or [],
        quotes=doc._.quotes or [],
        times=doc._.times or [],
        events=doc._.events or [],
    )


def process(nlp: Language, articles: Iterable[Article | DatelineError], *,
            batch_size: int = 32) -> Iterator[Result | DatelineError]:
    """A `Result` for each article, and each error (read or extraction) passed on in its place, in order."""
    errors: list[DatelineError] = []

    def good() -> Iterator[Article]:
        for item in articles:
            if isinstance(item, DatelineError):
                errors.append(item)
            else:
                yield item

    for article, doc in parse(nlp, good(), batch_size=batch_size):
        while errors:
            yield errors.pop(0)
        yield doc if isinstance(doc, ExtractionError) else result_of(article, doc)
    yield from errors


def process_batch(articles: list[Article], model: str = DEFAULT_MODEL) -> list[Result | DatelineError]:
    """Extract a batch with this process's one pipeline for `model`, loaded on first use: the unit of work a Dask
    worker runs, and the in-process ingest too.

    The batch runs in a spaCy memory zone: the words it adds to the vocabulary are freed when it ends, so a worker
    streaming a corpus of any length stays the same size. The results hold plain strings, never spaCy objects.
    """
    nlp = shared(model)
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
