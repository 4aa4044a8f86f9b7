"""The corpus commands: `ingest` a corpus into a store, then ask it — `quotes`, `people`, `show`, `export`.

Each command parses its options, calls one library function (`scale.ingest`, a `Store` query, `export`) and
formats what comes back; nothing here extracts or queries by itself.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy.engine import make_url

from dateline.errors import REFUSED, Message, NotFound, UsageError, require
from dateline.parse import DEFAULT_MODEL, SHIPPED
from dateline.read import MAX_CHARS
from dateline.records import ACTS
from dateline.scale import Summary, ingest
from dateline.serve.edge import report
from dateline.serve.export import FORMATS, export
from dateline.serve.inert import say
from dateline.serve.progress import Meter
from dateline.serve.render import show, to_json_line
from dateline.serve.rows import emit, plain
from dateline.store import DEFAULT_URL, TABLES, Store, database_url
from dateline.store.queries import KINDS

Db = Annotated[str, typer.Option("--db", metavar="URL", envvar="DATELINE_DB",
                                 help="Database: a SQLite file (dateline.db here by default) or a postgresql:// URL.")]
MAX_LIMIT = 1000
"""The most rows --limit asks for: a page for a person; --jsonl and --csv without --limit give every row."""
Jsonl = Annotated[bool, typer.Option("--jsonl", help="JSON Lines, one row a line.")]
AttributionModel = Annotated[Path | None, typer.Option(
    "--attribution-model", metavar="PATH", show_default=False,
    help="A trained attribution model (`dateline train attribution` writes one) in place of the one Dateline "
         "ships.")]
RulesOnly = Annotated[bool, typer.Option("--rules-only", help="Find quotes by the rules alone, without the trained "
                                                              "attribution model.")]


def attribution_of(path: Path | None, rules_only: bool) -> str | None:
    """What `parse.load` is given for the options: the shipped model, the one at a path, or None (rules only)."""
    if path is not None and rules_only:
        raise UsageError(Message.RULES_OR_MODEL, where="--rules-only")
    return None if rules_only else str(path) if path is not None else SHIPPED
Csv = Annotated[bool, typer.Option("--csv", help="CSV with a header line.")]
T = TypeVar("T")


def day(value: str | date) -> date:
    """The parser of a YYYY-MM-DD option: any other text is a usage error that names the option."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(Message.NOT_A_DATE.format(value=value)) from None


def whole(low: int, high: int, help: str) -> dict[str, Any]:
    """The settings of a whole-number option N from `low` to `high`: its parser (anything else is a usage error that
    names the option and the range) and its help, which shows the range as ``[low–high]``."""

    def parse(value: str | int) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise typer.BadParameter(Message.NOT_IN_RANGE.format(value=str(value), low=low, high=high))
        return number

    return {"metavar": "N", "parser": parse, "help": f"{help}  [{low}–{high}]"}


def _open(db: str) -> Store:
    """The store a command asks: never made where there is none, nor migrated (only `ingest` makes or changes
    one)."""
    return Store(db, create=False, upgrade=False)


def _one_of_the_acts(act: str | None) -> str | None:
    if act is not None and act not in ACTS:
        raise typer.BadParameter(Message.NOT_AN_ACT.format(value=act, acts=", ".join(ACTS)))
    return act


