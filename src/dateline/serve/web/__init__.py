"""`dateline serve`: a read-only HTTP API (`/api/…`, OpenAPI at `/docs`) and server-rendered pages over a store.

`create_app(db)` opens the store read-only (SQLite `mode=ro`, PostgreSQL read-only transactions), so no request can
change it, and returns a FastAPI application: the JSON API (`api.py`) speaks the same fields as the CLI's JSON, the
pages (`pages.py`) are Jinja2 templates with no script at all, and every response carries a Content-Security-Policy
that allows no inline script. Every GET is served for HEAD too, and every answer has an ETag (a request that gives
it back in If-None-Match gets 304) and a Cache-Control. CORS is off (same origin only) unless `cors_origins` names
the origins a browser may call the API from. `POST /api/extract` is off unless `allow_extract`; then it takes
texts up to `max_extract_chars` and runs `extract_runs` at once, loading the spaCy pipeline on first use, once per
process (the request threads share it: extraction changes nothing on it).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from spacy.language import Language
from starlette.exceptions import HTTPException

from dateline import __version__
from dateline.errors import ApiCode, ApiMessage
from dateline.parse import DEFAULT_MODEL, SHIPPED, load
from dateline.store import Store

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""No inline script or style, nothing from elsewhere (the OpenAPI page at /docs gets its own, below)."""
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
"""The OpenAPI page (/docs): Swagger UI, shipped in the swagger-ui-bundle-v2 package, sets style attributes."""
DESCRIPTION = """Who said what, to whom, when: quotes, people, organizations, articles and events in a Dateline store.

Read-only. Lists are paged by keyset: pass `next` back as `cursor` (also in the `Link` header, rel=next); `total`
says how many in all. Every answer has an `ETag` (send it back in `If-None-Match` for a 304) and a `Cache-Control`.
Every error is `{"error": {"code", "message"}}`. CORS is off (same origin only) unless the server was started with
`--cors-origin`. `POST /api/extract` is off unless it was started with `--allow-extract`."""


class Pipeline:
    """The spaCy pipeline `POST /api/extract` uses: loaded on first use, once per process, then shared."""

    def __init__(self, model: str, attribution: str | None = SHIPPED) -> None:
        self.model = model
        self.attribution = attribution
        self._nlp: Language | None = None
        self._lock = threading.Lock()

    def get(self) -> Language:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = load(self.model, attribution=self.attribution)
        return self._nlp


STORE_THREADS = 2
"""Threads per process asking the store: requests beyond them wait their turn in the event loop (see `api.asked`)."""


