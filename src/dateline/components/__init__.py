"""Dateline's spaCy components: importing this registers every factory.

Each declares where it stands in a pipeline (`place.PLACES`); `place.add(nlp, name)` puts it there, and one given a
Doc it cannot work on where it stands says how to place it (`place.Misplaced`).
"""

from dateline.components import attributes, events, institutions, lemmas, paragraphs, people, place, quotes, times

__all__ = ["attributes", "events", "institutions", "lemmas", "paragraphs", "people", "place", "quotes", "times"]
