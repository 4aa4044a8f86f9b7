"""The tables of attribution finders: one `Finder` per way an article tells who said something, in order of
precedence.

Each pass asks its table about one thing at a time — the quotation pass about a quotation (`QUOTATIONS`), the
transcript pass about a label that opens a paragraph (`LABELS`), the indirect pass about a verb (`VERBS`) — and the
first finder that answers wins, as an `if … elif` cascade would. A `NotAQuote` entry stops the search where the
thing turns out to be no quote at all ("“PBS NewsHour”", a scare quote, "That said,"): the finders above it may
still take it, the ones below it never see it.

A finder says everything about its construction in one place:

- `name`: what the quotes it finds say they were `found_by` ("direct.tail");
- `starts_from`: what it is asked about: a quotation, a transcript label, or a verb (or "according");
- `find`: the function, small, that reads the construction (the readings it builds on are in `quotation.py`,
  `clauses.py` and `grammar.py`);
- `confidence`: how sure a quote it finds is, which the quote carries: the finder's precision as measured.

A trained model joins as one more finder: a function that answers what the rules answer — an `Attribution` for a
quotation, a `Reading` for a verb (its cue, source and content spans) — from the model's proposal for that
quotation or verb, or None where the model proposes nothing there. Its place in the table says what it wins over:
after the rules it only fills their gaps (before `direct.unattributed`, after `indirect.phrase`), before them it
overrules them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from spacy.tokens import Span, Token

from dateline.extract.marks import word_count
from dateline.extract.quotes import clauses
from dateline.extract.quotes import quotation as around
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import (
    according_to,
    act_of,
    discourse_marker,
    headline_case,
    is_cue,
    is_negated,
    is_question,
    phrase_act,
    subject_of,
)
from dateline.extract.quotes.proposed import quote_of
from dateline.extract.quotes.quotation import Quotation
from dateline.extract.quotes.transcript import Label
from dateline.learn.predict import Proposal
from dateline.records import Addressee, Mention, Quote, Speaker
from dateline.resources import words

S = TypeVar("S")  # what a finder starts from
A = TypeVar("A")  # what it answers

THINGS = {"it", "this"}  # subjects that, unresolved, name no one who could say anything ("that", "which" stand
# for the phrase they hang on: "an organization that has declared a “caliphate”")


@dataclass(frozen=True, slots=True)
class Finder(Generic[S, A]):
    """One way an article attributes words: what it is asked about, how it reads it, and how sure it is."""

    name: str
    starts_from: str  # "quotation" | "label" | "verb" | "proposal"
    find: Callable[[Context, S], A | None]
    confidence: float  # its precision on PolNeAR train (see the tables)


@dataclass(frozen=True, slots=True)
class NotAQuote(Generic[S]):
    """A check that ends the search: what no finder above it took is no quote when `test` says so."""

    name: str
    starts_from: str
    test: Callable[[Context, S], bool]


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a quotation finder answers: the cue that reports the quotation, with the word that names the speaker
    where the finder read one (else the cue's subject is), or, with no cue, the speaker itself (and the date and
    listener where it goes on from a quote before)."""

    cue: Token | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    date: str | None = None
    addressee: Addressee | None = None


Table = tuple[Finder[S, A] | NotAQuote[S], ...]


def ask(table: Table[S, A], ctx: Context, start: S) -> tuple[Finder[S, A], A] | None:
    """The first answer the table gives about `start`, with the finder that gave it; None where no finder answers
    or a `NotAQuote` check rules it out first."""
    for entry in table:
        if isinstance(entry, NotAQuote):
            if entry.test(ctx, start):
                return None
        elif (answer := entry.find(ctx, start)) is not None:
            return entry, answer
    return None


# -- quotations: who said the words in quotation marks ------------------------------------------------------------

