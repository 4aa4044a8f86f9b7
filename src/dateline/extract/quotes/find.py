"""The passes that find an article's quotes: each asks its table of finders (`rules.py`) about one thing at a
time and makes a `Quote` of the answer."""

from __future__ import annotations

from spacy.attrs import LOWER, POS
from spacy.tokens import Span, Token

from dateline.extract.marks import Quoted, is_title
from dateline.extract.quotes.clauses import around_according, clause, phrase, pieces, set_off, that_clause
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import (
    according_to,
    act_of,
    discourse_marker,
    is_cue,
    is_negated,
    is_question,
    phrase_act,
    subject_of,
)
from dateline.extract.quotes.quotation import Quotation, mixed_content, standalone
from dateline.extract.quotes.rules import LABELS, QUOTATIONS, Attribution, ask
from dateline.extract.quotes.transcript import LABEL, labels
from dateline.extract.syntax import mention_of
from dateline.extract.text import Intervals, on_time_check
from dateline.records import Quote


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
        quote = _direct_quote(ctx, quotation, answer)
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


def _direct_quote(ctx: Context, quotation: Quotation, answer: Attribution) -> Quote | None:
    """The quote a quotation makes with the answer a finder gave: the speaker its cue's subject names (or the one
    the finder found), the listener and the date; None where the cue's speech did not happen ("did not say")."""
    q, cue = quotation.marks, answer.cue
    speaker, date, addressee = answer.speaker, answer.date, answer.addressee
    spans = [list(p) for p in q.pieces]
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
    return Quote(text=ctx.text[q.start:q.end], start=q.start, end=q.end,
                 kind="direct" if quotation.standalone else "mixed", speaker=speaker,
                 cue=mention_of(ctx.doc[cue.i:cue.i + (2 if cue.lower_ == "according" else 1)])
                 if cue is not None else None, addressee=addressee, spans=spans, date=date,
                 act="question" if cue is not None and is_question(cue) else "statement")


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
        _, speaker = found
        start, end = turn.words, text.find("\n", turn.words)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1] in ' "”\t':
            end -= 1
        if taken.overlaps(start, max(end, start + 1)):
            continue
        out.append(Quote(text=text[start:end], start=start, end=end, kind="direct", speaker=speaker, cue=None,
                         spans=[[start, end]]))
    return out


def indirect(ctx: Context, used_cues: set[int], direct: list[Quote]) -> list[Quote]:
    """The indirect quotes: what the reporting verbs (and "according to") outside the quotes report."""
    doc, text = ctx.doc, ctx.text
    out: list[Quote] = []
    covered = Intervals([(q.start, q.end) for q in direct])
    strings = doc.vocab.strings
    wanted = {strings.add(p) for p in ("VERB", "AUX", "NOUN")}
    according = strings.add("according")
    candidates = [i for i, (pos, lower) in enumerate(doc.to_array([POS, LOWER]).tolist())
                  if pos in wanted or lower == according]  # verbs, "according", nouns read as verbs
    on_time = on_time_check(doc)
    for i in candidates:
        on_time()
        token = doc[i]
        if i in used_cues or ctx.in_quote(token):
            continue
        content: tuple[int, int] | None = None
        speaker_token: Token | None = None
        cue_span: Span | None = None
        act: str | None = None
        according_pieces: list[tuple[int, int]] = []
        if according_to(token):
            objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            speaker_token = objs[0] if objs else ctx.phrase_head(token.i + 2)
            according_pieces = around_according(ctx, token)
            if speaker_token is None or not according_pieces:
                continue
            content = (according_pieces[0][0], according_pieces[-1][1])
            cue_span = doc[token.i:token.i + 2]
        elif discourse_marker(token):
            continue  # "That said, …", "Needless to say, …": a turn of phrase, not a report
        elif (act := act_of(token) or phrase_act(token)) is not None and not is_negated(
                token, ctx.inside) and not any(
                is_cue(a) and (is_negated(a, ctx.inside) or is_question(a)) for a in token.ancestors):
            # nothing inside what was not said or was asked ("did not say how Putin responded") was said
            speaker_token = subject_of(token)
            if speaker_token is None:
                continue
            comps = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
            if is_question(token):  # "asked whether …" reports no words; "asked X to …", "asked about …" do
                content = phrase(ctx, token)
            elif comps:
                content = clause(ctx, comps[0])
            elif token.dep_ in {"parataxis", "ccomp"} and set_off(ctx, token) and (
                    token.head.pos_ in {"VERB", "AUX"} or token.dep_ == "parataxis"):
                # "Lenox was a juggernaut, Mr. Clarke said, until …": the sentence around the attribution
                # ("The difference now, he told me, is that …": the parse may hang it on the subject)
                around = token.head if token.head.pos_ in {"VERB", "AUX"} else token.sent.root
                found = pieces(ctx, around, skip=token)
                if found:
                    content = (found[0][0], found[-1][1])
            else:
                comps = [c for c in token.children if c.dep_ == "ccomp"] or that_clause(ctx, token)
                if comps:
                    content = clause(ctx, comps[0])
            if content is None and not is_question(token):
                content = phrase(ctx, token)
            cue_span = doc[token.i:token.i + 1]
        if content is None or cue_span is None:
            continue
        if covered.overlaps(*content):
            continue
        cue_token = cue_span[0]
        according = cue_token.lower_ == "according"
        spans = [[content[0], content[1]]]
        if according:
            spans = [list(p) for p in according_pieces]
        elif content[0] < cue_token.idx < content[1]:
            spans = [list(p) for p in pieces(ctx, token.head, skip=token)] or spans
        quote = Quote(text=text[content[0]:content[1]], start=content[0], end=content[1], kind="indirect",
                      speaker=ctx.speaker(speaker_token), cue=mention_of(cue_span),
                      addressee=None if according else ctx.addressee(cue_token),
                      spans=spans, act=act if not according else "statement",
                      date=ctx.when(cue_token.head if according else cue_token, [list(content)]))
        out.append(quote)
        covered.add(*content)
    return out
