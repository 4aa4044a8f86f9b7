"""Damage costs only what is damaged: the lines of a gzip before its damage, the WARC records after a bad one, the
other times of a story with an impossible date; an unreadable folder is said; refused lines hold no memory."""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from dateline.errors import DatelineError, ReadError
from dateline.pipeline import HELD, extract, process
from dateline.read import read_paths
from dateline.read.lines import gunzipped
from dateline.read.sources import read_json_lines

WORDS = ["harbor", "mayor", "vote", "council", "said", "budget", "bridge", "school"]


def lines(n: int) -> list[str]:
    return [json.dumps({"id": f"a{i}", "date": "2021-03-01",
                        "text": f"Story {i}: " + " ".join(WORDS[(i * 7 + k * 3) % 8] for k in range(12))})
            for i in range(n)]


def undamaged(data: bytes, original: bytes) -> int:
    """How many bytes of `original` a damaged gzip gives right before its damage: decompressed a byte at a time
    until zlib stops, compared with what it should be."""
    inflate, out = zlib.decompressobj(16 + zlib.MAX_WBITS), bytearray()
    for k in range(len(data)):
        try:
            out += inflate.decompress(data[k:k + 1])
        except zlib.error:
            break
    same = 0
    while same < min(len(out), len(original)) and out[same] == original[same]:
        same += 1
    return same


def test_a_gzip_damaged_at_any_byte_keeps_every_line_before_the_damage() -> None:
    original = ("\n".join(lines(40)) + "\n").encode()
    packed = gzip.compress(original)
    for at in range(len(packed)):
        for damage in (bytes([packed[at] ^ 0xFF]), b""):  # a byte changed, or the file cut there
            data = packed[:at] + damage + (packed[at + 1:] if damage else b"")
            before = original[:undamaged(data, original)].count(b"\n")  # whole lines before the damage
            got = list(read_json_lines(gunzipped(io.BytesIO(data)), source="w.jsonl.gz", compressed_size=len(data)))
            read = [a.id for a in got if not isinstance(a, ReadError)]
            assert read[:before] == [f"a{i}" for i in range(before)], (at, damage)


def test_the_damage_is_named_by_its_line(tmp_path: Path) -> None:
    packed = gzip.compress(("\n".join(lines(300)) + "\n").encode())
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(packed[:len(packed) // 2])
    got = list(read_paths([path]))
    error = got[-1]
    read = len(got) - 1
    assert isinstance(error, ReadError) and error.code == "D106" and error.line == read + 1
    assert str(error) == (f"{path}:{read + 1}: [D106] compressed stream cut short at line {read + 1}; "
                          f"lines 1 to {read} were read")
    assert read > 100


def test_concatenated_gzip_members_are_read_through(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl.gz"
    first, second = ("\n".join(lines(3)) + "\n").encode(), (lines(5)[4] + "\n").encode()
    path.write_bytes(gzip.compress(first) + gzip.compress(second))
    assert [a.id for a in read_paths([path])] == ["a0", "a1", "a2", "a4"]


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("date 2021-03-01 The mayor spoke.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("date 2021-03-01 The mayor spoke again.", encoding="utf-8")
    if os.geteuid() == 0:  # root reads any folder: refuse this one as the system would refuse another user
        scandir = os.scandir

        def refusing(path: object = ".") -> object:
            if Path(os.fsdecode(path)) == locked:  # type: ignore[arg-type]
                raise PermissionError(13, "Permission denied", str(locked))
            return scandir(path)  # type: ignore[arg-type]
        monkeypatch.setattr(os, "scandir", refusing)
    else:
        locked.chmod(0)
    try:
        got = list(read_paths([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [a.id for a in got if not isinstance(a, DatelineError)] == ["a"]
    (error,) = [e for e in got if isinstance(e, DatelineError)]
    assert isinstance(error, ReadError) and error.code == "D107" and error.source == str(locked)
    assert "cannot read the folder: Permission denied" in str(error)


def test_refused_lines_are_passed_on_as_they_come_and_held_nowhere(nlp: Language) -> None:
    pulled = 0
    given = 0

    def refused() -> Iterator[ReadError]:
        nonlocal pulled
        for n in range(50_000):
            pulled += 1
            assert pulled - given <= HELD + 1, "errors are being held"
            yield ReadError("malformed JSON", source="bad.jsonl", line=n + 1)

    for _ in process(nlp, refused()):
        given += 1
        assert pulled - given <= 1  # no article waits: each error goes on at once
    assert given == 50_000


@pytest.mark.model
def test_a_story_with_an_impossible_date_keeps_its_other_times(nlp: Language) -> None:
    text = ("Harbor Corp said on Monday that its profit for February 30, 1987 rose 5 pct from a year earlier. "
            "Its shares rose on Tuesday.")
    result = extract(text, date(1987, 3, 4), nlp=nlp)
    assert [(t.text, t.value) for t in result.times] == [
        ("Monday", "1987-03-02"), ("February 30, 1987", "1987-02-30"), ("a year earlier", "1986"),
        ("Tuesday", "1987-03-03")]
