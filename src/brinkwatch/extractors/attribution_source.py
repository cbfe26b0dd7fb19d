"""Who is the source of an attribution: its noun phrase, how many, named or not, which outlet.

Plain functions over spaCy tokens. Coding the source to a country and sector is left to the
actors module (``actor_for_span`` / ``resolve_text``); when that finds nothing for a pronoun,
the most recent earlier source of the same kind stands in for its antecedent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import actor_for_span, resolve_text
from .attribution_cues import OutletLexicon
from .base import Extraction

__all__ = [
    "PERSONAL_PRONOUNS",
    "RELATIVE_PRONOUNS",
    "SourceCode",
    "find_outlet",
    "is_named",
    "phrase_chars",
    "resolve_code",
    "source_count",
    "trim_bounds",
]

PERSONAL_PRONOUNS = frozenset(
    {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "i", "we", "you", "it"}
)
SINGULAR_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
NAMED_ENTITY_TYPES = frozenset({"PERSON", "ORG"})
_NAMING_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12,
}  # fmt: skip
_SINGULAR_DETERMINERS = frozenset({"a", "an", "one", "another", "each", "every"})
_OUTLET_PREPOSITIONS = frozenset({"to", "in", "on", "with", "from", "by"})
_OUTLET_DEPS = frozenset({"dobj", "dative", "advmod", "npadvmod", "attr", "oprd", "iobj"})


def trim_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds ``[start, end)`` without punctuation or spaces at either edge."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def phrase_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of token bounds ``[start, end)``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _number(token: Token) -> int | None:
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def _single_count(head: Token) -> int | None:
    for child in head.children:
        if child.dep_ == "nummod" or (child.dep_ in ("det", "quantmod") and child.like_num):
            return _number(child)
    lower = head.lower_
    if lower in PLURAL_PRONOUNS or lower in ("we", "us") or lower in RELATIVE_PRONOUNS:
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None
    return 1


def source_count(head: Token) -> int | None:
    """How many people the source is: "two US officials" 2, "a US official" 1, "officials" None."""
    if head.pos_ == "PRON" and head.lower_ in SINGULAR_PERSON_PRONOUNS | {"i"}:
        return 1
    counts = [_single_count(t) for t in (head, *head.conjuncts)]
    if any(c is None for c in counts):
        return None
    return sum(c for c in counts if c is not None)


def is_named(head: Token) -> bool:
    """A proper name ("Pezeshkian", "the White House", "the Biden administration")."""
    if head.pos_ == "PROPN":
        return True
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return True
        if (
            child.dep_ == "compound"
            and child.pos_ == "PROPN"
            and child.ent_type_ in NAMED_ENTITY_TYPES
        ):
            return True
    return False


def _entity_text(token: Token) -> str:
    doc = token.doc
    if token.ent_iob_ in ("B", "I"):
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return str(doc[start:end].text)
    start, end = trim_bounds(token.doc, token.left_edge.i, token.right_edge.i + 1)
    if end - start > 6:
        return str(token.text)
    return str(token.doc[start:end].text)


def _outlet_of(token: Token, outlets: OutletLexicon) -> str | None:
    text = _entity_text(token)
    name = outlets.canonical(text)
    if name is not None:
        return name
    # an organisation, or a proper name the small model mislabels ("told Harbour Wire" as a
    # PERSON), whose last word marks a news outlet
    named = token.ent_type_ in ("ORG", "PERSON", "") and token.pos_ == "PROPN"
    if (token.ent_type_ == "ORG" or named) and outlets.looks_like_outlet(text):
        return text.removeprefix("the ").removeprefix("The ")
    return None


def _outlet_candidates(token: Token, depth: int = 0) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in _OUTLET_DEPS:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in _OUTLET_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append(obj)
                    if depth == 0:  # "in an interview with CNN"
                        found.extend(_outlet_candidates(obj, depth + 1))
    return found


def find_outlet(cue: Token, source_head: Token | None, outlets: OutletLexicon) -> str | None:
    """The news outlet an attribution names: "told Axios", "a report in The New York Times"."""
    candidates = _outlet_candidates(cue)
    if source_head is not None:
        candidates = [source_head, *_outlet_candidates(source_head), *candidates]
    for token in candidates:
        name = _outlet_of(token, outlets)
        if name is not None:
            return name
    return None


@dataclass(frozen=True)
class SourceCode:
    """The coded side of a source: country/organisation code and sector."""

    code: str | None
    sector: str | None
    named: bool


def resolve_code(state: Extraction, start: int, end: int, text: str) -> SourceCode | None:
    """Code and sector of the source at ``[start, end)`` (``text``) through the actors module.

    A coded mention inside the range wins (pronouns come back resolved); otherwise the text
    itself is looked up, as ``actor_for_span`` would, without rebuilding the document text.
    """
    if any(m.span[0] < end and m.span[1] > start for m in state.mentions):
        entity = actor_for_span(state, start, end)
    else:
        entity = resolve_text(text, state.published)
    if entity is None or (entity.code is None and entity.sector is None):
        return None
    return SourceCode(code=entity.code, sector=entity.sector, named=entity.name is not None)


@dataclass(frozen=True)
class EarlierSource:
    """A resolved source, kept so later pronoun sources can fall back to it."""

    token: int
    code: SourceCode | None
    person: bool
    plural: bool
    nouns: frozenset[str] = frozenset()


def antecedent(pronoun: Token, earlier: Sequence[EarlierSource]) -> EarlierSource | None:
    """The most recent earlier source that ``pronoun`` can refer to (he/she: a person)."""
    lower = pronoun.lower_
    for candidate in reversed(earlier):
        if candidate.token >= pronoun.i:
            continue
        if lower in SINGULAR_PERSON_PRONOUNS and candidate.person and not candidate.plural:
            return candidate
        if lower in PLURAL_PRONOUNS and (candidate.plural or not candidate.person):
            return candidate
    return None


def source_nouns(doc: Doc, bounds: tuple[int, int]) -> frozenset[str]:
    """The common-noun lemmas of a source phrase ("the army spokesman": army, spokesman)."""
    return frozenset(t.lemma_.lower() for t in doc[bounds[0] : bounds[1]] if t.pos_ == "NOUN")


def is_generic_definite(doc: Doc, bounds: tuple[int, int]) -> bool:
    """ "the army spokesman", bare "officials": a description that names no one."""
    tokens = doc[bounds[0] : bounds[1]]
    if len(tokens) == 0:
        return False
    definite = tokens[0].lower_ in ("the", "these", "those")
    bare_plural = tokens[0].pos_ == "NOUN" and tokens.root.tag_ == "NNS"
    if not (definite or bare_plural):
        return False  # "the officials", "those officials", bare "officials"
    return not any(
        t.pos_ == "PROPN" or (t.pos_ != "NOUN" and t.ent_type_ in _NAMING_ENTITIES) for t in tokens
    )


def same_noun_antecedent(
    nouns: frozenset[str], before: int, earlier: Sequence[EarlierSource]
) -> EarlierSource | None:
    """The latest earlier coded source sharing a noun: "the officials" -> "two US officials"."""
    for candidate in reversed(earlier):
        code = candidate.code.code if candidate.code is not None else None
        if candidate.token < before and candidate.nouns & nouns and code is not None:
            return candidate
    return None
