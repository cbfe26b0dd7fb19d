"""Actor mentions: names, titles, demonyms and role nouns resolved to coded entities.

"the Iraqi prime minister" -> ``{code: IRQ, sector: GOV, office: Prime Minister, name: ...}``;
"two US officials" -> USA GOV; "Iran's Revolutionary Guard Corps" -> IRN MIL; "Hezbollah"
-> LBN REB. The knowledge is the actor dictionary (:mod:`.actors_dictionary`, YAML and
Phoenix files under ``data/actors/``). Mentions are found with one pass of dictionary
look-ups over the tokens and grouped (:mod:`.actor_hits`), coded here at the publication
date, and repeats and pronouns are linked to their antecedents (:mod:`.actor_coref`).

Codes: ISO 3166-1 alpha-3 for states and what belongs to them (ministries, armies, and
non-state groups rooted in one state: Hezbollah LBN, Houthis YEM, Hamas PSE); ``IGO`` for
international organisations (the organisation is in ``name``); ``IMG`` for transnational
armed groups (al-Qaeda, Islamic State). Sectors are CAMEO's: GOV, MIL, COP, SPY, JUD, LEG,
REB (named armed groups, rebels, insurgents), UAF (gunmen, militias, unidentified armed
forces), OPP, PTY, MED, CVL, BUS, LAB, EDU, REF, HLH, NGO, ELI (former officials), CRM, REL.

Cross-module helpers: :func:`actor_for_span` and :func:`resolve_text`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import Entity
from .actor_hits import MODIFIER_KINDS, Hit, find_hits, grammar, group_hits, is_proper
from .actors_dictionary import Actor, ActorDictionary, Token, actor_dictionary, tokenize
from .base import Extraction, extractor

__all__ = [
    "actor_for_span",
    "document_text",
    "extract_actors",
    "find_mentions",
    "is_ethnic_group",
    "only_modifies",
    "resolve_text",
]

_LAST_TEXT: list[tuple[Doc, str]] = []


def document_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token at each access, which
    made a per-call ``doc.text`` the largest cost of coding actors for events and sources."""
    if _LAST_TEXT and _LAST_TEXT[0][0] is doc:
        return _LAST_TEXT[0][1]
    text = doc.text
    _LAST_TEXT[:] = [(doc, text)]
    return text


@dataclass
class Coded:
    """The codes of one mention, before it becomes an Entity."""

    code: str | None = None
    sector: str | None = None
    name: str | None = None
    office: str | None = None
    person: bool = False

    def take(self, entity: Entity) -> None:
        self.code, self.sector = entity.code, entity.sector
        self.name, self.office = entity.name, entity.office


def qualifier(text: str, tokens: list[Token], group: list[Hit]) -> str | None:
    """ "former" ("former President X", "ousted President X": a title no longer held),
    "deputy" ("Deputy Secretary of State": a lesser post than the title), "ethnic" ("ethnic
    Albanians": a people, not a state's nationals), or None."""
    g = grammar()
    first = group[0].first
    words = [tokens[first - 1].text.lower()] if first > 0 else []
    words += text[tokens[first].start : tokens[group[-1].last - 1].end].lower().split()
    words = [w.strip("-") for w in words]
    if any(w in g.former for w in words):
        return "former"
    if any(w in g.subordinate for w in words):
        return "deputy"
    if any(w in g.ethnic for w in words):
        return "ethnic"
    return None


def _code_known_person(
    person: Hit,
    actor: Actor,
    head: Hit | None,
    place: Hit | None,
    when: dt.date | None,
    book: ActorDictionary,
    coded: Coded,
) -> None:
    """A person the dictionary knows, with the title and country written around the name."""
    title = head.term if head is not None and head.term is not None else None
    place_code = place.term.code if place is not None and place.term is not None else None
    role = actor.role_at(when)
    coded.name, coded.person = actor.name, True
    if title is not None and title.kind == "office":
        # "Prime Minister Ismail Haniyeh": the title says which role is meant, even when the
        # dictionary dates it elsewhere ("Defense Minister Yoav Gallant" in a later article).
        titled = book.role_titled(actor, title.office, when) or book.role_titled(
            actor, title.office, None
        )
        if titled is None and (place_code or title.code):
            # A title the dictionary does not know for this person ("Kenzo Oshima, the
            # United Nations Emergency Relief Coordinator"): the text says who they act for.
            coded.code = place_code or title.code
            coded.sector, coded.office = title.sector, title.office
            return
        role = titled or role
    if role is not None:
        coded.code, coded.sector, coded.office = role.code, role.sector, role.office
    if person.last - person.first == 1 and place_code is not None and place_code != coded.code:
        # "King Hassan of Morocco": a one-word name is weaker than the country given.
        coded.code, coded.name, coded.office = place_code, None, None
        coded.sector = title.sector if title is not None else None
    elif (
        head is not None
        and title is not None
        and title.kind == "noun"
        and head.first > person.first
    ):
        # "the Biden administration", "Putin's government": the person's institution.
        coded.sector, coded.name, coded.office = title.sector, None, None
        coded.person = False


