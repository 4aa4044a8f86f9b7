"""Ingest throughput and Dask scaling on full-length and on short news; worker memory and search latency — figures,
not a test.

    python bench/ingest.py [--full 1000] [--short 2000] [--chars 800] [--chunks 8] [--stream 0] [--postgres URL]

Builds two corpora from PolNeAR train text read from ../shared, in a temporary folder: --full whole articles (4,600
characters on average; past the 840 of train they come round again, each copy marked so that every article is
distinct), and --short articles cut to their opening paragraphs, up to --chars characters. Then, on each corpus, in
one run, the same articles go through each of these, taking turns slice by slice (--chunks slices, the order turning
by one at each slice): this machine's speed drifts from minute to minute, so a slow minute falls on all of them, and
each total is summed over the slices:

- `bare`: `spacy.load(model).pipe(texts)`, as anyone would run it, in a child process started with the environment
  this one was started with;
- `bare, one BLAS thread`: the same parse in this process, which runs with one OpenBLAS thread as `dateline` does
  (`import dateline` sets it before numpy loads) and with the components Dateline loads: the fair denominator for
  what Dateline's own steps cost;
- `Dateline's parse`: Dateline's pipeline with its own steps left out: the model's components as Dateline runs them;
- `ingest`: `dateline ingest` in one process into a new SQLite file, and the same ingest with the linking across the
  corpus (`store/link.py`) left out;
- the same ingest on a Dask LocalCluster of 1 worker and on one of 2 (both started, models loaded, before the
  clock), with the driver's own CPU time (reading, keys, writing) beside them.

Each run's articles/s is printed with its ratio to the bare parse, and the spread of the bare parse's own rate over
the slices: the machine's drift during the run. With --stream N, two workers then stream N short articles while
each worker's resident memory and the writer's are sampled; the quote search latency (p50 / p95 of 200 searches for
one or two words from the quotes) is measured on the stores built, and with --postgres on PostgreSQL too.
"""

# ruff: noqa: E402, I001  (the thread setting must come before numpy loads)
from __future__ import annotations

import os

CALLER_ENV = dict(os.environ)
"""The environment this benchmark was started with: the bare parse's child process gets it unchanged."""

import dateline  # noqa: F401  (one OpenBLAS thread, as Dateline sets it on import)

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import psutil
import spacy

from dateline.parse import DEFAULT_MODEL, STEPS, load
from dateline.resources import words as stop_words
from dateline.scale import Summary, ingest
from dateline.scale.cluster import local_cluster
from dateline.scale.worker import with_pipeline
from dateline.store import Store, write

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
CHILD = """
import json, sys, time
import spacy
nlp = spacy.load(sys.argv[1])
list(nlp.pipe(["A warm-up sentence, said the benchmark."]))
print("ready", flush=True)
for line in sys.stdin:
    texts = [json.loads(row)["text"] for row in open(line.strip(), encoding="utf-8")]
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    print(time.perf_counter() - started, flush=True)
"""
"""The bare parse, in a child process: told a JSONL file on each line, it parses the file's texts and answers with
the seconds the parse took."""


def build_corpus(folder: Path, n: int, chars: int | None, chunks: int = 1) -> list[Path]:
    """N dated articles as JSON Lines in `chunks` files (folder/part-K.jsonl), cycling through PolNeAR train, each
    whole or cut to its opening paragraphs up to `chars` characters; the files."""
    sources = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"part-{k}.jsonl" for k in range(chunks)]
    outs = [path.open("w", encoding="utf-8") for path in files]
    for i in range(n):
        src = sources[i % len(sources)]
        text = src["text"].strip()
        if chars is not None:
            opening = ""
            for paragraph in re.split(r"\n+", text):
                if opening and len(opening) + len(paragraph) > chars:
                    break
                opening += paragraph + "\n\n"
            text = opening.strip()
        text += f"\n\n(Copy {i // len(sources)}.)"
        outs[i * chunks // n].write(json.dumps({"id": f"{src['id']}-{i}", "date": src["date"][:10], "text": text})
                                    + "\n")
    for out in outs:
        out.close()
    return files


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")]


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



CLUSTER = """
import sys, time
from dateline.scale.cluster import local_cluster
if __name__ == "__main__":
    with local_cluster(int(sys.argv[1])) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()
"""
"""A cluster as `dateline ingest --workers N` starts it, held by a process of its own until its input closes."""


