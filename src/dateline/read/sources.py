"""Readers: from files, folders and standard input to `Article`s, never raising for one bad article.

A reader yields an `Article` for each article it can read and a `ReadError` (as a value, not raised) for each one
it cannot, so a batch reports the bad article and goes on. Forms read:

- dated text: ``date YYYY-MM-DD`` at the start (leading space allowed), the article on the same line after it;
- plain text, with a publication date given by the caller;
- JSON Lines, one article a line: ``{"id", "date" | "published", "text", "title"?, "url"?}``; ``.jsonl.gz`` too,
  read as a stream (`dateline.read.lines`);
- TimeML (``.tml``): the TEXT element, dated by the document creation time (`dateline.read.timeml`);
- HTML pages (``.html``, ``.htm``) and WARC crawls (``.warc``, ``.warc.gz``) (`dateline.read.web`), with the
  `html` extra: without it, a run given one is a `MissingExtra` error before it reads anything;
- standard input (``-``), in any of the forms above but WARC, told apart by its first characters.

Every field is checked once, by `dateline.read.fields`. An article without a publication date is an error, never
stored with a guessed one. Ids are unique within a run: a second article with an id already read gets a suffix
(``story-2``), and a `ReadNotice` says so.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from dateline.errors import Code, DatelineError, MissingExtra, ReadError, ReadNotice
from dateline.read.fields import MAX_CHARS, READ_SECONDS, Clock, Read, article_from, over_budget, source_name
from dateline.read.lines import decoded_lines, gunzipped
from dateline.read.timeml import parse_timeml
from dateline.read.web import MAX_PAGE_BYTES, from_html, read_warc, require_readers
from dateline.records import Article

HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json")
TEXT_SUFFIXES = (".txt", ".text", ".gz")
TIMEML_SUFFIXES = (".tml", ".timeml")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_START = re.compile(rb"\s*<(?:!doctype html|html)\b", re.IGNORECASE)


def stem(source: str) -> str:
    """A file's name without the suffixes Dateline reads it by: ``a.1.txt`` is ``a.1``, ``x.jsonl.gz`` is ``x``."""
    name = Path(source).name
    for suffix in sorted({*JSONL_SUFFIXES, *TEXT_SUFFIXES, *TIMEML_SUFFIXES, *HTML_SUFFIXES}, key=len, reverse=True):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def from_dated_text(raw: str, *, source: str, published: date | None = None, max_chars: int = MAX_CHARS) -> Read:
    """One article from the dated-text form, or from plain text when `published` is given."""
    header = HEADER.match(raw)
    if header:
        when: object = header.group(1)
        text = raw[header.end():]
    elif published is not None:
        when, text = published, raw
    else:
        return ReadError("no date: start the file with 'date YYYY-MM-DD' or pass --date", source=source, line=1,
                         code=Code.NO_DATE)
    try:
        return article_from({"text": text, "published": when}, source=source, max_chars=max_chars,
                            default_id=stem(source) if source != "-" else None)
    except ReadError as err:
        if err.code == Code.NO_DATE:
            err.line = 1
        return err


def from_json_line(line: str, *, source: str, lineno: int, published: date | None = None,
                   max_chars: int = MAX_CHARS, budget: float = READ_SECONDS, clock: Clock = time.monotonic) -> Read:
    """One article from a JSON Lines record; refused (`Code.READ_OVER_BUDGET`) if reading it took over `budget`
    seconds on `clock`."""
    started = clock()
    read = _from_json_line(line, source=source, lineno=lineno, published=published, max_chars=max_chars)
    return over_budget(started, budget, clock, source=source, line=lineno) or read


