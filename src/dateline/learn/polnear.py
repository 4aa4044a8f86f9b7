"""PolNeAR as training data: its articles parsed as Dateline parses news, each with its attributions as targets.

PolNeAR (political news of 2015–2016 from seven US publishers, every attribution annotated with its source, cue
and content) comes as JSON Lines, one article a line: ``{"id", "date", "text", "quotes": [{"source", "cue",
"content"}]}``, each role a list of ``{"start", "end", "text"}`` character spans.

Its train split is cut in three by a hash of each article's id, so the cut never depends on the file's order:

- ``check``: ids whose SHA-1 begins with 0, 1 or 2 (about 3/16): the sealed check, never trained on, never read
  article by article, only scored (`bench/attribution.py` prints its figures beside dev's);
- ``validation``: ids whose SHA-1 begins with f: what training keeps its best model by;
- ``train``: the rest.

`corpus(...)` is registered as the spaCy reader ``dateline.PolNeAR.v1``: `spacy train` calls it every epoch, and
it parses the articles once (with `dateline.parse.load`, the pipeline Dateline runs, so the model is trained on the
Docs it will read) and hands out the same Docs after.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from dateline.components.attribution import GOLD
from dateline.learn.gold import Attribution

PARTS = ("train", "validation", "check", "open", "all")
"""The parts of a PolNeAR file `part_of` tells apart; "open" is train and validation, "all" every article."""


def part_of(article_id: str) -> str:
    """Which part an article of PolNeAR's train split belongs to, by its id (see the module's docstring)."""
    first = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[0]
    return "check" if first in "012" else "validation" if first == "f" else "train"


def wanted(article_id: str, part: str) -> bool:
    """Whether an article is in `part` (one of `PARTS`)."""
    if part == "all":
        return True
    found = part_of(article_id)
    return found != "check" if part == "open" else found == part


def articles(path: str | Path, part: str = "all", limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The articles of a PolNeAR file in `part`, in file order, at most `limit`."""
    count = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            article = json.loads(line)
            if not wanted(article["id"], part):
                continue
            yield article
            count += 1
            if limit is not None and count >= limit:
                return


def annotations(article: dict[str, Any]) -> list[dict[str, list[tuple[int, int]]]]:
    """An article's attributions as plain dicts of character spans (what `GOLD` holds)."""
    out = []
    for record in article.get("quotes", []):
        found = Attribution.from_polnear(record)
        out.append({"cue": found.cue, "source": found.source, "content": found.content})
    return out


def parsed(nlp: Language, found: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Doc]]:
    """Each article with its Doc, parsed by `nlp` (Dateline's parse: no Dateline steps are needed for training)."""
    items = list(found)
    docs = []
    for article in items:
        doc = nlp.make_doc(article["text"])
        doc._.dateline_published = article.get("date") or "2000-01-01"
        docs.append(doc)
    yield from zip(items, nlp.pipe(docs, batch_size=16), strict=True)


def examples(nlp: Language, found: Iterable[dict[str, Any]]) -> list[Example]:
    """Training examples: the parsed Doc as predicted, a copy of it holding the annotations as reference."""
    out = []
    for article, doc in parsed(nlp, found):
        reference = doc.copy()
        reference.user_data[GOLD] = annotations(article)
        out.append(Example(doc, reference))
    return out


@registry.readers("dateline.PolNeAR.v1")
def corpus(path: str, part: str = "train", limit: int | None = None,
           model: str | None = None) -> Callable[[Language], Iterator[Example]]:
    """The examples of one part of a PolNeAR file, parsed on the first call and kept for the next ones."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    kept: list[Example] = []

    def read(_: Language) -> Iterator[Example]:
        if not kept:
            from dateline.parse import DEFAULT_MODEL, load

            parser = load(model or DEFAULT_MODEL, steps=())
            kept.extend(examples(parser, articles(path, part, limit)))
        yield from kept

    return read
