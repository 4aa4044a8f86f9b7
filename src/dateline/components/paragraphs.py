"""`dateline_paragraphs`: a sentence starts after every line break, so no sentence runs across paragraphs.

It stands before the parser (or the senter), which keeps sentence starts that are already set; a Doc that is
already parsed cannot be given new ones (spaCy's E043), so such a Doc is a `Misplaced` error that says how to
place the component: `nlp.add_pipe("dateline_paragraphs", before="parser")`. The text is not changed, so every
offset still indexes the article as read. Only the tokens after a line break are visited (found from the line
breaks' places in the text), not every token.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.place import misplaced


class Paragraphs:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        at = text.find("\n")
        if at < 0:
            return doc
        if doc.has_annotation("DEP"):
            raise misplaced("dateline_paragraphs", "was given a Doc that is parsed already")
        starts = doc.to_array([IDX]).tolist()
        while at >= 0:
            # the first token that starts after the line break: the break lies in the whitespace or the space
            # token before it
            i = bisect_right(starts, at)
            if 0 < i < len(starts):
                doc[i].is_sent_start = True
            at = text.find("\n", starts[i] if i < len(starts) else len(text))
        return doc


@Language.factory("dateline_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs()