def _one_of_the_kinds(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(Message.NOT_A_KIND.format(value=kind, kinds=", ".join(KINDS)))
    return kind


def _fmt(jsonl: bool, csv: bool) -> str | None:
    if jsonl and csv:
        raise UsageError(Message.EXCLUSIVE, where="--csv")
    return "jsonl" if jsonl else "csv" if csv else None


DEFAULT_LIMIT = 20
"""Rows a query prints on a terminal when no --limit is given; a line then says how many more there are."""


def _page(limit: int | None, fmt: str | None, out: Console) -> int | None:
    """The limit to ask with: the one given; else, for a person at a terminal, a page of `DEFAULT_LIMIT` rows."""
    if limit is None and fmt is None and out.is_terminal:
        return DEFAULT_LIMIT
    return limit


def _more(out: Console, shown: int, limit: int | None, fmt: str | None, count: Callable[[], int]) -> None:
    """On a terminal, after a full page: how many rows are left, and how to see them."""
    if fmt is not None or not out.is_terminal or limit is None or shown < limit:
        return
    left = count() - shown
    if left > 0:
        out.print(Text(f"… {left:,} more: --limit N to see more, or --jsonl / --csv for every one", style="dim"))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


LISTS = {"quote": "`dateline quotes` lists them", "person": "`dateline people` lists them",
         "article": "`dateline quotes --jsonl` gives each quote's article"}
"""Where to find the ids of each kind of record."""


def _found(found: T | None, what: str, ident: str, store: Store) -> T:
    """A record asked for by id; when there is none, an error naming the id (status 1)."""
    if found is None:
        raise NotFound(Message.NOT_STORED.format(what=what, where=store.where, listing=LISTS[what]), where=ident)
    return found


def _one(found: dict[str, Any], *, jsonl: bool, out: Console) -> dict[str, Any] | None:
    """One record asked for by id: one JSON line in a pipe or with --jsonl; the record itself when it is for a person
    to read."""
    if jsonl or not out.is_terminal:
        sys.stdout.write(json.dumps({k: plain(v) for k, v in found.items()}, ensure_ascii=False, default=str) + "\n")
        return None
    return found


def ingest_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
                                               help="Files and folders: dated text, plain text (with --date), "
                                                    "JSON Lines (.gz), HTML pages, WARC (.gz) crawls, TimeML "
                                                    "(.tml); - for standard input.")],
    db: Db = DEFAULT_URL,
    published: Annotated[date | None, typer.Option("--date", metavar="YYYY-MM-DD", parser=day,
                                                   help="Publication date for articles that give none "
                                                        "(plain text, an HTML page without one).")] = None,
    workers: Annotated[int, typer.Option("--workers", **whole(0, 1024, "Extract on a local Dask cluster of N "
                                                             "processes (0: in this process)."))] = 0,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS",
                                                  help="Extract on the Dask cluster at this "
                                                       "address (tcp://host:8786).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", **whole(1, 100_000, "Articles per batch read, and at "
                                                                                "most per transaction."))] = 64,
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="Any installed spaCy pipeline.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option("--max-chars", **whole(1, MAX_CHARS, "Longest article accepted, in "
                                                                              "characters."))] = MAX_CHARS,
    attribution_model: AttributionModel = None,
    rules_only: RulesOnly = False,
) -> None:
    """Extract a corpus into a database. Articles already stored are passed over, so a re-run (or a run after a
    crash) adds only what is missing.

    Examples:

        dateline ingest corpus/

        dateline ingest crawl.warc.gz pages/ --date 2021-06-21 --db news.db

        dateline ingest dump.jsonl.gz --workers 2 --db postgresql:///news
    """
    err = Console(stderr=True)
    attribution = attribution_of(attribution_model, rules_only)

    def line(s: Summary) -> str:
        return f"{s.stored:,} stored · {s.skipped:,} already stored · {s.failed:,} failed · {s.rate:,.1f} articles/s"

    def note(s: Summary) -> str:
        """The bar's note, short enough to leave the bar its time left at 80 columns: what is not 0."""
        return ", ".join([f"{s.stored:,} stored"] + [f"{n:,} {what}" for n, what in ((s.skipped, "already stored"),
                                                                                       (s.failed, "failed")) if n])

    with _made_for(db) as store:
        with Meter(err, "ingesting") as meter:
            summary = ingest(paths, store, published=published, max_chars=max_chars, model=model,
                             batch_size=batch_size, workers=workers, scheduler=scheduler, attribution=attribution,
                             on_error=lambda error: report(err, error),
                             on_progress=lambda s: meter.update(done=s.bytes_read, total=s.bytes_total,
                                                                count=s.stored + s.skipped + s.failed, note=note(s)))
        stored = "nothing stored" if summary.failed and not summary.stored + summary.skipped else f"→ {store.where}"
        say(err, f"{line(summary)} in {summary.seconds:,.1f} s {summary.ran_on} {stored}", wrap=err.is_terminal)
        if summary.failed:
            raise typer.Exit(REFUSED)


@contextmanager
def _made_for(db: str) -> Iterator[Store]:
    """The store `ingest` writes into, made where there is none. A SQLite file made by a run that fails with nothing
    stored is taken away again: a mistyped path (``ingest nosuch.jsonl --db new.db``) leaves no empty database."""
    url = make_url(database_url(db))
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
        else None
    made = path is not None and not path.exists()
    store = Store(db, create=True)
    try:
        yield store
    except BaseException:
        if made and path is not None and not store.size().get("articles"):
            store.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        store.close()


