"""A small mixed corpus written by the tests: dated text, JSON Lines, an HTML page and a WARC crawl.

Every article is made up for the tests. `write_corpus(folder)` returns how many articles should be stored and
how many inputs must fail (a WARC page with no date, a malformed JSON line).
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ["Alder Bay", "Brightwater", "Cold Spring", "Dunmore", "Eastfield", "Fairhaven", "Glenrock", "Hollis"]
MAYORS = ["Ana Ortiz", "Ben Carver", "Chloe Dunn", "Dev Patel", "Erin Walsh", "Farid Haddad", "Grace Lin",
          "Hugo Brandt"]
TOPICS = ["the harbor plan", "the school budget", "a new bus line", "the flood wall", "the library hours",
          "a parking fee", "the bridge repairs", "the water rates"]


def story(n: int) -> tuple[str, str, str]:
    """The n-th made-up story: (publication date, title, text), each different in its words."""
    town, mayor, topic = TOWNS[n % 8], MAYORS[(n // 8) % 8], TOPICS[(n // 64 + n) % 8]
    day = f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}"
    surname = mayor.split()[-1]
    text = (f"The {town} council delayed its vote on {topic} on Monday, Mayor {mayor} said.\n"
            f"\u201cWe need more time to get {topic} right,\u201d {surname} told reporters after meeting number "
            f"{n}. She said the council would return to it in {['March', 'April', 'May'][n % 3]}.\n"
            f"The town clerk did not say whether the meeting would be open to the public.")
    return day, f"{town}: vote on {topic} delayed ({n})", text


def write_long(path: Path, n: int, stories: int = 40, start: int = 1000) -> int:
    """N long articles as JSON Lines, each `stories` made-up stories run together (about 330 characters each);
    the characters written."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(start, start + n):
            day, title, _ = story(k)
            text = "\n\n".join(story(k * stories + j)[2] for j in range(stories))
            written += len(text)
            out.write(json.dumps({"id": f"long-{k}", "date": day, "title": title, "text": text}) + "\n")
    return written


def html_page(n: int, *, dated: bool = True) -> bytes:
    day, title, text = story(n)
    meta = f'<meta property="article:published_time" content="{day}T09:00:00Z">' if dated else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (f"<html><head><title>{title}</title>{meta}</head><body><nav>Home | Politics</nav><article>"
            f"<h1>{title}</h1>{paragraphs}</article><footer>The Coast Ledger</footer></body></html>").encode()


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzip: bool = True) -> None:
    """A WARC (gzipped unless told) with one response record per (url, body, content type)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, body, kind in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))


def write_corpus(folder: Path, start: int = 0) -> tuple[int, int]:
    """Write the mixed corpus; (articles to store, inputs that fail)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + 2):
        day, _, text = story(n)
        (folder / f"story_{n}.txt").write_text(f"date {day} {text}", encoding="utf-8")
    lines = []
    for n in range(start + 2, start + 5):
        day, title, text = story(n)
        lines.append(json.dumps({"id": f"wire-{n}", "date": day, "title": title, "text": text}))
    lines.insert(1, '{"id": "broken", "date": ')  # malformed: reported, the rest still stored
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "page.html").write_bytes(html_page(start + 5))
    write_warc(folder / "crawl.warc.gz", [
        (f"https://ledger.example/{start + 6}", html_page(start + 6), "text/html; charset=utf-8"),
        ("https://ledger.example/feed.json", b'{"items": []}', "application/json"),  # not a page: passed over
        (f"https://ledger.example/{start + 7}", html_page(start + 7), "text/html"),
        ("https://ledger.example/undated", html_page(start + 8, dated=False), "text/html"),  # no date: an error
    ])
    return 8, 2
