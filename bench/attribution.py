"""Attribution figures on PolNeAR dev and on the sealed check, side by side: rules alone, the model alone, merged.

    python bench/attribution.py [--model DIR] [--sets dev,check] [--tune] [--limit N]

Sets: ``dev`` is PolNeAR dev (84 articles); ``check`` the PolNeAR train articles whose id's SHA-1 begins with 0, 1
or 2 (the sealed check: scored here, never read, never trained on); ``validation`` the train articles whose id's
SHA-1 begins with f (what the model kept its best epoch by). The figures are the reference scorer's
(`score_quotes.py`'s definitions, `dateline.evaluate.score_quotes`), and the field's exact spans per role
(`dateline.evaluate.spans`).

With ``--tune``, the merge policy's thresholds (`extract/quotes/merge.py`: PRECISE, ADD, ADD_OTHER) are chosen on the
validation articles alone: the pair with the best F1 of attributions with the right speaker whose attribution
precision stays at 80 or more. Nothing is tuned on dev or the check set. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

from dateline.evaluate import attributions, score_quotes
from dateline.evaluate.spans import score_spans
from dateline.extract.people import cast_of
from dateline.extract.quotes import Context, by_rules, merged
from dateline.extract.utterances import join
from dateline.learn.polnear import articles
from dateline.parse import DEFAULT_MODEL, SHIPPED, load
from dateline.records import Result, timex_from

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"
SETS = {"dev": (SHARED / "dev.jsonl", "all"), "check": (SHARED / "train.jsonl", "check"),
        "validation": (SHARED / "train.jsonl", "validation")}


def readings(model: str | None, path: Path, part: str, limit: int | None) -> list[tuple[dict, Any, list, list]]:
    """Each article with its text, the rules' quotes and the model's, before they are merged."""
    nlp = load(DEFAULT_MODEL, attribution=None if model == "none" else model or SHIPPED)
    found = list(articles(path, part, limit))
    docs = []
    for article in found:
        doc = nlp.make_doc(article["text"])
        doc._.dateline_published = article["date"]
        docs.append(doc)
    out = []
    for article, doc in zip(found, nlp.pipe(docs, batch_size=16), strict=True):
        cast, times = cast_of(doc), [timex_from(t) for t in doc._.dateline_times or []]
        ctx = Context(doc, cast, times)
        out.append((article, ctx, by_rules(ctx), doc._.dateline_attributions or []))
    return out


def figures(read: list[tuple[dict, Any, list, list]], how: str, **thresholds: Any) -> dict[str, Any]:
    """The scores of one way of putting rules and model together: "rules", "model" or "merged"."""
    system: dict[str, list[dict[str, Any]]] = {}
    for article, ctx, rules, proposals in read:
        if how == "rules":
            chosen = [replace(q) for q in rules]
        elif how == "model":
            chosen = merged(ctx, [], proposals, add=0.0, add_other=0.0)
        else:
            chosen = merged(ctx, [replace(q) for q in rules], proposals, **thresholds)
        text = ctx.text
        result = Result(id=article["id"], published=article["date"], text=text, quotes=join(chosen, text))
        system[article["id"]] = attributions(result)
    scores = score_quotes([a for a, *_ in read], system).as_dict()
    scores.update(score_spans([a for a, *_ in read], system))
    return scores


def line(name: str, scores: dict[str, Any]) -> str:
    a, s, d = scores["attributions_PRF"], scores["attributions_with_speaker_PRF"], scores["direct_with_speaker_PRF"]
    spans = " / ".join(f"{scores[f'{role}_PRF'][2]:.1f}" for role in ("source", "cue", "content"))
    return (f"{name:24s} attr P/R/F {a[0]:5.1f} {a[1]:5.1f} {a[2]:5.1f} | with speaker {s[0]:5.1f} {s[1]:5.1f} "
            f"{s[2]:5.1f} | direct+speaker F {d[2]:5.1f} | exact spans src/cue/content {spans}")


def tune(read: list[tuple[dict, Any, list, list]]) -> dict[str, Any]:
    best: tuple[float, float, float, float] | None = None
    for precise, add, other in itertools.product((0.85, 0.9, 0.95, 1.01), (0.5, 0.6, 0.7, 0.8),
                                                 (0.7, 0.8, 0.9, 1.01)):
        if other < add:
            continue
        scores = figures(read, "merged", precise=precise, add=add, add_other=other)
        p, f = scores["attributions_PRF"][0], scores["attributions_with_speaker_PRF"][2]
        print(f"  precise {precise:.2f} add {add:.2f} add_other {other:.2f}: attribution P {p:5.1f}, "
              f"with speaker F {f:5.1f}")
        if p >= 80 and (best is None or f > best[0]):
            best = (f, precise, add, other)
    if best is None:
        raise SystemExit("no thresholds keep attribution precision at 80 on the validation articles")
    print(f"chosen on validation: PRECISE {best[1]}, ADD {best[2]}, ADD_OTHER {best[3]} (with speaker F {best[0]})")
    return {"precise": best[1], "add": best[2], "add_other": best[3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="an attribution model folder (the shipped one by default)")
    parser.add_argument("--sets", default="dev,check")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    thresholds: dict[str, Any] = {}
    if args.tune:
        path, part = SETS["validation"]
        thresholds = tune(readings(args.model, path, part, args.limit))
    for name in args.sets.split(","):
        path, part = SETS[name]
        read = readings(args.model, path, part, args.limit)
        print(f"{name}: {len(read)} articles")
        for how in ("rules", "model", "merged"):
            print("  " + line(how, figures(read, how, **thresholds) if how == "merged" else figures(read, how)))


if __name__ == "__main__":
    main()
