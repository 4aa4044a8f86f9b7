"""Show, for each hand label of who spoke (or was spoken to), what Dateline gave: the speaker-identity companion
of `quote_errors.py`.

    dateline extract ../shared/data/polnear/dev.jsonl --jsonl > bench/out/dev.jsonl
    python bench/speaker_errors.py ../shared/data/polnear/dev.jsonl ../shared/data/polnear/dev_speakers.jsonl \
        bench/out/dev.jsonl [--all] [--task pronoun|name|addressee]

A label is matched as `../shared/bench/score_speakers.py` matches it: the system quote whose spans share the most
word tokens with the gold content, at a Jaccard of 0.5 or more. Each line shows the label, the gold source and cue
in their sentence, and the system's quote (or, where none matched, the closest one and its Jaccard).
"""

from __future__ import annotations

import argparse
import json
import re

WORD = re.compile(r"\w+")


def _tokens(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {m.start() for m in WORD.finditer(text) if any(a <= m.start() and m.end() <= b for a, b in spans)}


def _around(text: str, start: int, end: int, width: int = 90) -> str:
    return text[max(0, start - width):end + width].replace("\n", " ¶ ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("labels")
    parser.add_argument("system")
    parser.add_argument("--all", action="store_true", help="show right answers too")
    parser.add_argument("--task", choices=["pronoun", "name", "addressee"])
    args = parser.parse_args()
    gold = {d["id"]: d for d in map(json.loads, open(args.gold, encoding="utf-8"))}
    system = {d["id"]: d for d in map(json.loads, open(args.system, encoding="utf-8"))}
    for line in open(args.labels, encoding="utf-8"):
        label = json.loads(line)
        task = label["task"]
        want = label["addressee"] if task == "addressee" else label["speaker_name"]
        if label.get("unsure") or not want or (args.task and task != args.task):
            continue
        g = gold[label["id"]]
        text = g["text"]
        att = next(a for a in g["quotes"] if a["id"] == label["attribution"])
        content = [(s["start"], s["end"]) for s in att["content"]]
        wanted = _tokens(text, content)
        best, best_j = None, 0.0
        for q in system.get(label["id"], {}).get("quotes", []):
            spans = [tuple(x) for x in q.get("spans") or [(q["start"], q["end"])]]
            got = _tokens(text, spans)
            j = len(wanted & got) / len(wanted | got) if wanted | got else 0.0
            if j >= best_j:
                best, best_j = q, j
        field = "addressee" if task == "addressee" else "speaker"
        got_name = ((best or {}).get(field) or {}).get("name") if best_j >= 0.5 else None
        mark = "FOUND" if best_j >= 0.5 else "MISSED"
        if not args.all and mark == "FOUND" and got_name and _same(got_name, want, task == "name"):
            continue
        source = " | ".join(s["text"] for s in att.get("source", []))
        cue = " | ".join(s["text"] for s in att.get("cue", []))
        anchor = (att.get("cue") or att.get("source") or att["content"])[0]
        print(f"[{task}] {mark} want={want!r} got={got_name!r} source={source!r} cue={cue!r} j={best_j:.2f}")
        print("   ", _around(text, anchor["start"], anchor["end"]))
        if best is not None:
            mention = ((best.get(field) or {}).get("mention") or {})
            print("    system:", best["kind"], best.get("act"), repr(mention.get("text")),
                  repr(text[best["start"]:best["end"]][:100]))


def _same(sys_name: str, want: str, strict: bool) -> bool:
    """The reference scorer's test: last names equal, first names too where both give one."""
    s = [w for w in WORD.findall(sys_name.replace("’", "'").lower()) if w not in {"the", "a", "an"}]
    w = [x for x in WORD.findall(want.replace("’", "'").lower()) if x not in {"the", "a", "an"}]
    if not s or not w:
        return False
    if strict and len(w) > 1:
        return s[0] == w[0] and s[-1] == w[-1]
    if s[-1] != w[-1]:
        return " ".join(w) in " ".join(s) or (" ".join(s) in " ".join(w) and len(s) > 1)
    return len(s) == 1 or len(w) == 1 or s[0] == w[0]


if __name__ == "__main__":
    main()
