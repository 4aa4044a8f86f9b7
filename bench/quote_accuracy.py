"""Run Dateline over PolNeAR (../shared/data/polnear) and write system JSONL for the reference scorer.

    python bench/quote_accuracy.py ../shared/data/polnear/dev.jsonl bench/out/quotes-dev.jsonl
    python3 ../shared/bench/score_quotes.py ../shared/data/polnear/dev.jsonl bench/out/quotes-dev.jsonl

The output is one line per article, {"id", "quotes"}, with the quotes grouped into attributions the way the gold
is annotated (`dateline.evaluate.attributions`): the scorer reads each one's `spans`, `kind`, `speaker` and `cue`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dateline.errors import DatelineError
from dateline.evaluate import attributions
from dateline.parse import load
from dateline.pipeline import process
from dateline.read import read_paths


def main(gold: str, out: str, model: str | None = None) -> None:
    nlp = load(model) if model else load()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    started, n = time.perf_counter(), 0
    with open(out, "w", encoding="utf-8") as fh:
        for item in process(nlp, read_paths([gold])):
            if isinstance(item, DatelineError):
                print(item, file=sys.stderr)
                continue
            fh.write(json.dumps({"id": item.id, "quotes": attributions(item)}) + "\n")
            n += 1
    print(f"{n} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
