"""Measuring Dateline against annotated articles: the system's view of its results, and the scores.

`attributions` turns a result into the one-record-per-utterance form quote-attribution gold is annotated in;
`score_quotes` scores those records against gold the way the benchmark's reference scorer does, and
`score_times` time expressions against TIMEX3 gold.
"""

from dateline.evaluate.quotes import QuoteScores, score_quotes
from dateline.evaluate.times import TimeScores, score_times
from dateline.evaluate.utterances import attributions

__all__ = ["QuoteScores", "TimeScores", "attributions", "score_quotes", "score_times"]