def _from_json_line(line: str, *, source: str, lineno: int, published: date | None, max_chars: int) -> Read:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return ReadError(f"malformed JSON ({err.msg}, column {err.colno})", source=source, line=lineno,
                         code=Code.MALFORMED)
    except (ValueError, RecursionError) as err:  # nesting too deep, a number too long to convert
        reason = "nested too deep" if isinstance(err, RecursionError) else str(err).split(";")[0][:120]
        return ReadError(f"malformed JSON ({reason})", source=source, line=lineno, code=Code.MALFORMED)
    try:
        return from_record(record, source=source, lineno=lineno, published=published, max_chars=max_chars)
    except ReadError as err:
        return err


def from_record(record: object, *, source: str, lineno: int, published: date | None = None,
                max_chars: int = MAX_CHARS) -> Article:
    """One article from a parsed JSON object: ``{"id", "date" | "published", "text", "title"?, "url"?}``; raises
    the `ReadError` if it is not one."""
    if not isinstance(record, dict):
        raise ReadError("a JSON line must be an object", source=source, line=lineno, code=Code.MALFORMED)
    when = record.get("date", record.get("published"))
    if when is None:
        when = published
    fields = {k: record.get(k) for k in ("id", "text", "title", "url")}
    return article_from({**fields, "published": when}, source=source, line=lineno, max_chars=max_chars)


def read_json_lines(stream: BinaryIO, *, source: str, published: date | None = None, max_chars: int = MAX_CHARS,
                    compressed_size: int | None = None) -> Iterator[Read]:
    """Every article of a JSON Lines stream, a line at a time; blank lines are skipped."""
    for item in decoded_lines(stream, source=source, compressed_size=compressed_size):
        if isinstance(item, ReadError):
            yield item
            continue
        number, line = item
        if line.strip():
            yield from_json_line(line, source=source, lineno=number, published=published, max_chars=max_chars)


def _one_file(path: Path, *, source: str, max_bytes: int) -> bytes | ReadError:
    """A whole (small) file's bytes, through gzip if it is compressed, refused past `max_bytes`."""
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            if path.stat().st_size > max_bytes:
                return ReadError(f"file of {path.stat().st_size:,} bytes is over the limit of {max_bytes:,}",
                                 source=source, code=Code.TOO_LARGE)
            data = path.read_bytes()
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        return ReadError(f"damaged compressed file ({type(err).__name__})", source=source, code=Code.DAMAGED)
    except OSError as err:
        return ReadError(f"cannot read: {err.strerror or err}", source=source, code=Code.UNREADABLE)
    if len(data) > max_bytes:
        return ReadError(f"file over the limit of {max_bytes:,} bytes", source=source, code=Code.TOO_LARGE)
    return data


def _text(data: bytes, *, source: str) -> str | ReadError:
    if b"\x00" in data[:8192]:
        return ReadError("binary content, not text", source=source, code=Code.NOT_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return ReadError(f"not UTF-8 text (byte {err.start})", source=source, code=Code.NOT_TEXT)


def read_file(path: Path, *, published: date | None = None, max_chars: int = MAX_CHARS,
              position: Callable[[int], None] | None = None) -> Iterator[Read]:
    """Every article in one file, by its form (by suffix; else JSON Lines or text by its first character).
    `position`, when given, is told how many bytes of the file have been read as a long file (JSON Lines, WARC)
    is read."""
    source = source_name(path)
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, published=published, max_chars=max_chars, position=position)
        return
    if name.endswith(JSONL_SUFFIXES) or (not name.endswith((*TIMEML_SUFFIXES, *HTML_SUFFIXES)) and _starts_json(path)):
        try:
            size = path.stat().st_size
            raw = path.open("rb")
        except OSError as err:
            yield ReadError(f"cannot read: {err.strerror or err}", source=source, code=Code.UNREADABLE)
            return
        stream: BinaryIO = gunzipped(raw) if name.endswith(".gz") else raw
        with raw, stream:
            for item in read_json_lines(stream, source=source, published=published, max_chars=max_chars,
                                        compressed_size=size if name.endswith(".gz") else None):
                if position is not None:
                    position(raw.tell())
                yield item
        return
    most = MAX_PAGE_BYTES if name.endswith((*TIMEML_SUFFIXES, *HTML_SUFFIXES)) else 4 * max_chars + 4096
    data = _one_file(path, source=source, max_bytes=most)
    if isinstance(data, ReadError):
        yield data
        return
    if name.endswith(TIMEML_SUFFIXES):
        started = time.monotonic()
        try:
            article: Read = parse_timeml(data, source=source, max_chars=max_chars)[0]
        except ReadError as err:
            article = err
        yield over_budget(started, READ_SECONDS, time.monotonic, source=source, line=None) or article
        return
    if name.endswith(HTML_SUFFIXES) or HTML_START.match(data[:1000]):
        yield from_html(data, source=source, published=published, max_chars=max_chars)
        return
    text = _text(data, source=source)
    yield text if isinstance(text, ReadError) else from_dated_text(text, source=source, published=published,
                                                                   max_chars=max_chars)


