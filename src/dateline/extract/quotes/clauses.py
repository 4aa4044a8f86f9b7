"""What a reporting verb reports, as character spans: the clause it governs ("said [President Biden raised …]"), the
sentence around an attribution set off inside it ("[Lenox was a juggernaut], Mr. Clarke said, [until …]"), the rest
of the sentence around "according to X", and the phrase of a speech act ("urged [Republicans to join …]"). The
finders of `rules.VERBS` read these."""

from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import phrase_acts, phrase_lemma
from dateline.extract.resolve import SPOKEN_TO


def clause(ctx: Context, head: Token) -> tuple[int, int] | None:
    """The character span of a reported clause, without "that" or edge punctuation."""
    doc = ctx.doc
    tokens = list(head.subtree)
    start, end = tokens[0].i, tokens[-1].i + 1
    while start < end and (doc[start].lower_ in {"that", ",", ":", "—"} or doc[start].is_space or (
            doc[start].ent_type_ in {"DATE", "TIME"} and doc[start].head.i != head.i and doc[start].i < head.i
            and doc[start].dep_ != "nsubj")):  # "told them this weekend he would …": the when is the cue's
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def around_according(ctx: Context, token: Token) -> list[tuple[int, int]]:
    """What "according to X" reports: the rest of its sentence, on either side of the phrase, which runs from
    "according" to the next comma (or the sentence's end)."""
    doc = ctx.doc
    sent = token.sent
    end = next((t.i for t in doc[token.i + 2:sent.end] if t.text in {",", ";", "—", ":"}), sent.end)
    pieces = []
    for lo, hi in ((sent.start, token.i), (end, sent.end)):
        run = list(doc[lo:hi])
        while run and (run[0].is_punct or run[0].is_space):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].is_space):
            run = run[:-1]
        if any(t.is_alpha for t in run):
            pieces.append((run[0].idx, run[-1].idx + len(run[-1])))
    words = len(re.findall(r"\w+", " ".join(ctx.text[a:b] for a, b in pieces)))
    return pieces if words >= 3 else []


def set_off(ctx: Context, cue: Token) -> bool:
    """An attribution set off by commas inside or after what it reports ("…, Mr. Clarke said, until …")."""
    edge = cue.left_edge.i
    while edge < cue.i and ctx.doc[edge].is_punct:
        edge += 1
    return edge > 0 and ctx.doc[edge - 1].text in {",", "—", "–", "--"} and cue.head.i != cue.i


def pieces(ctx: Context, head: Token, skip: Token) -> list[tuple[int, int]]:
    """A reported clause with an attribution inside it, as the character spans on either side of it."""
    doc = ctx.doc
    inside = range(skip.left_edge.i, skip.right_edge.i + 1)
    runs: list[list[Token]] = []
    for t in head.subtree:
        if t.i in inside:
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    pieces = []
    for run in runs:
        while run and (run[0].is_punct or run[0].is_space or run[0].lower_ == "that"):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].is_space):
            run = run[:-1]
        if run and any(t.is_alpha for t in run):
            pieces.append((run[0].idx, run[-1].idx + len(run[-1])))
    words = sum(1 for t in head.subtree if t.i not in inside and t.is_alpha)
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in head.subtree if t.i not in inside)
    return pieces if words >= 3 and has_verb and doc[head.i].i not in inside else []


def that_clause(ctx: Context, cue: Token) -> list[Token]:
    """ "told a meeting of leaders that few understood …", "said on ABC's “This Week” that …": a that-clause the
    parse hung on the listener or the program as a relative clause, when "that" is its mark and not its subject
    or object."""
    for child in cue.children:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in SPOKEN_TO or child.dep_ == "npadvmod":
            for t in child.subtree:
                if t.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                    return [t]
    return []


def phrase(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """The content of a speech act that reports a phrase (`resources/phrase_acts.tsv`): "urged Republicans to
    join …", "called for a special prosecutor", "accused him of lying", "spoke about her faith"."""
    shapes = phrase_acts().get(phrase_lemma(cue))
    if not shapes or cue.pos_ != "VERB":
        return None
    if shapes == ("clear",):  # "made it clear he had misgivings": the clause after "clear"
        clear = next((c for c in cue.children if c.lower_ == "clear" and c.dep_ in {"ccomp", "oprd", "acomp"}),
                     None)
        clause = next((c for c in clear.children if c.dep_ in {"ccomp", "advcl"}), None) if clear else None
        return clause(ctx, clause) if clause is not None else None
    parts: list[Token] = []
    obj = next((c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i > cue.i), None)
    for shape in shapes:
        if shape == "to":
            to = [c for c in cue.children if c.dep_ in {"xcomp", "ccomp"} and c.i > cue.i and any(
                a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
            if to:
                parts += ([obj] if obj is not None and obj.i < to[0].i else []) + to[:1]
                for prep in cue.children:  # "called on X to …": the ones asked, then what
                    if prep.dep_ == "prep" and prep.lower_ == "on" and prep.i < to[0].i:
                        parts.append(prep)
        elif shape in {"object", "named"} and obj is not None:
            rest = [c for c in cue.children if c.i > obj.i and (
                c.dep_ in {"oprd", "xcomp"} or c.dep_ == "prep" and c.lower_ in {"of", "for", "as", "from"})]
            if shape == "named" and not any(c.dep_ in {"oprd", "xcomp"} or c.lower_ == "as" for c in rest):
                continue  # "called the plan a disaster", "rated it as false", not "called the office"
            if obj.pos_ != "PRON" or rest:  # "accused her of lying", not "denied it"
                parts += [obj, *rest]
        elif shape.startswith("prep:"):
            wanted = shape[5:].split(",")
            parts += [c for c in cue.children if c.dep_ == "prep" and c.lower_ in wanted and c.i > cue.i]
        if parts:
            break
    parts = [p for p in parts if not any(t.ent_type_ in {"DATE", "TIME"} for t in p.subtree) or p.dep_ != "prep"]
    if not parts:
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(p.right_edge.i for p in parts) + 1
    end = next((t.i for t in ctx.doc[start:end] if not ctx.in_quote(t) and (
        t.text in {"—", "–", "--", ";"} or t.text == "," and t.i + 1 < end and ctx.doc[t.i + 1].lower_ in {
            "which", "who"})), end)  # what follows a dash or ", which" is the writer's own aside
    if parts[0].dep_ == "prep" and len(shapes) and shapes[0].startswith("prep:") and parts[0].i == start:
        start += 1  # "spoke about her faith": the preposition is the verb's, the content its object
    while end > start and (ctx.doc[end - 1].is_punct or ctx.doc[end - 1].is_space):
        end -= 1
    span = ctx.doc[start:end]
    if sum(t.is_alpha for t in span) < 2 or any(ctx.in_quote(t) for t in span[:1]):
        return None
    return span.start_char, span.end_char
