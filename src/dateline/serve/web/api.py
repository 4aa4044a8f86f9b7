"""The JSON API: quotes, one quote, people, one person, one article, and extraction — the fields the CLI's JSON has.

Lists are paged: `limit` (1–100) rows at a time, and `next`, a cursor to pass back for the following page (null
on the last). Errors are `{"error": {"code", "message"}}` with a fitting status.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated, Any, Literal, TypeVar

import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dateline.errors import DatelineError
from dateline.pipeline import extract
from dateline.records import ACTS
from dateline.store import Store
from dateline.store.search import SearchError

router = APIRouter(prefix="/api", tags=["api"])

MAX_QUERY = 200
"""The longest search or name a request may give."""
Limit = Annotated[int, Query(ge=1, le=100, description="Rows per page (1–100).")]
Cursor = Annotated[str | None, Query(max_length=20, pattern=r"^\d+$", description="`next` of the page before.")]
Words = Annotated[str | None, Query(max_length=MAX_QUERY)]
T = TypeVar("T")
Act = Literal[ACTS]  # type: ignore[valid-type]  # the acts a quote's cue reports, as the CLI's --act takes them


class Coded(HTTPException):
    """An HTTP error with the code the JSON error carries."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, message)
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


def page(items: list[dict[str, Any]], offset: int, limit: int, **extra: Any) -> dict[str, Any]:
    return {"items": items, "next": str(offset + limit) if len(items) == limit else None, **extra}


def quote_page(store: Store, *, q: str | None, speaker: str | None, since: date | None, until: date | None,
               act: str | None, distinct: bool, limit: int, cursor: str | None, total: bool) -> dict[str, Any]:
    """A page of quotes (also what the search page shows)."""
    offset = int(cursor or 0)
    ask = {"speaker": speaker, "search": q, "since": since, "until": until, "act": act}
    try:
        found = (store.distinct_quotes if distinct else store.quotes)(**ask, limit=limit, offset=offset)
        extra = {"total": store.count_quotes(distinct=distinct, **ask)} if total else {}
    except SearchError as error:
        raise Coded(400, "bad_search", str(error)) from None
    return page(found, offset, limit, **extra)


@router.get("/quotes", summary="Quotes, newest first (or one row per quote across articles: distinct)")
async def quotes(request: Request, q: Words = None, speaker: Words = None, since: date | None = None,
                 until: date | None = None, act: Act | None = None, distinct: bool = False, total: bool = False,
                 limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    return await asked(request, quote_page, store_of(request), q=q, speaker=speaker, since=since, until=until,
                       act=act, distinct=distinct, limit=limit, cursor=cursor, total=total)


@router.get("/quotes/{ident}", summary="One quote across the corpus, with every occurrence in order")
async def quote(request: Request, ident: Annotated[str, Path(max_length=40)]) -> dict[str, Any]:
    found = await asked(request, store_of(request).quote, ident)
    if found is None:
        raise Coded(404, "not_found", f"no quote {ident!r}")
    return found


@router.get("/people", summary="People across the corpus, most quoted first")
async def people(request: Request, name: Words = None, limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    offset = int(cursor or 0)
    return page(await asked(request, store_of(request).people, name, limit=limit, offset=offset), offset, limit)


@router.get("/people/{ident}", summary="One person: roles over time, quotes per month, whom they spoke to or met")
async def person(request: Request, ident: Annotated[str, Path(max_length=MAX_QUERY)]) -> dict[str, Any]:
    found = await asked(request, store_of(request).person, ident)
    if found is None:
        raise Coded(404, "not_found", f"no person {ident!r}")
    return found


@router.get("/articles/{ident}", summary="One article with everything found in it (the result contract)")
async def article(request: Request, ident: Annotated[str, Path(max_length=MAX_QUERY)]) -> dict[str, Any]:
    found = await asked(request, store_of(request).result, ident)
    if found is None:
        raise Coded(404, "not_found", f"no article {ident!r}")
    return found.to_dict()


class Article(BaseModel):
    """An article to extract from: its text and the date it was published."""

    text: str = Field(min_length=1)
    published: date
    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)


@router.post("/extract", summary="Extract one article (nothing is stored)")
async def extract_one(request: Request, body: Article) -> dict[str, Any]:
    limit = request.app.state.max_extract_chars
    if len(body.text) > limit:
        raise Coded(413, "too_large", f"the text has {len(body.text):,} characters; the limit is {limit:,}")
    nlp = await run_in_threadpool(request.app.state.pipeline.get)
    try:
        result = await run_in_threadpool(extract, body.text, body.published, nlp=nlp, id=body.id,
                                         title=body.title, url=body.url)
    except DatelineError as error:
        raise Coded(422, "unreadable", str(error)) from None
    return result.to_dict()
