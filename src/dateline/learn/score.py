"""The score the trainer keeps the best model by: attributions matched as the reference scorer matches them.

A proposal matches an annotated attribution when their contents share at least half their word tokens (Jaccard
≥ 0.5, one to one, best first), as `../shared/bench/score_quotes.py` matches quotes; it has the source right too
when its source shares a token with the annotated one (or neither has one).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from dateline.learn.gold import Attribution, tokens
from dateline.learn.predict import Proposal


def _words(doc: Doc, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end) if doc[i].is_alpha or doc[i].is_digit}


def _prf(right: int, found: int, wanted: int) -> tuple[float, float, float]:
    p = right / found if found else 0.0
    r = right / wanted if wanted else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def matches(proposals: list[Proposal], golds: list[Attribution], doc: Doc) -> tuple[list[bool | None], int]:
    """For each proposal that holds a word: whether it matches an annotated attribution with its source right
    (True), matches one with the source wrong (False), or matches none (None); and how many annotated
    attributions there are. A proposal of punctuation only is left out (`worded`)."""
    gold = [(_words(doc, tokens(doc, g.content)), _words(doc, tokens(doc, g.source))) for g in golds]
    gold = [g for g in gold if g[0]]
    system = [(_words(doc, p.content), _words(doc, [p.source] if p.source else [])) for p in worded(proposals, doc)]
    pairs = sorted(((len(g[0] & s[0]) / len(g[0] | s[0]), i, j) for i, g in enumerate(gold)
                    for j, s in enumerate(system) if g[0] & s[0]), reverse=True)
    found: list[bool | None] = [None] * len(system)
    used_gold: set[int] = set()
    for jaccard, i, j in pairs:
        if jaccard < 0.5 or i in used_gold or found[j] is not None:
            continue
        used_gold.add(i)
        source_gold, source_system = gold[i][1], system[j][1]
        found[j] = bool(source_gold & source_system) if source_gold else not source_system
    return found, len(gold)


def worded(proposals: list[Proposal], doc: Doc) -> list[Proposal]:
    """The proposals whose content holds a word."""
    return [p for p in proposals if _words(doc, p.content)]


def score_proposals(items: Iterable[tuple[list[Proposal], list[Attribution], Doc]]) -> dict[str, float]:
    """Precision, recall and F of attributions found (`attribution_*`) and found with their source
    (`attribution_speaker_*`), over every Doc's proposals and annotations."""
    found = wanted = right = right_source = 0
    for proposals, golds, doc in items:
        matched, n_gold = matches(proposals, golds, doc)
        found += len(matched)
        wanted += n_gold
        right += sum(m is not None for m in matched)
        right_source += sum(m is True for m in matched)
    scores: dict[str, float] = {}
    for name, count in (("attribution", right), ("attribution_speaker", right_source)):
        p, r, f = _prf(count, found, wanted)
        scores.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f": f})
    return scores
