"""Show where Dateline's quotes differ from PolNeAR gold: wrong speakers, spurious and missed direct quotes.

    python bench/quote_errors.py ../shared/data/polnear/dev.jsonl bench/out/quotes-dev.jsonl [N]

Matching follows score_quotes.py (word-token Jaccard >= 0.5 on content, one to one, best first).
"""

from __future__ import annotations

import json
import re
import sys

WORD = re.compile(r"\w+")


def tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for i, m in enumerate(WORD.finditer(text)) if any(s <= m.start() and m.end() <= e for s, e in spans)}


def main(gold_path: str, sys_path: str, limit: int = 40) -> None:
    gold = {d["id"]: d for d in map(json.loads, open(gold_path, encoding="utf-8"))}
    shown = {"wrong speaker": 0, "spurious direct": 0, "missed direct": 0}
    for line in open(sys_path, encoding="utf-8"):
        s = json.loads(line)
        g = gold[s["id"]]
        text = g["text"]
        golds = [(tokens(text, [(c["start"], c["end"]) for c in a.get("content", [])]),
                  tokens(text, [(c["start"], c["end"]) for c in a.get("source", [])]), a) for a in g["quotes"]]
        syss = [(tokens(text, [tuple(x) for x in q["spans"]]),
                 tokens(text, [(q["speaker"]["mention"]["start"], q["speaker"]["mention"]["end"])]
                        if q["speaker"] and q["speaker"]["mention"] else []), q) for q in s["quotes"]]
        pairs = sorted(((len(gc & sc) / len(gc | sc), i, j) for i, (gc, _, _) in enumerate(golds)
                        for j, (sc, _, _) in enumerate(syss) if gc & sc and len(gc & sc) / len(gc | sc) >= 0.5),
                       reverse=True)
        gi, sj = set(), set()
        for _, i, j in pairs:
            if i in gi or j in sj:
                continue
            gi.add(i)
            sj.add(j)
            if golds[i][1] and not golds[i][1] & syss[j][1] and shown["wrong speaker"] < limit:
                shown["wrong speaker"] += 1
                q = syss[j][2]
                m = (q["speaker"] or {}).get("mention")
                print("WRONG SPEAKER", [x["text"] for x in golds[i][2].get("source", [])], "got",
                      text[m["start"]:m["end"]] if m else None, "|",
                      text[q["start"]:q["end"]][:100].replace("\n", " "))
        for j, (_, _, q) in enumerate(syss):
            if j not in sj and q["kind"] != "indirect" and shown["spurious direct"] < limit:
                shown["spurious direct"] += 1
                print("SPURIOUS", q["kind"], "|", text[q["start"] - 60:q["end"] + 40].replace("\n", " "))
        for i, (_, _, a) in enumerate(golds):
            content = " ".join(c["text"] for c in a.get("content", []))
            if i not in gi and any(ch in content for ch in '"“”') and shown["missed direct"] < limit:
                shown["missed direct"] += 1
                print("MISSED", [x["text"] for x in a.get("source", [])], [x["text"] for x in a.get("cue", [])], "|",
                      content[:120].replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 40)
