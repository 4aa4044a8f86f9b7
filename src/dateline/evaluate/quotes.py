"""Scores for quote extraction and attribution against PolNeAR-style gold, as `dateline eval quotes` prints them.

Gold is JSON Lines, one article a line: `{"id", "text", "quotes": [{"source", "cue", "content": [{"start", "end",
"text"}]}]}`, optionally with a quote's `kind` (direct / mixed / indirect) and `speaker_name`. System records are
what `dateline.evaluate.attributions` produces.

The definitions follow the benchmark's reference scorer, so the figures agree with it:

- Units are word tokens (`\\w+`); a token belongs to a span when it lies wholly inside it.
- A system quote matches a gold attribution when the Jaccard overlap of their content tokens is at least 0.5; pairs
  are taken one to one, best overlap first (ties go to the later gold attribution, then the later system quote).
- "with speaker" also needs the system's speaker mention to share a token with the gold source, or, where the gold
  has no source, the system to give no speaker.
- "direct" gold is an attribution of kind direct or mixed, or without a kind one whose content holds a double
  quotation mark; direct system quotes are those of kind direct or mixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dateline.evaluate.figures import prf
from dateline.extract.marks import WORD

DOUBLE_MARKS = frozenset('"“”')
ARTICLES = frozenset({"the", "a", "an"})


@dataclass(slots=True)
class Unit:
    """One attribution, gold or system, in word tokens."""

    content: frozenset[int]
    source: frozenset[int]
    direct: bool
    name: str | None = None


@dataclass(slots=True)
class QuoteScores:
    """Counts over a corpus, and the figures computed from them (`as_dict`)."""

    docs: int = 0
    missing: int = 0
    gold: int = 0
    system: int = 0
    token_tp: int = 0
    token_system: int = 0
    token_gold: int = 0
    matched: int = 0
    matched_speaker: int = 0
    exact: int = 0
    gold_direct: int = 0
    gold_direct_found: int = 0
    gold_direct_found_speaker: int = 0
    system_direct: int = 0
    system_direct_matched: int = 0
    system_direct_matched_speaker: int = 0
    named: int = 0
    named_right: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The figures, under the reference scorer's names and in its order."""
        out: dict[str, Any] = {
            "docs": self.docs,
            "docs_missing_in_system": self.missing,
            "gold_attributions": self.gold,
            "system_quotes": self.system,
            "content_tokens_PRF": prf(self.token_tp, self.token_system, self.token_tp, self.token_gold),
            "attributions_PRF": prf(self.matched, self.system, self.matched, self.gold),
            "attributions_with_speaker_PRF": prf(self.matched_speaker, self.system, self.matched_speaker,
                                                  self.gold),
            "exact_content_PRF": prf(self.exact, self.system, self.exact, self.gold),
            "direct_gold": self.gold_direct,
            "direct_system": self.system_direct,
            "direct_PRF": prf(self.system_direct_matched, self.system_direct, self.gold_direct_found,
                               self.gold_direct),
            "direct_with_speaker_PRF": prf(self.system_direct_matched_speaker, self.system_direct,
                                            self.gold_direct_found_speaker, self.gold_direct),
            "speaker_accuracy_on_matched": round(100 * self.matched_speaker / self.matched, 1) if self.matched
            else 0.0,
        }
        if self.named:
            out["speaker_name_right_on_matched"] = f"{self.named_right}/{self.named}"
        return out


