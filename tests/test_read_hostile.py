"""Damaged and hostile input: a bad line, record or field costs only itself, with a coded one-line error that names
the file and the line, and every good article next to it still comes out."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest

from corpus import html_page, write_warc
from dateline.errors import ReadError, ReadNotice
from dateline.read import read_paths
from dateline.records import Article


def record(n: int, **fields: object) -> str:
    return json.dumps({"id": f"a{n}", "date": "2024-03-14", "text": f"Article {n} text.", **fields},
                      ensure_ascii=False)


def read(path: Path, **options: object) -> tuple[list[Article], list[ReadError]]:
    items = list(read_paths([path], **options))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)])


def jsonl(tmp_path: Path, lines: list[str | bytes], name: str = "c.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in lines) + b"\n")
    return path


# -- streams: one bad line costs one line ---------------------------------------------------------------------

def test_a_latin1_byte_costs_only_its_line(tmp_path: Path) -> None:
    lines: list[str | bytes] = [record(n) for n in range(1, 6)]
    lines[2] = record(3).encode("utf-8").replace(b"text", b"t\xe9xt")
    good, bad = read(jsonl(tmp_path, lines))
    assert [a.id for a in good] == ["a1", "a2", "a4", "a5"]
    (error,) = bad
    assert (error.line, error.code) == (3, "D103") and "not UTF-8" in error.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x1c"])
def test_unicode_line_separators_inside_a_string_do_not_split_the_record(tmp_path: Path, separator: str) -> None:
    path = jsonl(tmp_path, [record(1, text=f"One{separator}two."), "{broken", record(3)])
    good, bad = read(path)
    assert [a.text for a in good] == [f"One{separator}two.", "Article 3 text."]
    assert [e.line for e in bad] == [2]


def test_a_nul_line_costs_only_itself(tmp_path: Path) -> None:
    good, bad = read(jsonl(tmp_path, [record(1), b"\x00\x00\x00", record(3)]))
    assert [a.id for a in good] == ["a1", "a3"]
    assert [(e.line, e.code) for e in bad] == [(2, "D103")]


def gz_lines(n: int) -> bytes:
    return gzip.compress(("\n".join(record(i) for i in range(1, n + 1)) + "\n").encode("utf-8"))


def test_a_truncated_gzip_keeps_every_line_before_the_damage(tmp_path: Path) -> None:
    data = gz_lines(400)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    good, bad = read(path)
    assert len(good) > 50 and [a.id for a in good] == [f"a{i}" for i in range(1, len(good) + 1)]
    (error,) = bad
    assert error.code == "D106" and "cut short" in error.message and error.line is not None


def test_a_corrupt_gzip_is_one_error_after_the_lines_before_it(tmp_path: Path) -> None:
    data = bytearray(gz_lines(400))
    data[len(data) // 2: len(data) // 2 + 40] = b"\xff" * 40
    path = tmp_path / "corrupt.jsonl.gz"
    path.write_bytes(bytes(data))
    good, bad = read(path)
    assert bad and bad[-1].code == "D106"
    assert [a.id for a in good][:10] == [f"a{i}" for i in range(1, 11)]


def test_a_decompression_bomb_is_refused_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.read import lines

    monkeypatch.setattr(lines, "EXPANSION_FLOOR", 1024 * 1024)  # the floor made small, as for a big file's limit
    blob = (record(1) + "\n").encode() + b" " * (8 * 1024 * 1024) + b"\n" + (record(2) + "\n").encode()
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(blob, compresslevel=9))
    good, bad = read(path)
    assert [a.id for a in good] == ["a1"]
    assert bad[-1].code == "D108" and "decompression bomb" in bad[-1].message


def test_an_overlong_line_is_passed_over_and_the_next_read(tmp_path: Path) -> None:
    from dateline.read import lines

    path = jsonl(tmp_path, [record(1), record(2, text="x" * 5000), record(3)])
    with path.open("rb") as fh:
        got = list(lines.decoded_lines(fh, source="c.jsonl", max_line=1000))
    assert [g[0] if isinstance(g, tuple) else ("error", g.line) for g in got] == [1, ("error", 2), 3]


# -- JSON that the parser itself refuses ------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deep"),
    ('{"id": ' + "9" * 5000 + ', "date": "2024-03-14", "text": "x"}', "digits"),
    ("[1, 2]", "must be an object"),
])
def test_json_the_parser_refuses_is_that_lines_error(tmp_path: Path, line: str, reason: str) -> None:
    good, bad = read(jsonl(tmp_path, [line, record(2)]))
    assert [a.id for a in good] == ["a2"]
    (error,) = bad
    assert error.code == "D105" and reason in error.message and error.line == 1


# -- fields checked at the edge ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "code", "words"), [
    ({"title": ["a", "list"]}, "D104", "title must be a string, not a list"),
    ({"url": {"an": "object"}}, "D104", "url must be a string, not an object"),
    ({"id": ["x"]}, "D104", "id must be a string"),
    ({"id": "x" * 600}, "D104", "over the limit"),
    ({"text": 42}, "D104", "text must be a string"),
    ({"title": "a\x00b"}, "D103", "NUL"),
    ({"id": "a\x00b"}, "D103", "NUL"),
    ({"url": "https://x.example/\ud800"}, "D103", "unpaired surrogate U+D800"),
    ({"text": "Lone \udc80 surrogate."}, "D103", "unpaired surrogate U+DC80"),
    ({"date": "0001-01-01"}, "D101", "outside the supported years"),
    ({"date": "9999-12-31"}, "D101", "outside the supported years"),
    ({"date": "2021-02-30"}, "D101", "is not a date"),
    ({"date": 20210630}, "D101", "must be a string"),
])
def test_each_field_is_checked_once_with_a_coded_error(tmp_path: Path, fields: dict[str, object], code: str,
                                                       words: str) -> None:
    line = json.dumps({"id": "x", "date": "2024-03-14", "text": "Some text.", **fields})  # ASCII: \\ud800 escaped
    good, bad = read(jsonl(tmp_path, [line, record(2)]))
    assert [a.id for a in good] == ["a2"]
    (error,) = bad
    assert (error.code, error.line) == (code, 1) and words in error.message
    assert "\n" not in str(error)


def test_a_numeric_id_is_kept_as_its_digits_and_edge_dates_are_read(tmp_path: Path) -> None:
    good, bad = read(jsonl(tmp_path, [json.dumps({"id": 17, "date": "1000-01-01", "text": "Old."}),
                                      json.dumps({"id": 18, "date": "2999-12-31", "text": "Far."})]))
    assert not bad and [(a.id, a.published) for a in good] == [("17", date(1000, 1, 1)), ("18", date(2999, 12, 31))]


# -- ids and names ----------------------------------------------------------------------------------------------

def test_files_that_differ_after_the_first_dot_keep_apart_ids(tmp_path: Path) -> None:
    for name in ("a.1.txt", "a.2.txt"):
        (tmp_path / name).write_text("date 2024-03-14 Text of " + name, encoding="utf-8")
    good, _ = read(tmp_path)
    assert sorted(a.id for a in good) == ["a.1", "a.2"]


def test_a_repeated_id_gets_a_suffix_and_a_notice(tmp_path: Path) -> None:
    for folder in ("sub", "other"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"date 2024-03-14 Story in {folder}.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    notices = [i for i in items if isinstance(i, ReadNotice)]
    assert [a.id for a in items if isinstance(a, Article)] == ["x", "x-2"]
    assert len(notices) == 1 and "'x-2'" in str(notices[0])


# -- other forms ------------------------------------------------------------------------------------------------

def test_deeply_nested_timeml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.tml"
    path.write_text("<TimeML><TEXT>" + "<b>" * 5000 + "x" + "</b>" * 5000 + "</TEXT></TimeML>", encoding="utf-8")
    (error,) = read_paths([path])
    assert isinstance(error, ReadError) and error.code == "D105"


def test_a_truncated_warc_record_is_an_error_never_an_article(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc"
    write_warc(crawl, [(f"https://ledger.example/{n}", html_page(n), "text/html") for n in (1, 2)], gzip=False)
    data = crawl.read_bytes()
    crawl.write_bytes(data[: len(data) - 300])  # the second record loses its end
    items = list(read_paths([crawl]))
    assert isinstance(items[0], Article) and items[0].url == "https://ledger.example/1"
    assert len(items) == 2 and isinstance(items[1], ReadError) and items[1].code == "D106"


def test_a_warc_response_without_a_target_uri_costs_that_record_only(tmp_path: Path) -> None:
    crawl = tmp_path / "nouri.warc.gz"
    write_warc(crawl, [("", html_page(1), "text/html"), ("https://ledger.example/2", html_page(2), "text/html")])
    error, article = read_paths([crawl])
    assert isinstance(error, ReadError) and error.code == "D106" and error.line == 1
    assert isinstance(article, Article) and article.url == "https://ledger.example/2"


def dated_page(stamp: str) -> bytes:
    """A page whose published-time meta tag holds `stamp`."""
    return re.sub(rb'published_time" content="[^"]*"', b'published_time" content="' + stamp.encode() + b'"',
                  html_page(1))


@pytest.mark.parametrize("stamp", ["2021-02-30", "2021-06", "2021"])
def test_an_impossible_or_partial_page_date_is_never_completed(tmp_path: Path, stamp: str) -> None:
    (tmp_path / "p.html").write_bytes(dated_page(stamp))
    (error,) = read_paths([tmp_path / "p.html"])
    assert isinstance(error, ReadError) and error.code == "D101"


@pytest.mark.parametrize("day", ["1970-01-01", "2038-01-19", "2021-06-21T10:00:00+02:00"])
def test_a_whole_valid_page_date_is_read_whatever_the_year(tmp_path: Path, day: str) -> None:
    (tmp_path / "p.html").write_bytes(dated_page(day))
    (article,) = read_paths([tmp_path / "p.html"])
    assert isinstance(article, Article) and article.published == date.fromisoformat(day[:10])


def test_a_gzip_that_is_not_gzip_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b"this was never compressed\n" * 10)
    good, bad = read(path)
    assert not good and len(bad) == 1 and bad[0].code == "D106"


@pytest.mark.parametrize("day", ["1000-01-01", "2999-12-31"])
def test_the_first_and_last_supported_days_work_in_every_step(run, day: str) -> None:  # type: ignore[no-untyped-def]
    r = run("The mayor said on Monday that the vote, due in 8,000 years, would wait until February and was"
            " planned 100 years ago, next century, tomorrow.", published=day)
    assert r.quotes and r.times and all(t.value for t in r.times)


def test_a_warc_cut_inside_a_record_header_keeps_the_records_before(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc"
    write_warc(crawl, [(f"https://ledger.example/{n}", html_page(n), "text/html") for n in (1, 2)], gzip=False)
    data = crawl.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    crawl.write_bytes(data[: second + 60])  # the second record stops inside its WARC header
    items = list(read_paths([crawl]))
    assert isinstance(items[0], Article) and items[0].url == "https://ledger.example/1"
    assert len(items) == 2 and isinstance(items[1], ReadError) and items[1].code == "D106"


def test_a_reader_that_fails_costs_its_file_and_the_next_files_are_read(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.read import sources

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"date 2024-03-14 Story {name}.", encoding="utf-8")
    real = sources.read_file

    def one_broken(path: Path, **options: object) -> object:  # stands in for a bug: none is known for real
        if path.name == "b.txt":
            raise RuntimeError("a bug")
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "read_file", one_broken)
    items = list(read_paths([tmp_path]))
    assert [i.id if isinstance(i, Article) else i.code for i in items] == ["a", "D109", "c"]


def test_the_python_api_checks_its_fields_as_a_reader_does(run) -> None:  # type: ignore[no-untyped-def]
    import dateline

    result = dateline.extract("Ana Ortiz said on Monday that taxes would rise.", published="2021-06-21")
    assert result.times[0].value == "2021-06-21" and result.source is None
    with pytest.raises(ReadError, match=r"\[D101\]"):
        dateline.extract("Ana Ortiz said.", published="2021-02-30")
    with pytest.raises(ReadError, match=r"\[D104\] title must be a string"):
        dateline.extract("Ana Ortiz said.", published="2021-02-03", title={"not": "a title"})  # type: ignore[arg-type]
