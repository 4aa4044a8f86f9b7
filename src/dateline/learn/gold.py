"""Annotated attributions as the model's targets: PolNeAR's character spans turned into tags over a Doc's tokens.

An attribution here is PolNeAR's: a cue ("said", "according to", "in a statement"), its source (who, where there is
one) and its content (one span or several), each a list of character spans into the article. `targets` gives the
cue tags of a whole Doc and, for each annotated cue, the role tags of its window and a verdict of 1; `negatives` adds
words that could be cues but are not annotated as one, whose windows are all "outside" and whose verdict is 0, so
the roles stage also learns to say that a word reports nothing. Training adds the cue stage's own mistakes as
negatives too (`components.attribution`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc

from dateline.learn.features import FLAGS, LEXICONS
from dateline.learn.model import CUE_TAGS, REACH, ROLE_TAGS, Cue, Sample, cue_at

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Attribution:
    """One annotated attribution: character spans of its cue, source and content."""

    cue: Spans
    source: Spans
    content: Spans

    @classmethod
    def from_polnear(cls, record: dict) -> Attribution:
        def spans(role: str) -> Spans:
            return [(s["start"], s["end"]) for s in record.get(role) or []]
        return cls(spans("cue"), spans("source"), spans("content"))


def tokens(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans as token spans [start, end), widened to whole tokens; spans that hold no token dropped."""
    out = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def _bio(tags: numpy.ndarray, runs: Iterable[tuple[int, int]], begin: int, inside: int, offset: int = 0) -> None:
    for start, end in runs:
        lo, hi = max(start - offset, 0), min(end - offset, len(tags))
        if lo >= hi:
            continue
        tags[lo] = begin
        tags[lo + 1:hi] = inside


@dataclass(slots=True)
class Targets:
    """What the model should say of one Doc: its cue tags, and the cues to read with each one's role tags and
    verdict (1 for an annotated cue, 0 for a word that reports nothing)."""

    cue_tags: numpy.ndarray
    cues: list[Cue]
    role_tags: list[numpy.ndarray]
    verdicts: list[float]
    taken: set[int]  # the tokens of annotated cues

    def add_negative(self, cue: Cue) -> None:
        """A cue to read that is no cue: its window all outside, its verdict 0."""
        self.cues.append(cue)
        self.role_tags.append(numpy.zeros(cue.w1 - cue.w0, dtype="int32"))
        self.verdicts.append(0.0)

    def annotated(self, cue: Cue) -> bool:
        return any(i in self.taken for i in range(cue.start, cue.end))


CUE_FLAGS = [FLAGS.index(name) for name in (*LEXICONS[:4], "phrase_acts", "according")]
"""The flags of words that could be cues: reporting, belief, finding and question verbs, phrase acts, "according"."""


def negatives(sample: Sample, taken: set[int]) -> list[int]:
    """Tokens that could be cues (`CUE_FLAGS`) and are not one, nor part of one."""
    doc = sample.doc
    could = sample.flags[:, CUE_FLAGS].any(axis=1)
    return [i for i in numpy.flatnonzero(could).tolist() if i not in taken and doc[i].pos_ in {"VERB", "NOUN", "AUX"}
            or i not in taken and doc[i].lower_ == "according"]


def targets(samples: Sequence[Sample], k: int, attributions: Sequence[Attribution], *, negative_share: float = 0.5,
            rng: random.Random | None = None, reach: Sequence[int] = REACH) -> Targets:
    """The targets of sample `k` (its Doc) given its annotated attributions."""
    sample = samples[k]
    doc = sample.doc
    cue_tags = numpy.zeros(len(doc), dtype="int32")
    cues: list[Cue] = []
    role_tags: list[numpy.ndarray] = []
    taken: set[int] = set()
    b_cue, i_cue = CUE_TAGS.index("B-CUE"), CUE_TAGS.index("I-CUE")
    b_src, i_src = ROLE_TAGS.index("B-SOURCE"), ROLE_TAGS.index("I-SOURCE")
    b_con, i_con = ROLE_TAGS.index("B-CONTENT"), ROLE_TAGS.index("I-CONTENT")
    for a in attributions:
        cue_spans = tokens(doc, a.cue)
        content = tokens(doc, a.content)
        if not cue_spans or not content:
            continue
        start, end = cue_spans[0][0], cue_spans[-1][1]
        _bio(cue_tags, [(start, end)], b_cue, i_cue)
        taken.update(range(start, end))
        cue = cue_at(samples, k, start, end, reach)
        tags = numpy.zeros(cue.w1 - cue.w0, dtype="int32")
        _bio(tags, content, b_con, i_con, cue.w0)
        _bio(tags, tokens(doc, a.source), b_src, i_src, cue.w0)
        tags[start - cue.w0:end - cue.w0] = 0  # the cue itself is neither
        cues.append(cue)
        role_tags.append(tags)
    found = Targets(cue_tags, cues, role_tags, [1.0] * len(cues), taken)
    rng = rng or random.Random(0)
    for i in negatives(sample, taken):
        if rng.random() < negative_share:
            found.add_negative(cue_at(samples, k, i, i + 1, reach))
    return found
