"""`ingest`: a corpus in, every article's results stored once.

Articles are read as a stream, in batches. An article whose key the store already holds (or that this run has
already seen) is passed over before it is parsed, so a re-run costs only the reading; the rest are extracted,
here or on Dask. Results are saved by a writer thread while extraction goes on, at most a batch in one transaction.
Errors, whether reading or extracting, are reported one line each and the batch goes on.

A local cluster (`workers`) is started only for a corpus that pays for it: the articles to extract are read ahead
until they hold more than `SMALL_CORPUS` characters; if the input ends first, they are extracted in this process, and
a notice (`Code.IN_PROCESS`) says so.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from spacy.language import Language

from dateline.errors import DatelineError, Notice, require
from dateline.parse import DEFAULT_MODEL, SHIPPED, load
from dateline.pipeline import process_batch
from dateline.read import MAX_CHARS, Reading, read_paths
from dateline.records import Article, Result
from dateline.store import Store

SMALL_CORPUS = 300_000
"""Characters of articles to extract below which a local Dask cluster is not started. Starting two workers and
loading the model in each takes about 2.5 s here, and their first batches run slower; one process parses about
40,000 characters a second, so two workers gain on it only past about 250,000 characters (55 full-length news
articles)."""

ERRORS_KEPT = 1000
"""How many error lines a `Summary` keeps; each is said as it comes (`on_error`) and all are counted."""

RECENT = 100_000
"""How many keys a run remembers to pass over repeats before the store has them. An older repeat is parsed again
and then refused by the store, so memory stays flat over any corpus and nothing is stored twice either way."""


def _in_process(batches: Iterable[list[Article]], model: str, nlp: Language | None,
                attribution: str | None = SHIPPED) -> Iterator[list[Result | DatelineError]]:
    """Each batch extracted here, with `nlp`, or a pipeline loaded for this run when the first batch needs one (a
    run that finds everything stored already never loads it)."""
    for batch in batches:
        if nlp is None:
            nlp = load(model, attribution=attribution)
        yield process_batch(nlp, batch)


@dataclass(slots=True)
class Summary:
    """What an ingest did: articles stored, passed over as already stored, failed; and how long it took."""

    stored: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    """The first `ERRORS_KEPT` errors' lines (`failed` counts them all), so memory stays flat over refused lines."""
    bytes_read: int = 0
    """Bytes of the input files read so far (articles read are ahead of those stored by a batch or two)."""
    bytes_total: int | None = None
    """All the input files' bytes; None when the input's size is not known (standard input)."""
    ran_on: str = "in this process"
    """Where the articles were extracted: in this process, on a local Dask cluster, or on the cluster at an
    address."""

    @property
    def rate(self) -> float:
        """Articles extracted and stored per second."""
        return self.stored / self.seconds if self.seconds else 0.0


