"""Pages from the web: HTML files and the HTML responses of WARC crawls, read by trafilatura and warcio.

The publication date is taken from the page's markup only, and only where the page writes a whole date that is
real: htmldate (inside trafilatura) completes a partial or impossible date ("2021-06" → the 1st, "2021-02-30" → the
1st), so a date it finds is kept only when the page itself writes that day (``2021-06-21``, ``2021/06/21``,
``20210621``, or "June 21, 2021" / "21 June 2021"). Otherwise the caller's ``--date`` stands in, and without it the
page is an error. A WARC is read record by record; a record cut short is an error, never an article.

trafilatura and warcio come with the `html` extra (``pip install 'dateline[html]'``): without them, reading a page or
a crawl is a `MissingExtra` error that names it, raised — it would fail every page alike — not one error per
page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from dateline.errors import Code, ReadError, require
from dateline.read.fields import FIRST_DATE, LAST_DATE, MAX_CHARS, Read, article_from, content_id, source_name

MAX_PAGE_BYTES = 64 * 1024 * 1024
"""The largest HTML page read (a record of a crawl too)."""

PAGES = "reading HTML pages"
CRAWLS = "reading WARC crawls"


def require_readers(warc: bool = False) -> None:
    """Raise `MissingExtra` unless what reads pages (and, with `warc`, crawls) is installed."""
    require("trafilatura", CRAWLS if warc else PAGES)
    if warc:
        require("warcio", CRAWLS)


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def written_on_page(day: date, page: str) -> bool:
    """Whether a page writes this whole date, as ISO or compact digits or with the month's name."""
    y, m, d = day.year, day.month, day.day
    if re.search(rf"(?<!\d){y}[-/.]?{m:02d}[-/.]?{d:02d}(?!\d)", page):
        return True
    month = MONTHS[m - 1]
    short = month[:3]
    words = page.lower()
    return bool(re.search(rf"\b(?:{month}|{short}\.?)\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}\b", words) or
                re.search(rf"\b0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month}|{short}\.?),?\s+{y}\b", words))


def from_html(data: bytes | str, *, source: str, url: str | None = None, published: date | None = None,
              max_chars: int = MAX_CHARS, line: int | None = None) -> Read:
    """One `Article` from an HTML page (its main text, title and publication date, by trafilatura), or the
    `ReadError` that says why not; `MissingExtra` without the `html` extra."""
    require_readers()
    import trafilatura  # imported here: a large import that only HTML needs

    if len(data) > MAX_PAGE_BYTES:
        return ReadError(f"page of {len(data):,} bytes is over the limit of {MAX_PAGE_BYTES:,}", source=source,
                         line=line, code=Code.TOO_LARGE)
    if isinstance(data, bytes):
        if b"\x00" in data[:8192]:
            return ReadError("binary content, not HTML", source=source, line=line, code=Code.NOT_TEXT)
        data = data.decode("utf-8", errors="replace")
    try:
        page = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "min_date": FIRST_DATE.isoformat(), "max_date": LAST_DATE.isoformat()})
    except Exception as err:  # noqa: BLE001  (trafilatura raises many kinds on broken markup)
        return ReadError(f"cannot read the HTML ({type(err).__name__})", source=source, line=line, code=Code.MALFORMED)
    if page is None or not (page.text or "").strip():
        return ReadError("no article text found in the HTML", source=source, line=line, code=Code.NO_TEXT)
    when: date | None = published
    if page.date:
        try:
            found = date.fromisoformat(page.date[:10])
        except ValueError:
            found = None
        if found is not None and written_on_page(found, data):
            when = found
    if when is None:
        return ReadError("no publication date in the page (a whole, real date): pass --date", source=source, line=line,
                         code=Code.NO_DATE)
    given_url = url or page.url or None
    name = Path(source).name.split(".")[0]
    try:
        return article_from({"text": page.text, "published": when, "title": page.title or None, "url": given_url},
                            source=source, line=line, max_chars=max_chars,
                            default_id=name if line is None and name else content_id(f"{given_url}\n{page.text}"))
    except ReadError as err:
        return err


def read_warc(path: Path, *, published: date | None = None, max_chars: int = MAX_CHARS,
              position: Callable[[int], None] | None = None) -> Iterator[Read]:
    """Every HTML response in a WARC file of a crawl, each an article; its place in the file is the record's
    number, as a line is in a JSON Lines file. `position`, when given, is told the bytes read after each record.
    Without the `html` extra, `MissingExtra`."""
    require_readers(warc=True)
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeadersParser

    http = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"])
    source = source_name(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        yield ReadError(f"cannot read: {err.strerror or err}", source=source, code=Code.UNREADABLE)
        return
    number = 0
    with stream:
        try:
            # HTTP headers are parsed here, not by warcio: it fails on a response without a target URI, and the
            # failure would end the archive, where it should cost that record only
            for record in ArchiveIterator(stream, no_record_parse=True):
                number += 1
                if position is not None:
                    position(stream.tell())
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or None
                if url is None or not url.lower().startswith(("http:", "https:")):
                    yield ReadError("a response without an http(s) target URI: not a web page", source=source,
                                    line=number, code=Code.DAMAGED)
                    continue
                record.http_headers = http.parse(record.raw_stream)
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode() or ""
                if "html" not in kind or not status.startswith("2"):
                    continue
                body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                left = getattr(record.raw_stream, "limit", 0)
                if left and len(body) <= MAX_PAGE_BYTES:
                    yield ReadError(f"record cut short ({left:,} bytes missing): not read", source=source,
                                    line=number, code=Code.DAMAGED)
                    return
                yield from_html(body, source=source, url=url, published=published, max_chars=max_chars,
                                line=number)
        except Exception as err:  # noqa: BLE001  (warcio raises many kinds on a damaged archive)
            yield ReadError(f"damaged WARC after record {number} ({type(err).__name__}: {str(err)[:120]})",
                            source=source, line=number + 1, code=Code.DAMAGED)
