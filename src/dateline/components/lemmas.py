"""`dateline_lemmatizer`: a pipeline's own lemmatizer, asked once per word, part of speech and morphology.

spaCy's rule lemmatizer gives a lemma that depends on three things only: the word, its part of speech and its
morphology (spaCy caches its answers by them itself, but not the commonest ones: a word already in its base form, such
as a singular noun, is worked out again every time). This component keeps the lemmatizer — the pipeline's own, with
its tables and its language's rules — and remembers its answer for each of those three, so each distinct one is
asked once; the lemmas are then set in one pass. Same lemmas; about a seventh of the time.

A word it has not seen is asked of a copy of the lemmatizer whose index of known lemmas (`lemma_index`, a list per
part of speech: 57,528 nouns in `en_core_web_sm`, searched from the start for every form a rule proposes) is held as
sets: the same membership, found at once. The lemmatizer itself, with its tables as they were, is what is saved.

In rule mode it reads parts of speech, so it stands after the tagger and the attribute ruler: a Doc without them
is a `Misplaced` error where spaCy's own lemmatizer warns (W108) and gives lemmas that are only lower-cased
words. `parse.load` (through `parse.quicker`) puts it in place of a pipeline's lemmatizer when that is spaCy's
`Lemmatizer` (or a language's subclass of it, as English's) in "rule" or "lookup" mode; any other lemmatizer runs
as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from dateline.components.place import misplaced

MODES = ("rule", "lookup")
"""The modes whose lemma is a function of the word, its part of speech and its morphology."""
MEMO_SIZE = 200_000
"""Distinct (word, part of speech, morphology) remembered before the memo starts again (about 30,000 in 1,000 news
articles)."""


def with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A shallow copy of `lemmatizer` (its cache shared) whose `lemma_index` lists are sets."""
    asked = copy.copy(lemmatizer)
    if "lemma_index" in lemmatizer.lookups.tables:
        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                table = Table.from_dict({key: frozenset(forms) if isinstance(forms, list) else forms
                                         for key, forms in table.items()}, name=name)
            lookups.set_table(name, table)
        asked.lookups = lookups
    return asked


class Lemmas:
    """A lemmatizer (spaCy's `Lemmatizer`, in one of `MODES`) with a memo in front of it."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode not in MODES:
            raise ValueError(f"dateline_lemmatizer remembers lemmas in {' or '.join(MODES)} mode, "
                             f"not {lemmatizer.mode!r}")
        self.memo: dict[tuple[int, int, int], str] = {}
        self.lemmatizer = lemmatizer  # the setter makes the copy to ask, and marks the tables unchecked

    @property
    def lemmatizer(self) -> Lemmatizer:
        """The pipeline's lemmatizer, as it was loaded."""
        return self._lemmatizer

    @lemmatizer.setter
    def lemmatizer(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = lemmatizer
        self._renew()

    def _renew(self) -> None:
        """After the lemmatizer's tables change: a new copy to ask, and nothing remembered."""
        asked = with_index_sets(self._lemmatizer)
        self._ask = asked.rule_lemmatize if asked.mode == "rule" else asked.lookup_lemmatize
        self.memo.clear()
        self._checked = False

    def __call__(self, doc: Doc) -> Doc:
        if not self._checked:  # the lemmatizer checks its tables on its first Doc: an empty one will do
            self.lemmatizer(Doc(doc.vocab, words=[]))
            self._checked = True
        if not len(doc):
            return doc
        if self.lemmatizer.mode == "rule" and not doc.has_annotation(POS):
            raise misplaced("dateline_lemmatizer", "was given a Doc without parts of speech, which its rules read")
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        add = doc.vocab.strings.add
        memo = self.memo
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:  # set already (the attribute ruler sets a few)
                continue
            key = (orth, pos, morph)
            form = memo.get(key)
            if form is None:
                form = self._ask(doc[i])[0]
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[key] = form
            lemmas[i] = add(form)
        doc.from_array([LEMMA], lemmas)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # What spaCy asks of a component for training and serialization is the lemmatizer's own.

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   **kwargs: Any) -> None:
        self.lemmatizer.initialize(get_examples, nlp=nlp, **kwargs)
        self._renew()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.lemmatizer.to_bytes(exclude=exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Lemmas:
        self.lemmatizer.from_bytes(data, exclude=exclude)
        self._renew()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.lemmatizer.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Lemmas:
        self.lemmatizer.from_disk(path, exclude=exclude)
        self._renew()
        return self


@Language.factory("dateline_lemmatizer", assigns=["token.lemma"],
                  default_config={"mode": "rule", "overwrite": False,
                                  "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}})
def make_lemmas(nlp: Language, name: str, mode: str, overwrite: bool,
                scorer: Callable[..., Any] | None) -> Lemmas:
    """The language's own lemmatizer (`nlp.create_pipe("lemmatizer")`), remembered; its tables come with the
    pipeline (`from_disk`), or from `replace(nlp, name)` when it takes the place of one already loaded."""
    lemmatizer = nlp.create_pipe("lemmatizer", name=name, config={"model": None, "mode": mode, "overwrite": overwrite})
    lemmatizer.scorer = scorer
    return Lemmas(lemmatizer)
