"""The `dateline` command: a thin face over the library (read → extract → print)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline.errors import DatelineError, ReadNotice
from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process
from dateline.read import MAX_CHARS, read_paths
from dateline.serve import corpus, evaluation
from dateline.serve.render import show, to_json_line
from dateline.serve.timeml import to_timeml

app = typer.Typer(help="Dateline: dated news in, who said what to whom, when and where out.",
                  no_args_is_help=True, add_completion=False)


app.add_typer(evaluation.app, name="eval")
app.command("ingest")(corpus.ingest_command)
app.command("quotes")(corpus.quotes_command)
app.command("people")(corpus.people_command)
app.command("show")(corpus.show_command)
app.command("export")(corpus.export_command)


@app.callback()
def main_callback() -> None:
    """Dateline: dated news in, who said what to whom, when and where out."""


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Articles: dated text, plain text (with --date), JSONL, "
                                                     ".jsonl.gz, folders of them, or - for standard input.")],
    published: Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for plain text "
                                                                   "and records without one.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per article (the documented schema).")]
    = False,
    model: Annotated[str, typer.Option("--model", help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option("--max-chars", help="Longest article accepted.")] = MAX_CHARS,
    timeml: Annotated[Path | None, typer.Option("--timeml", help="Also write each article's time expressions as "
                                                                 "a TimeML document, DIR/ID.tml.")] = None,
) -> None:
    """Extract quotes, people, dates and events from articles.

    Examples:

        dateline extract article.txt

        dateline extract corpus.jsonl --jsonl > results.jsonl

        cat story.txt | dateline extract - --date 2021-06-21

        dateline extract corpus.jsonl --jsonl --timeml timeml/ > results.jsonl
    """
    when = corpus.day(published)
    err = Console(stderr=True)
    out = Console()
    try:
        nlp = load(model)
    except DatelineError as error:
        err.print(f"error: {error}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    if timeml is not None:
        timeml.mkdir(parents=True, exist_ok=True)
    failed = 0
    for item in process(nlp, read_paths([str(f) for f in files], published=when, max_chars=max_chars)):
        if isinstance(item, ReadNotice):
            err.print(f"note: {item}", markup=False, highlight=False, soft_wrap=True)
            continue
        if isinstance(item, DatelineError):
            failed += 1
            err.print(f"error: {item}", markup=False, highlight=False, soft_wrap=True)
            continue
        if timeml is not None:
            (timeml / f"{Path(item.id).name}.tml").write_text(to_timeml(item), encoding="utf-8")
        if jsonl:
            sys.stdout.write(to_json_line(item) + "\n")
            sys.stdout.flush()
        else:
            show(out, item)
    if failed:
        raise typer.Exit(1)


def main() -> None:
    app()
