"""Where an ingest's time goes: a sampling profile of `dateline ingest` on full-length news, summarized.

    python bench/profile_ingest.py [--n 200] [--rate 250] [--top 10]

Writes --n whole PolNeAR train articles (from ../shared) to a temporary JSONL file, runs `dateline ingest` on them in
one process under py-spy (`pip install py-spy`: a sampling profiler that sees every thread, the writer's too, and
costs the program little), and prints:

- the share of samples in each stage: reading, spaCy's model components (each by name), Dateline's own steps,
  storing, and the rest (start-up: imports and loading the model);
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
OWN = "/dateline/"
STAGES = (
    ("reading", ("dateline/read/",)),
    ("storing", ("dateline/store/",)),
    ("Dateline's steps", ("dateline/extract/", "dateline/components/people", "dateline/components/quotes",
                          "dateline/components/times", "dateline/components/events",
                          "dateline/components/paragraphs", "dateline/pipeline.py (result_of")),
)
SPACY_PARTS = {"tok2vec": "tok2vec", "tagger": "tagger", "dependencyparser": "parser", "parser": "parser",
               "entityrecognizer": "ner", "ner": "ner", "attributeruler": "attribute ruler",
               "attributetable": "attribute ruler", "lemmatizer": "lemmatizer", "lemmas": "lemmatizer",
               "tokenizer": "tokenizer", "entityruler": "entity ruler"}


def frames(line: str) -> tuple[list[str], int]:
    """A py-spy raw line: its frames, outermost first, and its sample count."""
    stack, _, count = line.rstrip("\n").rpartition(" ")
    return stack.split(";"), int(count)


def stage_of(stack: list[str]) -> str:
    """Which stage a sample belongs to, read from its innermost recognizable frame."""
    for frame in reversed(stack):
        low = frame.lower()
        for name, marks in STAGES:
            if any(mark in frame for mark in marks):
                return name
        if "attributes.py" in frame and "dateline" in frame:
            return "spaCy: attribute ruler"
        if "lemmas.py" in frame and "dateline" in frame:
            return "spaCy: lemmatizer"
        if "spacy" in low or "thinc" in low:
            for key, part in SPACY_PARTS.items():
                if key in low.replace("_", ""):
                    return f"spaCy: {part}"
    if any("spacy" in f.lower() or "thinc" in f.lower() for f in stack):
        return "spaCy: other"
    return "other (start-up: imports, loading the model)"


def own_function(stack: list[str]) -> str | None:
    """The innermost frame of Dateline's own code, as `module:function`."""
    for frame in reversed(stack):
        if OWN in frame and "site-packages" not in frame.split(OWN)[0]:
            name, _, where = frame.partition(" (")
            path = where.split(":")[0]
            module = path.split("/src/dateline/")[-1] if "/src/dateline/" in path else path.rsplit("/", 1)[-1]
            return f"{module}:{name}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rate", type=int, default=250, help="samples a second")
    parser.add_argument("--top", type=int, default=10)
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
        raw = folder / "profile.txt"
        subprocess.run(["py-spy", "record", "--format", "raw", "--rate", str(args.rate), "--threads", "--output",
                        str(raw), "--", sys.executable, "-m", "dateline", "ingest", str(folder / "corpus.jsonl"),
                        "--db", f"sqlite:///{folder / 'profile.db'}"], check=True, capture_output=True)
        samples = [frames(line) for line in raw.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = sum(count for _, count in samples)
    stages: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for stack, count in samples:
        stages[stage_of(stack)] += count
        name = own_function(stack)
        if name is not None and stage_of(stack) not in ("other (start-up: imports, loading the model)",) \
                and not stage_of(stack).startswith("spaCy:"):
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
