"""Quotation marks and paragraphs, found in plain text: what the quote and people rules start from.

Pure functions over a string. A quotation opens and closes within a paragraph; one left open at a paragraph's end
runs on when the next paragraph opens a quotation again (the newswire convention for a quote of several
paragraphs), and otherwise ends with its paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.extract.syntax import title_case

OPEN = "“«„"
CLOSE = "”»"
STRAIGHT = '"'
PARAGRAPH = re.compile(r"[^\n]+")
DOUBLE_MARKS = re.compile("['" + OPEN + CLOSE + STRAIGHT + "]")  # the characters `_marks` reads, and nothing else
SINGLE_MARKS = re.compile("[‘’]")
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Quoted:
    """Text between quotation marks: `start`/`end` are inside the marks; `pieces` one per paragraph it spans."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool
    open_width: int = 1  # two for a doubled apostrophe ('')
    close_width: int = 1

    @property
    def outer_start(self) -> int:
        return self.start - self.open_width

    @property
    def outer_end(self) -> int:
        return self.end + self.close_width if self.closed else self.end


class Inside:
    """The character offsets that lie inside quotation marks, kept as intervals: `offset in inside`."""

    def __init__(self, quotations: Iterable[Quoted]) -> None:
        pieces = sorted(p for q in quotations for p in q.pieces)
        self.starts = [s for s, _ in pieces]
        self.ends = [e for _, e in pieces]

    def __contains__(self, at: object) -> bool:
        if not isinstance(at, int):
            return False
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and at < self.ends[k]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Start and end of each non-blank line: a paragraph, in news text as Dateline reads it."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]


def single_marks_primary(text: str) -> bool:
    """Whether the article quotes with single curly marks (‘…’, as British style does): it has no double marks."""
    return "‘" in text and not any(ch in text for ch in OPEN + CLOSE + STRAIGHT) and "''" not in text


def _closes(text: str, i: int, end: int) -> bool:
    """Whether the ’ at i closes a single-quoted passage: not an apostrophe inside a word ("don’t"), and not a
    plural possessive ("the voters’ verdict") while a later ’ in the paragraph could close instead."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    if before.isalpha() and after.isalpha():
        return False
    if before == "s" and after == " " and text[i + 2:i + 3].islower():
        later = text.find("’", i + 1, end)
        while later != -1 and text[later - 1:later].isalpha() and text[later + 1:later + 2].isalpha():
            later = text.find("’", later + 1, end)
        return later == -1
    return True


def _marks(text: str, start: int, end: int, single: bool = False) -> list[tuple[int, str, int]]:
    """Each quotation mark in text[start:end] as (offset, 'open' | 'close', width).

    Straight marks are paired by position; two apostrophes ('') are a straight double mark, as some archives
    print it. With `single`, the marks are ‘ and ’, where a ’ between letters is an apostrophe ("don’t").
    """
    found: list[tuple[int, str, int]] = []
    depth_open = False
    skip_to = start  # past the second of two apostrophes read as one mark
    for m in (SINGLE_MARKS if single else DOUBLE_MARKS).finditer(text, start, end):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if single:
            if ch == "‘":
                found.append((i, "open", 1))
                depth_open = True
            elif ch == "’" and depth_open and _closes(text, i, end):
                found.append((i, "close", 1))
                depth_open = False
            continue
        if ch == "'" and text[i + 1:i + 2] == "'" and i + 1 < end:
            before = text[i - 1] if i > start else " "
            after = text[i + 2] if i + 2 < end else " "
            if depth_open and not (before.isspace() and after.isalnum()):
                found.append((i, "close", 2))
                depth_open = False
            else:
                found.append((i, "open", 2))
                depth_open = True
            skip_to = i + 2
        elif ch in OPEN:
            found.append((i, "open", 1))
            depth_open = True
        elif ch in CLOSE:
            before = text[i - 1] if i > start else " "
            if not depth_open and before.isspace() and text[i + 1:i + 2].isalnum():
                found.append((i, "open", 1))  # a closing mark typed where an opening one belongs
                depth_open = True
                continue
            found.append((i, "close", 1))
            depth_open = False
        elif ch == STRAIGHT:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if depth_open and not (before.isspace() and after.isalnum()):
                found.append((i, "close", 1))
                depth_open = False
            elif not depth_open:
                found.append((i, "open", 1))
                depth_open = True
            else:
                found.append((i, "close", 1))
                depth_open = False
    return found


def quotations(text: str) -> list[Quoted]:
    """Every quotation in the text, in order, paired across paragraphs as newswire does.

    Double marks (curly, straight, guillemets, doubled apostrophes) are quotation marks; single curly ones are
    when the article has no double marks at all (`single_marks_primary`).
    """
    result: list[Quoted] = []
    carry: list[tuple[int, int]] = []  # pieces of a quotation still open from earlier paragraphs
    carry_mark = ""  # the mark that opened it
    single = single_marks_primary(text)
    for p_start, p_end in paragraphs(text):
        marks = _marks(text, p_start, p_end, single)
        if carry and not (marks and marks[0][1] == "open" and not text[p_start:marks[0][0]].strip()
                          and _family(text, marks[0]) == carry_mark):
            # a quotation runs on only into a paragraph that reopens it with the same kind of mark
            result.append(Quoted(carry[0][0], carry[-1][1], tuple(carry), closed=False, open_width=len(carry_mark)))
            carry = []
        opened: int | None = None
        width = 1
        for mark in marks:
            pos, kind, size = mark
            if kind == "open":
                if opened is not None:  # a second opening: the first never closed
                    carry = []
                opened, width = pos + size, size
                if not carry:
                    carry_mark = _family(text, mark)
            elif opened is not None:
                pieces = (*carry, (opened, pos))
                result.append(Quoted(pieces[0][0], pos, pieces, closed=True, open_width=len(carry_mark)
                                     if carry else width, close_width=size))
                carry, opened = [], None
            elif carry:
                carry = []
        if opened is not None:
            end = p_end
            while end > opened and text[end - 1].isspace():
                end -= 1
            carry = [*carry, (opened, end)]
    if carry:
        result.append(Quoted(carry[0][0], carry[-1][1], tuple(carry), closed=False, open_width=len(carry_mark)))
    return result


def _family(text: str, mark: tuple[int, str, int]) -> str:
    """The kind of an opening mark: '"' for straight, "''" for doubled apostrophes, "“" for curly ones."""
    pos, _, size = mark
    if size == 2:
        return "''"
    return text[pos] if text[pos] in (STRAIGHT, "‘") else "“"


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
    return title_case(words)


def word_count(text: str, q: Quoted) -> int:
    return len(WORD.findall(text[q.start:q.end]))
