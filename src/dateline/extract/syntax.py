"""Syntax helpers the extractors share: a span as a `Mention`, the noun phrase a token heads, what a relative
pronoun stands for, title case, and the date a verb governs. One copy each, for people, quotes, events and times."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container

from spacy.tokens import Doc, Span, Token

from dateline.records import Mention, Timex

RELATIVE = frozenset({"who", "that", "which", "whom"})
"""Relative pronouns: "the mayor, who said …"."""
SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "or", "by", "from"})
"""The words title case leaves in lower case."""


def mention_of(span: Span) -> Mention:
    """A span of the Doc as the record of where it is."""
    return Mention(text=span.text, start=span.start_char, end=span.end_char)


def noun_phrase(token: Token) -> Span:
    """The noun phrase a token heads, without relative clauses, appositions or anything after a comma."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in {"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "advmod"}:
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"compound", "flat"} or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    span = doc[start:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
        span = span[:-1]
    return span


def antecedent(token: Token) -> Token | None:
    """What a relative pronoun stands for ("the mayor, who said" → "mayor"), or None for any other token."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        return token.head.head
    return None


def title_case(words: list[str], small: Container[str] = SMALL_WORDS) -> bool:
    """Words as names of books, shows and films are written: the first capitalized, and every other capitalized,
    a number, or one of the `small` words."""
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower().strip(",.") in small for w in words)


def date_of(doc: Doc, times: list[Timex], verb: Token, *, skip: Callable[[int], bool] | None = None) -> str | None:
    """The value of the first date or time expression the verb governs ("met on June 16", "on Monday said").

    `times` are in text order; only those in the verb's sentence are looked at (a parse never links two sentences).
    `skip(offset)` leaves out expressions that start at offsets it accepts (what a speaker said, say).
    """
    sentence = verb.sent
    first = bisect_left(times, sentence.start_char, key=lambda t: t.start)
    for t in times[first:bisect_left(times, sentence.end_char, key=lambda t: t.start)]:
        if t.type not in {"DATE", "TIME"} or (skip is not None and skip(t.start)):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        node = span.root
        for _ in range(3):
            if node.head.i == verb.i and node.i != verb.i:
                return t.value
            if node.head.i == node.i:
                break
            node = node.head
    return None
