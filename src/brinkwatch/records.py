"""The extraction record of RECORD.md, defined once.

Every layer passes these types: the extractors build them, the store maps them to rows,
the CLI prints them, the JSON Schema in ``schema/record.schema.json`` is derived from them.
Offsets are Python string indices into the document text, ``[start, end)``.

Names are the contract: fields may be added, none renamed or removed.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "EVENT_TYPES",
    "REALIS",
    "Article",
    "Attribution",
    "Clause",
    "Commitment",
    "Cue",
    "Document",
    "Entity",
    "Event",
    "EventLike",
    "Place",
    "Source",
    "Span",
    "TextSpan",
    "Time",
    "record_json_schema",
]

Span = tuple[int, int]

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

Realis = Literal["actual", "planned", "hypothetical", "conditional", "negated"]
REALIS: tuple[str, ...] = Realis.__args__  # type: ignore[attr-defined]

Status = Literal["pending", "triggered", "honoured", "breached", "withdrawn"]
Feature = Literal["country", "admin", "city", "region", "other"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_json(self) -> str:
        return self.model_dump_json()


class Entity(_Record):
    """A coded actor mention: ``{code: IRQ, sector: GOV, text: "the Iraqi prime minister"}``."""

    code: str | None = Field(None, description="ISO 3166-1 alpha-3, or an IGO code")
    sector: str | None = Field(None, description="GOV, MIL, REB, OPP, MED, CVL, BUS, IGO, ...")
    text: str
    span: Span
    name: str | None = Field(None, description="canonical name, e.g. 'Jake Sullivan'")
    office: str | None = Field(None, description="role at the event date")


class Place(_Record):
    text: str
    span: Span
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    lat: float | None = None
    lon: float | None = None
    feature: Feature = "other"


class Time(_Record):
    text: str
    span: Span
    type: TimeType
    value: str = Field(description="TIMEX3 value: 2024-11-03, 2024-W44, 2024-10, P1M, PAST_REF")


class Event(_Record):
    id: str
    event: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor: Entity | None = None
    recipient: Entity | None = None
    realis: Realis = "actual"
    date: str | None = Field(None, description="YYYY-MM-DD")
    date_end: str | None = None
    date_text: str | None = None
    event_text: str
    span: Span = Field(description="the trigger")
    sentence_span: Span
    location: Place | None = None
    attribution: str | None = Field(None, description="id of the Attribution carrying the claim")
    confidence: float = Field(ge=0.0, le=1.0)


class EventLike(_Record):
    event: str | None = None
    actor: Entity | None = None
    recipient: Entity | None = None


class Clause(_Record):
    text: str
    span: Span
    event: EventLike | None = None


class Commitment(_Record):
    """A red line: "if CONDITION then CONSEQUENCE", issued by someone to someone."""

    id: str
    issuer: Entity
    addressee: Entity | None = None
    polarity: Literal["threat", "promise"]
    condition: Clause
    consequence: Clause
    span: Span
    date: str | None = None
    attribution: str | None = None
    status: Status = "pending"


class Source(_Record):
    text: str
    span: Span
    code: str | None = None
    sector: str | None = None
    named: bool
    count: int | None = None


class Cue(_Record):
    text: str
    span: Span


class TextSpan(_Record):
    span: Span


class Attribution(_Record):
    id: str
    source: Source | None = None
    cue: Cue
    content: TextSpan
    outlet: str | None = None
    direct: bool = False
    kind: Literal["speech", "evidence", "stance", "cognition", "intent"] | None = Field(
        None,
        description="the cue's class: speech ('said'), evidence ('a report indicated'), "
        "stance ('condemned'), cognition ('believes'), intent ('plans to')",
    )


class Document(_Record):
    """One JSON line of ``brinkwatch extract``."""

    doc_id: str
    published: str | None = None
    text_sha256: str
    events: list[Event] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    extractors: dict[str, str] = Field(
        default_factory=dict, description="name -> version of each extractor that ran"
    )


class Article(BaseModel):
    """An input document as a reader delivers it, before any NLP."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    text: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = Field(None, description="file (and line) it came from, for messages")


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of one ``Document`` line, as shipped in ``schema/record.schema.json``."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://brinkwatch.dev/schema/record.schema.json"
    return schema


if __name__ == "__main__":  # pragma: no cover - used by `make schema`
    print(json.dumps(record_json_schema(), indent=2, sort_keys=True))
