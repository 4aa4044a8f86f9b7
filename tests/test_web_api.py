"""The HTTP API, against a real store (a SQLite file; and PostgreSQL where .ci/run started one): what a client asks
and what it gets, bad parameters and oversize bodies included. The store is opened read-only."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from conftest import POSTGRES_URL, fresh_postgres
from dateline.serve.web import create_app
from dateline.store import Store
from web_store import HOSTILE, REPEATED, build_store

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
    with TestClient(create_app(db, max_extract_chars=5_000), raise_server_exceptions=False) as c:
        yield c


def test_quotes_come_in_pages_with_a_cursor(client: TestClient) -> None:
    first = client.get("/api/quotes", params={"limit": 3, "total": True}).json()
    assert len(first["items"]) == 3 and first["total"] >= 6 and first["next"] == "3"
    said = [q["said"] for q in first["items"]]
    assert said == sorted(said, reverse=True)  # newest first
    second = client.get("/api/quotes", params={"limit": 3, "cursor": first["next"]}).json()
    assert {q["text"] for q in second["items"]}.isdisjoint(q["text"] for q in first["items"])
    last = client.get("/api/quotes", params={"limit": 100}).json()
    assert last["next"] is None and len(last["items"]) == first["total"]


def test_quotes_take_every_filter_the_cli_takes(client: TestClient) -> None:
    def texts(**params: object) -> list[str]:
        return [q["text"] for q in client.get("/api/quotes", params={**params, "limit": 100}).json()["items"]]

    assert texts(speaker="Ruiz") and all("Ruiz" in q["speaker"] for q in client.get(
        "/api/quotes", params={"speaker": "Ruiz"}).json()["items"])
    assert texts(q="harbor") and all("harbor" in t.lower() for t in texts(q="harbor"))
    assert texts(since="2025-05-01", until="2025-06-30") == [REPEATED + ",", REPEATED + ","]
    distinct = client.get("/api/quotes", params={"distinct": True, "q": "harbor open"}).json()["items"]
    assert [q["occurrences"] for q in distinct if q["text"].startswith(REPEATED)] == [2]
    assert texts(act="question") == []


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"since": "last week"}, "since"),
    ({"act": "bogus"}, "act"), ({"cursor": "-1"}, "cursor"), ({"q": "x" * 201}, "q"),
])
def test_a_bad_parameter_is_a_422_that_names_it(client: TestClient, params: dict[str, object], field: str) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and error["message"].startswith(field)


def test_a_quote_says_which_finder_found_it_and_how_sure_it_is(client: TestClient) -> None:
    items = client.get("/api/quotes", params={"limit": 100}).json()["items"]
    assert items and all(q["found_by"].split(".")[0] in {"direct", "transcript", "indirect"} for q in items)
    assert all(0 < q["confidence"] <= 1 for q in items)
    row = next(q for q in items if q["text"].startswith(REPEATED))
    occurrences = client.get(f"/api/quotes/{row['quote']}").json()["occurrences"]
    assert occurrences and all(o["found_by"] and 0 < o["confidence"] <= 1 for o in occurrences)


def test_one_quote_with_its_occurrences_in_order(client: TestClient) -> None:
    row = next(q for q in client.get("/api/quotes", params={"distinct": True, "limit": 100}).json()["items"]
               if q["text"].startswith(REPEATED))
    found = client.get(f"/api/quotes/{row['quote']}").json()
    assert [o["published"] for o in found["occurrences"]] == ["2025-06-02", "2025-06-09"]
    assert found["first_seen"] == "2025-06-02" and found["speaker"] == "Ana Ortiz"


def test_people_and_one_person(client: TestClient) -> None:
    people = client.get("/api/people", params={"name": "Ortiz"}).json()["items"]
    assert [p["name"] for p in people] == ["Ana Ortiz"]
    person = client.get(f"/api/people/{people[0]['id']}").json()
    assert person["quotes"] >= 3 and {"2025-05", "2025-06"} <= {m["month"] for m in person["quotes_by_month"]}
    assert client.get("/api/people/Ana Ortiz").json()["id"] == people[0]["id"]  # by name too


def test_an_article_is_the_result_contract(client: TestClient, db: str) -> None:
    body = client.get("/api/articles/001_harbor_vote").json()
    assert body["schema"] == "dateline/1"
    assert body == json.loads(json.dumps(Store(db, read_only=True).result("001_harbor_vote").to_dict(),
                                         default=str))
    assert {"people", "organizations", "places", "quotes", "times", "events"} <= set(body)


@pytest.mark.parametrize("path", ["/api/quotes/Qnothing", "/api/people/Nobody Atall", "/api/articles/nothing",
                                  "/api/nowhere"])
def test_what_is_not_there_is_a_404_in_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_extract_takes_a_text_and_a_date_and_gives_the_contract(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": "“The bridge opens in May,” Mayor Ana Ortiz said on "
                                                         "Monday.", "published": "2024-03-14", "id": "bridge"})
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "dateline/1" and body["id"] == "bridge"
    assert [(q["speaker"]["name"], q["text"]) for q in body["quotes"]] == [("Ana Ortiz", "The bridge opens in May,")]
    assert ("Monday", "2024-03-11") in [(t["text"], t["value"]) for t in body["times"]]


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"text": "Words.", "published": "14 March"}, 422, "invalid_parameter"),
    ({"published": "2024-03-14"}, 422, "invalid_parameter"),
    ({"text": "", "published": "2024-03-14"}, 422, "invalid_parameter"),
    ({"text": "a" * 5_001, "published": "2024-03-14"}, 413, "too_large"),
])
def test_extract_refuses_clearly(client: TestClient, payload: dict[str, str], status: int, code: str) -> None:
    response = client.post("/api/extract", json=payload)
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_a_body_too_big_is_refused_before_it_is_read(client: TestClient) -> None:
    response = client.post("/api/extract", content=b"{" + b" " * 40_000 + b"}",
                           headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    malformed = client.post("/api/extract", content=b'{"text": "x", ', headers={"content-type": "application/json"})
    assert malformed.status_code == 422


def test_pages_escape_what_articles_hold_and_allow_no_inline_script(client: TestClient) -> None:
    page = client.get("/articles/hostile", headers={"accept": "text/html"})
    assert page.status_code == 200
    tags = elements(page.text)
    assert not [t for t, _ in tags if t in {"script", "img", "iframe", "object"}]  # the page itself has none
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert not [v for _, attrs in tags for a, v in attrs if a in {"href", "src"} and "javascript" in (v or "")]
    assert "&lt;script&gt;alert(" in page.text and HOSTILE["url"].replace("'", "&#39;") in page.text  # as text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"


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
    import threading
    import time

    import httpx

    app = create_app(db, store_threads=2)
    store = app.state.store
    asking, most, lock = 0, 0, threading.Lock()
    real = store.quotes

    def counted(**asked: object) -> list[dict[str, object]]:
        nonlocal asking, most
        with lock:
            asking += 1
            most = max(most, asking)
        time.sleep(0.02)  # long enough for every request to be waiting at once
        try:
            return real(**asked)  # type: ignore[arg-type]
        finally:
            with lock:
                asking -= 1

    store.quotes = counted

    async def ask_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://dateline") as http:
            return await asyncio.gather(*(http.get("/api/quotes", params={"limit": 2}) for _ in range(12)))

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
