"""`dateline_events`: meetings, arrests and other events with participants, place and time, on
`doc._.dateline_events`. Reads the people, the times and the quotes, so it comes after all three (else a
`Misplaced` error)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from dateline.components.extensions import register
from dateline.components.place import needs
from dateline.extract.events import events
from dateline.extract.people import Cast, cast_of
from dateline.records import Event, Quote, Timex, plain, quote_from, timex_from

Find = Callable[[Doc, Cast, list[Timex], list[Quote]], list[Event]]


@registry.misc("dateline.events.v1")
def events_v1() -> Find:
    """The event rules of Dateline 0.1."""
    return events


class EventsComponent:
    def __init__(self, find: Find) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        needs(doc, "dateline_events", ("DEP", "ENT_IOB"), ("dateline_people", "dateline_times", "dateline_quotes"))
        found = self.find(doc, cast_of(doc), [timex_from(t) for t in doc._.dateline_times or []],
                          [quote_from(q) for q in doc._.dateline_quotes or []])
        doc._.dateline_events = plain(found)
        return doc


@Language.factory("dateline_events", default_config={"find": {"@misc": "dateline.events.v1"}},
                  assigns=["doc._.dateline_events"],
                  requires=["doc.ents", "token.dep", "doc._.dateline_people", "doc._.dateline_times",
                            "doc._.dateline_quotes"])
def make_events(nlp: Language, name: str, find: Find) -> EventsComponent:
    register()
    return EventsComponent(find)
