"""`dateline_quotes`: direct, mixed and indirect quotes with speaker, cue and addressee, on `doc._.dateline_quotes`.

Reads the people step's analysis (`cast_of`) and the times (a quote's date), so it comes after both: a Doc that
has not been through them is a `Misplaced` error, not quotes without their dates. Where the trained attribution
model (`dateline_attribution`) stands before it, its proposals (`doc._.dateline_attributions`) are merged with the
rules' quotes (`extract/quotes/merge.py`); without it the quotes are the rules' alone."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from dateline.components.extensions import register
from dateline.components.place import needs
from dateline.extract.people import Cast, cast_of
from dateline.extract.quotes import quotes
from dateline.records import Quote, Timex, plain, timex_from

Find = Callable[[Doc, Cast, list[Timex], list[dict] | None], list[Quote]]


@registry.misc("dateline.quotes.v1")
def quotes_v1() -> Find:
    """Dateline's quote rules, merged with the trained model's proposals where the model ran."""
    return quotes


class QuotesComponent:
    def __init__(self, find: Find) -> None:
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        needs(doc, "dateline_quotes", ("DEP", "ENT_IOB"), ("dateline_people", "dateline_times"))
        found = self.find(doc, cast_of(doc), [timex_from(t) for t in doc._.dateline_times or []],
                          doc._.dateline_attributions)
        doc._.dateline_quotes = plain(found)
        return doc


@Language.factory("dateline_quotes", default_config={"find": {"@misc": "dateline.quotes.v1"}},
                  assigns=["doc._.dateline_quotes"],
                  requires=["doc.ents", "token.dep", "doc._.dateline_people", "doc._.dateline_times"])
def make_quotes(nlp: Language, name: str, find: Find) -> QuotesComponent:
    register()
    return QuotesComponent(find)