@contextmanager
def cluster_apart(workers: int, folder: Path, model: str) -> Iterator[str]:
    """A local cluster of `workers` workers, as Dateline starts one, its scheduler in a process of its own so that
    nothing of the cluster runs in this process while the one-process runs take their turns; its address."""
    from distributed import Client

    script = folder / "cluster.py"
    script.write_text(CLUSTER, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(script), str(workers)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        address = holder.stdout.readline().strip()
        with Client(address) as client:
            with_pipeline(client, model)
        yield address
    finally:
        holder.stdin.close()
        holder.wait()


@contextmanager
def bare_child(model: str) -> Iterator[Callable[[Path], float]]:
    """The bare parse in a child process with the caller's environment: a function from a file to seconds."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, model], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, env=CALLER_ENV)
    assert child.stdout is not None and child.stdin is not None
    if child.stdout.readline().strip() != "ready":
        raise SystemExit("the bare parse's child process did not start")

    def parse(path: Path) -> float:
        child.stdin.write(f"{path}\n")  # type: ignore[union-attr]
        child.stdin.flush()  # type: ignore[union-attr]
        return float(child.stdout.readline())  # type: ignore[union-attr]

    try:
        yield parse
    finally:
        child.stdin.close()
        child.wait()


def compare(name: str, folder: Path, files: list[Path], model: str, *, dask: bool) -> Store:
    """Every run on the same slices, taking turns; their rates and ratios printed. The one-process store returned."""
    texts = {path: texts_of(path) for path in files}
    n = sum(map(len, texts.values()))
    chars = sum(len(t) for part in texts.values() for t in part)
    print(f"\n{name}: {n:,} articles, {chars / n:,.0f} characters on average, in {len(files)} slices")
    same, mine = spacy.load(model), load(model)
    warm = next(iter(texts.values()))[:20]
    list(same.pipe(warm))
    ours = [step for step in mine.pipe_names if step.startswith("dateline_")]
    list(mine.pipe(warm, disable=ours))
    store = Store(f"sqlite:///{folder / 'one.db'}")
    plain = Store(f"sqlite:///{folder / 'unlinked.db'}")
    spread: list[float] = []
    with ExitStack() as stack:
        bare = stack.enter_context(bare_child(model))
        runs: dict[str, Callable[[Path], float]] = {}

        def timed(work: Callable[[Path], Any]) -> Callable[[Path], float]:
            def run(path: Path) -> float:
                started = time.perf_counter()
                work(path)
                return time.perf_counter() - started
            return run

        def ingested(target: Store, **how: Any) -> Callable[[Path], None]:
            def work(path: Path) -> None:
                summary = ingest([str(path)], target, model=model, **how)
                assert summary.failed == 0, summary.errors[:3]
            return work

        def unlinked_ingest(path: Path) -> None:
            with unlinked():
                ingested(plain, nlp=mine)(path)

        runs["bare"] = bare
        runs["bare, one BLAS thread"] = timed(lambda path: [None for _ in same.pipe(texts[path])])
        runs["Dateline's parse"] = timed(lambda path: [None for _ in mine.pipe(texts[path], disable=ours)])
        runs["ingest"] = timed(ingested(store, nlp=mine))
        runs["ingest, unlinked"] = timed(unlinked_ingest)
        driver: dict[str, float] = {}
        if dask:
            for workers in (1, 2):
                address = stack.enter_context(cluster_apart(workers, folder, model))
                target = Store(f"sqlite:///{folder / f'dask{workers}.db'}")
                work = ingested(target, scheduler=address)

                def on_dask(path: Path, work: Callable[[Path], None] = work, label: str = f"dask{workers}") -> float:
                    cpu = psutil.Process().cpu_times()
                    started = time.perf_counter()
                    work(path)
                    spent = time.perf_counter() - started
                    after = psutil.Process().cpu_times()
                    driver[label] = driver.get(label, 0.0) + (after.user + after.system) - (cpu.user + cpu.system)
                    return spent

                runs[f"{workers} Dask worker" + ("s" if workers > 1 else "")] = on_dask
        seconds = dict.fromkeys(runs, 0.0)
        order = list(runs)
        for k, path in enumerate(files):
            turn = order[k % len(order):] + order[:k % len(order)]
            for run in turn:
                spent = runs[run](path)
                seconds[run] += spent
                if run == "bare":
                    spread.append(sum(map(len, texts[path])) / spent / (chars / n))
    rate = {run: n / s for run, s in seconds.items()}
    base, one = rate["bare"], rate["bare, one BLAS thread"]
    low, high = min(spread), max(spread)
    print(f"  the machine's drift: the bare parse ran at {low:,.1f} to {high:,.1f} articles/s from slice to slice "
          f"({100 * (high - low) / statistics.mean(spread):.0f} % of its mean)")
    for run, value in rate.items():
        print(f"  {run}: {value:,.2f} articles/s — {value / base:.3f} of the bare parse, {value / one:.3f} of the "
              "bare parse with one BLAS thread")
    print(f"  linking across the corpus adds {100 * (seconds['ingest'] / seconds['ingest, unlinked'] - 1):+.1f} % "
          "to the ingest's time")
    if dask:
        process, w1, w2 = rate["ingest"], rate["1 Dask worker"], rate["2 Dask workers"]
        print(f"  Dask: 1 worker ÷ 1 process {w1 / process:.2f}; 2 workers ÷ 1 process {w2 / process:.2f}, "
              f"÷ 1 worker {w2 / w1:.2f}")
        for label, cpu in driver.items():
            print(f"  the driver's own CPU time beside {label}: {1000 * cpu / n:.1f} ms per article "
                  f"({100 * cpu / seconds['1 Dask worker' if label == 'dask1' else '2 Dask workers']:.0f} % of "
                  "the run's time)")
    return store


def streaming(folder: Path, n: int, chars: int, model: str, rng: random.Random) -> None:
    """(3) and the search latency on what it stored."""
    from distributed import Client

    files = build_corpus(folder / "stream", n, chars)
    samples: list[tuple[int, dict[str, int], int]] = []
    with local_cluster(2) as cluster, Client(cluster) as client:
        with_pipeline(client, model)
        last = [0.0]

        def sample(summary: Summary) -> None:
            if time.perf_counter() - last[0] > 5:
                last[0] = time.perf_counter()
                samples.append((summary.stored, rss_of(client), writer_rss()))

        store = Store(f"sqlite:///{folder / 'stream.db'}")
        summary = ingest([str(files[0])], store, model=model,
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
    parser.add_argument("--full", type=int, default=1000, help="full-length articles (0: none)")
    parser.add_argument("--short", type=int, default=2000, help="short articles (0: none)")
    parser.add_argument("--chars", type=int, default=800, help="a short article's length, at most")
    parser.add_argument("--chunks", type=int, default=8)
    parser.add_argument("--stream", type=int, default=0, help="short articles streamed on 2 workers (0: none)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--postgres", help="also measure search on this PostgreSQL database (emptied first)")
    args = parser.parse_args()
    if not TRAIN.exists():
        raise SystemExit(f"{TRAIN} is absent: the benchmark builds its corpus from PolNeAR train in ../shared")
    print(f"OpenBLAS threads here: {os.environ.get('OPENBLAS_NUM_THREADS')}; in the bare parse's process: "
          f"{CALLER_ENV.get('OPENBLAS_NUM_THREADS', 'unset (OpenBLAS picks)')}; Dateline's steps: {', '.join(STEPS)}")
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = None
        for name, n, chars in (("full-length articles", args.full, None), ("short articles", args.short, args.chars)):
            if n:
                where = folder / name.split()[0]
                store = compare(name, where, build_corpus(where / "corpus", n, chars, args.chunks), args.model,
                                dask=not args.no_dask)
        if store is not None:
            p50, p95 = latency(store, rng)
            print(f"quote search on SQLite ({store.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if args.postgres:
            from sqlalchemy import text

            pg = Store(args.postgres)
            with pg.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            pg = Store(args.postgres)
            files = build_corpus(folder / "postgres", args.short or 2000, args.chars, 1)
            ingest([str(p) for p in files], pg, model=args.model)
            p50, p95 = latency(pg, rng)
            print(f"quote search on PostgreSQL ({pg.counts()['quotes']:,} quotes): p50 {p50:.1f} ms, "
                  f"p95 {p95:.1f} ms")
        if args.stream:
            streaming(folder, args.stream, args.chars, args.model, rng)


if __name__ == "__main__":
    main()
