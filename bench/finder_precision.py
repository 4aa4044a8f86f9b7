"""How often each attribution finder is right: its quotes on PolNeAR train, and the share that gold attributes.

    python bench/finder_precision.py [TRAIN.jsonl] [--json]

By default the articles are PolNeAR train (../shared/data/polnear/train.jsonl) without its sealed check set: an
article whose id's SHA-1 begins with 0, 1 or 2 is skipped as soon as its id is read (666 of 840 remain). Dateline
runs over the rest, and its quotes are matched to gold as `dateline eval quotes` and the reference scorer match
them (`dateline.evaluate.quotes.match`: one record per utterance, content-token Jaccard >= 0.5, one to one, best
first). Each quote counts for the finder that found it (`Quote.found_by`): it is right where its utterance matched,
and right with its speaker where its own speaker mention also shares a word with the gold source (or, where gold
has no source, it gives none). Quotes with no word in them count nowhere, as the scorer drops them.

It prints, per finder and per pass (direct, transcript, indirect): the quotes, the precision, the precision with the
right speaker, and the confidence the table should give (the precision, or the pass's where the finder found fewer
than `FEW` quotes). `rules.py` holds these figures; rerun this where a finder changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.evaluate import attributions
from dateline.evaluate.quotes import Unit, gold_units, match, system_units, word_offsets
from dateline.extract.utterances import utterances
from dateline.parse import DEFAULT_MODEL, load
from dateline.pipeline import process
from dateline.read import from_record
from dateline.records import Quote, Result

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT = SHARED / "data" / "polnear" / "train.jsonl"
SEALED = "012"
"""The first hex digits of the SHA-1 of the ids of the sealed check set: never read, never counted."""
FEW = 20
"""A finder with fewer quotes than this takes its pass's precision as its confidence."""


@dataclass
class Tally:
    """Counts per finder: its quotes, those gold attributes, and those with the right speaker too."""

    quotes: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    speaker: Counter[str] = field(default_factory=Counter)

    def add(self, quote: Quote, right: bool, speaker: bool) -> None:
        name = quote.found_by or "unknown"
        self.quotes[name] += 1
        self.right[name] += right
        self.speaker[name] += right and speaker


def open_articles(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The gold articles of a JSONL file with their line numbers, but the sealed ones, which are dropped on their id
    alone."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            record = json.loads(line)
            if hashlib.sha1(record["id"].encode()).hexdigest()[0] not in SEALED:
                yield number, record


def score(result: Result, gold: dict[str, Any], tally: Tally) -> None:
    """Match one article's utterances to its gold attributions and count each quote for its finder."""
    words = word_offsets(gold["text"])
    golds = gold_units(gold, words)
    groups: list[list[Quote]] = []
    units: list[Unit] = []
    for group, record in zip(utterances(result.quotes, result.text), attributions(result), strict=True):
        unit = system_units([record], words)
        if unit:  # an utterance with no word in it, which the scorer drops
            groups.append(group)
            units += unit
    matched = dict((j, i) for i, j in match(golds, units))
    for j, group in enumerate(groups):
        source = golds[matched[j]].source if j in matched else frozenset()
        for quote in group:
            mention = quote.speaker.mention if quote.speaker else None
            said = system_units([{"start": quote.start, "end": quote.end, "spans": quote.spans,
                                  "speaker": {"mention": {"start": mention.start, "end": mention.end}}
                                  if mention else None}], words)
            own = said[0].source if said else frozenset()
            tally.add(quote, j in matched, bool(source & own) if source else not own)


def rows(tally: Tally) -> list[dict[str, Any]]:
    """One row per finder, then one per pass, each with its count, precisions (in %) and confidence."""
    passes: Tally = Tally()
    for name, n in tally.quotes.items():
        kind = name.split(".")[0]
        passes.quotes[kind] += n
        passes.right[kind] += tally.right[name]
        passes.speaker[kind] += tally.speaker[name]
    out = []
    for name in sorted(tally.quotes, key=lambda n: (n.split(".")[0], -tally.quotes[n])):
        n, kind = tally.quotes[name], name.split(".")[0]
        precision = tally.right[name] / n
        fallback = passes.right[kind] / passes.quotes[kind]
        out.append({"finder": name, "quotes": n, "precision": round(100 * precision, 1),
                    "with_speaker": round(100 * tally.speaker[name] / n, 1),
                    "confidence": round(precision if n >= FEW else fallback, 3)})
    for kind, n in sorted(passes.quotes.items()):
        out.append({"finder": f"{kind} (pass)", "quotes": n, "precision": round(100 * passes.right[kind] / n, 1),
                    "with_speaker": round(100 * passes.speaker[kind] / n, 1),
                    "confidence": round(passes.right[kind] / n, 3)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", action="store_true", help="one JSON object a row")
    args = parser.parse_args()
    found = list(open_articles(args.gold))
    gold = {record["id"]: record for _, record in found}
    articles = [from_record(record, source=str(args.gold), lineno=number) for number, record in found]
    tally = Tally()
    for result in process(load(args.model, attribution=None), articles):  # the rules alone
        if isinstance(result, Result):
            score(result, gold[result.id], tally)
    print(f"{len(gold)} articles (the sealed check set left out)")
    for row in rows(tally):
        if args.json:
            print(json.dumps(row))
        else:
            print(f"{row['finder']:28s} {row['quotes']:6d}  P {row['precision']:5.1f}  "
                  f"with speaker {row['with_speaker']:5.1f}  confidence {row['confidence']:.3f}")


if __name__ == "__main__":
    main()
