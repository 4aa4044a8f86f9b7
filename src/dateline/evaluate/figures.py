"""Precision, recall and F1 in percent, rounded to a decimal as the benchmark's scorers print them."""

from __future__ import annotations


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    """P = tp_p / n_p, R = tp_r / n_r, and their harmonic mean; 0 where a count is 0."""
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)
