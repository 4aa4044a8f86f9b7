"""Dateline's spaCy components: importing this registers every factory."""

from dateline.components import attributes, events, lemmas, paragraphs, people, quotes, times

__all__ = ["attributes", "events", "lemmas", "paragraphs", "people", "quotes", "times"]
