"""A last look at an expression with the parse, where the words alone cannot tell: "today's youth" is no day,
"will one day fly" is no day's length, "he was soon released" says nothing about the publication date.

Each takes `(doc, found, tense, value)` and returns the value to keep, another, or None to drop the expression.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.text import text_of
from dateline.extract.times.found import Found

Value = tuple[str, str]

GENERIC_NOUNS = {"world", "youth", "society", "generation", "economy", "culture", "standard"}


def generic_day(doc: Doc, f: Found, tense: str, value: Value) -> Value | None:
    """ "today's youth", "today's computers", "the people of tomorrow": the present or the future in general, not
    a day."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return value
    word = span[0]
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.pos_ == "NOUN":
        return None
    if not text_of(doc).startswith("'s", f.end):
        return value
    return None if word.head.tag_ == "NNS" or word.head.lemma_.lower() in GENERIC_NOUNS else value


def someday(doc: Doc, f: Found, tense: str, value: Value) -> Value | None:
    """ "he hopes to one day fly": an unnamed day, in the past or the future, not a day's length."""
    if text_of(doc)[f.start:f.end].lower() not in {"one day", "some day"}:
        return value
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return value
    unnamed = ("DATE", "PAST_REF" if tense == "past" else "FUTURE_REF")
    if span.start > 0 and (doc[span.start - 1].tag_ == "MD" or doc[span.start - 1].lower_ == "to"):
        return unnamed  # "will one day be", "to one day fly"
    root = span.root
    return unnamed if root.dep_ in {"npadvmod", "advmod"} and root.head.pos_ in {"VERB", "AUX"} and \
        root.head.i > root.i else value


def soon_in_the_past(doc: Doc, f: Found, tense: str, value: Value) -> Value | None:
    """ "he was soon released": soon after the story's moment, nothing about publication."""
    return None if tense == "past" and text_of(doc)[f.start:f.end].lower() == "soon" else value
