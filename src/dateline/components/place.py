"""Where each of Dateline's components stands in a spaCy pipeline, said once, here.

spaCy's `nlp.add_pipe(name)` puts a component last unless told `before=`, `after=`, `first=` or `last=`, and never
moves one: a factory cannot see where it is put. So each component declares its place (`PLACES`), `add` puts it
there (`nlp.add_pipe` with the `before` or `after` the pipeline calls for), and a component that finds itself out
of place says so on the first Doc it is given, with a coded error (`Misplaced`) naming the call that places
it — rather than spaCy's E043 (a sentence start set on a parsed Doc), or results quietly missing (quotes without
dates when `dateline_times` has not run). What each checks is the Doc's state, what it needs to have been done
already: a parse, entities, another step's results.

`dateline.nlp()` (`parse.load`) places every component by these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import Code, ConfigError


class Misplaced(ConfigError):
    """A component given a Doc it cannot work on where it stands: it says where it must stand and how to put it
    there."""

    code = Code.MISPLACED


MODEL = "the pipeline's own"
"""In `Place.after`: every component that stands before Dateline's first step and is not one (the model's tagger,
parser, entity recognizer, ...)."""
STEPS = ("dateline_institutions", "dateline_people", "dateline_times", "dateline_attribution", "dateline_quotes",
         "dateline_events")
"""The factories that read what the model's components annotate, so stand after all of them."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a component stands: after the last of `after` that the pipeline has, before the first of `before`."""

    words: str
    """Where, in words, for the docs and the errors."""
    how: str
    """How to put it there: the call, in a clause."""
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()


QUICKER = "dateline.parse.quicker(nlp) puts it in place of the pipeline's own"
"""How the two components that take the place of a pipeline's own are put there."""

PLACES: dict[str, Place] = {
    "dateline_attribute_ruler": Place(
        "in place of the pipeline's attribute ruler, after the tagger (its rules read the tags)", QUICKER,
        after=("tagger",), before=("dateline_lemmatizer", "lemmatizer")),
    "dateline_lemmatizer": Place(
        "in place of the pipeline's lemmatizer, after the tagger and the attribute ruler (in rule mode it reads "
        "the parts of speech)", QUICKER,
        after=("tagger", "attribute_ruler", "dateline_attribute_ruler")),
    "dateline_paragraphs": Place(
        "before the parser (or the senter), which keeps the sentence starts it sets; a parsed Doc cannot be given "
        "new ones",
        "place it with nlp.add_pipe('dateline_paragraphs', before='parser')",
        before=("parser", "senter")),
    "dateline_institutions": Place(
        "after the entity recognizer (it adds organizations where the recognizer found none) and before "
        "dateline_people",
        "place it with nlp.add_pipe('dateline_institutions', after='ner')",
        after=("ner", MODEL), before=("dateline_people", "dateline_times", "dateline_quotes", "dateline_events")),
    "dateline_people": Place(
        "after the parser and the entity recognizer (and dateline_institutions)",
        "place it with nlp.add_pipe('dateline_people')",
        after=(MODEL, "dateline_institutions", "dateline_attribution"),
        before=("dateline_times", "dateline_quotes", "dateline_events")),
    "dateline_times": Place(
        "after the tagger and the parser (after the pipeline's own components, and dateline_people)",
        "place it with nlp.add_pipe('dateline_times')",
        after=(MODEL, "dateline_institutions", "dateline_attribution", "dateline_people"),
        before=("dateline_quotes", "dateline_events")),
    "dateline_attribution": Place(
        "after the pipeline's own components (it reads the tags, the parse, the entities and doc.tensor) and "
        "before dateline_quotes, which merges what it proposes with what its rules find; Dateline puts it before "
        "its own steps, so that it reads articles in batches as the pipeline's own components do",
        "place it with nlp.add_pipe('dateline_attribution', before='dateline_people')",
        after=(MODEL, "dateline_institutions"),
        before=("dateline_people", "dateline_times", "dateline_quotes", "dateline_events")),
    "dateline_quotes": Place(
        "after dateline_people and dateline_times",
        "place it with nlp.add_pipe('dateline_quotes', after='dateline_times')",
        after=(MODEL, "dateline_institutions", "dateline_people", "dateline_times", "dateline_attribution"),
        before=("dateline_events",)),
    "dateline_events": Place(
        "after dateline_people, dateline_times and dateline_quotes",
        "place it with nlp.add_pipe('dateline_events', after='dateline_quotes')",
        after=(MODEL, "dateline_institutions", "dateline_people", "dateline_times", "dateline_attribution",
               "dateline_quotes")),
}

ANNOTATIONS = {"DEP": "parse (run the parser first)", "ENT_IOB": "entities (run the entity recognizer first)",
               "TAG": "tags (run the tagger first)", "POS": "parts of speech (run the tagger and the attribute "
                                                           "ruler first)"}
"""What a component may need of a Doc, as `Doc.has_annotation` names it, and in words."""


def _model(nlp: Language) -> list[str]:
    """The names of the pipeline's own components (`MODEL`): those before Dateline's first step, but for those."""
    names = nlp.component_names
    steps = [k for k, name in enumerate(names) if nlp.get_pipe_meta(name).factory in STEPS]
    return names[:steps[0]] if steps else names


def where(nlp: Language, factory: str) -> dict[str, str]:
    """The `after=` or `before=` of `nlp.add_pipe` that puts a Dateline component in its place in `nlp` as it
    stands: right after the last of the components it must follow, else before the first of those that must follow
    it, else neither (last). `nlp.add_pipe(factory, **where(nlp, factory))`."""
    place = PLACES[factory]
    model = set(_model(nlp)) if MODEL in place.after else set()
    earlier = [n for n in nlp.component_names if n in place.after or n in model]
    if earlier:
        return {"after": earlier[-1]}
    later = [n for n in nlp.component_names if n in place.before]
    return {"before": later[0]} if later else {}


def add(nlp: Language, factory: str, **options: Any) -> Any:
    """`nlp.add_pipe(factory, ...)` in the component's place (`where`); `options` are `add_pipe`'s others
    (`name`, `config`)."""
    return nlp.add_pipe(factory, **where(nlp, factory), **options)


def misplaced(factory: str, found: str) -> Misplaced:
    place = PLACES[factory]
    return Misplaced(f"{factory} {found}: it stands {place.words}; {place.how}")


def needs(doc: Doc, factory: str, annotations: tuple[str, ...] = (), steps: tuple[str, ...] = ()) -> None:
    """Raise `Misplaced` unless a (non-empty) Doc has each of `annotations` (`Doc.has_annotation`'s names) and the
    results of each of `steps` (Dateline's step names: their `doc._` attribute is set)."""
    if not len(doc):
        return
    for annotation in annotations:
        if not doc.has_annotation(annotation):
            raise misplaced(factory, f"was given a Doc without {ANNOTATIONS[annotation]}")
    for step in steps:
        if doc._.get(step) is None:
            raise misplaced(factory, f"was given a Doc that {step} has not been through")
