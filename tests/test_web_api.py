"""The HTTP API, against a real store (a SQLite file; and PostgreSQL where .ci/run started one): what a client asks
and what it gets — every route's answer checked against the model its OpenAPI schema is written from, bad
parameters, cursors and bodies refused with the one error body, ids holding "/", HEAD, ETag, CORS, extraction off
and then bounded, and pages that do not shift while rows are stored. The store is opened read-only."""

from __future__ import annotations

import base64
import json
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from spacy.language import Language
from typer.testing import CliRunner

from conftest import POSTGRES_URL, fresh_postgres
from dateline.records import Mention, Person, Quote, Result, Speaker
from dateline.serve.web import api, create_app, models
from dateline.serve.web.present import path_id
from dateline.store import Store
from web_store import BIDI, HOSTILE, REPEATED, SLASHED, build_store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    folder = tmp_path_factory.mktemp("web")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'web.db'}"
    elif not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: .ci/run starts one and sets DATELINE_TEST_POSTGRES")
    else:
        url = fresh_postgres(POSTGRES_URL)
    build_store(url, folder, nlp)
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def ids(client: TestClient) -> dict[str, str]:
    """A person's, an organization's and a quote's id from the store, to ask for."""
    person = client.get("/api/people", params={"name": "Ortiz"}).json()["items"][0]["id"]
    organization = client.get("/api/organizations", params={"limit": 1}).json()["items"][0]["id"]
    quote = next(q["quote"] for q in client.get("/api/quotes", params={"limit": 100}).json()["items"]
                 if q["text"].startswith(REPEATED))
    return {"person": person, "organization": organization, "quote": quote}


def every_answer(client: TestClient) -> list[tuple[str, dict[str, Any]]]:
    """A request for every GET route of the API, several for the lists (each filter, each order)."""
    known = ids(client)
    return [
        ("/api/quotes", {}), ("/api/quotes", {"q": "harbor", "order": "relevance", "context": True}),
        ("/api/quotes", {"distinct": True, "q": "harbor"}), ("/api/quotes", {"person": known["person"]}),
        ("/api/quotes", {"role": "mayor", "about": "harbor", "kind": "direct"}),
        ("/api/quotes", {"organization": known["organization"], "since": "2024-01-01"}),
        ("/api/quotes.csv", {"q": "harbor"}), ("/api/facets", {"q": "harbor"}), ("/api/facets", {}),
        (f"/api/quotes/{known['quote']}", {}), ("/api/people", {"role": "mayor", "sort": "name"}),
        ("/api/people", {}), (f"/api/people/{known['person']}", {}), ("/api/organizations", {"sort": "name"}),
        ("/api/organizations", {}), (f"/api/organizations/{known['organization']}", {}), ("/api/articles", {}),
        ("/api/articles", {"q": "harbor", "sort": "title"}), ("/api/articles/001_harbor_vote", {}),
        ("/api/events", {}), ("/api/events", {"who": "Ortiz"}),
    ]


def api_routes() -> list[APIRoute]:
    """The API's routes that answer GET."""
    return [r for r in api.router.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def route_of(path: str) -> APIRoute:
    """The API route a path is answered by."""
    return next(route for route in api_routes() if route.path_regex.match(path))


def test_every_route_answers_as_its_schema_says(client: TestClient) -> None:
    """Each answer is validated by the model its route declares, which forbids any field it does not name; and
    every GET route of the API is asked."""
    asked = set()
    for path, params in every_answer(client):
        response = client.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        route = route_of(path)
        asked.add(route.path)
        if route.response_model is None:  # the CSV: text, its header line first
            assert response.headers["content-type"].startswith("text/csv")
            assert response.text.splitlines()[0].startswith("said,speaker,speaker_role")
            continue
        route.response_model.model_validate(response.json())
    assert asked == {r.path for r in api_routes()}


def test_the_schema_declares_the_real_error_body_and_a_model_for_every_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, declared in operation["responses"].items():
                content = declared.get("content", {})
                if status.startswith(("4", "5")):
                    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}, \
                        (path, method, status)
                elif path != "/api/quotes.csv":
                    assert "$ref" in content["application/json"]["schema"], (path, method)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    errors = [client.get("/api/quotes", params={"limit": 0}), client.get("/api/quotes/Qnothing"),
              client.get("/api/quotes", params={"q": "the"}), client.get("/api/quotes", params={"cursor": "x"})]
    assert [e.status_code for e in errors] == [422, 404, 400, 400]
    for error in errors:
        models.ErrorBody.model_validate(error.json())


