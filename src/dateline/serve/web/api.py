"""The JSON API: quotes (and their facets, and as CSV), one quote, people, organizations, articles and events, each
a list and one record, and extraction where the server allows it — the fields the CLI's JSON has, from the same
store queries.

Lists are paged by keyset: `limit` rows at a time, `next` a cursor to pass back as `cursor` for the following page
(null on the last; also in a `Link: <…>; rel="next"` header), `total` how many in all. A cursor is opaque and
checked (`cursors.py`); rows stored between two requests never shift a page. Errors are `{"error": {"code",
"message"}}` with a fitting status (`dateline.errors.ApiCode`).
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Annotated, Any, Literal, TypeVar

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from dateline.errors import API_STATUS, ApiCode, ApiMessage, DatelineError
from dateline.pipeline import extract
from dateline.records import ACTS
from dateline.serve.rows import write_csv
from dateline.serve.web import cursors, models
from dateline.serve.web.present import from_path, sentence_around
from dateline.store import Store
from dateline.store.queries import KINDS
from dateline.store.search import SearchError

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": models.ErrorBody, "description": description}
    for status, description in ((400, "A search with nothing to find (bad_search) or a cursor this server did not "
                                      "give for this question (bad_cursor)"),
                                (404, "Nothing has this id (not_found)"),
                                (422, "A parameter is not what it must be (invalid_parameter); the message names "
                                      "it"))}
"""The errors every route may give, in the one body they all have."""
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

MAX_QUERY = 200
"""The longest search or name a request may give."""
MAX_ID = 400
"""The longest id a path may hold."""
Limit = Annotated[int, Query(ge=1, le=100, description="Rows per page (1–100).")]
Cursor = Annotated[str | None, Query(max_length=cursors.LONGEST, description="`next` of the page before.")]
Words = Annotated[str | None, Query(max_length=MAX_QUERY)]
PersonId = Annotated[str | None, Query(pattern=r"^P[0-9a-f]{12}$", description="A person's id: their quotes.")]
OrganizationId = Annotated[str | None, Query(pattern=r"^O[0-9a-f]{12}$",
                                             description="An organization's id: the quotes it speaks for (its "
                                                         "own, and its people's in a role naming it).")]
Ident = Annotated[str, Path(max_length=MAX_ID, description="An id, or `~` and the id in base64url (any id).")]
T = TypeVar("T")
Act = Literal[ACTS]  # type: ignore[valid-type]  # the acts a quote's cue reports, as the CLI's --act takes them
Kind = Literal[KINDS]  # type: ignore[valid-type]
CACHE = "public, max-age=60"
"""How long an answer may be kept: the store is read-only here, and changes only as something ingests into it."""


class Coded(HTTPException):
    """An HTTP error with the code the JSON error carries."""

    def __init__(self, code: ApiCode, message: str) -> None:
        super().__init__(API_STATUS[code], message)
        self.code = code


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


async def asked(request: Request, question: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A question to the store, asked on one of the process's few store threads while the event loop serves other
    requests. The endpoints are coroutines that make this one hop each, rather than functions FastAPI would run on
    a thread and then hop again to check and encode what they return (eight hops a request, measured). The threads
    are few (`create_app`'s `store_threads`): Python runs one at a time, so forty threads asking at once only queue
    for its lock, slower than two (p95 86 → 44 ms on the search API under load, `bench/serve_load.py`)."""
    state = request.app.state
    if getattr(state, "store_limiter", None) is None:  # made in the event loop, the first time it is needed
        state.store_limiter = anyio.CapacityLimiter(state.store_threads)
    return await anyio.to_thread.run_sync(partial(question, *args, **kwargs), limiter=state.store_limiter)


def plain(value: Any) -> Any:
    """A value JSON holds: days as ISO text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def answer(data: Any, *, headers: dict[str, str] | None = None) -> Response:
    """JSON, written once (no second pass to check it: the tests check every route against its model), kept for a
    minute (`CACHE`); the app adds its ETag."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=plain).encode("utf-8")
    return Response(body, media_type="application/json", headers={"cache-control": CACHE, **(headers or {})})


def linked(request: Request, page: dict[str, Any]) -> dict[str, str]:
    """The Link header of a page: its next page's URL, where there is one."""
    if not page["next"]:
        return {}
    return {"link": f'<{request.url.include_query_params(cursor=page["next"])}>; rel="next"'}