def quotes_command(
    speaker: Annotated[str | None, typer.Option("--speaker", metavar="NAME",
                                                help="Part of the speaker's name.")] = None,
    search: Annotated[str | None, typer.Option("--search", metavar="QUERY",
                                               help='Words the quote holds (all of them); "a phrase",'
                                                                " OR, -word to leave out.")] = None,
    since: Annotated[date | None, typer.Option("--since", metavar="YYYY-MM-DD", parser=day,
                                               help="Said on or after (YYYY-MM-DD); with --distinct, "
                                                    "first appeared on or after.")] = None,
    until: Annotated[date | None, typer.Option("--until", metavar="YYYY-MM-DD", parser=day,
                                               help="Said on or before (YYYY-MM-DD); with --distinct, "
                                                    "first appeared on or before.")] = None,
    act: Annotated[str | None, typer.Option("--act", metavar="ACT", callback=_one_of_the_acts,
                                            help=f"What the cue reports: {', '.join(ACTS)}.")] = None,
    person: Annotated[str | None, typer.Option("--person", metavar="ID",
                                               help="A person's id (P…, `dateline people`).")] = None,
    organization: Annotated[str | None, typer.Option("--organization", metavar="ID",
                                                     help="What an organization (O…) said, or its people in a "
                                                          "role naming it.")] = None,
    role: Annotated[str | None, typer.Option("--role", metavar="ROLE",
                                             help="Part of a role the speaker held at the time "
                                                  "(spokesman).")] = None,
    about: Annotated[str | None, typer.Option("--about", metavar="QUERY",
                                              help="Words the quote's article holds (as --search).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", callback=_one_of_the_kinds,
                                             help=f"{', '.join(KINDS)}: direct and mixed are the speaker's "
                                                  "own words, indirect a paraphrase.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="HOST",
                                               help="Where the article was published: its URL's host.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", **whole(1, MAX_LIMIT, "At most this many."))] = None,
    distinct: Annotated[bool, typer.Option("--distinct", help="One row per quote across articles: its first "
                                                              "appearance and how often it was repeated.")] = False,
    db: Db = DEFAULT_URL, jsonl: Jsonl = False, csv: Csv = False,
) -> None:
    """Quotes in the store, newest first. A quote's day is the day the article says it was said, else the day
    it was published. Each row is one occurrence, with `quote`, the id of the quote across articles; with
    --distinct, each row is one quote.

    Examples:

        dateline quotes --speaker Ruiz --since 2024-03-01

        dateline quotes --search "harbor OR schools" --csv > quotes.csv

        dateline quotes --distinct --speaker Natarajan
    """
    fmt, out = _fmt(jsonl, csv), Console()
    asked = _page(limit, fmt, out)
    filters: dict[str, Any] = {"speaker": speaker, "search": search, "since": since, "until": until, "act": act,
                               "person": person, "organization": organization, "role": role, "about": about,
                               "kind": kind, "outlet": outlet}
    with _open(db) as store:
        ask = store.distinct_quotes if distinct else store.quotes
        found = ask(**filters, limit=asked)
        if distinct:
            emit(found, fmt=fmt, columns=("speaker", "first_seen", "occurrences", "quote", "text"), words="text",
                 title="Quotes across articles, first appearance newest first", console=out)
        else:
            emit(found, fmt=fmt, columns=("speaker", "said", "cue", "addressee", "article", "quote", "text"),
                 words="text", title="Quotes, newest first", console=out)
        _more(out, len(found), asked, fmt, lambda: store.count_quotes(distinct=distinct, **filters))


def quote_command(
    quote: Annotated[str, typer.Argument(metavar="ID", help="A quote's id (the `quote` field of `dateline quotes`).")],
    db: Db = DEFAULT_URL, jsonl: Jsonl = False,
) -> None:
    """One quote across the articles that repeat it. Where it first appeared, and every article that repeated it, in
    order, each with the speaker as it gives them.

    Example:

        dateline quote Q340358f7b259
    """
    out = Console()
    with _open(db) as store:
        found = _one(_found(store.quote(quote), "quote", quote, store), jsonl=jsonl, out=out)
    if found is None:
        return
    say(out, f"“{found['text']}” — {found['speaker'] or 'unknown'}; first seen {found['first_seen']} in "
             f"{found['first_article']}; {_plural(len(found['occurrences']), 'occurrence')}", wrap=True)
    if found["speakers"]:
        say(out, f"the articles disagree on who said it: {', '.join(found['speakers'])}", wrap=True)
    emit(found["occurrences"], fmt="table", columns=("speaker", "published", "article", "url", "text"),
         words="text", title="Occurrences", console=out)


