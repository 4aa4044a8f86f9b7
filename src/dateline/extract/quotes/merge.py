"""What the rules find and what the trained model proposes, merged into one list of quotes.

The policy, in order:

1. **A precise rule keeps what it found.** A rule quote whose finder's measured precision is at least `PRECISE`
   (a quotation with a clear cue: "“…,” Blinken told Capehart"; one the same speaker goes on with) stays as the rule
   found it. Where the rule named no speaker and the model did, the model's speaker is taken.
2. **A conflict goes by confidence.** Where a model attribution and rule quotes are the same attribution (half the
   words of the shorter lie in the other, or they share a cue), the model's replaces them only if it is surer
   than every one of them and none is precise; a model attribution that spans a rule's quotation and the one the
   same speaker goes on with ("“…,” said Blinken. “…”") meets both. Both confidences are precisions measured on
   data neither was made from: a finder's on PolNeAR's open train articles (`bench/finder_precision.py`), the
   model's on its validation articles, by bins of its own score (`learn.calibrate`).
3. **The model adds what the rules missed**: an attribution no rule quote matches, at confidence `ADD` or more
   (`ADD_OTHER` where its cue is no word of a reporting list).
   A model attribution that only overlaps a rule quote, or whose cue lies in another's words — an attribution
   nested in another's content ("X said Y told them …"), the second act of "said …, adding …" — is its own
   attribution and is added too.

`PRECISE`, `ADD` and `ADD_OTHER` were chosen on the model's validation articles (`bench/attribution.py --tune`),
never on dev or the sealed check.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from dateline.records import Quote, Speaker

PRECISE = 0.9
"""A rule quote at least this sure is kept whatever the model proposes."""
ADD = 0.5
"""A model attribution the rules did not find is added from this confidence."""
ADD_OTHER = 0.7
"""… and from this one where its cue is a word no list of reporting words holds (`act` "other": "residents crowded
a hearing to object"): PolNeAR counts many such cues, a reader of quotes expects few."""
SAME = 0.5
"""Two quotes are one attribution where at least this share of the shorter one's words lie in the other."""

WORD = re.compile(r"\w+")


def _words(text: str, quote: Quote) -> frozenset[int]:
    spans = quote.spans or [[quote.start, quote.end]]
    return frozenset(m.start() for s, e in spans for m in WORD.finditer(text, s, e))


def _same(a: frozenset[int], b: frozenset[int]) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME


def _cue(quote: Quote) -> tuple[int, int] | None:
    return (quote.cue.start, quote.cue.end) if quote.cue is not None else None


def _shares_cue(a: Quote, b: Quote) -> bool:
    ca, cb = _cue(a), _cue(b)
    return ca is not None and cb is not None and ca[0] < cb[1] and cb[0] < ca[1]


def _inside(quote: Quote, at: int) -> bool:
    return any(s <= at < e for s, e in quote.spans or [[quote.start, quote.end]])


def _nested(a: Quote, b: Quote) -> bool:
    """One reports the other: its cue lies inside the other's words ("Roe said Smith told her the deal was dead":
    "told" lies inside what Roe said), however many words they share."""
    return (a.cue is not None and _inside(b, a.cue.start)) or (b.cue is not None and _inside(a, b.cue.start))


def merge(rules: list[Quote], model: list[Quote], text: str, *, precise: float = PRECISE, add: float = ADD,
          add_other: float = ADD_OTHER, keep_speaker: bool = False,
          speaker_of: Callable[[Quote], Speaker | None] = lambda q: q.speaker) -> list[Quote]:
    """The rules' quotes and the model's, merged by the policy above, in text order; `speaker_of` names a model
    quote's speaker where a rule quote without one takes it. The quotes kept are indexed by their words and their
    cues' characters, so a proposal meets only the quotes it touches."""
    kept: dict[int, Quote] = {}
    words: dict[int, frozenset[int]] = {}
    by_word: dict[int, set[int]] = defaultdict(set)
    by_cue: dict[int, set[int]] = defaultdict(set)

    def keep(key: int, quote: Quote, mine: frozenset[int]) -> None:
        kept[key], words[key] = quote, mine
        for at in mine:
            by_word[at].add(key)
        if (cue := _cue(quote)) is not None:
            for at in range(*cue):
                by_cue[at].add(key)

    def drop(key: int) -> None:
        quote = kept.pop(key)
        for at in words.pop(key):
            by_word[at].discard(key)
        if (cue := _cue(quote)) is not None:
            for at in range(*cue):
                by_cue[at].discard(key)

    for key, quote in enumerate(rules):
        keep(key, quote, _words(text, quote))
    fresh = len(rules)
    for proposal in sorted(model, key=lambda q: -(q.confidence or 0.0)):
        mine = _words(text, proposal)
        if not mine:
            continue
        near = {k for at in mine for k in by_word.get(at, ())}
        if (cue := _cue(proposal)) is not None:
            near |= {k for at in range(*cue) for k in by_cue.get(at, ())}
        rivals = sorted(k for k in near if not _nested(kept[k], proposal) and (
            _same(words[k], mine) or _shares_cue(kept[k], proposal)))
        if not rivals:
            if (proposal.confidence or 0.0) >= (add_other if proposal.act == "other" else add):
                keep(fresh, proposal, mine)
                fresh += 1
            continue
        if any(kept[k].found_by == proposal.found_by for k in rivals):
            continue  # the model's own surer attribution is already in
        surest = max(rivals, key=lambda k: kept[k].confidence or 0.0)
        held = kept[surest]
        if (held.confidence or 0.0) >= precise or (held.confidence or 0.0) >= (proposal.confidence or 0.0):
            if held.speaker is None and (named := speaker_of(proposal)) is not None:
                kept[surest] = replace(held, speaker=named)
            continue
        if keep_speaker and held.speaker is not None and speaker_of(proposal) is None:
            proposal.speaker = held.speaker
        for k in rivals:
            drop(k)
        keep(fresh, proposal, mine)
        fresh += 1
    return sorted(kept.values(), key=lambda q: q.start)
