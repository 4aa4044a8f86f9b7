"""The `dateline` command: a thin face over the library (read → extract → print).

Exit status, the same for every command: 0 all went well; 1 some input was refused (each said on its own line);
2 a usage error (a bad option, a database that cannot be opened, a missing optional dependency); 3 an internal error
— a bug — said in one line, with the traceback under ``--debug`` anywhere on the command line (or
``DATELINE_DEBUG=1``); 141 when standard output is a pipe closed early (``| head -1``), silently. Every error is one
line of one shape, ``error: WHERE: [Dnnn] what, and what to do`` (`dateline.errors`, `dateline.serve.edge`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dateline import __version__
from dateline.errors import CannotWrite, DatelineError, Message, Notice
from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process
from dateline.read import MAX_CHARS, Reading, read_paths
from dateline.records import Result
from dateline.serve import corpus, evaluation, training
from dateline.serve.edge import Edge, Page, report
from dateline.serve.files import make_folder, write_file
from dateline.serve.inert import file_name
from dateline.serve.progress import Meter
from dateline.serve.render import show, to_json_line
from dateline.serve.timeml import to_timeml

app = typer.Typer(cls=Edge, help="Dateline: dated news in, who said what to whom, when and where out.",
                  epilog="Add --debug anywhere on the command line to see the traceback of an internal error.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]})


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


app.add_typer(evaluation.app, name="eval")
app.add_typer(training.app, name="train")
app.command("ingest", cls=Page)(corpus.ingest_command)
app.command("quotes", cls=Page)(corpus.quotes_command)
app.command("quote", cls=Page)(corpus.quote_command)
app.command("people", cls=Page)(corpus.people_command)
app.command("organizations", cls=Page)(corpus.organizations_command)
app.command("person", cls=Page)(corpus.person_command)
app.command("show", cls=Page)(corpus.show_command)
app.command("export", cls=Page)(corpus.export_command)
app.command("serve", cls=Page)(corpus.serve_command)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print Dateline's version and stop.")] = False,
) -> None:
    """Dateline: dated news in, who said what to whom, when and where out."""


@app.command(cls=Page)
def extract(
    files: Annotated[list[Path], typer.Argument(metavar="PATH",
                                                help="Articles: dated text, plain text (with --date), JSON "
                                                     "Lines (.gz), HTML pages, WARC (.gz) crawls, TimeML (.tml), "
                                                     "folders of them, or - for standard input.")],
    published: Annotated[date | None, typer.Option("--date", metavar="YYYY-MM-DD", parser=corpus.day,
                                                   help="Publication date (YYYY-MM-DD) for plain text "
                                                        "and records without one.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per article (the documented schema); the "
                                                        "default when the output is not a terminal.")] = False,
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option("--max-chars", **corpus.whole(1, MAX_CHARS, "Longest article accepted, "
                                                                                     "in characters."))] = MAX_CHARS,
    timeml: Annotated[Path | None, typer.Option("--timeml", metavar="DIR",
                                                help="Also write each article's time expressions as "
                                                     "a TimeML document, DIR/ID.tml.")] = None,
    attribution_model: corpus.AttributionModel = None,
    rules_only: corpus.RulesOnly = False,
    force: Annotated[bool, typer.Option("--force", help="--timeml: replace files already in DIR.")] = False,
) -> None:
    """Extract quotes, people, dates and events from articles.

    Examples:

        dateline extract article.txt

        dateline extract corpus.jsonl --jsonl > results.jsonl

        cat story.txt | dateline extract - --date 2021-06-21

        dateline extract corpus.jsonl --jsonl --timeml timeml/ > results.jsonl
    """
    err = Console(stderr=True)
    out = Console()
    jsonl = jsonl or not out.is_terminal
    nlp = load(model, attribution=corpus.attribution_of(attribution_model, rules_only))
    if timeml is not None:
        _folder(timeml)
    failed = done = 0
    reading = Reading()
    with Meter(err, "extracting") as meter:
        for item in process(nlp, read_paths([str(f) for f in files], published=published, max_chars=max_chars,
                                            reading=reading)):
            try:
                with meter.aside(out.is_terminal):
                    failed += _put(item, err=err, out=out, jsonl=jsonl, timeml=timeml, force=force)
            except BrokenPipeError:
                raise
            except CannotWrite as error:  # a file it would replace, or a link in its place: said as it is
                failed += 1
                report(err, error)
            except Exception as error:  # noqa: BLE001  (one article that cannot be written never ends the run)
                failed += 1
                reason = f"{type(error).__name__}: {str(error)[:160]}"
                report(err, CannotWrite(Message.CANNOT_WRITE.format(reason=reason),
                                        where=getattr(item, "source", None) or getattr(item, "id", None)))
            done += isinstance(item, Result)
            meter.update(done=reading.done, total=reading.total, count=done + failed,
                         note=f"{done:,} articles, {failed:,} failed")
    if failed:
        raise typer.Exit(1)


def _put(item: object, *, err: Console, out: Console, jsonl: bool, timeml: Path | None, force: bool = False) -> int:
    """Print one result (or its error); 1 if it was an error."""
    if isinstance(item, DatelineError):
        report(err, item)
        return 0 if isinstance(item, Notice) else 1
    assert isinstance(item, Result)
    if timeml is not None:
        write_file(timeml / file_name(item.id, ".tml"), to_timeml(item), force=force)
    if jsonl:
        sys.stdout.write(to_json_line(item) + "\n")
        sys.stdout.flush()
    else:
        show(out, item)
    return 0


def _folder(path: Path) -> None:
    """Make the folder results are written into, before the work rather than after it."""
    make_folder(path)


def main() -> None:
    """The console script: the app, whose `Edge` says an error in one line and ends with its status."""
    app()
