"""The pages in a real browser: Debian's Chromium driven by Playwright, against `dateline serve`'s application on
a loopback port. Search, open an article, follow a quote to its page and a speaker to theirs; the timeline is
drawn; an article holding hostile HTML runs nothing; the pages read without JavaScript, fit a phone and take the
keyboard. Each test writes screenshots to build/screenshots (git-ignored)."""

from __future__ import annotations

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
from web_store import build_store

pytestmark = pytest.mark.model

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is a test dependency "
                                                             "(pip install '.[test]')")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine: .ci/run installs Debian's chromium", allow_module_level=True)
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[str]:
    """`dateline serve`'s application on a free loopback port, over a store of the web test articles."""
    import uvicorn

    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'site.db'}"
    build_store(url, folder, nlp)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
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
    """A page, and every dialog and console error it raised."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(viewport=options.pop("viewport", {"width": 1100, "height": 760}),
                                           **options)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_search_an_article_a_quote_and_a_speaker(site: str, browser: Any) -> None:
    w = Watched(browser)
    page = w.page
    page.goto(site + "/")
    page.fill("#q", "harbor")
    page.press("#q", "Enter")
    page.wait_for_selector(".quote-row")
    assert "quotes" in page.inner_text("#count") and page.locator(".quote-row").count() >= 3
    w.shot("search")

    page.locator(".quote-row .where a", has_text="Harbor stays open").first.click()
    page.wait_for_selector("#text .quote")
    assert page.locator("#text .quote").count() >= 1 and page.locator("#text .cue").count() >= 1
    assert page.locator("#text .time").first.get_attribute("title")  # the normalized value, on hover
    w.shot("article")

    page.locator("#text .quote-link").first.click()
    page.wait_for_selector(".occurrences li")
    assert page.locator(".occurrences li").count() == 2 and page.locator(".first").count() == 1
    w.shot("quote")

    page.locator(".who a").first.click()
    page.wait_for_selector("#timeline")
    assert page.inner_text("h1") == "Ana Ortiz"
    bars = page.locator("#timeline rect.bar")
    assert bars.count() >= 2
    assert max(bars.nth(k).bounding_box()["height"] for k in range(bars.count())) > 10  # drawn, not empty
    w.shot("person")
    assert w.dialogs == [] and w.errors == []


def test_the_readmes_example_article(site: str, browser: Any) -> None:
    """The page the README shows (docs/screenshots/example.png): the sample the quick start extracts, each quote in
    its speaker's colour, cues, the addressee and the dates marked, its people, event and dates beside it."""
    w = Watched(browser, viewport={"width": 960, "height": 560})
    w.page.goto(site + "/articles/001_harbor_vote")
    w.page.wait_for_selector("#text .quote")
    assert w.page.locator("#text .quote").count() >= 5 and w.page.locator("#text .addressee").count() >= 1
    assert "Portsmouth" in w.page.inner_text("main") and "Elena Ruiz" in w.page.inner_text("main")
    w.shot("example")
    assert w.dialogs == [] and w.errors == []


def test_an_article_holding_hostile_html_runs_nothing(site: str, browser: Any) -> None:
    w = Watched(browser)
    w.page.goto(site + "/articles/hostile")
    w.page.wait_for_selector("#text")
    w.page.wait_for_timeout(300)
    assert w.dialogs == [] and w.errors == []
    assert w.page.evaluate("document.scripts.length") == 0
    assert w.page.evaluate("document.querySelectorAll('img, iframe, [onerror]').length") == 0
    assert "<script>alert('title')</script>" in w.page.inner_text("h1")  # shown as the words it is
    assert w.page.locator("a[href^='javascript']").count() == 0
    w.shot("hostile")


def test_the_pages_read_without_javascript(site: str, browser: Any) -> None:
    w = Watched(browser, java_script_enabled=False)
    w.page.goto(site + "/?q=harbor")
    assert w.page.locator(".quote-row").count() >= 3
    w.page.goto(site + "/articles/001_harbor_vote")
    assert w.page.locator("#text .quote").count() >= 2


def test_the_pages_fit_a_phone_and_take_the_keyboard(site: str, browser: Any) -> None:
    w = Watched(browser, viewport={"width": 375, "height": 740}, is_mobile=True)
    for path in ("/", "/?q=harbor", "/articles/001_harbor_vote", "/people/Ana Ortiz"):
        w.page.goto(site + path)
        overflow = w.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    w.shot("article-phone")
    w.page.goto(site + "/")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.textContent") == "Skip to content"
    w.page.keyboard.press("Tab")
    w.page.keyboard.press("Tab")
    assert w.page.evaluate("document.activeElement.id") == "quick-q"
    labels = w.page.evaluate("[...document.querySelectorAll('input, select')].every(e => e.labels.length > 0)")
    assert labels
