"""Quotes: what the article reports somebody said, with the speaker, the cue and the addressee.

`quotes(doc, cast, times)` finds

- direct quotes: words in quotation marks (paired across a paragraph, run on across paragraphs), whose cue is the
  reporting verb that governs them ("… ,” Blinken told Capehart", "said Blinken", "Blinken said: “…”"), or, with
  no cue of their own, that continue the speaker of the quote before them in their paragraph;
- mixed quotes: quoted words inside reported speech ("he stressed to Putin “that no president …”");
- indirect quotes: the clause a reporting verb governs ("Blinken said President Biden raised …"), and what
  "according to X" reports.

Nothing is a quote where the speech is negated ("did not say", "declined to say") or a question ("asked"), nor
are quoted titles ("“PBS NewsHour”") or scare quotes of one or two words.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.people import Cast
from dateline.extract.quotes.find import QuoteFinder
from dateline.extract.utterances import join
from dateline.records import Quote, Timex


def quotes(doc: Doc, cast: Cast, times: list[Timex] | None = None) -> list[Quote]:
    """Every quote in the article, direct, mixed and indirect, in text order.

    Args:
        doc: a parsed article.
        cast: its people (from `dateline.extract.people.cast`), to name speakers and addressees.
        times: its time expressions, to date a quote by the expression attached to its cue.
    """
    finder = QuoteFinder(doc, cast, times or [])
    direct, used = finder.direct()
    direct += finder.transcript(direct)
    indirect = finder.indirect(used, direct)
    found = join(sorted(direct + indirect, key=lambda q: q.start), finder.text)
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
