"""Ingest throughput, Dask scaling, worker memory and search latency — figures, not a test.

    python bench/ingest.py [--n 2000] [--stream 20000] [--chars 800] [--postgres URL]

Builds a corpus of N articles from PolNeAR train text read from ../shared (each article's opening paragraphs, up
to --chars characters, each copy marked so that every article is distinct) in a temporary folder, then, in one
run:

1. the bare spaCy parse of the N texts (`spacy.load(model).pipe`), articles/s;
2. `ingest` in one process into a new SQLite file, articles/s, and its ratio to (1);
3. `ingest` on a LocalCluster of 1 worker and of 2 workers (each worker's model loaded before the clock starts),
   and the ratio of the two;
4. each worker's resident memory while 2 workers stream --stream articles, sampled as the run goes;
5. quote search latency (p50 / p95 over 200 searches for one or two words from its quotes) on the N-article
   database, on SQLite and, with --postgres, on PostgreSQL; and on the streamed database.

Throughput figures come from steps 1-3; the streaming step is there for memory and may share the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import psutil
import spacy

from dateline.parse import DEFAULT_MODEL, shared
from dateline.scale import ingest
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"


def build_corpus(path: Path, n: int, chars: int) -> list[str]:
    """N dated articles as JSON Lines, cycling through PolNeAR train; the texts, in order."""
    sources = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    texts = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            src = sources[i % len(sources)]
            opening = ""
            for paragraph in re.split(r"\n+", src["text"].strip()):
                if opening and len(opening) + len(paragraph) > chars:
                    break
                opening += paragraph + "\n\n"
            text = f"{opening}(Copy {i // len(sources)}.)"
            texts.append(text)
            out.write(json.dumps({"id": f"{src['id']}-{i}", "date": src["date"][:10], "text": text}) + "\n")
    return texts


def bare_parse(texts: list[str], model: str) -> float:
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:50]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts) / (time.perf_counter() - started)


def on_cluster(corpus: Path, db: Path, workers: int, model: str,
               samples: list[tuple[int, dict[str, int]]] | None = None) -> float:
    """Articles/s of an ingest on a LocalCluster of `workers`, the cluster started and models loaded first."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(lambda: shared(model) and None)
        last = [0.0]

        def sample(summary: object) -> None:
            if samples is not None and time.perf_counter() - last[0] > 5:
                last[0] = time.perf_counter()
                rss = client.run(lambda: psutil.Process().memory_info().rss)
                samples.append((summary.stored, {w.rsplit(":", 1)[-1]: v for w, v in rss.items()}))  # type: ignore

        summary = ingest([str(corpus)], Store(f"sqlite:///{db}"), model=model, scheduler=cluster.scheduler_address,
                         on_progress=sample)
        if samples is not None:
            rss = client.run(lambda: psutil.Process().memory_info().rss)
            samples.append((summary.stored, {w.rsplit(":", 1)[-1]: v for w, v in rss.items()}))
    assert summary.failed == 0, summary.errors[:3]
    return summary.rate


def latency(store: Store, rng: random.Random, runs: int = 200) -> tuple[float, float]:
    words = [w for q in store.quotes(limit=2000) for w in re.findall(r"[a-z]{5,}", q["text"].lower())]
    times = []
    for _ in range(runs):
        query = " ".join(rng.sample(words, 1 if rng.random() < 0.5 else 2))
        started = time.perf_counter()
        store.quotes(search=query, limit=50)
        times.append(time.perf_counter() - started)
    cuts = statistics.quantiles(times, n=100)
    return cuts[49] * 1000, cuts[94] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--stream", type=int, default=20000)
    parser.add_argument("--chars", type=int, default=800)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--postgres", help="also measure search on this PostgreSQL database (emptied first)")
    args = parser.parse_args()
    if not TRAIN.exists():
        raise SystemExit(f"{TRAIN} is absent: the benchmark builds its corpus from PolNeAR train in ../shared")
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = build_corpus(folder / "corpus.jsonl", args.n, args.chars)
        print(f"corpus: {args.n:,} articles, {sum(map(len, texts)) / len(texts):,.0f} characters on average")

        bare = bare_parse(texts, args.model)
        print(f"bare spaCy parse: {bare:,.1f} articles/s")

        list(shared(args.model).pipe(texts[:50]))  # warm up, as the bare parse was
        store = Store(f"sqlite:///{folder / 'one.db'}")
        summary = ingest([str(folder / "corpus.jsonl")], store, model=args.model)
        assert summary.failed == 0, summary.errors[:3]
        print(f"dateline ingest, one process, SQLite: {summary.rate:,.1f} articles/s "
              f"(ratio to the bare parse {summary.rate / bare:.2f})")

        one = on_cluster(folder / "corpus.jsonl", folder / "d1.db", 1, args.model)
        two = on_cluster(folder / "corpus.jsonl", folder / "d2.db", 2, args.model)
        print(f"Dask LocalCluster: 1 worker {one:,.1f} articles/s, 2 workers {two:,.1f} articles/s "
              f"(ratio {two / one:.2f})")

        p50, p95 = latency(store, rng)
        print(f"quote search on SQLite ({store.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if args.postgres:
            from sqlalchemy import text

            pg = Store(args.postgres)
            with pg.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            pg = Store(args.postgres)
            ingest([str(folder / "corpus.jsonl")], pg, model=args.model)
            p50, p95 = latency(pg, rng)
            print(f"quote search on PostgreSQL ({pg.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, "
                  f"p95 {p95:.1f} ms")

        if args.stream:
            texts = build_corpus(folder / "stream.jsonl", args.stream, args.chars)
            samples: list[tuple[int, dict[str, int]]] = []
            rate = on_cluster(folder / "stream.jsonl", folder / "stream.db", 2, args.model, samples)
            print(f"streaming {args.stream:,} articles on 2 workers: {rate:,.1f} articles/s")
            print("worker resident memory (MiB) as the stream went:")
            for done, rss in samples[:: max(1, len(samples) // 10)] + samples[-1:]:
                print(f"  after {done:>7,} articles: " + ", ".join(f"{v / 2**20:,.0f}" for v in rss.values()))
            peaks = [max(v.values()) for _, v in samples]
            quarter = max(peaks[: max(1, len(peaks) // 4)])
            print(f"peak per worker: first quarter {quarter / 2**20:,.0f} MiB, whole run {max(peaks) / 2**20:,.0f} MiB")
            filled = Store(f"sqlite:///{folder / 'stream.db'}")
            p50, p95 = latency(filled, rng)
            print(f"quote search on the streamed SQLite database ({filled.counts()['quotes']:,} quotes): "
                  f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
