"""Crash safety at scale: an ingest of 10,000 articles killed with SIGKILL at random moments, run again until it
finishes, ends identical to a run never killed — on SQLite and on PostgreSQL. Figures, not a test (the test suite
kills a 160-article ingest on both databases every run).

    python bench/killed.py [--n 10000] [--chars 300] [--kills 3] [--postgres URL] [--seed 7]

The corpus is PolNeAR train's openings (as `bench/ingest.py` builds it), one JSON Lines file. For each database: a
clean ingest into a fresh store; then into another fresh store, `--kills` ingests each killed with SIGKILL at a
random moment once it has stored something, and one last ingest that runs to the end. Printed: the articles stored
when each kill fell, what the last run stored and passed over, and whether every table holds the same rows as the
clean run's (the time of ingest and the source path aside).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.store import TABLES, Store
from ingest import build_corpus

CLI = [sys.executable, "-c", "from dateline.serve.cli import main; main()"]


def fresh(url: str) -> str:
    """An empty store at `url`: for PostgreSQL every table dropped first."""
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        from dateline.store import database_url

        engine = create_engine(database_url(url))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url


def rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the columns that depend on when or from where they were written."""
    out = {}
    for table in TABLES:
        kept = [tuple(sorted((k, repr(v)) for k, v in r.items() if k not in {"ingested", "source"}))
                for r in store.rows(table)]
        out[table] = sorted(kept)
    return out


def killed_runs(corpus: Path, url: str, kills: int, rng: random.Random) -> tuple[list[int], str]:
    command = [*CLI, "ingest", str(corpus), "--db", url, "--batch-size", "16"]
    store = Store(url)
    at_kill = []
    for _ in range(kills):
        before = store.counts()["articles"]
        victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait = rng.uniform(5, 60)
        started = time.monotonic()
        while victim.poll() is None and (time.monotonic() - started < wait or store.counts()["articles"] <= before):
            time.sleep(0.2)
        if victim.poll() is not None:
            break
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        at_kill.append(store.counts()["articles"])
    last = subprocess.run(command, capture_output=True, text=True, check=False)
    return at_kill, last.stderr.strip().splitlines()[-1] if last.stderr.strip() else f"exit {last.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=300)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("DATELINE_TEST_POSTGRES"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        corpus_dir = Path(folder) / "corpus"
        build_corpus(corpus_dir, args.n, args.chars)
        corpus = corpus_dir / "part-0.jsonl"
        urls = [("SQLite", f"sqlite:///{Path(folder) / 'clean.db'}", f"sqlite:///{Path(folder) / 'killed.db'}")]
        if args.postgres:
            urls.append(("PostgreSQL", args.postgres, args.postgres))
        for name, clean_url, killed_url in urls:
            started = time.perf_counter()
            subprocess.run([*CLI, "ingest", str(corpus), "--db", fresh(clean_url), "--batch-size", "16"],
                           capture_output=True, check=False)
            clean = rows(Store(clean_url))
            if clean_url == killed_url:  # one PostgreSQL database: keep the clean rows, then start again
                fresh(killed_url)
            at_kill, last = killed_runs(corpus, killed_url, args.kills, rng)
            killed = rows(Store(killed_url))
            same = all(clean[t] == killed[t] for t in TABLES)
            counts = {t: len(clean[t]) for t in TABLES}
            print(f"{name}: {args.n:,} articles; killed at {', '.join(f'{k:,}' for k in at_kill)} stored; last run: "
                  f"{last}; every table identical to the clean run: {same} ({counts}); "
                  f"{time.perf_counter() - started:,.0f} s", flush=True)


if __name__ == "__main__":
    main()
