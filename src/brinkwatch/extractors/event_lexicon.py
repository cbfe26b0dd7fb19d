"""The event coder's knowledge, loaded from ``data/events/``: triggers, grammar words, contexts.

``triggers.csv`` maps a lemma (verb, noun or predicate adjective), optionally constrained by its
dependents ("impose" + object "sanction"), to a PLOVER type, mode, context and flags.
``grammar.yaml`` lists light verbs, speech verbs, realis cues and argument markers;
``contexts.yaml`` the words that suggest a PLOVER context or an ASSAULT/MOBILIZE mode.
:func:`match_trigger` is the one lookup the extractor makes per token.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

__all__ = [
    "POS_OF_TAG",
    "Grammar",
    "Match",
    "TriggerRule",
    "could_trigger",
    "grammar",
    "lemma",
    "lemma_text",
    "match_trigger",
    "trigger_rules",
]

DATA = Path(__file__).parent / "data" / "events"

POS_OF_TAG = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})


@dataclass(frozen=True)
class Constraint:
    kind: str  # prt, prep, obj, pobj, mod, head, subj, xcomp, tag
    values: frozenset[str]


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str
    event: str | None
    mode: str | None
    context: tuple[str, ...]
    flags: frozenset[str]
    constraints: tuple[Constraint, ...] = ()

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True)
class Match:
    """A token matched to a rule; ``extra`` are the tokens the constraints matched on."""

    token: Token
    rule: TriggerRule
    extra: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Grammar:
    words: dict[str, frozenset[str]]
    recipient_preps: dict[str, tuple[str, ...]]
    of_role: dict[str, str]
    threat_modes: dict[str, str]
    contexts: dict[str, frozenset[str]]
    modes: dict[str, dict[str, frozenset[str]]]
    context_of_word: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]

    def preps_for(self, event: str) -> tuple[str, ...]:
        return self.recipient_preps.get(event, self.recipient_preps["default"])


def _constraints(spec: str) -> tuple[Constraint, ...]:
    out = []
    for part in spec.split():
        kind, _, values = part.partition(":")
        out.append(Constraint(kind, frozenset(v for v in values.split("|") if v)))
    return tuple(out)


@functools.cache
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """``{(lemma, pos): rules}``, constrained rules first, in file order."""
    table: dict[tuple[str, str], list[TriggerRule]] = {}
    with (DATA / "triggers.csv").open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines):
            rule = TriggerRule(
                lemma=row["lemma"].strip().lower(),
                pos=row["pos"].strip(),
                event=row["event"].strip() or None,
                mode=row["mode"].strip() or None,
                context=tuple(c for c in row["context"].strip().split("|") if c),
                flags=frozenset(f for f in (row["flags"] or "").strip().split(";") if f),
                constraints=_constraints(row["with"] or ""),
            )
            table.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {
        key: tuple(sorted(rules, key=lambda r: -len(r.constraints))) for key, rules in table.items()
    }


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    """A word list, lower-cased; event type names (ASSAULT) keep their case."""
    return frozenset(str(w) if str(w).isupper() else str(w).lower() for w in raw.get(key) or ())


@functools.cache
def grammar() -> Grammar:
    raw = yaml.safe_load((DATA / "grammar.yaml").read_text(encoding="utf-8"))
    ctx = yaml.safe_load((DATA / "contexts.yaml").read_text(encoding="utf-8"))
    lists = {k: _words(raw, k) for k, v in raw.items() if isinstance(v, list)}
    of_role = {t: role for role, types in raw["nominal_of_role"].items() for t in types}
    contexts = {k: frozenset(v) for k, v in ctx["contexts"].items()}
    return Grammar(
        words=lists,
        recipient_preps={k: tuple(v) for k, v in raw["recipient_preps"].items()},
        of_role=of_role,
        threat_modes=dict(raw["threat_modes"]),
        contexts=contexts,
        modes={
            event: {mode: frozenset(cues) for mode, cues in table.items()}
            for event, table in ctx["modes"].items()
        },
        context_of_word={w: name for name, ws in contexts.items() for w in ws},
    )


def lemma(token: Token) -> str:
    """The lower-case lemma, with the model's known lemmatizer slips corrected."""
    return lemma_text(token.lemma_)


