"""Cross-document person coreference of a store against gold person chains, as `dateline eval persons` prints it.

The definitions follow the benchmark's reference scorer (`bench/score_ecbplus.py`), so the figures agree with it:

- each gold mention (mentions marked ``"name": false`` left out) is mapped to the stored mention of its article that
  overlaps it most in characters (a person's mention, or a quote's speaker mention), then to that mention's person
  across the corpus (`people.entity`, followed through `person_merges`); a gold mention no stored mention overlaps is
  unmapped, a cluster of its own;
- B³ (Bagga & Baldwin) over the gold mentions: a mention's precision is the share of its system cluster that is in
  its gold chain, its recall the share of its gold chain in its system cluster, both averaged over mentions;
  "documents" is the same over (article, chain) units, each given the corpus person most of its mentions go to;
- chains with mentions in two documents or more are merged (every mention mapped, all to one person), merged but
  for unmapped mentions, split (two persons or more), or wrongly merged (a person of theirs also holds another
  chain's mention). Only chains whose identity across documents the gold annotates (``linked``) are scored, unless
  `all_chains`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from dateline.store.schema import articles, mentions, people, person_merges, quotes

Label = str | tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class StoredPersons:
    """What a store says of its people: each article's stored mentions and the corpus person of each."""

    keys: dict[str, str]  # an article's id (the source's, else Dateline's) -> its key
    person: dict[tuple[str, str], str]  # (article key, person) -> the person across the corpus
    names: dict[tuple[str, str], str]
    mentions: dict[str, list[tuple[int, int, str]]]  # article key -> (start, end, person)


