"""Finding conditional commitments in a parse: which clause is the condition, which the consequence.

Four forms, all read from the dependency parse of one sentence (markers in
``data/commitments/markers.yaml``):

- a condition clause: "If you don't, we won't be able to stop Israel from striking Iraq",
  "we will respond if they attack", "unless ...", "Should Iran attack, ...";
- a condition subject: "failure to prevent X could prompt Israel to strike",
  "any attack will be met with a decisive response";
- a modulation: "Israel's stance could influence the type and intensity of our response";
- a dependence: "our response will depend on Israel's behaviour".

The main clause must be modal or future ("will", "could", "may", ...): "if they attacked, they
lost" reports a habit, not a commitment.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from .attribution_source import trim_bounds

__all__ = ["Conditional", "Markers", "find_conditionals", "markers"]

_RESPONSE_NOUNS = frozenset(
    {"response", "reaction", "retaliation", "reply", "answer", "action", "decision", "move",
     "policy", "approach", "stance", "attack", "strike", "measures", "steps", "course"}
)  # fmt: skip


_PLACEHOLDERS = frozenset({"it", "this", "that", "which", "what"})
_NOT_CONDITIONAL = frozenset({"than", "as", "even", "what"})


@dataclass(frozen=True)
class Markers:
    condition_marks: Mapping[str, bool]  # lemma -> negating
    condition_phrases: tuple[tuple[str, ...], ...]
    inverted_auxiliaries: frozenset[str]
    condition_nouns: Mapping[str, bool]  # lemma -> negating
    condition_determiners: frozenset[str]
    consequence_verbs: frozenset[str]
    modulation_verbs: frozenset[str]
    dependence_verbs: frozenset[str]
    modals: frozenset[str]
    commitment_verbs: frozenset[str]
    inverters: frozenset[str]
    negations: frozenset[str]
    de_escalation: frozenset[str]
    pronouns: Mapping[str, frozenset[str]]


def _words(data: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _negating(table: Mapping[str, Any] | None) -> dict[str, bool]:
    return {str(k).lower(): bool((v or {}).get("negating")) for k, v in (table or {}).items()}


@functools.cache
def markers() -> Markers:
    path = resources.files("brinkwatch.extractors").joinpath("data", "commitments", "markers.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pronouns = data.get("pronouns") or {}
    return Markers(
        condition_marks=_negating(data.get("condition_marks")),
        condition_phrases=tuple(
            tuple(str(w).lower() for w in phrase) for phrase in data.get("condition_phrases") or ()
        ),
        inverted_auxiliaries=_words(data, "inverted_auxiliaries"),
        condition_nouns=_negating(data.get("condition_nouns")),
        condition_determiners=_words(data, "condition_determiners"),
        consequence_verbs=_words(data, "consequence_verbs"),
        modulation_verbs=_words(data, "modulation_verbs"),
        dependence_verbs=_words(data, "dependence_verbs"),
        modals=_words(data, "modals"),
        commitment_verbs=_words(data, "commitment_verbs"),
        inverters=_words(data, "inverters"),
        negations=_words(data, "negations"),
        de_escalation=_words(data, "de_escalation"),
        pronouns={str(k): _words(pronouns, k) for k in pronouns},
    )


@dataclass(frozen=True)
class Conditional:
    """A condition and a consequence found in one sentence (token bounds ``[start, end)``)."""

    form: str  # clause, subject, modulation, dependence
    condition: tuple[int, int]
    consequence: tuple[int, int]
    condition_head: Token
    consequence_head: Token
    condition_negated: bool  # "unless X", "failure to X": the condition is that X does not happen


def _is_modal(verb: Token, words: Markers) -> bool:
    """A modal or future auxiliary on the verb or on the verbs it hangs from (xcomp chain)."""
    current = verb
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in words.modals for c in current.children):
            return True
        if current.lower_ in words.modals or current.lemma_.lower() in words.commitment_verbs:
            return True  # "will", "could", or "threatened to strike ... if"
        if current.dep_ in ("xcomp", "acomp") or (
            current.dep_ == "conj" and current.head.pos_ == "VERB"
        ):
            current = current.head
        elif current.head.dep_ == "acomp" and current.dep_ == "xcomp":
            current = current.head.head
        else:
            return False
    return False


def _clause_mark(clause: Token, words: Markers) -> tuple[bool, bool]:
    """Whether ``clause`` opens with a condition marker, and whether that marker negates."""
    doc = clause.doc
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in words.condition_marks:
            before = doc[child.i - 1].lower_ if child.i > 0 else ""
            if before in _NOT_CONDITIONAL:
                return False, False  # "than if", "as if", "even if"
            return True, words.condition_marks[child.lower_]
    start = clause.left_edge.i
    while start < clause.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    first_words = tuple(t.lower_ for t in doc[start : min(start + 4, len(doc))])
    if first_words and first_words[0] in words.condition_marks and doc[start].dep_ == "mark":
        return True, words.condition_marks[first_words[0]]  # "If A, B and C, ...": mark on A
    for phrase in words.condition_phrases:
        if first_words[: len(phrase)] == phrase:
            return True, False
    first = doc[start]
    if (
        first.lower_ in words.inverted_auxiliaries
        and first.head == clause
        and first.dep_ in ("aux", "auxpass", "ROOT", "advcl")
    ):
        subject = next((c for c in clause.children if c.dep_.startswith("nsubj")), None)
        if subject is None or subject.i > first.i:
            return True, False
    return False, False


def _clause_bounds(clause: Token, words: Markers) -> tuple[int, int]:
    """The condition clause without its subordinator and edge punctuation."""
    doc = clause.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    while start < clause.i and (
        doc[start].is_punct
        or doc[start].is_space
        or (doc[start].dep_ == "mark" and doc[start].lower_ in words.condition_marks)
    ):
        start += 1
    return trim_bounds(doc, start, end)


def _rest_of(head: Token, cut: tuple[int, int]) -> tuple[int, int]:
    """``head``'s clause without the part ``cut`` (the condition), on ``head``'s side."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if cut[0] > head.i:
        end = min(end, cut[0])
        while end > start and doc[end - 1].lower_ in ("if", "unless", "once"):
            end -= 1
    else:
        start = max(start, cut[1])
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1  # "that it will withdraw": the complementizer belongs to the report
    return trim_bounds(doc, start, end)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_conditional(clause: Token, words: Markers) -> Conditional | None:
    is_condition, negated = _clause_mark(clause, words)
    head = clause.head
    if not is_condition or head == clause or not _is_modal(head, words):
        return None
    condition = _clause_bounds(clause, words)
    consequence = _rest_of(head, (clause.left_edge.i, clause.right_edge.i + 1))
    if condition[1] <= condition[0] or consequence[1] <= consequence[0]:
        return None
    return Conditional("clause", condition, consequence, clause, head, negated)


