"""Places: the toponyms of a document, resolved offline, and where each event happens.

``extract_places`` (registered as ``brinkwatch.places.v1``) fills ``state.places`` with one
:class:`~brinkwatch.records.Place` per place name in the text:

- the parser's GPE, LOC and FAC entities, and the names a gazetteer matcher finds that the
  small model misses (countries, divisions, regions, seas, cities above 100,000 people);
- demonyms used as places — "from Iraqi territory", "on Iranian soil" give Iraq and Iran —
  but not a demonym that describes people or a state ("Iraqi officials");
- "City, Region" pairs, where the second name (also a place) narrows the first.

Names resolve with :mod:`.place_resolve` against :mod:`.gazetteer` to a canonical name, an
ISO 3166-1 alpha-3 country, a point and a feature (country / admin / city / region / other).

``location_for(state, trigger, sentence)`` answers where an event happened: the place the
dependency tree attaches to the trigger through "in", "at", "from", "near"… (or to its object:
"attacks on US forces in Iraq" → Iraq), never a target ("a strike on Iraq"). ``lookup_place``
resolves free text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Place
from .base import Extraction, extractor
from .gazetteer import Entry, Feature, Gazetteer, gazetteer, name_key
from .place_resolve import Query, choose, document_context, within

__all__ = ["extract_places", "find_places", "location_for", "lookup_place"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# words before a wrongly labelled entity that show it is a place ("born in Churchill",
# "a resident of Tabriz"); a PERSON needs one of the first kind
PLACE_CUES = frozenset({"in", "at", "from", "near", "outside", "across", "inside", "around"})
PLACE_CUES_NOT_PERSON = PLACE_CUES | {"of", "to"}
MAX_NAME_TOKENS = 5
# lower-case words inside place names ("Rio de Janeiro", "Stoke-on-Trent")
NAME_CONNECTORS = frozenset({"of", "de", "and", "on", "upon", "la", "al", "el", "du", "da", "-"})
# prepositions that as often mark a target as a place ("fired at Haifa")
WEAK_PREPOSITIONS = frozenset({"at", "toward", "towards", "into", "onto"})
FEATURE_RANK = {"city": 0, "other": 1, "admin": 2, "region": 3, "country": 4}


@functools.cache
def _rules() -> dict[str, frozenset[str]]:
    return {key: frozenset(words) for key, words in gazetteer().rules.items()}


@dataclass
class _Mention:
    start: int
    end: int
    query: Query
    fixed: Entry | None = None
    inner: Entry | None = None


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[start:end]


def _query(gaz: Gazetteer, text: str, *, abbreviations: bool) -> Query:
    """Look ``text`` up; failing that, without a kind word ("Fars Province", "Quebec City")."""
    key = name_key(text)
    candidates = gaz.candidates(key, abbreviations=abbreviations)
    if candidates:
        return Query(key, candidates)
    words = key.split(" ")
    for n in (2, 1):
        if len(words) > n and " ".join(words[-n:]) in _rules()["kind_suffixes"]:
            kind = " ".join(words[-n:])
            rest = " ".join(words[:-n])
            found = gaz.candidates(rest, abbreviations=abbreviations)
            if found:
                return Query(rest, found, admin_cue=kind != "city", city_cue=kind == "city")
    return Query(key, [])


def _inner_place(gaz: Gazetteer, span: Span) -> Entry | None:
    """The largest well-known place named inside a facility's name ("Vancouver Art Gallery")."""
    free = gaz.free_match_keys()
    for size in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - size + 1):
            key = name_key(span.doc[start : start + size].text)
            dotted = "." in key and key in gaz.qualifiers  # "Recovery Day B.C."
            if key in free or dotted:
                choice = choose(Query(key, gaz.candidates(key, abbreviations=True)), None, gaz)
                if choice is not None:
                    return choice
    return None


def _extend(span: Span, gaz: Gazetteer) -> Span:
    """``span`` widened by a capitalised word the parser left out ("New" of "New Zealand")."""
    doc = span.doc
    for start, end in ((span.start - 1, span.end), (span.start, span.end + 1)):
        if start < 0 or end > len(doc) or not len(span):
            continue
        extra = doc[start] if start < span.start else doc[end - 1]
        if extra.ent_type_ or not extra.is_title:
            continue
        if name_key(doc[start:end].text) in gaz.free_match_keys():
            return doc[start:end]
    return span


