"""The pages: search, lists (people, organizations, articles, events) and one of each record (article, person,
organization, quote), server-rendered from Jinja2 templates with no script at all.

Each page reads the store through the API's own functions and shows the same fields. Jinja2 escapes every value and
`present.inert` replaces the characters that could turn text around or hide it; stored values stand in `<bdi>`;
the article text is marked up by `markup.highlighted`, which does both first.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from dateline.errors import ApiCode, ApiMessage
from dateline.records import Result
from dateline.serve.web import api, present
from dateline.serve.web.api import MAX_ID, MAX_QUERY, Coded, Words, asked, list_page, quote_page, store_of
from dateline.serve.web.markup import highlighted, speakers
from dateline.store import Store
from dateline.store.queries import KINDS
from dateline.store.search import SearchError

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)
PAGE = 20
Day = Annotated[str | None, Query(max_length=10)]
Ident = Annotated[str, PathParam(max_length=MAX_ID)]
PageCursor = Annotated[str | None, Query(max_length=600)]


def safe_url(url: str | None) -> str | None:
    """An article's URL where it may be a link (http or https); anything else (`javascript:`) is shown as text."""
    return url if url and urlsplit(url).scheme in {"http", "https"} else None


def _finalize(value: Any) -> Any:
    """Every value a template prints, made inert (`present.inert`) unless it is markup made here."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return present.inert(value)


templates.env.finalize = _finalize
templates.env.filters.update(safe_url=safe_url, bdi=present.bdi, path=present.path_id, day=present.day_in_words,
                             timex=present.timex_in_words, marked=present.marked,
                             month=present.month_in_words)


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def day(value: str | None, field: str) -> date | None:
    """A date a form gave (YYYY-MM-DD), None for an empty field."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Coded(ApiCode.INVALID, ApiMessage.NOT_A_DAY.format(field=field, value=value)) from None


def month_days(value: str | None) -> tuple[date | None, date | None]:
    """The first and last day of a month a form gave (YYYY-MM), none for an empty field."""
    if not value:
        return None, None
    try:
        first = date.fromisoformat(f"{value}-01")
    except ValueError:
        raise Coded(ApiCode.INVALID, ApiMessage.NOT_A_MONTH.format(field="month", value=value)) from None
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def link(path: str, query: dict[str, Any], **changes: Any) -> str:
    """A page's URL: `query` with some parameters changed (None leaves one out) and the empty ones left out."""
    merged = {**query, **changes}
    kept = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in merged.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


def chart_base(query: dict[str, Any]) -> str:
    """A search's URL, without its days, for a chart's bars to add theirs to."""
    return link("/", query, since=None, until=None, month=None, cursor=None) + ("&" if query.keys() - {
        "since", "until", "month", "cursor"} else "?")


templates.env.globals["link"] = link


@router.get("/", response_class=HTMLResponse)
async def search(request: Request, q: Words = None, about: Words = None, speaker: Words = None,
                 person: Annotated[str | None, Query(pattern=r"^(P[0-9a-f]{12})?$")] = None,
                 organization: Annotated[str | None, Query(pattern=r"^(O[0-9a-f]{12})?$")] = None,
                 role: Words = None, kind: Annotated[str | None, Query(pattern=r"^(direct|mixed|indirect)?$")] = None,
                 outlet: Words = None, since: Day = None, until: Day = None,
                 month: Annotated[str | None, Query(max_length=7)] = None,
                 order: Literal["newest", "relevance", "first"] = "newest", cursor: PageCursor = None) -> HTMLResponse:
    """Quotes by words in them or in their story, speaker, person, organization, role, kind, outlet and days, newest
    first, by relevance or one row per quote; with facets that narrow the search, a chart of matches over time, and
    the same question as JSON and CSV. A form sends its empty fields as empty values: they are left out."""
    first_day, last_day = month_days(month)
    form = {"q": q, "about": about, "speaker": speaker, "person": person, "organization": organization,
            "role": role, "kind": kind, "outlet": outlet, "since": since, "until": until, "month": month,
            "order": order if order != "newest" else None}
    ask = api.quote_question(q or None, about or None, speaker or None, person or None, organization or None,
                             role or None, kind or None, None, outlet or None,
                             day(since, "since") or first_day, day(until, "until") or last_day)
    if not any(v for v in ask.values()):
        counts = await asked(request, api.size, request)
        return render(request, "search.html", form=form, found=None, counts=counts, kinds=KINDS)
    if order == "relevance" and not (q or about):
        order = "newest"
    try:
        found = await asked(request, search_view, request, ask, order=order, cursor=cursor or None)
    except Coded as error:
        if error.code != ApiCode.BAD_SEARCH:
            raise
        return render(request, "search.html", form=form, found=None, counts=None, problem=str(error.detail),
                      kinds=KINDS)
    query = {k: v for k, v in form.items() if v}
    api_query = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in ask.items() if v}
    api_query = {("q" if k == "search" else k): v for k, v in api_query.items()}
    return render(request, "search.html", form=form, found=found, query=query, kinds=KINDS,
                  chart=present.chart(found["facets"]["days"], base=chart_base(query)), words=q,
                  more=link("/", query, cursor=found["next"]) if found["next"] else None,
                  json_link=link("/api/quotes", api_query, order=order if order == "relevance" else None,
                                 distinct="true" if order == "first" else None),
                  csv_link=link("/api/quotes.csv", api_query, order=order if order == "relevance" else None))


