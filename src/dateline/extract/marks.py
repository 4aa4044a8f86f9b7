"""Quotation marks and paragraphs, found in plain text: what the quote and people rules start from.

Pure functions over a string. A quotation opens and closes within a paragraph; one left open at a paragraph's end
runs on when the next paragraph opens a quotation again (the newswire convention for a quote of several
paragraphs), and otherwise ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“«„"
CLOSE = "”»"
STRAIGHT = '"'
PARAGRAPH = re.compile(r"[^\n]+")
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Quoted:
    """Text between quotation marks: `start`/`end` are inside the marks; `pieces` one per paragraph it spans."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool

    @property
    def outer_start(self) -> int:
        return self.start - 1

    @property
    def outer_end(self) -> int:
        return self.end + 1 if self.closed else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Start and end of each non-blank line: a paragraph, in news text as Dateline reads it."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]


def _marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Each double quotation mark in text[start:end] as (offset, 'open' | 'close')."""
    found: list[tuple[int, str]] = []
    depth_open = False
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN:
            found.append((i, "open"))
            depth_open = True
        elif ch in CLOSE:
            found.append((i, "close"))
            depth_open = False
        elif ch == STRAIGHT:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if depth_open and not (before.isspace() and after.isalnum()):
                found.append((i, "close"))
                depth_open = False
            elif not depth_open:
                found.append((i, "open"))
                depth_open = True
            else:
                found.append((i, "close"))
                depth_open = False
    return found


def quotations(text: str) -> list[Quoted]:
    """Every quotation in the text, in order, paired across paragraphs as newswire does."""
    result: list[Quoted] = []
    carry: list[tuple[int, int]] = []  # pieces of a quotation still open from earlier paragraphs
    for p_start, p_end in paragraphs(text):
        marks = _marks(text, p_start, p_end)
        if carry and not (marks and marks[0][1] == "open" and not text[p_start:marks[0][0]].strip()
                          and (text[marks[0][0]] == STRAIGHT) == (text[carry[0][0] - 1] == STRAIGHT)):
            # a quotation runs on only into a paragraph that reopens it with the same kind of mark
            result.append(Quoted(carry[0][0], carry[-1][1], tuple(carry), closed=False))
            carry = []
        opened: int | None = None
        for pos, kind in marks:
            if kind == "open":
                if opened is not None:  # a second opening: the first never closed
                    carry = []
                opened = pos + 1
            elif opened is not None:
                pieces = (*carry, (opened, pos))
                result.append(Quoted(pieces[0][0], pos, pieces, closed=True))
                carry, opened = [], None
            elif carry:
                carry = []
        if opened is not None:
            end = p_end
            while end > opened and text[end - 1].isspace():
                end -= 1
            carry = [*carry, (opened, end)]
    if carry:
        result.append(Quoted(carry[0][0], carry[-1][1], tuple(carry), closed=False))
    return result


TITLE_BEFORE = {"on", "of", "in", "at", "the", "called", "titled", "entitled", "named", "dubbed", "show", "book",
                "film", "movie", "program", "programme", "series", "magazine", "newspaper", "s", "host", "song",
                "album"}


def is_title(text: str, q: Quoted) -> bool:
    """A quoted name ("“PBS NewsHour”", "“The Sunday Show”") rather than speech: short, every word capitalized.

    A name may keep a comma inside the marks ("on “The Morning Hour,” she said") when the word before it is one
    that introduces a name ("on", "of", "titled", a possessive).
    """
    inner = text[q.start:q.end]
    words = WORD.findall(inner)
    if not words or len(words) > 8:
        return False
    if inner.rstrip()[-1:] in ",.?!":
        before = WORD.findall(text[max(0, q.outer_start - 20):q.outer_start])
        if not before or before[-1].lower() not in TITLE_BEFORE:
            return False
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "or", "by", "from"}
    return words[0][:1].isupper() and all(w[:1].isupper() or w.isdigit() or w in small for w in words)


def word_count(text: str, q: Quoted) -> int:
    return len(WORD.findall(text[q.start:q.end]))
