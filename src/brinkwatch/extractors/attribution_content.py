"""What an attribution cue attributes: its content span.

Strategies, in order, for a cue verb:

1. its clausal complement ("said [that Iran is planning an attack]");
2. its object or prepositional phrase, for stance verbs and for speech verbs that take one
   ("accused [Iran of arming militias]", "called [for a ceasefire]");
3. the clause it interrupts ("Iran, [officials say], is ..."; "as one official noted, ...");
4. the clause before a post-posed cue whose parse swallowed it ("It will soon, analysts say.");
5. a quotation just before or after the cue ("'...,' he claimed").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .attribution_cues import CueLexicon
from .attribution_quotes import QuoteIndex, quote_spans
from .attribution_source import phrase_chars, trim_bounds

__all__ = ["DocContext", "content_for_verb", "interrupted_clause", "span_of", "subtree_chars"]

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_OBJECT_DEPS = frozenset({"dobj", "oprd", "attr"})
_CONTENT_PREPOSITIONS = frozenset({"about", "of", "on", "for", "against", "over", "to"})
_IDIOM_OBJECTS = frozenset({"condition", "behalf", "record", "camera", "time"})
_TELLING = frozenset({"tell", "inform", "brief", "assure", "ask", "remind", "notify"})
_UTTERANCE_NOUNS = frozenset(
    {"statement", "interview", "speech", "post", "tweet", "letter", "briefing", "address"}
)
_QUOTE_GAP = 4  # characters between a quotation and its cue: ',” he said' / 'said: “'


class DocContext:
    """Per-document lookups built once: text, quotations, sentence and paragraph bounds."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.quotes = QuoteIndex(quote_spans(self.text))
        self._sentences = [(s.start, s.end) for s in doc.sents]
        self._starts = [start for start, _ in self._sentences]

    def sentence(self, token: Token) -> tuple[int, int]:
        """Token bounds ``[start, end)`` of the sentence holding ``token``."""
        return self._sentences[bisect.bisect_right(self._starts, token.i) - 1]

    def paragraph_chars(self, offset: int) -> tuple[int, int]:
        """Character bounds of the paragraph (text between newlines) around ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end


def subtree_chars(token: Token) -> tuple[int, int]:
    start, end = trim_bounds(token.doc, token.left_edge.i, token.right_edge.i + 1)
    if end <= start:
        return token.idx, token.idx + len(token.text)
    return phrase_chars(token.doc, start, end)


def span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    spans = [subtree_chars(t) for t in tokens]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def interrupted_clause(cue: Token, head: Token) -> tuple[int, int] | None:
    """The part of ``head``'s clause around the interrupting ``cue`` that holds ``head``."""
    doc = cue.doc
    if cue.left_edge.i <= head.i <= cue.right_edge.i:
        return None
    if head.i < cue.left_edge.i:
        bounds = trim_bounds(doc, head.left_edge.i, cue.left_edge.i)
    else:
        bounds = trim_bounds(doc, cue.right_edge.i + 1, head.right_edge.i + 1)
    if bounds[1] <= bounds[0]:
        return None
    return phrase_chars(doc, *bounds)


def _has_object(prep: Token) -> bool:
    return any(
        c.dep_ in ("pobj", "pcomp") and c.lemma_.lower() not in _IDIOM_OBJECTS
        for c in prep.children
    )


def _phrase_content(cue: Token, kind: str, source: Token, lexicon: CueLexicon) -> list[Token]:
    if kind != "stance" and cue.lemma_.lower() not in lexicon.phrase_content:
        return []
    chosen = [
        c
        for c in cue.children
        if c.i > cue.i
        and c != source
        and (
            c.dep_ in _OBJECT_DEPS
            or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPOSITIONS and _has_object(c))
        )
    ]
    if cue.lemma_.lower() in _TELLING and all(
        t.dep_ == "dobj" and (t.pos_ in ("PROPN", "PRON") or t.n_lefts + t.n_rights == 0)
        for t in chosen
    ):
        return []  # "told Axios", "told reporters": the addressee, not the content
    return chosen


def _statement_clauses(cue: Token) -> list[Token]:
    """ "said in a statement that ...": the that-clause the parse hung on "statement"."""
    found: list[Token] = []
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "on", "during"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _UTTERANCE_NOUNS:
                    found.extend(
                        c
                        for c in obj.children
                        if c.dep_ in ("acl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    )
    return found


def _document_like(source: Token, lexicon: CueLexicon) -> bool:
    lemma = source.lemma_.lower()
    return lemma in lexicon.document_subjects or lexicon.noun_class.get(lemma) == "evidence"


def _preposed_clause(cue: Token, source: Token, context: DocContext) -> tuple[int, int] | None:
    """ "It will soon, analysts say.": the words before the source, up to a comma."""
    doc = cue.doc
    first = min(trim_bounds(doc, source.left_edge.i, source.right_edge.i + 1)[0], cue.i)
    sentence_start = context.sentence(cue)[0]
    if first <= sentence_start or doc[first - 1].text not in (",", "”", '"', "'", "’"):
        return None
    bounds = trim_bounds(doc, sentence_start, first)
    if bounds[1] - bounds[0] < 2 or not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ != "prep" for t in doc[bounds[0] : bounds[1]]
    ):
        return None  # "According to X, Jordan recalled ...": no clause before the cue
    return phrase_chars(doc, *bounds)


def _adjacent_quote(cue: Token, source: Token, context: DocContext) -> tuple[int, int] | None:
    """A quotation ending just before the source or cue, or starting just after the cue."""
    para_start, para_end = context.paragraph_chars(cue.idx)
    first = trim_bounds(cue.doc, source.left_edge.i, source.right_edge.i + 1)[0]
    before = min(cue.idx, cue.doc[min(first, source.i)].idx)
    after = cue.idx + len(cue.text)
    for start, end in context.quotes.within(para_start, para_end):
        if end - start <= 3:
            continue
        if 0 <= before - end <= _QUOTE_GAP or 0 <= start - after <= _QUOTE_GAP:
            return start, end
    return None


def content_for_verb(
    cue: Token, kind: str, source: Token, lexicon: CueLexicon, context: DocContext
) -> tuple[int, int] | None:
    """What the cue verb attributes, or None when it attributes nothing."""
    clauses = [c for c in cue.children if c.dep_ in _CLAUSE_DEPS and c != source]
    clauses.extend(_statement_clauses(cue))
    if kind == "intent":
        clauses = [c for c in clauses if c.dep_ == "xcomp"]
    elif kind in ("cognition", "evidence"):
        clauses = [c for c in clauses if c.dep_ == "ccomp"]
    if clauses:
        side = [c for c in clauses if (c.i > cue.i) == (clauses[0].i > cue.i)]
        return span_of(side)
    if kind == "cognition":
        return None
    phrase = _phrase_content(cue, kind, source, lexicon)
    if kind == "evidence" and not _document_like(source, lexicon):
        phrase = []  # "polls show X", but not "Iran has yet to show a willingness"
    if phrase:
        return span_of(phrase)
    if kind not in ("speech", "evidence"):
        return None
    if cue.dep_ == "parataxis" or (
        cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    ):
        return interrupted_clause(cue, cue.head)
    if cue.dep_ == "ROOT":
        found = _preposed_clause(cue, source, context)
        if found is not None:
            return found
    return _adjacent_quote(cue, source, context)
