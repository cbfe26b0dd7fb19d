"""Places: the toponyms of a document, resolved offline.

``extract_places`` (registered as ``brinkwatch.places.v1``) fills ``state.places`` with one
:class:`~brinkwatch.records.Place` per place name in the text:

- the parser's GPE, LOC and FAC entities, and the names a gazetteer matcher finds that the
  small model misses (countries, divisions, regions, seas, cities above 50,000 people);
- demonyms used as places — "from Iraqi territory", "on Iranian soil" give Iraq and Iran —
  but not a demonym that describes people or a state ("Iraqi officials");
- small places after a cue (:mod:`.place_cues`: datelines, "the town of X", "X Mayor"...);
- every later occurrence of a name the document already uses as a place (one sense per
  discourse: "born in Churchill, Man." ... "a Churchill doctor");
- "City, Region" pairs and "City's landmark" possessives (:mod:`.place_pairs`).

No place is read inside an organisation named after one ("The New York Times"), in a short
acronym ("BA"), or as a town in a street's name ("Church Street").

Names resolve with :mod:`.place_resolve` against :mod:`.gazetteer` to a canonical name, an
ISO 3166-1 alpha-3 country, a point and a feature (country / admin / city / region / other).
``location_for`` (from :mod:`.place_location`) answers where an event happened;
``lookup_place`` resolves free text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import Place
from .base import Extraction, extractor
from .gazetteer import Entry, Feature, Gazetteer, gazetteer, name_key
from .place_cues import cued_mentions, dateline_mentions
from .place_location import location_for
from .place_mentions import Mention, Words, cover, query_for, rules, run_end
from .place_pairs import qualify
from .place_resolve import Context, Query, choose, document_context, within

__all__ = ["extract_places", "find_places", "location_for", "lookup_place"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACRONYM_CHARS = 4
SHORT_ACRONYM_CHARS = 3
# words before a wrongly labelled entity that show it is a place ("born in Churchill",
# "a resident of Tabriz"); a PERSON needs one of the first kind
PLACE_CUES = frozenset({"in", "at", "from", "near", "outside", "across", "inside", "around"})
PLACE_CUES_NOT_PERSON = PLACE_CUES | {"of", "to"}


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[start:end]


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


def _entity_mentions(doc: Doc, gaz: Gazetteer) -> Iterator[Mention]:
    for ent in _place_entities(doc, gaz):
        span = _extend(ent, gaz)
        key = name_key(span.text)
        if not len(span) or (key in gaz.demonyms and key not in gaz.names):
            continue
        if name_key(span.text) in rules()["not_places"]:
            continue
        query = query_for(gaz, span.text, abbreviations=True)
        if span.text.isupper() and len(span.text) <= ACRONYM_CHARS:
            # an acronym is not another language's name for a town ("CNN"), and a short one
            # no town's name at all ("BA" is an airline, not Ba in Fiji)
            short = len(span.text.replace(".", "")) <= SHORT_ACRONYM_CHARS
            query.candidates = [
                e
                for e in query.candidates
                if not e.alternate and not (short and e.feature == "city")
            ]
        mention = Mention(span.start, span.end, query)
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


def _entity_allows(
    span: Span, ents: list[Span | None], *, place_names: frozenset[str] = frozenset()
) -> bool:
    """Whether a well-known place name may be matched at ``span`` given the entity there.

    The small model often labels places as ORG, PERSON, NORP or EVENT ("of Edmonton" as ORG).
    A place name inside the name of an organisation, event or work ("University of Manitoba",
    "Texas A&M") is still a place name; inside a person's name it is not ("Jordan Peterson"),
    unless the whole "person" is the place name after a place cue ("born in Churchill"), or
    one of ``place_names``: names the parser tags as places elsewhere in the document and that
    are no part of anyone's full name there ("... for Mississauga, where he lives").
    """
    ent = _entity_at(span, ents)
    if ent is None:
        return True
    if ent.end < span.end:
        return False
    if ent.label_ != "PERSON" or _mislabelled(span, ent, well_known=True):
        return True
    trimmed = _trim(ent)
    whole = (trimmed.start, trimmed.end) == (span.start, span.end)
    return whole and name_key(span.text) in place_names


def _people(ents: list[Span | None]) -> frozenset[str]:
    """The words of the document's personal names of two words or more ("Arch Walsh")."""
    return frozenset(
        name_key(token.text)
        for ent in ents
        if ent is not None and ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
    )


