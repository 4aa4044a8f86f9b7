"""`dateline_people`: the people, organizations and places of an article, on `doc._.people` and friends."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.extract.people import cast


class PeopleComponent:
    def __call__(self, doc: Doc) -> Doc:
        found = cast(doc)
        doc._.cast = found
        doc._.people = found.people
        doc._.organizations = found.organizations
        doc._.places = found.places
        return doc


@Language.factory("dateline_people", assigns=["doc._.people", "doc._.organizations", "doc._.places"],
                  requires=["doc.ents", "token.dep"])
def make_people(nlp: Language, name: str) -> PeopleComponent:
    register()
    return PeopleComponent()