def test_quotes_come_in_keyset_pages_with_totals_and_a_link_to_the_next(client: TestClient) -> None:
    first = client.get("/api/quotes", params={"limit": 3})
    body = first.json()
    assert len(body["items"]) == 3 and body["total"] >= 6 and body["next"]
    assert first.headers["link"] == f'<http://testserver/api/quotes?limit=3&cursor={body["next"]}>; rel="next"'
    said = [q["said"] for q in body["items"]]
    assert said == sorted(said, reverse=True)  # newest first
    seen = walk(client, "/api/quotes")
    assert len(seen) == body["total"] == len({(q["article_key"], q["n"]) for q in seen})  # each once
    exact = client.get("/api/quotes", params={"limit": body["total"]}).json()
    assert exact["next"] is None and len(exact["items"]) == body["total"]  # a full last page has no next


@pytest.mark.parametrize("cursor", [
    "12345678901234567890", "-1", "0", "!!", "a" * 601, "eyJ4IjoxfQ",
    base64.urlsafe_b64encode(b'["said","000000000000","1987-03-04",1]').decode().rstrip("="),
    base64.urlsafe_b64encode(b'["said","x","1987-02-30",1]').decode().rstrip("="),
])
def test_a_cursor_this_server_did_not_give_is_a_400(client: TestClient, cursor: str) -> None:
    response = client.get("/api/quotes", params={"cursor": cursor})
    assert response.status_code in (400, 422), response.text
    assert response.json()["error"]["code"] in {"bad_cursor", "invalid_parameter"}


def test_a_cursor_is_refused_for_another_question_and_when_edited(client: TestClient) -> None:
    cursor = client.get("/api/quotes", params={"limit": 1}).json()["next"]
    other = client.get("/api/quotes", params={"limit": 1, "q": "harbor", "cursor": cursor})
    assert other.status_code == 400 and other.json()["error"]["code"] == "bad_cursor"
    kind, question, day, _ = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for row in (2**63, 10**20, -5, 1.5, "7"):
        edited = base64.urlsafe_b64encode(json.dumps([kind, question, day, row]).encode()).decode().rstrip("=")
        response = client.get("/api/quotes", params={"limit": 1, "cursor": edited})
        assert response.status_code == 400, row
    people = client.get("/api/people", params={"limit": 1}).json()["next"]
    assert client.get("/api/quotes", params={"cursor": people}).status_code == 400


def test_quotes_take_every_filter_the_cli_takes_and_answer_alike(client: TestClient, db: str) -> None:
    def texts(**params: object) -> list[str]:
        return [q["text"] for q in client.get("/api/quotes", params={**params, "limit": 100}).json()["items"]]

    assert texts(speaker="Ruiz") and all("Ruiz" in q["speaker"] for q in client.get(
        "/api/quotes", params={"speaker": "Ruiz"}).json()["items"])
    assert texts(q="harbor") and all("harbor" in t.lower() for t in texts(q="harbor"))
    assert any(t.startswith(REPEATED) for t in texts(since="2025-05-01", until="2025-06-30"))
    distinct = client.get("/api/quotes", params={"distinct": True, "q": "harbor open"}).json()["items"]
    row = next(q for q in distinct if q["text"].startswith(REPEATED))
    assert (row["occurrences"], row["articles"]) == (2, 2)
    assert texts(act="question") == []
    ortiz = client.get("/api/people", params={"name": "Ortiz"}).json()["items"][0]
    assert len(texts(person=ortiz["id"])) == ortiz["quotes"]
    assert set(texts(role="mayor")) >= set(texts(person=ortiz["id"]))  # she is a mayor where she speaks
    assert set(texts(about="harbor")) >= set(texts(q="harbor"))  # a quote holding a word: its story holds it
    for kind in ("direct", "indirect"):
        assert {q["kind"] for q in client.get("/api/quotes", params={"kind": kind}).json()["items"]} <= {kind}
    cli = CliRunner().invoke(__import__("dateline.serve.cli", fromlist=["app"]).app,
                             ["quotes", "--role", "mayor", "--about", "harbor", "--jsonl", "--db", db])
    assert cli.exit_code == 0, cli.output
    from_cli = [json.loads(line) for line in cli.output.splitlines()]
    from_api = client.get("/api/quotes", params={"role": "mayor", "about": "harbor", "limit": 100}).json()["items"]
    assert from_cli == from_api


