"""`dateline_quotes`: direct, mixed and indirect quotes with speaker, cue and addressee, on `doc._.quotes`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.extract.people import cast
from dateline.extract.quotes import quotes


class QuotesComponent:
    def __call__(self, doc: Doc) -> Doc:
        found = doc._.cast if doc._.cast is not None else cast(doc)
        doc._.quotes = quotes(doc, found, doc._.times or [])
        return doc


@Language.factory("dateline_quotes", assigns=["doc._.quotes"], requires=["doc.ents", "token.dep"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    register()
    return QuotesComponent()
