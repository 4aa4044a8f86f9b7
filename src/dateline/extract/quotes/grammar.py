"""The grammar of reporting: which verbs report speech, belief or a finding, and what they say of it.

A cue is a verb that reports what somebody said ("said", "told", "warned", "as she put it", "shot back") or asked
("asked"); `act_of` says what a verb that may govern reported content reports (a statement, a belief, a finding);
`subject_of` finds who the verb says it of, across participles, controlled verbs and inversions ("…,” said
Blinken"); `is_negated` and `is_question` tell speech that did not happen or asked no content. "According to X"
(`according_to`) reports too, and "That said," (`discourse_marker`) does not. The word lists are in `resources/`:
cue_verbs.txt, belief_verbs.txt, finding_verbs.txt, questions.txt, negative_cues.txt, phrase_acts.tsv,
not_sources.txt.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

from spacy.tokens import Token

from dateline.extract.resolve import ADDRESSEE_VERBS
from dateline.extract.syntax import SMALL_WORDS as TITLE_SMALL
from dateline.extract.syntax import title_case
from dateline.resources import load, words

SUBJECTS = {"nsubj", "nsubjpass"}


def cue_words() -> frozenset[str]:
    """The lemmas of the verbs that report speech (`resources/cue_verbs.txt`)."""
    return words("cue_verbs.txt")


def is_cue(token: Token) -> bool:
    """A verb that reports speech ("said", "told", "warned", "as she put it", "shot back") or a question
    ("asked")."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in cue_words() or is_question(token):
        return True
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    return lemma in {"shoot", "fire", "hit", "write"} and any(
        c.dep_ == "prt" and c.lower_ == "back" for c in token.children)


@cache
def phrase_acts() -> dict[str, tuple[str, ...]]:
    """Speech acts whose content is a phrase, and what it is made of (`resources/phrase_acts.tsv`)."""
    return {lemma: tuple(shapes.split("|")) for lemma, shapes in (line.split("\t") for line in load("phrase_acts.tsv"))}


def phrase_lemma(token: Token) -> str:
    """A verb's entry in `phrase_acts`, where the lemmatizer misses it ("retweeted" → "retweete")."""
    lemma = token.lemma_.lower()
    if lemma in phrase_acts():
        return lemma
    low = token.lower_
    for ending in ("ed", "d", "ing", "s"):
        if low.endswith(ending) and low[:-len(ending)] in phrase_acts():
            return low[:-len(ending)]
    return lemma


def phrase_act(token: Token) -> str | None:
    """ "statement" for a verb whose content is a phrase ("urged Republicans to join …"), else None."""
    return "statement" if token.pos_ == "VERB" and phrase_lemma(token) in phrase_acts() else None


def _verb_tagged_noun(token: Token) -> bool:
    """ "But Trump claims that he …": a verb the tagger took for a plural noun, with a subject and a clause."""
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and token.dep_ == "ROOT" and any(
        c.dep_ == "nsubj" or c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == token.i - 1
        for c in token.children) and any(c.dep_ == "ccomp" for c in token.children)


def act_of(token: Token) -> str | None:
    """What a verb that may govern reported content reports: "statement" ("said"), "belief" ("believes"),
    "finding" ("a poll shows"), or None. Questions ("asked whether") report no content."""
    pos = token.pos_
    if pos not in {"VERB", "AUX"}:
        return "statement" if pos == "NOUN" and _verb_tagged_noun(token) and token.lemma_.lower() in cue_words() \
            else None
    if is_question(token):
        return None
    lemma = token.lemma_.lower()
    if lemma in cue_words():
        return "statement"
    if lemma in words("belief_verbs.txt"):
        return "belief"
    if lemma in words("finding_verbs.txt"):
        return "finding"
    return None


ACT_LISTS = (("question", "questions.txt"), ("statement", "cue_verbs.txt"), ("belief", "belief_verbs.txt"),
             ("intention", "intention_verbs.txt"), ("finding", "finding_verbs.txt"), ("stance", "stance_verbs.txt"))
"""What a verb cue reports, by the first word list that holds its lemma."""
NOUN_ACTS = (("statement", "speech_nouns.txt"), ("statement", "documents.txt"), ("finding", "finding_verbs.txt"))
"""What a noun cue reports ("in a statement", "the report", "the finding that")."""


def act_of_cue(token: Token) -> str:
    """What any cue reports, for a reader to keep or leave out: "statement" (said, wrote, tweeted, "in a
    statement", "according to"), "question" (asked), "belief" (thinks), "intention" (wants to, plans to),
    "finding" (a poll shows), "stance" (endorsed, criticized), or "other" (a cue no list holds). A noun is read
    by the noun lists, anything else by the verb lists: "plans to" is an intention, "the plan" a document."""
    if token.lower_ == "according" or token.text == ":":
        return "statement"
    lemma, lower = token.lemma_.lower(), token.lower_
    for act, name in NOUN_ACTS if token.pos_ in {"NOUN", "PROPN"} else ACT_LISTS:
        found = words(name)
        if lemma in found or lower in found:
            return act
    return "other"


def refuses(token: Token) -> bool:
    """A cue that says the speech was withheld: "declined (to comment)", "refused", "failed to say"
    (`resources/negative_cues.txt`). The rules never take one for a cue; a model that proposes one is not
    followed."""
    return token.lemma_.lower() in words("negative_cues.txt")


def is_question(token: Token) -> bool:
    """A verb that asks ("asked", "wondered", `resources/questions.txt`)."""
    return token.lemma_.lower() in words("questions.txt")


