"""Dateline's spaCy components: importing this registers every factory."""

from dateline.components import events, paragraphs, people, quotes, times

__all__ = ["events", "paragraphs", "people", "quotes", "times"]