def _inside_name(token: Token, gaz: Gazetteer) -> bool:
    """A lone town name next to other proper nouns outside any entity ("Brent Smith")."""
    if token.ent_type_ or name_key(token.text) in gaz.names:
        return False
    doc = token.doc
    neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
    return any(n.pos_ == "PROPN" and n.is_title and not n.ent_type_ for n in neighbours)


def _matched_mentions(
    doc: Doc,
    gaz: Gazetteer,
    covered: list[bool],
    ents: list[Span | None],
    words: Words,
    known: dict[str, Query] | None = None,
    tagged: frozenset[str] = frozenset(),
) -> Iterator[Mention]:
    """Names the parser did not tag, matched against the gazetteer's well-known names, or
    (with ``known``) against the names the document already uses as places: one sense per
    discourse, so "a Churchill doctor" after "born in Churchill, Man." is a place too."""
    free = gaz.free_match_keys() if known is None else frozenset(known)
    people = frozenset[str]() if known is None else _people(ents)
    place_names = tagged - people
    i = 0
    firsts = None if known is None else {key.split(" ", 1)[0] for key in known}
    while i < len(doc):
        skip = covered[i] or not words.capital[i] or words.lower[i] == "the"
        lower = words.lower[i]
        first = lower if lower.isascii() else name_key(lower)
        if skip or (firsts is not None and first not in firsts):
            i += 1
            continue
        token = doc[i]
        last_end = run_end(doc, i)
        for end in range(last_end, i, -1):
            last = doc[end - 1]
            if not (last.is_title or last.is_upper) or any(covered[i:end]):
                continue
            span = doc[i:end]
            key = name_key(span.text)
            if (key in gaz.demonyms and key not in gaz.names) or key in rules()["not_places"]:
                continue
            if key not in free:
                if known is not None:
                    continue
                # a wrongly labelled entity after a place cue may be any gazetteer name
                ent = _entity_at(span, ents)
                if ent is None or not _mislabelled(span, ent, well_known=False):
                    continue
                if not gaz.candidates(key):
                    continue
            lone_word = token.pos_ != "PROPN" and token.is_sent_start and not token.is_upper
            if end - i == 1 and (lone_word or (known is None and _inside_name(token, gaz))):
                continue
            if not _entity_allows(span, ents, place_names=place_names):
                continue
            if key in people:
                continue  # "Mayor Ryan Bingham" ... "Bingham said": a surname, whatever else
            needs = known[key].needs if known is not None else None
            yield Mention(i, end, Query(key, gaz.candidates(key), needs=needs))
            i = end - 1
            break
        i += 1


def _locative_head(token: Token) -> Token | None:
    head = token.head
    heads = rules()["locative_heads"]
    modifies = head.i > token.i and token.dep_ in ("amod", "compound", "nmod", "npadvmod")
    if modifies and (head.lemma_.lower() in heads or head.lower_ in heads):
        return head
    return None


def _demonyms(
    doc: Doc, gaz: Gazetteer, covered: list[bool], words: Words
) -> tuple[list[Mention], list[Entry]]:
    """Demonyms naming a place ("Iraqi territory"), and every demonym as document context."""
    mentions: list[Mention] = []
    evidence: list[Entry] = []
    for i, lower in enumerate(words.lower):
        if not words.capital[i]:
            continue
        entry = gaz.demonyms.get(lower if lower.isascii() else name_key(lower))
        if entry is None:
            continue
        token = doc[i]
        evidence.append(entry)
        head = _locative_head(token)
        if head is None or covered[token.i]:
            continue
        query = Query(name_key(entry.name), [entry])
        mentions.append(Mention(token.i, head.i + 1, query, fixed=entry))
    return mentions, evidence


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


def _organisation_names(text: str) -> list[tuple[int, int]]:
    """Character spans of the organisations whose names hold a place name that locates nothing
    ("The New York Times", "Kurdistan Workers Party"): no place is read inside them."""
    text = text.lower()
    spans: list[tuple[int, int]] = []
    for name in rules()["organisations_named_after_places"]:
        at = text.find(name)
        while at != -1:
            spans.append((at, at + len(name)))
            at = text.find(name, at + len(name))
    return spans