def search_view(request: Request, ask: dict[str, Any], *, order: str, cursor: str | None) -> dict[str, Any]:
    """A page of quotes, their facets, and the names of the person and organization asked about, in one hop."""
    page = quote_page(request, ask, order="relevance" if order == "relevance" else "newest",
                      distinct=order == "first", limit=PAGE, cursor=cursor, context=order != "first")
    page["facets"] = api.facet_counts(request, ask, total=page["total"] if order != "first" else None)
    page["names"] = store_of(request).names(*(v for v in (ask.get("person"), ask.get("organization")) if v))
    return page


@router.get("/people", response_class=HTMLResponse)
async def people(request: Request, name: Words = None, role: Words = None,
                 sort: Literal["quotes", "name"] = "quotes", cursor: PageCursor = None) -> HTMLResponse:
    """People across the corpus, most quoted first or by name; by part of a name or of a role."""
    store = store_of(request)
    query = {"name": name, "role": role, "sort": sort if sort != "quotes" else None}
    page = await asked(request, list_page, request, store.people, store.count_people, f"people-{sort}",
                       {"name": name or None, "role": role or None}, limit=PAGE, cursor=cursor or None, sort=sort)
    return render(request, "people.html", page=page, query=query, sort=sort,
                  more=link("/people", query, cursor=page["next"]) if page["next"] else None)


@router.get("/organizations", response_class=HTMLResponse)
async def organizations(request: Request, name: Words = None, sort: Literal["articles", "name"] = "articles",
                        cursor: PageCursor = None) -> HTMLResponse:
    """Organizations across the corpus, the most written about first or by name."""
    store = store_of(request)
    query = {"name": name, "sort": sort if sort != "articles" else None}
    page = await asked(request, list_page, request, store.organizations, store.count_organizations,
                       f"organizations-{sort}", {"name": name or None}, limit=PAGE, cursor=cursor or None, sort=sort)
    return render(request, "organizations.html", page=page, query=query, sort=sort,
                  more=link("/organizations", query, cursor=page["next"]) if page["next"] else None)


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, q: Words = None, outlet: Words = None, since: Day = None, until: Day = None,
                   sort: Literal["newest", "oldest", "title"] = "newest", cursor: PageCursor = None) -> HTMLResponse:
    """Stored articles, newest first, oldest first or by title; by words in them, outlet and days."""
    store = store_of(request)
    query = {"q": q, "outlet": outlet, "since": since, "until": until, "sort": sort if sort != "newest" else None}
    question = {"search": q or None, "outlet": outlet or None, "since": day(since, "since"),
                "until": day(until, "until")}
    try:
        page = await asked(request, list_page, request, store.articles, store.count_articles, f"articles-{sort}",
                           question, limit=PAGE, cursor=cursor or None, sort=sort)
    except SearchError as error:
        raise Coded(ApiCode.BAD_SEARCH, error.message) from None
    return render(request, "articles.html", page=page, query=query, sort=sort,
                  more=link("/articles", query, cursor=page["next"]) if page["next"] else None)