def _starts_json(path: Path) -> bool:
    """Whether a file's first character (after white space) opens a JSON object."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_stream(stream: BinaryIO, *, source: str, published: date | None = None,
                max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every article on a stream such as standard input: JSON Lines when it starts with ``{`` (read as it comes),
    else one HTML page or one article of (dated) text."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_json_lines(stream, source=source, published=published, max_chars=max_chars)
        return
    data = stream.read(max(MAX_PAGE_BYTES, 4 * max_chars + 4096) + 1)
    if HTML_START.match(data[:1000]):
        yield from_html(data, source=source, published=published, max_chars=max_chars)
        return
    if len(data) > 4 * max_chars + 4096:
        yield ReadError("standard input is over the article length limit", source=source, code=Code.TOO_LARGE)
        return
    text = _text(data, source=source)
    yield text if isinstance(text, ReadError) else from_dated_text(text, source=source, published=published,
                                                                   max_chars=max_chars)


def read_bytes(data: bytes, *, source: str, published: date | None = None,
               max_chars: int = MAX_CHARS) -> Iterator[Read]:
    """Every article in a blob, told apart as `read_stream` tells them."""
    yield from read_stream(io.BufferedReader(io.BytesIO(data)), source=source, published=published,
                           max_chars=max_chars)


def _guarded(read: Callable[[], Iterable[Read]], source: str) -> Iterator[Read]:
    """A reader's articles, and an error in place of any failure it did not expect: one file never ends a run. A
    missing extra does (`MissingExtra`): every file of its form would fail alike."""
    try:
        yield from read()
    except MissingExtra:
        raise
    except Exception as err:  # noqa: BLE001  (the point: whatever went wrong, the next file is still read)
        yield ReadError(f"unexpected failure while reading ({type(err).__name__}: {str(err)[:160]})",
                        source=source, code=Code.READER_FAILED)


ARTICLE_SUFFIXES = (*JSONL_SUFFIXES, *TEXT_SUFFIXES, *TIMEML_SUFFIXES, *HTML_SUFFIXES, *WARC_SUFFIXES)


def _article_form(path: Path) -> bool:
    """Whether a file in a folder is read: by its name, one of the article forms, or a name with no suffix (a
    README.md, a CSV or a script beside the articles is passed over). A file named on its own is always read."""
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) or not path.suffix


@dataclass
class Reading:
    """How far a run of `read_paths` has read, for a progress bar: bytes of its input files read (`done`) of all
    their bytes (`total`, known once the paths are listed; None when standard input is among them)."""

    total: int | None = None
    done: int = 0


def _walk(folder: Path) -> tuple[list[Path], list[OSError]]:
    """A folder's files (not hidden ones), sorted, and an error for each folder inside it that cannot be read: a
    folder Dateline cannot open is said, never passed over in silence."""
    files: list[Path] = []
    unreadable: list[OSError] = []
    for top, _, names in os.walk(folder, onerror=unreadable.append):
        files.extend(Path(top, name) for name in names if not name.startswith("."))
    return sorted(p for p in files if p.is_file()), sorted(unreadable, key=lambda err: str(err.filename))


def _listed(paths: Iterable[str | Path]) -> list[str | Path | DatelineError]:
    """The files to read, in order: "-" for standard input, each file named, each folder's files of an article form
    (sorted), and in their places an error for a path that is not there and a notice for a folder's other files."""
    listed: list[str | Path | DatelineError] = []
    for item in paths:
        if str(item) == "-":
            listed.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            files, unreadable = _walk(path)
            listed.extend(ReadError(f"cannot read the folder: {err.strerror or err}", source=source_name(Path(
                err.filename or path)), code=Code.UNREADABLE) for err in unreadable)
            others = [p for p in files if not _article_form(p)]
            listed.extend(p for p in files if _article_form(p))
            if others:
                names = ", ".join(p.name for p in others[:3]) + (", …" if len(others) > 3 else "")
                listed.append(ReadNotice(f"passed over {len(others)} file(s) not of an article form by name "
                                         f"({names})", source=source_name(path), code=Code.PASSED_OVER))
        elif path.exists():
            listed.append(path)
        else:
            listed.append(ReadError("no such file", source=source_name(path), code=Code.UNREADABLE))
    return listed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _require_readers(listed: list[str | Path | DatelineError]) -> None:
    """Before anything is read: `MissingExtra` if a page or a crawl is named by its suffix and what reads it is
    not installed (a page found by its content, or on standard input, says so when it is read)."""
    names = [item.name.lower() for item in listed if isinstance(item, Path)]
    if any(name.endswith(WARC_SUFFIXES) for name in names):
        require_readers(warc=True)
    if any(name.endswith(HTML_SUFFIXES) for name in names):
        require_readers()


