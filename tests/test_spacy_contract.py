"""Dateline's steps keep spaCy's contract: results on `Doc._` as plain data, so a processed Doc serializes, goes
through `DocBin` and through `nlp.pipe(…, n_process=2)`; each step declares what it reads and writes; and one
pipeline serves many threads at once with the same results as one."""

from __future__ import annotations

import gc
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from corpus import story
from dateline.components.extensions import EXTENSIONS, PUBLISHED
from dateline.extract.text import memo
from dateline.pipeline import process, result_of
from dateline.records import Article, Result

pytestmark = pytest.mark.model

STEPS = ("dateline_people", "dateline_times", "dateline_quotes", "dateline_events")


def articles(n: int) -> list[Article]:
    out = []
    for k in range(n):
        day, title, text = story(k)
        out.append(Article(id=f"s{k}", text=text, published=date.fromisoformat(day), title=title))
    return out


def doc_of(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.dateline_published = article.published
    return nlp(doc)


def results(doc: Doc) -> dict[str, object]:
    """Dateline's results on a Doc, as its attributes give them (lists and dicts, after DocBin too)."""
    return {name: getattr(doc._, name) for name in EXTENSIONS}


def test_a_processed_doc_goes_to_bytes_and_back_whole(nlp: Language) -> None:
    article = articles(1)[0]
    doc = doc_of(nlp, article)
    assert doc._.dateline_quotes and doc._.dateline_people and doc._.dateline_times
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert results(back) == results(doc)
    assert back._.dateline_published == article.published  # a date again, kept as its ISO string
    assert result_of(article, back) == result_of(article, doc)


def test_docs_go_through_a_docbin(nlp: Language) -> None:
    docs = [doc_of(nlp, a) for a in articles(3)]
    box = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab))
    assert [results(d) for d in back] == [results(d) for d in docs]


def test_two_processes_give_what_one_does(nlp: Language) -> None:
    def dated() -> list[Doc]:
        docs = []
        for article in articles(4):
            doc = nlp.make_doc(article.text)
            doc._.dateline_published = article.published
            docs.append(doc)
        return docs

    one = [results(d) for d in nlp.pipe(dated(), n_process=1)]
    two = [results(d) for d in nlp.pipe(dated(), n_process=2, batch_size=2)]
    assert two == one and all(r["dateline_quotes"] for r in one)


def test_each_step_declares_what_it_reads_and_writes(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values())
    assigned = {name: set(analysis["summary"][name]["assigns"]) for name in STEPS}
    assert assigned["dateline_quotes"] == {"doc._.dateline_quotes"}
    assert "doc._.dateline_quotes" in analysis["summary"]["dateline_events"]["requires"]


def test_a_processed_doc_holds_only_what_the_steps_declare(nlp: Language) -> None:
    doc = doc_of(nlp, articles(1)[0])
    assert {key[1] for key in doc.user_data} <= set(EXTENSIONS)
    assert all(key[0] == "._." for key in doc.user_data) and PUBLISHED in doc.user_data


def test_each_step_has_a_config_naming_a_versioned_rule_set(nlp: Language) -> None:
    for name in STEPS:
        config = nlp.get_pipe_config(name)
        assert config["factory"] == name
        assert config["find"] == {"@misc": f"dateline.{name.removeprefix('dateline_')}.v1"}


def test_what_a_step_keeps_beside_a_doc_goes_with_the_doc(nlp: Language) -> None:
    doc = doc_of(nlp, articles(1)[0])
    assert memo(doc)  # the people step's analysis, kept for the steps after it
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None


def test_four_threads_on_one_pipeline_give_what_one_thread_does(nlp: Language) -> None:
    batches = [articles(24)[k::4] for k in range(4)]

    def run(batch: list[Article]) -> list[object]:
        return [r.to_dict() if isinstance(r, Result) else str(r) for r in process(nlp, batch, batch_size=2)]

    alone = [run(batch) for batch in batches]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(run, batches))
    assert together == alone
    assert all(isinstance(r, dict) and r["quotes"] for batch in alone for r in batch)
