"""Readers: each a small function from a source to `Article`s, never raising for one bad article.

A reader yields an `Article` for each article it can read and a `ReadError` (as a value, not raised) for each one
it cannot, so a batch reports the bad article and goes on. Forms read:

- dated text: ``date YYYY-MM-DD`` at the start (leading space allowed), the article on the same line after it;
- plain text, with a publication date given by the caller;
- JSON Lines, one article a line: ``{"id", "date" | "published", "text", "title"?, "url"?}``; ``.jsonl.gz`` too;
- TimeML (``.tml``): the TEXT element, dated by the document creation time;
- HTML pages (``.html``, ``.htm``): main text, title and publication date taken by trafilatura, the date only from
  the page's markup (never guessed from its prose); ``published`` where the page gives none;
- WARC files of a crawl (``.warc``, ``.warc.gz``): each HTML response an HTML page, its URL the target URI;
- standard input (``-``), in any of the forms above, told apart by its first characters.

An article without a publication date is an error, never stored with a guessed one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from dateline.errors import ReadError
from dateline.records import Article, Timex

MAX_CHARS = 1_000_000
"""The longest article read by default: spaCy's own limit for one text."""

HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json")
TIMEML_SUFFIXES = (".tml", ".timeml")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")

Read = Article | ReadError


def content_id(text: str) -> str:
    """A stable id for an article that has none: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, *, source: str, line: int | None = None) -> date:
    """A publication date from ``YYYY-MM-DD`` or an ISO timestamp; a `ReadError` if it is none."""
    if not isinstance(value, str) or not value.strip():
        raise ReadError("no publication date", source=source, line=line)
    raw = value.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        raise ReadError(f"{raw!r} is not a date (want YYYY-MM-DD)", source=source, line=line) from None


def check_text(text: object, *, source: str, line: int | None = None, max_chars: int = MAX_CHARS) -> str:
    """The article text if it is usable: not empty, not binary, not over `max_chars`."""
    if not isinstance(text, str) or not text.strip():
        raise ReadError("empty article text", source=source, line=line)
    if "\x00" in text:
        raise ReadError("binary content, not text", source=source, line=line)
    if len(text) > max_chars:
        raise ReadError(f"article of {len(text):,} characters is over the limit of {max_chars:,}",
                        source=source, line=line)
    return text


def decode(data: bytes, *, source: str) -> str:
    """UTF-8 text from bytes; binary content is a `ReadError`."""
    if b"\x00" in data[:8192]:
        raise ReadError("binary content, not text", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(f"not UTF-8 text (byte {err.start})", source=source) from None


def from_dated_text(raw: str, *, source: str, published: date | None = None, max_chars: int = MAX_CHARS) -> Article:
    """One article from the dated-text form, or from plain text when `published` is given."""
    header = HEADER.match(raw)
    if header:
        when = parse_date(header.group(1), source=source, line=1)
        text = raw[header.end():]
    elif published is not None:
        when, text = published, raw
    else:
        raise ReadError("no date: start the file with 'date YYYY-MM-DD' or pass --date", source=source, line=1)
    text = check_text(text, source=source, max_chars=max_chars)
    stem = Path(source).name.split(".")[0] if source != "-" else ""
    return Article(id=stem or content_id(text), text=text, published=when, source=source)


def from_json_line(
    line: str, *, source: str, lineno: int, published: date | None = None, max_chars: int = MAX_CHARS
) -> Article:
    """One article from a JSON Lines record."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ReadError(f"malformed JSON ({err.msg}, column {err.colno})", source=source, line=lineno) from None
    return from_record(record, source=source, lineno=lineno, published=published, max_chars=max_chars)


def from_record(
    record: object, *, source: str, lineno: int, published: date | None = None, max_chars: int = MAX_CHARS
) -> Article:
    """One article from a parsed JSON object: ``{"id", "date" | "published", "text", "title"?, "url"?}``."""
    if not isinstance(record, dict):
        raise ReadError("a JSON line must be an object", source=source, line=lineno)
    raw_date = record.get("date", record.get("published"))
    if raw_date is None and published is not None:
        when = published
    else:
        when = parse_date(raw_date, source=source, line=lineno)
    text = check_text(record.get("text"), source=source, line=lineno, max_chars=max_chars)
    given = record.get("id")
    return Article(
        id=str(given) if given not in (None, "") else content_id(text),
        text=text,
        published=when,
        title=record.get("title"),
        url=record.get("url"),
        source=f"{source}:{lineno}",
    )


