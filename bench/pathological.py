"""Cost of pathological and very long articles: time and peak memory as an article doubles, and one 1,000,000-
character article of real news.

Each measurement runs in a fresh process (so peak memory is that article's), loads the pipeline, warms it on a
short article, then extracts the one article through `dateline.pipeline.process`. Printed for each pattern: its size
in characters, seconds, the process's peak resident memory (MB, the pipeline included), and the growth of both
from the size before (2.0 means linear: twice the text, twice the cost).

    python bench/pathological.py                     # every pattern at 50k, 100k, 200k characters, and the long one
    python bench/pathological.py --sizes 100000 200000 400000 --patterns marks dates
    python bench/pathological.py --one dates 100000  # one measurement, as JSON (what the runs above call)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "so", "vu", "ne", "di", "ba", "zo", "pe"]


def _name(i: int) -> str:
    r = random.Random(i)
    return " ".join("".join(r.choice(SYLLABLES) for _ in range(3)).title() for _ in range(2))


def unit(pattern: str, i: int) -> str:
    """The i-th repeat of a pattern: each a shape of text that once cost the square of its length."""
    return {
        "marks": "“",                                                           # quotation marks in one run
        "spaced_marks": "“ ",                                                   # quotation marks, spaced
        "dates": "On Monday, March 3, 2021, and on Tuesday, March 4, 2021. ",  # the times step
        "said": '"a," said b. ',                                                # many short quotes
        "indirect": "The mayor said on Monday that the harbor vote would wait. ",
        "people": f"{_name(i)} said the plan would fail. ",                     # thousands of people
        "orgs": f"{_name(i).split()[0]} Corp. said its profit rose. The company said it would grow. ",
        "transcript": f"{_name(i).split()[1].upper()}: We will win this.\n",
        "quotes": f"“We will win,” {_name(i)} said. “Yes,” he added. ",
    }[pattern]


PATTERNS = ("marks", "spaced_marks", "dates", "said", "indirect", "people", "orgs", "transcript", "quotes")


def build(pattern: str, size: int) -> str:
    if pattern == "long":
        return long_article(size)
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = unit(pattern, i)
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)[:size]


def long_article(size: int) -> str:
    """Real news run together to `size` characters: PolNeAR's articles, one after another."""
    path = SHARED / "data" / "polnear" / "train.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} is absent: the long article is made of PolNeAR's real articles")
    parts: list[str] = []
    total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def one(pattern: str, size: int) -> dict[str, object]:
    import dateline
    from dateline.pipeline import process
    from dateline.records import Article, Result

    nlp = dateline.nlp()
    warm = Article(id="warm", text="“We will win,” Ana Ortiz said on Monday.", published=date(2021, 3, 1))
    list(process(nlp, [warm]))
    text = build(pattern, size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    (out,) = list(process(nlp, [Article(id=pattern, text=text, published=date(2021, 3, 1))]))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"pattern": pattern, "chars": len(text), "seconds": round(seconds, 3), "peak_mb": round(peak / 1024, 1),
            "pipeline_mb": round(before / 1024, 1), "ok": isinstance(out, Result),
            "quotes": len(out.quotes) if isinstance(out, Result) else None, "error": None if isinstance(
                out, Result) else str(out)}


def measure(pattern: str, size: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--one", pattern, str(size)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000])
    parser.add_argument("--patterns", nargs="+", default=list(PATTERNS))
    parser.add_argument("--long", type=int, default=1_000_000, help="characters of the real long article (0: none)")
    parser.add_argument("--one", nargs=2, metavar=("PATTERN", "SIZE"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    print(f"{'pattern':13s} {'chars':>9s} {'seconds':>8s} {'growth':>7s} {'peak MB':>8s} {'growth':>7s}  (of the step "
          "above; 2.0 is linear)")
    for pattern in args.patterns:
        previous = None
        for size in args.sizes:
            row = measure(pattern, size)
            grew = ""
            if previous is not None:
                t = row["seconds"] / max(previous["seconds"], 1e-3)  # type: ignore[operator]
                m = (row["peak_mb"] - row["pipeline_mb"]) / max(  # type: ignore[operator]
                    previous["peak_mb"] - previous["pipeline_mb"], 1.0)  # type: ignore[operator]
                grew = f"{t:7.2f} {row['peak_mb']:8.1f} {m:7.2f}"
            else:
                grew = f"{'':7s} {row['peak_mb']:8.1f} {'':7s}"
            print(f"{pattern:13s} {row['chars']:9,d} {row['seconds']:8.2f} {grew}"
                  + ("" if row["ok"] else f"  error: {row['error']}"), flush=True)
            previous = row
    if args.long:
        row = measure("long", args.long)
        print(f"\nreal news run together: {row['chars']:,} characters in {row['seconds']:.1f} s, peak memory "
              f"{row['peak_mb']:.0f} MB (the pipeline alone {row['pipeline_mb']:.0f} MB), {row['quotes']} quotes"
              + ("" if row["ok"] else f"  error: {row['error']}"))


if __name__ == "__main__":
    main()
