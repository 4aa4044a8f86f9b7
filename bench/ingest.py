"""Ingest throughput, Dask scaling, worker memory and search latency — figures, not a test.

    python bench/ingest.py [--n 2000] [--chunks 8] [--stream 20000] [--chars 800] [--postgres URL]

Builds a corpus of N articles from PolNeAR train text read from ../shared (each article's opening paragraphs, up
to --chars characters, each copy marked so that every article is distinct) in a temporary folder, then, in one run:

1. throughput, articles/s, of four ways through the same N articles:
   - the bare spaCy parse (`spacy.load(model).pipe`), as anyone would run it;
   - the same parse with each batch of 64 in a spaCy memory zone, as `ingest` parses (the zone frees each batch's
     new words, which changes spaCy's own speed over a long stream);
   - `dateline ingest` in one process into a new SQLite file;
   - the same ingest with the linking across the corpus (`store/link.py`: persons, organizations, quote repeats)
     left out, each record stored as its article gives it: what linking adds to an ingest is the ratio of the two;
2. `ingest` on a LocalCluster of 1 worker and on one of 2 workers (both started, models loaded, before the clock),
   taking turns two slices at a time;
3. each worker's resident memory, and the writer's (this process, which links and saves), while 2 workers stream
   --stream articles, sampled as the run goes;
4. quote search latency (p50 / p95 of 200 searches for one or two words from the quotes): on the N-article
   database, on SQLite and, with --postgres, on PostgreSQL; and on the streamed database.

This machine's speed drifts by a third from minute to minute, so the runs compared in (1) and in (2) take turns
over --chunks slices of the corpus, and each total is summed over the slices: a slow minute falls on all of them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import spacy

from dateline.parse import DEFAULT_MODEL, load
from dateline.resources import words as stop_words
from dateline.scale import Summary, ingest
from dateline.scale.cluster import local_cluster
from dateline.scale.worker import with_pipeline
from dateline.store import Store, write

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"


def build_corpus(folder: Path, n: int, chars: int, chunks: int = 1) -> list[list[str]]:
    """N dated articles as JSON Lines in `chunks` files (folder/part-K.jsonl), cycling through PolNeAR train; the
    texts of each file."""
    sources = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[list[str]] = [[] for _ in range(chunks)]
    outs = [(folder / f"part-{k}.jsonl").open("w", encoding="utf-8") for k in range(chunks)]
    for i in range(n):
        src = sources[i % len(sources)]
        opening = ""
        for paragraph in re.split(r"\n+", src["text"].strip()):
            if opening and len(opening) + len(paragraph) > chars:
                break
            opening += paragraph + "\n\n"
        text = f"{opening}(Copy {i // len(sources)}.)"
        k = i * chunks // n
        parts[k].append(text)
        outs[k].write(json.dumps({"id": f"{src['id']}-{i}", "date": src["date"][:10], "text": text}) + "\n")
    for out in outs:
        out.close()
    return parts


def rss_of(client: object) -> dict[str, int]:
    found = client.run(lambda: psutil.Process().memory_info().rss)  # type: ignore[attr-defined]
    return {address.rsplit(":", 1)[-1]: value for address, value in found.items()}


def writer_rss() -> int:
    return psutil.Process().memory_info().rss


def latency(store: Store, rng: random.Random, runs: int = 200) -> tuple[float, float]:
    stop = stop_words("stop_words.txt")
    words = [w for q in store.quotes(limit=2000) for w in re.findall(r"[a-z]{5,}", q["text"].lower())
             if w not in stop]
    times = []
    for _ in range(runs):
        query = " ".join(rng.sample(words, 1 if rng.random() < 0.5 else 2))
        started = time.perf_counter()
        store.quotes(search=query, limit=50)
        times.append(time.perf_counter() - started)
    cuts = statistics.quantiles(times, n=100)
    return cuts[49] * 1000, cuts[94] * 1000


@contextmanager
def unlinked() -> Iterator[None]:
    """`Store.save` with the linking steps it calls (`store/link.py`) replaced by what leaves each record unlinked:
    no person, organization or quote across articles is looked up, added or merged."""
    def entity_none(_: Any, rows: list[dict[str, Any]], *more: Any) -> None:
        for row in rows:
            row.pop("forms", None)
            row["entity"] = None
        for row in more[0] if more else []:
            row["speaker_entity"] = None

    def own_quote(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
        for row in rows:
            row["text_id"] = row["quote"] = None
        return {}

    saved = {name: getattr(write, name) for name in ("link_people", "name_speakers", "link_organizations",
                                                      "name_quotes", "link_quotes", "count_quotes")}
    replaced = {"link_people": entity_none, "name_speakers": lambda c, people, quotes: entity_none(c, [], quotes),
                "link_organizations": entity_none, "name_quotes": own_quote, "link_quotes": lambda c, t: {},
                "count_quotes": lambda c, rows, renamed: None}
    for name, function in replaced.items():
        setattr(write, name, function)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(write, name, function)


def throughput(folder: Path, parts: list[list[str]], model: str) -> Store:
    """(1): the bare parse, the zoned bare parse, a one-process ingest and one without linking, taking turns slice
    by slice."""
    bare, zoned = spacy.load(model), spacy.load(model)
    mine = load(model)
    for nlp in (bare, zoned, mine):
        list(nlp.pipe(parts[0][:50]))  # warm up each
    store = Store(f"sqlite:///{folder / 'one.db'}")
    plain = Store(f"sqlite:///{folder / 'unlinked.db'}")
    seconds = {"bare": 0.0, "zoned": 0.0, "ingest": 0.0, "unlinked": 0.0}

    def zoned_parse(texts: list[str]) -> None:
        for at in range(0, len(texts), 64):
            with zoned.memory_zone():
                for _ in zoned.pipe(texts[at:at + 64], batch_size=64):
                    pass

    for k, texts in enumerate(parts):
        started = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=64):
            pass
        seconds["bare"] += time.perf_counter() - started
        started = time.perf_counter()
        zoned_parse(texts)
        seconds["zoned"] += time.perf_counter() - started
        started = time.perf_counter()
        summary = ingest([str(folder / f"part-{k}.jsonl")], store, model=model, nlp=mine)
        seconds["ingest"] += time.perf_counter() - started
        assert summary.failed == 0, summary.errors[:3]
        with unlinked():
            started = time.perf_counter()
            summary = ingest([str(folder / f"part-{k}.jsonl")], plain, model=model, nlp=mine)
            seconds["unlinked"] += time.perf_counter() - started
        assert summary.failed == 0, summary.errors[:3]
    n = sum(map(len, parts))
    rate = {name: n / s for name, s in seconds.items()}
    print(f"bare spaCy parse: {rate['bare']:,.1f} articles/s")
    print(f"bare spaCy parse, each batch of 64 in a memory zone: {rate['zoned']:,.1f} articles/s")
    print(f"dateline ingest, one process, SQLite: {rate['ingest']:,.1f} articles/s — ratio "
          f"{rate['ingest'] / rate['bare']:.2f} to the bare parse, {rate['ingest'] / rate['zoned']:.2f} to the zoned "
          "one")
    print(f"the same ingest without linking across the corpus: {rate['unlinked']:,.1f} articles/s — linking adds "
          f"{100 * (seconds['ingest'] / seconds['unlinked'] - 1):+.1f} % to the ingest's time")
    return store


def scaling(folder: Path, parts: list[list[str]], model: str) -> None:
    """(2): one worker against two, taking turns slice by slice."""
    from distributed import Client

    with local_cluster(1) as one, local_cluster(2) as two, Client(one) as c1, Client(two) as c2:
        with_pipeline(c1, model)
        with_pipeline(c2, model)
        stores = {1: Store(f"sqlite:///{folder / 'd1.db'}"), 2: Store(f"sqlite:///{folder / 'd2.db'}")}
        seconds = {1: 0.0, 2: 0.0}
        files = [str(folder / f"part-{k}.jsonl") for k in range(len(parts))]
        for k in range(0, len(files), 2):  # two slices a turn: each ingest call connects to its cluster anew
            for workers, cluster in ((1, one), (2, two)):
                started = time.perf_counter()
                summary = ingest(files[k:k + 2], stores[workers], model=model, batch_size=32,
                                 scheduler=cluster.scheduler_address)
                seconds[workers] += time.perf_counter() - started
                assert summary.failed == 0, summary.errors[:3]
    n = sum(map(len, parts))
    print(f"Dask LocalCluster: 1 worker {n / seconds[1]:,.1f} articles/s, 2 workers {n / seconds[2]:,.1f} "
          f"articles/s (ratio {seconds[1] / seconds[2]:.2f})")


def streaming(folder: Path, n: int, chars: int, model: str, rng: random.Random) -> None:
    """(3) and the search latency on what it stored."""
    from distributed import Client

    build_corpus(folder / "stream", n, chars)
    samples: list[tuple[int, dict[str, int], int]] = []
    with local_cluster(2) as cluster, Client(cluster) as client:
        with_pipeline(client, model)
        last = [0.0]

        def sample(summary: Summary) -> None:
            if time.perf_counter() - last[0] > 5:
                last[0] = time.perf_counter()
                samples.append((summary.stored, rss_of(client), writer_rss()))

        store = Store(f"sqlite:///{folder / 'stream.db'}")
        summary = ingest([str(folder / "stream" / "part-0.jsonl")], store, model=model,
                         scheduler=cluster.scheduler_address, on_progress=sample)
        samples.append((summary.stored, rss_of(client), writer_rss()))
    assert summary.failed == 0, summary.errors[:3]
    print(f"streaming {n:,} articles on 2 workers: {summary.rate:,.1f} articles/s")
    print("resident memory (MiB) as the stream went: each worker; the writer")
    for done, rss, own in samples[:: max(1, len(samples) // 10)] + samples[-1:]:
        print(f"  after {done:>7,} articles: " + ", ".join(f"{v / 2**20:,.0f}" for v in rss.values())
              + f"; {own / 2**20:,.0f}")
    peaks = [max(v.values()) for _, v, _ in samples]
    writers = [own for _, _, own in samples]
    halves = len(peaks) // 2
    print(f"peak per worker: first half {max(peaks[:max(1, halves)]) / 2**20:,.0f} MiB, "
          f"second half {max(peaks[halves:]) / 2**20:,.0f} MiB")
    print(f"peak of the writer: first half {max(writers[:max(1, halves)]) / 2**20:,.0f} MiB, "
          f"second half {max(writers[halves:]) / 2**20:,.0f} MiB")
    p50, p95 = latency(store, rng)
    print(f"quote search on the streamed SQLite database ({store.counts()['quotes']:,} quotes): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--chunks", type=int, default=8)
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
        parts = build_corpus(folder, args.n, args.chars, args.chunks)
        texts = [t for part in parts for t in part]
        print(f"corpus: {args.n:,} articles, {sum(map(len, texts)) / len(texts):,.0f} characters on average, "
              f"in {args.chunks} slices")
        store = throughput(folder, parts, args.model)
        scaling(folder, parts, args.model)
        p50, p95 = latency(store, rng)
        print(f"quote search on SQLite ({store.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if args.postgres:
            from sqlalchemy import text

            pg = Store(args.postgres)
            with pg.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            pg = Store(args.postgres)
            ingest([str(p) for p in sorted(folder.glob("part-*.jsonl"))], pg, model=args.model)
            p50, p95 = latency(pg, rng)
            print(f"quote search on PostgreSQL ({pg.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, "
                  f"p95 {p95:.1f} ms")
        if args.stream:
            streaming(folder, args.stream, args.chars, args.model, rng)


if __name__ == "__main__":
    main()
