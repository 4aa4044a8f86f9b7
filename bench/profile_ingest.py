"""Where an ingest's time goes: a sampling profile of `dateline ingest` on full-length news, summarized.

    python bench/profile_ingest.py [--n 200] [--rate 250] [--top 10]

Writes --n whole PolNeAR train articles (from ../shared) to a temporary JSONL file, runs `dateline ingest` on them in
one process under py-spy (`pip install py-spy`: a sampling profiler that sees every thread, the writer's too, and
costs the program little), and prints:

- the share of samples in each stage: reading, spaCy's model components, the attribute ruler and lemmatizer as
  Dateline runs them, Dateline's own steps, storing, and the rest (start-up: imports and loading the model);
- the top --top functions of Dateline's own code by time: each sample is put to the innermost Dateline function on
  its stack, so spaCy calls a Dateline function makes (a `Token` made, a `Span` sliced) count as that function's
  time, which is what changing it could save.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
OWN = "dateline/"
PASSING = (".pipe (",)
"""Frames that only pass Docs along (a component's `pipe` generator): the work is further in."""
MODEL = ("_parse_batch", "parse_long")
"""Dateline's frames that hand Docs to spaCy's model components: a sample whose innermost Dateline frame is one of
these is spaCy's time."""


def frames(line: str) -> tuple[list[str], int]:
    """A py-spy raw line: its frames, outermost first, and its sample count."""
    stack, _, count = line.rstrip("\n").rpartition(" ")
    return stack.split(";"), int(count)


def innermost_own(stack: list[str]) -> str | None:
    """The innermost frame of Dateline's own code doing work (not passing Docs along), as `module:function`."""
    for frame in reversed(stack):
        name, _, where = frame.partition(" (")
        if not where.startswith(OWN) or any(p in frame for p in PASSING):
            continue
        return f"{where.split(':')[0].removeprefix(OWN)}:{name}"
    return None


def stage_of(own: str | None) -> str:
    if own is None:
        return "start-up and the rest (imports, loading the model, Dask)"
    module, _, function = own.partition(":")
    if function == "<module>" or (module == "parse.py" and function in ("load", "quicker")):
        return "start-up and the rest (imports, loading the model, Dask)"
    if function in MODEL or function.startswith("BoundedTokenizer"):
        return "spaCy's model components and tokenizer"
    if module in ("components/attributes.py", "components/lemmas.py"):
        return "the attribute ruler and lemmatizer, as Dateline runs them"
    if module.startswith("read/"):
        return "reading"
    if module.startswith("store/"):
        return "storing (linking included)"
    if module.startswith(("extract/", "components/")) or module in ("records.py", "pipeline.py"):
        return "Dateline's steps (and their records)"
    return f"other Dateline code ({module})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rate", type=int, default=250, help="samples a second")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--keep", metavar="FILE", help="keep py-spy's raw samples in FILE")
    args = parser.parse_args()
    if not TRAIN.exists():
        raise SystemExit(f"{TRAIN} is absent: the profile runs on PolNeAR train articles from ../shared")
    if shutil.which("py-spy") is None:
        raise SystemExit("py-spy is not installed: pip install py-spy")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
            for line in TRAIN.open(encoding="utf-8").readlines()[:args.n]:
                src = json.loads(line)
                out.write(json.dumps({"id": src["id"], "date": src["date"][:10], "text": src["text"]}) + "\n")
        raw = Path(args.keep) if args.keep else folder / "profile.txt"
        subprocess.run(["py-spy", "record", "--format", "raw", "--rate", str(args.rate), "--threads", "--output",
                        str(raw), "--", sys.executable, "-m", "dateline", "ingest", str(folder / "corpus.jsonl"),
                        "--db", f"sqlite:///{folder / 'profile.db'}"], check=True, capture_output=True)
        samples = [frames(line) for line in raw.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = sum(count for _, count in samples)
    stages: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for stack, count in samples:
        name = innermost_own(stack)
        stage = stage_of(name)
        stages[stage] += count
        if name is not None and not stage.startswith(("spaCy's", "start-up")):
            own[name] += count
    print(f"{args.n} full-length articles, {total:,} samples at {args.rate}/s")
    print("time by stage:")
    for name, count in stages.most_common():
        print(f"  {name}: {100 * count / total:.1f} %")
    print(f"the top {args.top} functions of Dateline's own code (spaCy calls they make included):")
    for name, count in own.most_common(args.top):
        print(f"  {100 * count / total:5.2f} %  {name}")


if __name__ == "__main__":
    main()
