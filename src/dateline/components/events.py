"""`dateline_events`: meetings, arrests and other events with participants, place and time, on `doc._.events`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.extract.events import events
from dateline.extract.people import cast


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        found = doc._.cast if doc._.cast is not None else cast(doc)
        doc._.events = events(doc, found, doc._.times or [], doc._.quotes or [])
        return doc


@Language.factory("dateline_events", assigns=["doc._.events"], requires=["doc.ents", "token.dep"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    register()
    return EventsComponent()
