"""Who did it and to whom: the participants of an event, read off spaCy's dependency parse.

Subjects follow control and coordination ("urged X to halt": X halts; "met and agreed": one
subject), passives use their agent ("was attacked by militiamen"), relative pronouns their
noun. Noun phrases become coded :class:`~brinkwatch.records.Entity` values through the actor
mentions of ``actors.py`` (``state.mentions`` and ``actor_for_span``): the mention that holds a
phrase's head, else the one nearest to it inside the phrase.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from ..records import Entity
from .actors import actor_for_span, document_text, only_modifies, resolve_text
from .base import Extraction
from .event_lexicon import grammar, lemma, lemma_text

__all__ = [
    "MentionIndex",
    "controller",
    "coordinated_antecedent",
    "entity_for_token",
    "entity_in_phrase",
    "is_passive",
    "mentions_of",
    "misparsed_subject",
    "passive_participle",
    "phrase_span",
    "pronoun_antecedent",
    "subjects",
]

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
CLAUSE_EDGES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "cc"})


class MentionIndex:
    """The actor mentions of one document, by character offset."""

    def __init__(self, state: Extraction) -> None:
        self.state = state
        self.text = document_text(state.doc)
        self.mentions = sorted(state.mentions, key=lambda m: (m.span[0], -m.span[1]))
        self.starts = [m.span[0] for m in self.mentions]
        self.cache: dict[tuple[int, int], Entity | None] = {}
        self.sentences = list(state.doc.sents)  # Doc.sents builds its spans anew each time
        # every token's part of speech (V, N, A or None), lemma and lower-case form, read off
        # the document's arrays: a spaCy Token object per word costs more than the look-up
        doc = state.doc
        strings = doc.vocab.strings
        rows = doc.to_array([POS, LEMMA, LOWER]).tolist() if len(doc) else []
        letters = {VERB: "V", AUX: "V", NOUN: "N", PROPN: "N", ADJ: "A"}
        self.pos_letters: list[str | None] = [letters.get(row[0]) for row in rows]
        self.lemma_ids: list[int] = [row[1] for row in rows]
        self.lower_ids: list[int] = [row[2] for row in rows]
        self.strings = strings
        self.lemmas: dict[int, str] = {}
        self.sentence_starts = [sent.start for sent in self.sentences]
        # places that say whose something is ("anti-Syria journalist" is no Syrian's)
        self.places = [
            p for p in state.places if not only_modifies(self.text, p.span[0], p.span[1])
        ]

    def lemma(self, i: int) -> str:
        """:func:`~.event_lexicon.lemma` of token ``i``, without making the token."""
        found = self.lemmas.get(i)
        if found is None:
            found = self.lemmas[i] = lemma_text(self.strings[self.lemma_ids[i]])
        return found

    def lower(self, i: int) -> str:
        return str(self.strings[self.lower_ids[i]])

    def sentence_start(self, token: Token) -> int:
        """Index of the first token of ``token``'s sentence (``token.sent`` is slow)."""
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, token.i) - 1]

    def covering(self, char: int) -> Entity | None:
        """The longest mention that contains character ``char``."""
        i = bisect.bisect_right(self.starts, char)
        best: Entity | None = None
        for m in self.mentions[max(0, i - 8) : i]:
            if m.span[0] <= char < m.span[1] and (
                best is None or m.span[1] - m.span[0] > best.span[1] - best.span[0]
            ):
                best = m
        return best

    def inside(self, start: int, end: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        for m in self.mentions[i:]:
            if m.span[0] >= end:
                break
            if m.span[1] <= end:
                out.append(m)
        return out

    def resolve(self, start: int, end: int) -> Entity | None:
        """``actor_for_span`` on ``[start, end)``, cached.

        Where no mention overlaps the range that is a dictionary look-up of its text, done
        here with ``resolve_text`` on the document text read once (``Doc.text`` is rebuilt
        from the tokens at every access).
        """
        key = (start, end)
        if key not in self.cache:
            i = bisect.bisect_left(self.starts, end)
            overlaps = any(m.span[1] > start for m in self.mentions[max(0, i - 8) : i])
            if only_modifies(self.text, start, end):  # "anti-Syria", "Russian-made"
                self.cache[key] = None
            elif overlaps:
                self.cache[key] = actor_for_span(self.state, start, end)
            else:
                found = resolve_text(self.text[start:end], self.state.published)
                self.cache[key] = (
                    found.model_copy(update={"span": (start, end)}) if found is not None else None
                )
        return self.cache[key]


_INDEX: dict[int, MentionIndex] = {}


def mentions_of(state: Extraction) -> MentionIndex:
    """The mention index of ``state`` (built once per document)."""
    index = _INDEX.get(id(state))
    if index is None or index.state is not state:
        _INDEX.clear()
        index = _INDEX[id(state)] = MentionIndex(state)
    return index


# ----------------------------------------------------------------------------- phrases


def phrase_span(token: Token, *, extended: bool = False) -> tuple[int, int]:
    """Token range ``[lo, hi]`` of the noun phrase headed by ``token``.

    The core phrase is the head and its left dependents ("the Iraqi prime minister"); the
    extended phrase adds prepositional and appositive dependents but never a clause.
    """
    lo = token.i
    for child in token.lefts:
        if child.dep_ in ("punct", "cc", "preconj", "case", "advmod"):
            continue
        lo = min(lo, child.left_edge.i)
    hi = token.i
    if extended:
        for child in token.rights:
            if child.dep_ == "punct":
                continue
            if child.dep_ in CLAUSE_EDGES:
                break
            hi = max(hi, child.right_edge.i)
    else:
        # keep a closing possessive or a name split by the tokenizer ("al - Sudani")
        for child in token.rights:
            if child.dep_ in ("compound", "flat", "case") and child.i == hi + 1:
                hi = child.i
    return lo, hi


def _chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


THIRD_PERSON = frozenset({"it", "its", "they", "their", "them", "itself", "themselves"})
PERSONAL = frozenset(
    {"he", "she", "his", "her", "him", "i", "we", "you", "our", "my", "your", "us"}
)
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
OWNER_PRONOUNS = POSSESSIVES | {"itself", "themselves", "himself", "herself"}


def _direct_entity(state: Extraction, token: Token) -> Entity | None:
    """The mention at ``token`` (or inside its core phrase), as ``actor_for_span`` codes it."""
    index = mentions_of(state)
    doc = token.doc
    held = index.covering(token.idx)
    if held is not None:
        return held
    lo, hi = phrase_span(token)
    start, end = _chars(doc, lo, hi)
    inner = [m for m in index.inside(start, end) if m.text.lower() not in POSSESSIVES]
    if inner:  # "his commitment" is not "his"
        return inner[-1]
    if token.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    for child in token.lefts:  # look "his commitment" up as "commitment"
        if child.dep_ == "poss" and child.lower_ in POSSESSIVES:
            start = child.right_edge.idx + len(child.right_edge.text) + 1
    found = index.resolve(start, end)
    if found is None and lo < token.i:  # "Shona rebels": at least "rebels"
        found = index.resolve(token.idx, token.idx + len(token.text))
    return found


def entity_for_token(
    state: Extraction, token: Token, depth: int = 0, *, avoid: str | None = None
) -> Entity | None:
    """The coded actor that the phrase headed by ``token`` names, if any.

    An actor the dictionary knows only by sector ("troops", "doctors") takes its country from
    its possessor ("its troops": the pronoun's antecedent), else from a coded mention or a place
    in its phrase ("doctors from two American aid groups" -> USA). A pronoun is never resolved
    to the code ``avoid`` (the actor, when looking for whom it acted upon: "Israel attacked
    its consulate" is not Israel's).
    """
    found = _direct_entity(state, token)
    if depth <= 2 and found is not None:
        found = _by_role_or_residence(state, token, found)
        found = _owned(state, token, found, depth, avoid)
    if depth > 2 or (found is not None and found.code is not None):
        return found
    if token.lower_ in THIRD_PERSON:
        antecedent = pronoun_antecedent(state, token, depth, avoid=avoid)
        if antecedent is not None:
            return antecedent.model_copy(
                update={"text": token.text, "span": (token.idx, token.idx + len(token.text))}
            )
        return found
    donor = _code_donor(state, token, found, depth, avoid)
    if donor is None:
        return found
    if found is None:
        if donor.text.lower() in OWNER_PRONOUNS:  # "its positions": the owner's, as written
            lo, hi = phrase_span(token)
            start, end = _chars(token.doc, lo, hi)
            text = token.doc[lo : hi + 1].text
            return donor.model_copy(
                update={"text": text, "span": (start, end), "name": None, "office": None}
            )
        return donor
    return found.model_copy(update={"code": donor.code})


def _owned(state: Extraction, token: Token, found: Entity, depth: int, avoid: str | None) -> Entity:
    """ "its consulate in Damascus", "Russia's forces in Syria": the possessor owns what the
    phrase names, whatever place follows the head noun (a code written before the head,
    "Israel's Palestinian prisoners", is left alone)."""
    if found.code is None or found.span[0] < token.idx:
        return found
    for child in token.children:
        if child.dep_ == "poss":
            owner = entity_for_token(state, child, depth + 1, avoid=avoid)
            if owner is None or owner.code is None or owner.code == avoid:
                continue
            if owner.code != found.code:
                return found.model_copy(update={"code": owner.code})
    return found


GROUP_SECTORS = frozenset({"CVL", "REB", "OPP", "REF", "LAB", "EDU"})


def _by_role_or_residence(state: Extraction, token: Token, found: Entity) -> Entity:
    """Two PLOVER conventions the dictionary cannot see in a name alone.

    A person described as an official of an international organisation acts for it ("Kenzo
    Oshima, the United Nations Emergency Relief Coordinator" -> IGO, not JPN), and one the
    dictionary cannot place by the role given ("Jan Novak, the Czech ambassador" -> CZE GOV); a
    people placed by its own phrase is coded where it lives ("the Albanians of southern Serbia"
    -> SRB), a group named by its country is not ("Cambodian refugees in Thailand" -> KHM).
    """
    for child in token.children:
        if child.dep_ == "appos":
            role = _direct_entity(state, child)
            if role is None or role.code is None:
                continue
            if (role.code == "IGO" and found.code != "IGO") or found.code is None:
                return found.model_copy(update={"code": role.code, "sector": role.sector})
    if found.sector not in GROUP_SECTORS or found.name is not None:
        return found
    if found.code is not None and not (found.sector == "CVL" and len(found.text.split()) == 1):
        return found
    preps = [c for c in token.children if c.dep_ == "prep"]
    for clause in token.children:  # "guerrillas operating in Macedonia", "Kurds living in"
        if clause.dep_ == "acl" and clause.tag_ in ("VBG", "VBN"):
            preps += [c for c in clause.children if c.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ not in ("of", "in"):
            continue
        for obj in prep.children:
            lo, hi = phrase_span(obj)
            start, end = _chars(token.doc, lo, hi)
            for place in mentions_of(state).places:
                inside = start <= place.span[0] and place.span[1] <= end
                if inside and place.country and place.country != found.code:
                    return found.model_copy(update={"code": place.country})
    return found


def _code_donor(
    state: Extraction, token: Token, found: Entity | None, depth: int, avoid: str | None
) -> Entity | None:
    for child in token.children:
        if child.dep_ == "poss":
            owner = entity_for_token(state, child, depth + 1, avoid=avoid)
            if owner is not None and owner.code is not None and owner.code != avoid:
                return owner
    if found is None:  # "one third of the guerrillas", "members of the movement": the group
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        group = entity_for_token(state, obj, depth + 1, avoid=avoid)
                        if group is not None and (group.code or group.sector):
                            return group
    lo, hi = phrase_span(token, extended=True)
    doc = token.doc
    start, end = _chars(doc, lo, hi)
    index = mentions_of(state)
    own = found.span if found is not None else None
    coded = [
        m
        for m in index.inside(start, end)
        if m.code is not None
        and m.span != own
        and m.text.lower() not in OWNER_PRONOUNS  # "his commitment to X" is about X
    ]
    if coded:
        return min(coded, key=lambda m: abs(m.span[0] - token.idx))
    for place in index.places:
        if start <= place.span[0] and place.span[1] <= end and place.country:
            return Entity(code=place.country, text=place.text, span=place.span)
    return None


def pronoun_antecedent(
    state: Extraction, pronoun: Token, depth: int = 0, *, avoid: str | None = None
) -> Entity | None:
    """The coded subject a third-person pronoun refers back to ("Syria says it will ...").

    The nearest earlier subject of a governing clause, else the last coded mention earlier in
    the sentence, else the subject of the previous sentence's main clause.
    """
    uncoded: Entity | None = None
    for child in _earlier_governing_subjects(pronoun):
        found = entity_for_token(state, child, depth + 1)
        if found is not None and found.code is not None:
            if found.code != avoid:
                return found
            continue
        uncoded = uncoded or found
    if uncoded is not None:  # "Islamic fundamentalists continued their hunger strike"
        return uncoded
    index = mentions_of(state)
    sent_start = index.sentence_start(pronoun)
    for m in reversed(index.inside(pronoun.doc[sent_start].idx, pronoun.idx)):
        if m.code is not None and m.name is None and m.code != avoid:
            return m
    if sent_start > 0:
        previous_root = pronoun.doc[index.sentence_start(pronoun.doc[sent_start - 1])]
        while previous_root.head.i != previous_root.i:
            previous_root = previous_root.head
        for child in previous_root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in THIRD_PERSON:
                found = entity_for_token(state, child, depth + 1)
                if (
                    found is not None
                    and found.code is not None
                    and found.name is None
                    and found.code != avoid
                ):
                    return found
    return None


def coordinated_antecedent(pronoun: Token) -> list[Token]:
    """The coordinated subject a plural pronoun refers back to ("Hamas and Fatah said they
    ..."): the nearest earlier subject of a governing clause, with its conjuncts."""
    for child in _earlier_governing_subjects(pronoun):
        return _with_conjuncts(child)
    return []


def _earlier_governing_subjects(pronoun: Token) -> Iterator[Token]:
    """Subjects (not pronouns) before ``pronoun`` of the clauses that govern it, nearest
    clause first, up to eight heads up."""
    node = pronoun
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass")
                    and child.i < pronoun.i
                    and child.lower_ not in THIRD_PERSON | PERSONAL
                ):
                    yield child
        node = head


def entity_in_phrase(
    state: Extraction,
    token: Token,
    *,
    skip: tuple[int, int] | None = None,
    avoid: str | None = None,
) -> Entity | None:
    """The coded actor nearest to the head inside the extended phrase of ``token``.

    Used for non-actor objects: "rejected an Indian proposal" -> IND, "demanded the withdrawal
    of Serbian forces" -> SRB. ``skip`` is a character range (the actor) not to return.
    """
    direct = entity_for_token(state, token, avoid=avoid)
    owner_pronoun = direct is not None and direct.text.lower() in OWNER_PRONOUNS
    if (
        direct is not None
        and direct.code is not None
        and not _overlaps(direct.span, skip)
        and not owner_pronoun  # "his commitment to the people": look inside first
    ):
        return direct
    best: tuple[int, int, Entity] | None = None
    uncoded: tuple[int, int, Entity] | None = None  # "members of the separatist movement"
    for depth, sub in _descendants(token, max_depth=6):
        if sub.pos_ not in ("PROPN", "NOUN", "PRON", "ADJ") or sub.i == token.i:
            continue
        if sub.dep_ == "poss" and sub.pos_ == "PRON":  # "its borders" is not about "its"
            continue
        found = entity_for_token(state, sub, avoid=avoid)
        if found is None or _overlaps(found.span, skip):
            continue
        key = (depth, sub.i)
        if found.code is not None and (best is None or key < best[:2]):
            best = (depth, sub.i, found)
        elif found.code is None and found.sector and (uncoded is None or key < uncoded[:2]):
            uncoded = (depth, sub.i, found)
    if best is not None:
        return best[2]
    if direct is not None and not _overlaps(direct.span, skip):
        return direct
    return _owner(state, token, skip, avoid) or (uncoded[2] if uncoded else None)


def _owner(
    state: Extraction, token: Token, skip: tuple[int, int] | None, avoid: str | None
) -> Entity | None:
    """Whose a thing is, from a participle describing it: "facilities supplying Ukraine's
    army", "bridges used by Russian forces", "positions belonging to the rebels"."""
    owners = grammar()["owner_participles"]
    for child in token.children:
        if child.dep_ != "acl" or child.tag_ not in ("VBG", "VBN") or lemma(child) not in owners:
            continue
        if child.tag_ == "VBN":
            parties = _agent(child)
        else:
            parties = [c for c in child.children if c.dep_ in ("dobj", "obj")]
            parties += [
                o
                for p in child.children
                if p.dep_ == "prep" and p.lower_ in ("to", "for")
                for o in p.children
                if o.dep_ == "pobj"
            ]
        for party in parties:
            found = entity_in_phrase(state, party, skip=skip, avoid=avoid)
            if found is not None and found.code is not None:
                return found
    return None


def _descendants(token: Token, max_depth: int) -> Iterator[tuple[int, Token]]:
    stack = [(0, token)]
    while stack:
        depth, t = stack.pop()
        yield depth, t
        if depth >= max_depth:
            continue
        for child in t.children:
            if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "det"):
                continue
            stack.append((depth + 1, child))


