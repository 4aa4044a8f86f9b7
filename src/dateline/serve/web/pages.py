"""The pages: search, article, person and quote, server-rendered from Jinja2 templates (no script at all).

Each page reads the store as the API does and shows the same fields; Jinja2 escapes every value, and the article
text is marked up by `markup.highlighted`, which escapes it first.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dateline.records import Result
from dateline.serve.web.api import MAX_QUERY, Coded, Words, asked, quote_page, store_of
from dateline.serve.web.markup import highlighted
from dateline.store import Store

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)
PAGE = 20


def safe_url(url: str | None) -> str | None:
    """An article's URL where it may be a link (http or https); anything else (`javascript:`) is shown as text."""
    return url if url and urlsplit(url).scheme in {"http", "https"} else None


templates.env.filters["safe_url"] = safe_url


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
async def search(request: Request, q: Words = None, speaker: Words = None,
                 since: Annotated[str | None, Query(max_length=10)] = None,
                 until: Annotated[str | None, Query(max_length=10)] = None,
                 order: Literal["newest", "first"] = "newest",
                 cursor: Annotated[str | None, Query(max_length=20, pattern=r"^\d*$")] = None) -> HTMLResponse:
    """Quotes by words, speaker and dates, newest first or one row per quote by its first appearance. A form
    sends its empty fields as empty values: they are left out."""
    first_day, last_day = day(since, "since"), day(until, "until")
    wanted = any((q, speaker, first_day, last_day))
    problem = None
    try:
        found = await asked(request, quote_page, store_of(request), q=q or None, speaker=speaker or None,
                            since=first_day, until=last_day, act=None, distinct=order == "first", limit=PAGE,
                            cursor=cursor or None, total=True) if wanted else None
    except Coded as error:  # a search with nothing to search for: said on the page, the form kept
        found, problem = None, str(error.detail)
    form = {"q": q or "", "speaker": speaker or "", "since": since or "", "until": until or "", "order": order}
    more = None
    if found and found["next"]:
        more = "/?" + urlencode({**{k: v for k, v in form.items() if v}, "cursor": found["next"]})
    counts = await asked(request, size, request) if not wanted else None
    return render(request, "search.html", form=form, found=found, more=more, counts=counts,
                  first=int(cursor or 0) + 1, problem=problem)


def size(request: Request) -> dict[str, int]:
    """How many quotes and articles the store holds, counted at most once a minute (a count over a million rows
    is not free, and the front page shows it to everyone)."""
    cached = getattr(request.app.state, "size", None)
    if cached is None or time.monotonic() - cached[0] > 60:
        counts = store_of(request).size()
        request.app.state.size = cached = (time.monotonic(), counts)
    return cached[1]


def day(value: str | None, field: str) -> date | None:
    """A date a form gave (YYYY-MM-DD), None for an empty field."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Coded(422, "invalid_parameter", f"{field}: {value!r} is not a date (YYYY-MM-DD)") from None


@router.get("/articles/{ident}", response_class=HTMLResponse)
async def article(request: Request, ident: Annotated[str, PathParam(max_length=MAX_QUERY)]) -> HTMLResponse:
    """The text with its quotes, cues, addressees and dates marked, and its people and events beside it."""
    found, links = await asked(request, article_and_links, store_of(request), ident)
    if found is None:
        raise Coded(404, "not_found", f"no article {ident!r}")
    return render(request, "article.html", result=found, body=highlighted(found, links["quotes"]),
                  person_ids=links["people"])


def article_and_links(store: Store, ident: str) -> tuple[Result | None, dict[str, Any]]:
    """An article read back whole, and the corpus ids of its quotes and people (none for no article)."""
    found = store.result(ident)
    return found, store.links(found.key) if found else {}


@router.get("/people/{ident}", response_class=HTMLResponse)
async def person(request: Request, ident: Annotated[str, PathParam(max_length=MAX_QUERY)]) -> HTMLResponse:
    """Who they are, their roles over time, how often they were quoted (a timeline), their quotes, whom they met."""
    found = await asked(request, store_of(request).person, ident)
    if found is None:
        raise Coded(404, "not_found", f"no person {ident!r}")
    return render(request, "person.html", person=found, timeline=timeline(found["quotes_by_month"]),
                  search="/?" + urlencode({"speaker": found["name"]}))


@router.get("/quotes/{ident}", response_class=HTMLResponse)
async def quote(request: Request, ident: Annotated[str, PathParam(max_length=40)]) -> HTMLResponse:
    """The quote, its speaker, its first appearance and every article that repeated it, in order."""
    found = await asked(request, store_of(request).quote, ident)
    if found is None:
        raise Coded(404, "not_found", f"no quote {ident!r}")
    return render(request, "quote.html", quote=found)


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    """The API's OpenAPI description in Swagger UI, served from the package (no CDN)."""
    return render(request, "docs.html")


def timeline(by_month: list[dict[str, Any]], *, width: int = 600, height: int = 100) -> dict[str, Any]:
    """Bars for quotes per month, every month from the first to the last (months without a quote are bars of
    nothing), as the coordinates an SVG in the template draws."""
    if not by_month:
        return {"bars": [], "width": width, "height": height, "peak": 0}
    counts = {row["month"]: row["quotes"] for row in by_month}
    first, last = by_month[0]["month"], by_month[-1]["month"]
    y, m = int(first[:4]), int(first[5:])
    months = []
    while f"{y:04d}-{m:02d}" <= last:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    peak = max(counts.values())
    step = width / len(months)
    bars = [{"x": round(k * step, 1), "w": round(max(step - 2, 1), 1),
             "h": round(height * counts.get(month, 0) / peak, 1), "month": month,
             "n": counts.get(month, 0)} for k, month in enumerate(months)]
    for bar in bars:
        bar["y"] = round(height - bar["h"], 1)
    return {"bars": bars, "width": width, "height": height, "peak": peak, "first": months[0], "last": months[-1]}
