"""What each Dateline step costs, as a ratio to the bare spaCy parse of the same articles, in one run.

    python bench/speed.py [ARTICLES.jsonl] [--limit N] [--repeat R]

By default the articles are PolNeAR dev (../shared/data/polnear/dev.jsonl); any JSONL of {"id","date","text"} will
do. Every article goes through the pipeline one component at a time, and each component's time is summed, so the
figures come from the same documents in the same process:

- bare parse: the spaCy model alone (`spacy.load(model).pipe(texts)`), as anyone would run it: the denominator;
- each Dateline step: its component's time over the same articles, and its ratio to the bare parse;
- the whole Dateline pipeline through `nlp.pipe`, and its ratio to the bare parse.

The run is repeated R times (default 3) and the fastest total per component kept, to damp noise on a shared machine.
Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from dateline.parse import DEFAULT_MODEL, SHIPPED, load
from dateline.read import read_paths
from dateline.records import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT = SHARED / "data" / "polnear" / "dev.jsonl"
OURS = ("dateline_institutions", "dateline_people", "dateline_times", "dateline_attribution", "dateline_quotes",
        "dateline_events")


def articles(path: Path, limit: int | None) -> list[Article]:
    found = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    return found[:limit] if limit else found


def dated(nlp, batch: list[Article]):  # type: ignore[no-untyped-def]
    """Each article tokenized with its publication date set, as Dateline's steps need it."""
    for article in batch:
        doc = nlp.make_doc(article.text)
        doc._.dateline_published = article.published
        yield doc


def timed_run(nlp, batch: list[Article]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    spent: dict[str, float] = defaultdict(float)
    for article in batch:
        started = time.perf_counter()
        doc = nlp.make_doc(article.text)
        spent["tokenizer"] += time.perf_counter() - started
        doc._.dateline_published = article.published
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--attribution-model", default=SHIPPED, help="a trained attribution model folder")
    parser.add_argument("--rules-only", action="store_true", help="without the trained attribution model")
    parser.add_argument("--memory", action="store_true",
                        help="also the peak memory of a process that extracts the articles, with and without the "
                             "attribution model (each in a process of its own)")
    args = parser.parse_args()
    attribution = None if args.rules_only else args.attribution_model
    if not args.articles.exists():
        sys.exit(f"{args.articles}: not found (PolNeAR dev is read from ../shared; pass a JSONL of articles)")
    batch = articles(args.articles, args.limit)
    texts = [a.text for a in batch]
    bare = spacy.load(args.model)
    nlp = load(args.model, attribution=attribution)
    list(bare.pipe(texts[:5]))  # warm up
    timed_run(nlp, batch[:5])
    best: dict[str, float] = {}
    bare_best = whole_best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _doc in bare.pipe(texts):
            pass
        bare_best = min(bare_best, time.perf_counter() - started)
        started = time.perf_counter()
        for _doc in nlp.pipe(dated(nlp, batch)):
            pass
        whole_best = min(whole_best, time.perf_counter() - started)
        for name, seconds in timed_run(nlp, batch).items():
            best[name] = min(best.get(name, float("inf")), seconds)
    words = sum(len(t.split()) for t in texts)
    figures = {
        "articles": len(batch), "words": words, "model": args.model,
        "bare_parse_seconds": round(bare_best, 3), "bare_parse_words_per_second": round(words / bare_best),
        "steps": {name: {"seconds": round(best[name], 3), "ratio_to_bare_parse": round(best[name] / bare_best, 4)}
                  for name in OURS if name in best},
        "quotes_with_people_ratio_to_bare_parse": round(
            (best.get("dateline_quotes", 0) + best.get("dateline_people", 0)) / bare_best, 4),
        "all_steps_ratio_to_bare_parse": round(sum(best[n] for n in OURS if n in best) / bare_best, 4),
        "dateline_pipe_seconds": round(whole_best, 3),
        "dateline_pipe_ratio_to_bare_parse": round(whole_best / bare_best, 4),
    }
    if args.memory:
        figures["peak_memory_mb"] = {name: peak_memory(args.articles, args.limit, args.model, given)
                                     for name, given in (("rules only", None), ("with the model", attribution))}
    print(json.dumps(figures, indent=2))


def peak_memory(path: Path, limit: int | None, model: str, attribution: str | None) -> float:
    """The peak resident memory (MB) of a new process that loads the pipeline and extracts the articles."""
    script = ("import resource, sys\n"
              "from dateline.parse import load\n"
              "from dateline.pipeline import process\n"
              "from dateline.read import read_paths\n"
              f"nlp = load({model!r}, attribution={attribution!r})\n"
              f"items = list(read_paths([{str(path)!r}]))[:{limit!r}]\n"
              "for _ in process(nlp, items): pass\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return round(float(done.stdout.split()[-1]), 1)


if __name__ == "__main__":
    main()