def _is_condition_subject(noun: Token, words: Markers) -> tuple[bool, bool]:
    lemma = noun.lemma_.lower()
    if lemma in words.condition_nouns:
        return True, words.condition_nouns[lemma]
    if any(c.dep_ == "det" and c.lower_ in words.condition_determiners for c in noun.children):
        return True, False
    return False, False


def _subject_conditional(verb: Token, words: Markers) -> Conditional | None:
    """ "failure to prevent X could prompt Y", "any attack will be met with force"."""
    lemma = verb.lemma_.lower()
    subject = _subject(verb)
    if subject is None or subject.lower_ in _PLACEHOLDERS or not _is_modal(verb, words):
        return None
    doc = verb.doc
    condition = trim_bounds(doc, subject.left_edge.i, subject.right_edge.i + 1)
    predicate = _rest_of(verb, (subject.left_edge.i, subject.right_edge.i + 1))
    if lemma in words.consequence_verbs:
        is_condition, negated = _is_condition_subject(subject, words)
        if is_condition:
            return Conditional("subject", condition, predicate, subject, verb, negated)
        return None
    if lemma in words.modulation_verbs and _mentions_response(verb):
        return Conditional("modulation", condition, predicate, subject, verb, False)
    if lemma in words.dependence_verbs and subject.lemma_.lower() in _RESPONSE_NOUNS:
        on = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None
        )
        target = next((c for c in on.children if c.dep_ in ("pobj", "pcomp")), None) if on else None
        if target is None:
            return None
        cond = trim_bounds(doc, target.left_edge.i, target.right_edge.i + 1)
        return Conditional("dependence", cond, condition, target, subject, False)
    return None


def _mentions_response(verb: Token) -> bool:
    """The object of a modulation verb names a response ("the intensity of our response")."""
    return any(
        child.dep_ in ("dobj", "attr", "pobj", "prep")
        and any(t.lemma_.lower() in _RESPONSE_NOUNS for t in child.subtree)
        for child in verb.children
    )


def find_conditionals(sentence: Span, words: Markers | None = None) -> list[Conditional]:
    """Every conditional commitment form in ``sentence``."""
    words = words or markers()
    clauses: list[Conditional] = []
    for token in sentence:
        if token.dep_ == "advcl" and token.pos_ in ("VERB", "AUX"):
            item = _clause_conditional(token, words)
            if item is not None:
                clauses.append(item)
    heads = {c.consequence_head.i for c in clauses}
    found = list(clauses)
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.i not in heads:
            item = _subject_conditional(token, words)
            if item is not None:
                found.append(item)
    return sorted(found, key=lambda c: min(c.condition[0], c.consequence[0]))
