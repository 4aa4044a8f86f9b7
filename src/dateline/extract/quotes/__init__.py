"""Quotes: what the article reports somebody said, with the speaker, the cue and the addressee.

`quotes(doc, cast, times)` finds

- direct quotes: words in quotation marks (paired across a paragraph, run on across paragraphs), whose cue is the
  reporting verb that governs them ("… ,” Blinken told Capehart", "said Blinken", "Blinken said: “…”"), or, with
  no cue of their own, that continue the speaker of the quote before them in their paragraph; and transcript turns
  ("PENCE: Well, …");
- mixed quotes: quoted words inside reported speech ("he stressed to Putin “that no president …”");
- indirect quotes: the clause a reporting verb governs ("Blinken said President Biden raised …"), and what
  "according to X" reports.

Nothing is a quote where the speech is negated ("did not say", "declined to say") or a question ("asked"), nor
are quoted titles ("“PBS NewsHour”") or scare quotes of one or two words.

Read top-down:

- `grammar.py` — the grammar of reporting verbs: which verbs are cues, what they report (`act_of`), who they say
  it of (`subject_of`), negated and asked speech, "according to", turns of phrase ("That said,"); the word lists
  are in `resources/` (cue_verbs.txt, phrase_acts.tsv, …);
- `rules.py` — the tables: one `Finder` per way an article attributes words, in order of precedence, for a
  quotation (`QUOTATIONS`), a transcript label (`LABELS`) and a verb (`VERBS`), each naming what it starts from,
  its function and its confidence (its precision on PolNeAR train, which each quote it finds carries);
- `find.py` — the three passes, each asking its table and making a `Quote` of the first answer;
  `context.py` — the article as every finder reads it (Doc, cast, quotation marks, the speaker resolver);
  `quotation.py` — what lies around a quotation; `clauses.py` — what a verb reports; `transcript.py` — the labels
  that open transcript turns.

To add a finder: write its function in `rules.py` (reading what it needs from `quotation.py`, `clauses.py` or
`grammar.py`), add one `Finder(...)` to its table (where in the table decides what it wins over), measure its
confidence with `bench/finder_precision.py`, and add one test in `tests/test_quote_patterns.py`. A trained model is
added the same way (`rules.py` says how).

Attributions proposed from outside (each a cue, a source and the content's token spans, with a confidence) have
the shape of a verb finder's answer, `rules.Reading`, of which `find._indirect_quote` makes a quote. Where they are
merged with what the rules found is marked in `quotes` below; how (which of two overlapping attributions stays) is
a policy not written yet.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from dateline.extract.people import Cast
from dateline.extract.quotes import kinds
from dateline.extract.quotes.context import Context
from dateline.extract.quotes.find import direct, indirect, proposed, transcript
from dateline.extract.quotes.merge import merge
from dateline.extract.quotes.proposed import complete, speaker
from dateline.extract.utterances import join
from dateline.records import Quote, Timex


def by_rules(ctx: Context) -> list[Quote]:
    """What the rules find, in text order, before quotes of one utterance are joined: the direct pass, the
    transcript turns, then the indirect pass."""
    quoted, used = direct(ctx)
    quoted += transcript(ctx, quoted)
    return sorted(quoted + indirect(ctx, used, quoted), key=lambda q: q.start)


def merged(ctx: Context, rules: list[Quote], proposals: list[dict[str, Any]], **policy: Any) -> list[Quote]:
    """The rules' quotes and the model's proposals merged (`merge.py`), each kept proposal read in full."""
    drafts = proposed(ctx, proposals)
    source = {id(q): p for q, p in drafts}
    found = merge(rules, [q for q, _ in drafts], ctx.text, speaker_of=lambda q: speaker(ctx, source[id(q)]),
                  **policy)
    for q in found:
        if id(q) in source:
            complete(ctx, q, source[id(q)])
    return found


def quotes(doc: Doc, cast: Cast, times: list[Timex] | None = None,
           proposals: list[dict[str, Any]] | None = None) -> list[Quote]:
    """Every quote in the article, direct, mixed and indirect, in text order.

    Args:
        doc: a parsed article.
        cast: its people (from `dateline.extract.people.cast`), to name speakers and addressees.
        times: its time expressions, to date a quote by the expression attached to its cue.
        proposals: what the trained attribution model proposes (`doc._.dateline_attributions`), merged with the
            rules' quotes (`merge.py`); None for the rules alone.
    """
    ctx = Context(doc, cast, times or [])
    found = by_rules(ctx)
    if proposals is not None:
        found = merged(ctx, found, proposals)
    found = kinds.mark(doc, cast, join(found, ctx.text))
    dated: dict[str, str] = {}
    for q in found:  # an undated statement shares the date of the speaker's last dated one
        who = q.speaker.person if q.speaker else None
        if who is None:
            continue
        if q.date is None:
            q.date = dated.get(who)
        elif q.date:
            dated[who] = q.date
    return found
