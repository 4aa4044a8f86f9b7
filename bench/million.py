"""A store of a million quotes, and how fast `quotes --distinct` and `quote ID` answer on it — figures, not a test.

    python bench/million.py [--quotes 1000000] [--db sqlite:///PATH | postgresql://…] [--reuse]

1. PolNeAR train and dev (read from ../shared) are extracted once, by Dateline's own pipeline: a real ingest's
   results, 924 articles of political news.
2. Copies of those results are saved through `Store.save`, the path `ingest` takes, linking included, until the
   store holds --quotes quotes. Each copy is an article of its own (its own id, URL and date, a few days after the
   one before), and the words of its quotes are changed: copies go in threes that share one set of changed words,
   so each quote is repeated by three articles (the third trimmed by a word at each end, as another outlet trims
   it), and one changed word in four makes each three's quotes new. People keep their names: one politician is
   quoted across thousands of articles, as in a real corpus.
3. Each question is asked 200 times with its arguments drawn at random, and p50 / p95 are printed: the first page of
   `quotes --distinct` (50 rows) with no filter, by a speaker (one of the 200 most quoted), by a search (a word of a
   quote drawn at random), by the month a quote drawn at random first appeared in, by an act; and `quote ID` for a
   quote drawn from the whole store.

With --reuse and an existing --db, step 2 is skipped and only the questions are asked; --results FILE keeps step 1's
results (pickled) for the next run.
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process_batch
from dateline.read import read_paths
from dateline.records import Result
from dateline.resources import words as word_list
from dateline.store import Store
from dateline.store.schema import quote_stats, quotes

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
WORD = re.compile(r"[A-Za-z]{3,}")


def extracted(model: str) -> list[Result]:
    """PolNeAR train and dev, extracted."""
    articles = [a for a in read_paths([str(POLNEAR / "train.jsonl"), str(POLNEAR / "dev.jsonl")])
                if not isinstance(a, Exception)]
    results: list[Result] = []
    nlp = load(model)
    for at in range(0, len(articles), 64):
        results.extend(r for r in process_batch(nlp, articles[at:at + 64]) if isinstance(r, Result))
    return results


def changed(text: str, group: int, trim: bool, vocabulary: list[str]) -> str:
    """A quote's words with one in four replaced, the same way for every copy in one group; trimmed by a word at
    each end for the third copy."""
    rng = random.Random(f"{group}\n{text}")
    words = [rng.choice(vocabulary) if rng.random() < 0.25 else w for w in text.split()]
    if trim and len(words) >= 8:
        words = words[1:-1]
    return " ".join(words)


def copy_of(result: Result, copy: int, vocabulary: list[str]) -> Result:
    group, trim = copy // 3, copy % 3 == 2
    published = date.fromisoformat(result.published) + timedelta(days=3 * copy)
    return replace(
        result, id=f"{result.id}-copy{copy}", published=published.isoformat(), text=f"{result.text}\n(Copy {copy}.)",
        url=f"https://outlet{copy % 3}.example/{published:%Y/%m/%d}/{result.id}", given_id=None, source=None,
        quotes=[replace(q, text=changed(q.text, group, trim, vocabulary)) for q in result.quotes],
    )


def build(store: Store, results: list[Result], wanted: int) -> None:
    vocabulary = sorted({w.lower() for r in results for q in r.quotes for w in WORD.findall(q.text)})
    per_copy = sum(len(r.quotes) for r in results)
    copies = -(-wanted // per_copy)
    print(f"{len(results):,} articles extracted, {per_copy:,} quotes; saving {copies} copies "
          f"({copies * len(results):,} articles)")
    started = time.perf_counter()
    saved = 0
    for copy in range(copies):
        batch = [copy_of(r, copy, vocabulary) for r in results]
        for at in range(0, len(batch), 100):
            saved += store.save(batch[at:at + 100])
        if copy % 10 == 9 or copy == copies - 1:
            elapsed = time.perf_counter() - started
            print(f"  {saved:,} articles saved in {elapsed:,.0f} s ({saved / elapsed:,.0f} articles/s)", flush=True)


def timed(ask: Callable[[], Any], runs: int = 200) -> tuple[float, float, Any]:
    times, last = [], None
    for _ in range(runs):
        started = time.perf_counter()
        last = ask()
        times.append(time.perf_counter() - started)
    cuts = statistics.quantiles(times, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, last


def questions(store: Store, rng: random.Random) -> None:
    with store.engine.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(quotes)) or 0
        distinct = connection.scalar(select(func.count(func.distinct(quotes.c.quote)))) or 0
        first, last = connection.execute(select(func.min(quotes.c.said), func.max(quotes.c.said))).one()
        ids = [connection.scalar(select(quotes.c.quote).where(quotes.c.id == rng.randint(1, total)))
               for _ in range(400)]
        texts = [connection.scalar(select(quotes.c.text).where(quotes.c.id == rng.randint(1, total)))
                 for _ in range(400)]
    print(f"store: {total:,} quotes (occurrences), {distinct:,} distinct quotes, said {first} to {last}")
    speakers = [p["name"] for p in store.people(limit=200)]
    stop = word_list("stop_words.txt")
    words = [w for t in texts if t for w in WORD.findall(t.lower()) if len(w) > 4 and w not in stop]
    with store.engine.connect() as connection:  # months quotes first appeared in, as often as they did
        months = [connection.scalar(select(quote_stats.c.first_seen).where(quote_stats.c.quote == q)).replace(day=1)
                  for q in ids if q and connection.scalar(select(quote_stats.c.first_seen).where(
                      quote_stats.c.quote == q))][:200]
    asks: dict[str, Callable[[], Any]] = {
        "quotes --distinct (first 50)": lambda: store.distinct_quotes(limit=50),
        "quotes --distinct --speaker NAME": lambda: store.distinct_quotes(speaker=rng.choice(speakers), limit=50),
        "quotes --distinct --search WORD": lambda: store.distinct_quotes(search=rng.choice(words), limit=50),
        "quotes --distinct --since/--until (a month)": lambda: _month(store, rng.choice(months)),
        "quotes --distinct --act question": lambda: store.distinct_quotes(act="question", limit=50),
        "quote ID": lambda: store.quote(rng.choice([i for i in ids if i])),
    }
    for name, ask in asks.items():
        p50, p95, _ = timed(ask)
        print(f"{name:<46} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


def _month(store: Store, start: date) -> list[dict[str, Any]]:
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return store.distinct_quotes(since=start, until=end, limit=50)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", default="sqlite:///million.db")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--reuse", action="store_true", help="ask the questions of the --db already built")
    parser.add_argument("--results", type=Path, help="keep the extracted results in this file, or read them from it")
    args = parser.parse_args()
    if not POLNEAR.exists():
        raise SystemExit(f"{POLNEAR} is absent: the benchmark builds its store from PolNeAR in ../shared")
    store = Store(args.db)
    if not args.reuse:
        if store.counts()["articles"]:
            raise SystemExit(f"{store.where} is not empty: give a new --db, or --reuse to ask its questions")
        started = time.perf_counter()
        if args.results and args.results.exists():
            results = pickle.loads(args.results.read_bytes())  # written by this script, below
        else:
            results = extracted(args.model)
            if args.results:
                args.results.write_bytes(pickle.dumps(results))
        print(f"extraction: {time.perf_counter() - started:,.0f} s")
        build(store, results, args.quotes)
    questions(store, random.Random(11))


if __name__ == "__main__":
    main()
