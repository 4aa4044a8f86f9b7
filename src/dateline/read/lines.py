"""Lines of a file as a stream: what JSON Lines readers iterate, in memory that does not grow with the file.

A file is read a line at a time, through gzip when its name ends in ``.gz``. A line ends at ``\\n`` only, so a JSON
string holding U+2028, U+2029 or U+0085 (what ``json.dumps(ensure_ascii=False)`` writes) stays one line and later line
numbers stay right. Each line is decoded on its own, so a byte that is not UTF-8, or a NUL, costs that line and no
other. A line longer than `MAX_LINE_BYTES` is passed over without being held. A compressed stream that breaks (cut
short, corrupt) ends the file with one error at the line where it stopped, after every line before it: `Gunzip`
decompresses as far as the damage, a byte at a time where the damage is, so no whole line before it is lost to a
buffer. One that expands past `MAX_EXPANSION` times its size (a decompression bomb) is refused as soon as it does.
"""

from __future__ import annotations

import gzip
import io
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

GZIP = 16 + zlib.MAX_WBITS


class Gunzip(io.RawIOBase):
    """A gzip file's bytes, decompressed as far as they can be: every byte before the damage of a damaged one
    comes out before the error (`EOFError` for a stream cut short, `zlib.error` for a corrupt one) is raised. Files of
    several members (``cat a.gz b.gz``) are read through; bytes after the last member that are not gzip are damage."""

    def __init__(self, raw: BinaryIO, chunk: int = 64 * 1024) -> None:
        self.raw = raw
        self.chunk = chunk
        self.inflate = zlib.decompressobj(GZIP)
        self.pending = b""
        self.failed: Exception | None = None
        self.started = False  # bytes of the current member read
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            if self.failed is not None:
                failed, self.failed = self.failed, None
                self.ended = True
                raise failed
            if self.ended:
                return 0
            self._more()
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def _more(self) -> None:
        data = self.inflate.unused_data if self.inflate.eof else b""
        if self.inflate.eof:
            self.inflate = zlib.decompressobj(GZIP)  # the next member, if any
            self.started = False
        if not data:
            data = self.raw.read(self.chunk)
            if not data:
                if self.started:
                    self.failed = EOFError("compressed file ended before the end-of-stream marker was reached")
                else:
                    self.ended = True
                return
        self.started = True
        before = self.inflate.copy()
        try:
            self.pending = self.inflate.decompress(data)
        except zlib.error as err:
            self.pending = self._as_far_as(before, data)  # what came out before the damaged byte
            self.failed = err

    @staticmethod
    def _as_far_as(inflate: zlib._Decompress, data: bytes) -> bytes:
        out = []
        for k in range(len(data)):
            try:
                out.append(inflate.decompress(data[k:k + 1]))
            except zlib.error:
                break
        return b"".join(out)


def gunzipped(raw: BinaryIO) -> BinaryIO:
    """A gzip stream's decompressed bytes, buffered for `readline`, every byte before any damage given first."""
    return io.BufferedReader(Gunzip(raw))  # type: ignore[return-value]


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
        before = {0: "nothing before it", 1: "line 1 was read"}.get(number, f"lines 1 to {number:,} were read")
        yield ReadError(f"compressed stream {reason} at line {number + 1}; {before}", source=source, line=number + 1,
                        code=Code.DAMAGED)


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
