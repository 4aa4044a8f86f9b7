"""Reading the web: HTML pages (main text, title, date by trafilatura) and WARC crawls (each HTML response)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus import html_page, story, write_warc
from dateline.errors import ReadError
from dateline.read import read_paths


def test_an_html_page_gives_its_main_text_title_and_date(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(html_page(3))
    (article,) = read_paths([tmp_path / "page.html"])
    day, title, text = story(3)
    assert not isinstance(article, ReadError)
    assert article.published == date.fromisoformat(day)
    assert article.title == title
    assert text.split("\n")[1] in article.text  # the article's paragraphs ...
    assert "Home | Politics" not in article.text and "Coast Ledger" not in article.text  # ... not the page's frame


def test_a_page_without_a_date_is_an_error_unless_one_is_given(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_bytes(html_page(4, dated=False))
    (error,) = read_paths([page])
    assert isinstance(error, ReadError)
    assert str(error).startswith(f"{page}: ") and "no publication date" in str(error)
    (article,) = read_paths([page], published=date(2024, 5, 1))
    assert article.published == date(2024, 5, 1)


def test_a_warc_crawl_gives_each_html_response_with_its_url(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, [("https://a.example/1", html_page(1), "text/html"),
                       ("https://a.example/feed", b"{}", "application/json"),
                       ("https://a.example/2", html_page(2, dated=False), "text/html"),
                       ("https://a.example/3", html_page(3), "text/html; charset=utf-8")])
    got = list(read_paths([crawl]))
    assert [getattr(a, "url", None) for a in got] == ["https://a.example/1", None, "https://a.example/3"]
    assert isinstance(got[1], ReadError) and str(got[1]).startswith(f"{crawl}:3: ")  # the record, as a line


def test_a_broken_warc_is_one_error_after_the_records_it_could_read(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, [("https://a.example/1", html_page(1), "text/html")])
    crawl.write_bytes(crawl.read_bytes() + b"this is not a WARC record")
    got = list(read_paths([crawl]))
    assert got[0].url == "https://a.example/1"
    assert len(got) == 2 and isinstance(got[1], ReadError)


PAGE = ("<html><head>{meta}<title>Caf\u00e9 vote</title></head><body><article><p>\u201cWe will reopen the caf\u00e9 "
        "by the harbor,\u201d Mayor Ana Ord\u00f3\u00f1ez said on Monday, and the council agreed to it.</p>"
        "</article></body></html>")


def test_a_latin_1_page_keeps_its_accents_and_a_windows_1252_page_its_curly_quotes(tmp_path: Path) -> None:
    latin = PAGE.replace("\u201c", '"').replace("\u201d", '"')
    (tmp_path / "latin.html").write_bytes(latin.format(meta='<meta charset="ISO-8859-1">').encode("latin-1"))
    (tmp_path / "windows.html").write_bytes(PAGE.format(
        meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252"))
    (tmp_path / "undeclared.html").write_bytes(PAGE.format(meta="").encode("cp1252"))
    got = {a.id: a for a in read_paths([tmp_path], published=date(2024, 3, 4))}
    assert "\u00f3\u00f1ez" in got["latin"].text and "caf\u00e9" in got["latin"].text
    for name in ("windows", "undeclared"):
        assert "\u201cWe will reopen the caf\u00e9 by the harbor,\u201d Mayor Ana Ord\u00f3\u00f1ez" in got[name].text
        assert "\ufffd" not in got[name].text


def test_a_utf_16_page_is_read_with_or_without_its_byte_order_mark(tmp_path: Path) -> None:
    page = PAGE.format(meta='<meta charset="utf-16">')
    (tmp_path / "marked.html").write_bytes(page.encode("utf-16"))
    (tmp_path / "unmarked.html").write_bytes(page.encode("utf-16-le"))
    got = list(read_paths([tmp_path], published=date(2024, 3, 4)))
    assert [a.id for a in got] == ["marked", "unmarked"]
    assert all("Ord\u00f3\u00f1ez" in a.text for a in got)


def test_a_warc_record_is_decoded_by_the_charset_of_its_response(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, [("https://a.example/1", PAGE.format(meta="").encode("cp1252"),
                        "text/html; charset=windows-1252")])
    (article,) = read_paths([crawl], published=date(2024, 3, 4))
    assert "\u201cWe will reopen the caf\u00e9" in article.text