def read_json_lines(lines: Iterable[str], *, source: str, published: date | None = None,
                    max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every article of a JSON Lines stream; blank lines are skipped."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield from_json_line(line, source=source, lineno=lineno, published=published, max_chars=max_chars)
        except ReadError as err:
            yield err


def parse_timeml(data: bytes, *, source: str, max_chars: int = MAX_CHARS) -> tuple[Article, list[Timex]]:
    """A TimeML document: the article (its TEXT, dated by the creation time) and the TIMEX3 expressions annotated
    in it, with offsets into that text."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise ReadError(f"malformed TimeML ({err})", source=source) from None
    body = root.find("TEXT")
    if body is None:
        raise ReadError("TimeML without a TEXT element", source=source)
    creation = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
                    None)
    published = parse_date((creation or "")[:10], source=source)
    pieces: list[str] = []
    found: list[Timex] = []
    at = 0

    def walk(element: ElementTree.Element) -> None:
        nonlocal at
        start = at
        if element.text:
            pieces.append(element.text)
            at += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                at += len(child.tail)
        if element.tag == "TIMEX3":
            found.append(Timex(text="", start=start, end=at, type=element.get("type") or "",
                               value=element.get("value") or ""))

    walk(body)
    text = check_text("".join(pieces), source=source, max_chars=max_chars)
    for t in found:
        t.text = text[t.start:t.end]
    name = Path(source).name
    article = Article(id=name[:-len(Path(name).suffix)] if Path(name).suffix else name, text=text,
                      published=published, source=source)
    return article, sorted(found, key=lambda t: t.start)


def from_html(data: bytes | str, *, source: str, url: str | None = None, published: date | None = None,
              max_chars: int = MAX_CHARS, line: int | None = None) -> Article:
    """One article from an HTML page: its main text, title and publication date, by trafilatura.

    The date comes from the page's markup only (meta tags, ``<time>``, the URL), never from a guess over its prose;
    `published` stands in where the page has none, and without either the page is an error.
    """
    import trafilatura  # imported here: a large import that only HTML needs

    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise ReadError("binary content, not HTML", source=source, line=line)
    try:
        page = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False,
                                           date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as err:  # noqa: BLE001  (trafilatura raises many kinds on broken markup)
        raise ReadError(f"cannot read the HTML ({type(err).__name__})", source=source, line=line) from None
    if page is None or not (page.text or "").strip():
        raise ReadError("no article text found in the HTML", source=source, line=line)
    if page.date:
        when = parse_date(page.date, source=source, line=line)
    elif published is not None:
        when = published
    else:
        raise ReadError("no publication date in the page: pass --date", source=source, line=line)
    text = check_text(page.text, source=source, line=line, max_chars=max_chars)
    given_url = url or page.url or None
    name = Path(source).name.split(".")[0]
    return Article(id=name if url is None and name else content_id(f"{given_url}\n{text}"), text=text,
                   published=when, title=page.title or None, url=given_url,
                   source=f"{source}:{line}" if line is not None else source)


def read_warc(path: Path, *, published: date | None = None, max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every HTML response in a WARC file of a crawl, each an article; its place in the file is the record's
    number, as a line is in a JSON Lines file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        yield ReadError(f"cannot read: {err.strerror or err}", source=source)
        return
    number = 0
    with stream:
        try:
            for record in ArchiveIterator(stream):
                number += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode() or ""
                if "html" not in kind or not status.startswith("2"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    yield from_html(record.content_stream().read(), source=source, url=url, published=published,
                                    max_chars=max_chars, line=number)
                except ReadError as err:
                    yield err
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
            yield ReadError(f"broken WARC after record {number} ({err})", source=source, line=number + 1)


def read_file(path: Path, *, published: date | None = None, max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every article in one file, by its form (JSON Lines by suffix, else dated or plain text)."""
    source = str(path)
    if path.name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, published=published, max_chars=max_chars)
        return
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read()
        else:
            data = path.read_bytes()
    except (OSError, EOFError) as err:
        yield ReadError(f"cannot read: {getattr(err, 'strerror', None) or err}", source=source)
        return
    if path.name.endswith(TIMEML_SUFFIXES):
        try:
            yield parse_timeml(data, source=source, max_chars=max_chars)[0]
        except ReadError as err:
            yield err
        return
    if path.name.endswith(HTML_SUFFIXES):
        try:
            yield from_html(data, source=source, published=published, max_chars=max_chars)
        except ReadError as err:
            yield err
        return
    yield from read_bytes(data, source=source, published=published, max_chars=max_chars,
                          jsonl=path.name.endswith(JSONL_SUFFIXES))


def read_bytes(data: bytes, *, source: str, published: date | None = None, max_chars: int = MAX_CHARS,
               jsonl: bool | None = None) -> Iterator[Read]:
    """Every article in a blob; `jsonl=None` tells JSON Lines from text by the first character."""
    try:
        raw = decode(data, source=source)
    except ReadError as err:
        yield err
        return
    if jsonl is None and re.match(r"\s*<(?:!doctype html|html)\b", raw[:1000], re.IGNORECASE):
        try:
            yield from_html(raw, source=source, published=published, max_chars=max_chars)
        except ReadError as err:
            yield err
        return
    if jsonl is None:
        jsonl = raw.lstrip().startswith("{")
    if jsonl:
        yield from read_json_lines(raw.splitlines(), source=source, published=published, max_chars=max_chars)
        return
    try:
        yield from_dated_text(raw, source=source, published=published, max_chars=max_chars)
    except ReadError as err:
        yield err


def read_paths(paths: Iterable[str | Path], *, published: date | None = None,
               max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every article from files, folders (their files, sorted) and ``-`` for standard input."""
    for item in paths:
        if str(item) == "-":
            yield from read_bytes(sys.stdin.buffer.read(), source="-", published=published, max_chars=max_chars)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from read_file(child, published=published, max_chars=max_chars)
        elif path.exists():
            yield from read_file(path, published=published, max_chars=max_chars)
        else:
            yield ReadError("no such file", source=str(path))
