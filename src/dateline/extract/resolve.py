"""Who a mention is: the speakers and addressees of quotes resolved to the people and organizations an article
names.

The quote finder says *which* words name the source ("he", "the company", "a statement from the prime minister's
office"); this step says *who* that is, from the article's entity index (`dateline.extract.people.Cast`: its
people with their titles, its organizations with their kinds, and which tokens point at which). Events read it too.

`Resolver.who(token)` tries these strategies in order, and the first that answers wins:

1. `relative` — a relative pronoun ("Reyes, who said …") is the phrase its clause hangs on;
2. `named` — a person the article names, by any of their mentions ("Reyes", "Mr. Reyes", "the governor" once
   the governor was named);
3. `apposed` — a phrase with a name in apposition ("the company, Acme,", "its director, Margaret Chen");
4. `author` — "I" and "me" outside quotation marks: the author of the piece;
5. `personal` — "he" and "she": the nearest person named as a subject whose gender, where shown, agrees;
6. `collective` — "it" and "they": the organization, group or people named as the subject nearest before;
7. `organization` — an organization's name, by its fullest form ("Fox" → "Fox News", "EPA" → "Environmental
   Protection Agency");
8. `description` — "the company", "the agency", "the steelmaker", "the commission": the organization last named
   that the description fits (by a description given in apposition, by a word of its name, or by its kind);
9. `document` — "a statement", "the report", "the letter": who issued it, where the article says ("a statement
   from X", "X's report", "a CNN poll", "X released a report"); else no name;
10. `representative` — "a spokeswoman for the bank", "a White House spokesman", "Pentagon officials": the
    organization they speak for;
11. `generic` — a common noun with no name in it ("officials", "analysts", "a senior official"): no name, never a
    guess;
12. `as_written` — anything else is named as written ("the Clinton campaign", "Republicans").

Pronouns the strategies cannot resolve keep their mention and have no name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Span, Token

from dateline.extract.organizations import kind_words, name_text
from dateline.extract.people import Cast, gendered_nouns, one_letter_off, title_holders
from dateline.extract.syntax import antecedent, mention_of, noun_phrase
from dateline.extract.text import sentence_starts
from dateline.records import Addressee, Speaker
from dateline.resources import words

SUBJECTS = {"nsubj", "nsubjpass"}
PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
POSSESSIVE = {"his": "m", "her": "f"}
FIRST_PERSON = {"i", "me"}
PLAIN_PERSONS = {"man", "woman", "boy", "girl", "lady", "gentleman"}  # no epithet: "the woman" names nobody
COLLECTIVE = {"it", "they", "them"}
AUTHOR = "the author"
ADDRESSEE_VERBS = {"tell", "inform", "assure", "warn", "remind", "promise", "urge", "caution", "advise"}
SPOKEN_TO = ADDRESSEE_VERBS | {"ask", "brief", "email"}  # verbs whose object is whom the words were said to
INTERVIEWS = {"interview", "conversation", "appearance", "podcast", "call", "exchange", "chat", "discussion"}
GATHERINGS = {"meeting", "gathering", "conference", "convention", "session", "luncheon", "dinner", "breakfast"}
PLACE_NOUNS = {"state", "country", "city", "nation", "town", "province", "county", "region", "capital"}
QUOTE_CHARS = "“”\"«»„"
LOOK_BACK = 20  # occurrences of a noun a description looks back over
GROUPS = {"group", "crowd", "audience", "gathering", "room", "assembly", "meeting", "panel", "forum"}
INTERVIEWERS = {"host", "interviewer", "anchor", "moderator", "presenter", "anchorman", "anchorwoman"}
REPRESENTATIVES = {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "spokesmen",
                   "spokeswomen"}


@dataclass(frozen=True, slots=True)
class Who:
    """What a mention resolves to: a name (None where it cannot be told), the words that say it, and the person's
    id when it is a person the article names."""

    name: str | None
    span: Span
    person: str | None = None


def objects(token: Token, *words_: str) -> Iterator[Token]:
    """The objects of a token's prepositions ("a statement [from] X"), of the given prepositions only where named;
    for a preposition itself, its own objects."""
    if token.dep_ in {"prep", "agent", "dative"} and not words_:
        yield from (c for c in token.children if c.dep_ == "pobj")
        return
    for prep in token.children:
        if prep.dep_ == "prep" and (not words_ or prep.lower_ in words_):
            yield from (c for c in prep.children if c.dep_ == "pobj")


POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}


def _audience_name(span: Span, head: Token) -> str:
    """An audience's name without the speaker's possessive: "his supporters at a rally" are "supporters at a
    rally" (the mention keeps the words as written; one person, "his wife", keeps them in the name too)."""
    if head.tag_ == "NNS" and span[0].lower_ in POSSESSIVES and span[0].i < head.i:
        span = span[1:]
    return " ".join(span.text.split())