def read_store(engine: Engine) -> StoredPersons:
    """Every article's people, their mentions and their persons across the corpus, read once."""
    keys: dict[str, str] = {}
    person: dict[tuple[str, str], str] = {}
    names: dict[tuple[str, str], str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with engine.connect() as connection:
        for key, ident, given in connection.execute(select(articles.c.key, articles.c.id, articles.c.given_id)):
            keys[given or ident] = key
            keys.setdefault(ident, key)
        merged = {old: new for old, new in connection.execute(select(person_merges.c.old, person_merges.c.new))}
        for article, pid, name, entity in connection.execute(
                select(people.c.article, people.c.person, people.c.name, people.c.entity)):
            seen: set[str] = set()
            while entity in merged and entity not in seen:
                seen.add(entity)
                entity = merged[entity]
            person[(article, pid)] = entity or f"name:{name}"
            names[(article, pid)] = name
        for article, pid, start, end in connection.execute(
                select(mentions.c.article, mentions.c.person, mentions.c.start, mentions.c.end)):
            spans[article].append((start, end, pid))
        speakers = select(quotes.c.article, quotes.c.speaker_person, quotes.c.speaker_start, quotes.c.speaker_end
                          ).where(quotes.c.speaker_person.is_not(None), quotes.c.speaker_start.is_not(None))
        for article, pid, start, end in connection.execute(speakers):
            spans[article].append((start, end, pid))
    return StoredPersons(keys, person, names, dict(spans))


def b3(units: list[tuple[str, Label]]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 (percent, a decimal) over (gold label, system label) units."""
    gold = Counter(g for g, _ in units)
    system = Counter(s for _, s in units)
    both = Counter(units)
    p = sum(both[u] / system[u[1]] for u in units) / len(units)
    r = sum(both[u] / gold[u[0]] for u in units) / len(units)
    return round(100 * p, 1), round(100 * r, 1), round(100 * 2 * p * r / (p + r), 1) if p + r else 0.0


def _unmapped(label: Label) -> bool:
    return isinstance(label, tuple)


@dataclass(slots=True)
class PersonScores:
    """The counts and figures of a run, and the chains split or wrongly merged for a reader to look at."""

    gold_mentions: int = 0
    gold_chains: int = 0
    cross_doc_chains: int = 0
    mapped_mentions: int = 0
    missing_articles: int = 0
    mentions_b3: tuple[float, float, float] = (0.0, 0.0, 0.0)
    documents_b3: tuple[float, float, float] = (0.0, 0.0, 0.0)
    doc_units: int = 0
    chains: dict[str, int] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"gold_mentions": self.gold_mentions, "gold_chains": self.gold_chains,
                "cross_doc_chains": self.cross_doc_chains, "mapped_mentions": self.mapped_mentions,
                "b3_mentions_P_R_F1": self.mentions_b3, "b3_documents_P_R_F1": self.documents_b3,
                "doc_units": self.doc_units, "merged": self.chains.get("merged", 0),
                "merged_mapped": self.chains.get("merged_mapped", 0), "split": self.chains.get("split", 0),
                "wrongly_merged": self.chains.get("wrongly_merged", 0),
                "all_unmapped": self.chains.get("all_unmapped", 0), "missing_articles": self.missing_articles}


def score_persons(gold: Iterable[Mapping[str, Any]], stored: StoredPersons, *,
                  all_chains: bool = False) -> PersonScores:
    """Score a store's persons across articles against gold person chains (`{"id", "persons": [{"chain",
    "linked", "mentions": [{"start", "end", "text"}]}]}`, one article a record)."""
    scores = PersonScores()
    units: list[tuple[str, Label]] = []
    doc_units: list[tuple[str, Label]] = []
    rows: list[tuple[str, str, str, Label, str]] = []
    for record in gold:
        key = stored.keys.get(str(record.get("id")))
        if key is None:
            scores.missing_articles += 1
        found = stored.mentions.get(key or "", [])
        for chain in record.get("persons", []):
            if not chain.get("linked", True) and not all_chains:
                continue
            per_doc: list[Label] = []
            for m in chain.get("mentions", []):
                if m.get("name") is False:
                    continue
                best, overlap = None, 0
                for start, end, pid in found:
                    o = min(end, m["end"]) - max(start, m["start"])
                    if o > overlap:
                        best, overlap = pid, o
                label: Label | None = stored.person.get((key or "", best)) if best is not None else None
                if label is None:
                    label = ("unmapped", str(record["id"]), str(m["start"]))
                    scores.unmapped.append(f'{record["id"]} "{m["text"]}" ({chain["chain"]})')
                units.append((chain["chain"], label))
                rows.append((chain["chain"], str(record["id"]), m["text"], label,
                             stored.names.get((key or "", best or ""), "")))
                per_doc.append(label)
            if per_doc:
                mapped = [label for label in per_doc if not _unmapped(label)]
                top = (Counter(mapped).most_common(1)[0][0] if mapped
                       else ("unmapped", str(record["id"]), chain["chain"]))
                doc_units.append((chain["chain"], top))
    if not units:
        return scores
    _chains(scores, rows)
    scores.gold_mentions = len(units)
    scores.mapped_mentions = len(units) - len(scores.unmapped)
    scores.mentions_b3 = b3(units)
    scores.documents_b3 = b3(doc_units)
    scores.doc_units = len(doc_units)
    return scores


def _chains(scores: PersonScores, rows: list[tuple[str, str, str, Label, str]]) -> None:
    """Each gold chain across documents: merged, split or wrongly merged, with examples of the last two."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    labels_of: dict[str, Counter[Label]] = defaultdict(Counter)
    chains_of: dict[Label, set[str]] = defaultdict(set)
    by_label: dict[Label, list[tuple[str, str, str, str]]] = defaultdict(list)
    for chain, doc, text, label, name in rows:
        docs_of[chain].add(doc)
        labels_of[chain][label] += 1
        by_label[label].append((chain, doc, text, name))
        if not _unmapped(label):
            chains_of[label].add(chain)
    scores.gold_chains = len(docs_of)
    cross = [c for c in docs_of if len(docs_of[c]) > 1]
    scores.cross_doc_chains = len(cross)
    counted: Counter[str] = Counter()
    split: list[str] = []
    for chain in cross:
        mapped = [label for label in labels_of[chain] if not _unmapped(label)]
        some_unmapped = sum(labels_of[chain].values()) > sum(labels_of[chain][label] for label in mapped)
        if len(mapped) == 1:
            counted["merged_mapped" if some_unmapped else "merged"] += 1
        elif len(mapped) > 1:
            counted["split"] += 1
            parts = ["{" + "; ".join(sorted({f"{d}: {t} -> {n}" for c, d, t, n in by_label[label] if c == chain}))
                     + "}" for label in mapped]
            split.append(f"{chain}: " + " | ".join(parts))
        else:
            counted["all_unmapped"] += 1
        if any(len(chains_of[label]) > 1 for label in mapped):
            counted["wrongly_merged"] += 1
    scores.chains = dict(counted)
    wrong = [f"{label}: " + "; ".join(sorted({f"{c} {d}: {t} -> {n}" for c, d, t, n in by_label[label]}))
             for label, held in chains_of.items() if len(held) > 1]
    scores.errors = {"split": split, "wrongly merged": wrong}
