"""Event clusters across articles, on real SQLite files with hand-built records."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.records import (
    Article,
    Attribution,
    Cue,
    Document,
    Entity,
    Event,
    Place,
    Source,
    TextSpan,
)
from brinkwatch.resolve import recluster, update_after_ingest, update_clusters
from brinkwatch.resolve.clusters import cluster_rows, clusters
from brinkwatch.store import EventFilter, SqliteStore

PLACES = {"Kyiv": "UKR", "Kharkiv": "UKR", "Minsk": "BLR"}


def ent(code: str | None, sector: str | None = None) -> Entity:
    return Entity(code=code, sector=sector, text=code or "someone", span=(0, 1))


def report(
    n: int,
    actor: str | None,
    recipient: str | None,
    date: str | None,
    *,
    kind: str = "ASSAULT",
    realis: str = "actual",
    date_end: str | None = None,
    place: str | None = None,
    sector: str | None = None,
    attribution: str | None = None,
) -> Event:
    return Event(
        id=f"e{n}",
        event=kind,  # type: ignore[arg-type]
        actor=ent(actor, sector) if actor or sector else None,
        recipient=ent(recipient) if recipient else None,
        realis=realis,  # type: ignore[arg-type]
        date=date,
        date_end=date_end,
        event_text="struck",
        span=(0, 6),
        sentence_span=(0, 20),
        location=Place(text=place, span=(0, 1), name=place, country=PLACES[place])
        if place
        else None,
        attribution=attribution,
        confidence=0.9,
    )


def told(
    n: int, source: str, code: str | None, *, outlet: str | None = None, named: bool = False
) -> Attribution:
    return Attribution(
        id=f"a{n}",
        source=Source(text=source, span=(0, 1), code=code, named=named),
        cue=Cue(text="told" if outlet else "said", span=(2, 3)),
        content=TextSpan(span=(0, 20)),
        outlet=outlet,
    )


def add(
    store: SqliteStore,
    doc_id: str,
    published: str | None,
    outlet: str | None,
    events: list[Event],
    attributions: list[Attribution] = (),  # type: ignore[assignment]
    text: str | None = None,
) -> None:
    """Store one article whose record holds ``events``; ids are prefixed with ``doc_id``."""
    body = text or f"Article {doc_id}: something happened somewhere, officials said."
    prefix = f"{doc_id}:"
    atts = [a.model_copy(update={"id": prefix + a.id}) for a in attributions]
    evs = [
        e.model_copy(
            update={"id": prefix + e.id, "attribution": prefix + e.attribution}
            if e.attribution
            else {"id": prefix + e.id}
        )
        for e in events
    ]
    record = Document(
        doc_id=doc_id,
        published=published,
        text_sha256=hashlib.sha256(body.encode()).hexdigest(),
        events=evs,
        attributions=atts,
    )
    article = Article(doc_id=doc_id, text=body, published=published, outlet=outlet)
    assert store.add_document(article, record)


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    with SqliteStore(tmp_path / "clusters.db") as opened:
        yield opened  # type: ignore[misc]


def one_strike_three_outlets(store: SqliteStore) -> None:
    # "Russian missiles struck Kyiv's power grid overnight, Ukraine's air force said"
    add(store, "reuters-1", "2024-11-14", "Reuters",
        [report(1, "RUS", "UKR", "2024-11-14", place="Kyiv", sector="MIL", attribution="a1")],
        [told(1, "Ukraine's air force", "UKR", named=True)])  # fmt: skip
    # "Moscow launched a wave of drones and cruise missiles at Ukrainian energy sites on
    # Thursday" (dated the night before by this outlet)
    add(store, "ap-1", "2024-11-15", "AP", [report(1, "RUS", "UKR", "2024-11-13")])
    # "Russia's defence ministry said it had hit energy facilities supplying Ukraine's
    # military" (no place, the actor's sector differs)
    add(store, "aljazeera-1", "2024-11-15", "Al Jazeera",
        [report(1, "RUS", "UKR", "2024-11-14", sector="GOV", attribution="a1")],
        [told(1, "Russia's defence ministry", "RUS", named=True)])  # fmt: skip


def test_three_outlets_reporting_one_strike_form_one_cluster(store: SqliteStore) -> None:
    one_strike_three_outlets(store)
    found = clusters(store)
    assert len(found) == 1
    c = found[0]
    assert (c.event, c.actor, c.recipient, c.date, c.location) == (
        "ASSAULT", "RUS", "UKR", "2024-11-14", "UKR",
    )  # fmt: skip
    assert c.reports == 3
    assert c.outlets == ["Reuters", "Al Jazeera", "Associated Press"]  # as first published
    assert c.sources == 3
    assert c.first_reported == "2024-11-14"
    assert c.last_reported == "2024-11-15"
    assert sorted(c.event_ids) == ["aljazeera-1:e1", "ap-1:e1", "reuters-1:e1"]


def test_two_strikes_on_different_days_are_two_clusters(store: SqliteStore) -> None:
    one_strike_three_outlets(store)
    add(store, "reuters-2", "2024-11-18", "Reuters",
        [report(1, "RUS", "UKR", "2024-11-18", place="Kharkiv")])  # fmt: skip
    add(store, "bbc-2", "2024-11-19", "BBC", [report(1, "RUS", None, "2024-11-18")])
    found = clusters(store)
    assert [(c.date, c.reports) for c in found] == [("2024-11-14", 3), ("2024-11-18", 2)]
    assert found[1].outlets == ["Reuters", "BBC"]


def test_two_outlets_citing_axios_count_as_one_source(store: SqliteStore) -> None:
    for doc_id, outlet, source in (("wp", "Washington Post", "two US officials"),
                                   ("cnn", "CNN", "a US official")):  # fmt: skip
        add(store, doc_id, "2024-11-05", outlet,
            [report(1, "USA", "IRQ", "2024-11-03", kind="CONSULT", attribution="a1")],
            [told(1, source, "USA", outlet="Axios")])  # fmt: skip
    (c,) = clusters(store)
    assert (c.reports, c.outlets) == (2, ["CNN", "The Washington Post"])
    assert (c.sources, c.source_names) == (1, ["Axios"])


def test_a_named_source_quoted_by_two_outlets_is_one_source(store: SqliteStore) -> None:
    add(store, "x", "2024-11-14", "Reuters", [report(1, "RUS", "UKR", "2024-11-14",
        attribution="a1")], [told(1, "Ukraine's air force", "UKR", named=True)])  # fmt: skip
    add(store, "y", "2024-11-14", "AP", [report(1, "RUS", "UKR", "2024-11-14",
        attribution="a1")], [told(1, "the Ukrainian air force", "UKR", named=True)])  # fmt: skip
    add(store, "z", "2024-11-14", "BBC", [report(1, "RUS", "UKR", "2024-11-14")])
    (c,) = clusters(store)
    assert c.sources == 2
    assert c.source_names == ["BBC", "Ukraine's air force"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"realis": "actual"}, {"realis": "planned"}),
        ({}, {"kind": "COERCE"}),
        ({}, {"actor": "UKR", "recipient": "RUS"}),
        ({"place": "Kyiv"}, {"place": "Minsk"}),
        ({"actor": None}, {"actor": None}),  # only the recipient matches: still one
        ({"actor": None, "recipient": None}, {}),  # nothing known to match: apart
    ],
)
def test_what_keeps_reports_apart(
    store: SqliteStore, first: dict[str, object], second: dict[str, object]
) -> None:
    base: dict[str, object] = {"actor": "RUS", "recipient": "UKR"}
    add(store, "p", "2024-11-14", "Reuters", [report(1, date="2024-11-14", **{**base, **first})])  # type: ignore[arg-type]
    add(store, "q", "2024-11-14", "AP", [report(1, date="2024-11-14", **{**base, **second})])  # type: ignore[arg-type]
    together = first == {"actor": None} and second == {"actor": None}
    assert len(clusters(store)) == (1 if together else 2)


def test_dates_match_by_their_precision(store: SqliteStore) -> None:
    # a week (Monday..Sunday) holds the day; a day two days off does not match
    add(store, "w", "2024-11-17", "Reuters",
        [report(1, "RUS", "UKR", "2024-11-11", date_end="2024-11-17")])  # fmt: skip
    add(store, "d", "2024-11-15", "AP", [report(1, "RUS", "UKR", "2024-11-14")])
    add(store, "far", "2024-11-20", "BBC", [report(1, "RUS", "UKR", "2024-11-20")])
    assert [c.reports for c in clusters(store)] == [2, 1]


def test_undated_reports_need_both_sides_and_close_publication(store: SqliteStore) -> None:
    add(store, "u1", "2024-11-14", "Reuters", [report(1, "RUS", "UKR", None)])
    add(store, "u2", "2024-11-16", "AP", [report(1, "RUS", "UKR", None)])
    add(store, "u3", "2024-11-15", "BBC", [report(1, "RUS", None, None)])  # one side only
    add(store, "u4", "2024-11-25", "CNN", [report(1, "RUS", "UKR", None)])  # too late
    found = clusters(store)
    assert sorted(len(c.event_ids) for c in found) == [1, 1, 2]
    (pair,) = [c for c in found if len(c.event_ids) == 2]
    assert sorted(pair.doc_ids) == ["u1", "u2"] and pair.date is None


def test_daily_strikes_do_not_chain_into_one(store: SqliteStore) -> None:
    for day in ("10", "11", "12", "13"):
        add(store, f"d{day}", f"2024-11-{day}", "Reuters",
            [report(1, "RUS", "UKR", f"2024-11-{day}")])  # fmt: skip
    assert [c.event_ids for c in clusters(store)] == [
        ["d10:e1", "d11:e1"], ["d12:e1", "d13:e1"],
    ]  # fmt: skip


def _memberships(store: SqliteStore) -> list[tuple[str, str]]:
    return [
        (r["event_id"], r["cluster_id"])
        for r in store.query("SELECT event_id, cluster_id FROM cluster_members ORDER BY 1")
    ]


def test_incremental_updates_agree_with_reclustering(store: SqliteStore) -> None:
    one_strike_three_outlets(store)
    update_after_ingest(store, ["reuters-1", "ap-1", "aljazeera-1"])
    add(store, "next", "2024-11-19", "CNN", [report(1, "RUS", "UKR", "2024-11-18")])
    add(store, "late", "2024-11-16", "BBC", [report(1, "RUS", "UKR", "2024-11-14")])
    assert update_clusters(store) == 2
    assert update_clusters(store) == 0
    # older news arriving last: a report of the 12th and 13th founds the earlier cluster
    add(store, "early", "2024-11-13", "AFP", [report(1, "RUS", "UKR", "2024-11-12")])
    assert update_clusters(store) == 1
    incremental = _memberships(store)
    assert len({cluster for _, cluster in incremental}) == 3
    assert recluster(store) == 3
    assert _memberships(store) == incremental
    recluster(store)
    assert _memberships(store) == incremental  # idempotent, same ids


def test_cluster_rows_filter_and_cli_jsonl(store: SqliteStore) -> None:
    one_strike_three_outlets(store)
    add(store, "other", "2024-11-20", "BBC",
        [report(1, "USA", "IRN", "2024-11-20", kind="SANCTION")])  # fmt: skip
    rows = cluster_rows(store, EventFilter(event="assault"))
    assert [r["reports"] for r in rows] == [3]
    assert cluster_rows(store, EventFilter(since="2024-11-15")) == cluster_rows(
        store, EventFilter(actor="USA")
    )
    result = CliRunner().invoke(
        app, ["events", "--clusters", "--format", "jsonl", "--db", store.path]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["event"], r["reports"], r["sources"]) for r in lines] == [
        ("ASSAULT", 3, 3), ("SANCTION", 1, 1),
    ]  # fmt: skip
    assert {"cluster_id", "actor", "recipient", "date", "outlets", "first_reported",
            "last_reported", "event_ids"} <= set(lines[0])  # fmt: skip
