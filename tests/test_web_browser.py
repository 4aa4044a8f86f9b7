"""The pages in a real browser: Debian's Chromium driven by Playwright, against `dateline serve`'s application on
a loopback port. A journalist's task done in three steps ("everything Reagan's spokesman said about Iran in March
1987": a role search, the person, a topic and a month) on Reuters wire stories of 1987; search, an article, a quote
and a speaker; an organization and the lists; the API page rendered by Swagger UI; articles holding hostile HTML, a
right-to-left override and a 10,000-character word run nothing, keep the labels around them in order and fit a
phone; the pages read without JavaScript and take the keyboard. Each test writes screenshots to build/screenshots,
and copies 320 pixels wide to build/screenshots/small (git-ignored; docs/screenshots holds copies, docs/web.md
says how)."""

from __future__ import annotations

import base64
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from dateline.serve.web import create_app
from dateline.store import Store
from web_store import REUTERS, build_store

pytestmark = pytest.mark.model

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a test dependency "
                                                             "(pip install '.[test]')")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine: .ci/run installs Debian's chromium", allow_module_level=True)
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
DESK = {"width": 1000, "height": 700}
PHONE = {"width": 390, "height": 844}
THUMB = 320


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> str:
    """A store of the web test articles and, where ../shared has them, the Reuters stories of the task."""
    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'site.db'}"
    build_store(url, folder, nlp, reuters=True)
    return url


