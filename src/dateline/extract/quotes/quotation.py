"""What lies around a quotation: the verbs that govern it or stand next to it, the attribution after its closing
mark ("…,” Blinken said"), the source named before it ("According to the newspaper, “…”"), and the speaker of the
sentence or the colon that leads into it. The finders of `rules.QUOTATIONS` read these."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.extract.marks import Quoted
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import SUBJECTS, according_to, is_cue, is_negated, is_question, subject_of
from dateline.extract.resolve import PERSONAL
from dateline.extract.syntax import mention_of
from dateline.records import Speaker
from dateline.resources import words

COMPLEMENTS = {"ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj", "oprd"}
TERMINAL = tuple(".,!?—–…:;")
DASHES = "―—–"


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation the finders are asked about, with what they all read of it."""

    marks: Quoted
    span: Span  # its words, as tokens
    inner: str  # its words, without the space at their end
    standalone: bool  # a sentence of its own (or several), not words inside the narrator's sentence
    paragraph: int  # the offset of the line end before its paragraph (-1 in the first)


def governing_cues(ctx: Context, span: Span) -> list[Token]:
    """Reporting verbs outside the quote that govern it, innermost first."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    found: list[Token] = []
    for root in roots:
        node = root
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if span.start <= node.i < span.end or ctx.in_quote(node):
                continue
            if is_cue(node) and node not in found:
                found.append(node)
    return found


def naming_verb(ctx: Context, span: Span) -> Token | None:
    """A verb that puts the quoted words on something ("called the plan “a disaster”"), governing the quote."""
    root = span.root
    node = root
    for _ in range(3):
        if node.head.i == node.i or node.dep_ == "pobj" and node.head.lower_ != "as":
            return None  # "calling out Trump for his “lies”": the quoted word is not what he was called
        node = node.head
        if span.start <= node.i < span.end or ctx.in_quote(node):
            continue
        if node.pos_ == "VERB" and node.lemma_.lower() in words("naming_verbs.txt"):
            return node
    return None


def near_cue(ctx: Context, q: Quoted) -> Token | None:
    """A reporting verb next to the quote in its sentence when the parse does not link them."""
    doc = ctx.doc
    after = doc.char_span(q.outer_end, min(len(ctx.text), q.outer_end + 1), alignment_mode="expand")
    if after is not None:
        i = after.start
        while i < len(doc) and i < after.start + 6 and not doc[i].is_sent_start and not ctx.in_quote(doc[i]):
            if is_cue(doc[i]):
                return None if introduces_next(ctx, q, doc[i]) else doc[i]
            if doc[i].text in ".!?":
                break
            i += 1
    before = doc.char_span(max(0, q.outer_start - 1), q.outer_start, alignment_mode="expand")
    if before is not None:
        i = before.end - 1
        while i >= 0 and i > before.end - 10 and not ctx.in_quote(doc[i]):
            if is_cue(doc[i]):
                return doc[i]
            if doc[i].text in ".!?" or doc[i].is_sent_start:
                break
            i -= 1
    return None


def introduces_next(ctx: Context, q: Quoted, cue: Token) -> bool:
    """ "“…kidding.” To which she said, “…”": after a quote that closed its sentence, a cue followed by a comma
    or colon and a new quotation introduces that one."""
    doc = ctx.doc
    if not ctx.text[q.start:q.end].rstrip(" '’\"”").endswith("."):
        return False
    nxt = cue.i + 1
    return nxt + 2 < len(doc) and doc[nxt].text in {",", ":"} and ctx.in_quote(doc[nxt + 2])


def after(ctx: Context, q: Quoted) -> Token | None:
    """The first token after a quotation's closing mark."""
    if not q.closed:
        return None
    i = bisect_left(ctx.starts, q.outer_end)
    return ctx.doc[i] if i < len(ctx.doc) else None


