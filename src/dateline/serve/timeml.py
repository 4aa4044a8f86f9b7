"""A result as a TimeML document: the article's text with its time expressions marked as TIMEX3, dated by a
creation-time TIMEX3, the form TimeML tools (and `dateline eval time`) read."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from dateline.records import Result


def to_timeml(result: Result) -> str:
    """The TimeML document for one result; an expression overlapping an earlier one is left out."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n', f"<DOCID>{escape(result.id)}</DOCID>\n",
             f'<DCT><TIMEX3 tid="t0" type="DATE" value="{result.published}" temporalFunction="false" '
             f'functionInDocument="CREATION_TIME">{result.published}</TIMEX3></DCT>\n', "<TEXT>"]
    at = 0
    for n, t in enumerate(sorted(result.times, key=lambda t: t.start), start=1):
        if t.start < at:
            continue
        parts.append(escape(result.text[at:t.start]))
        parts.append(f'<TIMEX3 tid="t{n}" type={quoteattr(t.type)} value={quoteattr(t.value)}>'
                     f"{escape(result.text[t.start:t.end])}</TIMEX3>")
        at = t.end
    parts.append(escape(result.text[at:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