def _place_entities(doc: Doc, gaz: Gazetteer) -> Iterator[Span]:
    """The parser's place entities, adjacent pieces of one name joined ("New" + "Zealand")."""
    spans = [_trim(e) for e in doc.ents if e.label_ in PLACE_LABELS]
    free = gaz.free_match_keys()
    i = 0
    while i < len(spans):
        span = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is not None and len(span) and nxt.start == span.end:
            # the first entity may end with the start of the second ("Australia and New")
            for k in range(len(span), 0, -1):
                if name_key(doc[span.end - k : nxt.end].text) in free:
                    rest = span.end - k
                    while rest > span.start and doc[rest - 1].lower_ in ("and", "or", ","):
                        rest -= 1
                    if rest > span.start:
                        yield doc[span.start : rest]
                    yield doc[span.end - k : nxt.end]
                    i += 2
                    break
            else:
                yield span
                i += 1
            continue
        yield span
        i += 1


def _entity_mentions(doc: Doc, gaz: Gazetteer) -> Iterator[_Mention]:
    for ent in _place_entities(doc, gaz):
        span = _extend(ent, gaz)
        key = name_key(span.text)
        if not len(span) or (key in gaz.demonyms and key not in gaz.names):
            continue
        if name_key(span.text) in _rules()["not_places"]:
            continue
        query = _query(gaz, span.text, abbreviations=True)
        if span.text.isupper() and len(span.text) <= 4:
            # an acronym is not another language's name for a town ("CNN")
            query.candidates = [e for e in query.candidates if not e.alternate]
        mention = _Mention(span.start, span.end, query)
        if not query.candidates and len(span) > 1:
            mention.inner = _inner_place(gaz, span)
        if query.candidates or mention.inner is not None:
            yield mention


def _entity_index(doc: Doc) -> list[Span | None]:
    """The entity each token belongs to (``doc.ents`` builds new spans on every access)."""
    index: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        index[ent.start : ent.end] = [ent] * (ent.end - ent.start)
    return index


def _entity_at(span: Span, ents: list[Span | None]) -> Span | None:
    """The non-place entity the span starts in, if any."""
    ent = ents[span.start]
    if ent is not None and ent.label_ not in PLACE_LABELS:
        return ent
    return next(
        (e for e in ents[span.start : span.end] if e and e.label_ not in PLACE_LABELS), None
    )


def _mislabelled(span: Span, ent: Span, *, well_known: bool) -> bool:
    """Whether ``ent`` (not a place label) is exactly the name at ``span`` after a place cue.

    "of" and "to" introduce people too ("the son of Jackson"), so after them a PERSON counts
    as a place only when the name is a well-known one ("a resident of Tabriz").
    """
    trimmed = _trim(ent)
    doc = span.doc
    if trimmed.start != span.start or trimmed.end < span.end:
        return False
    # the entity may run on over a qualifier: "in [Wainwright, Alta]."
    if trimmed.end > span.end and doc[span.end].text != ",":
        return False
    before = doc[span.start - 1].lower_ if span.start else ""
    wide = ent.label_ != "PERSON" or well_known
    return before in (PLACE_CUES_NOT_PERSON if wide else PLACE_CUES)


def _entity_allows(span: Span, ents: list[Span | None]) -> bool:
    """Whether a well-known place name may be matched at ``span`` given the entity there.

    The small model often labels places as ORG, PERSON, NORP or EVENT ("of Edmonton" as ORG).
    A place name inside the name of an organisation, event or work ("University of Manitoba",
    "Texas A&M") is still a place name; inside a person's name it is not ("Jordan Peterson"),
    unless the whole "person" is the place name after a place cue ("born in Churchill").
    """
    ent = _entity_at(span, ents)
    if ent is None:
        return True
    if ent.end < span.end:
        return False
    return ent.label_ != "PERSON" or _mislabelled(span, ent, well_known=True)


def _inside_name(token: Token, gaz: Gazetteer) -> bool:
    """A lone town name next to other proper nouns outside any entity ("Brent Smith")."""
    if token.ent_type_ or name_key(token.text) in gaz.names:
        return False
    doc = token.doc
    neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
    return any(n.pos_ == "PROPN" and n.is_title and not n.ent_type_ for n in neighbours)


def _run_end(doc: Doc, start: int) -> int:
    """End of the run of name-like tokens from ``start`` ("Rio de Janeiro", "Clacton-on-Sea")."""
    end = start + 1
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if not (token.is_title or token.is_upper or token.lower_ in NAME_CONNECTORS):
            break
        end += 1
    return end


