"""`dateline_attribute_ruler`: spaCy's attribute ruler — the same rules, the same results — read from a table.

A trained English pipeline sets each token's coarse part of speech, morphology and a few lemmas with an attribute
ruler: 179 rules in `en_core_web_sm`, nearly all of one token ("a token tagged NN is a NOUN, Number=Sing"). spaCy
runs them through its `Matcher`, which asks every rule of every token, several of them in Python (`IN`, `NOT_IN`,
`REGEX`): 14 % of the small model's whole parse, more than its tagger and parser together. This component gives the
same answer from a table: the rules are indexed by the values they test, each distinct combination of the values
the rules read (a token's tag, lower-case form, dependency label, ...) is asked once and remembered, and rules of
more than one token are checked only where their first token matches. Where rules apply to the same token, the
later rule wins, as in spaCy.

It is spaCy's `AttributeRuler` otherwise (patterns, serialization, scoring), and it hands a rule set it cannot read
as a table back to spaCy's own matching: operators (`OP`), extension attributes, comparisons, morphology in a
pattern, or a rule that sets anything but a token's tag, part of speech, morphology, lemma or dependency label.
`parse.load` (through `parse.quicker`) puts it in place of a pipeline's `AttributeRuler`, after the tagger: with
rules that read tags, a Doc without them is a `Misplaced` error. A test checks, token by token, that both
give the same annotations on the PolNeAR articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dateline.components.place import misplaced

READABLE = {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE"}
"""Token attributes a pattern may test for the table to read it: those held as a string's hash, compared as spaCy's
`Matcher` compares them. Boolean flags (`IS_SPACE`, `LIKE_NUM`, ...) are read too."""
SETTABLE = (POS, TAG, MORPH, LEMMA, DEP)
"""What a rule may set for the table to apply it: values of the token alone (spaCy sets a lexeme's too, for
attributes a lexeme holds)."""
MEMO_SIZE = 200_000
"""Distinct combinations of tested values remembered before the memo starts again (about 40,000 in 1,000 news
articles)."""

Test = tuple[int, str, Any]
"""(column, kind, value): kind "in" (the value is in a set of hashes), "out" (it is not), "re" (its string matches)."""


class Unreadable(Exception):
    """A rule the table cannot read: the ruler matches with spaCy's `Matcher` instead."""


@dataclass(frozen=True, slots=True)
class Rule:
    rule: int
    """The rule's place among the ruler's rules: a later rule's values win."""
    tokens: tuple[tuple[Test, ...], ...]
    target: int
    """Which of the matched tokens gets the values."""


@dataclass(slots=True)
class Table:
    """The ruler's rules compiled: the columns they read, an index from a tested value to the rules that test it,
    and each rule's values as columns to set."""

    columns: list[int]
    rules: list[Rule]
    index: dict[tuple[int, int], list[int]]
    unindexed: list[int]
    values: list[dict[int, int]]
    memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]]

    @property
    def reads_tags(self) -> bool:
        """Whether a rule tests a token's tag: then a Doc without tags (the ruler before the tagger) is out of
        place."""
        return TAG in self.columns


def _column(columns: list[int], attr: int) -> int:
    if attr not in columns:
        columns.append(attr)
    return columns.index(attr)


def _hashes(values: Any) -> frozenset[int]:
    if not isinstance(values, list | tuple | set | frozenset):
        raise Unreadable(f"a set of {type(values).__name__}")
    return frozenset(int(v) if isinstance(v, bool) else get_string_id(v) for v in values)


def _tests(spec: dict[str, Any], columns: list[int]) -> tuple[Test, ...]:
    """One token's pattern as tests on the columns of `Doc.to_array`."""
    tests: list[Test] = []
    for key, value in spec.items():
        name = key.upper()
        flag = name.startswith(("IS_", "LIKE_")) and name in IDS and IDS[name] < 64
        if name not in READABLE and not flag:
            raise Unreadable(key)
        column = _column(columns, ORTH if name == "TEXT" else IDS[name])
        if isinstance(value, dict) and not flag:
            for op, argument in value.items():
                if op == "IN":
                    tests.append((column, "in", _hashes(argument)))
                elif op == "NOT_IN":
                    tests.append((column, "out", _hashes(argument)))
                elif op == "REGEX" and isinstance(argument, str):
                    tests.append((column, "re", re.compile(argument)))
                else:
                    raise Unreadable(op)
        elif isinstance(value, bool) and flag:
            tests.append((column, "in", frozenset({int(value)})))
        elif isinstance(value, str | int) and not isinstance(value, bool) and not flag:
            tests.append((column, "in", frozenset({get_string_id(value)})))
        else:
            raise Unreadable(f"{key}: {value!r}")
    return tuple(tests)


