"""The model's scores made precisions: how often a proposal with such a score is a right attribution, measured on
articles the model was not trained on (its validation part), so that a conflict with a rule — whose confidence is
its measured precision — compares like with like.

The scores are cut into bins of equal count; each bin's precision is made non-decreasing with the score (pool
adjacent violators), and a score takes the precision of its bin.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

BINS = 10


def fit(scores: Sequence[float], right: Sequence[bool], bins: int = BINS) -> list[list[float]]:
    """[upper bound of the bin's scores, precision] for each bin, the last bound 1.0."""
    pairs = sorted(zip(scores, right, strict=True))
    if not pairs:
        return [[1.0, 0.0]]
    size = max(1, len(pairs) // bins)
    groups = [pairs[k:k + size] for k in range(0, len(pairs), size)]
    if len(groups) > 1 and len(groups[-1]) < size // 2:
        groups[-2:] = [groups[-2] + groups[-1]]
    blocks = [[float(sum(r for _, r in g)), float(len(g)), g[-1][0]] for g in groups]  # hits, count, bound
    merged: list[list[float]] = []
    for block in blocks:  # pool adjacent violators: precision never falls as the score rises
        merged.append(block)
        while len(merged) > 1 and merged[-2][0] / merged[-2][1] > merged[-1][0] / merged[-1][1]:
            hits, count, bound = merged.pop()
            merged[-1] = [merged[-1][0] + hits, merged[-1][1] + count, bound]
    table = [[round(bound, 4), round(hits / count, 4)] for hits, count, bound in merged]
    table[-1][0] = 1.0
    return table


def precision(table: Sequence[Sequence[float]], score: float) -> float:
    """The precision a score stands for, by the bins of `fit`."""
    bounds = [b for b, _ in table]
    k = min(bisect_left(bounds, score), len(table) - 1)
    return float(table[k][1])
