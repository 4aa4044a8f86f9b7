"""The trained model's attributions as quotes: each proposal of `dateline_attribution` (a cue, a source, the
content's pieces, as token spans, with the model's confidence) read the way the rules read what they find.

The source's head names the speaker through the same resolver as the rules' subjects ("he" → Antony Blinken), the
cue's head gives the listener and the date; the content is the quote's words, direct where it lies inside
quotation marks, mixed where only part of it does, indirect where none of it does. What the cue reports (`act`) is
read from the cue's head word (`grammar.act_of_cue`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import act_of_cue, is_negated, refuses
from dateline.extract.syntax import mention_of
from dateline.learn.predict import Proposal
from dateline.records import Annotation, Quote, Speaker

FOUND_BY = "model.attribution"
QUOTE_MARKS = "\"“”«»„'‘’`"


def _root(span: Span) -> Token:
    return span.root


def _chars(span: Span) -> list[int]:
    return [span.start_char, span.end_char]


def _trimmed(ctx: Context, span: Span, listener: frozenset[int]) -> Span:
    """A content piece as it is shown, as the rules show theirs: without the punctuation and quotation marks at
    its edges (but for what lies inside the marks: "“Vote today,” she said" shows "Vote today,"), the "that" that
    opens a reported clause, and the listener the cue names before it ("told [parents] that …")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].i in listener or (
            doc[start].lower_ == "that" and doc[start].dep_ == "mark")):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in QUOTE_MARKS or (
            doc[end - 1].is_punct and not ctx.in_quote(doc[end - 1]))):
        end -= 1
    return doc[start:end]


def _listener(head: Token) -> frozenset[int]:
    """The words of the one a cue says it spoke to, where it also reports a clause: "told [the committee] that"."""
    if not any(c.dep_ == "ccomp" for c in head.children):
        return frozenset()
    return frozenset(t.i for c in head.children if c.dep_ in {"dobj", "dative", "iobj"} for t in c.subtree)


def _shown(cue: Span, head: Token) -> Span:
    """The cue as it is shown: its head word, with "to" after "according" and a particle ("shot back"); the
    words annotators bound with it ("said on Monday", "has said") stay in the quote's `annotated` cue."""
    doc = cue.doc
    end = head.i + 1
    while end < cue.end and (doc[end].dep_ == "prt" or head.lower_ == "according" and doc[end].lower_ == "to"):
        end += 1
    return doc[head.i:end]


def _kind(ctx: Context, pieces: list[Span]) -> str:
    words = [t for piece in pieces for t in piece if t.is_alpha or t.is_digit]
    quoted = sum(ctx.in_quote(t) for t in words)
    if not quoted:
        return "indirect"
    return "direct" if quoted == len(words) else "mixed"


def quote_of(ctx: Context, proposal: Proposal) -> Quote | None:
    """A proposal as a `Quote` found by the model (with the model's own score as its confidence, until the
    calibrated one is set), or None where its cue's speech did not happen ("did not say") or its content is only
    punctuation. Who said it, to whom and when are left for `complete`: most proposals repeat what a rule found,
    and the merge keeps the rule's."""
    doc = ctx.doc
    cue = doc[proposal.cue[0]:proposal.cue[1]]
    head = _root(cue)
    if is_negated(head, ctx.inside) or refuses(head):
        return None
    listener = _listener(head)
    pieces = [p for p in (_trimmed(ctx, doc[s:e], listener) for s, e in proposal.content) if len(p)]
    if not pieces:
        return None
    source = doc[proposal.source[0]:proposal.source[1]] if proposal.source else None
    spans = [_chars(p) for p in pieces]
    start, end = spans[0][0], spans[-1][1]
    return Quote(text=ctx.text[start:end], start=start, end=end, kind=_kind(ctx, pieces), speaker=None,
                 cue=mention_of(_shown(cue, head)), spans=spans, act=act_of_cue(head), found_by=FOUND_BY,
                 confidence=round(proposal.confidence, 3),
                 annotated=Annotation(source=_chars(source) if source is not None else None, cue=_chars(cue),
                                      content=[_chars(doc[s:e]) for s, e in proposal.content]))


def speaker(ctx: Context, proposal: Proposal) -> Speaker | None:
    """Who the proposal's source names (`Context.speaker` on its head word), or None where it has no source."""
    if not proposal.source:
        return None
    return ctx.speaker(_root(ctx.doc[proposal.source[0]:proposal.source[1]]))


def complete(ctx: Context, quote: Quote, proposal: Proposal) -> None:
    """A kept proposal's speaker, listener and date, read as the rules read theirs: the source's head names the
    speaker, the cue's head the listener ("told X") and the date ("said on Monday"); "according to" has no
    listener, and its date is the verb's it hangs on."""
    head = _root(ctx.doc[proposal.cue[0]:proposal.cue[1]])
    according = head.lower_ == "according"
    quote.speaker = quote.speaker or speaker(ctx, proposal)
    quote.addressee = ctx.addressee(head) if head.pos_ in {"VERB", "AUX"} and not according else None
    quote.date = ctx.when(head.head if according else head, quote.spans)
