"""Bounded cost: four times the text costs about four times the time and memory, not sixteen, on the shapes of text
that once cost the square of their length; a runaway article is its own error; a long article is read whole.

Growth is measured, not speed: each step's time (and peak memory) at one size over that at a quarter of the size,
the fastest of a few runs with the garbage collector held off: 4 is linear, 16 quadratic, and the bound lies
between. `python bench/pathological.py` prints the full figures, and the 1,000,000-character article.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ExtractionError
from dateline.parse import STEPS, parse, pieces
from dateline.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from pathological import build  # noqa: E402  (the benchmark's own patterns)

pytestmark = pytest.mark.model

GROWTH = 4  # the larger text is this many times the smaller
LINEAR_ENOUGH = 8.0  # linear growth is 4, quadratic 16


def fastest(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()  # a collection of what other tests left behind is not the step's cost
    try:
        for _ in range(runs):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def modelled(nlp: Language, text: str) -> Doc:
    """The Doc after the model's components, before Dateline's steps."""
    doc = nlp.make_doc(text)
    doc._.dateline_published = date(2021, 3, 1)
    for name, proc in nlp.pipeline:
        if name not in STEPS:
            doc = proc(doc)
    return doc


def steps(nlp: Language, doc: Doc) -> Callable[[], object]:
    def run() -> Doc:
        for name, proc in nlp.pipeline:
            if name in STEPS:
                proc(doc)
        return doc
    return run


def test_the_tokenizer_is_linear_on_a_run_of_quotation_marks(nlp: Language) -> None:
    small, large = (fastest(lambda n=n: nlp.make_doc("“" * n), runs=2) for n in (10_000, 10_000 * GROWTH))
    assert large / small < LINEAR_ENOUGH
    doc = nlp.make_doc("He said “" + "“" * 3000 + "” and left.")
    assert doc.text == "He said “" + "“" * 3000 + "” and left."


@pytest.mark.parametrize("pattern", ["dates", "said", "indirect", "people", "orgs", "transcript", "quotes"])
def test_dateline_steps_grow_linearly(nlp: Language, pattern: str) -> None:
    small, large = (modelled(nlp, build(pattern, n)) for n in (10_000, 10_000 * GROWTH))
    t_small, t_large = fastest(steps(nlp, small)), fastest(steps(nlp, large))
    assert t_large / max(t_small, 1e-3) < LINEAR_ENOUGH, (t_small, t_large)
    peaks = []
    for doc in (small, large):
        gc.collect()
        tracemalloc.start()
        steps(nlp, doc)()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] / peaks[0] < LINEAR_ENOUGH, peaks


def test_a_long_article_is_read_whole_in_paragraph_aligned_pieces(nlp: Language) -> None:
    paragraph = "“We will keep the harbor open,” Mayor Ana Ortiz said on Monday. Reyes disagreed.\n\n"
    text = paragraph * 800  # 66,400 characters, 16,000 tokens: two pieces
    tokens = nlp.make_doc(text)
    cuts = pieces(tokens)
    assert len(cuts) == 2 and all("\n" in tokens[end - 1].text + tokens[end - 1].whitespace_ for _, end in cuts[:-1])
    ((article, doc),) = list(parse(nlp, [Article(id="long", text=text, published=date(2021, 3, 1))]))
    assert not isinstance(doc, ExtractionError)
    assert doc.text == text and len(doc._.dateline_quotes) == 800
    assert {q["speaker"]["name"] for q in doc._.dateline_quotes if q["speaker"]} == {"Ana Ortiz"}
    assert doc._.dateline_quotes[-1]["start"] == text.rindex("We will keep")


def test_an_article_over_its_time_budget_is_its_own_error(nlp: Language) -> None:
    articles = [Article(id=f"a{n}", text="“We will win,” Ana Ortiz said on Monday.", published=date(2021, 3, 1))
                for n in range(3)]
    out = list(parse(nlp, articles, budget=0.0, per_char=0.0))  # no time at all: each stops at its first check
    assert [a.id for a, _ in out] == ["a0", "a1", "a2"]
    assert all(isinstance(d, ExtractionError) and d.code == "D301" and "time budget" in str(d) for _, d in out)
    again = list(parse(nlp, articles))
    assert all(not isinstance(d, ExtractionError) for _, d in again)
