"""Show where Dateline's quotes differ from PolNeAR gold: wrong speakers, spurious and missed direct quotes.

    dateline eval quotes ../shared/data/polnear/dev.jsonl --system bench/out/quotes-dev.jsonl
    python bench/quote_errors.py ../shared/data/polnear/dev.jsonl bench/out/quotes-dev.jsonl [N]

Matching is `dateline.evaluate.quotes.match`, the scorer's own (word-token Jaccard >= 0.5, one to one, best first).
"""

from __future__ import annotations

import json
import sys

from dateline.evaluate.quotes import gold_units, match, system_units, word_offsets


def _texts(text: str, spans: list[dict]) -> list[str]:
    return [text[s["start"]:s["end"]] for s in spans]


def main(gold_path: str, sys_path: str, limit: int = 40) -> None:
    gold = {d["id"]: d for d in map(json.loads, open(gold_path, encoding="utf-8"))}
    shown = {"wrong speaker": 0, "spurious": 0, "missed direct": 0}
    for line in open(sys_path, encoding="utf-8"):
        s = json.loads(line)
        g = gold[s["id"]]
        text, words = g["text"], word_offsets(g["text"])
        annotated = [a for a in g["quotes"] if gold_units({"quotes": [a]}, words)]
        golds, records = gold_units(g, words), s["quotes"]
        systems = system_units(records, words)
        pairs = match(golds, systems)
        for i, j in pairs:
            if golds[i].source and not golds[i].source & systems[j].source and shown["wrong speaker"] < limit:
                shown["wrong speaker"] += 1
                m = (records[j]["speaker"] or {}).get("mention")
                got = text[m["start"]:m["end"]] if m else None
                print("WRONG SPEAKER", _texts(text, annotated[i].get("source", [])), "got", got, "|",
                      text[records[j]["start"]:][:100].replace("\n", " "))
        found_sys = {j for _, j in pairs}
        for j, q in enumerate(records):
            if j not in found_sys and shown["spurious"] < limit:
                shown["spurious"] += 1
                print("SPURIOUS", q["kind"], "|", text[max(0, q["start"] - 60):q["end"] + 40].replace("\n", " "))
        found_gold = {i for i, _ in pairs}
        for i, a in enumerate(annotated):
            if i not in found_gold and golds[i].direct and shown["missed direct"] < limit:
                shown["missed direct"] += 1
                print("MISSED", _texts(text, a.get("source", [])), _texts(text, a.get("cue", [])), "|",
                      " ".join(_texts(text, a["content"]))[:120].replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 40)
