"""Attributions: who said (wrote, showed, believes) what, on which outlet, quoted or reported.

One pass over the tokens finds cues from the lexicon (``data/attribution/cues.yaml``):

- a cue verb with its subject as source: "two US officials told Axios that ...", "he claimed";
  a verb without a subject of its own shares one ("Trump praised X and criticized Y", "...,
  saying ...");
- "according to X": X is the source, the clause around it the content;
- parentheticals: "..., officials say, ..." and "as one official noted, ...": the clause they
  interrupt is the content.

The content is the cue's clausal complement (or object, or the clause it interrupts); a
quotation makes it ``direct``. Cues inside a quotation are left alone: what a speaker says
someone else said is part of the speaker's quote. Nested attributions ("A said B told Axios
that ...") give one record each, and :func:`attribution_for` picks the innermost.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Attribution, Cue, Source, TextSpan
from .attribution_cues import SOURCING_CLASSES
from .attribution_finders import FoundAttribution, find_attributions
from .attribution_source import (
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    EarlierSource,
    SourceCode,
    antecedent,
    is_generic_definite,
    is_named,
    phrase_chars,
    resolve_code,
    same_noun_antecedent,
    source_count,
    source_nouns,
    trim_bounds,
)
from .base import Extraction, extractor

__all__ = ["attribution_for", "attribution_kind", "extract_attributions", "find_attributions"]


def _antecedent_head(head: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Trump, who said ..." -> Trump."""
    verb = head.head
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _source_record(
    state: Extraction, text: str, item: FoundAttribution, earlier: list[EarlierSource]
) -> Source | None:
    if item.source is None or item.source_head is None:
        return None
    doc = state.doc
    head = item.source_head
    start, end = phrase_chars(doc, *item.source)
    phrase = text[start:end]
    named = is_named(head)
    count = source_count(head)
    coded: SourceCode | None = None
    lower = head.lower_
    if lower in RELATIVE_PRONOUNS:
        noun = _antecedent_head(head)
        if noun is not None:
            bounds = trim_bounds(doc, noun.left_edge.i, head.i)
            if bounds[1] > bounds[0]:
                a_start, a_end = phrase_chars(doc, *bounds)
                coded = resolve_code(state, a_start, a_end, text[a_start:a_end])
                named = is_named(noun)
                count = source_count(noun)
    else:
        coded = resolve_code(state, start, end, phrase)
    nouns = source_nouns(doc, item.source)
    if is_generic_definite(doc, item.source):
        previous = same_noun_antecedent(nouns, head.i, earlier)
        if previous is not None:  # "the officials" are the officials named before
            coded = previous.code
    if lower in PERSONAL_PRONOUNS and (coded is None or coded.code is None):
        previous = antecedent(head, earlier)
        if previous is not None:
            coded = previous.code
            named = previous.code.named if previous.code is not None else named
    if coded is not None and lower in PERSONAL_PRONOUNS:
        named = named or coded.named
    if lower not in PERSONAL_PRONOUNS and lower not in RELATIVE_PRONOUNS:
        earlier.append(
            EarlierSource(
                token=head.i,
                code=coded if coded is not None else SourceCode(None, None, named),
                person=head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and named),
                plural=count is None or count > 1 or lower in PLURAL_PRONOUNS,
                nouns=nouns,
            )
        )
    return Source(
        text=phrase,
        span=(start, end),
        code=coded.code if coded else None,
        sector=coded.sector if coded else None,
        named=named,
        count=count,
    )


@extractor("attributions", "1")
def extract_attributions(state: Extraction) -> None:
    """Fill ``state.attributions`` with one record per attribution cue, in text order."""
    doc = state.doc
    text = doc.text
    earlier: list[EarlierSource] = []
    for n, item in enumerate(find_attributions(doc, text), start=1):
        attribution_id = state.new_id("attribution", n)
        state.attributions.append(
            Attribution(
                id=attribution_id,
                source=_source_record(state, text, item, earlier),
                cue=Cue(text=text[item.cue[0] : item.cue[1]], span=item.cue),
                content=TextSpan(span=item.content),
                outlet=item.outlet,
                direct=item.direct,
                kind=item.kind,
            )
        )


def attribution_kind(state: Extraction, attribution_id: str) -> str | None:
    """The cue class of an attribution: speech, evidence, stance, cognition or intent."""
    for attribution in state.attributions:
        if attribution.id == attribution_id:
            return attribution.kind
    return None


def attribution_for(state: Extraction, start_char: int, end_char: int) -> str | None:
    """Id of the innermost attribution whose content covers ``[start_char, end_char)``.

    Intentions ("Iran is planning an attack") are not sources of the claims inside them, so
    only attributions of speech, evidence, stance and belief are considered.
    """
    best: Attribution | None = None
    for attribution in state.attributions:
        c_start, c_end = attribution.content.span
        if not (c_start <= start_char and end_char <= c_end):
            continue
        if attribution.kind not in SOURCING_CLASSES | {None}:
            continue
        if best is None or (c_end - c_start) < (best.content.span[1] - best.content.span[0]):
            best = attribution
    return best.id if best is not None else None