def is_negated(cue: Token, quoted: Container[int] = ()) -> bool:
    """Speech that did not happen: "did not say", "declined to say", "refused to comment".

    `quoted` holds the character offsets inside quotation marks: a "not" there is the speaker's, not the cue's.
    """
    if any(c.dep_ == "neg" and c.idx not in quoted for c in cue.children):
        return True
    head = cue.head
    if cue.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in words("negative_cues.txt"):
        return True
    return cue.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def _in_relative_clause(token: Token, cue: Token) -> bool:
    """Whether a token lies in a relative clause that the cue is not part of: a participle set off by a comma
    ("…, saying …") is not, wherever the parse hangs it; one that is not set off ("where he appeared … for saying
    …") is part of the clause that holds it."""
    set_off = cue.i > 0 and cue.doc[cue.i - 1].text == ","
    for above in [token, *token.ancestors]:
        if above.dep_ == "relcl":
            return set_off or cue not in above.subtree
    return False


def subject_of(cue: Token) -> Token | None:
    """The grammatical subject of a reporting verb: its own, or the one it shares ("declined to say")."""
    head = cue.head
    if cue.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() == "quote":
        # "Reuters quoted Ortiz as saying …", "Ortiz was quoted by Reuters as saying …": the one quoted
        quoted = next((c for c in head.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if quoted is not None:
            return quoted
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS and c.dep_ != "nsubjpass"]
    if len(subjects) > 1:  # "The Latest: Trump urges …": not a kicker the parse made a second subject
        subjects = [c for c in subjects if not any(t.text == ":" for t in cue.doc[min(c.i, cue.i):max(c.i, cue.i)])] \
            or subjects
    if subjects:
        return subjects[0]
    if _verb_tagged_noun(cue):  # "But Trump claims that …", parsed as the noun "Trump claims"
        return next((c for c in cue.children if c.dep_ == "compound" and c.i == cue.i - 1), None)
    if cue.tag_ == "VBG" and cue.dep_ in {"advcl", "xcomp", "conj", "acl", "pcomp"} and not any(
            c.dep_ in SUBJECTS for c in cue.children):
        # "…,” Sanders said, going on to say …", "Clinton seemed ready to riff, telling the crowd …": a participle
        # shares the subject of the clause before it (the parse often hangs it elsewhere)
        # a relative clause is not the clause before it, wherever the parse hangs the participle: "defended not
        # paying an architect who said …, saying …"
        before = [t for t in cue.doc[cue.sent.start:cue.i] if not _in_relative_clause(t, cue)]
        for left in reversed(before):
            if left.pos_ == "VERB" and left.lemma_.lower() in cue_words():
                found = next((c for c in left.children if c.dep_ == "nsubj"), None)
                if found is not None:
                    return found
        for left in reversed(before):
            if left.dep_ == "nsubj" and left.head.i < cue.i and left.head.i != cue.i:
                return left
    if cue.dep_ in {"xcomp", "conj", "advcl"} and head.i != cue.i and head.pos_ in {"VERB", "AUX"}:
        return subject_of(head)
    if cue.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in {"VERB", "AUX"}:
        return subject_of(head.head)  # "began by saying …": the subject of the verb the phrase hangs on
    if cue.dep_ == "acl" and head.dep_ == "dobj" and cue.tag_ == "VBG":
        return subject_of(head.head)  # "issued a statement calling …": who issued it
    if cue.lemma_.lower() in ADDRESSEE_VERBS or cue.lemma_.lower() not in cue_words():
        return None
    before = cue.doc[cue.i - 1] if cue.i else None
    if before is not None and not (before.is_punct or before.is_space):
        return None  # only "…,” said Blinken" or "Said Blinken:" put the speaker after the verb
    for child in cue.rights:  # "…,” said Blinken: an inverted subject the parser may label otherwise
        if child.dep_ in {"dobj", "attr", "npadvmod", "appos", "dative"} and child.pos_ in {"PROPN", "NOUN"}:
            return child
    return None


SMALL_WORDS = TITLE_SMALL | {"is", "as", "but", "vs"}


def headline_case(inner: str) -> bool:
    """Words in title case, as names of books, shows and films are written: at most eight, every one capitalized
    but the small ones."""
    found = [w for w in inner.replace("-", " ").split() if any(ch.isalnum() for ch in w)]
    return 1 < len(found) <= 8 and title_case(found, SMALL_WORDS)


def according_to(token: Token) -> bool:
    """Whether the token starts "according to" a source: someone or something that said it, not a norm or a plan
    ("according to the rules of the treaty", `resources/not_sources.txt`)."""
    doc = token.doc
    if not (token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"):
        return False
    objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
    head = objs[0] if objs else next((t for t in doc[token.i + 2:token.i + 6] if t.pos_ in {"NOUN", "PROPN"}), None)
    return head is None or head.lemma_.lower() not in words("not_sources.txt")


def discourse_marker(token: Token) -> bool:
    """ "That said," "Having said that," "Needless to say,": a reporting verb used as a connective."""
    if token.lower_ not in {"said", "say"}:
        return False
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i else None
    if after is None:
        return False
    if before is not None and before.lower_ in {"that", "this"} and after.text == "," and before.is_sent_start:
        return True
    if token.lower_ == "said" and after.lower_ in {"that", "this"} and before is not None and before.lower_ == "having":
        return True
    return token.lower_ == "say" and before is not None and before.lower_ == "to" and token.i >= 2 and doc[
        token.i - 2].lower_ == "needless"
