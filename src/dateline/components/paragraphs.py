"""`dateline_paragraphs`: a sentence starts after every line break, so no sentence runs across paragraphs.

Placed before the parser, which keeps sentence starts that are already set. The text is not changed, so every
offset still indexes the article as read.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Paragraphs:
    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                doc[i].is_sent_start = True
        return doc


@Language.factory("dateline_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs()
