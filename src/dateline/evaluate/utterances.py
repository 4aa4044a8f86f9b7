"""Dateline's results in the form quote-attribution gold is annotated in, for scoring.

PolNeAR-style gold marks one attribution per utterance: quoted sentences that follow a quote with no cue of their
own ("“Here comes Big Daddy,” she said. “The Donald.”") are one attribution with several content spans. Dateline's
result keeps each quotation as its own quote (so each can be found and cited); `attributions` gives one record per
utterance (`dateline.extract.utterances`). It is what `dateline eval quotes` scores, and writes with --system
for the reference scorer.
"""

from __future__ import annotations

from typing import Any

from dateline.extract.utterances import utterances
from dateline.records import Result


def attributions(result: Result) -> list[dict[str, Any]]:
    """One record per utterance, in the system form `score_quotes.py` (and `score_speakers.py`) reads, with the
    attribution as annotated corpora bound it (`attribution`: source, cue, content) where the quotes give it, for
    the exact-span metric (`evaluate.spans`)."""
    out: list[dict[str, Any]] = []
    for group in utterances(result.quotes, result.text):
        q = group[0]
        spans = [list(s) for s in dict.fromkeys(tuple(s) for member in group for s in member.spans)]
        record: dict[str, Any] = {"start": q.start, "end": q.end, "kind": q.kind, "spans": spans,
                                  "speaker": None, "cue": None, "addressee": None}
        if q.speaker is not None:
            m = q.speaker.mention
            record["speaker"] = {"name": q.speaker.name, "mention": {"start": m.start, "end": m.end} if m else None}
        if q.cue is not None:
            record["cue"] = {"start": q.cue.start, "end": q.cue.end}
        notes = [member.annotated for member in group if member.annotated is not None]
        if notes:
            record["attribution"] = {"source": notes[0].source, "cue": notes[0].cue,
                                     "content": [c for note in notes for c in note.content]}
        addressee = next((member.addressee for member in group if member.addressee is not None), None)
        if addressee is not None:
            record["addressee"] = {"name": addressee.name,
                                   "mention": {"start": addressee.mention.start, "end": addressee.mention.end}}
        out.append(record)
    return out
