"""The passes that find an article's quotes: each asks its table of finders (`rules.py`) about one thing at a
time and makes a `Quote` of the answer."""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Span, Token

from dateline.extract.marks import Quoted, is_title
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import is_negated, is_question, subject_of
from dateline.extract.quotes.quotation import Quotation, mixed_content, standalone
from dateline.extract.quotes.rules import (
    LABELS,
    MODEL,
    NESTED,
    QUOTATIONS,
    VERBS,
    Attribution,
    Finder,
    Reading,
    Verb,
    ask,
)
from dateline.extract.quotes.transcript import LABEL, labels
from dateline.extract.syntax import mention_of
from dateline.extract.text import Intervals, on_time_check
from dateline.learn.predict import Proposal
from dateline.records import Annotation, Quote


def direct(ctx: Context) -> tuple[list[Quote], set[int]]:
    """The direct and mixed quotes: each quotation that a finder of `QUOTATIONS` attributes, and the tokens of the
    cues they took (which the indirect pass leaves alone)."""
    out: list[Quote] = []
    used_cues: set[int] = set()
    on_time = on_time_check(ctx.doc)
    for marks in ctx.marks:
        on_time()
        quotation = _quotation(ctx, marks)
        found = ask(QUOTATIONS, ctx, quotation) if quotation is not None else None
        if quotation is None or found is None:
            continue
        finder, answer = found
        quote = _direct_quote(ctx, quotation, finder, answer)
        if quote is None:
            continue
        if answer.cue is not None:
            used_cues.add(answer.cue.i)
        out.append(quote)
        if quote.speaker is not None:
            ctx.last_in_paragraph[quotation.paragraph] = quote
            ctx.spoken.append((quote.start, quote))
    return out, used_cues


def _quotation(ctx: Context, q: Quoted) -> Quotation | None:
    """The quotation the finders are asked about; None for a title ("“PBS NewsHour”"), a transcript turn ("PENCE:
    …", which `transcript` reads), or marks around no words."""
    text = ctx.text
    if q.closed and is_title(text, q) or LABEL.match(text, q.outer_start):
        return None
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return Quotation(q, span, text[q.start:q.end].rstrip(), standalone(ctx, q), text.rfind("\n", 0, q.outer_start))


def _direct_quote(ctx: Context, quotation: Quotation, finder: Finder[Quotation, Attribution],
                  answer: Attribution) -> Quote | None:
    """The quote a quotation makes with the answer a finder gave: the speaker its cue's subject names (or the one
    the finder found), the listener and the date; None where the cue's speech did not happen ("did not say")."""
    q, cue = quotation.marks, answer.cue
    speaker, date, addressee = answer.speaker, answer.date, answer.addressee
    spans = [list(p) for p in q.pieces]
    subject = None
    if cue is not None:
        if is_negated(cue, ctx.inside):
            return None
        subject = answer.subject if answer.subject is not None else subject_of(cue)
        if (subject is None or ctx.in_quote(subject)) and (
                cue.idx > q.end or cue.is_sent_start or ctx.doc[cue.i - 1].is_punct):  # "Said Ellis: “…”"
            subject = ctx.inverted_subject(cue)
        speaker = ctx.speaker(subject)
        addressee = ctx.addressee(cue)
        date = ctx.when(cue, spans)
        if not quotation.standalone:
            spans = [list(mixed_content(ctx, cue, quotation.span))]
    annotated = annotation(ctx, subject if cue is not None else None, cue,
                           [[p[0] - q.open_width if k == 0 else p[0], p[1] + q.close_width
                             if k == len(q.pieces) - 1 and q.closed else p[1]] for k, p in enumerate(q.pieces)]
                           if quotation.standalone else spans)
    return Quote(text=ctx.text[q.start:q.end], start=q.start, end=q.end, annotated=annotated,
                 kind="direct" if quotation.standalone else "mixed", speaker=speaker,
                 cue=mention_of(ctx.doc[cue.i:cue.i + (2 if cue.lower_ == "according" else 1)])
                 if cue is not None else None, addressee=addressee, spans=spans, date=date,
                 act="question" if cue is not None and is_question(cue) else "statement", found_by=finder.name,
                 confidence=finder.confidence)


CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}
"""What of a cue's own words before it annotators keep with it: "has said", "also said", "had previously said"."""


def annotation(ctx: Context, source: Token | None, cue: Token | Span | None, content: list[list[int]]) -> Annotation:
    """A quote's attribution as PolNeAR bounds it: the source's whole phrase (the subject's subtree: "Another RT
    host, Abby Martin,"), the cue with the auxiliaries, negation and adverbs just before it and its particle after
    ("had previously denounced", "shot back"), and the content as given (a quotation with its marks)."""
    doc = ctx.doc
    source_span = None
    if source is not None and not ctx.in_quote(source):
        phrase = doc[source.left_edge.i:source.right_edge.i + 1]
        source_span = [phrase.start_char, phrase.end_char] if phrase.start <= source.i < phrase.end else None
    cue_span = None
    if cue is not None:
        span = cue if isinstance(cue, Span) else doc[cue.i:cue.i + 1]
        head, start, end = span.root, span.start, span.end
        while start > 0 and doc[start - 1].head.i == head.i and doc[start - 1].dep_ in CUE_LEFT:
            start -= 1
        while end < len(doc) and doc[end].head.i == head.i and doc[end].dep_ == "prt":
            end += 1
        cue_span = [doc[start].idx, doc[end - 1].idx + len(doc[end - 1])]
    return Annotation(source=source_span, cue=cue_span, content=[list(c) for c in content])


