"""Utterances: the quotes that are one act of speech, so that each carries the whole of what was said.

A quotation interrupted by its attribution ("“A,” she said, “B.”") and the quoted sentences that go on after it
with no cue of their own ("“A,” she said. “B.”") are one utterance, as quote-attribution gold annotates them. Each
quotation stays its own quote (so each can be found and cited); `join` gives every quote of an utterance the
utterance's whole content as its `spans`.
"""

from __future__ import annotations

from dateline.extract.marks import WORD
from dateline.records import Quote


def _only_attribution(prev: Quote, quote: Quote, text: str) -> bool:
    """Whether the words between two quotes are just their attribution ("“A,” she said, “B.”"), not another
    verb that reports the second ("“A,” she said, adding, “B.”")."""
    if quote.start - prev.end > 160:
        return False  # more than an attribution lies between them
    gap = list(text[prev.end:quote.start])
    for part in (prev.cue, prev.speaker.mention if prev.speaker else None):
        if part is not None and prev.end <= part.start and part.end <= quote.start:
            gap[part.start - prev.end:part.end - prev.end] = " " * (part.end - part.start)
    rest = WORD.findall("".join(gap))
    return len(rest) <= 3 and not any(w.lower().endswith("ing") for w in rest)


def continues(prev: Quote, quote: Quote, text: str) -> bool:
    """Whether `quote` goes on with the utterance `prev` belongs to."""
    if quote.cue is not None and prev.cue is not None and quote.cue.start == prev.cue.start:
        # “A,” she said, “B.”: one utterance, split by its attribution
        return quote.kind != "indirect" and prev.kind != "indirect" and _only_attribution(prev, quote, text)
    return (quote.cue is None and quote.kind != "indirect" and prev.kind != "indirect"
            and quote.speaker is not None and prev.speaker is not None
            and quote.speaker.name == prev.speaker.name and text.find("\n", prev.end, quote.start) < 0)


def utterances(quotes: list[Quote], text: str) -> list[list[Quote]]:
    """The quotes (in text order) grouped into utterances, in order."""
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups and continues(groups[-1][-1], q, text):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def join(quotes: list[Quote], text: str) -> list[Quote]:
    """The same quotes, each with its utterance's whole content as `spans`."""
    for group in utterances(quotes, text):
        if len(group) > 1:
            spans = [list(s) for s in dict.fromkeys(tuple(s) for q in group for s in q.spans)]
            for q in group:
                q.spans = [list(s) for s in spans]
    return quotes