def lemma_text(raw: str) -> str:
    """:func:`lemma` for a lemma string read off the document's arrays."""
    word = raw.lower()
    return _aliases().get(word, word)


def could_trigger(word: str, pos: str, lower: str) -> bool:
    """Whether a token with lemma ``word`` (part of speech V, N or A) may match a rule: the
    cheap test that spares :func:`match_trigger` (and a spaCy ``Token``) for most words."""
    rules = trigger_rules()
    return (word, pos) in rules or (pos == "N" and (lower.rstrip("s"), pos) in rules)


@functools.cache
def _aliases() -> dict[str, str]:
    raw = yaml.safe_load((DATA / "grammar.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in (raw.get("lemma_aliases") or {}).items()}


def _subject_lemmas(token: Token) -> Iterable[str]:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            yield from (lemma(t) for t in child.subtree)


def _check(c: Constraint, token: Token, children: list[Token]) -> Token | bool | None:
    """The token that satisfies ``c`` (or True when it is satisfied without one), else None."""
    if c.kind == "tag":
        return True if token.tag_ in c.values else None
    if c.kind == "head":
        return True if token.head.i != token.i and lemma(token.head) in c.values else None
    if c.kind == "subj":
        return True if any(w in c.values for w in _subject_lemmas(token)) else None
    for child in children:
        dep = child.dep_
        if c.kind == "prt" and dep == "prt" and lemma(child) in c.values:
            return child
        if (
            c.kind == "prep"
            and dep in ("prep", "dative", "agent")
            and lemma(child) in c.values
            and not _temporal(child)
        ):
            return child
        if c.kind == "obj" and dep in OBJECT_DEPS and _object_matches(child, c.values):
            return child
        if c.kind == "pobj" and dep == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and lemma(obj) in c.values:
                    return obj
        if c.kind == "mod" and dep in MODIFIER_DEPS and lemma(child) in c.values:
            return child
        if c.kind == "xcomp" and dep == "xcomp":
            return True
    return None


def _temporal(prep: Token) -> bool:
    """ "called on Sunday": a preposition of time is no argument marker."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def _object_matches(obj: Token, values: frozenset[str]) -> bool:
    """The object, a conjunct or a compound of it ("peacekeeping force") is one of ``values``."""
    if lemma(obj) in values or obj.lower_ in values:
        return True
    if any(lemma(c) in values for c in obj.conjuncts):
        return True
    for child in obj.children:
        if child.dep_ == "compound" and lemma(child) in values:
            return True
        if child.dep_ == "prep" and child.lower_ == "of":  # "a wave of drones and missiles"
            for inner in child.children:
                if inner.dep_ == "pobj" and (
                    lemma(inner) in values or any(lemma(c) in values for c in inner.conjuncts)
                ):
                    return True
    return False


def match_trigger(token: Token, children: list[Token] | None = None) -> Match | None:
    """The rule that ``token`` triggers, constrained rules first; None if it triggers none.

    ``children`` (the token's dependents, when the caller has them) spares spaCy's
    ``Token.children``, which walks the token's whole span.
    """
    pos = POS_OF_TAG.get(token.pos_)
    if pos is None:
        return None
    rules = trigger_rules().get((lemma(token), pos))
    if rules is None and pos == "N" and token.tag_ == "NNS":
        rules = trigger_rules().get((token.lower_.rstrip("s"), pos))
    if not rules:
        return None
    if children is None:
        children = list(token.children)
    for rule in rules:
        extra: list[Token] = []
        for c in rule.constraints:
            found = _check(c, token, children)
            if found is None:
                break
            if found is not True and found is not False:
                extra.append(found)
        else:
            if rule.event is None and not rule.has("intent"):
                return None
            return Match(token, rule, tuple(extra))
    return None
