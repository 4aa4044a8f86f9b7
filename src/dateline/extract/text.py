"""The text of a Doc, read once: `Doc.text` joins every token each time it is asked for, and every step needs it."""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "dateline_text"


def text_of(doc: Doc) -> str:
    """The Doc's text, kept in `doc.user_data` after the first call."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
