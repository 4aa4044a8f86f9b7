"""`dateline_times`: time expressions normalized against `doc._.dateline_published`, on `doc._.dateline_times`.

A date is never guessed: a Doc without `doc._.dateline_published` is a `ConfigError` (`Code.DOC_WITHOUT_DATE`) that
says how to give one, rather than times anchored to the day the code happens to run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from dateline.components.extensions import register
from dateline.components.place import needs
from dateline.errors import Code, ConfigError
from dateline.extract.times import times
from dateline.records import Timex, plain


@registry.misc("dateline.times.v1")
def times_v1() -> Callable[[Doc, date], list[Timex]]:
    """The time rules of Dateline 0.1."""
    return times


class TimesComponent:
    def __init__(self, find: Callable[[Doc, date], list[Timex]]) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        needs(doc, "dateline_times", ("DEP", "TAG"))
        published = doc._.dateline_published
        if published is None:
            raise NoPublicationDate(
                "dateline_times needs the article's publication date: doc = nlp.make_doc(text); "
                "doc._.dateline_published = '2021-06-21'; doc = nlp(doc) — or dateline.extract(text, published=…)")
        doc._.dateline_times = plain(self.find(doc, published))
        return doc


class NoPublicationDate(ConfigError):
    """A Doc reached `dateline_times` without `doc._.dateline_published`: relative times cannot be anchored."""

    code = Code.DOC_WITHOUT_DATE


@Language.factory("dateline_times", default_config={"find": {"@misc": "dateline.times.v1"}},
                  assigns=["doc._.dateline_times"], requires=["token.dep", "token.tag"])
def make_times(nlp: Language, name: str, find: Callable[[Doc, date], list[Timex]]) -> TimesComponent:
    register()
    return TimesComponent(find)
