"""Dateline: dated news in, a record of who said what — quotes, people, dates and events — out.

    >>> import dateline
    >>> from datetime import date
    >>> result = dateline.extract("Smith said on Monday that taxes would rise.", published=date(2021, 6, 21))
    >>> result.quotes[0].speaker.name
    'Smith'

Dateline runs numpy's BLAS (OpenBLAS, MKL, OpenMP) with one thread unless the environment sets it, as Dask sets it on
its workers: spaCy's parse multiplies small matrices, which a pool of BLAS threads makes slower, not faster (the bare
parse of full-length news is about a tenth quicker with one thread here: `bench/ingest.py` prints both). The setting
is made on import, so it holds where Dateline is imported before numpy; set `OPENBLAS_NUM_THREADS` to choose.
"""

from __future__ import annotations

import os

ONE_THREAD = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")
for _name in ONE_THREAD:
    os.environ.setdefault(_name, "1")

from datetime import date  # noqa: E402  (numpy, under spaCy, loads after the setting above)

from spacy.language import Language  # noqa: E402

from dateline.parse import DEFAULT_MODEL, SHIPPED, load, shared  # noqa: E402
from dateline.records import Article, Result  # noqa: E402

__all__ = ["Article", "Result", "extract", "nlp"]
__version__ = "0.1.0"


def nlp(model: str = DEFAULT_MODEL, *, attribution: str | None = SHIPPED) -> Language:
    """A new spaCy pipeline: `model` with Dateline's components added (add them to your own with `add_pipe`).
    `attribution` is the trained attribution model: the one Dateline ships, a folder of your own, or None for
    the rules alone."""
    return load(model, attribution=attribution)


def extract(text: str, published: date | str, *, model: str = DEFAULT_MODEL, attribution: str | None = SHIPPED,
            id: str | None = None, title: str | None = None, url: str | None = None) -> Result:
    """Everything Dateline finds in one article published on `published` (a `date` or ``YYYY-MM-DD``); `attribution`
    as for `nlp`."""
    from dateline.pipeline import extract as run

    return run(text, published, nlp=shared(model, attribution), id=id, title=title, url=url)
