"""Finding attribution cues in a parse: verbs, "according to", nouns, transcript labels.

Each finder returns a :class:`FoundAttribution` (spans, source head, outlet, kind) or None.
:func:`find_attributions` runs them in one pass over the tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LEMMA
from spacy.tokens import Doc, Span, Token

from .attribution_content import (
    DocContext,
    content_for_verb,
    interrupted_clause,
    span_of,
)
from .attribution_cues import CueLexicon, cue_lexicon, outlet_lexicon
from .attribution_source import find_outlet, phrase_chars, trim_bounds

__all__ = ["FoundAttribution", "find_attributions"]

_VERB_POS = frozenset({"VERB", "AUX"})
_CLAUSAL_POS = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "ADP", "PUNCT", "SPACE", "PART"})
_SHARED_SUBJECT_DEPS = frozenset({"conj", "xcomp"})
_CUE_EXTENSIONS = frozenset({"statement", "interview", "post", "tweet", "letter", "speech"})
_NOUN_SOURCE_PREPOSITIONS = frozenset({"by", "from"})
_NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "about", "on", "for", "against", "over"})
_LABEL_MAX_TOKENS = 6
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_NOT_IN_LABELS = frozenset({"!", "?", "–", "—", "-", "(", ")", "/"})
_POSTPOSED_SEGMENTS = 3
_POSTPOSED_MAX_TOKENS = 12
_QUOTE_CLOSERS = frozenset({"”", '"', "''", "’"})
_NAME_PARTICLES = frozenset({"of", "the", "al", "el", "de", "bin", "van", "von", "for"})


@dataclass(frozen=True)
class FoundAttribution:
    """An attribution as found in the parse, before it becomes a record."""

    kind: str  # a cue class: speech, evidence, stance, cognition, intent
    cue: tuple[int, int]  # characters
    content: tuple[int, int]  # characters
    source_head: Token | None
    source: tuple[int, int] | None  # token bounds
    outlet: str | None
    direct: bool


def _bounds(token: Token) -> tuple[int, int]:
    return trim_bounds(token.doc, token.left_edge.i, token.right_edge.i + 1)


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; of several (a flattened parse), the one nearest the verb."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ not in ("VERB", "AUX")]
    if subjects:
        return min(subjects, key=lambda s: abs(s.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _find_source(cue: Token, lexicon: CueLexicon) -> tuple[Token, tuple[int, int]] | None:
    """The source phrase of a cue verb: its subject, or the subject it shares."""
    current = cue
    for _ in range(4):
        subject = _own_subject(current)
        if subject is not None:
            return subject, _bounds(subject)
        if current.dep_ in _SHARED_SUBJECT_DEPS or (
            current.dep_ == "advcl"
            and current.tag_ in ("VBG", "VBN")
            and not any(c.dep_ == "mark" for c in current.children)
        ):
            current = current.head
        elif current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            if noun.lemma_.lower() in lexicon.noun_class and noun.dep_ == "dobj":
                current = noun.head  # "issued a statement saying ..."
                continue
            if noun.i > current.i:
                return None
            # "one US official relayed" parsed as a noun with a participle
            bounds = trim_bounds(cue.doc, noun.left_edge.i, current.left_edge.i)
            return (noun, bounds) if bounds[1] > bounds[0] else None
        else:
            return None
    return None


def _cue_chars(cue: Token) -> tuple[int, int]:
    """The cue verb with its particle ("point out") and "in a statement" when adjacent."""
    start, end = cue.i, cue.i + 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
        elif child.dep_ == "prep" and child.i == end and child.lower_ == "in":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() in _CUE_EXTENSIONS:
                end = objects[0].i + 1
    return phrase_chars(cue.doc, start, end)


def _found(
    kind: str,
    cue: tuple[int, int],
    content: tuple[int, int],
    head: Token,
    bounds: tuple[int, int],
    outlet_cue: Token,
    context: DocContext,
) -> FoundAttribution | None:
    """The attribution, its content clipped to the cue's paragraph (parses run across them)."""
    para_start, para_end = context.paragraph_chars(cue[0])
    start, end = max(content[0], para_start), min(content[1], para_end)
    while start < end and context.text[end - 1].isspace():
        end -= 1
    if end - start < 2:
        return None
    return FoundAttribution(
        kind=kind,
        cue=cue,
        content=(start, end),
        source_head=head,
        source=bounds,
        outlet=find_outlet(outlet_cue, head, outlet_lexicon()),
        direct=context.quotes.quoted_share(start, end) >= 0.5,
    )


