"""Which way a date lies from the publication date, read from the words around it and the clause it sits in.

`tense_at(doc, start, end)` says 'past', 'future', 'present' or 'nearest' for the expression at start:end: "met on
Monday" is past, "will meet on Monday" future, "payable Dec. 7" and "the Jan. 14 deadline" ahead, "since Jan. 13"
and "the Oct. 23 killing" behind, "Monday night's debate" the nearest. The time step uses it to choose between the
Monday before and the Monday after.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dateline.extract.text import text_of
from dateline.extract.times.words import SEASONS

FUTURE_CUES = re.compile(r"\b(?:as (?:soon|early) as|until|till|payable|effective|(?:scheduled|set|planned) for|due|"
                         r"starting|beginning|of record|ahead to)\s+(?:on\s+|next\s+|early\s+|late\s+|the\s+)?$",
                         re.IGNORECASE)
PAST_CUES = re.compile(r"\b(?:since|ended|ending)\s+(?:on\s+|last\s+)?$", re.IGNORECASE)


def tense_at(doc: Doc, char: int, end: int | None = None) -> str:
    """'past', 'future', 'present' or 'nearest' (either way, whichever is closer) for the clause around the
    expression at char:end. Words right before it decide first ("as soon as Tuesday", "payable Dec. 7", "since
    Jan. 13"); then what it modifies ("the Oct. 23 killing" is over, "the Jan. 14 deadline" ahead); then the verb
    that governs it."""
    text = text_of(doc)
    before = text[max(0, char - 24):char]
    if PAST_CUES.search(before):
        return "past"
    span = doc.char_span(char, end or char + 1, alignment_mode="expand")
    cue = FUTURE_CUES.search(before)
    if span is not None and not cue:
        named = _named_by(span.root)
        if named is not None and named.dep_ == "pobj" and named.head.lower_ == "since":
            return "past"  # "since their Oct. 13 debate"
        if named is not None and named.lemma_.lower() in SCHEDULED_NOUNS:
            verb, governor = _verb_tense(span.root), _governor(span.root)
            if verb == "future" and named.dep_ == "nsubj" and \
                    {c.lower_ for c in governor.children if c.dep_ == "aux"} & {"may", "might", "could"}:
                return "nearest"  # "Monday's debate might not move mountains": what it may do, not when it is
            if verb == "future":  # "will attend Friday's ceremony", "the vote on Tuesday will decide it"
                return verb
            if _verb(governor) in ANTICIPATING_VERBS | SAYING_VERBS:  # one is invited to, or calls off, a meeting
                return "nearest"  # before it is held: "invited" or "was canceled" says nothing of its day
            # "attended it" and "has attacked her since, at Monday's debate, …" are behind; "sent emails to influence
            # the Nov. 8 election" or "the nominee for the Nov. 8 election said" say nothing of its day
            if verb == "past" and (governor.tag_ == "VBD" or named.dep_ == "pobj" and named.head.lower_ in AT_EVENT):
                return verb
            return "nearest"
        if named is not None and span.root.lower_ in SEASONS:
            return "nearest"  # "the fall campaign", "the summer convention": that thing's season, either side of now
        if named is not None:
            return "future" if named.lemma_.lower() in AHEAD_NOUNS else "past"
        if _deferred(span.root):
            return "future"  # "extended its offer to Nov. 20", "postponed until March"
    tense = "present" if span is None else _verb_tense(span[0])
    if cue and not (cue.group().lower().startswith(("until", "till")) and span is not None and
                    _past_perfect(span[0])):
        return "future"  # but "until Thursday, they had not called him" was before
    return tense


SAYING_VERBS = {"say", "tell", "add", "note", "write", "report", "announce", "claim", "insist"}
AHEAD_NOUNS = {"deadline", "date", "target", "expiration"}
DEFERRING_VERBS = {"extend", "postpone", "delay", "defer", "adjourn", "push", "move", "reschedule"}
SCHEDULED_NOUNS = {"election", "vote", "primary", "caucus", "referendum", "summit", "debate", "meeting", "hearing",
                   "conference", "session", "trial", "ceremony", "visit", "rally", "speech", "game", "parade",
                   "funeral", "service", "talks", "deadline", "convention", "inauguration", "launch", "showdown",
                   "matchup", "forum"}
SCHEDULING_VERBS = {"plan", "schedule", "reschedule", "postpone", "delay", "adjourn"}
BARE_PARTICIPLE = {"pcomp", "advcl", "conj", "acl", "xcomp"}
"""Where a participle stands with no tense of its own: "before announcing", "will begin withdrawing troops"."""
APPROACHING_VERBS = {"near", "approach", "loom"}
AT_EVENT = {"at", "during", "after", "since"}
SCHEDULED_PASSIVES = {"plan", "schedule", "reschedule", "set", "slate", "expect"}
PLANNING_VERBS = {"plan", "schedule", "set", "expect", "agree", "decide", "vow", "promise", "threaten", "intend",
                  "hope", "want", "prepare", "aim", "pledge", "propose", "call", "urge", "ask", "seek", "try"}
ANTICIPATING_VERBS = PLANNING_VERBS | DEFERRING_VERBS | {"invite", "announce", "cancel", "scrap", "suspend",
                                                         "preview"}
CLAUSE_OPENERS = {"when", "while", "if", "once", "after", "before", "unless", "until", "though", "although"}
PROSPECT_ADJECTIVES = {"likely", "unlikely", "poised", "ready", "due", "sure", "certain", "bound", "eager",
                       "determined", "about"}
PROSPECT_NOUNS = {"chance", "hope", "prospect", "odds", "likelihood", "possibility", "risk"}
PLANNING_NOUNS = {"agreement", "plan", "proposal", "offer", "bid", "deal", "pact", "promise", "intention",
                  "commitment", "pledge", "threat"}


KNOWN_VERBS = SAYING_VERBS | DEFERRING_VERBS | SCHEDULING_VERBS | PLANNING_VERBS | ANTICIPATING_VERBS


def _verb(token: Token) -> str:
    """A verb's lemma, mended where the model's lemmatizer drops a silent "e" off a verb this module knows
    ("hoping" gives "hop")."""
    lemma = token.lemma_.lower()
    if lemma not in KNOWN_VERBS and token.tag_ in {"VBG", "VBD", "VBN"} and lemma + "e" in KNOWN_VERBS:
        return lemma + "e"
    return lemma


def _named_by(token: Token) -> Token | None:
    """The noun a date names when it stands before it as a modifier ("the Oct. 23 killing", "Wednesday's
    ruling"), or None."""
    head = token.head
    if token.dep_ in {"compound", "nmod", "amod", "poss"} and head.i > token.i and head.pos_ == "NOUN":
        return head
    return None


def _deferred(token: Token) -> bool:
    """Whether the date is where something was put off to: "extended to Nov. 20", "delayed until March"."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in {"to", "until", "till", "through", "into"}:
        return False
    return _verb(prep.head) in DEFERRING_VERBS


def _governor(token: Token) -> Token:
    """The verb a token hangs from (itself if it is one), or the root of its phrase."""
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            break
        token = token.head
    return token


def _past_perfect(token: Token) -> bool:
    """Whether the verb governing a token is in the past perfect ("they had not called")."""
    verb = _governor(token)
    return any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.children)


def _verb_tense(token: Token, depth: int = 0) -> str:
    """The tense of the verb governing a token: "will meet", "would leave" and "is scheduled to close" look
    ahead; an infinitive under a verb in the past ("staged rallies to mark Friday") takes that verb's tense."""
    token = _governor(token)
    if token.pos_ not in {"VERB", "AUX"}:
        return "present"
    auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}] + [token]
    words = {a.lower_ for a in auxes}
    negated = any(c.dep_ == "neg" for c in token.children)  # "can't recall Tuesday's meeting" looks back
    if words & {"will", "'ll", "’ll", "wo", "shall", "would"} or words & {"may", "might"} and "have" not in words or (
            "can" in words and not negated) or (
            "going" in words and any(c.lower_ == "to" for c in token.children)):
        return "future"
    reduced = token.tag_ == "VBN" and token.dep_ == "advcl" and any(c.lower_ in CLAUSE_OPENERS and c.i < token.i
                                                                     for c in token.children)
    # ("when asked", "if elected": a clause cut short; "the deal, announced Friday" is done)
    if (token.tag_ == "VBG" and token.dep_ in BARE_PARTICIPLE or reduced) and len(auxes) == 1 and depth < 2:
        outer = _verb_tense(token.head, depth + 1)  # "quit before announcing her run in April", "will follow her
        if outer in {"past", "future"}:  # speech denouncing him with one of his own Wednesday", "when asked in
            return outer  # October, he said": the clause's tense, which a bare participle does not have of its own
    if token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in PROSPECT_NOUNS:
        return "future"  # "her chances of winning in November"
    if _verb(token) in SCHEDULING_VERBS and any(c.dep_ == "dobj" for c in token.children):
        return "future"  # "scheduled a news conference Thursday", "planned a rally on Saturday"
    if token.tag_ == "VBN" and _verb(token) in SCHEDULED_PASSIVES and words & {"is", "are", "'s", "’s"}:
        return "future"  # "a memorial service is planned Friday", "the vote is scheduled Tuesday"
    if "to" in words:
        governor = token.head
        if governor.lower_ == "got" and any(c.lemma_ == "have" for c in governor.children):
            return "future"  # "we have got to achieve the day when …": must, a thing still to be done
        if governor.lemma_ == "be" and token.dep_ in {"xcomp", "ccomp"}:  # "is to take over on Jan. 1", "if she
            return "nearest" if governor.lower_ == "was" else "future"  # were to win in November": planned
        if governor.pos_ == "NOUN" and governor.lemma_.lower() in PLANNING_NOUNS:
            return "future"  # "an agreement to buy the bank in January"
        if governor.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"acl", "relcl"} and "be" in words:
            outer = _verb_tense(governor, depth + 1) if depth < 2 else "present"  # "an address, to be delivered
            return "nearest" if outer == "past" else "future"  # Wednesday": a thing still to be done when written of
        if governor.lemma_.lower() in PROSPECT_ADJECTIVES:  # "were less likely to vote in November": a prospect,
            return "nearest" if _past_perfect(governor) else "future"  # but "had been due to expire Friday" either
        if _verb(governor) in PLANNING_VERBS and _past_perfect(governor):
            return "nearest"  # "had been scheduled to expire Friday": a plan events overtook, either side of now
        outer = _verb_tense(governor, depth + 1) if depth < 2 and governor.i != token.i else None
        if outer == "past" and _verb(governor) not in PLANNING_VERBS:
            return "past"
        planned = outer == "nearest" and any(c.dep_ == "aux" and c.lower_ == "to" for c in governor.children)
        if outer == "past" and governor.tag_ == "VBD" or planned:  # "agreed in December to let him
            return "nearest"  # use the file in late November or early December": a plan made before now, for a
            # time either side of it
        return "future"  # "is scheduled to close", "set to resume"
    marks = {c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"} and c.i < token.i}
    if token.dep_ == "advcl" and ("if" in marks or marks & CLAUSE_OPENERS and token.tag_ in {"VBZ", "VBP"}) and \
            depth < 2 and _verb_tense(token.head, depth + 1) == "future":
        return "future"  # "how ties would fare if he won the election on Nov. 8": a condition ahead; "once the rule
        # goes into effect on Dec. 1, workers will …": the present of a clause of time under a future one
    if _verb(token) in APPROACHING_VERBS and token.tag_ in {"VBZ", "VBP", "VBG"}:
        return "future"  # "as Election Day nears", "with the deadline approaching"
    if token.dep_ == "advcl" and "if" in marks and token.tag_ in {"VBZ", "VBP"}:
        return "future"  # "if there is a close election on Tuesday, we need clarity": a condition in the present
    if any(a.tag_ in {"VBD"} for a in auxes) or any(a.lemma_ == "have" and a.i != token.i for a in auxes):
        return "past"
    if token.tag_ == "VBN" and token.dep_ == "acl" and not words & {"be", "being"}:
        return "past"  # "the record set on Aug. 6", "products introduced in April"
    if _verb(token) in PLANNING_VERBS and token.tag_ in {"VBZ", "VBP"}:
        return "future"  # "On Tuesday, the league plans to hold a news conference"
    if token.tag_ in {"VBZ", "VBP"} and _verb(token) not in SAYING_VERBS and not words & {"be", "is", "are"}:
        return "nearest"  # "Arafat meet separately Monday", "the team travels to Boston on Friday": the present of
    return "present"  # news is its schedule, the day nearest either way
