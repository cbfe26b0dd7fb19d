"""Events that are statements about other events: intents, future announcements, demands.

PLOVER codes what an actor *says it will do* as a verbal event of its own:

- intent words ("vowed to", "plans to", "is ready/willing/prepared to"): a cooperative
  complement makes AGREE, a conflictual one THREATEN ("threatened to cut off electricity" is
  already THREATEN by its verb); "is willing to withdraw" -> AGREE, "prepared to impose
  martial law" -> THREATEN. The complement event itself is kept as planned.
- future announcements: "Syria says it will withdraw" (the speaker announces its own future
  act) -> AGREE; "... said they would boycott" -> THREATEN; "says it will not accept" ->
  REJECT. A cooperative act reported in the future tense without a speaker ("Turkey will allow
  refugees to return") is AGREE too, as the PLOVER manual says.
- demands in reported speech: "X said Y must do Z" -> REQUEST X -> Y, whether or not Z is an
  event type of its own.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Entity
from .event_args import subjects
from .event_lexicon import lemma
from .event_parties import VERBAL, Draft, SentenceCoder, confidence
from .realis import is_negated, realis_for

__all__ = ["code_statements"]

OBLIGATION = frozenset({"must", "should", "ought"})


def code_statements(coder: SentenceCoder) -> None:
    used: set[int] = set()
    _intents(coder, used)
    _future_statements(coder, used)
    _demands(coder)
    _readiness(coder)


def _readiness(coder: SentenceCoder) -> None:
    """ "The army prepared to resume shelling", "Israel braced for an attack" -> MOBILIZE.

    Getting ready for violence is a show of readiness by the one who prepares; the attack
    itself stays planned. Its recipient is the attack's author when someone else will attack
    ("prepared for an Iranian attack"), else the attack's target.
    """
    readiness = coder.words["readiness_verbs"]
    for i, word in coder.verb_lemmas.items():
        if word not in readiness:
            continue
        token = coder.sent.doc[i]
        inside = {t.i for c in token.children if c.dep_ in ("xcomp", "prep") for t in c.subtree}
        attacks = [
            d
            for d in coder.drafts
            if d.token.i in inside and d.event == "ASSAULT" and d.origin != "statement"
        ]
        if not attacks:
            continue
        preparers = coder.entities(_speaker_subjects(token))
        preparer = preparers[0] if preparers else None
        attack = attacks[0]
        target = attack.recipient
        if attack.actor is not None and preparer is not None and attack.actor.code != preparer.code:
            target = attack.actor
        _add(coder, token, "MOBILIZE", preparer, target, None, realis_for(token, coder.governors))


def _statement_type(coder: SentenceCoder, inner: Draft) -> str | None:
    words = coder.words
    negated = inner.realis == "negated" or is_negated(inner.token)
    if inner.event == "AGREE" and negated:  # "will not accept": a refusal
        return "REJECT"
    if inner.event in ("THREATEN", "REQUEST", "AGREE"):
        return None
    if inner.event in words["cooperative"]:
        return "REJECT" if negated else "AGREE"
    if inner.event in words["conflictual"] and not negated:
        return "THREATEN"
    return None


def _add(
    coder: SentenceCoder,
    token: Token,
    event: str,
    actor: Entity | None,
    recipient: Entity | None,
    inner: Draft | None,
    realis: str = "actual",
) -> None:
    if actor is None and recipient is None:
        return
    mode = coder.words.threat_modes.get(inner.event) if inner and event == "THREATEN" else None
    lo, hi = sorted((token.i, inner.token.i)) if inner else (token.i, token.i)
    if hi - lo > 3:
        lo = hi = token.i
    doc = token.doc
    coder.drafts.append(
        Draft(
            event=event,
            token=token,
            span=(doc[lo].idx, doc[hi].idx + len(doc[hi].text)),
            actor=actor,
            recipient=recipient,
            realis=realis,
            mode=mode,
            context=list(inner.context) if inner else [],
            confidence=confidence("statement", None, actor, recipient),
            origin="statement",
            anchor=inner.token if inner else None,
        )
    )


def _speaker_subjects(token: Token) -> list[Token]:
    if token.pos_ == "ADJ" and token.dep_ == "acomp":
        return subjects(token.head)
    return subjects(token)


def _inner_drafts(coder: SentenceCoder, comp: Token) -> list[Draft]:
    inside = {t.i for t in comp.subtree}
    found = [d for d in coder.drafts if d.token.i in inside and d.origin != "statement"]
    if not found:
        return []
    nearest = min(found, key=lambda d: (d.token.i != comp.i, abs(d.token.i - comp.i)))
    return [d for d in found if d.token.i == nearest.token.i]


def _intents(coder: SentenceCoder, used: set[int]) -> None:
    for match in coder.matches:
        rule, token = match.rule, match.token
        if not rule.has("intent"):
            continue
        comp = next((c for c in token.children if c.dep_ in ("xcomp", "ccomp")), None)
        if comp is None:  # "have sworn to fight until ...": the infinitive parsed as advcl
            comp = next((c for c in token.children if _infinitive(c)), None)
        speakers = coder.entities(_speaker_subjects(token))
        speaker = speakers[0] if speakers else None
        inner = _inner_drafts(coder, comp) if comp is not None else []
        realis = realis_for(token, coder.governors)
        if inner:
            for draft in inner:
                used.add(id(draft))
                event = _statement_type(coder, draft)
                if event is None:
                    continue
                recipient = draft.recipient
                if (
                    recipient is None
                    and draft.actor is not None
                    and speaker is not None
                    and draft.actor.code != speaker.code
                ):
                    recipient = draft.actor
                _add(coder, token, event, speaker or draft.actor, recipient, draft, realis)
        elif rule.event is not None and speaker is not None:
            recipients = coder.verb_recipients(token, rule, rule.event, speaker)
            _add(
                coder,
                token,
                rule.event,
                speaker,
                recipients[0] if recipients else None,
                None,
                realis,
            )


def _infinitive(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in clause.children
    )


def _modal(draft: Draft, coder: SentenceCoder) -> Token | None:
    token = draft.token
    if token.pos_ not in VERBAL:
        light = coder.light_verb(token)
        if light is None:
            return None
        token = light
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in (
            coder.words["planned_modals"] | {"would", "'d"}
        ):
            return child
    return None


def _speech_head(token: Token, coder: SentenceCoder) -> Token | None:
    """The speech verb whose reported content holds ``token`` ("X said it will ...")."""
    node = token
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in VERBAL and lemma(head) in coder.words["speech_verbs"]:
            return head if node.dep_ in ("ccomp", "parataxis", "conj") else None
        if node.dep_ in ("advcl", "relcl", "acl"):
            return None
        node = head
    # "X will do Y, the minister said": the speech verb hangs from the content
    return None


def _future_statements(coder: SentenceCoder, used: set[int]) -> None:
    for draft in list(coder.drafts):
        if id(draft) in used or draft.origin == "statement" or draft.actor is None:
            continue
        modal = _modal(draft, coder)
        if modal is None:
            continue
        event = _statement_type(coder, draft)
        if event is None:
            continue
        clause = draft.token if draft.token.pos_ in VERBAL else modal.head
        speech = _speech_head(clause, coder) or _parenthetical_speech(clause, coder)
        if speech is not None:
            speakers = coder.entities(subjects(speech))
            if not speakers or speakers[0].code is None or speakers[0].code != draft.actor.code:
                continue
        elif not (modal.lower_ in coder.words["planned_modals"] and event == "AGREE"):
            continue
        used.add(id(draft))
        _add(coder, modal, event, draft.actor, draft.recipient, draft)


def _parenthetical_speech(clause: Token, coder: SentenceCoder) -> Token | None:
    """ "Israel will evacuate ..., said a spokesman": the speech verb depends on the content."""
    root = clause
    while root.dep_ in ("conj",) and root.head.i != root.i:
        root = root.head
    for child in root.children:
        if (
            child.dep_ in ("parataxis", "ccomp", "advcl")
            and lemma(child) in coder.words["speech_verbs"]
            and child.i > clause.i
        ):
            return child
    if root.dep_ == "ccomp" and lemma(root.head) in coder.words["speech_verbs"]:
        return root.head
    return None


def _obligation(clause: Token) -> bool:
    for child in clause.children:
        if child.dep_ == "aux" and child.lower_ in OBLIGATION:
            return True
    return bool(
        lemma(clause) in ("have", "need")
        and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in clause.children
        )
    )


def _demands(coder: SentenceCoder) -> None:
    """ "X said/declared/reiterated that Y must Z" -> REQUEST X -> Y."""
    speech = coder.words["speech_verbs"]
    for i, word in coder.verb_lemmas.items():
        token = coder.sent.doc[i]
        if word not in speech or token.pos_ not in VERBAL:
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if token.dep_ in ("parataxis",) and token.head.pos_ in VERBAL:
            clauses.append(token.head)
        for clause in clauses:
            if not _obligation(clause) or coder.governors.get(clause.i, frozenset()) & {"request"}:
                continue
            speakers = coder.entities(subjects(token))
            targets = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            recipients = coder.first_entity(targets, speakers[0] if speakers else None)
            speaker_options: list[Entity | None] = [*speakers] or [None]
            recipient_options: list[Entity | None] = [*recipients] or [None]
            for speaker in speaker_options:
                for recipient in recipient_options:
                    _add(
                        coder,
                        clause,
                        "REQUEST",
                        speaker,
                        recipient,
                        None,
                        "negated" if is_negated(token) else "actual",
                    )
