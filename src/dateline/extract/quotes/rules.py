"""The table of attribution finders: one `Finder` per way an article tells who said something, in order of
precedence.

Each pass asks its table about one thing at a time — the quotation pass about a quotation (`QUOTATIONS`), the
transcript pass about a label that opens a paragraph (`LABELS`) — and the first finder that answers wins, as an
`if … elif` cascade would. A `NotAQuote` entry stops the search where the thing turns out to be no quote at all
("“PBS NewsHour”", a scare quote): the finders above it may still take it, the ones below it never see it.

A finder says everything about its construction in one place:

- `name`: what the quotes it finds say they were `found_by` ("direct.tail");
- `starts_from`: what it is asked about: a quotation, a transcript label, or a verb (or "according");
- `find`: the function, small, that reads the construction (the readings it builds on are in `quotation.py`,
  `clauses.py` and `grammar.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.tokens import Token

from dateline.extract.marks import word_count
from dateline.extract.quotes import quotation as around
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.grammar import headline_case, subject_of
from dateline.extract.quotes.quotation import Quotation
from dateline.extract.quotes.transcript import Label
from dateline.records import Addressee, Mention, Speaker

S = TypeVar("S")  # what a finder starts from
A = TypeVar("A")  # what it answers

THINGS = {"it", "this"}  # subjects that, unresolved, name no one who could say anything ("that", "which" stand
# for the phrase they hang on: "an organization that has declared a “caliphate”")


@dataclass(frozen=True, slots=True)
class Finder(Generic[S, A]):
    """One way an article attributes words: what it is asked about and how it reads it."""

    name: str
    starts_from: str  # "quotation" | "label" | "verb"
    find: Callable[[Context, S], A | None]


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


QUOTATIONS: Table[Quotation, Attribution] = (
    Finder("direct.governing", "quotation", governing),
    Finder("direct.naming", "quotation", naming),
    NotAQuote("direct.scare_quote", "quotation", scare_quote),
    Finder("direct.tail", "quotation", tail),
    Finder("direct.near", "quotation", near),
    Finder("direct.according", "quotation", according_before),
    NotAQuote("direct.title", "quotation", title),
    Finder("direct.dash_byline", "quotation", dash_byline),
    Finder("direct.same_speaker", "quotation", same_speaker),
    Finder("direct.colon_intro", "quotation", colon_intro),
    Finder("direct.lead_in", "quotation", lead_in),
    Finder("direct.previous_paragraph", "quotation", previous_paragraph),
    Finder("direct.unattributed", "quotation", unattributed),
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


LABELS: Table[Label, Speaker] = (
    Finder("transcript.label", "label", label),
)
"""Who speaks a transcript turn: the paragraph's words from after its label to its end are theirs."""