def _sources(paths: Iterable[str | Path], published: date | None, max_chars: int,
             reading: Reading) -> Iterator[Read | ReadNotice]:
    listed = _listed(paths)
    _require_readers(listed)
    sizes = {item: _size(item) for item in listed if isinstance(item, Path)}
    reading.total = None if "-" in listed else sum(sizes.values())
    for item in listed:
        if isinstance(item, DatelineError):
            yield item
        elif item == "-":
            yield from _guarded(lambda: read_stream(sys.stdin.buffer, source="-", published=published,
                                                    max_chars=max_chars), "-")
        else:
            assert isinstance(item, Path)
            before = reading.done

            def at(position: int, before: int = before) -> None:
                reading.done = before + position

            yield from _guarded(lambda item=item, at=at: read_file(item, published=published, max_chars=max_chars,
                                                                   position=at), source_name(item))
            reading.done = before + sizes[item]


def read_paths(paths: Iterable[str | Path], *, published: date | None = None, max_chars: int = MAX_CHARS,
               reading: Reading | None = None) -> Iterator[Read | DatelineError]:
    """Every article from files, folders (their files of an article form, sorted; a `ReadNotice` counts the others)
    and ``-`` for standard input, each id unique in the run (a repeat gets a suffix, and a `ReadNotice` before it
    says so). A `reading` given is kept up to date with the bytes read, as the articles come."""
    seen: dict[str, int] = {}
    for item in _sources(paths, published, max_chars, reading if reading is not None else Reading()):
        if isinstance(item, DatelineError):  # an error, or a notice (files passed over)
            yield item
            continue
        if item.id in seen:
            n = seen[item.id] + 1
            while f"{item.id}-{n}" in seen:
                n += 1
            seen[item.id] = n
            new = f"{item.id}-{n}"
            yield ReadNotice(f"id {item.id!r} was read before: this article is {new!r}",
                             source=item.source or "")
            item = replace(item, id=new)
        seen.setdefault(item.id, 1)
        yield item
