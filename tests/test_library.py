"""Dateline as a spaCy library: results on the Doc come back from `to_bytes` and `DocBin` as they went in (lists
stay lists, dicts stay dicts, `==` holds) on real wire stories; `DocBin` keeps them only with
`store_user_data=True`."""

from __future__ import annotations

import itertools
import json

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from conftest import shared_path
from dateline.components.extensions import EXTENSIONS, RESULTS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def wire(nlp: Language) -> list[Doc]:
    """The first 50 Reuters wire stories of the shared dev set, through Dateline's pipeline."""
    docs = []
    with shared_path("data", "reuters", "reuters-dev.jsonl").open(encoding="utf-8") as lines:
        for line in itertools.islice(lines, 50):
            story = json.loads(line)
            doc = nlp.make_doc(story["text"])
            doc._.dateline_published = story["date"]
            docs.append(nlp(doc))
    assert sum(bool(d._.dateline_quotes) for d in docs) >= 30
    return docs


def results(doc: Doc) -> dict[str, object]:
    return {name: getattr(doc._, name) for name in EXTENSIONS}


def only_lists_and_dicts(value: object) -> bool:
    """Whether a value holds no tuple anywhere: lists, dicts and plain values only."""
    if isinstance(value, tuple):
        return False
    if isinstance(value, list):
        return all(only_lists_and_dicts(v) for v in value)
    if isinstance(value, dict):
        return all(only_lists_and_dicts(v) for v in value.values())
    return True


def test_results_come_back_from_a_docbin_equal_and_as_lists(nlp: Language, wire: list[Doc]) -> None:
    box = DocBin(store_user_data=True, docs=wire)
    back = list(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab))
    assert [results(d) for d in back] == [results(d) for d in wire]
    for doc in back:
        for name in RESULTS:
            value = getattr(doc._, f"dateline_{name}")
            assert type(value) is list and all(type(record) is dict for record in value)
            assert only_lists_and_dicts(value)
        for quote in doc._.dateline_quotes:
            assert type(quote["spans"]) is list and all(type(span) is list for span in quote["spans"])


def test_results_come_back_from_bytes_equal(nlp: Language, wire: list[Doc]) -> None:
    for doc in wire:
        back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert results(back) == results(doc)
        assert only_lists_and_dicts([getattr(back._, f"dateline_{name}") for name in RESULTS])


def test_a_changed_result_read_back_from_a_docbin_stays_changed(nlp: Language, wire: list[Doc]) -> None:
    (doc,) = DocBin(store_user_data=True, docs=wire[:1]).get_docs(nlp.vocab)
    doc._.dateline_quotes.append({"text": "added"})
    assert doc._.dateline_quotes[-1] == {"text": "added"}
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.dateline_quotes == wire[0]._.dateline_quotes + [{"text": "added"}]


def test_a_docbin_without_store_user_data_keeps_no_result(nlp: Language, wire: list[Doc]) -> None:
    """spaCy's default: the text and the parse come back, Dateline's results do not."""
    bare = list(DocBin(docs=wire[:5]).get_docs(nlp.vocab))
    assert [d.text for d in bare] == [d.text for d in wire[:5]]
    assert all(getattr(d._, name) is None for d in bare for name in EXTENSIONS)
    kept = list(DocBin(docs=wire[:5], store_user_data=True).get_docs(nlp.vocab))
    assert [results(d) for d in kept] == [results(d) for d in wire[:5]]