def _with_tail(ctx: Context, quotation: Quotation, cue: Token) -> Attribution:
    """A cue the parse links to the quotation, with the speaker the attribution after it names where that
    attribution is the same cue ("…,” said Robert Roe, a miner")."""
    tail = around.tail(ctx, quotation.marks) if quotation.standalone else None
    return Attribution(cue, tail[1] if tail is not None and tail[0].i == cue.i else None)


def governing(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A reporting verb outside the quotation that governs it ("Blinken told Capehart “…”", "“…,” he said"): of
    two, the inner one where it has a speaker of its own ("Obama said Putin told him “…”"), else the outer (an
    unresolved "it" or "this" is no one: "Obama said it would tell a story of “suffering”" is his)."""
    cues = around.governing_cues(ctx, quotation.span)
    if not cues:
        return None
    cue = cues[-1]
    if len(cues) > 1:
        inner_subject = subject_of(cues[0])
        inner_speaker = ctx.speaker(inner_subject)
        outer_speaker = ctx.speaker(subject_of(cues[-1]))
        thing = inner_speaker is not None and inner_speaker.name is None and inner_subject is not None and \
            inner_subject.lower_ in THINGS
        if inner_speaker and outer_speaker and inner_speaker.name != outer_speaker.name and not thing:
            cue = cues[0]
    return _with_tail(ctx, quotation, cue)


def naming(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A verb that puts the quoted words on something ("called the plan “a disaster”")."""
    verb = around.naming_verb(ctx, quotation.span)
    return None if verb is None else _with_tail(ctx, quotation, verb)


def scare_quote(ctx: Context, quotation: Quotation) -> bool:
    """A scare quote or a quoted term of one or two words that no verb governs ("the so-called “reset”")."""
    return word_count(ctx.text, quotation.marks) <= 2 and not quotation.inner.endswith(tuple(".,!?"))


def tail(ctx: Context, quotation: Quotation) -> Attribution | None:
    """The attribution after a quotation that is a sentence of its own: "…,” Rep. Jane Roe said", "…,” said Jane
    Roe", "…,” according to engineer Rita Gomez"."""
    found = around.tail(ctx, quotation.marks) if quotation.standalone else None
    return None if found is None else Attribution(*found)


def near(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A reporting verb next to the quotation in its sentence that the parse does not link to it."""
    cue = around.near_cue(ctx, quotation.marks)
    return None if cue is None else Attribution(cue)


def according_before(ctx: Context, quotation: Quotation) -> Attribution | None:
    """ "According to the newspaper, “…”": the source named before the quotation in its sentence."""
    found = around.according_before(ctx, quotation.marks)
    return None if found is None else Attribution(*found)


def title(ctx: Context, quotation: Quotation) -> bool:
    """Words in title case that no one is said to say: “This Kind of War,” ''MTV Unplugged,''."""
    return headline_case(quotation.inner)


def _spoken_by(speaker: Speaker | None) -> Attribution | None:
    """The answer of a finder that found the speaker without a cue, if it found one."""
    return None if speaker is None else Attribution(speaker=speaker)


def dash_byline(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A name after a dash that closes the quotation: "“…” ― Jane Roe" (readers' comments, epigraphs)."""
    return _spoken_by(around.dash_byline(ctx, quotation.marks)) if quotation.standalone else None


def same_speaker(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A quotation with no cue after another with a speaker in its paragraph: the same speaker going on, to the
    same listener ("“…,” she said. “…”")."""
    previous = ctx.last_in_paragraph.get(quotation.paragraph) if quotation.standalone else None
    return None if previous is None else Attribution(speaker=previous.speaker, date=previous.date,
                                                     addressee=previous.addressee)


def colon_intro(ctx: Context, quotation: Quotation) -> Attribution | None:
    """The speaker of "He continued:" or "Romney tweeted in response:" just before the quotation."""
    return _spoken_by(around.colon_intro(ctx, quotation.marks)) if quotation.standalone else None


def lead_in(ctx: Context, quotation: Quotation) -> Attribution | None:
    """The subject of the narrator's sentence just before the quotation in its paragraph: "Schiff said the
    administration may be reluctant. “The other factor …”"."""
    return _spoken_by(around.lead_in(ctx, quotation.marks)) if quotation.standalone else None


def previous_paragraph(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A paragraph that opens with a quotation and names nobody goes on with the speaker of the paragraph before."""
    text, paragraph = ctx.text, quotation.paragraph
    if not quotation.standalone or text[paragraph + 1:quotation.marks.outer_start].strip() or not ctx.spoken:
        return None
    earlier = text.rfind("\n", 0, len(text[:max(0, paragraph)].rstrip()))
    start, last = ctx.spoken[-1]
    return Attribution(speaker=last.speaker) if start > earlier else None


def unattributed(ctx: Context, quotation: Quotation) -> Attribution | None:
    """A quotation that is a sentence of its own is a quote even where the article names no one for it."""
    return Attribution() if quotation.standalone else None


# confidence: the finder's precision on the 666 PolNeAR train articles outside the sealed check set, as
# bench/finder_precision.py measures it (its quotes that gold attributes, matched as the reference scorer matches);
# a finder with fewer than 20 quotes there takes its pass's. The comment says how many quotes it found.
QUOTATIONS: Table[Quotation, Attribution] = (
    Finder("direct.governing", "quotation", governing, 0.886),  # 4204 quotes
    Finder("direct.naming", "quotation", naming, 0.753),  # 186
    NotAQuote("direct.scare_quote", "quotation", scare_quote),
    Finder("direct.tail", "quotation", tail, 0.847),  # 111
    Finder("direct.near", "quotation", near, 0.737),  # 186
    Finder("direct.according", "quotation", according_before, 0.880),  # 14: the pass's
    NotAQuote("direct.title", "quotation", title),
    Finder("direct.dash_byline", "quotation", dash_byline, 0.880),  # none: the pass's
    Finder("direct.same_speaker", "quotation", same_speaker, 0.963),  # 1150
    Finder("direct.colon_intro", "quotation", colon_intro, 0.771),  # 35
    Finder("direct.lead_in", "quotation", lead_in, 0.880),  # 17: the pass's
    Finder("direct.previous_paragraph", "quotation", previous_paragraph, 0.593),  # 59
    Finder("direct.unattributed", "quotation", unattributed, 0.535),  # 114
)
"""Who said a quotation: its cue (a verb, "according to") and the words that name the speaker, else the speaker
of the words around it. A quotation inside the narrator's sentence ("he called it “a disaster”") is a mixed quote
where a cue answers and no quote where none does: the finders after the cues read only quotations that are
sentences of their own."""


# -- transcript labels ----------------------------------------------------------------------------------------------

def label(ctx: Context, found: Label) -> Speaker | None:
    """A label that names someone the article names ("PENCE:" where it names Mike Pence), or that opens two turns
    or more; a single heading ("CORRECTION:") names no speaker."""
    person = ctx.by_surname.get(found.name.split()[-1].lower())
    if person is None and found.turns < 2:
        return None
    mention = Mention(text=found.name, start=found.start, end=found.start + len(found.name))
    return Speaker(name=person.name if person else found.name.title(), mention=mention,
                   person=person.id if person else None)


# confidence: measured as for QUOTATIONS (bench/finder_precision.py, 666 open PolNeAR train articles)
LABELS: Table[Label, Speaker] = (
    Finder("transcript.label", "label", label, 0.800),  # 5: the pass's, the same
)
"""Who speaks a transcript turn: the paragraph's words from after its label to its end are theirs."""


# -- verbs: what a reporting verb, or "according to", reports -----------------------------------------------------

class Verb:
    """A token the indirect pass asks the table about — a verb, "according", or a noun the tagger made of a verb
    ("But Trump claims that …") — with what the finders read of it, each read once, where one asks."""

    def __init__(self, ctx: Context, token: Token) -> None:
        self.ctx = ctx
        self.token = token

    @cached_property
    def act(self) -> str | None:
        """What the verb reports ("statement", "belief", "finding"); None where it is no reporting verb, or where
        the speech did not happen or was asked: nothing inside what was not said or was asked ("did not say how
        Putin responded") was said."""
        token, inside = self.token, self.ctx.inside
        act = act_of(token) or phrase_act(token)
        if act is None or is_negated(token, inside) or any(
                is_cue(a) and (is_negated(a, inside) or is_question(a)) for a in token.ancestors):
            return None
        return act

    @cached_property
    def subject(self) -> Token | None:
        """The word that names who reports (`grammar.subject_of`)."""
        return subject_of(self.token)

    @cached_property
    def complements(self) -> list[Token]:
        """The clauses the verb governs after it ("said [the deal is off]")."""
        return [c for c in self.token.children if c.dep_ == "ccomp" and c.i > self.token.i]

    @cached_property
    def construction(self) -> str:
        """How the verb holds what it reports: "question" ("asked whether …" reports no words, "asked X to …" and
        "asked about …" do), "complement" (a clause after it), "set_off" (an attribution set off inside or after
        what it reports), or "other"."""
        token = self.token
        if is_question(token):
            return "question"
        if self.complements:
            return "complement"
        if token.dep_ in {"parataxis", "ccomp"} and clauses.set_off(self.ctx, token) and (
                token.head.pos_ in {"VERB", "AUX"} or token.dep_ == "parataxis"):
            return "set_off"
        return "other"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a verb finder answers: the cue, the word that names the source, and what was reported — its whole
    stretch (`content`) and the spans it is made of, without the attribution inside it."""

    cue: Span
    source: Token
    content: tuple[int, int]
    spans: list[tuple[int, int]]
    act: str


def _reported(ctx: Context, verb: Verb, content: tuple[int, int] | None) -> Reading | None:
    """The reading of a verb that reports `content`: where the verb lies inside it, as the spans on either side of
    its attribution ("Lenox was a juggernaut, Mr. Clarke said, until …")."""
    act, source, token = verb.act, verb.subject, verb.token
    if content is None or act is None or source is None:  # (`not_reported` ruled the last two out first)
        return None
    spans = [content]
    if content[0] < token.idx < content[1]:
        spans = clauses.pieces(ctx, token.head, skip=token) or spans
    return Reading(ctx.doc[token.i:token.i + 1], source, content, spans, act)


def according(ctx: Context, verb: Verb) -> Reading | None:
    """ "The deal is off, according to the newspaper": the rest of the sentence, on either side of the phrase, is
    what the source reported."""
    token = verb.token
    if not according_to(token):
        return None
    objects = [c for c in ctx.doc[token.i + 1].children if c.dep_ == "pobj"]
    source = objects[0] if objects else ctx.phrase_head(token.i + 2)
    pieces = clauses.around_according(ctx, token)
    if source is None or not pieces:
        return None
    return Reading(ctx.doc[token.i:token.i + 2], source, (pieces[0][0], pieces[-1][1]), pieces, "statement")


def nominal(ctx: Context, verb: Verb) -> Reading | None:
    """ "Roe's announcement that she would run", "a statement by the ministry that the talks had failed": a noun
    that names an act of speech (`resources/speech_nouns.txt`), the that-clause it holds and whoever it is of
    (the possessor, or "by"/"from" whom). A noun with no one named ("the announcement that …") reports no one."""
    token = verb.token
    if token.pos_ != "NOUN" or token.lemma_.lower() not in words("speech_nouns.txt"):
        return None
    clause = next((c for c in token.children if c.dep_ in {"acl", "ccomp"} and c.i > token.i and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    source = next((c for c in token.children if c.dep_ == "poss"), None)
    if source is None:
        agents = [c for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}]
        source = next((o for a in agents for o in a.children if o.dep_ == "pobj"), None)
    if source is None:
        return None
    content = clauses.clause(ctx, clause)
    if content is None:
        return None
    return Reading(ctx.doc[token.i:token.i + 1], source, content, [content], "statement")


def turn_of_phrase(ctx: Context, verb: Verb) -> bool:
    """ "That said, …", "Needless to say, …": a reporting verb used as a connective reports nothing."""
    return discourse_marker(verb.token)


def not_reported(ctx: Context, verb: Verb) -> bool:
    """No reporting verb, or speech that did not happen or was asked, or no one it is said of."""
    return verb.act is None or verb.subject is None


def clause(ctx: Context, verb: Verb) -> Reading | None:
    """ "Blinken said [President Biden raised …]": the clause the verb governs after it."""
    if verb.construction != "complement":
        return None
    return _reported(ctx, verb, clauses.clause(ctx, verb.complements[0]))


def set_off(ctx: Context, verb: Verb) -> Reading | None:
    """ "[Lenox was a juggernaut], Mr. Clarke said, [until …]": an attribution set off by commas inside or after
    what it reports reports the sentence around it ("The difference now, he told me, is that …": the parse may hang
    it on the subject)."""
    if verb.construction != "set_off":
        return None
    token = verb.token
    pieces = clauses.pieces(ctx, token.head if token.head.pos_ in {"VERB", "AUX"} else token.sent.root, skip=token)
    return _reported(ctx, verb, (pieces[0][0], pieces[-1][1]) if pieces else None)


def that_clause(ctx: Context, verb: Verb) -> Reading | None:
    """A clause the verb governs before it, or a that-clause the parse hung on the listener or the program ("told
    a meeting of leaders that few understood …", "said on ABC's “This Week” that …")."""
    if verb.construction != "other":
        return None
    comps = [c for c in verb.token.children if c.dep_ == "ccomp"] or clauses.that_clause(ctx, verb.token)
    return _reported(ctx, verb, clauses.clause(ctx, comps[0]) if comps else None)


def phrase(ctx: Context, verb: Verb) -> Reading | None:
    """The phrase a speech act reports (`resources/phrase_acts.tsv`): "urged [Republicans to join …]", "called
    for [a special prosecutor]", "asked [X to …]" — where no clause answered, and for a question the only answer."""
    return _reported(ctx, verb, clauses.phrase(ctx, verb.token))


# confidence: measured as for QUOTATIONS (bench/finder_precision.py, 666 open PolNeAR train articles)
VERBS: Table[Verb, Reading] = (
    Finder("indirect.according", "verb", according, 0.861),  # 237
    Finder("indirect.nominal", "verb", nominal, 0.788),  # 33
    NotAQuote("indirect.turn_of_phrase", "verb", turn_of_phrase),
    NotAQuote("indirect.not_reported", "verb", not_reported),
    Finder("indirect.clause", "verb", clause, 0.826),  # 2629
    Finder("indirect.set_off", "verb", set_off, 0.776),  # 125
    Finder("indirect.that_clause", "verb", that_clause, 0.775),  # 267
    Finder("indirect.phrase", "verb", phrase, 0.682),  # 1344
)
"""What a verb outside the quotes reports, and who reports it: "according to" a source, else the clause or phrase
a reporting verb governs, said of its subject."""

NESTED: Finder[Verb, Reading] = Finder("indirect.nested", "verb", lambda ctx, verb: None, 0.395)  # 43
"""What a `VERBS` finder read inside what an indirect quote found before reports ("Roe said [Kurtz told her
[the deal was dead]]"), with its speaker named: an attribution of its own, reported within the other
(`find.indirect`). Its quotes say they were found by it, with its own measured precision — low, as PolNeAR
mostly leaves a report inside another's words unannotated ("Roe said Kurtz had told her the deal was dead" is
one attribution there), so a merge lets the model overrule it."""


# -- the trained model: attributions proposed by `dateline_attribution` --------------------------------------------

MODEL: Finder[Proposal, Quote] = Finder("model.attribution", "proposal", quote_of, 0.0)
"""The model's attributions: one finder that reads a proposal (a cue, a source and the content's pieces) as a quote.
Its confidence is each proposal's own, calibrated on the model's validation articles; where it stands against the
rules' quotes is `merge.py`'s policy."""
