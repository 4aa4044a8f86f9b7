"""Results as a person reads them on a terminal (rich), and as JSON Lines."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.records import Result
from dateline.serve.inert import cell, clean


def to_json_line(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show(console: Console, result: Result) -> None:
    """A readable summary of one article: quotes, people, dates, events."""
    console.rule(Text.assemble((clean(result.title or result.id), "bold"), f" · published {result.published}"))
    quotes = Table(title="Quotes", show_lines=False, expand=True)
    for column in ("speaker", "kind", "cue", "to", "when"):
        quotes.add_column(column, no_wrap=True, max_width=22)
    quotes.add_column("words", overflow="fold", ratio=1)
    for q in result.quotes:
        speaker = (q.speaker.name or q.speaker.mention.text if q.speaker and q.speaker.mention else None) or "?"
        kind = q.kind if q.act == "statement" else f"{q.kind}, {q.act}"
        quotes.add_row(*map(cell, (speaker, kind, q.cue.text if q.cue else "", q.addressee.name if q.addressee else "",
                                   q.date or "", _short(q.text))))
    console.print(quotes)
    people = Table(title="People", expand=True)
    for column in ("name", "roles", "mentions"):
        people.add_column(column)
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
        line = f" {e.type}: {', '.join(e.participants)}{where}{when}{also}"
        console.print(Text.assemble(("Event", "bold"), clean(line)))