def _fresh_batches(reads: Iterable[Article | DatelineError], store: Store, size: int, summary: Summary,
                   report: Callable[[DatelineError], None]) -> Iterator[list[Article]]:
    """Batches of articles not stored yet, each read error reported on the way."""
    seen: OrderedDict[str, None] = OrderedDict()  # keys read lately, so a repeat is passed over before it is saved
    chunk: list[Article] = []

    def flush() -> Iterator[list[Article]]:
        known = store.stored(a.key for a in chunk)
        fresh = []
        for article in chunk:
            key = article.key
            if key in known or key in seen:
                summary.skipped += 1
            else:
                seen[key] = None
                if len(seen) > RECENT:
                    seen.popitem(last=False)
                fresh.append(article)
        chunk.clear()
        if fresh:
            yield fresh

    for item in reads:
        if isinstance(item, DatelineError):
            report(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield from flush()
    if chunk:
        yield from flush()


def _ahead(batches: Iterator[list[Article]], chars: int) -> tuple[Iterator[list[Article]], int | None]:
    """The batches, and the characters of text they hold when that is `chars` or fewer (None when more): read ahead
    until they hold more, or end."""
    held: list[list[Article]] = []
    size = 0
    for batch in batches:
        held.append(batch)
        size += sum(len(article.text) for article in batch)
        if size > chars:
            return chain(held, batches), None
    return iter(held), size


def _told(batches: Iterator[list[Article]], told: Callable[[], None]) -> Iterator[list[Article]]:
    """The batches, with `told` called as each is read (so progress moves before the first is stored)."""
    for batch in batches:
        told()
        yield batch


def ingest(paths: Iterable[str], store: Store, *, published: date | None = None, max_chars: int = MAX_CHARS,
           model: str = DEFAULT_MODEL, batch_size: int = 64, workers: int = 0, scheduler: str | None = None,
           on_error: Callable[[DatelineError], None] | None = None,
           on_progress: Callable[[Summary], None] | None = None, nlp: Language | None = None,
           attribution: str | None = SHIPPED) -> Summary:
    """Read, extract and store every article under `paths`; in this process, or on Dask when `workers` (a local
    cluster of that many processes) or `scheduler` (an existing cluster) is given.

    In this process the pipeline is `nlp` where given (a caller ingesting many times loads it once), else `model`
    loaded for this run; on Dask each worker loads `model` once. `attribution` is the trained attribution model
    the pipeline loads (`parse.load`: the shipped one, a path, or None for the rules alone)."""
    summary = Summary()
    started = time.perf_counter()
    if workers or scheduler:
        require("distributed", "extracting on a Dask cluster (--workers, --scheduler)")

    def report(error: DatelineError) -> None:
        if not isinstance(error, Notice):  # a notice (an id given a suffix) is said, not counted as a failure
            summary.failed += 1
            if len(summary.errors) < ERRORS_KEPT:
                summary.errors.append(str(error))
        if on_error is not None:
            on_error(error)

    reading = Reading()

    def read_so_far() -> None:
        summary.bytes_read, summary.bytes_total = reading.done, reading.total
        summary.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(summary)

    batches: Iterator[list[Article]] = _told(_fresh_batches(
        read_paths(paths, published=published, max_chars=max_chars, reading=reading), store, batch_size, summary,
        report), read_so_far)
    if workers and not scheduler:
        batches, small = _ahead(batches, SMALL_CORPUS)
        if small is not None:
            if small:
                report(Notice(f"{small:,} characters of articles to extract take less time in this process than a "
                              f"cluster of {workers} worker{'s' if workers > 1 else ''} takes to start: extracting "
                              "here"))
            workers = 0
    if workers or scheduler:
        from dateline.scale.cluster import run_on_dask

        summary.ran_on = (f"on the Dask cluster at {scheduler}" if scheduler else
                          f"on a local Dask cluster of {workers} worker{'s' if workers > 1 else ''}")
        done: Iterable[list[Result | DatelineError]] = run_on_dask(batches, model=model, workers=workers or None,
                                                                   scheduler=scheduler, attribution=attribution)
    else:
        done = _in_process(batches, model, nlp, attribution)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-writer") as writer:
        # One save runs while extraction goes on. Results wait until `batch_size` articles have come back (Dask's
        # tasks bring ten or so each) and those are saved in one transaction, as one process saves each batch while
        # it extracts the next: a save of 11 full-length articles cost 4.9 ms an article, one of 64 4.2 (measured on
        # the same 500). What comes back beyond them waits for the next, so memory stays flat.
        pending: Future[int] | None = None
        pending_size = 0
        waiting: list[Result] = []

        def settle() -> None:
            nonlocal pending
            if pending is None:
                return
            new = pending.result()  # a store error surfaces here, in the ingesting thread
            pending = None
            summary.stored += new
            summary.skipped += pending_size - new  # stored meanwhile (an old repeat, another ingest running)
            read_so_far()

        def save() -> None:
            nonlocal pending, pending_size, waiting
            settle()
            batch, waiting = waiting[:batch_size], waiting[batch_size:]
            pending, pending_size = writer.submit(store.save, batch), len(batch)

        for results in done:
            for item in results:
                if isinstance(item, DatelineError):
                    report(item)
                else:
                    waiting.append(item)
            while len(waiting) >= batch_size:  # a task of short articles can bring more than a batch
                save()
            if pending is not None and pending.done():
                settle()  # the counts and the progress move as soon as a save is done
        while waiting:
            save()
        settle()
    summary.seconds = time.perf_counter() - started
    return summary
