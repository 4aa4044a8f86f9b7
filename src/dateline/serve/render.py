"""Results as a person reads them on a terminal (rich), and as JSON Lines."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from dateline.records import Result


def to_json_line(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show(console: Console, result: Result) -> None:
    """A readable summary of one article: quotes, people, dates, events."""
    console.rule(f"[bold]{result.title or result.id}[/bold] · published {result.published}")
    quotes = Table(title="Quotes", show_lines=False, expand=True)
    for column in ("speaker", "kind", "cue", "to", "when"):
        quotes.add_column(column, no_wrap=True, max_width=22)
    quotes.add_column("words", overflow="fold", ratio=1)
    for q in result.quotes:
        speaker = (q.speaker.name or q.speaker.mention.text if q.speaker and q.speaker.mention else None) or "?"
        kind = q.kind if q.act == "statement" else f"{q.kind}, {q.act}"
        quotes.add_row(speaker, kind, q.cue.text if q.cue else "", q.addressee.name if q.addressee else "",
                       q.date or "", _short(q.text))
    console.print(quotes)
    people = Table(title="People", expand=True)
    for column in ("name", "roles", "mentions"):
        people.add_column(column)
    for p in result.people:
        people.add_row(p.name, "; ".join(p.roles), str(len(p.mentions)))
    console.print(people)
    if result.times:
        console.print("[bold]Dates and times[/bold]: " + ", ".join(f"{t.text} → {t.value}" for t in result.times))
    for e in result.events:
        where = f" in {e.place}" if e.place else ""
        when = f" on {e.time}" if e.time else ""
        also = f" (also: {', '.join(e.also_present)})" if e.also_present else ""
        console.print(f"[bold]Event[/bold] {e.type}: {', '.join(e.participants)}{where}{when}{also}")