def _overlaps(span: tuple[int, int], other: tuple[int, int] | None) -> bool:
    return other is not None and span[0] < other[1] and other[0] < span[1]


# ----------------------------------------------------------------------------- subjects


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children) or (
        _reduced_passive(verb)
    )


def _reduced_passive(verb: Token) -> bool:
    """A headline's passive without "was": "Three soldiers killed in attack near Kabul"."""
    if verb.tag_ != "VBN" or verb.dep_ != "ROOT":
        return False
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and not deps & {"aux", "dobj", "dative", "ccomp", "xcomp"}


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if c.i > token.i and c.pos_ != "VERB")]


def _agent(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _with_conjuncts(obj)
    return []


def controller(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens that do what ``verb`` says when it has no subject of its own."""
    head = verb.head
    if head.i == verb.i or depth > 6:
        return []
    dep = verb.dep_
    words = grammar()
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        if is_passive(head) and not is_passive(verb):  # "was indicted ... and will resign"
            return patients(head)
        return subjects(head, depth + 1)
    if (
        dep in ("xcomp", "ccomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ) or dep == "xcomp":
        if head.pos_ == "ADJ" or head.dep_ == "acomp":  # "ready to", "able to"
            return subjects(head.head if head.dep_ == "acomp" else head, depth + 1)
        if head.pos_ == "NOUN":  # "a decision to", "warnings to Iran to refrain"
            return _noun_controller(head, depth)
        if lemma(head) in words["object_control"]:
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return _with_conjuncts(objects[0])
            on = _prep_object(head, ("on", "upon"))
            if on is not None:
                return _with_conjuncts(on)
        return subjects(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":  # "stop Israel from striking Iraq"
        governor = head.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if objects:
            return _with_conjuncts(objects[0])
        return subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
    if dep in ("advcl", "acl") and verb.tag_ == "VBG":
        if head.pos_ in ("VERB", "AUX"):
            return subjects(head, depth + 1)
        if head.pos_ in ("NOUN", "PROPN"):
            if lemma(head) in words["authored_nouns"]:  # "issued a declaration demanding ..."
                return _noun_controller(head, depth)
            return [head]  # "hit depots supplying the army": the depots supply
    if dep == "relcl":
        return [head]
    return []


def _noun_controller(noun: Token, depth: int) -> list[Token]:
    """Who acts on a noun's clausal complement: its light verb's subject."""
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return subjects(noun.head, depth + 1)
    return []


def _prep_object(verb: Token, preps: tuple[str, ...]) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def misparsed_subject(verb: Token) -> Token | None:
    """The subject of a predicate the parser hung under a noun root ("An official newspaper
    called on Arabs to unite", "Doctors from two aid groups donated and delivered goods": the
    verb as a participle of the root noun). Only a participle that takes an object or a
    clause counts, so "Three soldiers killed in an attack" stays a passive."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return None
    root = verb.head
    while root.head.i != root.i:
        if root.dep_ not in ("pobj", "prep", "conj", "compound", "appos"):
            return None
        root = root.head
    if root.pos_ not in ("NOUN", "PROPN") or is_passive(verb):
        return None
    takes = ("dobj", "dative", "oprd", "ccomp", "xcomp", "advcl")
    if any(c.dep_ in takes for c in verb.children) or any(
        c.dep_ == "conj" and c.pos_ == "VERB" and any(g.dep_ == "dobj" for g in c.children)
        for c in verb.children
    ):
        return root
    return None


def passive_participle(verb: Token) -> bool:
    """ "the village destroyed by the army": a participle whose noun is the one acted upon."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and misparsed_subject(verb) is None


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens of the doer of ``verb``: its subject (or passive agent), else its controller."""
    misparsed = misparsed_subject(verb)
    if misparsed is not None:
        return _with_conjuncts(misparsed)
    if is_passive(verb):
        agent = _agent(verb)
        if agent or _reduced_passive(verb):
            return agent
        if verb.dep_ in ("xcomp", "conj") and depth < 6:
            return []
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in grammar()["relative_pronouns"] and verb.dep_ == "relcl":
                return [verb.head]
            return _with_conjuncts(child)
    if passive_participle(verb):  # "the village destroyed by the army"
        return _agent(verb)
    return controller(verb, depth)


def patients(verb: Token) -> list[Token]:
    """The passive subject of ``verb`` ("X was attacked"): the one it happened to."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and _reduced_passive(verb)):
            return _with_conjuncts(child)
    if passive_participle(verb):
        return [verb.head]
    if verb.dep_ == "conj" and verb.head.i != verb.i and is_passive(verb.head):
        return patients(verb.head)
    return []
