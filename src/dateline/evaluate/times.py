"""Scores for time expressions against TIMEX3 gold, TempEval-3 style, as `dateline eval time` prints them.

The definitions follow the benchmark's reference scorer, so the figures agree with it:

- each gold expression, in order, is matched to the first system expression (by start) not yet used that overlaps
  it: a relaxed match; strict also needs the same offsets; type the same type; value the same value, with week
  numbers padded ("W7" is "W07");
- precision divides by the number of system expressions, recall by the number of gold ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dateline.evaluate.figures import prf
from dateline.records import Timex

WEEK = re.compile(r"-W(\d)(?!\d)")


def canonical(value: str | None) -> str | None:
    """A TIMEX3 value with its week number padded to two digits."""
    return WEEK.sub(r"-W0\1", value) if value else value


@dataclass(slots=True)
class TimeScores:
    """Counts over a corpus, the figures computed from them (`as_dict`), and the misses for a reader to look at."""

    docs: int = 0
    missing: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    typed: int = 0
    valued: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "docs_missing_in_system": self.missing, "gold": self.gold, "system": self.system,
                "strict_PRF": prf(self.strict, self.system, self.strict, self.gold),
                "relaxed_PRF": prf(self.relaxed, self.system, self.relaxed, self.gold),
                "type_PRF": prf(self.typed, self.system, self.typed, self.gold),
                "value_PRF": prf(self.valued, self.system, self.valued, self.gold)}


def score_times(gold: Iterable[tuple[str, str, list[Timex]]], system: Mapping[str, list[Timex]]) -> TimeScores:
    """Score system expressions against gold ones.

    Args:
        gold: (article id, article text, annotated expressions) for each article.
        system: each article id's expressions; an id missing here counts as an article with none.
    """
    c = TimeScores()
    for article_id, text, wanted in gold:
        c.docs += 1
        if article_id not in system:
            c.missing += 1
        found = sorted(system.get(article_id, []), key=lambda t: t.start)
        c.gold += len(wanted)
        c.system += len(found)
        used: set[int] = set()
        for g in wanted:
            match = next((j for j, s in enumerate(found) if j not in used and s.start < g.end and g.start < s.end),
                         None)
            if match is None:
                c.errors.append({"id": article_id, "gold": g.text, "value": g.value, "found": None})
                continue
            used.add(match)
            s = found[match]
            c.relaxed += 1
            c.strict += (s.start, s.end) == (g.start, g.end)
            c.typed += s.type == g.type
            if canonical(s.value) == canonical(g.value):
                c.valued += 1
            else:
                c.errors.append({"id": article_id, "gold": g.text, "value": g.value, "found": text[s.start:s.end],
                                 "found_value": s.value})
    return c
