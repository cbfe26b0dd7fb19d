"""Which time expression dates an event: the one the parse attaches to its trigger's clause.

A time expression modifies one word (its *attachment*: "raised ... on Sunday" → "raised",
"the strike on October 25" → "strike"). It dates an event trigger when the tree path between
the two stays inside one clause (objects, prepositions, subjects), or crosses only links that
share their time: coordination ("attacked the base and seized weapons on Sunday") and
participles ("struck on Sunday, killing four"). It does not cross into complement or relative
clauses ("threatened on Sunday to attack": the attack is not dated), and a date on a
reporting verb dates the report, not what is reported ("officials said on Tuesday that ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Time
from .base import Extraction
from .time_rules import grammar
from .time_syntax import attachment, span_of, tree_edges

__all__ = ["date_for"]

_CLAUSE_LINKS = frozenset(
    {"ccomp", "xcomp", "relcl", "acl", "advcl", "csubj", "csubjpass", "parataxis"}
)
_SHARING_LINKS = frozenset({"conj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "oprd"})
MAX_PHRASE_EDGES = 3  # "launched a strike on the base": launched→strike→on→base


def _sharing(token: Token) -> bool:
    """A link whose two ends share their time: coordination, a participle clause."""
    return token.dep_ in _SHARING_LINKS or (token.dep_ == "advcl" and token.tag_ == "VBG")


def _distance(head: Token, word: Token, *, strict: bool = True) -> int | None:
    """How far a time attached to ``head`` is from dating ``word`` (None: it does not).

    Not ``strict``: any length of phrase between them, but still within one clause.
    """
    if head.i == word.i:
        return 0
    found = tree_edges(head, word)
    if found is None:
        return None
    edges, top = found
    if any(e.dep_ in _CLAUSE_LINKS and not _sharing(e) for e in edges):
        return None
    within_phrase = sum(not _sharing(e) for e in edges)
    if strict and within_phrase > MAX_PHRASE_EDGES:
        return None
    # a time on a noun dates that noun's event ("the October 12 strike"): a trigger above the
    # noun inherits it only in the noun's own phrase or as the verb of a direct argument
    # ("reports last week indicated"), not through further prepositions
    if head.pos_ in _NOMINAL:
        if top.i != word.i:
            return None
        if word.pos_ not in _NOMINAL and (len(edges) > 1 or head.dep_ not in _ARGUMENTS):
            return None
    return len(edges)


def _dates_report(state: Extraction, head: Token, word: Token) -> bool:
    """Whether ``head`` is a reporting act other than the trigger ("said on Tuesday that")."""
    if head.i == word.i:
        return False
    if any(a.cue.span[0] <= head.idx < a.cue.span[1] for a in state.attributions):
        return True
    return head.lemma_.lower() in grammar().reporting_verbs


def date_for(state: Extraction, trigger: tuple[int, int], sentence: tuple[int, int]) -> Time | None:
    """The time expression governing the event whose trigger is at ``trigger``.

    The nearest (in the tree) DATE or TIME of the sentence that dates the trigger (see the
    module docstring); else, when the sentence holds a single date attached to a verb and
    only clause-sharing links lead from it to the trigger, that one. Never the publication
    date by default: None when unsure.
    """
    candidates = [
        t
        for t in state.times
        if t.type in ("DATE", "TIME") and sentence[0] <= t.span[0] and t.span[1] <= sentence[1]
    ]
    trigger_span = span_of(state.doc, *trigger) if candidates else None
    if trigger_span is None:
        return None
    word = trigger_span.root
    ranked: list[tuple[int, int, Time]] = []
    loose: list[Time] = []
    for t in candidates:
        span = span_of(state.doc, *t.span)
        if span is not None and span.start <= word.i < span.end:
            return t  # the trigger is inside the expression ("the Tuesday attack")
        head = attachment(span) if span is not None else None
        if head is None or _dates_report(state, head, word):
            continue
        distance = _distance(head, word)
        if distance is not None:
            ranked.append((distance, abs(t.span[0] - trigger[0]), t))
        elif head.pos_ in ("VERB", "AUX") and _distance(head, word, strict=False) is not None:
            loose.append(t)
    if ranked:
        return min(ranked, key=lambda r: r[:2])[2]
    return loose[0] if len(loose) == 1 and len(candidates) == 1 else None