def create_app(db: str, *, model: str = DEFAULT_MODEL, attribution: str | None = SHIPPED, allow_extract: bool = False,
               max_extract_chars: int = 20_000, extract_runs: int = 1, cors_origins: list[str] | None = None,
               store_threads: int = STORE_THREADS) -> FastAPI:
    """The application over the store at `db` (opened read-only), asking it from `store_threads` threads."""
    import swagger_ui_bundle

    from dateline.serve.web import api, pages

    app = FastAPI(title="Dateline", version=__version__, docs_url=None, redoc_url=None, description=DESCRIPTION)
    app.state.store = Store(db, read_only=True)
    app.state.pipeline = Pipeline(model, attribution)
    app.state.extraction = api.Extraction(allowed=allow_extract, max_chars=max_extract_chars, runs=extract_runs)
    app.state.store_threads = store_threads
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "HEAD"],
                           expose_headers=["Link", "ETag"], max_age=600)
    app.add_middleware(Guard, max_body=max_body(max_extract_chars))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        code = getattr(error, "code", None)
        if code is not None:  # one of Dateline's own (`api.Coded`)
            return _error(request, error.status_code, code, str(error.detail))
        message = ApiMessage.NO_ROUTE if error.status_code == 404 else str(error.detail)
        return _error(request, error.status_code, _code(error.status_code), message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        return _error(request, 422, ApiCode.INVALID, problems or "invalid request")

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:  # never a stack trace in a response
        return _error(request, 500, ApiCode.INTERNAL, ApiMessage.INTERNAL)

    return app


class Guard:
    """Every response gets the security headers (a Content-Security-Policy allowing no inline script, nosniff,
    no referrer, no framing); a HEAD is answered as its GET, without the body; a GET answered 200 gets an ETag of
    its body (and a 304 where the request's If-None-Match holds it) and a Cache-Control where it has none; a request
    body over `max_body` bytes, or of no stated length, is refused with 413 before it is read. Plain ASGI, so it
    costs next to nothing per request."""

    def __init__(self, app: Any, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        security = _security(DOCS_CSP if scope["path"] == "/docs" else CSP)
        if scope["method"] == "POST" and _too_long(headers, self.max_body):
            response = _error(Request(scope), 413, ApiCode.TOO_LARGE,
                              ApiMessage.BODY_TOO_LARGE.format(limit=self.max_body))
            await response(scope, receive, _headed(send, security, head))
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, _headed(send, security, head))
            return
        await self.app(scope, receive, _tagged(send, security, head, headers.get("if-none-match")))


def _security(csp: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


def _headed(send: Any, extra: list[tuple[bytes, bytes]], head: bool) -> Any:
    """`send` with headers added to the response, and, for a HEAD, its body left out (its length kept)."""
    async def sending(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *extra]
        elif head and message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return sending


def _tagged(send: Any, extra: list[tuple[bytes, bytes]], head: bool, asked_tag: str | None) -> Any:
    """`_headed` for a GET: a 200 without an ETag is held until its body is whole, then sent with an ETag of it
    (weak: the bytes of one encoding of the answer) and a Cache-Control (no-cache: ask again, with the ETag, each
    time) where it has none — or, when the request's If-None-Match holds that ETag, as a 304 without a body."""
    held: dict[str, Any] = {}
    body: list[bytes] = []
    plain = _headed(send, extra, head)

    async def sending(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            if message["status"] != 200 or b"etag" in names:
                await plain(message)
                return
            held["start"], held["cache"] = message, b"cache-control" in names
            return
        if "start" not in held:
            await plain(message)
            return
        body.append(message.get("body", b""))
        if message.get("more_body"):
            return
        whole = b"".join(body)
        tag = f'W/"{hashlib.blake2b(whole, digest_size=12).hexdigest()}"'
        start = held["start"]
        headers = [*start.get("headers", []), (b"etag", tag.encode())]
        if not held["cache"]:
            headers.append((b"cache-control", b"no-cache"))
        if asked_tag and tag in {t.strip() for t in asked_tag.split(",")}:
            headers = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")]
            await plain({**start, "status": 304, "headers": headers})
            await plain({"type": "http.response.body", "body": b""})
            return
        await plain({**start, "headers": headers})
        await plain({"type": "http.response.body", "body": whole})

    return sending


def max_body(max_chars: int) -> int:
    """The largest request body `POST /api/extract` reads: the text at four bytes a character, and room for the
    rest."""
    return 4 * max_chars + 16_384


def _too_long(headers: dict[str, str], limit: int) -> bool:
    length = headers.get("content-length")
    if length is None:
        return headers.get("transfer-encoding", "").lower() == "chunked"  # a length must be said
    return not length.isdigit() or int(length) > limit


def app_from_environment() -> FastAPI:
    """The application `dateline serve --workers N` starts in each worker process, as the command's options set it
    (`DATELINE_SERVE_*`)."""
    import json
    import os

    settings = json.loads(os.environ["DATELINE_SERVE"])
    return create_app(**settings)


def _code(status: int) -> ApiCode:
    """The code of an error raised with a status only (a route not there, a method not allowed)."""
    return {404: ApiCode.NOT_FOUND, 405: ApiCode.NOT_ALLOWED, 413: ApiCode.TOO_LARGE,
            422: ApiCode.INVALID}.get(status, ApiCode.BAD_REQUEST)


def _error(request: Request, status: int, code: str, message: str) -> Response:
    """An error as JSON under /api (`{"error": {"code", "message"}}`), as a page elsewhere; never kept by a cache."""
    headers = {"cache-control": "no-store"}
    if code == ApiCode.BUSY:
        headers["retry-after"] = "5"
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    from dateline.serve.web.pages import templates

    return HTMLResponse(templates.get_template("error.html").render(status=status, message=message,
                                                                       request=request), status_code=status,
                        headers=headers)