def people_command(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="Part of a name.")] = None,
    role: Annotated[str | None, typer.Option("--role", metavar="ROLE",
                                             help="Part of a role they held (spokesman).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", **whole(1, MAX_LIMIT, "At most this many."))] = None,
    db: Db = DEFAULT_URL, jsonl: Jsonl = False, csv: Csv = False,
) -> None:
    """People across the store, most quoted first. Their roles, how often they are quoted, when first and last
    seen, and the evidence persons were joined on (or a surname alone kept apart).

    Example:

        dateline people Ruiz
    """
    fmt, out = _fmt(jsonl, csv), Console()
    asked = _page(limit, fmt, out)
    with _open(db) as store:
        found = store.people(name, role=role, limit=asked)
        shown = ("evidence",) if any(p["evidence"] for p in found) else ()  # why persons were joined or kept apart
        emit(found, fmt=fmt, columns=("name", "roles", "quotes", "articles", "first_seen", "last_seen", *shown),
             wide=("roles", *shown), title="People, most quoted first", console=out)
        _more(out, len(found), asked, fmt, lambda: store.count_people(name, role=role))


def organizations_command(
    name: Annotated[str | None, typer.Argument(metavar="NAME",
                                               help="Part of a name, or an organization's id (O…).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", **whole(1, MAX_LIMIT, "At most this many."))] = None,
    db: Db = DEFAULT_URL, jsonl: Jsonl = False, csv: Csv = False,
) -> None:
    """Organizations across the store, most named first. Each under one name ("EPA" and "Environmental Protection
    Agency" where an article pairs them; "Acme Corp." and "Acme Inc"): how many articles name them, when first and
    last seen.

    Example:

        dateline organizations Gazette
    """
    fmt, out = _fmt(jsonl, csv), Console()
    asked = _page(limit, fmt, out)
    with _open(db) as store:
        found = store.organizations(name, limit=asked)
        emit(found, fmt=fmt, columns=("name", "aliases", "articles", "first_seen", "last_seen"),
             wide=("aliases",), title="Organizations, most named first", console=out)
        _more(out, len(found), asked, fmt, lambda: store.count_organizations(name))


def person_command(
    who: Annotated[str, typer.Argument(metavar="NAME_OR_ID",
                                       help="A person's id (P…), or part of a name: the most quoted it fits.")],
    db: Db = DEFAULT_URL, jsonl: Jsonl = False,
) -> None:
    """One person across the corpus. Names, roles over time, quotes per month, most repeated quotes, and whom they
    spoke to or met.

    Example:

        dateline person Ruiz
    """
    out = Console()
    with _open(db) as store:
        found = _one(_found(store.person(who), "person", who, store), jsonl=jsonl, out=out)
    if found is None:
        return
    quoted, named = _plural(found["quotes"], "quote"), _plural(found["articles"], "article")
    say(out, f"{found['name']} ({found['id']}): {quoted} in {named}, {found['first_seen']} to {found['last_seen']}",
        wrap=True)
    if found["aliases"]:
        say(out, "also written: " + "; ".join(found["aliases"]), wrap=True)
    emit(found["roles"], fmt="table", columns=("role", "first_seen", "last_seen"), title="Roles", console=out)
    emit(found["quotes_by_month"], fmt="table", columns=("month", "quotes"), title="Quoted", console=out)
    emit([{**q, "speaker": found["name"]} for q in found["most_repeated"]], fmt="table",
         columns=("speaker", "occurrences", "quote", "text"), words="text", title="Most repeated", console=out)
    emit([{**r, "as": "spoke to"} for r in found["spoke_to"]] + [{**r, "as": "met"} for r in found["met"]],
         fmt="table", columns=("name", "as", "times"), title="Spoke to or met", console=out)


def show_command(
    article: Annotated[str, typer.Argument(metavar="ID", help="An article's id, or its key (or the start of it).")],
    db: Db = DEFAULT_URL, jsonl: Jsonl = False,
) -> None:
    """One stored article: its quotes, people, dates and events.

    Example:

        dateline show 001_harbor_vote
    """
    out = Console()
    with _open(db) as store:
        found = _found(store.result(article), "article", article, store)
    if jsonl or not out.is_terminal:
        sys.stdout.write(to_json_line(found) + "\n")
        return
    show(out, found)