@pytest.fixture(scope="module")
def site(store_url: str) -> Iterator[str]:
    """`dateline serve`'s application on a free loopback port."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Watched:
    """A page, and every dialog, console error and request to another host it raised."""

    def __init__(self, browser: Any, site: str, **options: Any) -> None:
        self.context = browser.new_context(viewport=options.pop("viewport", DESK), **options)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith((site, "data:")) else self.elsewhere.append(r.url))

    def shot(self, name: str) -> None:
        """The page as shown, and a copy THUMB pixels wide (drawn by Chromium itself) for the README."""
        (SHOTS / "small").mkdir(parents=True, exist_ok=True)
        png = self.page.screenshot(path=str(SHOTS / f"{name}.png"))
        small = self.context.new_page()
        small.set_content(f'<img style="display:block;width:{THUMB}px" alt="" '
                          f'src="data:image/png;base64,{base64.b64encode(png).decode()}">')
        small.locator("img").screenshot(path=str(SHOTS / "small" / f"{name}.png"))
        small.close()

    def clean(self) -> bool:
        """Nothing ran, failed or went elsewhere."""
        return self.dialogs == [] and self.errors == [] and self.elsewhere == []


def said_texts(page: Any) -> list[str]:
    """The words of each quote a results page shows, without the quotation marks or the paraphrase tag."""
    return [t.strip() for t in page.locator(".quote-row > :first-child > bdi").all_inner_texts()]


def test_everything_reagans_spokesman_said_about_iran_in_march_1987_in_three_steps(site: str, browser: Any,
                                                                                    store_url: str) -> None:
    """The issue's task on Reuters stories of 1987: (1) a search by role, "spokesman", shows who held it (Marlin
    Fitzwater, White House spokesman, among other spokesmen); (2) his name opens his page; (3) his quotes in stories
    about Iran in March 1987. The quotes shown are exactly his in the stories that name Iran, that month."""
    if not REUTERS.exists():
        pytest.skip(f"{REUTERS} is absent: the task is done on the Reuters stories in ../shared")
    w = Watched(browser, site)
    page = w.page
    page.goto(site + "/")

    page.fill("#role", "spokesman")  # step 1: who is a spokesman
    page.press("#role", "Enter")
    page.wait_for_selector(".quote-row")
    roles = page.locator(".quote-row .who").all_inner_texts()
    assert any("Marlin Fitzwater, White House spokesman" in r for r in roles)
    assert len({r.split(",")[0].split("·")[0].strip() for r in roles}) > 1  # other spokesmen too
    assert "Marlin Fitzwater" in page.inner_text(".facets")
    w.shot("task-1-role-search")

    page.locator(".quote-row .who a", has_text="Marlin Fitzwater").first.click()  # step 2: the person
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Marlin Fitzwater"
    assert "White House spokesman" in page.inner_text("main")
    w.shot("task-2-person")

    page.fill("#about", "Iran")  # step 3: about Iran, in March 1987
    page.fill("#month", "1987-03")
    page.press("#about", "Enter")
    page.wait_for_selector("#count")

    with Store(store_url, read_only=True) as store:
        (fitzwater,) = store.people("Fitzwater")
        expected = [q for q in store.quotes(person=fitzwater["id"]) if q["said"].month == 3
                    and re.search(r"\bIran", store.result(q["article_key"]).text)]  # type: ignore[union-attr]
    assert len(expected) >= 5
    assert page.inner_text("#count").startswith(f"{len(expected)} quotes")
    assert sorted(said_texts(page)) == sorted(q["text"] for q in expected)
    assert set(page.locator(".quote-row .who a").all_inner_texts()) == {"Marlin Fitzwater"}
    verbatim = page.locator(".quote-row blockquote.verbatim").all_inner_texts()
    paraphrase = page.locator(".quote-row p.paraphrase").all_inner_texts()
    assert verbatim and all(t.startswith("“") and t.endswith("”") for t in verbatim)
    assert all("“" not in t and "”" not in t for t in paraphrase)  # a paraphrase is never in quotation marks
    w.shot("task-3-topic-and-month")
    assert w.clean()


def test_search_an_article_a_quote_and_a_speaker(site: str, browser: Any) -> None:
    w = Watched(browser, site)
    page = w.page
    page.goto(site + "/")
    page.fill("#q", "harbor")
    page.press("#q", "Enter")
    page.wait_for_selector(".quote-row")
    assert "quotes" in page.inner_text("#count") and page.locator(".quote-row").count() >= 3
    assert page.locator(".quote-row mark").count() >= 3  # the words found, marked
    assert page.locator(".chart rect.bar").count() >= 1 and page.locator(".facets a").count() >= 3
    w.shot("search")

    page.locator(".quote-row .where a", has_text="Harbor stays open").first.click()
    page.wait_for_selector("#text .quote")
    assert page.locator("#text .quote").count() >= 1 and page.locator("#text .cue").count() >= 1
    assert page.locator(".speaker-legend li", has_text="Ana Ortiz").is_visible()  # whose colour, without hover
    assert page.locator("#text .time").first.get_attribute("title")  # the date in words and its value, on hover
    w.shot("article")

    page.locator("#text .quote-link").first.click()
    page.wait_for_selector(".occurrences li")
    assert page.locator(".occurrences li").count() == 2 and page.locator(".first").count() == 1
    assert "2 appearances in 2 articles" in page.inner_text(".who")
    w.shot("quote")

    page.locator(".who a").first.click()
    page.wait_for_selector(".chart")
    assert page.inner_text("h1") == "Ana Ortiz"
    bars = page.locator(".chart rect.bar")
    assert bars.count() >= 2
    assert max(bars.nth(k).bounding_box()["height"] for k in range(bars.count())) > 10  # drawn, not empty
    assert page.locator(".ticks span").count() >= 2  # an axis that says when
    assert page.locator("a.their-quotes").get_attribute("href").startswith("/?person=P")
    w.shot("person")
    assert w.clean()


def test_an_organization_page_and_the_list_pages_open(site: str, browser: Any) -> None:
    w = Watched(browser, site)
    page = w.page
    for path, shot in (("/people", "people"), ("/articles", "articles"), ("/events", "events"),
                       ("/organizations", "organizations")):
        page.goto(site + path)
        assert re.match(r"[\d,]+ ", page.inner_text("#count")), path
        assert page.locator("main table tbody tr, main .events-list li").count() >= 1, path
        w.shot(shot)
    page.locator("table.list tbody a").first.click()  # the organization most written about
    page.wait_for_selector("h1")
    assert "Named in" in page.inner_text(".meta")
    assert page.locator("h2", has_text="Spokespeople").count() == 1
    w.shot("organization")
    assert w.clean()


def test_the_api_page_shows_the_operations(site: str, browser: Any) -> None:
    """Swagger UI (5.x, shipped in a package and served here) renders Dateline's OpenAPI 3.1: the test reads the
    page as it is drawn, not the JSON."""
    w = Watched(browser, site)
    w.page.goto(site + "/docs")
    w.page.wait_for_selector(".opblock", timeout=20_000)
    shown = w.page.inner_text("#swagger-ui")
    assert "Unable to render this definition" not in shown
    for operation in ("/api/quotes", "/api/facets", "/api/people/{ident}", "/api/organizations", "/api/articles",
                      "/api/events"):
        assert operation in shown, operation
    schema = w.page.request.get(site + "/openapi.json").json()
    gets = sum("get" in operations for operations in schema["paths"].values())
    assert w.page.locator(".opblock-get").count() == gets >= 11  # every operation drawn
    w.shot("docs")
    assert w.clean(), (w.errors, w.elsewhere)


def test_a_hostile_article_leaves_the_labels_in_order_and_fits_a_phone(site: str, browser: Any) -> None:
    """A title holding a right-to-left override ("gnp.exe" that would read "exe.png"), a 10,000-character word
    and <script>: nothing runs, the override is replaced (as the CLI replaces it) and every stored value is
    isolated, so the labels after it stay in reading order; nothing is wider than a 390-pixel phone."""
    w = Watched(browser, site, viewport=PHONE, is_mobile=True)
    page = w.page
    for path in ("/articles/bidi", "/?q=checked", "/?q=safe", "/people", "/articles"):
        page.goto(site + path)
        wide = page.evaluate("[...document.querySelectorAll('main *')].filter(e => !e.closest('.table-wrap'))"
                             ".filter(e => e.getBoundingClientRect().right > innerWidth + 1).length")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide == 0 and overflow <= 0, path
    page.goto(site + "/?q=safe")
    where = page.locator(".quote-row .where").first
    assert "\ufffdgnp.exe" in where.inner_text() and "\u202e" not in page.content()
    boxes = [a.bounding_box() for a in where.locator("a").all()]  # title, original, quote page: in this order
    assert len(boxes) == 3
    for before, after in zip(boxes, boxes[1:], strict=False):
        assert (round(before["y"]), before["x"]) < (round(after["y"]), after["x"])  # left to right, top down
    w.shot("hostile-phone")
    page.goto(site + "/articles/bidi")
    assert page.evaluate("document.scripts.length") == 0
    assert "<script>alert('bidi')</script>" in page.inner_text("h1")  # shown as the words it is
    assert w.clean()


def test_the_readmes_example_article(site: str, browser: Any) -> None:
    """The page the README shows (docs/screenshots/example.png): the sample the quick start extracts, each quote in
    its speaker's colour, cues, the addressee and the dates marked, its people, event and dates beside it."""
    w = Watched(browser, site, viewport={"width": 960, "height": 560})
    w.page.goto(site + "/articles/001_harbor_vote")
    w.page.wait_for_selector("#text .quote")
    assert w.page.locator("#text .quote").count() >= 5 and w.page.locator("#text .addressee").count() >= 1
    assert "Portsmouth" in w.page.inner_text("main") and "Elena Ruiz" in w.page.inner_text("main")
    w.shot("example")
    assert w.clean()


