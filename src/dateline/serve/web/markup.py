"""An article's text as HTML with what Dateline found in it marked: each quote in its speaker's colour (the speaker's
own words set apart from a paraphrase), its cue and its addressee, each date underlined with its value in words and
as TIMEX3. A pure function from a `Result` to markup; every piece of the article's text is escaped and made inert
here (`present.inert`: a bidirectional control can turn nothing around), so nothing in an article can become
markup."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from dateline.records import Quote, Result
from dateline.serve.web.present import inert, timex_in_words

COLOURS = 8
"""How many speaker colours the style sheet has (`.s0` … `.s7`); speakers beyond take them again."""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # "quote" | "cue" | "addressee" | "time"
    label: str = ""  # a quote's speaker, a time's value
    colour: int = 0
    link: str = ""  # where a quote's page is
    verbatim: bool = True  # a quote in the speaker's own words (direct, mixed), not a paraphrase
    place: int = -1  # a quote's place in its article, the anchor #qN its first span carries


def speakers(result: Result) -> list[dict[str, object]]:
    """The article's speakers in the order they first speak, each with its colour and how many quotes: the legend
    that says which colour is whose, on any screen."""
    found: dict[str, dict[str, object]] = {}
    for q in result.quotes:
        who = _speaker(q)
        entry = found.setdefault(who, {"name": who, "colour": len(found) % COLOURS, "quotes": 0})
        entry["quotes"] = int(entry["quotes"]) + 1  # type: ignore[call-overload]
    return list(found.values())


def _speaker(q: Quote) -> str:
    """Whom a quote's colour is for: its speaker's name, or "unknown speaker"."""
    return (q.speaker.name if q.speaker and q.speaker.name else "") or "unknown speaker"


def marks(result: Result, quote_ids: dict[int, str]) -> list[Mark]:
    """Everything to mark in an article, from its result and its quotes' corpus ids (by their place)."""
    colours = {s["name"]: int(s["colour"]) for s in speakers(result)}  # type: ignore[call-overload]
    found: list[Mark] = []
    for n, q in enumerate(result.quotes):
        who = _speaker(q)
        link = f"/quotes/{quote_ids[n]}" if n in quote_ids else ""
        for k, (start, end) in enumerate(q.spans or [[q.start, q.end]]):
            found.append(Mark(start, end, "quote", who, colours[who], link, q.kind != "indirect",
                              n if k == 0 else -1))
        if q.cue is not None:
            found.append(Mark(q.cue.start, q.cue.end, "cue", who, colours[who]))
        if q.addressee is not None:
            found.append(Mark(q.addressee.mention.start, q.addressee.mention.end, "addressee", q.addressee.name))
    found.extend(Mark(t.start, t.end, "time", t.value) for t in result.times)
    return [m for m in found if 0 <= m.start < m.end <= len(result.text)]


def highlighted(result: Result, quote_ids: dict[int, str]) -> Markup:
    """The article's text as paragraphs of escaped text with its marks as spans: each stretch of text in the marks
    that cover it (a date inside a quote is both), and after each quote a link to its page."""
    found = marks(result, quote_ids)
    text = result.text
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    last_end: dict[str, int] = {}
    for m in found:
        if m.kind == "quote" and m.link:
            last_end[m.link] = max(last_end.get(m.link, 0), m.end)
    ends_of_quote: dict[int, list[Mark]] = {}
    for m in found:
        if m.kind == "quote" and m.link and m.end == last_end[m.link]:
            ends_of_quote.setdefault(m.end, []).append(m)
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for k, m in enumerate(found):
        starting.setdefault(m.start, []).append(k)
        ending.setdefault(m.end, []).append(k)
    active: set[int] = set()  # the marks covering the stretch from this cut to the next, kept as the cuts go by
    out: list[str] = ["<p>"]
    for a, b in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ending.get(a, ()))
        active.update(starting.get(a, ()))
        piece = text[a:b]
        covering = [found[k] for k in sorted(active)]
        html = escape(inert(piece)).replace("\n\n", "</p><p>").replace("\n", "<br>")
        for m in sorted(covering, key=lambda m: ("time", "addressee", "cue", "quote").index(m.kind)):
            html = _wrap(m, html)
        out.append(html)
        for m in ends_of_quote.get(b, []):
            out.append(f'<a class="quote-link" href="{escape(m.link)}" title="This quote across the corpus">'
                       '<span aria-hidden="true">↗</span><span class="visually-hidden">quote page</span></a>')
    out.append("</p>")
    return Markup("".join(out))


def _wrap(m: Mark, html: str) -> str:
    label = escape(inert(m.label))
    if m.kind == "quote":
        anchor = f' id="q{m.place}"' if m.place >= 0 else ""
        said = "verbatim" if m.verbatim else "paraphrase"
        return f'<span class="quote s{m.colour} {said}"{anchor} title="{label} ({said})">{html}</span>'
    if m.kind == "cue":
        return f'<span class="cue" title="cue">{html}</span>'
    if m.kind == "addressee":
        return f'<span class="addressee" title="said to {label}">{html}</span>'
    return f'<span class="time" title="{escape(timex_in_words(m.label))} ({label})" tabindex="0">{html}</span>'
