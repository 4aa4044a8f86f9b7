"""What the attribution model reads of a parsed Doc besides its words: pure functions from a Doc to arrays.

Two kinds of input:

- **per token** (`lexical`): flags a news reader would check first — is the word a reporting verb, a verb of
  belief or finding, a question verb, "according"; does it stand inside quotation marks, is it a mark, does it open
  a paragraph. The word lists are the rules' own (`resources/`): hand rules become features here, not the model.
- **per cue** (`relative`): where each token of the cue's window stands from the cue — how far and on which side,
  how it hangs on the cue in the parse ("under its ccomp", "its subject", "above it"), how deep, in which sentence
  counted from the cue's, inside quotation marks or not. The model tags a cue's source and content from these.

A cue's window (`window`) is its sentence and up to `SENTENCES` sentences on either side, at most `WINDOW` tokens
around the cue: 96 % of PolNeAR's contents lie in their cue's sentence or the two next to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
from murmurhash import hash as murmur
from spacy.attrs import DEP, HEAD, IDX, IS_TITLE, LEMMA, LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

from dateline.extract.marks import quotations
from dateline.extract.text import text_of
from dateline.resources import load, words

SENTENCES = 2
"""Sentences on either side of the cue's own that its window holds."""
WINDOW = 80
"""Tokens on either side of the cue beyond which its window never reaches."""
QUOTE_MARKS = frozenset("\"“”«»„'‘’`")

RELATIVE = ("distance", "tree", "depth", "sentence", "quoted", "edge")
"""The per-cue features, in the order of `relative`'s columns."""
BUCKETS = (1, 2, 3, 4, 6, 9, 14, 21, 32, 50)
"""Upper bounds of the distance buckets (in tokens) on either side of the cue."""


@cache
def _phrase_lemmas() -> frozenset[str]:
    return frozenset(line.split("\t")[0].lower() for line in load("phrase_acts.tsv"))


LEXICONS = ("cue_verbs.txt", "belief_verbs.txt", "finding_verbs.txt", "questions.txt", "negative_cues.txt",
            "naming_verbs.txt", "documents.txt")
FLAGS = (*LEXICONS, "phrase_acts", "according", "in_quotes", "quote_mark", "paragraph_start", "sentence_start",
         "title_case")
"""The per-token flags of `lexical`, in the order of its columns."""


@dataclass(slots=True)
class Layout:
    """What every cue of a Doc shares: each token's head, dependency label, sentence and whether it is quoted."""

    heads: numpy.ndarray  # int32, the head of each token (a root is its own)
    deps: numpy.ndarray  # uint64, each token's dependency label as spaCy hashes it
    sentence: numpy.ndarray  # int32, the index of each token's sentence
    bounds: list[tuple[int, int]]  # [start, end) of each sentence
    quoted: numpy.ndarray  # bool, the token lies inside quotation marks
    depth: numpy.ndarray  # int32, steps from each token up to its sentence's root
    ancestors: numpy.ndarray  # int32 (tokens × depth + 1): each token's ancestor at each depth, itself at its own


def _inside(text: str, starts: numpy.ndarray) -> numpy.ndarray:
    """Which of these character offsets lie inside quotation marks."""
    pieces = sorted(p for q in quotations(text) for p in q.pieces)
    if not pieces:
        return numpy.zeros(len(starts), dtype=bool)
    lo = numpy.array([a for a, _ in pieces])
    hi = numpy.array([b for _, b in pieces])
    k = numpy.searchsorted(lo, starts, side="right") - 1
    return (k >= 0) & (starts < hi[numpy.maximum(k, 0)])


