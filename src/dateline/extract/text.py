"""The text of a Doc and where its tokens start, read once: `Doc.text` joins every token each time it is asked for,
and every step needs it. `memo(doc)` is where such things are kept: beside the Doc, not in it, so a Doc that went
through Dateline serializes as spaCy's own do and carries only what the components declare. And `Intervals`, the
stretches of text a step has taken, asked in logarithmic time: no step may scan all it found so far for each new
find, or a long article costs the square of its length."""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

NEWLINE = re.compile("\n")
KEY = "dateline_text"
STARTS = "dateline_starts"
SENTENCES = "dateline_sentences"
NEWLINES = "dateline_newlines"
DEADLINE = "dateline_deadline"


_MEMOS: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def memo(doc: Doc) -> dict[str, Any]:
    """What Dateline's steps worked out about a Doc and keep for later steps (its text, its token offsets, the
    people step's `Cast`), gone with the Doc.

    Kept outside the Doc, so that `doc.to_bytes()` and `DocBin` see only the components' declared results; keyed
    by the Doc itself, so two threads on two Docs never meet. A value kept here must not hold the Doc (no `Span` or
    `Token`), or the Doc could never be freed.
    """
    found = _MEMOS.get(doc)
    if found is None:
        with _MEMO_LOCK:
            found = _MEMOS.setdefault(doc, {})
    return found


class OverBudget(Exception):
    """An article took longer than its time budget."""


Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Deadline:
    """When an article's time is up, on the clock it is measured by (`time.monotonic` unless a caller gives its
    own). Set when the article's own work starts (`dateline.parse`), never when it is read."""

    at: float
    clock: Clock = time.monotonic

    @classmethod
    def after(cls, seconds: float, clock: Clock = time.monotonic) -> Deadline:
        return cls(clock() + seconds, clock)

    def passed(self) -> bool:
        return self.clock() > self.at


def on_time_check(doc: Doc) -> Callable[[], None]:
    """A check to call as a step goes: it raises `OverBudget` once the article's `Deadline` (set by
    `dateline.parse`) has passed, so a runaway costs its article, not the run. The deadline is read once here, so a
    call in a loop over every token is only a look at the clock."""
    deadline: Deadline | None = memo(doc).get(DEADLINE)
    if deadline is None:
        return _no_deadline
    at, clock = deadline.at, deadline.clock

    def check() -> None:
        if clock() > at:
            raise OverBudget("over its time budget")
    return check


def _no_deadline() -> None:
    return None


def text_of(doc: Doc) -> str:
    """The Doc's text, kept in its `memo` after the first call."""
    kept = memo(doc)
    text = kept.get(KEY)
    if text is None:
        text = kept[KEY] = doc.text
    return text


def starts_of(doc: Doc) -> list[int]:
    """Each token's character offset, kept in the Doc's `memo` after the first call."""
    kept = memo(doc)
    starts = kept.get(STARTS)
    if starts is None:
        starts = kept[STARTS] = doc.to_array(IDX).tolist()
    return starts


def paragraph_start(doc: Doc, i: int) -> int:
    """The first token of the paragraph token `i` is in (the parser's sentences can break inside one)."""
    kept = memo(doc)
    newlines = kept.get(NEWLINES)
    if newlines is None:
        text = text_of(doc)
        newlines = kept[NEWLINES] = [m.start() for m in NEWLINE.finditer(text)]
    k = bisect_left(newlines, starts_of(doc)[i]) - 1
    return 0 if k < 0 else bisect_right(starts_of(doc), newlines[k])


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence, and `len(doc)` after the last, kept in the Doc's `memo`: cheaper than
    `Doc.sents`, which builds every sentence each time it is read."""
    kept = memo(doc)
    starts = kept.get(SENTENCES)
    if starts is None:
        starts = [i for i, v in enumerate(doc.to_array(SENT_START).tolist()) if v == 1 or i == 0] + [len(doc)]
        kept[SENTENCES] = starts
    return starts


class Intervals:
    """A union of [start, end) stretches: `overlaps` and `add` in logarithmic time (and a list insert)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans or []:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any stretch shares a character with [start, end)."""
        k = bisect_left(self.starts, end) - 1  # the last stretch that starts before `end`
        return k >= 0 and self.ends[k] > start

    def add(self, start: int, end: int) -> None:
        """Take [start, end) too, merged with any stretch it touches."""
        lo = bisect_left(self.ends, start)  # the first stretch that ends at or after `start`
        hi = bisect_right(self.starts, end)  # past the last stretch that starts at or before `end`
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]
