"""The `dateline` command: a thin face over the library (read → extract → print).

Exit status, the same for every command: 0 all went well; 1 some input was refused (each said on its own line);
2 a usage error (a bad option, a database that cannot be opened); 3 an internal error — a bug — said in one line,
with the traceback under ``--debug`` (or ``DATELINE_DEBUG=1``).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline import __version__
from dateline.errors import DatelineError, Notice
from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process
from dateline.read import MAX_CHARS, Reading, read_paths
from dateline.records import Result
from dateline.serve import corpus, evaluation
from dateline.serve.inert import file_name, say
from dateline.serve.progress import Meter
from dateline.serve.render import show, to_json_line
from dateline.serve.timeml import to_timeml

app = typer.Typer(help="Dateline: dated news in, who said what to whom, when and where out.",
                  no_args_is_help=True, add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


app.add_typer(evaluation.app, name="eval")
app.command("ingest")(corpus.ingest_command)
app.command("quotes")(corpus.quotes_command)
app.command("quote")(corpus.quote_command)
app.command("people")(corpus.people_command)
app.command("organizations")(corpus.organizations_command)
app.command("person")(corpus.person_command)
app.command("show")(corpus.show_command)
app.command("export")(corpus.export_command)
app.command("serve")(corpus.serve_command)


@app.callback()
def main_callback(
    debug: Annotated[bool, typer.Option("--debug", help="On an internal error, print the traceback.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print Dateline's version and stop.")] = False,
) -> None:
    """Dateline: dated news in, who said what to whom, when and where out."""
    if debug:
        os.environ["DATELINE_DEBUG"] = "1"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(metavar="PATH",
                                                help="Articles: dated text, plain text (with --date), JSON "
                                                     "Lines (.gz), HTML pages, WARC (.gz) crawls, TimeML (.tml), "
                                                     "folders of them, or - for standard input.")],
    published: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                                  help="Publication date (YYYY-MM-DD) for plain text "
                                                       "and records without one.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per article (the documented schema); the "
                                                        "default when the output is not a terminal.")] = False,
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option("--max-chars", metavar="N", min=1, max=MAX_CHARS,
                                           help="Longest article accepted.")] = MAX_CHARS,
    timeml: Annotated[Path | None, typer.Option("--timeml", metavar="DIR",
                                                help="Also write each article's time expressions as "
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
    jsonl = jsonl or not out.is_terminal
    try:
        nlp = load(model)
    except DatelineError as error:
        say(err, f"error: {error}")
        raise typer.Exit(2) from None
    if timeml is not None:
        timeml.mkdir(parents=True, exist_ok=True)
    failed = done = 0
    reading = Reading()
    with Meter(err, "extracting") as meter:
        for item in process(nlp, read_paths([str(f) for f in files], published=when, max_chars=max_chars,
                                            reading=reading)):
            try:
                with meter.aside(out.is_terminal):
                    failed += _put(item, err=err, out=out, jsonl=jsonl, timeml=timeml)
            except Exception as error:  # noqa: BLE001  (one article that cannot be written never ends the run)
                failed += 1
                say(err, f"error: {getattr(item, 'source', None) or getattr(item, 'id', '?')}: [D600] cannot write "
                         f"the result ({type(error).__name__}: {str(error)[:160]})")
            done += isinstance(item, Result)
            meter.update(done=reading.done, total=reading.total, count=done + failed,
                         note=f"{done:,} articles, {failed:,} failed")
    if failed:
        raise typer.Exit(1)


def _put(item: object, *, err: Console, out: Console, jsonl: bool, timeml: Path | None) -> int:
    """Print one result (or its error); 1 if it was an error."""
    if isinstance(item, Notice):
        say(err, f"note: {item}")
        return 0
    if isinstance(item, DatelineError):
        say(err, f"error: {item}")
        return 1
    assert isinstance(item, Result)
    if timeml is not None:
        (timeml / file_name(item.id, ".tml")).write_text(to_timeml(item), encoding="utf-8")
    if jsonl:
        sys.stdout.write(to_json_line(item) + "\n")
        sys.stdout.flush()
    else:
        show(out, item)
    return 0


def main() -> None:
    """The console script: the app, with an internal error said in one line and exit status 3."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001  (the point: a bug is one line and status 3, never a traceback)
        if os.environ.get("DATELINE_DEBUG") or "--debug" in sys.argv:
            traceback.print_exc()
        say(Console(stderr=True), f"internal error: {type(error).__name__}: {str(error)[:300]} "
                                  "(a bug in Dateline; run with --debug for the traceback)")
        sys.exit(3)