def _group_members() -> frozenset[str]:
    return words("group_members.txt")


def _documents() -> frozenset[str]:
    return words("documents.txt")


class Resolver:
    """One article's resolver: its Doc, its entity index, and which characters lie inside quotation marks."""

    def __init__(self, doc: Doc, cast: Cast, inside: Container[int]) -> None:
        self.doc = doc
        self.cast = cast
        self.inside = inside
        self.chain: dict[int, Who] = {}  # pronouns resolved so far, which later pronouns may take up
        self._byline: tuple[str, str | None] | None = None
        self.titles = title_holders(cast.people)
        self._nouns: dict[str, list[int]] | None = None
        self._org_starts: dict[str, list[tuple[int, int]]] | None = None
        self._places: list[Span] | None = None
        self._place_ends: list[int] = []
        self.strategies: list[Callable[[Token], Who | None]] = [
            self.relative, self.named, self.apposed, self.author, self.personal, self.collective,
            self.organization, self.description, self.document, self.representative, self.generic,
            self.as_written]

    # -- the faces: a speaker and an addressee ----------------------------------------------------------------
    def who(self, token: Token) -> Who | None:
        """The first strategy's answer for a token that names a source (None inside quotation marks)."""
        if self.quoted(token):
            return None
        for strategy in self.strategies:
            found = strategy(token)
            if found is not None:
                return found
        return None

    def speaker(self, token: Token | None) -> Speaker | None:
        """The `Speaker` a subject token names; one the strategies leave unnamed may be a person's group or people
        ("his campaign": `possessed`, for speakers only: an audience is named as written, "told his supporters")."""
        found = self.who(token) if token is not None else None
        if found is not None and found.name is None and token is not None:
            found = self.possessed(token) or found
        if found is None:
            return None
        return Speaker(name=found.name, mention=mention_of(found.span), person=found.person)

    def addressee(self, cue: Token) -> Addressee | None:
        """Whom a reporting verb's words were said to: "told X", "said to X", "wrote to X", "in an interview with
        X", "told MSNBC's “Morning Joe”" (the program), "told a meeting of X" (X)."""
        target = self.target(cue)
        if target is None:
            return None
        program = self.program(target)
        if program is not None:
            return program
        if self.quoted(target):
            return None
        found = self.who(target)
        if found is None or found.name is None:
            referent = self.group_before(target) or self.interviewer_before(target)
            if referent is not None:
                return referent
            if target.pos_ in {"PRON", "NUM"} and not any(c.dep_ == "prep" and c.lower_ == "of"
                                                          for c in target.children):
                return None  # "told him" that cannot be resolved; "told some of the miners" is an audience
            span = self.audience(target)
            return Addressee(name=_audience_name(span, target), mention=mention_of(span))
        span = found.span
        if found.person is not None:
            names = [t for t in span if self.cast.name_tokens.get(t.i) == found.person]
            if names:
                span = self.doc[names[0].i:names[-1].i + 1]
        elif target.i in self.cast.token_org:
            span = self.outlet(span)
            name = name_text(span) if span.end > found.span.end else found.name
            return Addressee(name=name, mention=mention_of(span))
        return Addressee(name=found.name, mention=mention_of(span))

    def target(self, cue: Token) -> Token | None:
        """The token that names who was spoken to, among a reporting verb's dependents."""
        lemma = cue.lemma_.lower()
        found = None
        inverted = cue.i > 0 and self.doc[cue.i - 1].is_punct and lemma != "tell"  # "“…?” asked a resident"
        for child in cue.children:
            if child.dep_ in {"dobj", "dative"} and lemma in SPOKEN_TO and found is None and not inverted:
                found = child  # the first object: "asked the candidates to …, a request …"
            elif child.dep_ in {"prep", "dative"} and child.lower_ == "to" and lemma != "tell":
                found = next(objects(child), found)
            elif child.dep_ == "prep" and child.lower_ in {"in", "during", "on"} and found is None:
                found = self.interviewer(child) or (self.broadcast(child) if child.lower_ == "on" else None)
        if found is not None and found.lemma_.lower() in GATHERINGS:
            found = next(objects(found, "of"), found)  # "told a meeting of Pacific Island leaders"
        if found is None or found.pos_ not in {"PROPN", "NOUN", "PRON", "NUM"}:  # "told one of his protégés"
            return None
        return found

    def interviewer(self, prep: Token) -> Token | None:
        """The X of "in an interview with X", "during an appearance on X"."""
        for obj in objects(prep):
            if obj.lemma_.lower() in INTERVIEWS:
                return next(objects(obj, "with", "on", "to"), None)
        return None

    def broadcast(self, prep: Token) -> Token | None:
        """The outlet or program of "said on Fox News", "said on ABC's “This Week”": whose audience heard it."""
        for obj in objects(prep):
            n = self.cast.token_org.get(obj.i)
            if n is not None and self.cast.orgs[n].kind == "media" or self.program(obj) is not None:
                return obj
        return None

    def program(self, target: Token) -> Addressee | None:
        """A program named in quotation marks, after its network or alone: "MSNBC's “Morning Joe”" is "Morning
        Joe", with the network in the mention."""
        doc = self.doc
        k = target.i + 1
        if k < len(doc) and doc[k].lower_ in {"’s", "'s"} and k + 1 < len(doc) and doc[k + 1].text in QUOTE_CHARS:
            open_at = k + 1  # the target is the network
        else:
            open_at = next((j for j in range(target.i - 1, max(-1, target.i - 8), -1)
                            if doc[j].text in QUOTE_CHARS or doc[j].is_punct and doc[j].text not in "-–—.&"), None)
            if open_at is None or doc[open_at].text not in QUOTE_CHARS:
                return None  # the target is not inside a quotation that opens just before it
        close = next((j for j in range(open_at + 1, min(len(doc), open_at + 10)) if doc[j].text in QUOTE_CHARS), None)
        if close is None or close == open_at + 1 or close < target.i:
            return None
        title = doc[open_at + 1:close]
        if not all(t.text[:1].isupper() or t.text[:1].isdigit() or t.lower_ in {"of", "the", "and", "a", "with", "in"}
                   or t.is_punct for t in title):
            return None
        start = open_at
        if open_at >= 2 and doc[open_at - 1].lower_ in {"’s", "'s"}:
            start = noun_phrase(doc[open_at - 2]).start
        return Addressee(name=" ".join(title.text.split()), mention=mention_of(doc[start:close + 1]))

    def outlet(self, span: Span) -> Span:
        """An outlet's name run on through the capitalized words the model left out: "CBS This Morning"."""
        end = span.end
        while end < len(self.doc) and end - span.end < 4 and self.doc[end].text[:1].isupper() and \
                self.doc[end].is_alpha and self.doc[end].ent_type_ not in {"DATE", "TIME", "PERSON", "GPE"}:
            end += 1
        return self.doc[span.start:end]

    def _definite(self, target: Token, nouns: set[str]) -> bool:
        return target.pos_ == "NOUN" and target.tag_ != "NNS" and target.lemma_.lower() in nouns and any(
            c.lower_ in {"the", "that", "this"} for c in target.lefts)

    def group_before(self, target: Token) -> Addressee | None:
        """"told the group", "told the crowd": the audience the article described just before, a plural of people
        that was spoken to or among ("campaigned among black business leaders at the Urban League")."""
        if not self._definite(target, GROUPS):
            return None
        members = _group_members()
        for window in self._windows(target, back=3):
            for t in reversed(window):
                if t.tag_ == "NNS" and t.dep_ in {"pobj", "dobj", "dative"} and not self.quoted(t) and (
                        t.lemma_.lower() in members or t.lemma_.lower() in self.titles):
                    return Addressee(name=_audience_name(self.audience(t), t), mention=mention_of(noun_phrase(target)))
        return None

    def interviewer_before(self, target: Token) -> Addressee | None:
        """"told the host", "told the interviewer": the person the article named as the one who asked ("in an
        interview with Trending Today USA with Rusty Humphries")."""
        if not self._definite(target, INTERVIEWERS):
            return None
        for window in self._windows(target, back=6):
            for t in reversed(window):
                if t.lemma_.lower() not in INTERVIEWS or t.pos_ != "NOUN":
                    continue
                for k in range(t.i + 1, t.right_edge.i + 1):
                    pid = self.cast.token_person.get(k)
                    person = self.cast.person(pid) if pid is not None else None
                    if person is not None:
                        return Addressee(name=person.name, mention=mention_of(noun_phrase(target)))
        return None

    def audience(self, target: Token) -> Span:
        """A described audience with where it was: "supporters at a Michigan rally", "reporters in Des Moines"."""
        span = noun_phrase(target)
        start, end = span.start, span.end
        for child in target.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, child.right_edge.i + 1)
        after = self.doc[end] if end < len(self.doc) else None
        if after is not None and after.dep_ == "prep" and after.lower_ in {"at", "in", "from"} and not any(
                t.ent_type_ in {"DATE", "TIME"} for t in after.subtree):
            end = after.right_edge.i + 1  # the place right after the audience, wherever the parse hangs it
        return self.doc[start:end]

    # -- the strategies, in order -----------------------------------------------------------------------------
    def quoted(self, token: Token) -> bool:
        return token.idx in self.inside

    def relative(self, token: Token) -> Who | None:
        noun = antecedent(token)
        if noun is not None:
            named = self.who(noun)
            if named is not None:
                return Who(named.name, self.doc[token.i:token.i + 1], named.person)
        return None

    def _person(self, pid: str, token: Token) -> Who:
        person = self.cast.person(pid)
        assert person is not None
        for s, e in self.cast.mention_spans.get(pid, []):
            if s <= token.i < e:
                return Who(person.name, self.doc[s:e], pid)
        return Who(person.name, noun_phrase(token), pid)

    def named(self, token: Token) -> Who | None:
        pid = self.cast.token_person.get(token.i)
        if pid is None and token.dep_ == "nsubj":
            pid = self.surname_alone(token)
        return self._person(pid, token) if pid is not None else None

    def surname_alone(self, token: Token) -> str | None:
        """A bare capitalized subject the model did not take for a name that is the surname of the one person the
        article named in full with it ("Trump urges …" in a headline, before "Donald Trump"), or misspells it by one
        letter ("Wines believes …" after "Leslie Wimes"): five letters or more, the first one the same."""
        word = token.text
        if len(word) < 5 or not word[:1].isupper() or any(
                c.dep_ in {"det", "amod", "compound", "poss"} for c in token.children):
            return None
        surnames = {p.id: p.name.split()[-1] for p in self.cast.people if len(p.name.split()) > 1}
        exact = [pid for pid, surname in surnames.items() if surname.lower() == word.lower()]
        if exact:  # not a place or a body of that name ("Washington said")
            return exact[0] if len(exact) == 1 and token.ent_type_ in {"", "PERSON"} else None
        fits = [pid for pid, surname in surnames.items() if surname[:1] == word[:1]
                and one_letter_off(word.lower(), surname.lower())]
        return fits[0] if len(fits) == 1 else None

    def apposed(self, token: Token) -> Who | None:
        for child in token.children:
            if child.dep_ != "appos":
                continue
            if child.i in self.cast.token_person:
                return self._person(self.cast.token_person[child.i], child)
            if child.i in self.cast.token_org and token.pos_ == "NOUN":
                return Who(self.cast.orgs[self.cast.token_org[child.i]].name, noun_phrase(token))
        return None

    def author(self, token: Token) -> Who | None:
        if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
            name, pid = self.byline()
            return Who(name, self.doc[token.i:token.i + 1], pid)
        return None

    def byline(self) -> tuple[str, str | None]:
        """Who "I" is: the person an opinion piece's closing line introduces ("Jane Roe is a professor at …"),
        else the author, unnamed."""
        if self._byline is None:
            self._byline = (AUTHOR, None)
            doc = self.doc
            starts = sentence_starts(doc)
            tail = [doc[a:b] for a, b in zip(starts[-4:-1], starts[-3:], strict=False) if a > len(doc) // 2]
            for sent in tail:
                first = next((t for t in sent if not t.is_space), None)
                pid = self.cast.token_person.get(first.i) if first is not None else None
                root = sent.root
                if pid is not None and root.lemma_ == "be" and any(
                        c.dep_ == "nsubj" and self.cast.token_person.get(c.i) == pid for c in root.children):
                    person = self.cast.person(pid)
                    if person is not None:
                        self._byline = (person.name, pid)
        return self._byline

    def _windows(self, token: Token, back: int = 4) -> list[Span]:
        """The text before a token in its sentence, then the sentences before it, nearest first."""
        starts = sentence_starts(self.doc)
        k = bisect_right(starts, token.i) - 1
        before = range(k - 1, max(-1, k - back - 1), -1)
        return [self.doc[starts[k]:token.i], *(self.doc[starts[j]:starts[j + 1]] for j in before)]

    def personal(self, token: Token) -> Who | None:
        wanted = PERSONAL.get(token.lower_)
        if wanted is None or token.pos_ != "PRON":
            return None
        if token.i in self.chain:
            return self.chain[token.i]
        mention = self.doc[token.i:token.i + 1]
        found = self._antecedent(token, wanted, mention)
        self.chain[token.i] = found
        return found

    def _antecedent(self, token: Token, wanted: str, mention: Span) -> Who:
        """The person a he or she takes up: in the nearest stretch that names someone of agreeing gender, the last
        subject (a he or she that is itself a subject counts, as the person it takes up), else the last named. A
        subject that describes someone of that gender without a name ("my mother", "a woman at the rally") counts
        too, as nobody named: "she" after it is that woman, not a woman named further back."""
        described = gendered_nouns()[wanted]
        for window in self._windows(token):
            people: list[tuple[Token, str | None]] = []
            for t in window:
                if self.quoted(t):
                    continue
                pid = self.cast.token_person.get(t.i)
                if pid is None and PERSONAL.get(t.lower_) == wanted and t.dep_ in SUBJECTS and t.pos_ == "PRON":
                    pid = self.personal(t).person  # "He added …": the person that he is
                if pid is not None and self.cast.gender.get(pid, wanted) == wanted:
                    people.append((t, pid))
                elif pid is None and t.dep_ in SUBJECTS and self._unnamed(t, described):
                    people.append((t, None))
            if not people:
                continue
            subjects = [(t, pid) for t, pid in people if t.dep_ in SUBJECTS or t.head.dep_ in SUBJECTS]
            last, pid = subjects[-1] if subjects else people[-1]
            if pid is None:  # "The other man, his cousin James York, cited …": the one the description goes on to name
                pid = next((p for t, p in people if t.i > last.i and p is not None), None)
            person = self.cast.person(pid) if pid is not None else None
            return Who(person.name if person else None, mention, pid)
        for i in range(token.i - 1, max(-1, token.i - 120), -1):  # a subject the model did not tag as a person
            t = self.doc[i]
            if t.dep_ == "nsubj" and t.pos_ == "PROPN" and not self.quoted(t) and t.ent_type_ not in {
                    "ORG", "GPE", "NORP", "LOC", "FAC"}:
                return Who(noun_phrase(t).text, mention)
        return Who(None, mention)

    @staticmethod
    def _unnamed(token: Token, described: Container[str]) -> bool:
        """A subject that describes one person of a gender without naming them: "a woman at the rally", "my
        mother", "the man, who asked not to be named"; not an epithet for someone named ("the businessman", "the
        first lady", "his brother"), nor one of a clause inside the sentence ("a family whose mother had died", "the
        day after a man opened fire")."""
        head = token.head
        if token.tag_ != "NN" or token.lemma_.lower() not in described or not (
                head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT"):
            return False  # a subject of the sentence's own verb, not of a clause inside it
        determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "poss"}}
        if determiners & {"a", "an", "another", "one", "my", "our"}:
            return True
        return token.lemma_.lower() in PLAIN_PERSONS and bool(determiners & {"the", "this", "that"}) and \
            not any(c.dep_ == "amod" for c in token.children)

    def collective(self, token: Token) -> Who | None:
        """ "It said": the organization named nearest before, a subject first; "they said": also a group ("Democrats")
        or people named together ("Reyes and Ortiz")."""
        low = token.lower_
        if low not in COLLECTIVE or token.pos_ != "PRON":
            return None
        mention = self.doc[token.i:token.i + 1]
        plural = low != "it"
        nearest: Who | None = None  # the nearest named, where no window names one as a subject
        for window in self._windows(token, back=3):
            found: list[tuple[bool, Who]] = []
            for t in window:
                if self.quoted(t) or t.i in self.cast.token_person and not plural:
                    continue
                subject = t.dep_ in SUBJECTS
                if t.i in self.cast.token_org and t.head.i not in self.cast.token_org:
                    found.append((subject, Who(self.cast.orgs[self.cast.token_org[t.i]].name, mention)))
                elif not plural and subject and t.pos_ == "PROPN" and t.i not in self.cast.token_person and \
                        t.ent_type_ in {"", "ORG", "FAC"}:  # a body the model did not tag: "the … Coalition"
                    found.append((subject, Who(name_text(noun_phrase(t)), mention)))
                elif plural and subject and t.tag_ in {"NNPS", "NNS"} or plural and subject and t.ent_type_ == "NORP":
                    phrase = noun_phrase(t)
                    name = None if self.generic(t) else name_text(phrase)
                    found.append((subject, Who(name, mention)))
                elif plural and subject and t.i in self.cast.token_person and any(
                        c.i in self.cast.token_person for c in t.conjuncts):
                    names = [self.cast.person(self.cast.token_person[c.i]) for c in (t, *t.conjuncts)
                             if c.i in self.cast.token_person]
                    found.append((subject, Who(" and ".join(p.name for p in names if p), mention)))
            subjects = [w for s, w in found if s]
            if subjects:
                return subjects[-1]
            nearest = nearest or (found[-1][1] if found else None)
        return nearest or Who(None, mention)

    def organization(self, token: Token) -> Who | None:
        n = self.cast.token_org.get(token.i)
        if n is None:
            return None
        org = self.cast.orgs[n]
        span = next((token.doc[s:e] for s, e in org.ranges if s <= token.i < e), noun_phrase(token))
        return Who(org.name, span)

    def nouns(self) -> dict[str, list[int]]:
        """Where each common noun occurs, by lemma: read once, for the strategies that look back for one."""
        if self._nouns is None:
            self._nouns = {}
            noun = self.doc.vocab.strings["NOUN"]
            for i, (pos, lemma) in enumerate(self.doc.to_array([POS, LEMMA]).tolist()):
                if pos == noun:
                    self._nouns.setdefault(self.doc.vocab.strings[lemma].lower(), []).append(i)
        return self._nouns

    def org_starts(self) -> dict[str, list[tuple[int, int]]]:
        """Where organizations' mentions start, sorted, with the organization's place in the cast: under each noun
        that describes one, and under "" those a trade may describe (a company, or of no known kind). Read once,
        looked up by bisection, so a description costs the same however many organizations the article names."""
        if self._org_starts is None:
            found: dict[str, list[tuple[int, int]]] = {"": []}
            for k, org in enumerate(self.cast.orgs):
                starts = [(s, k) for s, _ in org.ranges]
                for noun in org.nouns:
                    found.setdefault(noun, []).extend(starts)
                if org.kind in {"company", None}:
                    found[""].extend(starts)
            self._org_starts = {noun: sorted(at) for noun, at in found.items()}
        return self._org_starts

    def description(self, token: Token) -> Who | None:
        """A definite description of people, an organization or a place the article named before: "the
        candidates" (everyone named before with that title), "the company", "the state"."""
        if token.pos_ != "NOUN" or not any(c.lower_ in {"the", "this", "both"} for c in token.lefts):
            return None
        noun = token.lemma_.lower()
        span = noun_phrase(token)
        if token.tag_ == "NNS":
            holders = [pid for pid, _ in self.titles.get(noun, []) if any(
                s < token.i for s, _ in self.cast.mention_spans.get(pid, []))]
            people = [p for p in (self.cast.person(pid) for pid in dict.fromkeys(holders)) if p is not None]
            if len(people) > 1:
                return Who(" and ".join(p.name for p in people), span)
        _, as_noun = kind_words()
        kind = as_noun.get(noun)
        # the organization last mentioned before that the noun describes; a company is often described by its
        # trade ("the lender"), a ministry or a court by its own name only
        starts = self.org_starts()
        best: tuple[int, int] | None = None
        for listed in (starts.get(noun, []), starts[""] if kind == "company" else []):
            k = bisect_left(listed, (token.i, -1))
            if k and (best is None or listed[k - 1][0] > best[0]):
                best = listed[k - 1]
        if best is not None:
            return Who(self.cast.orgs[best[1]].name, span)
        for i in self.before(noun, token):  # "Acme, the steelmaker,": a name the model did not tag
            t = self.doc[i]
            if t.dep_ == "appos" and t.head.pos_ == "PROPN":
                return Who(name_text(noun_phrase(t.head)), span)
        if noun in PLACE_NOUNS:
            place = self.place_before(token)
            if place is not None:
                return Who(name_text(place), span)
        return None

    def before(self, lemma: str, token: Token) -> list[int]:
        """The last few places (nearest first) a common noun occurred before a token: how far back a description or
        a document is looked for, the same in an article of any length."""
        at = self.nouns().get(lemma, [])
        k = bisect_left(at, token.i)
        return at[max(0, k - LOOK_BACK):k][::-1]

    def place_before(self, token: Token) -> Span | None:
        """The last place (GPE) named before a token ends."""
        if self._places is None:
            self._places = [e for e in self.doc.ents if e.label_ == "GPE"]
            self._place_ends = [e.end for e in self._places]
        k = bisect_right(self._place_ends, token.i)
        return self._places[k - 1] if k else None

    def document(self, token: Token) -> Who | None:
        """A document speaks for whoever issued it."""
        if token.lemma_.lower() not in _documents() or token.pos_ != "NOUN":
            return None
        span = noun_phrase(token)
        issuer = self.issuer(token)
        if issuer is None:
            for i in self.before(token.lemma_.lower(), token):  # the same document, named earlier
                if not self.quoted(self.doc[i]):
                    issuer = self.issuer(self.doc[i])
                    if issuer is not None:
                        break
        return Who(issuer.name if issuer else None, span, issuer.person if issuer else None)

    def issuer(self, token: Token) -> Who | None:
        """Who issued a document: "a statement from X", "a report by X", "X's letter", "a CNN poll", "X released a
        report"."""
        for obj in objects(token, "from", "by"):
            found = self.who(obj)
            if found is not None and found.name:
                return found
            if obj.tag_ == "NN" and any(c.dep_ in {"poss", "det"} for c in obj.children):
                phrase = noun_phrase(obj)  # "a statement from the prime minister's office"
                return Who(name_text(phrase), phrase)
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                found = self.who(child)
                if found is not None and found.name:
                    return found
        named = self.issuer_named_before(token)
        if named is not None:
            return named
        if token.dep_ in {"dobj", "nsubjpass"}:
            verb = token.head
            agent = next((c for c in verb.children if c.dep_ == "nsubj" and token.dep_ == "dobj"), None)
            if agent is None:
                agent = next((o for c in verb.children if c.dep_ == "agent" for o in objects(c)), None)
            if agent is not None and verb.pos_ == "VERB":
                found = self.who(agent)
                if found is not None and found.name and agent.lemma_.lower() not in _documents():
                    return found
        if token.dep_ == "nsubjpass" or token.dep_ in {"dobj", "pobj", "nsubj", "appos"}:
            released = (o for c in token.children if c.dep_ == "acl"  # "a report released by X"
                        for a in c.children if a.dep_ == "agent" for o in objects(a))
            for obj in released:
                found = self.who(obj)
                if found is not None and found.name:
                    return found
        return None

    def issuer_named_before(self, token: Token) -> Who | None:
        """A name written before a document's noun: "a CNN poll", "the latest Reuters/Ipsos opinion poll"."""
        doc = self.doc
        run: list[Token] = []
        for t in doc[noun_phrase(token).start:token.i]:
            if t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "PERSON"} or (run and t.text in {"/", "-", "&"}):
                run.append(t)
            elif run:
                break
        while run and run[-1].text in {"/", "-", "&"}:
            run.pop()
        if not run:
            return None
        span = doc[run[0].i:run[-1].i + 1]
        for t in run:
            if t.i in self.cast.token_person or t.i in self.cast.token_org:
                found = self.who(t)
                if found is not None and found.span.start <= span.start and found.span.end >= span.end:
                    return found
        return Who(span.text, span)

    def representative(self, token: Token) -> Who | None:
        """A spokesperson or officials of an organization speak for it: "a spokeswoman for the bank", "a White
        House spokesman", "Pentagon officials"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in REPRESENTATIVES:
            return None
        span = noun_phrase(token)
        for obj in objects(token, "for", "of", "at"):
            if obj.i not in self.cast.token_person:
                found = self.organization(obj) or self.description(obj)
                if found is not None and found.name:
                    return Who(found.name, span)
        for t in span:
            if t.i < token.i and t.i in self.cast.token_org:
                return Who(self.cast.orgs[self.cast.token_org[t.i]].name, span)
        return None

    def possessed(self, token: Token) -> Who | None:
        """ "His campaign said", "her advisers said": the group or the people of the person the his or her takes
        up, named as theirs ("Donald Trump's campaign")."""
        if token.pos_ != "NOUN":
            return None
        poss = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE), None)
        if poss is None:
            return None
        wanted = POSSESSIVE[poss.lower_]
        whose = self._antecedent(poss, wanted, self.doc[poss.i:poss.i + 1])
        if whose.name is None or whose.person is None or self.cast.gender.get(whose.person) != wanted:
            return None  # a person the article shows to be a he or a she: "his" says nothing more of anyone else
        span = noun_phrase(token)
        rest = self.doc[poss.i + 1:span.end]
        return Who(f"{whose.name}'s {' '.join(rest.text.split())}", span)

    def generic(self, token: Token) -> Who | None:
        if token.pos_ != "NOUN":
            return None
        span = noun_phrase(token)
        if any(t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"} for t in span):
            return None
        return Who(None, span)

    def as_written(self, token: Token) -> Who | None:
        """The words as written, with the ones joined to them ("Democrats and Republicans")."""
        if token.pos_ == "PRON":
            return Who(None, self.doc[token.i:token.i + 1])
        span = noun_phrase(token)
        names = [name_text(span) or span.text]
        for other in token.conjuncts:
            if other.i > token.i and not self.quoted(other):
                found = self.who(other)
                if found is not None and found.name:
                    names.append(found.name)
        if len(names) > 1 and names[0].split()[0].lower() in {"both", "either"}:
            names[0] = names[0].split(maxsplit=1)[-1]
        return Who(" and ".join(names), span)