def _acceptable(
    context: DocContext, head: Token, bounds: tuple[int, int], content: tuple[int, int]
) -> bool:
    """A source outside any quotation, not overlapping the content."""
    if bounds[1] <= bounds[0] or head.pos_ in _CLAUSAL_POS:
        return False
    start, end = phrase_chars(head.doc, *bounds)
    if context.quotes.covering(start) is not None:
        return False
    return end <= content[0] or start >= content[1]


def verb_attribution(
    cue: Token, kind: str, lexicon: CueLexicon, context: DocContext
) -> FoundAttribution | None:
    if context.quotes.covering(cue.idx) is not None:
        return None  # a cue inside a quotation belongs to the quoted speaker's words
    if kind == "intent" and any(
        c.dep_ == "xcomp" and lexicon.verb_class.get(c.lemma_.lower(), "intent") != "intent"
        for c in cue.children
    ):
        return None  # "declined to comment", "tried to argue": the inner verb is the cue
    found = _find_source(cue, lexicon)
    if found is None or found[0].head != cue:
        # no subject of its own: "..., Trump, 70, told CNN." before a shared subject
        postposed = postposed_attribution(cue, kind, context)
        if postposed is not None or found is None:
            return postposed
    head, bounds = found
    content = content_for_verb(cue, kind, head, lexicon, context)
    if content is None or content[0] <= cue.idx < content[1]:
        return None
    if not _acceptable(context, head, bounds, content):
        return None
    return _found(kind, _cue_chars(cue), content, head, bounds, cue, context)


def _postposed_source(cue: Token, context: DocContext) -> tuple[int, int] | None:
    """ "CONTENT, Trump's finance chairman, Steve Mnuchin, told The Post.": the source bounds.

    Used when the parse lost the subject of a sentence-final cue: up to three comma-separated
    segments without a verb, directly before the cue, after the clause they report.
    """
    doc = cue.doc
    first, last = context.sentence(cue)
    if any(t.pos_ in _VERB_POS for t in doc[cue.i + 1 : last]):
        return None
    i = cue.i - 1
    while i >= first and (doc[i].pos_ == "ADV" or doc[i].text == ","):  # "X, later told"
        i -= 1
    end, start = i + 1, i + 1
    for _ in range(_POSTPOSED_SEGMENTS):
        j = i
        while j >= first and doc[j].text != "," and doc[j].text not in _QUOTE_CLOSERS:
            j -= 1
        segment = doc[j + 1 : i + 1]
        if len(segment) == 0 or len(segment) > _POSTPOSED_MAX_TOKENS:
            break
        if any(t.pos_ in _VERB_POS or t.is_space for t in segment):
            break
        start = j + 1
        if j < first or doc[j].text != ",":
            break
        i = j - 1
    if start == end or start - first < 3 or doc[start - 1].text not in (",", *_QUOTE_CLOSERS):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") or t.is_title for t in doc[start:end]):
        return None
    return trim_bounds(doc, start, end)


def postposed_attribution(cue: Token, kind: str, context: DocContext) -> FoundAttribution | None:
    """A sentence-final cue whose subject the parse lost ("..., FEC records show.")."""
    if kind not in ("speech", "evidence") or context.quotes.covering(cue.idx) is not None:
        return None
    bounds = _postposed_source(cue, context)
    if bounds is None or bounds[1] <= bounds[0]:
        return None
    doc = cue.doc
    head = doc[bounds[0] : bounds[1]].root
    content_bounds = trim_bounds(doc, context.sentence(cue)[0], bounds[0])
    if content_bounds[1] - content_bounds[0] < 2:
        return None
    content = phrase_chars(doc, *content_bounds)
    if not _acceptable(context, head, bounds, content):
        return None
    return _found(kind, _cue_chars(cue), content, head, bounds, cue, context)