def serve_command(
    db: Db = DEFAULT_URL,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="Interface to listen on (loopback by default; docs/web.md says how to put "
                                           "Dateline behind a proxy).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", **whole(1, 65535, "Port to listen on."))] = 8000,
    workers: Annotated[int, typer.Option("--workers", **whole(1, 64, "Processes answering requests (one per core "
                                                                     "serves most)."))] = 1,
    threads: Annotated[int | None, typer.Option("--threads", show_default=False,
                                                **whole(1, 64, "Threads per process asking the store (2 by default: "
                                                               "Python runs one at a time, so more only queue)."))]
    = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", metavar="ORIGIN",
                                                          help="Let pages from this origin (https://example.org, or "
                                                               "* for any) call the API from a browser; off by "
                                                               "default. Give it again for another.")] = None,
    allow_extract: Annotated[bool, typer.Option("--allow-extract",
                                                help="Turn on POST /api/extract, which runs the pipeline on a "
                                                     "text sent to it (off by default: the server only "
                                                     "reads).")] = False,
    extract_chars: Annotated[int, typer.Option("--extract-chars", **whole(1, MAX_CHARS, "With --allow-extract: the "
                                                                                      "longest text taken, in "
                                                                                      "characters."))] = 20_000,
    extract_runs: Annotated[int, typer.Option("--extract-runs", **whole(1, 16, "With --allow-extract: extractions "
                                                                               "run at once per process; more "
                                                                               "are refused (503)."))] = 1,
    model: Annotated[str, typer.Option("--model", metavar="PIPELINE",
                                       help="With --allow-extract: the spaCy pipeline to load (on first "
                                            "use).")] = DEFAULT_MODEL,
    attribution_model: AttributionModel = None,
    rules_only: RulesOnly = False,
) -> None:
    """Serve a store read-only, as an HTTP API and web pages. The API is under /api/ (OpenAPI at /docs); the pages
    search quotes, list people, organizations, articles and events, and show each one.

    Examples:

        dateline serve --db corpus.db

        dateline serve --db corpus.db --cors-origin https://newsroom.example --allow-extract
    """
    for module in ("fastapi", "uvicorn", "jinja2"):
        require(module, "dateline serve")
    import uvicorn

    from dateline.serve.web import create_app

    attribution = attribution_of(attribution_model, rules_only)
    settings: dict[str, Any] = {"db": db, "model": model, "attribution": attribution, "allow_extract": allow_extract,
                                "max_extract_chars": extract_chars, "extract_runs": extract_runs,
                                "cors_origins": cors_origin or None, **({"store_threads": threads} if threads else {})}
    web = create_app(**settings)
    say(Console(stderr=True), f"serving {web.state.store.where} read-only at http://{host}:{port}/ "
                              f"with {workers} {'worker' if workers == 1 else 'workers'} (Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    web.state.store.close()
    os.environ["DATELINE_SERVE"] = json.dumps({**settings, "store_threads": web.state.store_threads})
    from dateline.serve.web.listen import serve_in_processes

    serve_in_processes("dateline.serve.web:app_from_environment", host=host, port=port, workers=workers)


def export_command(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder to write TABLE.FORMAT files into.")],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT",
                                     help="parquet, jsonl or csv; or quotebank: the quotes in "
                                          "Quotebank's JSON Lines fields.")] = "parquet",
    tables: Annotated[list[str] | None, typer.Option("--table", metavar="TABLE",
                                                     help=f"Only these ({', '.join(TABLES)}).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files already in the folder.")] = False,
    all_kinds: Annotated[bool, typer.Option("--all-kinds", help="quotebank: indirect quotes too.")] = False,
    db: Db = DEFAULT_URL,
) -> None:
    """Every table of the store as files. Parquet, JSON Lines or CSV, for pandas, DuckDB or Spark; files already
    there are kept unless --force is given; a link in their place is replaced, never followed.

    Example, then a question DuckDB answers from the files:

        dateline export out/ --format parquet

        duckdb -c "select * from 'out/quotes.parquet'"
    """
    if fmt not in FORMATS:
        raise UsageError(Message.NOT_A_FORMAT.format(value=fmt, formats=", ".join(FORMATS)), where="--format")
    unknown = sorted(set(tables or ()) - set(TABLES))
    if unknown:
        raise UsageError(Message.NO_TABLE.format(names=", ".join(unknown), tables=", ".join(TABLES)), where="--table")
    with _open(db) as store:
        written = export(store, folder, fmt, tables or TABLES, force=force, all_kinds=all_kinds)
    for table, path in written.items():
        say(Console(stderr=True), f"{table}: {path}")