def _matched_mentions(
    doc: Doc, gaz: Gazetteer, covered: list[bool], ents: list[Span | None]
) -> Iterator[_Mention]:
    """Names the parser did not tag, matched against the gazetteer's well-known names."""
    free = gaz.free_match_keys()
    i = 0
    while i < len(doc):
        token = doc[i]
        if covered[i] or not (token.is_title or token.is_upper) or token.lower_ == "the":
            i += 1
            continue
        run_end = _run_end(doc, i)
        for end in range(run_end, i, -1):
            last = doc[end - 1]
            if not (last.is_title or last.is_upper) or any(covered[i:end]):
                continue
            span = doc[i:end]
            key = name_key(span.text)
            if (key in gaz.demonyms and key not in gaz.names) or key in _rules()["not_places"]:
                continue
            if key not in free:
                # a wrongly labelled entity after a place cue may be any gazetteer name
                ent = _entity_at(span, ents)
                if ent is None or not _mislabelled(span, ent, well_known=False):
                    continue
                if not gaz.candidates(key):
                    continue
            lone_word = token.pos_ != "PROPN" and token.is_sent_start and not token.is_upper
            if end - i == 1 and (lone_word or _inside_name(token, gaz)):
                continue
            if not _entity_allows(span, ents):
                continue
            yield _Mention(i, end, Query(key, gaz.candidates(key)))
            i = end - 1
            break
        i += 1


def _locative_head(token: Token) -> Token | None:
    head = token.head
    heads = _rules()["locative_heads"]
    modifies = head.i > token.i and token.dep_ in ("amod", "compound", "nmod", "npadvmod")
    if modifies and (head.lemma_.lower() in heads or head.lower_ in heads):
        return head
    return None


def _demonyms(doc: Doc, gaz: Gazetteer, covered: list[bool]) -> tuple[list[_Mention], list[Entry]]:
    """Demonyms naming a place ("Iraqi territory"), and every demonym as document context."""
    mentions: list[_Mention] = []
    evidence: list[Entry] = []
    for token in doc:
        entry = gaz.demonyms.get(name_key(token.text))
        if entry is None or not (token.is_title or token.is_upper):
            continue
        evidence.append(entry)
        head = _locative_head(token)
        if head is None or covered[token.i]:
            continue
        query = Query(name_key(entry.name), [entry])
        mentions.append(_Mention(token.i, head.i + 1, query, fixed=entry))
    return mentions, evidence


def _abbreviation(doc: Doc, gaz: Gazetteer, start: int) -> _Mention | None:
    """A division abbreviation at ``start`` ("Ky.", "TX", or "Man" + "." split by the parser)."""
    for end in (start + 2, start + 1):
        if end > len(doc) or (end == start + 2 and doc[start + 1].text != "."):
            continue
        key = name_key(doc[start:end].text.replace(" ", ""))
        if key in gaz.qualifiers and (doc[start].is_title or doc[start].is_upper):
            return _Mention(start, end, Query(key, gaz.qualifier(key)))
    return None


def _qualify(doc: Doc, gaz: Gazetteer, mentions: list[_Mention]) -> list[_Mention]:
    """Link "City, Region" pairs; abbreviations after the comma become places too."""
    by_start = {m.start: m for m in mentions}
    added: list[_Mention] = []
    admin_cues = _rules()["admin_cues"]
    for mention in mentions:
        after = mention.end
        if after < len(doc) and doc[after].lower_ in admin_cues:
            mention.query.admin_cue = True
        before = doc[max(0, mention.start - 2) : mention.start]
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in admin_cues:
            mention.query.admin_cue = True  # "the state of Washington"
        if after + 1 >= len(doc) or doc[after].text != ",":
            continue
        nxt = by_start.get(after + 1)
        if nxt is None:
            nxt = _abbreviation(doc, gaz, after + 1)
            if nxt is None:
                continue
            by_start[nxt.start] = nxt
            added.append(nxt)
        qualifier = gaz.qualifier(nxt.query.key)
        if not qualifier or mention.fixed is not None:
            continue
        # keep the readings of the second name that contain a reading of the first:
        # "Atlanta, Georgia" is the state, "Tbilisi, Georgia" the country
        fitting = [q for q in qualifier if any(within(e, q) for e in mention.query.candidates)]
        mention.query.qualifier = fitting or qualifier
        if len(fitting) == 1 and nxt.fixed is None:
            nxt.fixed = fitting[0]
    return mentions + added


def _place(
    span: Span, entry: Entry, *, name: str | None = None, feature: Feature | None = None
) -> Place:
    return Place(
        text=span.text,
        span=(span.start_char, span.end_char),
        name=name or entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        feature=feature or entry.feature,
    )


