"""`dateline_institutions`: organizations a small model misses — a single word or a fixed phrase (`Kremlin`, `White
House`, `Pentagon`; `resources/institutions.txt`) — added to `doc.ents` where the entity recognizer found none.

spaCy's `EntityRuler` with those names as its patterns, as `entity_ruler` makes it (`overwrite_ents=False`: an
entity the recognizer found stays). It stands after the entity recognizer and before `dateline_people`, which reads
the entities: a Doc that `dateline_people` has been through is a `Misplaced` error. The names are data of
the package, read when the component is made; a pipeline saved with it (`nlp.to_disk`) keeps them as spaCy's
ruler keeps its patterns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from dateline.components.extensions import register
from dateline.components.place import misplaced
from dateline.resources import load as load_resource

NAMES = "institutions.txt"


class Institutions(EntityRuler):
    """spaCy's entity ruler, with the institutions' names, that checks it stands before `dateline_people`."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.dateline_people is not None:
            raise misplaced("dateline_institutions", "was given a Doc that dateline_people has been through "
                                                     "(its organizations would be missed)")
        return super().__call__(doc)


def patterns() -> list[dict[str, str]]:
    """The ruler's patterns: each institution's name an organization."""
    return [{"label": "ORG", "pattern": name} for name in load_resource(NAMES)]


@Language.factory("dateline_institutions", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                  default_config={"scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"}})
def make_institutions(nlp: Language, name: str, scorer: Callable[..., Any] | None) -> Institutions:
    register()
    ruler = Institutions(nlp, name, overwrite_ents=False, scorer=scorer)
    with nlp.select_pipes(disable=nlp.pipe_names):  # a pattern is matched by its words: tokenized, nothing more
        ruler.add_patterns(patterns())
    return ruler