@router.get("/events", response_class=HTMLResponse)
async def events(request: Request, type: Annotated[str | None, Query(max_length=32)] = None, who: Words = None,
                 since: Day = None, until: Day = None, cursor: PageCursor = None) -> HTMLResponse:
    """Who met whom, when and where: events across the corpus, newest first."""
    store = store_of(request)
    query = {"type": type, "who": who, "since": since, "until": until}
    question = {"kind": type or None, "who": who or None, "since": day(since, "since"),
                "until": day(until, "until")}
    page = await asked(request, list_page, request, store.events, store.count_events, "events", question,
                       limit=PAGE, cursor=cursor or None)
    kinds = await asked(request, store.event_types)
    return render(request, "events.html", page=page, query=query, kinds=kinds,
                  more=link("/events", query, cursor=page["next"]) if page["next"] else None)


@router.get("/articles/{ident:path}", response_class=HTMLResponse)
async def article(request: Request, ident: Ident) -> HTMLResponse:
    """The text with its quotes, cues, addressees and dates marked, a legend of its speakers, and its people,
    organizations, events and dates beside it."""
    found, links = await asked(request, article_and_links, store_of(request), present.from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="article", ident=present.from_path(ident)))
    return render(request, "article.html", result=found, body=highlighted(found, links["quotes"]),
                  speakers=speakers(found), person_ids=links["people"], org_ids=links["organizations"])


def article_and_links(store: Store, ident: str) -> tuple[Result | None, dict[str, Any]]:
    """An article read back whole, and the corpus ids of its quotes and people (none for no article)."""
    found = store.result(ident)
    return found, store.links(found.key) if found else {}


@router.get("/people/{ident}", response_class=HTMLResponse)
async def person(request: Request, ident: Annotated[str, PathParam(max_length=MAX_QUERY)]) -> HTMLResponse:
    """Who they are, their roles over time, when they were quoted (a chart), their newest quotes, what they spoke
    for, whom they met; their quotes as a search (`?person=ID`), and a form to narrow it by topic and month."""
    found = await asked(request, person_view, store_of(request), present.from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="person", ident=present.from_path(ident)))
    return render(request, "person.html", person=found,
                  chart=present.chart(found["days"], base=chart_base({"person": found["id"]})),
                  search=link("/", {"person": found["id"]}))


def person_view(store: Store, ident: str) -> dict[str, Any] | None:
    """A person, the days they were quoted and their newest quotes, in one hop."""
    found = store.person(ident)
    if found is None:
        return None
    return {**found, "days": store.days(person=found["id"]), "newest": store.quotes(person=found["id"], limit=5)}


@router.get("/organizations/{ident}", response_class=HTMLResponse)
async def organization(request: Request, ident: Annotated[str, PathParam(max_length=MAX_QUERY)]) -> HTMLResponse:
    """An organization: its names, the articles naming it, the quotes that speak for it (a chart, the newest), its
    spokespeople and other people."""
    found = await asked(request, organization_view, store_of(request), present.from_path(ident))
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="organization",
                                                                   ident=present.from_path(ident)))
    return render(request, "organization.html", org=found,
                  chart=present.chart(found["days"], base=chart_base({"organization": found["id"]})),
                  search=link("/", {"organization": found["id"]}))


def organization_view(store: Store, ident: str) -> dict[str, Any] | None:
    """An organization, the days it was quoted and its newest quotes, in one hop."""
    found = store.organization(ident)
    if found is None:
        return None
    return {**found, "days": store.days(organization=found["id"]),
            "newest": store.quotes(organization=found["id"], limit=10)}


@router.get("/quotes/{ident}", response_class=HTMLResponse)
async def quote(request: Request, ident: Annotated[str, PathParam(max_length=40)]) -> HTMLResponse:
    """The quote, its speaker, its first appearance and every article that repeated it, in order."""
    found = await asked(request, store_of(request).quote, ident)
    if found is None:
        raise Coded(ApiCode.NOT_FOUND, ApiMessage.NO_RECORD.format(what="quote", ident=ident))
    return render(request, "quote.html", quote=found)


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    """The API's OpenAPI description in Swagger UI, served from the package (no CDN)."""
    return render(request, "docs.html")
