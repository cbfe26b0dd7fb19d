"""Rich renderings of library results for the terminal (the CLI's only formatting code)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .analyse.summary import CrisisSummary
from .evaluate import Report

__all__ = ["render_report", "render_summary"]


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def render_summary(s: CrisisSummary, console: Console) -> None:
    console.print(
        f"[bold]{s.counts.get('documents', 0)} documents[/bold] · {s.counts.get('events', 0)} "
        f"events · {s.counts.get('attributions', 0)} attributions · "
        f"{s.counts.get('commitments', 0)} red lines · {s.counts.get('times', 0)} dates · "
        f"{s.counts.get('places', 0)} places"
    )
    dyads = Table(title="Events by dyad (actor → recipient)")
    for col in ("actor", "recipient", "events", "types", "realis", "first", "last"):
        dyads.add_column(col, overflow="fold")
    for d in s.dyads:
        dyads.add_row(d.actor, d.recipient, str(d.events), _fmt(d.types), _fmt(d.realis),
                      d.first or "", d.last or "")  # fmt: skip
    console.print(dyads)

    sources = Table(title="On whose word (attributions by source and outlet)")
    for col in ("source", "code", "named", "outlet", "claims"):
        sources.add_column(col, overflow="fold")
    for row in s.sources:
        named = {1: "named", 0: "anonymous"}.get(row.get("named"), "")  # type: ignore[call-overload]
        sources.add_row(str(row["source"]), str(row["code"] or ""), named,
                        str(row["outlet"] or ""), str(row["claims"]))  # fmt: skip
    console.print(sources)

    events = Table(title="Real-world events (one row per event, however many reports)")
    for col in ("date", "event", "actor", "recipient", "reports", "sources", "outlets"):
        events.add_column(col, overflow="fold")
    for k in s.clusters:
        events.add_row(k.date or "", k.event, k.actor or "?", k.recipient or "—", str(k.reports),
                       str(k.sources), ", ".join(k.outlets))  # fmt: skip
    console.print(events)

    lines = Table(title="Red lines (conditional threats and promises)")
    for col in ("status", "issuer", "addressee", "polarity", "if", "then", "consequence"):
        lines.add_column(col, overflow="fold")
    for c in s.commitments:
        cq = c.consequence.event
        then = ""
        if cq is not None:
            then = f"{cq.actor.code if cq.actor else '?'} {cq.event or '?'} " + (
                cq.recipient.code or "?" if cq.recipient else "?"
            )
        lines.add_row(c.status, c.issuer.code or "?", c.addressee.code if c.addressee else "",
                      c.polarity, c.condition.text, c.consequence.text, then)  # fmt: skip
    console.print(lines)

    timeline = Table(title="Timeline (dated events)")
    for col in ("date", "event", "realis", "actor", "recipient", "trigger", "document"):
        timeline.add_column(col, overflow="fold")
    for r in s.timeline:
        timeline.add_row(*(str(r[k]) for k in ("date", "event", "realis", "actor", "recipient",
                                               "text", "doc_id")))  # fmt: skip
    console.print(timeline)


def render_report(report: Report, console: Console) -> None:
    table = Table(title=f"{report.benchmark}: {report.items} items")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_column("")
    passed = report.passed()
    for name, value in report.metrics.items():
        target = report.targets.get(name)
        mark = "" if target is None else ("[green]PASS[/green]" if passed[name] else "[red]FAIL")
        table.add_row(name, f"{value:.3f}", "" if target is None else f"{target:.2f}", mark)
    console.print(table)
    for title, rows in report.tables.items():
        if not rows:
            continue
        t = Table(title=title)
        for col in rows[0]:
            t.add_column(str(col), overflow="fold")
        for row in rows:
            t.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()))
        console.print(t)
