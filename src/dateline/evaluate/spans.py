"""The field's metric for attribution: exact spans per role, as the sequence-tagging papers on PolNeAR score them.

Each role — source, cue, content — is scored apart: a system span counts when a gold span of the same role in the
same article covers exactly the same word tokens, and precision, recall and F1 are taken over all articles. A
content in several pieces ("“A,” she said, “B.”") is one span per piece, as a tagger's output would be. Units are
word tokens (``\\w+``), as in the reference scorer, so punctuation at a span's edge (quotation marks, a comma)
changes nothing.

System records give their spans as annotated (`attribution`: the full source phrase, the cue with its
auxiliaries, the content as PolNeAR bounds it); a record without one is read from its display spans (the speaker's
mention, the cue, `spans`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dateline.evaluate.figures import prf
from dateline.evaluate.quotes import word_offsets

ROLES = ("source", "cue", "content")


def _words(words: list[tuple[int, int]], start: int, end: int) -> tuple[int, ...]:
    return tuple(i for i, (a, b) in enumerate(words) if start <= a and b <= end)


def _gold_spans(article: Mapping[str, Any], words: list[tuple[int, int]]) -> dict[str, set[tuple[int, ...]]]:
    out: dict[str, set[tuple[int, ...]]] = {role: set() for role in ROLES}
    for a in article.get("quotes", []):
        for role in ROLES:
            for span in a.get(role) or []:
                found = _words(words, int(span["start"]), int(span["end"]))
                if found:
                    out[role].add(found)
    return out


def _pairs(value: Any) -> list[tuple[int, int]]:
    """Spans given as {"start", "end"}, [start, end], or a list of either."""
    if not value:
        return []
    if isinstance(value, Mapping):
        return [(int(value["start"]), int(value["end"]))]
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [(int(value[0]), int(value[1]))]
    return [p for item in value for p in _pairs(item)]


def annotated_spans(record: Mapping[str, Any]) -> dict[str, list[tuple[int, int]]]:
    """A system record's spans per role: its `attribution` where it has one, else its display spans."""
    given = record.get("attribution")
    if given:
        return {role: _pairs(given.get(role)) for role in ROLES}
    speaker = record.get("speaker") or {}
    return {"source": _pairs(speaker.get("mention")), "cue": _pairs(record.get("cue")),
            "content": _pairs(record.get("spans")) or [(int(record["start"]), int(record["end"]))]}


def _system_spans(records: Iterable[Mapping[str, Any]],
                  words: list[tuple[int, int]]) -> dict[str, set[tuple[int, ...]]]:
    out: dict[str, set[tuple[int, ...]]] = {role: set() for role in ROLES}
    for record in records:
        for role, spans in annotated_spans(record).items():
            for start, end in spans:
                found = _words(words, start, end)
                if found:
                    out[role].add(found)
    return out


def score_spans(gold: Iterable[Mapping[str, Any]],
                system: Mapping[str, list[Mapping[str, Any]]]) -> dict[str, tuple[float, float, float]]:
    """Exact-span precision, recall and F1 per role (`source_PRF`, `cue_PRF`, `content_PRF`), over all articles;
    an article missing from `system` counts as one the system found nothing in."""
    counts = {role: [0, 0, 0] for role in ROLES}  # right, found, wanted
    for article in {a["id"]: a for a in gold}.values():
        words = word_offsets(article["text"])
        wanted = _gold_spans(article, words)
        found = _system_spans(system.get(article["id"], []), words)
        for role in ROLES:
            counts[role][0] += len(wanted[role] & found[role])
            counts[role][1] += len(found[role])
            counts[role][2] += len(wanted[role])
    return {f"{role}_PRF": prf(right, n_found, right, n_wanted)
            for role, (right, n_found, n_wanted) in counts.items()}
