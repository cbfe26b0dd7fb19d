"""What the parse says about a time expression: what it modifies and the tense around it.

"on Sunday" modifies the verb of its clause ("raised ... on Sunday"), so the verb's tense
decides whether a bare weekday lies before or after the publication date, and the verb is
what :func:`~brinkwatch.extractors.time.date_for` attaches the expression to.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

__all__ = ["Tense", "attachment", "clause_head", "clause_tense", "span_of", "tree_edges"]

Tense = Literal["past", "present", "future", "modal"]

_VERBAL = {"VERB", "AUX"}
_PAST_TAGS = {"VBD"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_CLAUSAL_DEPS = {"ccomp", "advcl", "xcomp", "relcl", "acl", "csubj", "csubjpass", "parataxis",
                 "conj", "ROOT"}  # fmt: skip


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def attachment(span: Span) -> Token | None:
    """The word the expression modifies: through a preposition, outside the expression."""
    token = span.root
    while token.head is not token and span.start <= token.head.i < span.end:
        token = token.head
    if token.head is token:
        return None
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.pos_ == "ADP" and head.head is not head:
        head = head.head
    return head


def clause_head(token: Token) -> Token:
    """The verb (or root) heading the clause ``token`` belongs to."""
    current = token
    for _ in range(40):
        if current.pos_ in _VERBAL or current.dep_ in _CLAUSAL_DEPS or current.head is current:
            return current
        current = current.head
    return current


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def clause_tense(
    word: Token | None,
    future_aux: frozenset[str],
    future_verbs: frozenset[str],
    reporting_verbs: frozenset[str] = frozenset(),
) -> Tense | None:
    """The tense of the clause whose verb is ``word`` (None when ``word`` is not verbal).

    A reporting verb in the present ("officials say Tuesday") reports what is past.

    Infinitives take the tense of what governs them: "plans to meet" looks forward, "failed
    to meet" back; an infinitive under a noun ("a programme to run through June") looks
    forward.
    """
    verb = word
    for _ in range(6):
        if verb is None:
            return None
        if verb.pos_ == "ADJ" and verb.head is not verb:
            if verb.lemma_.lower() in future_verbs:
                return "future"
            verb = verb.head
            continue
        if verb.pos_ not in _VERBAL:
            return None
        auxes = _auxiliaries(verb)
        lowers = {a.lower_ for a in auxes}
        if lowers & future_aux:
            return "future"
        if any(a.tag_ == "MD" for a in auxes):
            return "past" if "have" in {a.lemma_ for a in auxes} else "modal"
        if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if verb.tag_ in _PRESENT_TAGS or any(a.tag_ in _PRESENT_TAGS for a in auxes):
            return "past" if verb.lemma_.lower() in reporting_verbs else "present"
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
            return "past"
        head = verb.head
        if head is verb:
            return None
        # infinitives: purpose clauses and those under nouns or future verbs look forward
        if "to" in lowers and (
            verb.dep_ in ("advcl", "acl", "relcl")
            or head.pos_ in _NOMINAL
            or head.lemma_.lower() in future_verbs
        ):
            return "future"
        verb = head
    return None


def tree_edges(a: Token, b: Token) -> tuple[list[Token], Token] | None:
    """The edges between ``a`` and ``b`` (each given by its lower token) and their meeting point."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            n = index[t.i]
            return up_a[:n] + down, up_a[n]
        down.append(t)
    return None
