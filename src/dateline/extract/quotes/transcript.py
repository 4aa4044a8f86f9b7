"""Transcript turns: paragraphs that open with a speaker's name in capitals and a colon ("PENCE: Well, …")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from dateline.extract.marks import paragraphs

LABEL = re.compile(r"(?:''|[\"“])?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}): +(?=\S)")


@dataclass(frozen=True, slots=True)
class Label:
    """A name in capitals and a colon that opens a paragraph."""

    name: str  # as written: "PENCE", "MR. TRUMP"
    start: int  # where the name begins
    words: int  # where the words after the colon begin
    turns: int  # how many paragraphs of the article open with the same label


def labels(text: str) -> list[Label]:
    """The labels that open the text's paragraphs, in order."""
    found = [m for m in (LABEL.match(text, start) for start, _ in paragraphs(text)) if m and len(m.group(1)) > 1]
    counts = Counter(m.group(1) for m in found)
    return [Label(m.group(1), m.start(1), m.end(), counts[m.group(1)]) for m in found]
