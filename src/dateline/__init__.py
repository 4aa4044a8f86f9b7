"""Dateline: dated news in, a record of who said what — quotes, people, dates and events — out.

    >>> import dateline
    >>> from datetime import date
    >>> result = dateline.extract("Smith said on Monday that taxes would rise.", published=date(2021, 6, 21))
    >>> result.quotes[0].speaker.name
    'Smith'
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from dateline.parse import DEFAULT_MODEL, load, shared
from dateline.records import Article, Result

__all__ = ["Article", "Result", "extract", "nlp"]
__version__ = "0.1.0"


def nlp(model: str = DEFAULT_MODEL) -> Language:
    """A new spaCy pipeline: `model` with Dateline's components added (add them to your own with `add_pipe`)."""
    return load(model)


def extract(text: str, published: date | str, *, model: str = DEFAULT_MODEL, id: str | None = None,
            title: str | None = None, url: str | None = None) -> Result:
    """Everything Dateline finds in one article published on `published` (a `date` or ``YYYY-MM-DD``)."""
    from dateline.pipeline import extract as run

    return run(text, published, nlp=shared(model), id=id, title=title, url=url)