def _acting_for(group: list[Hit], person: Hit, head: Hit | None, coded: Coded) -> None:
    """ "U.N. mediator Diego Cordovez", "NATO commander X": the organisation named before the
    person's role is whom they act for, whatever the dictionary says they did elsewhere."""
    if head is None or head.term is None or not (head.first < person.first):
        return
    for hit in group:
        if hit.first >= head.first or hit.kind != "actor" or hit.is_person or hit.term is None:
            continue
        actor = hit.term.actor
        role = actor.role_at(None) if actor is not None else None
        if role is not None and role.code is not None and role.code != coded.code:
            coded.code = role.code
            coded.sector = head.term.sector or role.sector
            coded.office = None
        return


def compose(
    group: list[Hit],
    when: dt.date | None,
    book: ActorDictionary,
    qualified: str | None = None,
) -> Coded:
    """The coded actor of one mention (a group of neighbouring hits)."""
    coded = Coded()
    people = [h for h in group if h.is_person]
    orgs = [h for h in group if h.kind == "actor" and not h.is_person]
    heads = [h for h in group if h.kind in ("noun", "office")]
    main_heads = [h for h in heads if not h.complement]
    head = (main_heads or heads)[-1] if heads else None
    places = [h for h in group if h.kind in MODIFIER_KINDS]
    before = [h for h in places if head is None or h.first < head.first]
    place = (before or places)[0] if places else None

    if people:
        person = people[-1]
        if person.antecedent is not None:
            coded.take(person.antecedent)
            coded.person = True
            return coded
        if person.term is not None and person.term.actor is not None:
            _code_known_person(person, person.term.actor, head, place, when, book, coded)
            _acting_for(group, person, head, coded)
            return coded
        # A name the dictionary does not know: the title and country around it code it.
        coded.name, coded.person = person.name, True
    if orgs:
        org = orgs[-1]
        actor = org.term.actor if org.term is not None else None
        role = actor.role_at(when) if actor is not None else None
        coded.name = coded.name or (actor.name if actor is not None else None)
        if role is not None:
            coded.code, coded.sector = role.code, role.sector
        if (
            head is not None
            and head.term is not None
            and head.first > org.first
            and (coded.sector is None or coded.code == "IGO")  # "UN peacekeepers": IGO MIL
        ):
            coded.sector = head.term.sector
        return coded
    if place is not None and place.term is not None:
        # "ethnic Albanians (in Serbia)": coded where they live, which the sentence tells
        coded.code = None if qualified == "ethnic" else place.term.code
    elif head is not None and head.term is not None and head.term.code is not None:
        coded.code = head.term.code  # "the NATO chief": an office of an organisation
    if head is not None and head.term is not None:
        coded.sector = head.term.sector
        if head.term.kind == "office":
            coded.office = head.term.office
            if qualified == "former":
                coded.sector, coded.office = "ELI", None
            elif qualified == "deputy":
                coded.office = None
            elif coded.code and when and not coded.name and head.term.office:
                held = book.holder(coded.code, head.term.office, when)
                if held is not None:
                    role, holder = held
                    coded.name, coded.office, coded.sector = holder.name, role.office, role.sector
                    coded.person = True
            coded.person = coded.person or coded.name is not None
    elif places:
        coded.sector = next((h.term.sector for h in places if h.term and h.term.sector), None)
    return coded


def only_modifies(text: str, start: int, end: int) -> bool:
    """ "anti-Syria", "pro-Iranian", "Russian-made": the name at ``[start, end)`` of ``text``
    says what something is for, against or from, not whose it is."""
    g = grammar()
    if start > 1 and text[start - 1] == "-":
        before = text[max(0, start - 12) : start - 1].split()
        if before and before[-1].lower() in g.not_prefixes:
            return True
    if end < len(text) and text[end] == "-":
        after = text[end + 1 : end + 14].split()
        return bool(after) and after[0].strip(".,;:").lower() in g.not_suffixes
    return False


def is_ethnic_group(entity: Entity) -> bool:
    """ "ethnic Albanians", "ethnic Turks": a people coded where it lives, not by its name."""
    words = entity.text.lower().split()
    return bool(words) and words[0] in grammar().ethnic


