"""What the finder hands on: one expression found in the text, before it has a value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    """A match of one rule: where it is, which kind of time it is, and the pattern's named groups."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    left: int  # where the expression starts once the modifiers TimeML keeps ("early", "the") are taken in
