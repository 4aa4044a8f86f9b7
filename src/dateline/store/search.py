"""One language for searching quotes, translated alike for SQLite (FTS5) and PostgreSQL (tsquery).

The language is the one web search engines taught everyone:

- ``climate finance`` — quotes holding both words (stemmed: "vote" finds "voted", "votes");
- ``"climate finance"`` — the words next to each other, in that order;
- ``trump OR clinton`` — either (OR binds tighter than the space: ``tax trump OR clinton`` is tax and either);
- ``-biden``, ``-"white house"`` — without that word or phrase.

A word is a run of letters and digits, as both databases split text; English stop words ("the", "of", "not",
`resources/stop_words.txt`, PostgreSQL's own list) are left out of words, so both databases ignore them alike. A
query with no word left to find ("*", an emoji, "the", only exclusions) is a `SearchError`, never "every quote".
Nothing the user types reaches either database as syntax: words are bound as parameters (PostgreSQL) or quoted as
FTS5 strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.errors import Code, DatelineError
from dateline.resources import words as word_list

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")


class SearchError(DatelineError):
    """A search with nothing to find."""

    code = Code.SEARCH


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase: its words in order (one for a word)."""

    words: tuple[str, ...]


@dataclass(slots=True)
class Query:
    """Groups that must all match (each a set of alternatives), and terms that must not."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def _term(raw: str, phrase: bool) -> Term | None:
    tokens = [w.lower() for w in WORD.findall(raw)]
    if not phrase:
        tokens = [w for w in tokens if w not in word_list("stop_words.txt")]
    elif all(w in word_list("stop_words.txt") for w in tokens):
        tokens = []
    return Term(tuple(tokens)) if tokens else None


def parse(query: str) -> Query:
    """The structure of a query; raises `SearchError` when it has no word to find."""
    parsed = Query()
    join_next = False
    for match in TOKEN.finditer(query):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.upper() == "OR":
            join_next = bool(parsed.groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _term(quoted if quoted is not None else bare, phrase=quoted is not None or len(
            WORD.findall(bare or "")) > 1)
        if term is None:
            join_next = False
            continue
        if negated:
            parsed.excluded.append(term)
        elif join_next:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        join_next = False
    if not parsed.groups:
        raise SearchError(f"nothing to search for in {query[:80]!r}: give a word (stop words such as 'the' and "
                          "symbols are not searched), a \"phrase\", OR, and -exclusions")
    return parsed


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression: every word a quoted string, so none is read as syntax."""
    def term(t: Term) -> str:
        return '"' + " ".join(t.words).replace('"', '""') + '"'

    groups = ["(" + " OR ".join(term(t) for t in group) + ")" for group in query.groups]
    return " AND ".join(groups) + "".join(f" NOT {term(t)}" for t in query.excluded)


def to_tsquery(query: Query, prefix: str = "q") -> tuple[str, dict[str, str]]:
    """A PostgreSQL tsquery expression and its parameters (named `prefix` and a number): each term a
    ``phraseto_tsquery`` of its words."""
    params: dict[str, str] = {}

    def term(t: Term) -> str:
        name = f"{prefix}{len(params)}"
        params[name] = " ".join(t.words)
        return f"phraseto_tsquery('english', :{name})"

    groups = ["(" + " || ".join(term(t) for t in group) + ")" for group in query.groups]
    return " && ".join(groups) + "".join(f" && !!{term(t)}" for t in query.excluded), params


def to_postgres(query: Query, column: str = "quotes.tsv", prefix: str = "q") -> tuple[str, dict[str, str]]:
    """A PostgreSQL condition on a tsvector column (``quotes.tsv``, ``articles.tsv``) and its parameters."""
    condition, params = to_tsquery(query, prefix)
    return f"{column} @@ ({condition})", params
