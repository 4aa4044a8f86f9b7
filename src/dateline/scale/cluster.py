"""Extraction on a Dask cluster: batches of articles go to the workers, results come back to one writer.

Each worker loads the spaCy pipeline once, in a worker plugin (`PipelinePlugin`, also set up on workers that join
later: `scale.worker`), and extracts tasks of about `TASK_CHARS` characters with it: a batch of full-length news is
cut into several, so that the workers share it and none waits long at the end of a run for another's last task. Only
a few tasks are in flight at once, so memory stays flat however long the corpus is, and the caller, the only
process that writes, stores each task's results as they come back, while the workers go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dateline.errors import ConfigError, DatelineError, ExtractionError, require
from dateline.parse import SHIPPED
from dateline.records import Article, Result

if TYPE_CHECKING:
    from distributed import LocalCluster

Batch = list[Article]
Done = list[Result | DatelineError]


CONNECT_TIMEOUT = 5
"""Seconds to wait for a `--scheduler` to answer before saying it does not (Dask's own default is 30)."""

TASK_CHARS = 50_000
"""About how much text a worker gets as one task: a second or so of work here (about ten full-length news articles,
or seventy short ones), small enough that the last tasks of a run finish close together, large enough that sending
a task costs little beside its parse. (Tasks of 20,000 characters measured no better on two workers: the driver's
CPU time per article rose from 7.2 to 8.5 ms.)"""

WORKER_LOG_LENGTH = 100
"""How many recent events each worker of a cluster Dateline starts keeps for debugging. Dask keeps 1,000 by
default, and each batch adds several, so a worker's memory would still be growing 20,000 articles into a stream;
with 100 it levels off after a few batches."""


UNWATCHED = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
             "distributed.admin.system-monitor.interval": "5s", "distributed.worker.memory.monitor-interval": "1s"}
"""Dask's watching a cluster Dateline starts does without, or does less often. Each worker samples its running
task's stack every 10 ms for the dashboard's profile, each process checks its event loop every 20 ms and samples
its CPU and memory for the dashboard every 500 ms, and the nannies and workers check memory every 100 ms; the
workers' checks need the interpreter lock the parse holds, and a cluster Dateline starts has no dashboard. Without
the profile and the 20 ms tick a worker spent about 4 % less CPU time on the same articles (106–107 ms an article
against 110–114, taking turns four times). Idle, a cluster of two took 2.75 % of a core in the process that holds
the scheduler and nannies and 1.65 % in each worker with Dask's defaults, 0.80 % and 0.25–0.30 % with these. An
event loop blocked past Dask's limit (3 s) is still reported, and a worker past its memory limit still stopped
(within a second)."""


KEEP_MALLOC_DEFAULTS = "MALLOC_TRIM_THRESHOLD_"
"""The one variable of Dask's worker environment (`distributed.nanny.pre-spawn-environ`) a cluster Dateline starts
leaves out. Dask sets glibc's trim threshold to 64 KiB so that a worker hands freed memory back at once; setting it
also fixes glibc's mmap threshold at 128 KiB, so thinc's arrays, larger than that, are mapped and unmapped afresh
for every batch: a worker parsed the same articles 10 to 20 % slower than a process without it (measured by timing
one batch inside a worker, alternately with and without). Without it a worker holds more memory (about 320 MiB
after 6,000 short articles, against 230–250 with it) and creeps up slowly (`bench/ingest.py --stream`): the price
of the speed. The one-thread settings for BLAS stay, as Dateline sets them in a single process too."""


def worker_environment() -> dict[str, str]:
    """Dask's environment for a worker process, less `KEEP_MALLOC_DEFAULTS`."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop(KEEP_MALLOC_DEFAULTS, None)
    return environ


def local_cluster(workers: int) -> LocalCluster:
    """A cluster of `workers` processes on this machine, one thread each (spaCy's parse holds the GIL), in the
    environment `worker_environment` gives, without the watching it does not need (`UNWATCHED`)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.admin.low-level-log-length": WORKER_LOG_LENGTH,
                          "distributed.nanny.pre-spawn-environ": worker_environment(), **UNWATCHED}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def tasks(batches: Iterable[Batch], chars: int = TASK_CHARS, workers: int = 1) -> Iterator[Batch]:
    """Each batch cut into tasks of about `chars` characters of text (at least one article each), in order.

    The last batch is cut ever finer towards its end (`tapering`), so that the workers finish close together: with
    tasks of one size to the end, one worker ran a whole last task while the others had nothing left (on two workers
    and 125 full-length articles, 0.3 to 0.7 s of an 8 s run). To know which batch is the last, the batches are read
    one ahead."""
    ahead = iter(batches)
    batch = next(ahead, None)
    while batch is not None:
        following = next(ahead, None)
        yield from (_cut(batch, chars) if following is not None else tapering(batch, chars, workers))
        batch = following


def _cut(batch: Batch, chars: int) -> Iterator[Batch]:
    """A batch as tasks of `chars` characters or just past (at least one article each)."""
    task: Batch = []
    size = 0
    for article in batch:
        task.append(article)
        size += len(article.text)
        if size >= chars:
            yield task
            task, size = [], 0
    if task:
        yield task


def tapering(batch: Batch, chars: int, workers: int) -> Iterator[Batch]:
    """The last articles of a run as tasks that shrink as the end nears: each holds about a `2 * workers`-th of the
    text still to send (at most `chars`), down to one article, as in factoring (Hummel, Schonberg and Flynn, 1992)
    — a share small enough that the tasks already in flight and the ones still to come leave no worker long idle
    while another finishes."""
    left = sum(len(article.text) for article in batch)
    task: Batch = []
    size = 0
    for article in batch:
        if task and size + len(article.text) > min(chars, left / (2 * max(workers, 1))):
            yield task
            left -= size
            task, size = [], 0
        task.append(article)
        size += len(article.text)
    if task:
        yield task


def run_on_dask(batches: Iterable[Batch], *, model: str, workers: int | None = None,
                scheduler: str | None = None, in_flight: int | None = None,
                attribution: str | None = SHIPPED) -> Iterator[Done]:
    """The results of each task cut from the batches (`tasks`), in the order they finish, from a local cluster of
    `workers` processes or the cluster at `scheduler`."""
    require("distributed", "extracting on a Dask cluster (--workers, --scheduler)")
    from distributed import Client, as_completed

    from dateline.scale.worker import extract_on_worker, with_pipeline

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s "
                              f"({type(err).__name__}): is it running, and is the address right?") from None
    else:
        cluster = local_cluster(workers or 1)
        client = Client(cluster)
    try:
        with_pipeline(client, model, attribution)
        size = len(client.scheduler_info().get("workers", {})) or workers or 1
        limit = in_flight or 2 * size
        pending = as_completed()
        sent: dict[str, Batch] = {}
        todo = tasks(batches, workers=size)

        def submit() -> bool:
            batch = next(todo, None)
            if batch is None:
                return False
            future = client.submit(extract_on_worker, batch, model, attribution, pure=False)
            sent[future.key] = batch
            pending.add(future)
            return True

        for _ in range(limit):
            if not submit():
                break
        for future in pending:
            batch = sent.pop(future.key)
            try:
                done: Done = future.result()
            except Exception as err:  # noqa: BLE001  (a worker lost or a task failed: report its articles)
                done = [ExtractionError(f"worker failed: {type(err).__name__}: {err}", source=a.source or a.id)
                        for a in batch]
            future.release()
            submit()  # the next task goes out before these results are stored, so the workers never wait for it
            yield done
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
