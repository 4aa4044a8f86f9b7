"""`dateline_people`: the people, organizations and places of an article, on `doc._.dateline_people` and friends.

Its working analysis (the `Cast`: which token points at which person or organization) is kept beside the Doc for
the steps after it (`dateline.extract.people.cast_of`), not on it. It also sets `doc.ents`, merging the entities
inside a quoted title ("“PBS NewsHour”") into one organization.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from dateline.components.extensions import register
from dateline.components.place import needs
from dateline.extract.people import Cast, cast, keep_cast
from dateline.records import plain


@registry.misc("dateline.people.v1")
def people_v1() -> Callable[[Doc], Cast]:
    """The people rules of Dateline 0.1."""
    return cast


class PeopleComponent:
    def __init__(self, find: Callable[[Doc], Cast]) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        needs(doc, "dateline_people", ("DEP", "ENT_IOB"))
        found = keep_cast(doc, self.find(doc))
        doc._.dateline_people = plain(found.people)
        doc._.dateline_organizations = plain(found.organizations)
        doc._.dateline_places = plain(found.places)
        return doc


@Language.factory(
    "dateline_people", default_config={"find": {"@misc": "dateline.people.v1"}},
    assigns=["doc.ents", "doc._.dateline_people", "doc._.dateline_organizations", "doc._.dateline_places"],
    requires=["doc.ents", "token.dep", "token.lemma"])
def make_people(nlp: Language, name: str, find: Callable[[Doc], Cast]) -> PeopleComponent:
    register()
    return PeopleComponent(find)