def transcript(ctx: Context, direct: list[Quote]) -> list[Quote]:
    """One direct quote per transcript turn that a finder of `LABELS` attributes, from after the label to the end
    of the paragraph."""
    text = ctx.text
    out = []
    taken = Intervals([(q.start, q.end) for q in direct])
    on_time = on_time_check(ctx.doc)
    for turn in labels(text):
        on_time()
        found = ask(LABELS, ctx, turn)
        if found is None:
            continue
        finder, speaker = found
        start, end = turn.words, text.find("\n", turn.words)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1] in ' "”\t':
            end -= 1
        if taken.overlaps(start, max(end, start + 1)):
            continue
        out.append(Quote(text=text[start:end], start=start, end=end, kind="direct", speaker=speaker, cue=None,
                         spans=[[start, end]], found_by=finder.name, confidence=finder.confidence))
    return out


def indirect(ctx: Context, used_cues: set[int], direct: list[Quote]) -> list[Quote]:
    """The indirect quotes: what each verb outside the quotes (and each "according to") that a finder of `VERBS`
    reads reports, where no quote found before covers it but for one reported inside another's words. The cues
    the direct quotes took are left alone."""
    doc = ctx.doc
    out: list[Quote] = []
    covered = Intervals([(q.start, q.end) for q in direct])
    on_time = on_time_check(doc)
    for i in _candidates(doc):
        on_time()
        token = doc[i]
        if i in used_cues or ctx.in_quote(token):
            continue
        found = ask(VERBS, ctx, Verb(ctx, token))
        if found is None:
            continue
        finder, reading = found
        nested = covered.overlaps(*reading.content)
        if nested and not (finder.name == "indirect.clause" and reading.act == "statement"
                           and _nested(out, token.idx, reading)):
            continue
        quote = _indirect_quote(ctx, finder, reading)  # read only for a reading that may be kept
        if nested:
            if quote.speaker is None or quote.speaker.person is None:
                continue
            quote.found_by, quote.confidence = NESTED.name, NESTED.confidence
        out.append(quote)
        covered.add(*reading.content)
    return out


def _nested(found: list[Quote], cue: int, reading: Reading) -> bool:
    """An attribution reported inside another's words: "Roe said [Kurtz told her [the deal was dead]]" — its cue
    and all it reports lie inside what an indirect quote found before reports. It is kept only where it is
    speech ("told", not "thinks"), reports a clause, and names a person of the article: on PolNeAR's open train
    articles, verbs inside another's words that do not were attributions one time in six."""
    start, end = reading.content
    for q in reversed(found):  # contents not nested lie apart in text order: none before one ending here holds it
        if q.end <= cue:
            return False
        if q.start <= cue and q.start <= start and end <= q.end:
            return True
    return False


def _candidates(doc: Doc) -> list[int]:
    """The tokens the indirect pass asks about: verbs, "according", and nouns (which the tagger may have made of
    a verb)."""
    strings = doc.vocab.strings
    wanted = {strings.add(p) for p in ("VERB", "AUX", "NOUN")}
    according = strings.add("according")
    return [i for i, (pos, lower) in enumerate(doc.to_array([POS, LOWER]).tolist())
            if pos in wanted or lower == according]


def _indirect_quote(ctx: Context, finder: Finder[Verb, Reading], reading: Reading) -> Quote:
    """The indirect quote a verb finder's reading makes: its source named, its listener and its date read from
    the cue ("according to" has no listener, and its date is the verb's it hangs on)."""
    cue = reading.cue[0]
    according = cue.lower_ == "according"
    start, end = reading.content
    return Quote(text=ctx.text[start:end], start=start, end=end, kind="indirect", speaker=ctx.speaker(reading.source),
                 annotated=annotation(ctx, reading.source, reading.cue, [list(s) for s in reading.spans]),
                 cue=mention_of(reading.cue), addressee=None if according else ctx.addressee(cue),
                 spans=[list(s) for s in reading.spans], act=reading.act,
                 date=ctx.when(cue.head if according else cue, [list(reading.content)]), found_by=finder.name,
                 confidence=finder.confidence)


def proposed(ctx: Context, proposals: list[dict[str, Any]]) -> list[tuple[Quote, Proposal]]:
    """The trained model's attributions (`doc._.dateline_attributions`) as quotes (`MODEL`, `proposed.quote_of`),
    each with the confidence its proposal carries (calibrated on data the model was not trained on), and the
    proposal it was read from (its speaker, listener and date are read once it is kept: `proposed.complete`)."""
    out = []
    for data in proposals:
        proposal = Proposal.from_dict(data)
        quote = MODEL.find(ctx, proposal)
        if quote is not None:
            quote.confidence = round(data.get("confidence", proposal.confidence), 3)
            out.append((quote, proposal))
    return out