def add_title_names(text: str, tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """Capitalised words right after a title are a name: "Prime Minister Nikolai Tanaev"."""
    taken = {i for h in hits for i in range(h.first, h.last)}
    out: list[Hit] = []
    for k, hit in enumerate(hits):
        out.append(hit)
        if hit.kind != "office":
            continue
        j = hit.last
        limit = hits[k + 1].first if k + 1 < len(hits) else len(tokens)
        while j < limit and j - hit.last < 4 and is_proper(tokens[j]) and j not in taken:
            if text[tokens[j - 1].end : tokens[j].start] not in (" ", "-"):
                break
            j += 1
        if j > hit.last:
            name = text[tokens[hit.last].start : tokens[j - 1].end]
            out.append(Hit(hit.last, j, None, name=name))
    return out


def mention_entity(text: str, start: int, end: int, coded: Coded) -> Entity:
    return Entity(
        code=coded.code,
        sector=coded.sector,
        text=text[start:end],
        span=(start, end),
        name=coded.name,
        office=coded.office,
    )


def resolve_text(text: str, when: dt.date | None) -> Entity | None:
    """The coded actor of free text ("two US officials" -> USA GOV), or None.

    The Entity's text is ``text`` and its span ``(0, len(text))``. When the text holds
    several actors, the first mention that carries a code wins. Look-ups are cached: the
    same few phrases ("officials", "the government") recur in every document.
    """
    found = _resolve_cached(text, when)
    return found.model_copy() if found is not None else None


@functools.lru_cache(maxsize=4096)
def _resolve_cached(text: str, when: dt.date | None) -> Entity | None:
    book = actor_dictionary()
    tokens = tokenize(text)
    hits = add_title_names(text, tokens, find_hits(text, tokens, book))
    best: Coded | None = None
    for group in group_hits(text, tokens, hits):
        coded = compose(group, when, book, qualifier(text, tokens, group))
        if coded.code is not None:
            best = coded
            break
        if best is None and (coded.sector is not None or coded.name is not None):
            best = coded
    if best is None:
        return None
    return mention_entity(text, 0, len(text), best)


def find_mentions(
    text: str, when: dt.date | None, person_spans: list[tuple[int, int]] | None = None
) -> list[Entity]:
    """Coded mentions in ``text``, with repeats and pronouns linked to their antecedents.

    ``person_spans`` are the parser's PERSON entities; names among them that the dictionary
    does not know become person mentions coded by their title and country.
    """
    from .actor_coref import link_mentions

    book = actor_dictionary()
    tokens = tokenize(text)
    hits = find_hits(text, tokens, book)
    hits = _add_person_names(text, tokens, hits, person_spans or [])
    hits = add_title_names(text, tokens, hits)
    groups = group_hits(text, tokens, hits)
    return link_mentions(text, tokens, groups, when, book)


def _add_person_names(
    text: str, tokens: list[Token], hits: list[Hit], person_spans: list[tuple[int, int]]
) -> list[Hit]:
    if not person_spans:
        return hits
    starts = [t.start for t in tokens]
    taken: set[int] = set()
    for h in hits:
        taken.update(range(h.first, h.last))
    extra: list[Hit] = []
    for start, end in person_spans:
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        while first < last and first in taken:  # "Archbishop X Y": the title is a hit
            first += 1
        if first >= last or any(i in taken for i in range(first, last)):
            continue
        if not is_proper(tokens[first]):
            continue
        extra.append(Hit(first, last, None, name=text[tokens[first].start : end]))
    return sorted([*hits, *extra], key=lambda h: h.first)


@extractor("actors", "1")
def extract_actors(state: Extraction) -> None:
    """Fill ``state.mentions`` with every coded actor mention, in text order."""
    persons = [(e.start_char, e.end_char) for e in state.doc.ents if e.label_ == "PERSON"]
    state.mentions = find_mentions(document_text(state.doc), state.published, persons)


def actor_for_span(state: Extraction, start_char: int, end_char: int) -> Entity | None:
    """The coded actor for the text in ``[start_char, end_char)``.

    A mention inside the range (the first one with a code, else the first one) is returned
    with its own text and span; otherwise the text of the range is looked up in the
    dictionary and returned with the range as its span.
    """
    inside = [m for m in state.mentions if m.span[0] < end_char and m.span[1] > start_char]
    text = document_text(state.doc)[start_char:end_char]
    if len(inside) == 1 and (inside[0].span[0] < start_char or inside[0].span[1] > end_char):
        # Part of a longer mention ("Russian negotiators" in "U.S. and Russian
        # negotiators"): the part itself, when it says who on its own.
        part = resolve_text(text, state.published)
        if part is not None and part.code is not None and part.code != inside[0].code:
            return part.model_copy(update={"span": (start_char, end_char)})
    if inside:
        coded = [m for m in inside if m.code is not None]
        return (coded or inside)[0]
    found = resolve_text(text, state.published)
    if found is None:
        return None
    return found.model_copy(update={"span": (start_char, end_char)})