def layout(doc: Doc) -> Layout:
    """The parse and the quotation marks of a Doc, as arrays."""
    n = len(doc)
    table = doc.to_array([HEAD, DEP, SENT_START, IDX]).astype("int64") if n else numpy.zeros((0, 4), dtype="int64")
    heads = (numpy.arange(n) + table[:, 0]).astype(numpy.int32)
    depth, ancestors = _lineage(heads)
    starts = table[:, 2] == 1
    if n:
        starts[0] = True
    sentence = (numpy.cumsum(starts) - 1).astype(numpy.int32)
    first = numpy.flatnonzero(starts).tolist()
    bounds = list(zip(first, first[1:] + [n], strict=True))
    return Layout(heads, table[:, 1].astype("uint64"), sentence, bounds, _inside(text_of(doc), table[:, 3]), depth,
                  ancestors)


def _lineage(heads: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Each token's depth under its sentence's root, and its ancestor at every depth down to its own."""
    n = len(heads)
    up = [numpy.arange(n, dtype=numpy.int32)]  # up[s][t]: the ancestor s steps above t (the root stays the root)
    while len(up) <= n and (up[-1] != heads[up[-1]]).any():
        up.append(heads[up[-1]])
    chain = numpy.stack(up, axis=1) if n else numpy.zeros((0, 1), dtype=numpy.int32)
    depth = (chain[:, 1:] != chain[:, :-1]).sum(axis=1).astype(numpy.int32) if n else numpy.zeros(0, numpy.int32)
    ancestors = numpy.full((n, len(up)), -1, dtype=numpy.int32)
    rows = numpy.arange(n)
    for steps in range(len(up)):
        at = depth - steps
        ok = at >= 0
        ancestors[rows[ok], at[ok]] = chain[ok, steps]
    return depth, ancestors


@cache
def _lexicon_keys() -> list[numpy.ndarray]:
    """Each word list's words as the hashes spaCy gives strings, to compare with a Doc's arrays."""
    lists = [words(name) for name in LEXICONS] + [_phrase_lemmas()]
    return [numpy.array(sorted(hash_string(w) for w in found), dtype="uint64") for found in lists]


def lexical(doc: Doc, shape: Layout) -> numpy.ndarray:
    """One row of 0/1 flags per token (`FLAGS`)."""
    n = len(doc)
    out = numpy.zeros((n, len(FLAGS)), dtype="float32")
    if not n:
        return out
    table = doc.to_array([LEMMA, LOWER, IS_TITLE, IDX]).astype("uint64")
    lemmas, lowers = table[:, 0], table[:, 1]
    for k, keys in enumerate(_lexicon_keys()):
        out[:, k] = numpy.isin(lemmas, keys) | numpy.isin(lowers, keys)
    k = len(LEXICONS) + 1
    out[:, k] = lowers == hash_string("according")
    out[:, k + 1] = shape.quoted
    out[:, k + 2] = numpy.isin(lowers, _mark_keys())
    text = text_of(doc)
    idx = table[:, 3].astype("int64")
    out[:, k + 3] = [i == 0 or "\n" in text[max(0, i - 2):i] for i in idx.tolist()]
    sent_starts = numpy.zeros(n, dtype=bool)
    sent_starts[[s for s, _ in shape.bounds]] = True
    out[:, k + 4] = sent_starts
    out[:, k + 5] = table[:, 2]
    return out


@cache
def _mark_keys() -> numpy.ndarray:
    return numpy.array([hash_string(m) for m in (*QUOTE_MARKS, "''", "``")], dtype="uint64")


def window(shape: Layout, start: int, end: int, sentences: int = SENTENCES, tokens: int = WINDOW) -> tuple[int, int]:
    """The tokens [start, end) of a cue's window: its sentence and `sentences` on either side, within `tokens`
    tokens of the cue."""
    s = int(shape.sentence[start])
    first = shape.bounds[max(0, s - sentences)][0]
    last = shape.bounds[min(len(shape.bounds) - 1, int(shape.sentence[end - 1]) + sentences)][1]
    return max(first, start - tokens), min(last, end + tokens)


KINDS = {kind: murmur(f"tree={kind}") & 0xFFFFFFFF for kind in ("cue", "out", "anc", "sub", "sib")}
SALTS = numpy.array([murmur(f"feature={name}") & 0xFFFFFFFF for name in RELATIVE], dtype="uint64") << numpy.uint64(
    20)
"""A value's key is its feature's salt plus the value's code: distinct across features, for the hash embeddings."""


def _root(shape: Layout, start: int, end: int) -> int:
    """The cue's head: its token whose head lies outside it (the first such, as spaCy's `Span.root` would)."""
    heads = shape.heads
    for i in range(start, end):
        h = int(heads[i])
        if h == i or not start <= h < end:
            return i
    return start


def relative(shape: Layout, start: int, end: int, w0: int, w1: int) -> numpy.ndarray:
    """For each token of the window [w0, w1), its features (`RELATIVE`) seen from the cue [start, end), as keys.

    - `distance`: how far from the cue and on which side, in buckets (`BUCKETS`);
    - `tree`: how the token hangs on the cue's head in the parse: inside the cue; under the cue's child of label DEP
      ("sub", DEP); above the cue ("anc"); in the cue's sentence under the branch of label DEP that leaves the cue's
      line of ancestors ("sib", DEP); in another sentence ("out");
    - `depth`: steps below the cue's head (or below where its branch leaves the cue's line), at most 6;
    - `sentence`: the token's sentence counted from the cue's, -3 to 3;
    - `quoted`: inside quotation marks or not; `edge`: the window's first token, its last, or neither."""
    root = _root(shape, start, end)
    window_tokens = numpy.arange(w0, w1)
    n = len(window_tokens)
    cue_sentence = int(shape.sentence[start])
    sentence = shape.sentence[window_tokens].astype(numpy.int64)
    depth = shape.depth[window_tokens].astype(numpy.int64)
    top = int(shape.depth[root])
    mine = shape.ancestors[window_tokens, :top + 1]
    theirs = shape.ancestors[root, :top + 1]
    shared = numpy.cumprod(mine == theirs, axis=1).sum(axis=1)  # how many of the cue's ancestors are the token's too
    under = shared == top + 1
    branch_at = numpy.where(under, top + 1, shared)
    width = shape.ancestors.shape[1]
    branch = shape.ancestors[window_tokens, numpy.minimum(branch_at, width - 1)]
    labels = shape.deps[numpy.maximum(branch, 0)]
    tree = numpy.where(under, labels ^ numpy.uint64(KINDS["sub"]), labels ^ numpy.uint64(KINDS["sib"]))
    relation_depth = numpy.where(under, depth - top, depth - shared + 1)
    above = (~under) & (depth == shared - 1)
    tree = numpy.where(above, numpy.uint64(KINDS["anc"]), tree)
    relation_depth = numpy.where(above, 0, relation_depth)
    other = sentence != cue_sentence
    tree = numpy.where(other, numpy.uint64(KINDS["out"]), tree)
    in_cue = (window_tokens >= start) & (window_tokens < end)
    tree = numpy.where(in_cue, numpy.uint64(KINDS["cue"]), tree)
    relation_depth = numpy.where(other | in_cue, 0, numpy.minimum(relation_depth, 6))
    bounds = numpy.array(BUCKETS)
    before = numpy.searchsorted(bounds, start - window_tokens) + 1
    after = numpy.searchsorted(bounds, window_tokens - end + 1) + 1
    distance = numpy.where(window_tokens < start, -before, numpy.where(window_tokens >= end, after, 0))
    edge = numpy.zeros(n, dtype=numpy.int64)
    if n:
        edge[-1] = 2
        edge[0] = 1
    quoted = shape.quoted[window_tokens].astype(numpy.int64)
    codes = numpy.stack([distance + 16, numpy.zeros(n, dtype=numpy.int64), relation_depth,
                         numpy.clip(sentence - cue_sentence, -3, 3) + 3, quoted, edge], axis=1).astype("uint64")
    keys = codes + SALTS
    keys[:, 1] = tree
    return keys
