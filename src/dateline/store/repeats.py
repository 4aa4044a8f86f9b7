"""One quote across articles: the occurrences of the same words, however each outlet trimmed or typeset them.

Two occurrences are one quote when their words are the same, or the words of one run inside the other's, once case,
punctuation, accents and the shapes of quotation marks are set aside ("“We will win,” he said" and "We will win this
race" are one). A text inside another counts only when it is a good part of it (`SHARE`, or `LONG_ENOUGH` words
whatever its share): "to ban all Muslims" runs inside a hundred different sentences, and would chain them all into
one. Only direct and mixed quotes are matched (an indirect quote is the reporter's words), and quotes of fewer than
`MIN_WORDS` words ("Yes", "a disaster") are too common to say so: all these stay their article's own.

Finding which stored quotes to compare a new one with must not mean comparing it with all of them. Each quote's text
is cut into runs of `SHINGLE` words, and the runs whose hash falls in one bucket of `SAMPLE` are kept as its
anchors, in the `quote_anchors` table (all its runs when none falls in the bucket): a text that runs inside another
has all of its runs in the other, so the other's sampled runs inside it are its own sampled runs, and a lookup by
all the runs of a new text finds every stored quote that may hold it or be held by it (the idea of MinHash banding,
by content-defined sampling, kept in the database). One case is missed: a short text of k runs, none sampled
(chance 2^-k), saved after a longer one that holds it, until a third text that holds both arrives; the same words
are always found, by their text id.

A quote's id (`quotes.quote`) is the smallest text id among the texts it joins, so the grouping and its ids come
out the same whatever order the articles were saved in (one process or Dask); when a new text joins two quotes, the
one with the larger id is merged into the other, and `quote_merges` keeps the old id answering.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from functools import lru_cache

SHINGLE = 4
SAMPLE = 2
MIN_WORDS = 4
SHARE = 0.4
LONG_ENOUGH = 12
MATCHED_KINDS = ("direct", "mixed")
WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """A quote's words as they are compared: folded to lower case, accents and punctuation set aside."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return WORD.findall(decomposed if decomposed.isascii() else decomposed.translate(_unmarked()))


@lru_cache(maxsize=1)
def _unmarked() -> dict[int, None]:
    """What `str.translate` takes to drop every combining mark (the accents NFKD splits off a letter): a table of
    912 code points, built once in about 50 ms, where a test of each character took a third of `words_of`'s time."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def text_id(words: list[str]) -> str:
    """The id of a quote's words."""
    return "Q" + _digest(" ".join(words))[:12]


def runs(words: list[str]) -> list[str]:
    """The hashes of a text's runs of `SHINGLE` words, in order: what its anchors and its probes are taken from."""
    return [_digest(" ".join(words[i:i + SHINGLE]))[:16] for i in range(len(words) - SHINGLE + 1)]


def anchors(words: list[str], ran: list[str] | None = None) -> list[str]:
    """What a quote's text is filed under in `quote_anchors`: the hashes of its sampled runs of `SHINGLE` words, or
    of all its runs when none is sampled (a short text). `ran`: its `runs`, where the caller has them already."""
    ran = runs(words) if ran is None else ran
    return sorted({r for r in ran if int(r[:8], 16) % SAMPLE == 0} or set(ran))


def probes(words: list[str], ran: list[str] | None = None) -> list[str]:
    """What a new text is looked up by: the hashes of all its runs (`ran`, where the caller has them already)."""
    return sorted(set(runs(words) if ran is None else ran))


def linkable(words: list[str], kind: str = "direct") -> bool:
    """Whether a quote is matched across articles: direct or mixed, and long enough."""
    return kind in MATCHED_KINDS and len(words) >= MIN_WORDS


def same_quote(one: list[str], other: list[str]) -> bool:
    """Whether two texts are one quote: the same words, or the words of one run inside the other."""
    if not (linkable(one) and linkable(other)):
        return False
    (short, n), (long, m) = sorted(((" ".join(one), len(one)), (" ".join(other), len(other))), key=lambda x: x[1])
    if n < LONG_ENOUGH and n < SHARE * m:
        return False
    return f" {short} " in f" {long} "