def paged(rows: list[dict[str, Any]], limit: int, kind: str, question: str) -> tuple[list[dict[str, Any]], str | None]:
    """A page of rows asked for one more than `limit`: the page, and the cursor of the next (None on the last)."""
    more = len(rows) > limit
    rows = rows[:limit]
    after = cursors.encode(kind, rows[-1]["_key"], question) if more else None
    for row in rows:
        del row["_key"]
    return rows, after


def after_of(cursor: str | None, kind: str, question: str) -> Any:
    """The key a request's cursor holds, or a 400 that says the cursor is not one of this question's."""
    if not cursor:
        return None
    try:
        return cursors.decode(cursor, kind, question)
    except cursors.CursorError:
        raise Coded(ApiCode.BAD_CURSOR, ApiMessage.BAD_CURSOR) from None


def size(request: Request) -> dict[str, int]:
    """How many quotes and articles the store holds, counted at most once a minute (a count over a million rows
    is not free, and the front page and every unfiltered list show it)."""
    cached = getattr(request.app.state, "size", None)
    if cached is None or time.monotonic() - cached[0] > 60:
        counts = store_of(request).size()
        request.app.state.size = cached = (time.monotonic(), counts)
    return cached[1]  # type: ignore[no-any-return]


def quote_page(request: Request, ask: dict[str, Any], *, order: str, distinct: bool, limit: int,
               cursor: str | None, context: bool) -> dict[str, Any]:
    """A page of quotes (also what the search page shows): `items`, `next`, `total`."""
    store = store_of(request)
    ask = {k: v for k, v in ask.items() if v not in (None, "")}
    kind = "first" if distinct else "rank" if order == "relevance" else "said"
    if kind == "rank" and not (ask.get("search") or ask.get("about")):
        raise Coded(ApiCode.INVALID, ApiMessage.RANKED_NEEDS_WORDS)
    question = cursors.scope(**ask, order=kind)
    after = after_of(cursor, kind, question)
    find = {"first": store.distinct_quotes, "rank": store.ranked_quotes, "said": store.quotes}[kind]
    try:
        rows = find(limit=limit + 1, after=after, keyed=True, **ask)
        total = size(request)["quotes"] if not ask and not distinct else store.count_quotes(distinct=distinct, **ask)
    except SearchError as error:
        raise Coded(ApiCode.BAD_SEARCH, error.message) from None
    items, after_page = paged(rows, limit, kind, question)
    if context and not distinct:
        for row, (text, start, end) in zip(items, store.windows(items), strict=True):
            before, after_text = sentence_around(text, start, end)
            row["context"] = {"before": before, "after": after_text}
    return {"items": items, "next": after_page, "total": total}


def quote_question(q: str | None, about: str | None, speaker: str | None, person: str | None,
                   organization: str | None, role: str | None, kind: str | None, act: str | None,
                   outlet: str | None, since: date | None, until: date | None) -> dict[str, Any]:
    """The filters of a question about quotes, named as the store takes them."""
    return {"search": q, "about": about, "speaker": speaker, "person": person, "organization": organization,
            "role": role, "kind": kind, "act": act, "outlet": outlet, "since": since, "until": until}


QUOTE_FILTERS = """q: words in the quote; about: words in its article (title and text), both in the search language
(words, "a phrase", OR, -word); speaker: part of any name of the speaker; role: part of a role the speaker held in
that article (spokesman)."""


@router.get("/quotes", summary="Quotes, newest first (or by relevance, or one row per quote: distinct)",
            response_model=models.QuotePage, description=QUOTE_FILTERS)
async def quotes(request: Request, q: Words = None, about: Words = None, speaker: Words = None,
                 person: PersonId = None, organization: OrganizationId = None, role: Words = None,
                 kind: Kind | None = None, act: Act | None = None, outlet: Words = None, since: date | None = None,
                 until: date | None = None, order: Literal["newest", "relevance"] = "newest", distinct: bool = False,
                 context: bool = False, limit: Limit = 20, cursor: Cursor = None) -> Response:
    ask = quote_question(q, about, speaker, person, organization, role, kind, act, outlet, since, until)
    page = await asked(request, quote_page, request, ask, order=order, distinct=distinct, limit=limit,
                       cursor=cursor, context=context)
    return answer(page, headers=linked(request, page))


