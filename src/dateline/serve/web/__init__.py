"""`dateline serve`: a read-only HTTP API (`/api/…`, OpenAPI at `/docs`) and server-rendered pages over a store.

`create_app(db)` opens the store read-only (SQLite `mode=ro`, PostgreSQL read-only transactions), so no request can
change it, and returns a FastAPI application: the JSON API (`api.py`) speaks the same fields as the CLI's JSON, the
pages (`pages.py`) are Jinja2 templates with no script at all, and every response carries a Content-Security-Policy
that allows no inline script. `POST /api/extract` loads the spaCy pipeline on first use, once per process; the
pipeline is shared by the request threads, which is safe because extraction changes nothing on it.
"""

from __future__ import annotations

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
from dateline.parse import DEFAULT_MODEL, SHIPPED, load
from dateline.store import Store

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
"""No inline script or style, nothing from elsewhere (the OpenAPI page at /docs gets its own, below)."""
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
"""The OpenAPI page (/docs): Swagger UI, shipped in the swagger-ui-bundle package, sets style attributes."""


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


def create_app(db: str, *, model: str = DEFAULT_MODEL, max_extract_chars: int = 100_000,
               store_threads: int = STORE_THREADS, attribution: str | None = SHIPPED) -> FastAPI:
    """The application over the store at `db` (opened read-only), asking it from `store_threads` threads."""
    import swagger_ui_bundle

    from dateline.serve.web import api, pages

    app = FastAPI(title="Dateline", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, to whom, when: quotes, people and articles in a Dateline store.")
    app.state.store = Store(db, read_only=True)
    app.state.pipeline = Pipeline(model, attribution)
    app.state.max_extract_chars = max_extract_chars
    app.state.store_threads = store_threads
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    app.add_middleware(Guard, max_body=max_body(max_extract_chars))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, getattr(error, "code", None) or _code(error.status_code),
                      str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        return _error(request, 422, "invalid_parameter", problems or "invalid request")

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:  # never a stack trace in a response
        return _error(request, 500, "internal_error", "something went wrong on our side")

    return app


class Guard:
    """Every response gets the security headers (a Content-Security-Policy allowing no inline script, nosniff,
    no referrer, no framing); a request body over `max_body` bytes, or of no stated length, is refused with 413
    before it is read. Plain ASGI, so it costs next to nothing per request."""

    def __init__(self, app: Any, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"content-security-policy", csp.encode()),
                                      (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                                      (b"x-frame-options", b"DENY")]
            await send(message)

        if scope["method"] == "POST" and _too_long(headers, self.max_body):
            request = Request(scope)
            response = _error(request, 413, "too_large", f"the request is over {self.max_body:,} bytes")
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


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
    """The application `dateline serve --workers N` starts in each worker process: its store, pipeline and store
    threads named by DATELINE_SERVE_DB, DATELINE_SERVE_MODEL, DATELINE_SERVE_ATTRIBUTION (empty for the rules
    alone) and DATELINE_SERVE_THREADS."""
    import os

    return create_app(os.environ["DATELINE_SERVE_DB"], model=os.environ.get("DATELINE_SERVE_MODEL", DEFAULT_MODEL),
                      store_threads=int(os.environ.get("DATELINE_SERVE_THREADS", STORE_THREADS)),
                      attribution=os.environ.get("DATELINE_SERVE_ATTRIBUTION", SHIPPED) or None)


def _code(status: int) -> str:
    return {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
            422: "invalid_parameter"}.get(status, "error")


def _error(request: Request, status: int, code: str, message: str) -> Response:
    """An error as JSON under /api (`{"error": {"code", "message"}}`), as a page elsewhere."""
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    from dateline.serve.web.pages import templates

    return HTMLResponse(templates.get_template("error.html").render(status=status, message=message,
                                                                       request=request), status_code=status)
