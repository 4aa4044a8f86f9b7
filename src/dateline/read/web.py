"""Pages from the web: HTML files and the HTML responses of WARC crawls, read by trafilatura and warcio.

The publication date is taken from the page's markup only, and only where the page writes a whole date that is
real: htmldate (inside trafilatura) completes a partial or impossible date ("2021-06" → the 1st, "2021-02-30" → the
1st), so a date it finds is kept only when the page itself writes that day (``2021-06-21``, ``2021/06/21``,
``20210621``, or "June 21, 2021" / "21 June 2021"). Otherwise the caller's ``--date`` stands in, and without it the
page is an error. A WARC is read record by record; a record cut short is an error, never an article, and a record
whose HTTP head is malformed costs that record only: the next is read.

A page is decoded as it declares (`decode_page`): a byte-order mark, else the charset of the HTTP response or of the
page's ``<meta>``, else UTF-8 where the bytes are UTF-8 and windows-1252 where not, as browsers do (a page labelled
Latin-1 is read as windows-1252, whose curly quotes Latin-1 lacks). UTF-16 pages are read too.

What a page costs is bounded, whatever its shape: its elements are counted first (lxml's parse, linear in its
bytes); a page of more than `MAX_ELEMENTS` is refused (`Code.TOO_LARGE`), and one of more than `FULL_ELEMENTS` is
read without trafilatura's fallback extractors (readability, jusText), whose time grows with the square of a page's
paragraphs (30,000 ``<p>a</p>``: 111 s with them). A page whose reading still runs over `READ_SECONDS` is refused
(`Code.READ_OVER_BUDGET`) and the next read.

trafilatura and warcio come with the `html` extra (``pip install 'dateline[html]'``): without them, reading a page or
a crawl is a `MissingExtra` error that names it, raised — it would fail every page alike — not one error per
page.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from dateline.errors import Code, ReadError, require
from dateline.read.fields import (
    FIRST_DATE,
    LAST_DATE,
    MAX_CHARS,
    READ_SECONDS,
    Clock,
    Read,
    article_from,
    content_id,
    over_budget,
    source_name,
)

MAX_PAGE_BYTES = 64 * 1024 * 1024
"""The largest HTML page read (a record of a crawl too)."""

MAX_ELEMENTS = 40_000
"""The most elements a page may hold (a long news page holds a few thousand)."""
FULL_ELEMENTS = 3_000
"""Pages of more elements than this are read without trafilatura's fallback extractors, whose time grows with the
square of the paragraphs (3,000 short paragraphs: about 1 s with them)."""

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


CHARSET = re.compile(rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
AS_BROWSERS_DO = {"latin1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254",
                  "iso8859_11": "cp874"}
"""Labels that browsers read as a wider Windows code page (the WHATWG Encoding Standard), by Python codec name."""


def _codec(label: bytes | str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.decode("ascii") if isinstance(label, bytes) else label).name
    except (LookupError, UnicodeDecodeError):
        return None
    name = name.replace("-", "_")
    return AS_BROWSERS_DO.get(name, name)


def decode_page(data: bytes, declared: str | None = None) -> str:
    """A page's text, decoded as it says: its byte-order mark, else `declared` (an HTTP Content-Type's charset),
    else its ``<meta>`` charset, else UTF-8 where the bytes are UTF-8 and windows-1252 where they are not; UTF-16
    without a mark is known by its NULs. A byte its encoding does not allow becomes U+FFFD."""
    for mark, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                        (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(mark):
            return data[len(mark):].decode(codec, errors="replace")
    head = data[:4]
    if len(head) == 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        return data.decode("utf-16-le", errors="replace")
    if len(head) == 4 and head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        return data.decode("utf-16-be", errors="replace")
    match = None if declared else CHARSET.search(data[:4096])
    codec = _codec(declared) or _codec(match.group(1) if match else None)
    if codec is not None and codec.startswith("utf_16"):
        codec = "utf_8"  # a page in bytes that are not UTF-16 cannot be UTF-16, whatever it says (as browsers read it)
    if codec is None or codec == "utf_8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            codec = codec or "cp1252"
    return data.decode(codec, errors="replace")


def from_html(data: bytes | str, *, source: str, url: str | None = None, published: date | None = None,
              max_chars: int = MAX_CHARS, line: int | None = None, charset: str | None = None,
              budget: float = READ_SECONDS, clock: Clock = time.monotonic) -> Read:
    """One `Article` from an HTML page (its main text, title and publication date, by trafilatura), or the
    `ReadError` that says why not; `MissingExtra` without the `html` extra. `charset` is what the HTTP response
    declares; `budget` the seconds its reading may take, on `clock`."""
    started = clock()
    read = _from_html(data, source=source, url=url, published=published, max_chars=max_chars, line=line,
                      charset=charset)
    late = over_budget(started, budget, clock, source=source, line=line)
    return late or read


def _from_html(data: bytes | str, *, source: str, url: str | None, published: date | None, max_chars: int,
               line: int | None, charset: str | None) -> Read:
    require_readers()
    import trafilatura  # imported here: a large import that only HTML needs

    if len(data) > MAX_PAGE_BYTES:
        return ReadError(f"page of {len(data):,} bytes is over the limit of {MAX_PAGE_BYTES:,}", source=source,
                         line=line, code=Code.TOO_LARGE)
    if isinstance(data, bytes):
        data = decode_page(data, charset)
    if "\x00" in data[:8192]:
        return ReadError("binary content, not HTML", source=source, line=line, code=Code.NOT_TEXT)
    try:
        tree = trafilatura.load_html(data)
    except Exception as err:  # noqa: BLE001  (lxml raises many kinds on broken markup)
        return ReadError(f"cannot read the HTML ({type(err).__name__})", source=source, line=line, code=Code.MALFORMED)
    if tree is None:
        return ReadError("no article text found in the HTML", source=source, line=line, code=Code.NO_TEXT)
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        return ReadError(f"page of {elements:,} elements is over the limit of {MAX_ELEMENTS:,}", source=source,
                         line=line, code=Code.TOO_LARGE)
    try:
        page = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            fast=elements > FULL_ELEMENTS,
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
                try:
                    record.http_headers = http.parse(record.raw_stream)
                except Exception as err:  # noqa: BLE001  (a malformed HTTP head costs its record, not the archive)
                    yield ReadError(f"a response with a malformed HTTP head ({type(err).__name__}): passed over",
                                    source=source, line=number, code=Code.DAMAGED)
                    continue
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode() or ""
                if "html" not in kind or not status.startswith("2"):
                    continue
                declared = HEADER_CHARSET.search(kind)
                body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                left = getattr(record.raw_stream, "limit", 0)
                if left and len(body) <= MAX_PAGE_BYTES:
                    yield ReadError(f"record cut short ({left:,} bytes missing): not read", source=source,
                                    line=number, code=Code.DAMAGED)
                    return
                yield from_html(body, source=source, url=url, published=published, max_chars=max_chars,
                                line=number, charset=declared.group(1) if declared else None)
        except Exception as err:  # noqa: BLE001  (warcio raises many kinds on a damaged archive)
            yield ReadError(f"damaged WARC after record {number} ({type(err).__name__}: {str(err)[:120]})",
                            source=source, line=number + 1, code=Code.DAMAGED)
