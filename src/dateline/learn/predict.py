"""The model's tags read back as attributions: for each cue found, its source and content as token spans, and how
sure the model is of each."""

from __future__ import annotations

from dataclasses import dataclass

import numpy

from dateline.learn.model import ROLE_TAGS, Cue, runs


@dataclass(slots=True)
class Proposal:
    """One attribution the model proposes: token spans [start, end) of the Doc, and confidences in [0, 1]."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    verdict: float  # that the cue reports an attribution at all
    content_confidence: float  # that the content is where it is (the mean of its tokens' probabilities)
    source_confidence: float

    @property
    def confidence(self) -> float:
        """How sure the model is that this is an attribution with this content: the verdict and the content's
        extent together (its raw score: `learn.calibrate` makes it a precision)."""
        return self.verdict * self.content_confidence

    def to_dict(self) -> dict:
        return {"cue": list(self.cue), "source": list(self.source) if self.source else None,
                "content": [list(c) for c in self.content], "verdict": round(self.verdict, 4),
                "content_confidence": round(self.content_confidence, 4),
                "source_confidence": round(self.source_confidence, 4)}

    @classmethod
    def from_dict(cls, data: dict) -> Proposal:
        return cls(tuple(data["cue"]), tuple(data["source"]) if data["source"] else None,  # type: ignore[arg-type]
                   [tuple(c) for c in data["content"]], data["verdict"],  # type: ignore[misc]
                   data["content_confidence"], data["source_confidence"])


def _mean(scores: numpy.ndarray, start: int, end: int, columns: list[int]) -> float:
    return float(scores[start:end, columns].sum(axis=1).mean()) if end > start else 0.0


MIN_CONTENT_TOKENS = 1


VERDICT = 0.5
"""The verdict below which a cue is not taken to report anything."""


def read(cue: Cue, role_scores: numpy.ndarray, verdict: float) -> Proposal | None:
    """One cue's proposal, or None where the verdict says it reports nothing or the roles stage finds no content
    for it."""
    if verdict < VERDICT:
        return None
    scores = numpy.asarray(role_scores)
    content = [(s + cue.w0, e + cue.w0) for s, e in runs(scores, ROLE_TAGS, "CONTENT")]
    content = [(s, e) for s, e in content if e - s >= MIN_CONTENT_TOKENS]
    if not content:
        return None
    source_runs = runs(scores, ROLE_TAGS, "SOURCE")
    src_columns = [ROLE_TAGS.index("B-SOURCE"), ROLE_TAGS.index("I-SOURCE")]
    con_columns = [ROLE_TAGS.index("B-CONTENT"), ROLE_TAGS.index("I-CONTENT")]
    source, source_confidence = None, 0.0
    if source_runs:
        best = max(source_runs, key=lambda r: _mean(scores, r[0], r[1], src_columns))
        source = (best[0] + cue.w0, best[1] + cue.w0)
        source_confidence = _mean(scores, best[0], best[1], src_columns)
    content_confidence = float(numpy.mean([_mean(scores, s - cue.w0, e - cue.w0, con_columns) for s, e in content]))
    return Proposal((cue.start, cue.end), source, content, float(verdict), content_confidence, source_confidence)
