"""A store for the web tests: the example article, a few made-up stories (two of them repeating one quote, so a
quote has occurrences), and an article written to attack the pages (a script in its title and text, a
`javascript:` URL)."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from corpus import story
from dateline.scale import ingest
from dateline.store import Store

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = {
    "id": "hostile", "date": "2024-03-15", "url": "javascript:alert('url')",
    "title": "<script>alert('title')</script> Harbor board meets",
    "text": ("“We will <b>not</b> wait <img src=x onerror=alert('img')>,” Mayor Ana Ortiz said on Monday. "
             "<script>alert('text')</script> She said the board would meet again in April."),
}
REPEATED = "We will keep the harbor open for every boat that needs it"


def write_articles(folder: Path) -> Path:
    """The JSON Lines file the web tests ingest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(6):
        day, title, text = story(n)
        rows.append({"id": f"story-{n}", "date": day, "title": title, "text": text})
    for n, day in enumerate(("2025-06-02", "2025-06-09")):
        rows.append({"id": f"harbor-{n}", "date": day, "title": f"Harbor stays open ({n})",
                     "text": f"“{REPEATED},” Mayor Ana Ortiz told reporters on Tuesday. Reyes agreed."})
    rows.append(HOSTILE)
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def build_store(url: str, folder: Path, nlp: Language) -> None:
    """Ingest the example article and the web articles into the store at `url`."""
    with Store(url) as store:
        summary = ingest([str(ROOT / "examples"), str(write_articles(folder))], store, nlp=nlp)
    assert summary.failed == 0, summary.errors
