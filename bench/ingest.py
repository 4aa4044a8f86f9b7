"""Ingest throughput and Dask scaling on full-length and on short news; worker memory and search latency — figures,
not a test.

    python bench/ingest.py [--full 1000] [--short 2000] [--chars 800] [--chunks 8] [--stream 0] [--postgres URL]

Builds two corpora from PolNeAR train text read from ../shared, in a temporary folder: --full whole articles (4,600
characters on average; past the 840 of train they come round again, each copy marked so that every article is
distinct), and --short articles cut to their opening paragraphs, up to --chars characters. Then, on each corpus, in
one run, the same articles go through each of these, taking turns slice by slice (--chunks slices, the order turning
by one at each slice): this machine's speed drifts from minute to minute, so a slow minute falls on all of them, and
each total is summed over the slices. Each runs in a process of its own, started before the clock, so that nothing
one leaves behind slows another (on this machine a process runs a tenth slower for minutes after another process
has come and gone, whichever it is):

- `bare`: `spacy.load(model).pipe(texts)`, as anyone would run it, in the environment this benchmark was started
  with;
- `bare, one BLAS thread`: the same, with one OpenBLAS thread as Dateline runs it (`import dateline` sets it before
  numpy loads), and the components Dateline loads: the denominator for what Dateline adds to a parse;
- `Dateline's parse`: Dateline's pipeline with its own steps left out: the model's components as Dateline runs them;
- `ingest`: `dateline ingest` in one process into a new SQLite file, and the same ingest with the linking across the
  corpus (`store/link.py`) left out;
- the same ingest on a local cluster of 1 worker and on one of 2, as `--workers` starts them, each held by a process
  of its own (started and their models loaded before the clock), with the driver's own CPU time (reading, keys,
  writing) beside them.

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

import dateline  # one OpenBLAS thread, as Dateline sets it on import

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import psutil
import spacy

from dateline.parse import DEFAULT_MODEL, STEPS, load
from dateline.resources import words as stop_words
from dateline.scale import Summary, ingest
from dateline.scale.cluster import local_cluster
from dateline.scale.worker import warm_up, with_pipeline
from dateline.store import Store, write

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"


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
import sys
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


BARE = """
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
    print(time.perf_counter() - started, 0.0, flush=True)
"""
"""The bare parse as anyone would run it: spaCy alone, in the environment the benchmark was started with (numpy
loads before anything of Dateline's)."""


class Turns:
    """One way through the corpus, in a process of its own (so that nothing one run leaves behind — memory, threads,
    a client's connection — slows another): told a JSONL file on each line, it answers with the seconds the file
    took and the CPU seconds its own process spent on it."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit(f"a benchmark process did not start: {' '.join(command[:4])}")

    def __call__(self, path: Path) -> tuple[float, float]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        seconds, cpu = self.process.stdout.readline().split()
        return float(seconds), float(cpu)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def serve_turns(run: str, model: str, folder: Path, scheduler: str | None) -> None:
    """A `Turns` process for one of Dateline's runs (`python bench/ingest.py --turns RUN ...`)."""
    mine = load(model)
    ours = [step for step in mine.pipe_names if step.startswith("dateline_")]
    warm_up(mine)
    same = spacy.load(model) if run == "bare, one BLAS thread" else None
    database = folder / (re.sub(r"\W+", "-", run) + ".db")
    store = Store(f"sqlite:///{database}")
    print("ready", flush=True)
    for line in sys.stdin:
        path = Path(line.strip())
        cpu = time.process_time()
        started = time.perf_counter()
        if same is not None:
            for _ in same.pipe(texts_of(path)):
                pass
        elif run == "Dateline's parse":
            for _ in mine.pipe(texts_of(path), disable=ours):
                pass
        else:
            with unlinked() if run == "ingest, unlinked" else nullcontext():
                summary = ingest([str(path)], store, model=model, nlp=None if scheduler else mine,
                                 scheduler=scheduler)
            assert summary.failed == 0, summary.errors[:3]
        print(time.perf_counter() - started, time.process_time() - cpu, flush=True)


def compare(name: str, folder: Path, files: list[Path], model: str, *, dask: bool) -> None:
    """Every run on the same slices, taking turns, each in a process of its own; their rates and ratios printed."""
    texts = {path: texts_of(path) for path in files}
    n = sum(map(len, texts.values()))
    chars = sum(len(t) for part in texts.values() for t in part)
    print(f"\n{name}: {n:,} articles, {chars / n:,.0f} characters on average, in {len(files)} slices")
    ours = {**CALLER_ENV, **{variable: "1" for variable in dateline.ONE_THREAD}}
    spread: list[float] = []
    with ExitStack() as stack:
        runs: dict[str, Turns] = {}

        def started(turns: Turns) -> Turns:
            stack.callback(turns.close)
            return turns

        runs["bare"] = started(Turns([sys.executable, "-c", BARE, model], CALLER_ENV))
        for run in ("bare, one BLAS thread", "Dateline's parse", "ingest", "ingest, unlinked"):
            runs[run] = started(Turns([sys.executable, __file__, "--turns", run, "--model", model, "--folder",
                                       str(folder)], ours))
        if dask:
            for workers in (1, 2):
                address = stack.enter_context(cluster_apart(workers, folder, model))
                runs[f"{workers} Dask worker" + ("s" if workers > 1 else "")] = started(Turns(
                    [sys.executable, __file__, "--turns", f"dask{workers}", "--model", model, "--folder",
                     str(folder), "--scheduler", address], ours))
        seconds = dict.fromkeys(runs, 0.0)
        cpu = dict.fromkeys(runs, 0.0)
        order = list(runs)
        for k, path in enumerate(files):
            for run in order[k % len(order):] + order[:k % len(order)]:
                spent, used = runs[run](path)
                seconds[run] += spent
                cpu[run] += used
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
        for run in ("1 Dask worker", "2 Dask workers"):
            print(f"  the driver's own CPU time beside {run}: {1000 * cpu[run] / n:.1f} ms per article "
                  f"({100 * cpu[run] / seconds[run]:.0f} % of the run's time)")


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
    parser.add_argument("--turns", help=argparse.SUPPRESS)  # a run's own process (`Turns`)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.turns:
        serve_turns(args.turns, args.model, args.folder, args.scheduler)
        return
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
                compare(name, where, build_corpus(where / "corpus", n, chars, args.chunks), args.model,
                        dask=not args.no_dask)
                store = Store(f"sqlite:///{where / 'ingest.db'}")
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
