"""`dateline_times`: time expressions normalized against `doc._.published`, on `doc._.times`.

A date is never guessed: a Doc without `doc._.published` is a `ConfigError` (D201) that says how to give one,
rather than times anchored to the day the code happens to run."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.errors import ConfigError
from dateline.extract.times import times


class TimesComponent:
    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        if not isinstance(published, date):
            raise NoPublicationDate(
                "dateline_times needs the article's publication date: doc = nlp.make_doc(text); "
                "doc._.published = date(2021, 6, 21); doc = nlp(doc) — or dateline.extract(text, published=…)")
        doc._.times = times(doc, published)
        return doc


class NoPublicationDate(ConfigError):
    """A Doc reached `dateline_times` without `doc._.published`: relative times cannot be anchored."""

    code = "D201"


@Language.factory("dateline_times", assigns=["doc._.times"], requires=["token.dep"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    register()
    return TimesComponent()