CSV_COLUMNS = ("said", "speaker", "speaker_role", "cue", "addressee", "kind", "text", "date", "quote", "speaker_id",
               "organization_id", "article", "title", "url", "published")


@router.get("/quotes.csv", summary="The same quotes as CSV (a page at a time, with a Link header to the next)",
            response_class=Response, responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                                                       "description": "CSV with a header line"}})
async def quotes_csv(request: Request, q: Words = None, about: Words = None, speaker: Words = None,
                     person: PersonId = None, organization: OrganizationId = None, role: Words = None,
                     kind: Kind | None = None, act: Act | None = None, outlet: Words = None,
                     since: date | None = None, until: date | None = None,
                     order: Literal["newest", "relevance"] = "newest",
                     limit: Annotated[int, Query(ge=1, le=1000)] = 1000, cursor: Cursor = None) -> Response:
    ask = quote_question(q, about, speaker, person, organization, role, kind, act, outlet, since, until)
    page = await asked(request, quote_page, request, ask, order=order, distinct=False, limit=limit, cursor=cursor,
                       context=False)
    out = io.StringIO()
    write_csv(page["items"], out, CSV_COLUMNS)
    return Response(out.getvalue() or ",".join(CSV_COLUMNS) + "\r\n", media_type="text/csv; charset=utf-8",
                    headers={"cache-control": CACHE, "content-disposition": 'attachment; filename="quotes.csv"',
                             **linked(request, page)})


def facet_counts(request: Request, ask: dict[str, Any], total: int | None = None) -> dict[str, Any]:
    """The facets of a question (`total`: how many it matches, where that is counted already; for no filter at
    all, the count kept once a minute)."""
    ask = {k: v for k, v in ask.items() if v not in (None, "")}
    if not ask and total is None:
        total = size(request)["quotes"]
    try:
        return store_of(request).facets(total=total, **ask)
    except SearchError as error:
        raise Coded(ApiCode.BAD_SEARCH, error.message) from None


@router.get("/facets", summary="What a question about quotes finds, counted by speaker, organization, kind, "
                               "month and day", response_model=models.Facets, description=QUOTE_FILTERS)
async def facets(request: Request, q: Words = None, about: Words = None, speaker: Words = None,
                 person: PersonId = None, organization: OrganizationId = None, role: Words = None,
                 kind: Kind | None = None, act: Act | None = None, outlet: Words = None, since: date | None = None,
                 until: date | None = None) -> Response:
    ask = quote_question(q, about, speaker, person, organization, role, kind, act, outlet, since, until)
    return answer(await asked(request, facet_counts, request, ask))


@router.get("/quotes/{ident}", summary="One quote across the corpus, with every occurrence in order",
            response_model=models.Quote)
async def quote(request: Request, ident: Ident) -> Response:
    found = await asked(request, store_of(request).quote, from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="quote", ident=from_path(ident)))
    return answer(found)


def list_page(request: Request, find: Callable[..., list[dict[str, Any]]], count: Callable[..., int], kind: str,
              question: dict[str, Any], *, limit: int, cursor: str | None, **sort: Any) -> dict[str, Any]:
    """A page of a list (people, organizations, articles, events): `items`, `next`, `total`."""
    scope = cursors.scope(**question, **sort)
    rows = find(limit=limit + 1, after=after_of(cursor, kind, scope), keyed=True, **question, **sort)
    items, after = paged(rows, limit, kind, scope)
    return {"items": items, "next": after, "total": count(**question)}


@router.get("/people", summary="People across the corpus, most quoted first (or by name)",
            response_model=models.PeoplePage)
async def people(request: Request, name: Words = None, role: Words = None,
                 sort: Literal["quotes", "name"] = "quotes", limit: Limit = 20, cursor: Cursor = None) -> Response:
    store = store_of(request)
    page = await asked(request, list_page, request, store.people, store.count_people, f"people-{sort}",
                       {"name": name or None, "role": role or None}, limit=limit, cursor=cursor, sort=sort)
    return answer(page, headers=linked(request, page))


@router.get("/people/{ident}", summary="One person: roles over time, quotes per month, whom they spoke to or met",
            response_model=models.Person)
async def person(request: Request, ident: Annotated[str, Path(max_length=MAX_QUERY)]) -> Response:
    found = await asked(request, store_of(request).person, from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="person", ident=from_path(ident)))
    return answer(found)


@router.get("/organizations", summary="Organizations across the corpus, the most written about first (or by "
                                      "name)", response_model=models.OrganizationsPage)