def find_places(doc: Doc) -> list[Place]:
    """Every place named in ``doc``, resolved, in text order."""
    gaz = gazetteer()
    covered = [False] * len(doc)
    mentions = list(_entity_mentions(doc, gaz))
    for mention in mentions:
        covered[mention.start : mention.end] = [True] * (mention.end - mention.start)
    located, evidence = _demonyms(doc, gaz, covered)
    for mention in located:
        covered[mention.start : mention.end] = [True] * (mention.end - mention.start)
    mentions += located
    mentions += _matched_mentions(doc, gaz, covered, _entity_index(doc))
    mentions.sort(key=lambda m: m.start)
    mentions = _qualify(doc, gaz, mentions)
    mentions.sort(key=lambda m: m.start)
    context = document_context([m.query for m in mentions if m.fixed is None], evidence, gaz)
    places: list[Place] = []
    for mention in mentions:
        span = doc[mention.start : mention.end]
        entry = mention.fixed or choose(mention.query, context, gaz)
        if entry is not None:
            places.append(_place(span, entry))
        elif mention.inner is not None:
            # a facility named after a place ("Vancouver Art Gallery") is located there
            places.append(_place(span, mention.inner, name=span.text, feature="other"))
    return places


@extractor("places", "1")
def extract_places(state: Extraction) -> None:
    """Fill ``state.places`` with the document's resolved place names."""
    state.places = find_places(state.doc)


def lookup_place(name: str) -> Place | None:
    """Resolve free text ("Iraq", "the West Bank", "Iraqi territory") without context."""
    gaz = gazetteer()
    text = name.strip()
    query = _query(gaz, text, abbreviations=True)
    entry = choose(query, None, gaz)
    if entry is None:
        words = text.split()
        demonym = gaz.demonyms.get(name_key(words[0])) if words else None
        locative = len(words) == 1 or words[-1].lower() in _rules()["locative_heads"]
        if demonym is None or not locative:
            return None
        entry = demonym
    return Place(
        text=name,
        span=(0, len(name)),
        name=entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
    )


# -- where an event happens ----------------------------------------------------------------


def _places_by_token(state: Extraction, sentence: tuple[int, int]) -> dict[int, Place]:
    doc = state.doc
    found: dict[int, Place] = {}
    for place in state.places:
        start, end = place.span
        if start < sentence[0] or end > sentence[1]:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for token in span:
                found[token.i] = place
    return found


def _place_under(token: Token, places: dict[int, Place]) -> Place | None:
    """The most specific place in ``token``'s phrase ("the Iraqi city of Mosul" → Mosul)."""
    if token.i in places and places[token.i].feature != "country":
        return places[token.i]
    found = [places[t.i] for t in token.subtree if t.i in places]
    if not found:
        return None
    first_at = {id(p): n for n, p in enumerate(found)}
    return min(found, key=lambda p: (FEATURE_RANK.get(p.feature, 5), first_at[id(p)]))


def _attached_place(
    head: Token, places: dict[int, Place], *, modifiers: bool = False
) -> Place | None:
    """A place attached to ``head`` by a locative preposition (or, with ``modifiers``, as a
    name modifier: "Gaza strikes"). "from" and "in" outrank "at", which often marks a target
    ("fired at Haifa from southern Lebanon")."""
    prepositions = _rules()["location_prepositions"]
    locative_heads = _rules()["locative_heads"]
    found: list[tuple[int, int, Place]] = []
    for child in head.children:
        if child.dep_ == "prep":
            lower = child.lower_
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                on_soil = lower == "on" and pobj.lemma_.lower() in locative_heads
                if lower in prepositions or on_soil:
                    place = _place_under(pobj, places)
                    if place is not None:
                        found.append((int(lower in WEAK_PREPOSITIONS), child.i, place))
        elif modifiers and child.dep_ in ("compound", "nmod") and child.i in places:
            found.append((0, child.i, places[child.i]))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _objects(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "upon"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def location_for(
    state: Extraction, trigger: tuple[int, int], sentence: tuple[int, int]
) -> Place | None:
    """Where the event with this trigger happens: the place the parse attaches to it, or None."""
    if not state.places:
        return None
    span = state.doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    places = _places_by_token(state, sentence)
    if not places:
        return None
    root = span.root
    heads = [root, *_objects(root)]
    if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        governor = root.head.head if root.dep_ == "pobj" else root.head
        if governor.pos_ in ("VERB", "AUX"):
            heads.append(governor)
    for head in heads:
        place = _attached_place(head, places, modifiers=head is root)
        if place is not None:
            return place
    return None
