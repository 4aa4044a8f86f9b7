"""The model's attribute ruler and lemmatizer, run the quicker way (`parse.quicker`), give what spaCy's own give.

Dateline reads every component of the small English pipeline, so none is left out; two of them are run more
cheaply instead: the attribute ruler from a table (`components/attributes.py`), the lemmatizer behind a memo
(`components/lemmas.py`). These tests hold them to spaCy's own, token by token and article by article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from conftest import shared_path
from dateline.components.attributes import AttributeTable
from dateline.components.lemmas import Lemmas
from dateline.parse import DEFAULT_MODEL, load, parse, quicker
from dateline.pipeline import result_of
from dateline.read import read_paths
from dateline.records import Article

ANNOTATIONS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]

pytestmark = pytest.mark.model


def _twin_rulers(patterns: list[dict[str, object]]) -> tuple[AttributeRuler, AttributeTable, Language]:
    nlp = spacy.blank("en")
    spacys, ours = AttributeRuler(nlp.vocab), AttributeTable(nlp.vocab)
    spacys.add_patterns(patterns)
    ours.add_patterns(patterns)
    return spacys, ours, nlp


def _tagged(nlp: Language, words: list[str], tags: list[str], deps: list[str] | None = None) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=list(range(len(words))) if deps else None)


def test_the_later_rule_wins_where_two_apply_to_one_token() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"LOWER": "bank", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "LEMMA": "Bank"}},
        {"patterns": [[{"TAG": {"IN": ["VB", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", "VB"]}, "LOWER": {"REGEX": "^run"}}]], "attrs": {"LEMMA": "run"}},
    ]
    spacys, ours, nlp = _twin_rulers(patterns)
    assert ours.unreadable is None
    words, tags = ["The", "bank", "runs", "a", "bank", "run"], ["DT", "NN", "VBZ", "DT", "NN", "NN"]
    expected, got = spacys(_tagged(nlp, words, tags)), ours(_tagged(nlp, words, tags))
    assert [t.pos_ for t in got] == ["", "PROPN", "VERB", "", "PROPN", "NOUN"]
    assert [t.lemma_ for t in got] == ["", "Bank", "run", "", "Bank", ""]
    assert str(got[1].morph) == "Number=Sing"
    assert (got.to_array(ANNOTATIONS) == expected.to_array(ANNOTATIONS)).all()


def test_a_rule_of_two_tokens_sets_the_token_its_index_names() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    ]
    spacys, ours, nlp = _twin_rulers(patterns)
    words, tags = ["We", "'re", "gon", "na", "win", "\n", "gon"], ["PRP", "VBP", "VBG", "TO", "VB", "XX", "VBG"]
    expected, got = spacys(_tagged(nlp, words, tags)), ours(_tagged(nlp, words, tags))
    assert [t.lemma_ for t in got] == ["", "", "go", "to", "", "", ""]  # the last "gon" has no "na" after it
    assert (got[5].tag_, got[5].pos_) == ("_SP", "SPACE")
    assert (got.to_array(ANNOTATIONS) == expected.to_array(ANNOTATIONS)).all()


def test_rules_a_table_cannot_read_are_matched_by_spacy_as_before() -> None:
    patterns = [{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},
                {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}}]
    spacys, ours, nlp = _twin_rulers(patterns)
    assert ours.unreadable is not None and "OP" in ours.unreadable
    words, tags = ["the", "tax", "bill"], ["DT", "NN", "NN"]
    got = ours(_tagged(nlp, words, tags))
    assert [t.pos_ for t in got] == ["DET", "NOUN", "NOUN"]
    assert (got.to_array(ANNOTATIONS) == spacys(_tagged(nlp, words, tags)).to_array(ANNOTATIONS)).all()


def test_a_rule_added_later_is_read_too() -> None:
    _, ours, nlp = _twin_rulers([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    assert [t.pos_ for t in ours(_tagged(nlp, ["tax"], ["NN"]))] == ["NOUN"]
    ours.add([[{"LOWER": "tax"}]], {"POS": "PROPN"})
    assert [t.pos_ for t in ours(_tagged(nlp, ["tax"], ["NN"]))] == ["PROPN"]


def test_the_loaded_pipeline_runs_both_the_quicker_way_under_their_own_names() -> None:
    nlp = load(DEFAULT_MODEL, steps=())
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(nlp.get_pipe("lemmatizer"), Lemmas)
    assert nlp.get_pipe("attribute_ruler").unreadable is None  # every rule of the small English model is read
    plain = load(DEFAULT_MODEL, steps=(), quick=False)
    assert type(plain.get_pipe("attribute_ruler")) is AttributeRuler


def test_a_pipeline_saved_with_them_loads_and_annotates_the_same(tmp_path: Path) -> None:
    spacys = spacy.load(DEFAULT_MODEL)
    quick = quicker(spacy.load(DEFAULT_MODEL))
    quick.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert isinstance(again.get_pipe("lemmatizer"), Lemmas)
    text = ("Ana Ortiz, who's gonna run the harbor board, said y'all ain't seen nothing yet.\n\n"
            "The bids were opened on Monday; the lowest came in at $4.2 million.")
    expected = spacys(text).to_array(ANNOTATIONS)
    assert (quick(text).to_array(ANNOTATIONS) == expected).all()
    assert (again(text).to_array(ANNOTATIONS) == expected).all()


def test_polnear_dev_is_annotated_and_extracted_the_same_either_way() -> None:
    """Every token of every PolNeAR dev article, and every record Dateline extracts from them, the same with the
    quicker components and with spaCy's own."""
    articles = [a for a in read_paths([str(shared_path("data", "polnear", "dev.jsonl"))]) if isinstance(a, Article)]
    assert len(articles) == 84
    runs = []
    for quick in (True, False):
        nlp = load(DEFAULT_MODEL, quick=quick)
        with nlp.memory_zone():
            runs.append([(doc.to_array(ANNOTATIONS).tolist(), json.dumps(result_of(article, doc).to_dict()))
                         for article, doc in parse(nlp, articles)])
    quick, plain = runs
    assert [tokens for tokens, _ in quick] == [tokens for tokens, _ in plain]
    assert [result for _, result in quick] == [result for _, result in plain]