def test_a_page_does_not_shift_while_rows_are_stored(tmp_path: Path) -> None:
    """Walking a list page by page while newer articles are stored gives every row once, as before they came."""
    url = f"sqlite:///{tmp_path / 'growing.db'}"
    Store(url).save([said(n, date(2024, 3, 1 + n)) for n in range(10)])
    with TestClient(create_app(url)) as c:
        before = walk(c, "/api/quotes")
        articles_before = walk(c, "/api/articles")
        first = c.get("/api/quotes", params={"limit": 4}).json()
        first_articles = c.get("/api/articles", params={"limit": 4}).json()
        Store(url).save([said(n, date(2024, 3, 28)) for n in range(10, 14)])  # newer than any: page 1's place
        rest = walk(c, "/api/quotes", first["next"])
        rest_articles = walk(c, "/api/articles", first_articles["next"])
        assert [q["text"] for q in first["items"] + rest] == [q["text"] for q in before]
        assert [a["id"] for a in first_articles["items"] + rest_articles] == [a["id"] for a in articles_before]
        assert c.get("/api/quotes", params={"q": "pier"}).json()["total"] == 14  # counted now; without a filter,
        # once a minute (`api.size`)


def said(n: int, day: date) -> Result:
    """A one-quote article written here (no model needed)."""
    text = f"“We will open pier {n},” Mayor Ana Ortiz said."
    quote_end = text.index("”")
    return Result(id=f"pier-{n}", published=day.isoformat(), text=text, title=f"Pier {n}",
                  people=[Person("p1", "Ana Ortiz", ["Mayor"], [Mention("Ana Ortiz", text.index("Ana"),
                                                                        text.index("Ana") + 9)])],
                  quotes=[Quote(text[1:quote_end], 1, quote_end, "direct",
                                Speaker("Ana Ortiz", Mention("Ana Ortiz", text.index("Ana"), text.index("Ana") + 9),
                                        "p1"), None, spans=[[1, quote_end]], found_by="direct.tail",
                                confidence=0.9)])


def walk(client: TestClient, path: str, cursor: str | None = None) -> list[dict[str, Any]]:
    """Every row of a list from a cursor on (from the start without one), three to a page."""
    rows = []
    while True:
        page = client.get(path, params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        rows.extend(page["items"])
        cursor = page["next"]
        if not cursor:
            return rows


def test_an_id_holding_a_slash_opens_plainly_and_in_its_path_safe_form(client: TestClient) -> None:
    plain = client.get(f"/api/articles/{SLASHED['id']}")
    assert plain.status_code == 200 and plain.json()["id"] == SLASHED["id"]
    safe = path_id(SLASHED["id"])
    assert safe.startswith("~") and "/" not in safe
    assert client.get(f"/api/articles/{safe}").json()["id"] == SLASHED["id"]
    page = client.get(f"/articles/{safe}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Harbor stays open (3)" in page.text


@pytest.mark.parametrize("path", ["/api/quotes", "/api/facets", "/api/people", "/api/organizations",
                                  "/api/articles", "/api/events", "/api/articles/001_harbor_vote", "/",
                                  "/people", "/organizations", "/articles", "/events", "/docs", "/openapi.json",
                                  "/static/style.css"])
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == get.headers["content-type"]


def test_answers_carry_an_etag_that_a_client_can_revalidate_with(client: TestClient) -> None:
    first = client.get("/api/people")
    assert first.headers["cache-control"] == "public, max-age=60" and first.headers["etag"].startswith('W/"')
    again = client.get("/api/people", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]
    page = client.get("/people", headers={"accept": "text/html"})
    assert page.headers["cache-control"] == "no-cache" and page.headers["etag"]
    assert client.get("/api/quotes/Qnothing").headers["cache-control"] == "no-store"


def test_cors_is_off_unless_the_server_names_an_origin(db: str) -> None:
    asking = {"origin": "https://newsroom.example"}
    with TestClient(create_app(db)) as closed:
        assert "access-control-allow-origin" not in closed.get("/api/quotes", headers=asking).headers
    with TestClient(create_app(db, cors_origins=["https://newsroom.example"])) as opened:
        answer = opened.get("/api/quotes", headers=asking)
        assert answer.headers["access-control-allow-origin"] == "https://newsroom.example"
        assert "link" in answer.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize("path", ["/api/quotes/Qnothing", "/api/people/Nobody Atall", "/api/articles/nothing",
                                  "/api/organizations/Onothing", "/api/nowhere"])
def test_what_is_not_there_is_a_404_in_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"since": "last week"}, "since"),
    ({"act": "bogus"}, "act"), ({"kind": "bogus"}, "kind"), ({"q": "x" * 201}, "q"), ({"person": "Ortiz"}, "person"),
    ({"order": "relevance"}, "order"),
])
def test_a_bad_parameter_is_a_422_that_names_it(client: TestClient, params: dict[str, object], field: str) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and error["message"].startswith(field)


