"""The passes that find an article's quotes: quotations, transcript turns and reporting verbs."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Span, Token

from dateline.extract.marks import Inside, Quoted, is_title, paragraphs, word_count
from dateline.extract.people import Cast
from dateline.extract.quotes.grammar import (
    SUBJECTS,
    according_to,
    act_of,
    discourse_marker,
    headline_case,
    is_cue,
    is_negated,
    is_question,
    phrase_act,
    phrase_acts,
    phrase_lemma,
    subject_of,
)
from dateline.extract.resolve import ADDRESSEE_VERBS, PERSONAL, SPOKEN_TO, Resolver
from dateline.extract.syntax import date_of, mention_of
from dateline.extract.text import Intervals, on_time_check, starts_of, text_of
from dateline.records import Addressee, Mention, Person, Quote, Speaker, Timex
from dateline.resources import words

THINGS = {"it", "this"}  # subjects that, unresolved, name no one who could say anything ("that", "which" stand
# for the phrase they hang on: "an organization that has declared a “caliphate”")
COMPLEMENTS = {"ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj", "oprd"}
TERMINAL = tuple(".,!?—–…:;")
DASHES = "―—–"
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?: \([A-Za-z .]+\))? *[-–—]+ *",
                      re.MULTILINE)  # "FRANKFURT (Reuters) - ", "NEWPORT NEWS, Va. - ", "WASHINGTON — "
LABEL = re.compile(r"(?:''|[\"“])?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}): +(?=\S)")


class QuoteFinder:
    """One article's quote finder: holds the Doc, the cast and the quotation marks while rules run."""

    def __init__(self, doc: Doc, cast: Cast, times: list[Timex]) -> None:
        self.doc = doc
        self.cast = cast
        self.times = times
        self.marks = cast.quotations
        self.text = text_of(doc)
        self.starts = starts_of(doc)  # each token's character offset, without a Token for each
        self.inside = Inside(self.marks)
        self.datelines = [m.span() for m in DATELINE.finditer(self.text)]
        self.resolver = Resolver(doc, cast, self.inside)

    # -- speakers and addressees: who the words name is the resolver's to say ---------------------------------
    def _in_quote(self, token: Token) -> bool:
        return token.idx in self.inside

    def speaker(self, token: Token | None) -> Speaker | None:
        """The speaker a subject token names (`dateline.extract.resolve`). A wire dateline the parse took for the
        subject ("FRANKFURT (Reuters) - Acme said …") gives way to the phrase after it."""
        if token is not None and (after := self._after_dateline(token.idx)) is not None:
            token = self._phrase_head(bisect_left(self.starts, after))
        return self.resolver.speaker(token)

    def _after_dateline(self, at: int) -> int | None:
        """Where the text goes on after the wire dateline that offset `at` lies in, if it lies in one."""
        return next((end for start, end in self.datelines if start <= at < end), None)

    def addressee(self, cue: Token) -> Addressee | None:
        """Whom the words of a cue were said to (`dateline.extract.resolve`)."""
        return self.resolver.addressee(cue)

    def when(self, cue: Token, content: list[list[int]] | None = None) -> str | None:
        """The date a time expression attached to the cue, outside what was said, gives ("on Monday said")."""
        spans = content or []
        return date_of(self.doc, self.times, cue,
                       skip=lambda at: at in self.inside or any(s <= at < e for s, e in spans))

    # -- direct and mixed quotes ----------------------------------------------------------------------------
    def _tokens(self, q: Quoted) -> Span | None:
        return self.doc.char_span(q.start, q.end, alignment_mode="expand")

    def _governing_cues(self, span: Span) -> list[Token]:
        """Reporting verbs outside the quote that govern it, innermost first."""
        roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        found: list[Token] = []
        for root in roots:
            node = root
            for _ in range(4):
                if node.head.i == node.i:
                    break
                node = node.head
                if span.start <= node.i < span.end or self._in_quote(node):
                    continue
                if is_cue(node) and node not in found:
                    found.append(node)
        return found

    def _naming_verb(self, span: Span) -> Token | None:
        """A verb that puts the quoted words on something ("called the plan “a disaster”"), governing the quote."""
        root = span.root
        node = root
        for _ in range(3):
            if node.head.i == node.i or node.dep_ == "pobj" and node.head.lower_ != "as":
                return None  # "calling out Trump for his “lies”": the quoted word is not what he was called
            node = node.head
            if span.start <= node.i < span.end or self._in_quote(node):
                continue
            if node.pos_ == "VERB" and node.lemma_.lower() in words("naming_verbs.txt"):
                return node
        return None

    def _near_cue(self, q: Quoted) -> Token | None:
        """A reporting verb next to the quote in its sentence when the parse does not link them."""
        doc = self.doc
        after = doc.char_span(q.outer_end, min(len(self.text), q.outer_end + 1), alignment_mode="expand")
        if after is not None:
            i = after.start
            while i < len(doc) and i < after.start + 6 and not doc[i].is_sent_start and not self._in_quote(doc[i]):
                if is_cue(doc[i]):
                    return None if self._introduces_next(q, doc[i]) else doc[i]
                if doc[i].text in ".!?":
                    break
                i += 1
        before = doc.char_span(max(0, q.outer_start - 1), q.outer_start, alignment_mode="expand")
        if before is not None:
            i = before.end - 1
            while i >= 0 and i > before.end - 10 and not self._in_quote(doc[i]):
                if is_cue(doc[i]):
                    return doc[i]
                if doc[i].text in ".!?" or doc[i].is_sent_start:
                    break
                i -= 1
        return None

    def _introduces_next(self, q: Quoted, cue: Token) -> bool:
        """ "“…kidding.” To which she said, “…”": after a quote that closed its sentence, a cue followed by a comma
        or colon and a new quotation introduces that one."""
        doc = self.doc
        if not self.text[q.start:q.end].rstrip(" '’\"”").endswith("."):
            return False
        nxt = cue.i + 1
        return nxt + 2 < len(doc) and doc[nxt].text in {",", ":"} and self._in_quote(doc[nxt + 2])

    def _after(self, q: Quoted) -> Token | None:
        """The first token after a quotation's closing mark."""
        if not q.closed:
            return None
        i = bisect_left(self.starts, q.outer_end)
        return self.doc[i] if i < len(self.doc) else None

    def _subject_between(self, start: int, cue: Token) -> Token | None:
        """The head of the noun phrase between a quote's end and its cue ("…,” Rep. Jane Roe (D-Md.) said")."""
        depth, kept = 0, []
        for t in self.doc[start:cue.i]:  # the words outside parentheses, without adverbs and particles
            depth += t.text == "("
            if depth == 0 and not t.is_punct and t.pos_ not in {"ADV", "AUX", "PART"}:
                kept.append(t)
            depth -= t.text == ")" and depth > 0
        if not kept:
            return None
        for t in kept:
            if t.head.i == cue.i and t.dep_ in SUBJECTS:
                return t
        nouns = [t for t in kept if t.pos_ in {"PROPN", "NOUN", "PRON"}]
        if not nouns:
            return None
        first_noun = nouns[0]
        # "a narrator in the Clinton ad": the phrase's head is before any preposition
        for t in kept:
            if t.pos_ == "ADP" and t.i > first_noun.i:
                return max((n for n in nouns if n.i < t.i), key=lambda n: n.i)
        return nouns[-1]

    def _tail(self, q: Quoted) -> tuple[Token, Token | None] | None:
        """The attribution that follows a closing mark: "…,” NAME said" or "…,” said NAME" (cue, subject)."""
        doc = self.doc
        first = self._after(q)
        if first is None:
            return None
        if "\n" in self.text[q.outer_end - 1:first.idx]:
            return None
        i = first.i
        while i < len(doc) and doc[i].is_punct and doc[i].text not in ".!?":
            i += 1
        start = i
        while i < len(doc) and i < start + 14:
            t = doc[i]
            if t.text in {".", "!", "?", ";", "“", "\""} or self._in_quote(t) or "\n" in t.text_with_ws:
                return None
            if is_cue(t):
                if self._introduces_next(q, t):
                    return None
                if i > start:
                    return t, self._subject_between(start, t)
                return t, self._inverted_subject(t)
            if i == start and according_to(t):
                return t, self._phrase_head(i + 2)  # "“…,” according to engineer Rita Gomez"
            i += 1
        return None

    def _according_before(self, q: Quoted) -> tuple[Token, Token | None] | None:
        """"According to the newspaper, “…”": the source named before a quote in its sentence."""
        doc = self.doc
        end = bisect_left(self.starts, q.outer_start)
        for i in range(end - 1, max(-1, end - 21), -1):
            if self._in_quote(doc[i]) or "\n" in doc[i].text:
                break
            if according_to(doc[i]):
                return doc[i], self._phrase_head(i + 2)
            if doc[i].is_sent_start:
                break
        return None

    def _inverted_subject(self, cue: Token) -> Token | None:
        """The speaker named after the cue: "said Robert Roe, a miner", "added the senator"."""
        if cue.lemma_.lower() in ADDRESSEE_VERBS:
            return None
        return self._phrase_head(cue.i + 1)

    def _phrase_head(self, i: int) -> Token | None:
        """The head of the noun phrase starting at token i ("engineer Rita Gomez" → Gomez), read from the words."""
        doc = self.doc
        for k in range(i, min(len(doc), i + 6)):  # a person named before the next punctuation
            if doc[k].is_punct:
                break
            if k in self.cast.name_tokens:
                while k + 1 < len(doc) and self.cast.name_tokens.get(k + 1) == self.cast.name_tokens[k]:
                    k += 1
                return doc[k]
        def named(t: Token) -> bool:  # a capitalized word is a name whatever the tagger says ("Skelly" as ADV)
            return t.is_alpha and t.text[:1].isupper() and t.lower_ not in {"the", "a", "an"}

        while i < len(doc) and (doc[i].pos_ in {"ADV", "PART"} or doc[i].ent_type_ in {"DATE", "TIME"}) and not named(
                doc[i]):
            i += 1
        phrase = []
        while i < len(doc) and not doc[i].is_punct and (
                doc[i].pos_ in {"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM"} or named(doc[i])):
            phrase.append(doc[i])
            i += 1
        if not phrase:
            return None
        return max((t for t in phrase if t.pos_ in {"PROPN", "NOUN", "PRON"} or named(t)), key=lambda t: t.i,
                   default=None)

    def _dash_byline(self, q: Quoted) -> Speaker | None:
        """A name after a dash that closes a quote: "“…” ― Jane Roe" (readers' comments, epigraphs)."""
        doc, text = self.doc, self.text
        rest = text[q.outer_end:q.outer_end + 80]
        stripped = rest.lstrip(" \t")
        if not q.closed or stripped[:1] not in DASHES:
            return None
        at = q.outer_end + len(rest) - len(stripped) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        span = doc.char_span(at, line_end, alignment_mode="expand")
        if span is None:
            return None
        name = [t for t in span if not t.is_space]
        while name and name[-1].is_punct:
            name.pop()
        if not name or len(name) > 6 or not all(t.text[:1].isupper() or t.is_punct for t in name):
            return None
        head = name[-1]
        found = self.speaker(head)
        if found is not None and found.person is not None:
            return found
        mention = doc[name[0].i:head.i + 1]
        return Speaker(name=mention.text, mention=mention_of(mention))

    def _lead_in(self, q: Quoted) -> Speaker | None:
        """The subject of the narrator's sentence just before a quote with no cue of its own, in its paragraph:
        "Schiff said the administration may be reluctant. “The other factor …”"."""
        doc, text = self.doc, self.text
        before = text[:q.outer_start].rstrip(" \t")
        if not before or before[-1] not in ".:" or "\n" in text[len(before):q.outer_start]:
            return None
        end = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if end is None:
            return None
        sent = doc[end.start].sent
        if "\n" in text[sent.start_char:end.start_char] or self._in_quote(sent[0]):
            return None
        root = sent.root
        if not (is_cue(root) or root.pos_ == "VERB") or is_negated(root) or is_question(root):
            return None
        subject = subject_of(root)
        if subject is None or (subject.i not in self.cast.token_person and subject.lower_ not in PERSONAL):
            return None
        return self.speaker(subject)

    def _labels(self) -> dict[int, tuple[Speaker, int]]:
        """Transcript turns: paragraphs opening with a speaker's name in capitals and a colon ("PENCE: Well, …").

        A label counts where it names someone the article names, or opens two turns or more; a single heading
        ("CORRECTION:") does not. Keys are paragraph starts; values the speaker and where the words begin.
        """
        text = self.text
        found: list[tuple[int, str, int, int]] = []
        for start, _ in paragraphs(text):
            m = LABEL.match(text, start)
            if m and len(m.group(1)) > 1:
                found.append((start, m.group(1), m.start(1), m.end()))
        counts: dict[str, int] = {}
        for _, label, _, _ in found:
            counts[label] = counts.get(label, 0) + 1
        turns: dict[int, tuple[Speaker, int]] = {}
        by_surname: dict[str, Person] = {}
        for p in reversed(self.cast.people):  # the first person with a surname wins, as a search in order would
            by_surname[p.name.split()[-1].lower()] = p
        on_time = on_time_check(self.doc)
        for start, label, at, words_start in found:
            on_time()
            person = by_surname.get(label.split()[-1].lower())
            if person is None and counts[label] < 2:
                continue
            mention = Mention(text=label, start=at, end=at + len(label))
            turns[start] = Speaker(name=person.name if person else label.title(), mention=mention,
                                   person=person.id if person else None), words_start
        return turns

    def transcript(self, direct: list[Quote]) -> list[Quote]:
        """One direct quote per transcript turn, from after the label to the end of the paragraph."""
        text = self.text
        out = []
        taken = Intervals([(q.start, q.end) for q in direct])
        for speaker, words_start in self._labels().values():
            end = text.find("\n", words_start)
            end = len(text) if end < 0 else end
            while end > words_start and text[end - 1] in ' "”\t':
                end -= 1
            if taken.overlaps(words_start, max(end, words_start + 1)):
                continue
            out.append(Quote(text=text[words_start:end], start=words_start, end=end, kind="direct",
                             speaker=speaker, cue=None, spans=[[words_start, end]]))
        return out

    def _standalone(self, q: Quoted) -> bool:
        """The quote is a sentence of its own (or several), not words inside the narrator's sentence."""
        text = self.text
        before = text[:q.outer_start].rstrip(" \t")
        starts = not before or before[-1] in "\n.!?:,”\"—"
        inner = text[q.start:q.end].rstrip()
        return starts and inner.rstrip("'’”\"").endswith(TERMINAL)  # a quote inside may close it: …me.'"

    def _colon_intro(self, q: Quoted) -> Speaker | None:
        """The speaker of "He continued:" or "PENCE:" just before a quote (across a paragraph break too)."""
        text = self.text
        before = text[:q.outer_start].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        i = colon.start - 1
        first = max(colon.start - 40, self.doc[colon.start].sent.start - 1)
        while i >= 0 and i > first:
            t = self.doc[i]
            if t.text in ".!?" or "\n" in t.text_with_ws and i < colon.start - 1:
                break
            if is_cue(t) and not is_negated(t, self.inside) and not is_question(t) and not self._in_quote(t):
                return self.speaker(subject_of(t) or self._inverted_subject(t))
            i -= 1
        name = self.doc[colon.start - 1]
        if name.i in self.cast.token_person:
            return self.speaker(name)
        # "Cruz called them on it:", "Romney tweeted in response:": the subject of the clause the colon ends
        root = self.doc[colon.start - 1] if colon.start else self.doc[0]
        while root.pos_ not in {"VERB", "AUX"} and root.head.i != root.i:  # the verb of the clause just before it
            root = root.head
        if root.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "nsubj" for c in root.children):
            root = self.doc[colon.start].sent.root
        if root.pos_ in {"VERB", "AUX"} and root.i < colon.start and not is_negated(root, self.inside):
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subject is not None and not self._in_quote(subject) and (
                    subject.pos_ in {"PROPN", "PRON"} or subject.i in self.cast.token_person):
                return self.speaker(subject)
        return None

    def _content(self, cue: Token, span: Span) -> tuple[int, int]:
        """The whole reported content around a mixed quote: the cue's complement that holds it, or for a naming
        verb its object and the quoted words ("called [Wells Fargo's behavior “outrageous”]")."""
        if cue.lemma_.lower() in words("naming_verbs.txt"):
            objects = [c for c in cue.children if c.dep_ in {"dobj", "nsubjpass"} and c.i < span.start]
            if objects:
                return self.doc[objects[0].left_edge.i].idx, span.end_char
        last = span.end - 1
        while last > span.start and span.doc[last].is_punct:
            last -= 1  # closing punctuation inside the marks often hangs on the main verb
        for child in cue.children:
            if child.dep_ in COMPLEMENTS and child.left_edge.i <= span.start and child.right_edge.i >= last:
                sub = self.doc[child.left_edge.i:child.right_edge.i + 1]
                start = sub.start
                while start < sub.end and (self.doc[start].lower_ in {"that", ",", ":"} or (
                        self.doc[start].ent_type_ in {"DATE", "TIME"} and self.doc[start].dep_ != "nsubj"
                        and not self._in_quote(self.doc[start]))):  # "told them this weekend he would …"
                    start += 1
                end = sub.end
                for later in cue.rights:  # "…,” when it comes to …": what the cue governs after the complement
                    if later.i > child.i and later.dep_ == "advcl" and all(
                            t.is_punct for t in self.doc[end:later.left_edge.i]) and not any(
                            t.ent_type_ in {"DATE", "TIME"} for t in later.subtree):
                        end = later.right_edge.i + 1
                while end > start and self.doc[end - 1].is_punct and not self._in_quote(self.doc[end - 1]):
                    end -= 1
                return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])
        return span.start_char, span.end_char

    def direct(self) -> tuple[list[Quote], set[int]]:
        doc, text = self.doc, self.text
        out: list[Quote] = []
        used_cues: set[int] = set()
        last_in_paragraph: dict[int, Quote] = {}
        previous_paragraph_speaker: list[tuple[int, Quote]] = []
        on_time = on_time_check(doc)
        for q in self.marks:
            on_time()
            if q.closed and is_title(text, q):
                continue
            inner = text[q.start:q.end].rstrip()
            if LABEL.match(text, q.outer_start):
                continue  # a transcript turn ("PENCE: …"), which `transcript` reads
            span = self._tokens(q)
            if span is None or not len(span):
                continue
            cues = self._governing_cues(span)
            naming = None if cues else self._naming_verb(span)
            if naming is not None:
                cues = [naming]
            if word_count(text, q) <= 2 and not inner.endswith(tuple(".,!?")) and not cues:
                continue  # a scare quote or a quoted term nobody is said to say
            cue = cues[-1] if cues else self._near_cue(q)
            if cues and len(cues) > 1:
                inner_subject = subject_of(cues[0])
                inner_speaker = self.speaker(inner_subject)
                outer_speaker = self.speaker(subject_of(cues[-1]))
                thing = inner_speaker is not None and inner_speaker.name is None and inner_subject is not None and \
                    inner_subject.lower_ in THINGS  # "Obama said it would tell a story of “suffering”": his words
                if inner_speaker and outer_speaker and inner_speaker.name != outer_speaker.name and not thing:
                    cue = cues[0]
            paragraph = text.rfind("\n", 0, q.outer_start)
            standalone = self._standalone(q)
            speaker: Speaker | None = None
            date: str | None = None
            addressee: Addressee | None = None
            subject: Token | None = None
            tail = self._tail(q) if standalone else None
            if tail is not None and (cue is None or cue.i == tail[0].i or not cues):
                cue, subject = tail
            if cue is None and (according := self._according_before(q)) is not None:
                cue, subject = according
            if cue is None and headline_case(inner):
                continue  # a title nobody is said to say: “This Kind of War,” ''MTV Unplugged,''

            if cue is not None:
                if is_negated(cue, self.inside):
                    continue
                subject = subject if subject is not None else subject_of(cue)
                if (subject is None or self._in_quote(subject)) and (
                        cue.idx > q.end or cue.is_sent_start or doc[cue.i - 1].is_punct):  # "Said Ellis: “…”"
                    subject = self._inverted_subject(cue)
                speaker = self.speaker(subject)
                addressee = self.addressee(cue)
                date = self.when(cue, [list(p) for p in q.pieces])
                used_cues.add(cue.i)
            elif standalone and (byline := self._dash_byline(q)) is not None:
                speaker = byline
            elif standalone and paragraph in last_in_paragraph:
                previous = last_in_paragraph[paragraph]  # the same speaker going on, to the same listener
                speaker, date, addressee = previous.speaker, previous.date, previous.addressee
            elif standalone and (intro := self._colon_intro(q)) is not None:
                speaker = intro
            elif standalone and (lead := self._lead_in(q)) is not None:
                speaker = lead
            elif standalone and not text[paragraph + 1:q.outer_start].strip() and previous_paragraph_speaker:
                # a paragraph that opens with a quote and names nobody goes on with the last speaker
                earlier = text.rfind("\n", 0, len(text[:max(0, paragraph)].rstrip()))
                last = previous_paragraph_speaker[-1]
                if last[0] > earlier:
                    speaker = last[1].speaker
            kind = "direct" if standalone else "mixed"
            if kind == "mixed" and cue is None:
                continue  # quoted words in the narrator's own sentence, with nobody saying them: a quoted term
            spans = [list(p) for p in q.pieces]
            if kind == "mixed" and cue is not None:
                spans = [list(self._content(cue, span))]
            quote = Quote(text=text[q.start:q.end], start=q.start, end=q.end, kind=kind, speaker=speaker,
                          cue=mention_of(doc[cue.i:cue.i + (2 if cue.lower_ == "according" else 1)])
                          if cue is not None else None, addressee=addressee,
                          spans=spans, date=date,
                          act="question" if cue is not None and is_question(cue) else "statement")
            out.append(quote)
            if speaker is not None:
                last_in_paragraph[paragraph] = quote
                previous_paragraph_speaker.append((q.start, quote))
        return out, used_cues

    # -- indirect speech ------------------------------------------------------------------------------------
    def _clause(self, head: Token, skip: Token | None = None) -> tuple[int, int] | None:
        """The character span of a reported clause, without "that", edge punctuation, or the cue's own words."""
        doc = self.doc
        tokens = [t for t in head.subtree if skip is None or not (skip.left_edge.i <= t.i <= skip.right_edge.i)]
        if not tokens:
            return None
        start, end = tokens[0].i, tokens[-1].i + 1
        while start < end and (doc[start].lower_ in {"that", ",", ":", "—"} or doc[start].is_space or (
                doc[start].ent_type_ in {"DATE", "TIME"} and doc[start].head.i != head.i and doc[start].i < head.i
                and doc[start].dep_ != "nsubj")):  # "told them this weekend he would …": the when is the cue's
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end - start < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
            return None
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])

    def _around_according(self, token: Token) -> list[tuple[int, int]]:
        """What "according to X" reports: the rest of its sentence, on either side of the phrase, which runs from
        "according" to the next comma (or the sentence's end)."""
        doc = self.doc
        sent = token.sent
        end = next((t.i for t in doc[token.i + 2:sent.end] if t.text in {",", ";", "—", ":"}), sent.end)
        pieces = []
        for lo, hi in ((sent.start, token.i), (end, sent.end)):
            run = list(doc[lo:hi])
            while run and (run[0].is_punct or run[0].is_space):
                run = run[1:]
            while run and (run[-1].is_punct or run[-1].is_space):
                run = run[:-1]
            if any(t.is_alpha for t in run):
                pieces.append((run[0].idx, run[-1].idx + len(run[-1])))
        words = len(re.findall(r"\w+", " ".join(self.text[a:b] for a, b in pieces)))
        return pieces if words >= 3 else []

    def _set_off(self, cue: Token) -> bool:
        """An attribution set off by commas inside or after what it reports ("…, Mr. Clarke said, until …")."""
        edge = cue.left_edge.i
        while edge < cue.i and self.doc[edge].is_punct:
            edge += 1
        return edge > 0 and self.doc[edge - 1].text in {",", "—", "–", "--"} and cue.head.i != cue.i

    def _pieces(self, head: Token, skip: Token) -> list[tuple[int, int]]:
        """A reported clause with an attribution inside it, as the character spans on either side of it."""
        doc = self.doc
        inside = range(skip.left_edge.i, skip.right_edge.i + 1)
        runs: list[list[Token]] = []
        for t in head.subtree:
            if t.i in inside:
                continue
            if runs and runs[-1][-1].i == t.i - 1:
                runs[-1].append(t)
            else:
                runs.append([t])
        pieces = []
        for run in runs:
            while run and (run[0].is_punct or run[0].is_space or run[0].lower_ == "that"):
                run = run[1:]
            while run and (run[-1].is_punct or run[-1].is_space):
                run = run[:-1]
            if run and any(t.is_alpha for t in run):
                pieces.append((run[0].idx, run[-1].idx + len(run[-1])))
        words = sum(1 for t in head.subtree if t.i not in inside and t.is_alpha)
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in head.subtree if t.i not in inside)
        return pieces if words >= 3 and has_verb and doc[head.i].i not in inside else []

    def _that_clause(self, cue: Token) -> list[Token]:
        """ "told a meeting of leaders that few understood …", "said on ABC's “This Week” that …": a that-clause the
        parse hung on the listener or the program as a relative clause, when "that" is its mark and not its subject
        or object."""
        for child in cue.children:
            if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in SPOKEN_TO or child.dep_ == "npadvmod":
                for t in child.subtree:
                    if t.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                        return [t]
        return []

    def _phrase(self, cue: Token) -> tuple[int, int] | None:
        """The content of a speech act that reports a phrase (`resources/phrase_acts.tsv`): "urged Republicans to
        join …", "called for a special prosecutor", "accused him of lying", "spoke about her faith"."""
        shapes = phrase_acts().get(phrase_lemma(cue))
        if not shapes or cue.pos_ != "VERB":
            return None
        if shapes == ("clear",):  # "made it clear he had misgivings": the clause after "clear"
            clear = next((c for c in cue.children if c.lower_ == "clear" and c.dep_ in {"ccomp", "oprd", "acomp"}),
                         None)
            clause = next((c for c in clear.children if c.dep_ in {"ccomp", "advcl"}), None) if clear else None
            return self._clause(clause) if clause is not None else None
        parts: list[Token] = []
        obj = next((c for c in cue.children if c.dep_ in {"dobj", "dative"} and c.i > cue.i), None)
        for shape in shapes:
            if shape == "to":
                to = [c for c in cue.children if c.dep_ in {"xcomp", "ccomp"} and c.i > cue.i and any(
                    a.lower_ == "to" and a.dep_ == "aux" for a in c.children)]
                if to:
                    parts += ([obj] if obj is not None and obj.i < to[0].i else []) + to[:1]
                    for prep in cue.children:  # "called on X to …": the ones asked, then what
                        if prep.dep_ == "prep" and prep.lower_ == "on" and prep.i < to[0].i:
                            parts.append(prep)
            elif shape in {"object", "named"} and obj is not None:
                rest = [c for c in cue.children if c.i > obj.i and (
                    c.dep_ in {"oprd", "xcomp"} or c.dep_ == "prep" and c.lower_ in {"of", "for", "as", "from"})]
                if shape == "named" and not any(c.dep_ in {"oprd", "xcomp"} or c.lower_ == "as" for c in rest):
                    continue  # "called the plan a disaster", "rated it as false", not "called the office"
                if obj.pos_ != "PRON" or rest:  # "accused her of lying", not "denied it"
                    parts += [obj, *rest]
            elif shape.startswith("prep:"):
                wanted = shape[5:].split(",")
                parts += [c for c in cue.children if c.dep_ == "prep" and c.lower_ in wanted and c.i > cue.i]
            if parts:
                break
        parts = [p for p in parts if not any(t.ent_type_ in {"DATE", "TIME"} for t in p.subtree) or p.dep_ != "prep"]
        if not parts:
            return None
        start = min(p.left_edge.i for p in parts)
        end = max(p.right_edge.i for p in parts) + 1
        end = next((t.i for t in self.doc[start:end] if not self._in_quote(t) and (
            t.text in {"—", "–", "--", ";"} or t.text == "," and t.i + 1 < end and self.doc[t.i + 1].lower_ in {
                "which", "who"})), end)  # what follows a dash or ", which" is the writer's own aside
        if parts[0].dep_ == "prep" and len(shapes) and shapes[0].startswith("prep:") and parts[0].i == start:
            start += 1  # "spoke about her faith": the preposition is the verb's, the content its object
        while end > start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        span = self.doc[start:end]
        if sum(t.is_alpha for t in span) < 2 or any(self._in_quote(t) for t in span[:1]):
            return None
        return span.start_char, span.end_char

    def indirect(self, used_cues: set[int], direct: list[Quote]) -> list[Quote]:
        doc, text = self.doc, self.text
        out: list[Quote] = []
        covered = Intervals([(q.start, q.end) for q in direct])
        strings = doc.vocab.strings
        wanted = {strings.add(p) for p in ("VERB", "AUX", "NOUN")}
        according = strings.add("according")
        candidates = [i for i, (pos, lower) in enumerate(doc.to_array([POS, LOWER]).tolist())
                      if pos in wanted or lower == according]  # verbs, "according", nouns read as verbs
        on_time = on_time_check(doc)
        for i in candidates:
            on_time()
            token = doc[i]
            if i in used_cues or self._in_quote(token):
                continue
            content: tuple[int, int] | None = None
            speaker_token: Token | None = None
            cue_span: Span | None = None
            act: str | None = None
            according_pieces: list[tuple[int, int]] = []
            if according_to(token):
                objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
                speaker_token = objs[0] if objs else self._phrase_head(token.i + 2)
                according_pieces = self._around_according(token)
                if speaker_token is None or not according_pieces:
                    continue
                content = (according_pieces[0][0], according_pieces[-1][1])
                cue_span = doc[token.i:token.i + 2]
            elif discourse_marker(token):
                continue  # "That said, …", "Needless to say, …": a turn of phrase, not a report
            elif (act := act_of(token) or phrase_act(token)) is not None and not is_negated(
                    token, self.inside) and not any(
                    is_cue(a) and (is_negated(a, self.inside) or is_question(a)) for a in token.ancestors):
                # nothing inside what was not said or was asked ("did not say how Putin responded") was said
                speaker_token = subject_of(token)
                if speaker_token is None:
                    continue
                comps = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
                if is_question(token):  # "asked whether …" reports no words; "asked X to …", "asked about …" do
                    content = self._phrase(token)
                elif comps:
                    content = self._clause(comps[0])
                elif token.dep_ in {"parataxis", "ccomp"} and self._set_off(token) and (
                        token.head.pos_ in {"VERB", "AUX"} or token.dep_ == "parataxis"):
                    # "Lenox was a juggernaut, Mr. Clarke said, until …": the sentence around the attribution
                    # ("The difference now, he told me, is that …": the parse may hang it on the subject)
                    around = token.head if token.head.pos_ in {"VERB", "AUX"} else token.sent.root
                    pieces = self._pieces(around, skip=token)
                    if pieces:
                        content = (pieces[0][0], pieces[-1][1])
                else:
                    comps = [c for c in token.children if c.dep_ == "ccomp"] or self._that_clause(token)
                    if comps:
                        content = self._clause(comps[0])
                if content is None and not is_question(token):
                    content = self._phrase(token)
                cue_span = doc[token.i:token.i + 1]
            if content is None or cue_span is None:
                continue
            if covered.overlaps(*content):
                continue
            cue_token = cue_span[0]
            according = cue_token.lower_ == "according"
            spans = [[content[0], content[1]]]
            if according:
                spans = [list(p) for p in according_pieces]
            elif content[0] < cue_token.idx < content[1]:
                spans = [list(p) for p in self._pieces(token.head, skip=token)] or spans
            quote = Quote(text=text[content[0]:content[1]], start=content[0], end=content[1], kind="indirect",
                          speaker=self.speaker(speaker_token), cue=mention_of(cue_span),
                          addressee=None if according else self.addressee(cue_token),
                          spans=spans, act=act if not according else "statement",
                          date=self.when(cue_token.head if according else cue_token, [list(content)]))
            out.append(quote)
            covered.add(*content)
        return out