def _inside(doc: Doc, mention: Mention, spans: list[tuple[int, int]]) -> bool:
    start, end = doc[mention.start].idx, doc[mention.end - 1].idx + len(doc[mention.end - 1])
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def _street(doc: Doc, mention: Mention) -> bool:
    """Whether the name is (or begins) a street's: "Church Street", "Silver Street"."""
    streets = rules()["street_words"]
    last = doc[mention.end - 1]
    after = doc[mention.end] if mention.end < len(doc) else None
    return last.lower_ in streets or (
        after is not None and after.is_title and after.lower_ in streets
    )


def _without_towns_on_streets(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A street's name reads as no town ("Church Street" is not the hamlet of that name)."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.fixed is None and _street(doc, mention):
            mention.query.candidates = [e for e in mention.query.candidates if e.feature != "city"]
            if not mention.query.candidates and mention.inner is None:
                continue
        kept.append(mention)
    return kept


def _resolve(
    mention: Mention, span: Span, context: Context, gaz: Gazetteer, owners: dict[int, Entry]
) -> Place | None:
    owner = owners.get(id(mention.owner)) if mention.owner is not None else None
    query = mention.query
    if owner is not None:
        inside = [e for e in query.candidates if within(e, owner)]
        if not inside:
            # "London's Heathrow": a landmark the gazetteer lacks lies in its owner
            return _place(span, owner, name=span.text, feature="other")
        query = replace(query, candidates=inside)
    entry = mention.fixed or choose(query, context, gaz)
    if entry is not None:
        owners[id(mention)] = entry
        return _place(span, entry)
    if mention.inner is not None:
        # a facility named after a place ("Vancouver Art Gallery") is located there
        return _place(span, mention.inner, name=span.text, feature="other")
    return None


def find_places(doc: Doc) -> list[Place]:
    """Every place named in ``doc``, resolved, in text order."""
    gaz = gazetteer()
    covered = [False] * len(doc)
    ents = _entity_index(doc)
    words = Words.of(doc)
    entities = list(_entity_mentions(doc, gaz))
    cover(covered, entities)
    mentions = list(entities)
    text = doc.text  # built anew on every access
    datelines = list(dateline_mentions(doc, text, gaz, covered))
    cover(covered, datelines)
    mentions += datelines
    located, evidence = _demonyms(doc, gaz, covered, words)
    cover(covered, located)
    mentions += located
    matched = list(_matched_mentions(doc, gaz, covered, ents, words))
    cover(covered, matched)
    mentions += matched
    mentions += cued_mentions(doc, gaz, covered, ents, words, mentions)
    known = {m.query.key: m.query for m in mentions if m.query.candidates and m.fixed is None}
    tagged = frozenset(m.query.key for m in [*entities, *datelines] if m.query.candidates)
    repeats = list(_matched_mentions(doc, gaz, covered, ents, words, known, tagged))
    cover(covered, repeats)
    mentions += repeats
    organisations = _organisation_names(text)
    if organisations:
        mentions = [m for m in mentions if not _inside(doc, m, organisations)]
    mentions = _without_towns_on_streets(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    mentions = qualify(doc, gaz, mentions)
    mentions.sort(key=lambda m: m.start)
    context = document_context([m.query for m in mentions if m.fixed is None], evidence, gaz)
    places: list[Place] = []
    owners: dict[int, Entry] = {}
    for mention in mentions:
        place = _resolve(mention, doc[mention.start : mention.end], context, gaz, owners)
        if place is not None:
            places.append(place)
    return places


@extractor("places", "1")
def extract_places(state: Extraction) -> None:
    """Fill ``state.places`` with the document's resolved place names."""
    state.places = find_places(state.doc)


def lookup_place(name: str) -> Place | None:
    """Resolve free text ("Iraq", "the West Bank", "Iraqi territory") without context."""
    gaz = gazetteer()
    text = name.strip()
    query = query_for(gaz, text, abbreviations=True)
    entry = choose(query, None, gaz)
    if entry is None:
        words = text.split()
        demonym = gaz.demonyms.get(name_key(words[0])) if words else None
        locative = len(words) == 1 or words[-1].lower() in rules()["locative_heads"]
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
