"""Stores for the web tests: the example article, a few made-up stories (two of them repeating one quote, so a
quote has occurrences), articles written to attack the pages (a script in the title and text, a `javascript:`
URL; a right-to-left override, a 10,000-character word), an article whose id holds "/", and — for the browser's
journalist task — Reuters wire stories of March 1987 read from ../shared: those quoting White House spokesman
Marlin Fitzwater, other spokesmen's, and three of February."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from corpus import story
from dateline.scale import ingest
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters" / "reuters-dev.jsonl"
HOSTILE = {
    "id": "hostile", "date": "2024-03-15", "url": "javascript:alert('url')",
    "title": "<script>alert('title')</script> Harbor board meets",
    "text": ("“We will <b>not</b> wait <img src=x onerror=alert('img')>,” Mayor Ana Ortiz said on Monday. "
             "<script>alert('text')</script> She said the board would meet again in April."),
}
LONG_WORD = "harbor" * 1667  # 10,002 characters and no break
BIDI = {
    "id": "bidi", "date": "2024-03-16", "url": "https://example.org/bidi",
    "title": "Invoice \u202egnp.exe <script>alert('bidi')</script>",
    "text": (f"“The file \u202egnp.exe is safe,” Mayor Ana Ortiz said on Tuesday. {LONG_WORD}\n\n"
             "“We checked it twice,” Ortiz told reporters. <script>alert('text')</script>"),
}
SLASHED = {"id": "wire/2024/06/harbor-3", "date": "2024-06-16", "title": "Harbor stays open (3)",
           "text": "“The harbor stays open all summer,” Mayor Ana Ortiz said on Sunday."}
REPEATED = "We will keep the harbor open for every boat that needs it"
FITZWATER = ("reuters-1413", "reuters-1746", "reuters-2140", "reuters-2175", "reuters-2525", "reuters-2796",
             "reuters-3204", "reuters-3887", "reuters-4255", "reuters-4268", "reuters-4903", "reuters-6598",
             "reuters-6645", "reuters-7758", "reuters-8421")
"""March 1987 wire stories quoting White House spokesman Marlin Fitzwater: on Iran (1746, 2525, 2796, 8421) and on
taxes, trade, oil and the budget."""
OTHER_SPOKESMEN = ("reuters-81", "reuters-127", "reuters-218", "reuters-245", "reuters-1725", "reuters-5656",
                   "reuters-6404", "reuters-6652", "reuters-8167", "reuters-9348", "reuters-2883", "reuters-4393",
                   "reuters-10967")
"""Other spokesmen's stories: three of February, Iraq and Iran in the Gulf, Larry Speakes on the Iran affair."""


def write_articles(folder: Path) -> Path:
    """The JSON Lines file of the made-up and hostile articles."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(6):
        day, title, text = story(n)
        rows.append({"id": f"story-{n}", "date": day, "title": title, "text": text})
    for n, day in enumerate(("2025-06-02", "2025-06-09")):
        rows.append({"id": f"harbor-{n}", "date": day, "title": f"Harbor stays open ({n})",
                     "text": f"“{REPEATED},” Mayor Ana Ortiz told reporters on Tuesday. Reyes agreed."})
    rows.extend([HOSTILE, BIDI, SLASHED])
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_reuters(folder: Path) -> Path | None:
    """The Reuters stories the journalist's task needs, as JSON Lines; None where ../shared is not there."""
    if not REUTERS.exists():
        return None
    wanted = set(FITZWATER) | set(OTHER_SPOKESMEN)
    path = folder / "reuters.jsonl"
    with REUTERS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for line in source:
            if json.loads(line)["id"] in wanted:
                out.write(line)
    return path


def build_store(url: str, folder: Path, nlp: Language, *, reuters: bool = False) -> None:
    """Ingest the example article and the web articles (and, `reuters`, the wire stories) into the store."""
    paths = [str(ROOT / "examples"), str(write_articles(folder))]
    wire = write_reuters(folder) if reuters else None
    if wire is not None:
        paths.append(str(wire))
    with Store(url) as store:
        summary = ingest(paths, store, nlp=nlp)
    assert summary.failed == 0, summary.errors