def according_attribution(
    cue: Token, lexicon: CueLexicon, context: DocContext
) -> FoundAttribution | None:
    """ "According to X, CONTENT" and "CONTENT, according to X"."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or source is None:
        return None
    doc = cue.doc
    if cue.head != cue:
        content = interrupted_clause(cue, cue.head)
    else:
        rest = trim_bounds(doc, cue.right_edge.i + 1, context.sentence(cue)[1])
        content = phrase_chars(doc, *rest) if rest[1] > rest[0] else None
    bounds = trim_bounds(doc, source.left_edge.i, source.right_edge.i + 1)
    if content is None or not _acceptable(context, source, bounds, content):
        return None
    evidence = source.lemma_.lower() in lexicon.document_subjects
    cue_span = phrase_chars(doc, cue.i, to.i + 1)
    kind = "evidence" if evidence else "speech"
    return _found(kind, cue_span, content, source, bounds, cue, context)


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in _NOUN_SOURCE_PREPOSITIONS:
            obj = next((o for o in child.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
    return None


def noun_attribution(noun: Token, kind: str, context: DocContext) -> FoundAttribution | None:
    """ "Iran's threat to retaliate", "his criticism of X", "a warning from the White House"."""
    if context.quotes.covering(noun.idx) is not None:
        return None
    source = _noun_source(noun)
    if source is None:
        return None
    parts = [
        c
        for c in noun.children
        if c.i > noun.i
        and (
            (c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPOSITIONS)
            or c.dep_ in ("acl", "ccomp")
        )
    ]
    content = span_of(parts)
    if content is None:
        return None
    bounds = trim_bounds(noun.doc, source.left_edge.i, source.right_edge.i + 1)
    if not _acceptable(context, source, bounds, content):
        return None
    cue_span = phrase_chars(noun.doc, noun.i, noun.i + 1)
    return _found(kind, cue_span, content, source, bounds, noun, context)


def _is_label(label: Span) -> bool:
    """A speaker or topic label: capitalised words, no verb, no sentence end ("MS. CLINTON")."""
    words = [t for t in label if t.is_alpha]
    if not words or any(t.is_space or t.like_num or t.text in _NOT_IN_LABELS for t in label):
        return False  # "London – FTSE 100: DOWN 1.0 percent" is a listing, not a speaker
    for t in label:
        if t.text == "." and (t.i == label.start or len(t.doc[t.i - 1].text) > 3):
            return False
    if any(t.pos_ in _VERB_POS and not t.is_title and not t.is_upper for t in words):
        return False
    return all(t.is_title or t.is_upper or t.lower_ in _NAME_PARTICLES for t in words)


def label_attribution(first: Token, context: DocContext) -> FoundAttribution | None:
    """Transcript and headline labels: "MS. CLINTON: ...", "Trump: Generals don't ..."."""
    doc = first.doc
    end = min(first.i + _LABEL_MAX_TOKENS + 1, len(doc))
    colon = next((t for t in doc[first.i : end] if t.text == ":"), None)
    if colon is None or colon.i == first.i:
        return None
    if not _is_label(doc[first.i : colon.i]):
        return None
    _, para_end = context.paragraph_chars(colon.idx)
    start = colon.idx + 1
    while start < para_end and context.text[start] in " \t":
        start += 1
    if para_end - start < 2:
        # "MS. CLINTON:" on a line of its own: the next paragraph is what is said
        next_start = para_end + 1
        _, next_end = context.paragraph_chars(min(next_start, len(context.text) - 1))
        start, para_end = next_start, next_end
    if para_end - start < 2:
        return None
    bounds = trim_bounds(doc, first.i, colon.i)
    if bounds[1] <= bounds[0]:
        return None
    head = doc[bounds[0] : bounds[1]].root
    content = (start, para_end)
    cue_span = (colon.idx, colon.idx + 1)
    return FoundAttribution(
        kind="speech",
        cue=cue_span,
        content=content,
        source_head=head,
        source=bounds,
        outlet=None,
        direct=True,
    )


def _light_verb_noun(verb: Token, lexicon: CueLexicon) -> Token | None:
    """ "made comments about", "delivered a warning that": the utterance noun it governs."""
    for child in verb.children:
        if child.dep_ == "dobj" and lexicon.noun_class.get(child.lemma_.lower()) == "speech":
            return child
    return None


def light_verb_attribution(
    verb: Token, noun: Token, lexicon: CueLexicon, context: DocContext
) -> FoundAttribution | None:
    if context.quotes.covering(verb.idx) is not None:
        return None
    if any(c.dep_ == "acl" and c.lemma_.lower() in lexicon.verb_class for c in noun.children):
        return None  # "issued a statement saying ...": the participle is the cue
    found = _find_source(verb, lexicon)
    parts = [
        c
        for c in noun.children
        if c.i > noun.i
        and ((c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPOSITIONS) or c.dep_ in ("acl",))
    ]
    content = span_of(parts)
    if found is None or content is None:
        return None
    head, bounds = found
    if not _acceptable(context, head, bounds, content):
        return None
    cue_span = phrase_chars(verb.doc, verb.i, noun.i + 1)
    return _found("speech", cue_span, content, head, bounds, verb, context)


def _sentence_final(token: Token) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.text in (".", "!", "?")


def _candidates(doc: Doc, text: str, lexicon: CueLexicon) -> tuple[list[int], set[int]]:
    """Token indices worth a look (a cue lemma, or a paragraph start), without touching the
    other tokens: the lemma column is matched against the lexicon's hashes in one go."""
    if len(doc) == 0:
        return [], set()
    array = doc.to_array([LEMMA, IDX])
    hits = np.flatnonzero(np.isin(array[:, 0], lexicon.lemma_hashes))
    offsets = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]
    starts = np.searchsorted(array[:, 1], np.array(offsets, dtype=array.dtype))
    paragraph_starts = {int(i) for i in starts if i < len(doc)}
    return sorted({int(i) for i in hits} | paragraph_starts), paragraph_starts


