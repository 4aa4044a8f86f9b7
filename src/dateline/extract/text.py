"""The text of a Doc and where its tokens start, read once: `Doc.text` joins every token each time it is asked for,
and every step needs it."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

KEY = "dateline_text"
STARTS = "dateline_starts"
SENTENCES = "dateline_sentences"


def text_of(doc: Doc) -> str:
    """The Doc's text, kept in `doc.user_data` after the first call."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text


def starts_of(doc: Doc) -> list[int]:
    """Each token's character offset, kept in `doc.user_data` after the first call."""
    starts = doc.user_data.get(STARTS)
    if starts is None:
        starts = doc.user_data[STARTS] = doc.to_array(IDX).tolist()
    return starts


def paragraph_start(doc: Doc, i: int) -> int:
    """The first token of the paragraph token `i` is in (the parser's sentences can break inside one)."""
    newline = text_of(doc).rfind("\n", 0, starts_of(doc)[i])
    return 0 if newline < 0 else bisect_right(starts_of(doc), newline)


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence, and `len(doc)` after the last, kept in `doc.user_data`: cheaper than
    `Doc.sents`, which builds every sentence each time it is read."""
    starts = doc.user_data.get(SENTENCES)
    if starts is None:
        starts = [i for i, v in enumerate(doc.to_array(SENT_START).tolist()) if v == 1 or i == 0] + [len(doc)]
        doc.user_data[SENTENCES] = starts
    return starts