def subject_between(ctx: Context, start: int, cue: Token) -> Token | None:
    """The head of the noun phrase between a quote's end and its cue ("…,” Rep. Jane Roe (D-Md.) said")."""
    depth, kept = 0, []
    for t in ctx.doc[start:cue.i]:  # the words outside parentheses, without adverbs and particles
        depth += t.text == "("
        if depth == 0 and not t.is_punct and t.pos_ not in {"ADV", "AUX", "PART"}:
            kept.append(t)
        depth -= t.text == ")" and depth > 0
    if not kept:
        return None
    for t in kept:
        if t.head.i == cue.i and t.dep_ in SUBJECTS:
            return t
    nouns = [t for t in kept if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if not nouns:
        return None
    first_noun = nouns[0]
    # "a narrator in the Clinton ad": the phrase's head is before any preposition
    for t in kept:
        if t.pos_ == "ADP" and t.i > first_noun.i:
            return max((n for n in nouns if n.i < t.i), key=lambda n: n.i)
    return nouns[-1]


def tail(ctx: Context, q: Quoted) -> tuple[Token, Token | None] | None:
    """The attribution that follows a closing mark: "…,” NAME said" or "…,” said NAME" (cue, subject)."""
    doc = ctx.doc
    first = after(ctx, q)
    if first is None:
        return None
    if "\n" in ctx.text[q.outer_end - 1:first.idx]:
        return None
    i = first.i
    while i < len(doc) and doc[i].is_punct and doc[i].text not in ".!?":
        i += 1
    start = i
    while i < len(doc) and i < start + 14:
        t = doc[i]
        if t.text in {".", "!", "?", ";", "“", "\""} or ctx.in_quote(t) or "\n" in t.text_with_ws:
            return None
        if is_cue(t):
            if introduces_next(ctx, q, t):
                return None
            if i > start:
                return t, subject_between(ctx, start, t)
            return t, ctx.inverted_subject(t)
        if i == start and according_to(t):
            return t, ctx.phrase_head(i + 2)  # "“…,” according to engineer Rita Gomez"
        i += 1
    return None


def according_before(ctx: Context, q: Quoted) -> tuple[Token, Token | None] | None:
    """"According to the newspaper, “…”": the source named before a quote in its sentence."""
    doc = ctx.doc
    end = bisect_left(ctx.starts, q.outer_start)
    for i in range(end - 1, max(-1, end - 21), -1):
        if ctx.in_quote(doc[i]) or "\n" in doc[i].text:
            break
        if according_to(doc[i]):
            return doc[i], ctx.phrase_head(i + 2)
        if doc[i].is_sent_start:
            break
    return None


def dash_byline(ctx: Context, q: Quoted) -> Speaker | None:
    """A name after a dash that closes a quote: "“…” ― Jane Roe" (readers' comments, epigraphs)."""
    doc, text = ctx.doc, ctx.text
    rest = text[q.outer_end:q.outer_end + 80]
    stripped = rest.lstrip(" \t")
    if not q.closed or stripped[:1] not in DASHES:
        return None
    at = q.outer_end + len(rest) - len(stripped) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    span = doc.char_span(at, line_end, alignment_mode="expand")
    if span is None:
        return None
    name = [t for t in span if not t.is_space]
    while name and name[-1].is_punct:
        name.pop()
    if not name or len(name) > 6 or not all(t.text[:1].isupper() or t.is_punct for t in name):
        return None
    head = name[-1]
    found = ctx.speaker(head)
    if found is not None and found.person is not None:
        return found
    mention = doc[name[0].i:head.i + 1]
    return Speaker(name=mention.text, mention=mention_of(mention))


def lead_in(ctx: Context, q: Quoted) -> Speaker | None:
    """The subject of the narrator's sentence just before a quote with no cue of its own, in its paragraph:
    "Schiff said the administration may be reluctant. “The other factor …”"."""
    doc, text = ctx.doc, ctx.text
    before = text[:q.outer_start].rstrip(" \t")
    if not before or before[-1] not in ".:" or "\n" in text[len(before):q.outer_start]:
        return None
    end = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if end is None:
        return None
    sent = doc[end.start].sent
    if "\n" in text[sent.start_char:end.start_char] or ctx.in_quote(sent[0]):
        return None
    root = sent.root
    if not (is_cue(root) or root.pos_ == "VERB") or is_negated(root) or is_question(root):
        return None
    subject = subject_of(root)
    if subject is None or (subject.i not in ctx.cast.token_person and subject.lower_ not in PERSONAL):
        return None
    return ctx.speaker(subject)


def standalone(ctx: Context, q: Quoted) -> bool:
    """The quote is a sentence of its own (or several), not words inside the narrator's sentence."""
    text = ctx.text
    before = text[:q.outer_start].rstrip(" \t")
    starts = not before or before[-1] in "\n.!?:,”\"—"
    inner = text[q.start:q.end].rstrip()
    return starts and inner.rstrip("'’”\"").endswith(TERMINAL)  # a quote inside may close it: …me.'"


def colon_intro(ctx: Context, q: Quoted) -> Speaker | None:
    """The speaker of "He continued:" or "PENCE:" just before a quote (across a paragraph break too)."""
    text = ctx.text
    before = text[:q.outer_start].rstrip()
    if not before.endswith(":"):
        return None
    colon = ctx.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    i = colon.start - 1
    first = max(colon.start - 40, ctx.doc[colon.start].sent.start - 1)
    while i >= 0 and i > first:
        t = ctx.doc[i]
        if t.text in ".!?" or "\n" in t.text_with_ws and i < colon.start - 1:
            break
        if is_cue(t) and not is_negated(t, ctx.inside) and not is_question(t) and not ctx.in_quote(t):
            return ctx.speaker(subject_of(t) or ctx.inverted_subject(t))
        i -= 1
    name = ctx.doc[colon.start - 1]
    if name.i in ctx.cast.token_person:
        return ctx.speaker(name)
    # "Cruz called them on it:", "Romney tweeted in response:": the subject of the clause the colon ends
    root = ctx.doc[colon.start - 1] if colon.start else ctx.doc[0]
    while root.pos_ not in {"VERB", "AUX"} and root.head.i != root.i:  # the verb of the clause just before it
        root = root.head
    if root.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "nsubj" for c in root.children):
        root = ctx.doc[colon.start].sent.root
    if root.pos_ in {"VERB", "AUX"} and root.i < colon.start and not is_negated(root, ctx.inside):
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and not ctx.in_quote(subject) and (
                subject.pos_ in {"PROPN", "PRON"} or subject.i in ctx.cast.token_person):
            return ctx.speaker(subject)
    return None