def test_one_quote_with_its_occurrences_in_order(client: TestClient) -> None:
    found = client.get(f"/api/quotes/{ids(client)['quote']}").json()
    assert [o["published"] for o in found["occurrences"]] == ["2025-06-02", "2025-06-09"]
    assert found["first_seen"] == "2025-06-02" and found["speaker"] == "Ana Ortiz" and found["articles"] == 2


def test_people_organizations_and_one_of_each(client: TestClient) -> None:
    people = client.get("/api/people", params={"name": "Ortiz"}).json()
    assert [p["name"] for p in people["items"]] == ["Ana Ortiz"] and people["total"] == 1
    person = client.get(f"/api/people/{people['items'][0]['id']}").json()
    assert person["quotes"] >= 3 and {"2025-05", "2025-06"} <= {m["month"] for m in person["quotes_by_month"]}
    assert client.get("/api/people/Ana Ortiz").json()["id"] == person["id"]  # by name too
    mayors = client.get("/api/people", params={"role": "mayor", "sort": "name"}).json()["items"]
    assert person["id"] in {p["id"] for p in mayors} and [p["name"] for p in mayors] == sorted(
        p["name"] for p in mayors)
    orgs = client.get("/api/organizations").json()
    assert orgs["total"] >= len(orgs["items"]) > 0
    one = client.get(f"/api/organizations/{orgs['items'][0]['id']}").json()
    assert one["id"] == orgs["items"][0]["id"] and one["articles"] == orgs["items"][0]["articles"]


def test_an_article_is_the_result_contract(client: TestClient, db: str) -> None:
    body = client.get("/api/articles/001_harbor_vote").json()
    assert body["schema"] == "dateline/1"
    assert body == json.loads(json.dumps(Store(db, read_only=True).result("001_harbor_vote").to_dict(),
                                         default=str))


def test_extraction_is_off_unless_the_server_allows_it(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": "“Yes,” Ana Ortiz said.", "published": "2024-03-14"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "extract_off"


@pytest.fixture(scope="module")
def extracting(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, allow_extract=True, max_extract_chars=5_000),
                    raise_server_exceptions=False) as c:
        yield c


def test_extract_takes_a_text_and_a_date_and_gives_the_contract(extracting: TestClient) -> None:
    response = extracting.post("/api/extract", json={"text": "“The bridge opens in May,” Mayor Ana Ortiz said on "
                                                             "Monday.", "published": "2024-03-14", "id": "bridge"})
    assert response.status_code == 200
    body = response.json()
    models.Article.model_validate(body)
    assert body["schema"] == "dateline/1" and body["id"] == "bridge"
    assert [(q["speaker"]["name"], q["text"].rstrip(",")) for q in body["quotes"]] == [("Ana Ortiz",
                                                                                        "The bridge opens in May")]


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"text": "Words.", "published": "14 March"}, 422, "invalid_parameter"),
    ({"published": "2024-03-14"}, 422, "invalid_parameter"),
    ({"text": "", "published": "2024-03-14"}, 422, "invalid_parameter"),
    ({"text": "a" * 5_001, "published": "2024-03-14"}, 413, "too_large"),
])
def test_extract_refuses_clearly(extracting: TestClient, payload: dict[str, str], status: int, code: str) -> None:
    response = extracting.post("/api/extract", json=payload)
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_extract_runs_as_many_at_once_as_allowed_and_refuses_more(extracting: TestClient) -> None:
    slots: threading.BoundedSemaphore = extracting.app.state.extraction.slots  # type: ignore[attr-defined]
    assert slots.acquire(blocking=False)  # the one run allowed, taken
    try:
        busy = extracting.post("/api/extract", json={"text": "Words.", "published": "2024-03-14"})
    finally:
        slots.release()
    assert busy.status_code == 503 and busy.json()["error"]["code"] == "busy" and busy.headers["retry-after"]


