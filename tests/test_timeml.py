"""TimeML in and out: the reader takes a document's text, creation date and TIMEX3s; the writer gives them back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.errors import ReadError
from dateline.read import parse_timeml, read_paths
from dateline.records import Article, Result
from dateline.serve.cli import app
from dateline.serve.timeml import to_timeml

DOC = b"""<?xml version="1.0" ?>
<TimeML>
<DOCID>harbor</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-14" functionInDocument="CREATION_TIME">March 14, 2024</TIMEX3></DCT>
<TEXT>The vote was put off on <TIMEX3 tid="t1" type="DATE" value="2024-03-12">Tuesday</TIMEX3> &amp; will
be held in <TIMEX3 tid="t2" type="DATE" value="2024-04">April</TIMEX3>.</TEXT>
</TimeML>
"""


def test_the_reader_takes_text_date_and_expressions() -> None:
    article, times = parse_timeml(DOC, source="harbor.tml")
    assert (article.id, article.published.isoformat()) == ("harbor", "2024-03-14")
    assert article.text.startswith("The vote was put off on Tuesday & will")
    assert [(t.text, t.value) for t in times] == [("Tuesday", "2024-03-12"), ("April", "2024-04")]


def test_a_tml_file_is_read_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "harbor.tml").write_bytes(DOC)
    (item,) = list(read_paths([tmp_path]))
    assert isinstance(item, Article) and item.id == "harbor"


@pytest.mark.parametrize(("data", "message"), [
    (b"<TimeML><TEXT>no creation time</TEXT></TimeML>", "no publication date"),
    (b"<TimeML><TEXT>broken", "malformed TimeML"),
])
def test_a_bad_document_is_one_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message) as caught:
        parse_timeml(data, source="bad.tml")
    assert str(caught.value).startswith("bad.tml:")


def test_written_timeml_reads_back_to_the_same_text_and_expressions(run: Callable[..., Result]) -> None:
    result = run("The port closed on Tuesday & will reopen in April, the mayor said <today>.")
    article, times = parse_timeml(to_timeml(result).encode("utf-8"), source="out.tml")
    assert article.text == result.text
    assert [(t.start, t.end, t.type, t.value) for t in times] == [
        (t.start, t.end, t.type, t.value) for t in result.times]


def test_extract_writes_a_timeml_file_per_article(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("date 2024-03-14 The port closed on Tuesday.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(story), "--jsonl", "--timeml", str(tmp_path / "tml")])
    assert result.exit_code == 0, result.output
    article, times = parse_timeml((tmp_path / "tml" / "story.tml").read_bytes(), source="story.tml")
    assert [(t.text, t.value) for t in times] == [("Tuesday", "2024-03-12")]
