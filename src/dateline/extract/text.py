"""The text of a Doc and where its tokens start, read once: `Doc.text` joins every token each time it is asked for,
and every step needs it."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc

KEY = "dateline_text"
STARTS = "dateline_starts"


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
