"""TimeML documents (``.tml``): the TEXT element as an article dated by its creation time, and the TIMEX3
expressions annotated in it — what `dateline eval time` scores against."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from dateline.errors import Code, ReadError
from dateline.read.fields import MAX_CHARS, article_from
from dateline.records import Article, Timex

MAX_DEPTH = 200
"""The deepest nesting of elements read: TimeML nests two or three deep; more is not a document."""


def parse_timeml(data: bytes, *, source: str, max_chars: int = MAX_CHARS) -> tuple[Article, list[Timex]]:
    """A TimeML document: the article (its TEXT, dated by the creation time) and the TIMEX3 expressions annotated
    in it, with offsets into that text."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, RecursionError, ValueError) as err:
        raise ReadError(f"malformed TimeML ({str(err)[:200]})", source=source, code=Code.MALFORMED) from None
    body = root.find("TEXT")
    if body is None:
        raise ReadError("TimeML without a TEXT element", source=source, code=Code.MALFORMED)
    creation = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
                    None)
    pieces: list[str] = []
    found: list[Timex] = []
    at = 0
    stack: list[tuple[ElementTree.Element, int, int]] = [(body, 0, 0)]  # element, next child, where it starts
    if body.text:
        pieces.append(body.text)
        at += len(body.text)
    while stack:  # a walk without recursion, so no nesting can exhaust the stack
        element, k, start = stack[-1]
        if k < len(element):
            child = element[k]
            stack[-1] = (element, k + 1, start)
            if len(stack) > MAX_DEPTH:
                raise ReadError(f"TimeML nested over {MAX_DEPTH} elements deep", source=source, code=Code.MALFORMED)
            stack.append((child, 0, at))
            if child.text:
                pieces.append(child.text)
                at += len(child.text)
            continue
        stack.pop()
        if element.tag == "TIMEX3" and element is not body:
            found.append(Timex(text="", start=start, end=at, type=element.get("type") or "",
                               value=element.get("value") or ""))
        if element is not body and element.tail:
            pieces.append(element.tail)
            at += len(element.tail)
    name = Path(source).name
    stem = name[:-len(Path(name).suffix)] if Path(name).suffix else name
    article = article_from({"text": "".join(pieces), "published": (creation or "")[:10] or None},
                           source=source, max_chars=max_chars, default_id=stem)
    for t in found:
        t.text = article.text[t.start:t.end]
    return article, sorted(found, key=lambda t: t.start)
