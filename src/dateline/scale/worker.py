"""What a Dask worker holds and runs: one spaCy pipeline, loaded once by a worker plugin, and the task that puts a
batch of articles through it. Imported only where Dask is (the `[dask]` extra)."""

from __future__ import annotations

import threading
from typing import Any

from distributed import Client, WorkerPlugin, get_worker
from spacy.language import Language

from dateline.errors import DatelineError
from dateline.parse import SHIPPED, load
from dateline.pipeline import process_batch
from dateline.records import Article, Result


class PipelinePlugin(WorkerPlugin):
    """Loads `model` (with the `attribution` model, `parse.load`) once per worker (and on every worker that joins
    later) and holds it for the batches the worker runs.

    A worker with several threads runs one batch at a time on it, since a batch's memory zone belongs to the
    pipeline's vocabulary; Dateline's own clusters have one thread per worker anyway, as spaCy's parse holds the GIL.
    """

    def __init__(self, model: str, attribution: str | None = SHIPPED) -> None:
        self.model = model
        self.attribution = attribution
        self.nlp: Language | None = None
        self.lock = threading.Lock()

    def setup(self, worker: Any) -> None:
        self.nlp = load(self.model, attribution=self.attribution)
        warm_up(self.nlp)

    def teardown(self, worker: Any) -> None:
        self.nlp = None

    def run(self, batch: list[Article]) -> list[Result | DatelineError]:
        with self.lock:
            if self.nlp is None:
                self.nlp = load(self.model, attribution=self.attribution)
            return process_batch(self.nlp, batch)

    def __getstate__(self) -> dict[str, Any]:  # sent to workers without a pipeline or a lock
        return {"model": self.model, "attribution": self.attribution}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model"], state["attribution"])  # type: ignore[misc]


def warm_up(nlp: Language) -> None:
    """One short article through the pipeline, so that what a pipeline sets up on its first Doc is done before the
    first task, not during it."""
    from datetime import date

    from dateline.pipeline import extract

    extract("“The harbor opens on Monday,” the mayor told reporters.", date(2024, 3, 14), nlp=nlp)


def plugin_name(model: str, attribution: str | None = SHIPPED) -> str:
    return f"dateline-pipeline:{model}:{attribution or 'rules-only'}"


def extract_on_worker(batch: list[Article], model: str,
                      attribution: str | None = SHIPPED) -> list[Result | DatelineError]:
    """The task a worker runs: a batch through the pipeline its plugin holds."""
    return get_worker().plugins[plugin_name(model, attribution)].run(batch)


def with_pipeline(client: Client, model: str, attribution: str | None = SHIPPED) -> None:
    """Make sure every worker of `client`'s cluster, and every one that joins later, holds a pipeline for `model`
    (and `attribution`): registered once, and not loaded again on a cluster that holds it already."""
    name = plugin_name(model, attribution)
    held = client.run(lambda dask_worker: name in dask_worker.plugins)
    if held and all(held.values()):
        return
    client.register_plugin(PipelinePlugin(model, attribution), name=name)