def word_offsets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _covered(words: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    spans = list(spans)
    return frozenset(i for i, (a, b) in enumerate(words) if any(s <= a and b <= e for s, e in spans))


def _spans(items: Iterable[Mapping[str, Any]]) -> list[tuple[int, int]]:
    return [(int(x["start"]), int(x["end"])) for x in items]


def gold_units(article: Mapping[str, Any], words: list[tuple[int, int]]) -> list[Unit]:
    units = []
    for a in article.get("quotes", []):
        content = _covered(words, _spans(a.get("content", [])))
        if not content:
            continue
        if "kind" in a:
            direct = a["kind"] in ("direct", "mixed")
        else:
            direct = any(ch in DOUBLE_MARKS for s in a.get("content", []) for ch in s.get("text", ""))
        units.append(Unit(content, _covered(words, _spans(a.get("source", []))), direct, a.get("speaker_name")))
    return units


def system_units(records: Iterable[Mapping[str, Any]], words: list[tuple[int, int]]) -> list[Unit]:
    units = []
    for q in records:
        raw = q.get("spans") or [{"start": q["start"], "end": q["end"]}]
        spans = [(int(x[0]), int(x[1])) if isinstance(x, list | tuple) else (int(x["start"]), int(x["end"]))
                 for x in raw]
        content = _covered(words, spans)
        if not content:
            continue
        speaker = q.get("speaker") or {}
        mention = speaker.get("mention") or speaker
        where = [(int(mention["start"]), int(mention["end"]))] if mention and mention.get("start") is not None \
            and mention.get("end") is not None else []
        units.append(Unit(content, _covered(words, where), q.get("kind") in ("direct", "mixed"),
                           speaker.get("name") or ""))
    return units


def same_person(got: str | None, want: str | None) -> bool:
    """Whether a resolved speaker name names the gold speaker: same last name, and same first name where both
    give one (or the gold name inside the system's)."""
    g = [w.lower() for w in WORD.findall(got or "") if w.lower() not in ARTICLES]
    w = [x.lower() for x in WORD.findall(want or "") if x.lower() not in ARTICLES]
    if not g or not w:
        return False
    if g[-1] != w[-1]:
        return " ".join(w) in " ".join(g)
    return len(g) == 1 or len(w) == 1 or g[0] == w[0]


def match(gold: list[Unit], system: list[Unit]) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            shared = len(g.content & s.content)
            if shared:
                overlap = shared / len(g.content | s.content)
                if overlap >= 0.5:
                    pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    taken_gold: set[int] = set()
    taken_system: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i in taken_gold or j in taken_system:
            continue
        taken_gold.add(i)
        taken_system.add(j)
        matched.append((i, j))
    return matched


def score_quotes(gold: Iterable[Mapping[str, Any]], system: Mapping[str, list[Mapping[str, Any]]]) -> QuoteScores:
    """Score system attributions against gold articles.

    Args:
        gold: annotated articles (`id`, `text`, `quotes`).
        system: each article id's attribution records (`dateline.evaluate.attributions`); an id missing here counts
            as an article the system returned nothing for.
    """
    c = QuoteScores()
    by_id = {article["id"]: article for article in gold}  # one article per id; a repeated id keeps its last
    for article in by_id.values():
        c.docs += 1
        words = word_offsets(article["text"])
        golds = gold_units(article, words)
        if article["id"] not in system:
            c.missing += 1
        systems = system_units(system.get(article["id"], []), words)
        gold_tokens = frozenset().union(*(g.content for g in golds))
        system_tokens = frozenset().union(*(s.content for s in systems))
        c.token_tp += len(gold_tokens & system_tokens)
        c.token_system += len(system_tokens)
        c.token_gold += len(gold_tokens)
        c.gold += len(golds)
        c.system += len(systems)
        c.gold_direct += sum(g.direct for g in golds)
        c.system_direct += sum(s.direct for s in systems)
        for i, j in match(golds, systems):
            g, s = golds[i], systems[j]
            right = bool(g.source & s.source) if g.source else not s.source
            c.matched += 1
            c.matched_speaker += right
            c.exact += g.content == s.content
            if g.name:
                c.named += 1
                c.named_right += same_person(s.name, g.name)
            if g.direct:
                c.gold_direct_found += 1
                c.gold_direct_found_speaker += right
            if s.direct:
                c.system_direct_matched += 1
                c.system_direct_matched_speaker += right
    return c
