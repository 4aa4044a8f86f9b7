"""Every `Doc._` attribute Dateline sets, registered once, here."""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("published", "cast", "people", "organizations", "places", "quotes", "times", "events")


def register() -> None:
    """Register Dateline's `Doc._` attributes (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
