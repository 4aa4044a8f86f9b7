"""Results as a person reads them on a terminal of any width from 80 columns up (rich), and as JSON Lines.

Quotes are printed as blocks, not table rows: a line saying who, with which cue, to whom and when, and under it the
words, wrapped at word boundaries at whatever width the terminal has, so no quote is ever squeezed into a column.
The same words name the same fields everywhere (`speaker`, `cue`, `addressee`, `date`, `said`, `article`), the
words of the result contract (`Result.to_dict()`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dateline.records import Quote, Result
from dateline.serve.inert import cell, clean

INDENT = 4


def to_json_line(result: Result) -> str:
    """The result contract, as one line of JSON."""
    return json.dumps(result.to_dict(), ensure_ascii=False)


def header(console: Console, title: str, published: str) -> None:
    """A rule naming the article: the title is cut short to leave room for the date, never the other way."""
    tail = f" · published {published}"
    room = max(console.width - len(tail) - 6, 12)
    title = " ".join(clean(title).split())
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    console.rule(Text.assemble((title, "bold"), tail))


def quote_block(console: Console, speaker: str | None, words: str, fields: Sequence[tuple[str, object]],
                *, number: int | None = None) -> None:
    """One quote: `speaker` in bold and the other `fields` that have a value (name, value) on a line, then the words
    wrapped under it."""
    head = Text(f"{number:>2}. " if number is not None else "")
    head.append(clean(speaker or "unknown speaker"), style="bold")
    pieces = [head]
    for name, value in fields:
        if value not in (None, "", []):
            piece = Text(f" · {name} ", style="dim")
            piece.append(clean(str(value)))
            pieces.append(piece)
    for line in _fill(pieces, console.width):
        console.print(line, overflow="fold")
    console.print(Padding(Text(" ".join(clean(words).split())), (0, 0, 0, INDENT), expand=False))


def _fill(pieces: list[Text], width: int) -> list[Text]:
    """Lay `pieces` out on lines of `width` cells, never splitting one unless it is wider than a line; lines after
    the first are indented like the quote's words."""
    lines = [Text()]
    for piece in pieces:
        if lines[-1].cell_len and lines[-1].cell_len + piece.cell_len > width:
            lines.append(Text(" " * (INDENT - 1)))
        lines[-1].append_text(piece)
    return lines


def _speaker(q: Quote) -> str | None:
    if q.speaker is None:
        return None
    return q.speaker.name or (f"“{q.speaker.mention.text}” (unresolved)" if q.speaker.mention else None)


def show(console: Console, result: Result) -> None:
    """A readable summary of one article: quotes, people, dates and times, events."""
    header(console, result.title or result.id, result.published)
    if result.url:
        console.print(Text(clean(result.url), style="dim"))
    console.print(Text(f"Quotes ({len(result.quotes)})", style="bold underline"))
    for n, q in enumerate(result.quotes, 1):
        kind = q.kind if q.act == "statement" else f"{q.kind}, {q.act}"
        quote_block(console, _speaker(q), q.text, (
            ("cue", q.cue.text if q.cue else None), ("addressee", q.addressee.name if q.addressee else None),
            ("date", q.date), ("kind", kind)), number=n)
    if result.people:
        people = Table(title="People", expand=True, title_justify="left")
        people.add_column("name", ratio=2)
        people.add_column("roles", ratio=3)
        people.add_column("mentions", justify="right", width=8)
        for p in result.people:
            people.add_row(cell(p.name), cell("; ".join(p.roles)), cell(len(p.mentions)))
        console.print(people)
    if result.times:
        console.print(Text.assemble(("Dates and times", "bold"), ": ",
                                    clean(", ".join(f"{t.text} → {t.value}" for t in result.times))))
    for e in result.events:
        where = f" in {e.place}" if e.place else ""
        when = f" on {e.time}" if e.time else ""
        also = f" (also: {', '.join(e.also_present)})" if e.also_present else ""
        console.print(Text.assemble(("Event", "bold"), clean(f" {e.type}: {', '.join(e.participants)}{where}{when}"
                                                             f"{also}")))
