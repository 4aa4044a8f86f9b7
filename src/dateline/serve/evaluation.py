"""`dateline eval`: run Dateline over annotated articles and print how it scores: a line a figure for a person at a
terminal, one JSON object (then JSON Lines) in a pipe or with --json, as every other command prints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from dateline.errors import CannotWrite, Code, DatelineError, Message, NothingToScore, ReadError, UsageError
from dateline.evaluate import attributions, score_quotes, score_times
from dateline.evaluate.persons import read_store, score_persons
from dateline.evaluate.spans import score_spans
from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process
from dateline.read import from_record, parse_timeml
from dateline.records import Article, Timex
from dateline.serve.corpus import AttributionModel, Db, RulesOnly, attribution_of, whole
from dateline.serve.edge import Edge, Page, report
from dateline.serve.progress import Meter
from dateline.store import DEFAULT_URL, Store

T = TypeVar("T")

app = typer.Typer(cls=Edge, help="Score Dateline against your own annotated articles.", no_args_is_help=True,
                  rich_markup_mode=None)


def _as_json(asked: bool) -> bool:
    """JSON when asked, and always when standard output is not a terminal."""
    return asked or not Console().is_terminal


def show_figures(figures: dict[str, Any], as_json: bool, *, width: int) -> None:
    """The figures as one JSON object, or a line each as the reference scorers print them."""
    if as_json:
        print(json.dumps(figures))
        return
    for name, value in figures.items():
        shown = f"({value[0]}, {value[1]}, {value[2]})" if isinstance(value, tuple) else value
        print(f"{name:{width}s} {shown}")


def read_gold(path: Path, err: Console) -> tuple[list[dict[str, Any]], list[Article]]:
    """The annotated articles of a JSONL file, read once: each line's gold record and the article to run Dateline
    on. A line that is not an article is reported and skipped; one Dateline cannot read (no date, say) is reported
    and scored as an article the system returned nothing for."""
    gold: list[dict[str, Any]] = []
    articles: list[Article] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                    raise ValueError("want an object with an id and a text")
            except ValueError as error:
                report(err, ReadError(Message.NOT_GOLD.format(reason=error), source=str(path), line=number,
                                      code=Code.MALFORMED))
                continue
            gold.append(record)
            try:
                articles.append(from_record(record, source=str(path), lineno=number))
            except ReadError as problem:
                report(err, problem)
    return gold, articles


METRICS = ("attributions", "tokens")
"""What `eval quotes --metric` scores."""


@app.command(cls=Page)
def quotes(
    gold: Annotated[Path, typer.Argument(metavar="GOLD_JSONL",
                                         help="Annotated articles, JSONL: {id, date, text, quotes: [{source, cue, "
                                              "content}]} with character spans, as PolNeAR is distributed.")],
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    system: Annotated[Path | None, typer.Option("--system", metavar="FILE",
                                                help="Also write Dateline's attributions here, in the "
                                                     "form score_quotes.py reads.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The figures as one JSON object; the default when "
                                                          "the output is not a terminal.")] = False,
    metric: Annotated[str, typer.Option("--metric", metavar="METRIC",
                                        help="attributions: quotes matched to annotated attributions, as the "
                                             "reference scorer counts them; tokens: exact spans per role (source, "
                                             "cue, content), as the sequence-tagging papers score them.")
                      ] = "attributions",
    attribution_model: AttributionModel = None,
    rules_only: RulesOnly = False,
) -> None:
    """Score quotes against annotated articles. Dateline extracts them, then they are scored: matches, speakers,
    direct quotes; or, with --metric tokens, the exact spans of each role.

    Examples:

        dateline eval quotes ../shared/data/polnear/dev.jsonl

        dateline eval quotes ../shared/data/polnear/dev.jsonl --metric tokens --rules-only
    """
    if metric not in METRICS:
        raise UsageError(Message.NOT_A_METRIC.format(value=metric, metrics=", ".join(METRICS)), where="--metric")
    attribution = attribution_of(attribution_model, rules_only)
    err = Console(stderr=True)
    if not gold.is_file():
        raise ReadError(Message.NO_SUCH_FILE, source=str(gold), code=Code.UNREADABLE)
    _ready(system)
    records, articles = read_gold(gold, err)
    if not any(isinstance(r.get("quotes"), list) for r in records):
        raise NothingToScore(Message.NO_GOLD_QUOTES, where=str(gold))
    found: dict[str, list[dict[str, Any]]] = {}
    for item in _metered(process(load(model, attribution=attribution), articles), len(articles), err):
        if isinstance(item, DatelineError):
            report(err, item)
            continue
        found[item.id] = attributions(item)
    if system is not None:
        with system.open("w", encoding="utf-8") as fh:
            for article_id, attributed in found.items():
                fh.write(json.dumps({"id": article_id, "quotes": attributed}) + "\n")
    figures = score_quotes(records, found).as_dict() if metric == "attributions" else score_spans(records, found)
    show_figures(figures, _as_json(as_json), width=32)


def _timeml_files(paths: list[Path], err: Console) -> list[Path]:
    """The TimeML files named or in the folders named; a path that is not there is said, and is an exit 1."""
    files: list[Path] = []
    missing = [ReadError(Message.NO_SUCH_FILE, source=str(path), code=Code.UNREADABLE)
               for path in paths if not path.exists()]
    for error in missing:
        report(err, error)
    if missing:
        raise typer.Exit(missing[0].status)
    for path in paths:
        files += sorted(path.glob("*.tml")) if path.is_dir() else [path]
    return files


def _metered(items: Iterable[T], total: int, err: Console) -> Iterator[T]:
    """The items, with a progress bar of `total` articles on a terminal's standard error as they come."""
    with Meter(err, "scoring", total=total) as meter:
        for done, item in enumerate(items, 1):
            meter.update(done=done, count=done, note=f"{done:,} of {total:,} articles")
            yield item