def test_a_body_too_big_is_refused_before_it_is_read(extracting: TestClient) -> None:
    response = extracting.post("/api/extract", content=b"{" + b" " * 40_000 + b"}",
                               headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_pages_escape_what_articles_hold_and_allow_no_inline_script(client: TestClient) -> None:
    for ident in (HOSTILE["id"], BIDI["id"]):
        page = client.get(f"/articles/{ident}", headers={"accept": "text/html"})
        assert page.status_code == 200
        tags = elements(page.text)
        assert not [t for t, _ in tags if t in {"script", "img", "iframe", "object"}]  # the page itself has none
        assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
        assert not [v for _, attrs in tags for a, v in attrs if a in {"href", "src"} and "javascript" in (v or "")]
        assert "&lt;script&gt;alert(" in page.text
        assert "\u202e" not in page.text  # the override, replaced as the CLI replaces it
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
    assert "<bdi>javascript:alert(&#x27;url&#x27;)</bdi>" in client.get("/articles/hostile").text  # as text


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element of a page, with its attributes, as a browser's parser reads them."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Reader().feed(html)
    return found


def test_the_store_is_opened_read_only(client: TestClient, db: str) -> None:
    from sqlalchemy import text

    store = client.app.state.store  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="(?i)read.?only"):
        with store.engine.begin() as connection:
            connection.execute(text("DELETE FROM quotes"))
    assert client.get("/api/quotes", params={"limit": 1}).json()["items"]


def test_an_internal_error_is_json_without_a_traceback(tmp_path: Path, db: str) -> None:
    if not db.startswith("sqlite"):
        pytest.skip("the broken-file case is SQLite's")
    copy = tmp_path / "copy.db"
    shutil.copy(db.removeprefix("sqlite:///"), copy)
    app = create_app(f"sqlite:///{copy}")
    copy.write_bytes(b"this is not a database any more " * 200)  # broken under the running app
    app.state.store.engine.dispose()
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/quotes")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "something went wrong on our side"}}
    assert "Traceback" not in response.text


def test_dateline_serve_answers_on_loopback_and_refuses_a_store_that_is_not_there(db: str, tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    if not db.startswith("sqlite"):
        pytest.skip("one backend is enough for the command itself")
    missing = subprocess.run([sys.executable, "-m", "dateline", "serve", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no database" in missing.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/quotes?limit=1", timeout=2) as answer:
                    body = json.loads(answer.read())
                break
            except OSError:
                time.sleep(0.1)
        assert len(body["items"]) == 1
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_workers_share_a_socket_that_says_it_is_tcp() -> None:
    """asyncio turns Nagle's algorithm off only on sockets whose protocol says TCP; uvicorn's own socket for
    `--workers N` says 0, and every answer then waited 40 ms for a delayed acknowledgement (measured)."""
    import socket

    from dateline.serve.web.listen import listening_socket

    with listening_socket("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP and sock.type == socket.SOCK_STREAM and sock.get_inheritable()


def test_the_store_is_asked_from_a_few_threads_however_many_requests_wait(db: str) -> None:
    """Each process asks the store from `store_threads` threads; other requests wait their turn in the event loop.
    Forty threads asking at once only queued for Python's lock (search API p95 86 → 44 ms with two, measured)."""
    import asyncio
    import time

    import httpx

    app = create_app(db, store_threads=2)
    store = app.state.store
    asking, most, lock = 0, 0, threading.Lock()
    real = store.quotes

    def counted(**asked: Any) -> list[dict[str, Any]]:
        nonlocal asking, most
        with lock:
            asking += 1
            most = max(most, asking)
        time.sleep(0.02)  # long enough for every request to be waiting at once
        try:
            return real(**asked)
        finally:
            with lock:
                asking -= 1

    store.quotes = counted

    async def ask_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://dateline") as http:
            return await asyncio.gather(*(http.get("/api/quotes", params={"limit": 2, "q": "harbor"})
                                          for _ in range(12)))

    answers = asyncio.run(ask_all())
    assert most == 2
    assert {a.status_code for a in answers} == {200}
    assert all(a.json() == answers[0].json() and len(a.json()["items"]) == 2 for a in answers)


def test_rows_are_keyed_by_plain_strings(client: TestClient) -> None:
    """SQLAlchemy names a table's column by a `str` subclass of its own, which pydantic's encoder takes the slow
    way, attribute by attribute (2.5 ms of a twenty-quote answer, measured): the store hands out plain `str` keys."""
    store = client.app.state.store  # type: ignore[attr-defined]
    rows = store.quotes(limit=3) + store.distinct_quotes(limit=3) + store.people(limit=3)
    assert rows and all(type(key) is str for row in rows for key in row)
    first = store.distinct_quotes(limit=1)[0]
    assert all(type(key) is str for key in store.quote(first["quote"])["occurrences"][0])
