"""Data only: word lists Dateline's rules read, through `load`."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def load(name: str) -> tuple[str, ...]:
    """The non-comment lines of a resource file, stripped."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """A resource file as a set of lower-cased words."""
    return frozenset(line.lower() for line in load(name))