def test_an_article_holding_hostile_html_runs_nothing(site: str, browser: Any) -> None:
    w = Watched(browser, site)
    w.page.goto(site + "/articles/hostile")
    w.page.wait_for_selector("#text")
    w.page.wait_for_timeout(300)
    assert w.clean()
    assert w.page.evaluate("document.scripts.length") == 0
    assert w.page.evaluate("document.querySelectorAll('img, iframe, [onerror]').length") == 0
    assert "<script>alert('title')</script>" in w.page.inner_text("h1")  # shown as the words it is
    assert w.page.locator("a[href^='javascript']").count() == 0


def test_the_pages_read_without_javascript(site: str, browser: Any) -> None:
    w = Watched(browser, site, java_script_enabled=False)
    w.page.goto(site + "/?q=harbor")
    assert w.page.locator(".quote-row").count() >= 3
    w.page.goto(site + "/articles/001_harbor_vote")
    assert w.page.locator("#text .quote").count() >= 2


def test_the_pages_fit_a_phone_and_take_the_keyboard(site: str, browser: Any) -> None:
    w = Watched(browser, site, viewport=PHONE, is_mobile=True)
    for path in ("/", "/?q=harbor", "/articles/001_harbor_vote", "/people/Ana Ortiz", "/organizations", "/events"):
        w.page.goto(site + path)
        overflow = w.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    w.page.goto(site + "/articles/001_harbor_vote")
    legend = w.page.locator(".speaker-legend li").first
    legend.scroll_into_view_if_needed()
    assert legend.is_visible()  # which colour is whose, on a touch screen
    w.shot("article-phone")
    w.page.goto(site + "/")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.textContent") == "Skip to content"
    w.page.keyboard.press("Tab")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.id") == "quick-q"
    labels = w.page.evaluate("[...document.querySelectorAll('input:not([type=hidden]), select')]"
                             ".every(e => e.labels.length > 0)")
    assert labels