def mixed_content(ctx: Context, cue: Token, span: Span) -> tuple[int, int]:
    """The whole reported content around a mixed quote: the cue's complement that holds it, or for a naming
    verb its object and the quoted words ("called [Wells Fargo's behavior “outrageous”]")."""
    if cue.lemma_.lower() in words("naming_verbs.txt"):
        objects = [c for c in cue.children if c.dep_ in {"dobj", "nsubjpass"} and c.i < span.start]
        if objects:
            return ctx.doc[objects[0].left_edge.i].idx, span.end_char
    last = span.end - 1
    while last > span.start and span.doc[last].is_punct:
        last -= 1  # closing punctuation inside the marks often hangs on the main verb
    for child in cue.children:
        if child.dep_ in COMPLEMENTS and child.left_edge.i <= span.start and child.right_edge.i >= last:
            sub = ctx.doc[child.left_edge.i:child.right_edge.i + 1]
            start = sub.start
            while start < sub.end and (ctx.doc[start].lower_ in {"that", ",", ":"} or (
                    ctx.doc[start].ent_type_ in {"DATE", "TIME"} and ctx.doc[start].dep_ != "nsubj"
                    and not ctx.in_quote(ctx.doc[start]))):  # "told them this weekend he would …"
                start += 1
            end = sub.end
            for later in cue.rights:  # "…,” when it comes to …": what the cue governs after the complement
                if later.i > child.i and later.dep_ == "advcl" and all(
                        t.is_punct for t in ctx.doc[end:later.left_edge.i]) and not any(
                        t.ent_type_ in {"DATE", "TIME"} for t in later.subtree):
                    end = later.right_edge.i + 1
            while end > start and ctx.doc[end - 1].is_punct and not ctx.in_quote(ctx.doc[end - 1]):
                end -= 1
            return ctx.doc[start].idx, ctx.doc[end - 1].idx + len(ctx.doc[end - 1])
    return span.start_char, span.end_char
