"""Dateline's results in the form quote-attribution gold is annotated in, for scoring.

PolNeAR-style gold marks one attribution per utterance: quoted sentences that follow a quote with no cue of their
own ("“Here comes Big Daddy,” she said. “The Donald.”") are one attribution with several content spans. Dateline's
result keeps each quotation as its own quote (so each can be found and cited); `attributions` groups the
continuations with the quote they continue. It is what `dateline eval quotes` scores, and writes with --system
for the reference scorer.
"""

from __future__ import annotations

from typing import Any

from dateline.extract.marks import WORD
from dateline.records import Quote, Result


def _only_attribution(prev: Quote, quote: Quote, text: str) -> bool:
    """Whether the words between two quotes are just their attribution ("“A,” she said, “B.”"), not another
    verb that reports the second ("“A,” she said, adding, “B.”")."""
    gap = list(text[prev.end:quote.start])
    for part in (prev.cue, prev.speaker.mention if prev.speaker else None):
        if part is not None and prev.end <= part.start and part.end <= quote.start:
            gap[part.start - prev.end:part.end - prev.end] = " " * (part.end - part.start)
    rest = WORD.findall("".join(gap))
    return len(rest) <= 3 and not any(w.lower().endswith("ing") for w in rest)


def _continues(prev: Quote, quote: Quote, text: str) -> bool:
    if quote.cue is not None and prev.cue is not None and quote.cue.start == prev.cue.start:
        # “A,” she said, “B.”: one utterance, split by its attribution
        return quote.kind != "indirect" and prev.kind != "indirect" and _only_attribution(prev, quote, text)
    return (quote.cue is None and quote.kind != "indirect" and prev.kind != "indirect"
            and quote.speaker is not None and prev.speaker is not None
            and quote.speaker.name == prev.speaker.name and "\n" not in text[prev.end:quote.start])


def attributions(result: Result) -> list[dict[str, Any]]:
    """One record per utterance, in the system form `score_quotes.py` reads."""
    out: list[dict[str, Any]] = []
    last: tuple[Quote, dict[str, Any]] | None = None
    for q in result.quotes:
        if last is not None and _continues(last[0], q, result.text):
            last[1]["spans"].extend([list(s) for s in q.spans])
            last = (q, last[1])
            continue
        record = {"start": q.start, "end": q.end, "kind": q.kind, "spans": [list(s) for s in q.spans],
                  "speaker": None, "cue": None}
        if q.speaker is not None:
            m = q.speaker.mention
            record["speaker"] = {"name": q.speaker.name, "mention": {"start": m.start, "end": m.end} if m else None}
        if q.cue is not None:
            record["cue"] = {"start": q.cue.start, "end": q.cue.end}
        out.append(record)
        last = (q, record)
    return out
