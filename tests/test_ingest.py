"""Ingesting at scale: a real process killed with SIGKILL mid-run loses nothing and stores nothing twice; a Dask
LocalCluster stores exactly what one process stores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from corpus import story, write_corpus, write_long
from dateline.scale import ingest
from dateline.scale.cluster import local_cluster
from dateline.scale.ingest import SMALL_CORPUS
from dateline.store import Store

pytestmark = pytest.mark.model

CLI = [sys.executable, "-c", "from dateline.serve.cli import main; main()"]


def _jsonl_corpus(path: Path, n: int, start: int = 0) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(start, start + n):
            day, title, text = story(i)
            out.write(json.dumps({"id": f"s{i}", "date": day, "title": title, "text": text}) + "\n")


def _comparable(store: Store) -> dict[str, list[dict[str, object]]]:
    """Every table's rows, less what depends on when they were written."""
    tables = ("articles", "people", "mentions", "quotes", "times", "entities", "events", "persons", "organizations")
    return {t: [{k: v for k, v in r.items() if k not in {"ingested", "source"}} for r in store.rows(t)]
            for t in tables}


def test_a_killed_ingest_run_again_stores_every_article_once(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    _jsonl_corpus(corpus, 160)
    command = [*CLI, "ingest", str(corpus), "--db", db_url, "--batch-size", "4"]
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    store = Store(db_url)
    deadline = time.monotonic() + 120
    while store.counts()["articles"] < 12 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    assert victim.poll() is None, "the ingest ended before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    stored_at_kill = store.counts()["articles"]
    assert 12 <= stored_at_kill < 160
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{160 - stored_at_kill:,} stored · {stored_at_kill:,} already stored" in again.stderr
    counts = store.counts()
    assert counts["articles"] == 160
    quotes = list(store.rows("quotes"))
    assert len({(q["article"], q["n"]) for q in quotes}) == len(quotes)  # no quote twice
    clean = Store(f"sqlite:///{tmp_path / 'clean.db'}")
    ingest([str(corpus)], clean, batch_size=4)
    assert clean.counts() == counts  # the same as a run never killed


@pytest.fixture(scope="module")
def cluster() -> LocalCluster:
    with local_cluster(2) as running:
        yield running


def test_dask_workers_store_what_one_process_stores(cluster: LocalCluster, tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    alone, spread = Store(f"sqlite:///{tmp_path / 'one.db'}"), Store(f"sqlite:///{tmp_path / 'dask.db'}")
    one = ingest([str(tmp_path / "corpus")], alone)
    many = ingest([str(tmp_path / "corpus")], spread, scheduler=cluster.scheduler_address, batch_size=2)
    assert (many.stored, many.failed) == (one.stored, one.failed) == (8, 2)
    assert _comparable(spread) == _comparable(alone)


def test_a_cluster_dateline_starts_does_not_profile_its_workers(cluster: LocalCluster) -> None:
    """No dashboard shows Dask's profile, so the workers do not sample the parse's stack 100 times a second, and
    check their event loop, CPU and memory less often."""
    import dask

    from dateline.scale.cluster import UNWATCHED

    def watching() -> dict[str, object]:
        return {key: dask.config.get(key) for key in UNWATCHED}

    assert UNWATCHED["distributed.worker.profile.enabled"] is False
    with Client(cluster) as client:
        assert list(client.run(watching).values()) == [UNWATCHED, UNWATCHED]


def test_dask_workers_each_load_the_model_once(cluster: LocalCluster, tmp_path: Path) -> None:
    _jsonl_corpus(tmp_path / "wire.jsonl", 24)
    from dateline.parse import DEFAULT_MODEL
    from dateline.scale.worker import plugin_name

    name = plugin_name(DEFAULT_MODEL)

    def pipelines() -> dict[str, int]:
        """Which pipeline object each worker's plugin holds."""
        with Client(cluster) as client:
            return client.run(lambda dask_worker: id(dask_worker.plugins[name].nlp))

    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    ingest([str(tmp_path / "wire.jsonl")], store, scheduler=cluster.scheduler_address, batch_size=2)
    first = pipelines()
    _jsonl_corpus(tmp_path / "more.jsonl", 24, start=100)
    ingest([str(tmp_path / "more.jsonl")], store, scheduler=cluster.scheduler_address, batch_size=2)
    assert len(first) == 2 and pipelines() == first  # loaded once per worker, kept for the next ingest
    assert store.counts()["articles"] == 48


def test_the_cli_runs_its_own_local_cluster_for_a_corpus_that_pays_for_it(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    assert write_long(tmp_path / "corpus" / "long.jsonl", 24) > SMALL_CORPUS
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    done = subprocess.run([*CLI, "ingest", str(tmp_path / "corpus"), "--db", db, "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1  # two inputs failed, and said so
    assert "32 stored · 0 already stored · 2 failed" in done.stderr
    assert "on a local Dask cluster of 2 workers" in done.stderr and "[D160]" not in done.stderr
    assert Store(db).counts()["articles"] == 32


def test_workers_on_a_small_corpus_say_so_and_extract_here(tmp_path: Path) -> None:
    """Starting a cluster costs seconds: a corpus shorter than that is worth is extracted in this process."""
    write_corpus(tmp_path / "corpus")
    db = f"sqlite:///{tmp_path / 'small.db'}"
    done = subprocess.run([*CLI, "ingest", str(tmp_path / "corpus"), "--db", db, "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    notes = [line for line in done.stderr.splitlines() if "[D160]" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ") and "extracting here" in notes[0]
    assert "8 stored · 0 already stored · 2 failed" in done.stderr and "in this process" in done.stderr