def find_attributions(doc: Doc, text: str | None = None) -> list[FoundAttribution]:
    """Every attribution in ``doc`` (whose text is ``text``), in text order of its cue."""
    lexicon = cue_lexicon()
    context = DocContext(doc, text)
    found: list[FoundAttribution] = []
    indices, paragraph_starts = _candidates(doc, context.text, lexicon)
    for i in indices:
        token = doc[i]
        if i in paragraph_starts and not token.is_space:
            label = label_attribution(token, context)
            if label is not None:
                found.append(label)
        lemma = token.lemma_.lower()
        item: FoundAttribution | None = None
        if lemma in lexicon.according and token.lower_ == "according":
            item = according_attribution(token, lexicon, context)
        elif token.pos_ in _VERB_POS and lemma in lexicon.verb_class:
            item = verb_attribution(token, lexicon.verb_class[lemma], lexicon, context)
        elif token.pos_ == "NOUN" and lemma in lexicon.verb_class and _sentence_final(token):
            item = postposed_attribution(token, lexicon.verb_class[lemma], context)
        elif token.pos_ in _VERB_POS and lemma in lexicon.light_verbs:
            noun = _light_verb_noun(token, lexicon)
            if noun is not None:
                item = light_verb_attribution(token, noun, lexicon, context)
        elif token.pos_ == "NOUN" and lemma in lexicon.noun_class:
            item = noun_attribution(token, lexicon.noun_class[lemma], context)
        if item is not None:
            found.append(item)
    found.sort(key=lambda item: item.cue)
    return found