async def organizations(request: Request, name: Words = None, sort: Literal["articles", "name"] = "articles",
                        limit: Limit = 20, cursor: Cursor = None) -> Response:
    store = store_of(request)
    page = await asked(request, list_page, request, store.organizations, store.count_organizations,
                       f"organizations-{sort}", {"name": name or None}, limit=limit, cursor=cursor, sort=sort)
    return answer(page, headers=linked(request, page))


@router.get("/organizations/{ident}", summary="One organization: its names, its quotes, its people",
            response_model=models.Organization)
async def organization(request: Request, ident: Annotated[str, Path(max_length=MAX_QUERY)]) -> Response:
    found = await asked(request, store_of(request).organization, from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="organization", ident=from_path(ident)))
    return answer(found)


@router.get("/articles", summary="Stored articles, newest first (or oldest, or by title)",
            response_model=models.ArticlesPage)
async def articles(request: Request, q: Words = None, outlet: Words = None, since: date | None = None,
                   until: date | None = None, sort: Literal["newest", "oldest", "title"] = "newest",
                   limit: Limit = 20, cursor: Cursor = None) -> Response:
    store = store_of(request)
    question = {"search": q or None, "outlet": outlet or None, "since": since, "until": until}
    try:
        page = await asked(request, list_page, request, store.articles, store.count_articles, f"articles-{sort}",
                           question, limit=limit, cursor=cursor, sort=sort)
    except SearchError as error:
        raise Coded(ApiCode.BAD_SEARCH, error.message) from None
    return answer(page, headers=linked(request, page))


@router.get("/articles/{ident:path}", summary="One article with everything found in it (the result contract)",
            response_model=models.Article)
async def article(request: Request, ident: Ident) -> Response:
    found = await asked(request, store_of(request).result, from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="article", ident=from_path(ident)))
    return answer(found.to_dict())


@router.get("/events", summary="Events across the corpus (who met whom, when, where), newest first",
            response_model=models.EventsPage)
async def events(request: Request, type: Annotated[str | None, Query(max_length=32)] = None, who: Words = None,
                 since: date | None = None, until: date | None = None, limit: Limit = 20,
                 cursor: Cursor = None) -> Response:
    store = store_of(request)
    question = {"kind": type or None, "who": who or None, "since": since, "until": until}
    page = await asked(request, list_page, request, store.events, store.count_events, "events", question,
                       limit=limit, cursor=cursor)
    return answer(page, headers=linked(request, page))


class Extraction:
    """What `POST /api/extract` may do: whether it is on at all, the longest text, and how many run at once (a
    request beyond them is refused at once, 503, rather than queued)."""

    def __init__(self, *, allowed: bool, max_chars: int, runs: int) -> None:
        self.allowed = allowed
        self.max_chars = max_chars
        self.runs = runs
        self.slots = threading.BoundedSemaphore(runs)


@router.post("/extract", summary="Extract one article (nothing is stored); off unless the server allows it",
             response_model=models.Article,
             responses={403: {"model": models.ErrorBody, "description": "Extraction is off (extract_off)"},
                        413: {"model": models.ErrorBody, "description": "The text is too long (too_large)"},
                        503: {"model": models.ErrorBody, "description": "As many run as may (busy)"}})
async def extract_one(request: Request, body: models.ExtractRequest) -> Response:
    allowed: Extraction = request.app.state.extraction
    if not allowed.allowed:
        raise Coded(ApiCode.EXTRACT_OFF, ApiMessage.EXTRACT_OFF)
    if len(body.text) > allowed.max_chars:
        raise Coded(ApiCode.TOO_LARGE, ApiMessage.TEXT_TOO_LARGE.format(chars=len(body.text),
                                                                        limit=allowed.max_chars))
    if not allowed.slots.acquire(blocking=False):
        raise Coded(ApiCode.BUSY, ApiMessage.BUSY.format(runs=allowed.runs))
    try:
        nlp = await run_in_threadpool(request.app.state.pipeline.get)
        result = await run_in_threadpool(extract, body.text, body.published, nlp=nlp, id=body.id,
                                         title=body.title, url=body.url)
    except DatelineError as error:
        raise Coded(ApiCode.UNREADABLE, str(error)) from None
    finally:
        allowed.slots.release()
    return Response(json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"), media_type="application/json",
                    headers={"cache-control": "no-store"})