def compile_rules(patterns: Iterable[dict[str, Any]], values: list[dict[Any, Any]]) -> Table:
    """A ruler's patterns (`AttributeRuler.patterns`) and its normalized values (`AttributeRuler.attrs`) as a
    table; raises `Unreadable` for a rule the table cannot read."""
    columns: list[int] = []
    rules: list[Rule] = []
    for number, rule in enumerate(patterns):
        if any(attr not in SETTABLE for attr in values[number]):
            raise Unreadable(f"sets {sorted(values[number])}")
        for pattern in rule["patterns"]:
            if not pattern or not all(isinstance(spec, dict) for spec in pattern):
                raise Unreadable("a pattern that is not a list of tokens")
            index = rule.get("index", 0)
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                raise Unreadable("an index outside its pattern")
            rules.append(Rule(number, tuple(_tests(spec, columns) for spec in pattern), target))
    index: dict[tuple[int, int], list[int]] = {}
    unindexed: list[int] = []
    for k, rule in enumerate(rules):
        test = next((t for t in rule.tokens[0] if t[1] == "in"), None)
        if test is None:
            unindexed.append(k)
            continue
        for value in test[2]:
            index.setdefault((test[0], value), []).append(k)
    return Table(columns, rules, index, unindexed, [dict(v) for v in values], {})


def _passes(tests: tuple[Test, ...], row: tuple[int, ...], text: Callable[[int], str]) -> bool:
    for column, kind, value in tests:
        found = row[column]
        if kind == "in":
            if found not in value:
                return False
        elif kind == "out":
            if found in value:
                return False
        elif not value.search(text(found)):
            return False
    return True


class AttributeTable(AttributeRuler):
    """spaCy's `AttributeRuler`, its rules applied from a table (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._table: Table | None = None
        self._unreadable: str | None = None

    def add(self, patterns: Any, attrs: dict[Any, Any], index: int = 0) -> None:
        self._table, self._unreadable = None, None
        super().add(patterns, attrs, index)

    def clear(self) -> None:
        self._table, self._unreadable = None, None
        super().clear()

    @property
    def table(self) -> Table | None:
        """The rules as a table; None when one of them cannot be read as one (`unreadable` says which)."""
        if self._table is None and self._unreadable is None:
            try:
                self._table = compile_rules(self.patterns, self.attrs)
            except Unreadable as why:
                self._unreadable = str(why)
        return self._table

    @property
    def unreadable(self) -> str | None:
        return None if self.table is not None else self._unreadable

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        if table is None or not len(doc):
            return super().__call__(doc)
        if table.reads_tags and not doc.has_annotation(TAG):
            raise misplaced("dateline_attribute_ruler", "was given a Doc without tags, which its rules read")
        text = doc.vocab.strings.__getitem__
        keys = [tuple(row) for row in doc.to_array(table.columns).reshape(len(doc), -1).tolist()]
        memo = table.memo
        found: list[tuple[int, ...]] = []
        longer: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            entry = memo.get(key)
            if entry is None:
                entry = memo[key] = self._ask(table, key, text)
                if len(memo) > MEMO_SIZE:
                    memo.clear()
                    memo[key] = entry
            singles, starts = entry
            found.append(singles)
            for k in starts:
                rule = table.rules[k]
                end = i + len(rule.tokens)
                if end <= len(keys) and all(_passes(rule.tokens[j], keys[i + j], text)
                                            for j in range(1, len(rule.tokens))):
                    longer.setdefault(i + rule.target, []).append(rule.rule)
        self._apply(doc, table, found, longer)
        return doc

    @staticmethod
    def _ask(table: Table, key: tuple[int, ...], text: Callable[[int], str]) -> tuple[tuple[int, ...],
                                                                                      tuple[int, ...]]:
        """For one combination of tested values: the one-token rules that apply (in order), and the longer rules
        whose first token matches."""
        candidates = sorted({k for column, value in enumerate(key) for k in table.index.get((column, value), ())}
                            | set(table.unindexed))
        singles: list[int] = []
        starts: list[int] = []
        for k in candidates:
            rule = table.rules[k]
            if _passes(rule.tokens[0], key, text):
                if len(rule.tokens) == 1:
                    singles.append(rule.rule)
                else:
                    starts.append(k)
        return tuple(sorted(singles)), tuple(starts)

    @staticmethod
    def _apply(doc: Doc, table: Table, found: list[tuple[int, ...]], longer: dict[int, list[int]]) -> None:
        """Each token's rules' values, the later rule's winning, set in one pass (`Doc.from_array`)."""
        merged: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[bool, ...]]] = {}
        news: list[tuple[int, ...]] = []
        masks: list[tuple[bool, ...]] = []
        for i, rules in enumerate(found):
            if i in longer:
                rules = tuple(sorted(rules + tuple(longer[i])))
            entry = merged.get(rules)
            if entry is None:
                values: dict[int, int] = {}
                for rule in rules:
                    values.update(table.values[rule])
                entry = merged[rules] = (tuple(values.get(a, 0) for a in SETTABLE),
                                         tuple(a in values for a in SETTABLE))
            news.append(entry[0])
            masks.append(entry[1])
        mask = numpy.array(masks, dtype=bool)
        used = mask.any(axis=0)
        if not used.any():
            return
        columns = [a for a, on in zip(SETTABLE, used, strict=True) if on]
        now = doc.to_array(columns).reshape(len(doc), -1)
        new = numpy.array(news, dtype=numpy.uint64)[:, used]
        doc.from_array(columns, numpy.where(mask[:, used], new, now).astype(numpy.uint64))


@Language.factory("dateline_attribute_ruler", assigns=["token.tag", "token.pos", "token.morph", "token.lemma"],
                  default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_table(nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None) -> AttributeTable:
    return AttributeTable(nlp.vocab, name, validate=validate, scorer=scorer)
