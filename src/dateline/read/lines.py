"""Lines of a file as a stream: what JSON Lines readers iterate, in memory that does not grow with the file.

A file is read a line at a time, through gzip when its name ends in ``.gz``. A line ends at ``\\n`` only, so a JSON
string holding U+2028, U+2029 or U+0085 (what ``json.dumps(ensure_ascii=False)`` writes) stays one line and later line
numbers stay right. Each line is decoded on its own, so a byte that is not UTF-8, or a NUL, costs that line and no
other. A line longer than `MAX_LINE_BYTES` is passed over without being held. A compressed stream that breaks (cut
short, corrupt) ends the file with one error at the line where it stopped, after every line before it; one that
expands past `MAX_EXPANSION` times its size (a decompression bomb) is refused as soon as it does.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from dateline.errors import Code, ReadError

MAX_LINE_BYTES = 64 * 1024 * 1024
"""The longest line read: room for the longest article (1,000,000 characters) written with JSON escapes."""

MAX_EXPANSION = 200
"""How many times its own size a compressed file may expand to (news text expands 3 to 10 times)."""

EXPANSION_FLOOR = 256 * 1024 * 1024
"""A compressed file may always expand to this much, however small it is."""

CHUNK = 1024 * 1024

Line = tuple[int, str] | ReadError


def _bytes_lines(stream: BinaryIO, *, source: str, compressed_size: int | None,
                 max_line: int) -> Iterator[tuple[int, bytes] | ReadError]:
    """(line number, bytes without the ending) for each line; errors for over-long lines and a broken stream."""
    limit = None if compressed_size is None else max(EXPANSION_FLOOR, MAX_EXPANSION * compressed_size)
    total = 0
    number = 0
    try:
        while True:
            raw = stream.readline(max_line + 1)
            if not raw:
                return
            number += 1
            total += len(raw)
            if len(raw) > max_line and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # pass over the rest of the line without keeping it
                    raw = stream.readline(CHUNK)
                    total += len(raw)
                    if limit is not None and total > limit:
                        break
                yield ReadError(f"line over {max_line:,} bytes, passed over", source=source, line=number,
                                code=Code.TOO_LARGE)
            else:
                yield number, raw[:-1] if raw.endswith(b"\n") else raw
            if limit is not None and total > limit:
                yield ReadError(f"the compressed file expands past {limit:,} bytes ({MAX_EXPANSION} times its size):"
                                " refused as a decompression bomb", source=source, line=number + 1, code=Code.TOO_LARGE)
                return
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as err:
        reason = "cut short" if isinstance(err, EOFError) else f"corrupt ({err})"
        yield ReadError(f"compressed stream {reason} after line {number}; the lines before it were read",
                        source=source, line=number + 1, code=Code.DAMAGED)


def decoded_lines(stream: BinaryIO, *, source: str, compressed_size: int | None = None,
                  max_line: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """(line number, text) for each line of a binary stream, or the `ReadError` that line (or the stream) gives.

    `compressed_size` is the size on disk of a compressed stream, for the decompression limit.
    """
    for item in _bytes_lines(stream, source=source, compressed_size=compressed_size, max_line=max_line):
        if isinstance(item, ReadError):
            yield item
            continue
        number, raw = item
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if b"\x00" in raw:
            yield ReadError("binary content (a NUL byte), not text", source=source, line=number, code=Code.NOT_TEXT)
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield ReadError(f"not UTF-8 text (byte {err.start} of the line)", source=source, line=number,
                            code=Code.NOT_TEXT)
