"""How a corpus is cut into tasks for Dask workers: about `TASK_CHARS` characters each, and finer at the end of the
run, so that the workers finish together. Pure functions: no cluster and no model needed."""

from __future__ import annotations

from dateline.records import Article
from dateline.scale.cluster import TASK_CHARS, tapering, tasks


def _batch(n: int, chars: int = 4_500, start: int = 0) -> list[Article]:
    return [Article(id=f"a{i}", text="w" * chars, published="2024-03-14") for i in range(start, start + n)]


def test_every_article_goes_out_once_in_order() -> None:
    batches = [_batch(64), _batch(64, start=64), _batch(30, start=128)]
    sent = [a.id for task in tasks(batches, workers=2) for a in task]
    assert sent == [f"a{i}" for i in range(158)]


def test_tasks_before_the_last_batch_are_about_task_chars() -> None:
    cut = list(tasks([_batch(64), _batch(64, start=64)], workers=2))
    assert [len(task) for task in cut[:6]] == [12, 12, 12, 12, 12, 4]  # 54,000 characters each, then the rest
    assert cut[6][0].id == "a64"  # a task never mixes two batches


def test_the_last_batch_tapers_down_to_single_articles() -> None:
    sizes = [len(task) for task in tapering(_batch(64), TASK_CHARS, workers=2)]
    assert sum(sizes) == 64
    assert sizes == sorted(sizes, reverse=True)  # never a larger task after a smaller one
    assert max(sizes) * 4_500 <= TASK_CHARS and sizes[-4:] == [1, 1, 1, 1]


def test_more_workers_taper_sooner() -> None:
    two = [len(task) for task in tapering(_batch(64), TASK_CHARS, workers=2)]
    eight = [len(task) for task in tapering(_batch(64), TASK_CHARS, workers=8)]
    assert eight[0] < two[0] and len(eight) > len(two)


def test_an_article_longer_than_a_task_is_a_task_of_its_own() -> None:
    batch = [*_batch(2), *_batch(1, chars=3 * TASK_CHARS, start=2), *_batch(2, start=3)]
    cut = list(tapering(batch, TASK_CHARS, workers=2))
    assert [[a.id for a in task] for task in cut] == [["a0", "a1"], ["a2"], ["a3"], ["a4"]]
