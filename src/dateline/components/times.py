"""`dateline_times`: time expressions normalized against `doc._.published`, on `doc._.times`."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.extract.times import times


class TimesComponent:
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published or date.today()
        doc._.times = times(doc, published)
        return doc


@Language.factory("dateline_times", assigns=["doc._.times"], requires=["token.dep"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    register()
    return TimesComponent()
