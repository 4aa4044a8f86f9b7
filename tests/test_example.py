"""The spec's worked example: every item of ../shared/examples/000_fbf2ac5d012c0ac3.expected.json comes out.

Each expected item is its own test, read from the expected file, so a failure names the item that is missing.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from typer.testing import CliRunner

from conftest import SHARED, shared_path
from dateline.serve.cli import app

EXPECTED_PATH = SHARED / "examples" / "000_fbf2ac5d012c0ac3.expected.json"
QUOTE_MARKS = "“”\"‘’"


def expected() -> dict:
    return json.loads(EXPECTED_PATH.read_text()) if EXPECTED_PATH.exists() else {}


@cache
def extracted() -> dict:
    article = shared_path("examples", "000_fbf2ac5d012c0ac3.txt")
    result = CliRunner().invoke(app, ["extract", str(article), "--jsonl"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.strip(QUOTE_MARKS + " ")))


def ids(items: list[dict], key: str) -> list[str]:
    return [str(i.get(key))[:40] for i in items]


def test_header_is_not_part_of_the_text() -> None:
    out = extracted()
    assert out["published"] == "2021-06-21"
    assert out["text"].startswith("Secretary of State Antony Blinken")
    for q in out["quotes"]:
        assert out["text"][q["start"]:q["end"]] == q["text"]


DIRECT = expected().get("direct_quotes", [])
INDIRECT = expected().get("indirect_quotes", [])
NOT_QUOTES = expected().get("not_quotes", [])


@pytest.mark.parametrize("want", DIRECT, ids=ids(DIRECT, "text"))
def test_direct_quote(want: dict) -> None:
    got = [q for q in extracted()["quotes"] if words(q["text"]) == words(want["text"])]
    assert got, f"no quote with the words {want['text']!r}"
    quote = got[0]
    assert quote["kind"] in {"direct", "mixed"}
    assert quote["speaker"]["name"] == want["speaker"]
    assert (quote["cue"] or {}).get("text") == want["cue"]
    if want.get("addressee"):
        assert quote["addressee"]["name"] == want["addressee"]


@pytest.mark.parametrize("want", INDIRECT, ids=ids(INDIRECT, "content"))
def test_indirect_quote(want: dict) -> None:
    got = [q for q in extracted()["quotes"] if q["kind"] == "indirect" and words(q["text"]) == words(want["content"])]
    assert got, f"no indirect quote {want['content']!r}"
    assert got[0]["speaker"]["name"] == want["speaker"]
    assert got[0]["cue"]["text"] == want["cue"]
    assert got[0]["date"] == want["date"]


@pytest.mark.parametrize("sentence", NOT_QUOTES, ids=ids(NOT_QUOTES, "text"))
def test_negated_speech_is_no_quote(sentence: dict) -> None:
    out = extracted()
    start = out["text"].index(sentence["text"])
    end = start + len(sentence["text"])
    inside = [q for q in out["quotes"] if any(s < end and start < e for s, e in q["spans"])]
    assert inside == []


@pytest.mark.parametrize("want", expected().get("people", []), ids=ids(expected().get("people", []), "name"))
def test_person(want: dict) -> None:
    people = {p["name"]: p for p in extracted()["people"]}
    assert want["name"] in people
    person = people[want["name"]]
    assert set(want["roles"]) <= set(person["roles"])
    mentions = {m["text"].lower() for m in person["mentions"]}
    assert {m.lower() for m in want["mentions"]} <= mentions


@pytest.mark.parametrize("name", expected().get("organizations", []))
def test_organization(name: str) -> None:
    assert name in {o["name"] for o in extracted()["organizations"]}


@pytest.mark.parametrize("name", expected().get("places", []))
def test_place(name: str) -> None:
    assert name in {p["name"] for p in extracted()["places"]}


@pytest.mark.parametrize("want", expected().get("times", []), ids=ids(expected().get("times", []), "text"))
def test_time(want: dict) -> None:
    got = {(t["text"], t["type"], t["value"]) for t in extracted()["times"]}
    assert (want["text"], want["type"], want["value"]) in got


@pytest.mark.parametrize("want", expected().get("events", []), ids=ids(expected().get("events", []), "what"))
def test_event(want: dict) -> None:
    def matches(event: dict) -> bool:
        return (set(want["who"]) <= set(event["participants"])
                and event["place"] == want.get("where")
                and event["time"] == want.get("when")
                and set(want.get("also_present", [])) <= set(event["also_present"]))

    assert any(matches(e) for e in extracted()["events"]), extracted()["events"]