def _ready(system: Path | None) -> None:
    """Make the folder `--system` writes into before the work, not after it."""
    if system is None:
        return
    try:
        system.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotWrite(Message.CANNOT_WRITE_HERE.format(reason=error.strerror or error),
                          where=str(system)) from None


@app.command(cls=Page)
def time(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="TimeML (.tml) files, or folders of them.")],
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    as_json: Annotated[bool, typer.Option("--json", help="The figures as one JSON object, then the --errors as "
                                                          "JSON Lines; the default when the output is not a "
                                                          "terminal.")] = False,
    errors: Annotated[int, typer.Option("--errors", **whole(0, 10_000, "Also list this many gold expressions "
                                                                       "missed or valued differently."))] = 0,
    system: Annotated[Path | None, typer.Option("--system", metavar="FILE",
                                                help="Also write Dateline's expressions here, one "
                                                     "document a line, in the form score_times.py "
                                                                 "reads (ids are the file names).")] = None,
) -> None:
    """Score time expressions against TimeML documents. Dateline finds and normalizes them, each document dated by
    its creation time, and they are scored against the TIMEX3 annotations: strict and relaxed spans, types, values.

    Example:

        dateline eval time ../shared/data/timeml/TimeBank
    """
    err = Console(stderr=True)
    _ready(system)
    gold: list[tuple[str, str, list[Timex]]] = []
    articles: list[Article] = []
    for path in _timeml_files(paths, err):
        try:
            article, annotated = parse_timeml(path.read_bytes(), source=str(path))
        except (OSError, ReadError) as error:
            problem = error if isinstance(error, ReadError) else ReadError(
                error.strerror or str(error), source=str(path), code=Code.UNREADABLE)
            report(err, problem)
            continue
        gold.append((article.id, article.text, annotated))
        articles.append(article)
    if not any(annotated for _, _, annotated in gold):
        raise NothingToScore(Message.NO_GOLD_TIMES.format(paths=", ".join(map(str, paths))))
    found: dict[str, list[Timex]] = {}
    for item in _metered(process(load(model, attribution=None), articles), len(articles), err):
        if isinstance(item, DatelineError):
            report(err, item)
            continue
        found[item.id] = item.times
    if system is not None:
        with system.open("w", encoding="utf-8") as fh:
            for article in articles:
                times = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value}
                         for t in found.get(article.id, [])]
                fh.write(json.dumps({"id": Path(article.source or article.id).name, "times": times}) + "\n")
    scores = score_times(gold, found)
    as_json = _as_json(as_json)
    show_figures(scores.as_dict(), as_json, width=24)
    for miss in scores.errors[:errors]:
        print(json.dumps(miss, ensure_ascii=False) if as_json else f"   {json.dumps(miss, ensure_ascii=False)}")


@app.command(cls=Page)
def persons(
    gold: Annotated[Path, typer.Argument(metavar="GOLD_JSONL",
                                         help="Gold person chains, JSONL: {id, persons: [{chain, linked, "
                                              "mentions: [{start, end, text}]}]} with character offsets, as "
                                              "ECB+ is given in ../shared/data/ecbplus.")],
    db: Db = DEFAULT_URL,
    all_chains: Annotated[bool, typer.Option("--all-chains", help="Score every chain, not only those whose "
                                                                   "identity across articles is annotated.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The figures as one JSON object, then the --errors as "
                                                          "JSON Lines; the default when the output is not a "
                                                          "terminal.")] = False,
    errors: Annotated[int, typer.Option("--errors", **whole(0, 10_000, "Also list this many chains split and "
                                                                       "wrongly merged."))] = 0,
) -> None:
    """Score persons across articles against gold chains. The store is one the articles were ingested into
    (`dateline ingest`); each gold mention is mapped to the stored mention overlapping it most and to its person
    across the corpus, and scored: B3 over mentions and over articles, and chains merged, split and wrongly merged.

    Example:

        dateline eval persons ../shared/data/ecbplus/traindev.gold.jsonl --db ecbplus.db
    """
    if not gold.is_file():
        raise ReadError(Message.NO_SUCH_FILE, source=str(gold), code=Code.UNREADABLE)
    records: list[dict[str, Any]] = []
    with gold.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or "id" not in record:
                    raise ValueError("want an object with an id")
            except ValueError as error:
                report(Console(stderr=True), ReadError(Message.NOT_GOLD.format(reason=error), source=str(gold),
                                                       line=number, code=Code.MALFORMED))
                continue
            records.append(record)
    if not any(isinstance(r.get("persons"), list) and r["persons"] for r in records):
        raise NothingToScore(Message.NO_GOLD_PERSONS, where=str(gold))
    with Store(db, create=False, read_only=True) as store:
        scores = score_persons(records, read_store(store.engine), all_chains=all_chains)
    as_json = _as_json(as_json)
    show_figures(scores.as_dict(), as_json, width=22)
    for kind, examples in scores.errors.items():
        for example in examples[:errors]:
            print(json.dumps({kind: example}, ensure_ascii=False) if as_json else f"   {kind}: {example}")
