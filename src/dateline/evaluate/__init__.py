"""Measuring Dateline against annotated articles: the system's view of its results, and the scores.

`attributions` turns a result into the one-record-per-utterance form quote-attribution gold is annotated in;
`quotes.score` scores those records against gold the way the benchmark's reference scorer does.
"""

from dateline.evaluate.quotes import QuoteScores, score_quotes
from dateline.evaluate.utterances import attributions

__all__ = ["QuoteScores", "attributions", "score_quotes"]
