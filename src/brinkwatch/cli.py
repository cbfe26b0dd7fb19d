"""The ``brinkwatch`` command: parse options, call the library, format the answer.

Errors become one line on stderr and a non-zero exit status here, and nowhere else.
"""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import __version__, settings
from .errors import BrinkwatchError, InputError
from .export import EVENT_COLUMNS, commitment_row, event_json, event_row, to_csv, to_jsonl
from .records import Article, Document
from .store import EventFilter, open_store

app = typer.Typer(
    name="brinkwatch",
    help=(
        "Escalation early warning from the news: PLOVER events with sources, red lines, "
        "dates and places.\n\n"
        "Examples:\n\n"
        "  brinkwatch extract article.txt --published 2024-11-05\n\n"
        "  brinkwatch ingest examples/storyline/\n\n"
        "  brinkwatch events --actor USA --format csv\n\n"
        "  brinkwatch summary"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to parse with [env: BRINKWATCH_MODEL]"),
]
DbOpt = Annotated[
    Path | None, typer.Option("--db", help="SQLite database file [env: BRINKWATCH_DB]")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="publication date YYYY-MM-DD for inputs that lack one"),
]
OutletOpt = Annotated[
    str | None, typer.Option("--outlet", help="outlet name for inputs that lack one")
]
FormatInOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        help="text, html, jsonl, csv or feed; detected from the file name when omitted",
    ),
]


def _fail(exc: BrinkwatchError) -> None:
    err.print(f"[red]error[/red] {exc}", markup=True)


def _report_input_error(exc: InputError) -> None:
    err.print(f"[red]error[/red] {exc}", markup=True)


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", help="print the version and exit")] = False,
) -> None:
    """brinkwatch command line."""
    if version:
        out.print(__version__)
        raise typer.Exit()


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="files, folders, URLs, or - for stdin")],
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    input_format: FormatInOpt = None,
    model: ModelOpt = None,
) -> None:
    """Print the extraction record (RECORD.md) of each document as one JSON line; no database.

    Examples:

      brinkwatch extract report.txt --published 2024-11-05

      cat report.txt | brinkwatch extract - --published 2024-11-05

      brinkwatch extract --input-format jsonl corpus.jsonl > records.jsonl
    """
    from .nlp import load_model
    from .pipeline import extract_articles
    from .read import read_inputs

    failed = 0

    def good() -> Any:
        nonlocal failed
        for item in read_inputs(
            paths, input_format=input_format, published=published, outlet=outlet
        ):
            if isinstance(item, InputError):
                failed += 1
                _report_input_error(item)
            else:
                yield item

    try:
        nlp = load_model(settings.get("model", model))
        for _, record in extract_articles(good(), nlp):
            if isinstance(record, InputError):
                failed += 1
                _report_input_error(record)
                continue
            sys.stdout.write(record.model_dump_json() + "\n")
            sys.stdout.flush()
    except BrinkwatchError as exc:
        _fail(exc)
        raise typer.Exit(2) from exc
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, folders, feeds, URLs, or -")],
    db: DbOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    input_format: FormatInOpt = None,
    model: ModelOpt = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local or ray [env: BRINKWATCH_ENGINE]")
    ] = "",
    workers: Annotated[
        int | None, typer.Option("--workers", help="worker processes for the local engine")
    ] = None,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="an existing Ray cluster (ray engine)")
    ] = None,
) -> None:
    """Read documents into the database, extracting events, sources, red lines, times, places.

    The same text (or URL) already stored is skipped, so re-running an interrupted ingest
    finishes the rest without duplicates.

    Examples:

      brinkwatch ingest examples/storyline/

      brinkwatch ingest feed.xml pages/ --db crisis.db --outlet Reuters

      brinkwatch ingest corpus.jsonl.gz --workers 2
    """
    from .engines import get_engine
    from .pipeline import ingest as run_ingest

    terminal = sys.stderr.isatty()
    started = time.perf_counter()
    done = 0
    try:
        store = open_store(db)
        run = get_engine(settings.get("engine", engine), workers=workers, address=ray_address)
    except BrinkwatchError as exc:
        _fail(exc)
        raise typer.Exit(2) from exc
    with (
        store,
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            console=err,
            disable=not terminal,
            transient=False,
        ) as progress,
    ):
        task = progress.add_task("ingest", total=None, rate="0.0")

        def stored(article: Article, record: Document | None) -> None:
            nonlocal done
            done += 1
            rate = done / max(time.perf_counter() - started, 1e-9)
            if terminal:
                progress.update(task, completed=done, rate=f"{rate:.1f}")
            else:
                verb = "stored" if record is not None else "skipped (already stored)"
                n = len(record.events) if record is not None else 0
                err.print(f"{verb} {article.doc_id} events={n} ({rate:.1f} docs/s)")

        try:
            report = run_ingest(
                paths, store, input_format=input_format, published=published, outlet=outlet,
                model=model, engine=run, on_error=_report_input_error, on_stored=stored,
            )  # fmt: skip
        except BrinkwatchError as exc:
            _fail(exc)
            raise typer.Exit(2) from exc
    elapsed = time.perf_counter() - started
    err.print(
        f"ingested {report.stored} new, {report.skipped} already stored, "
        f"{report.failed} failed in {elapsed:.1f}s into {store.path}"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="actor code, e.g. USA")] = None,
    recipient: Annotated[str | None, typer.Option(help="recipient code, e.g. IRQ")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT")
    ] = None,
    realis: Annotated[
        str | None, typer.Option(help="actual, planned, hypothetical, conditional, negated")
    ] = None,
    since: Annotated[str | None, typer.Option(help="from this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="to this date (YYYY-MM-DD)")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many")] = None,
    clusters: Annotated[
        bool, typer.Option("--clusters", help="one row per real-world event, not per report")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="table, jsonl or csv")] = Format.table,
) -> None:
    """List stored events, filtered by actor, recipient, type, realis and date range.

    Examples:

      brinkwatch events --actor USA --recipient IRQ

      brinkwatch events --type ASSAULT --realis actual --since 2024-10-01 --format csv

      brinkwatch events --clusters --format jsonl
    """
    where = EventFilter(actor=actor, recipient=recipient, event=event_type, realis=realis,
                        since=since, until=until, limit=limit)  # fmt: skip
    with open_store(db) as store:
        if clusters:
            from .resolve.clusters import cluster_rows

            rows = cluster_rows(store, where)
            _emit(rows, fmt, columns=list(rows[0]) if rows else ["cluster_id"], title="Clusters")
            return
        found = list(store.events(where))
        if fmt is Format.jsonl:
            _emit([event_json(f) for f in found], fmt, columns=[], title="Events")
        else:
            _emit([event_row(f) for f in found], fmt, columns=list(EVENT_COLUMNS), title="Events")


@app.command()
def commitments(
    db: DbOpt = None,
    status: Annotated[
        str | None,
        typer.Option(help="pending, triggered, honoured, breached or withdrawn"),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table or jsonl")] = Format.table,
) -> None:
    """List red lines (conditional threats and promises) with their status.

    Examples:

      brinkwatch commitments

      brinkwatch commitments --status triggered --format jsonl
    """
    from .resolve import commitment_history

    with open_store(db) as store:
        found = list(store.commitments(status))
        if fmt is Format.jsonl:
            rows = []
            for c in found:
                row = c.model_dump(mode="json")
                row["history"] = [t.as_row() for t in commitment_history(store, c.id)]
                rows.append(row)
            _emit(rows, fmt, columns=[], title="Red lines")
        else:
            rows = [commitment_row(c) for c in found]
            _emit(rows, fmt, columns=list(rows[0]) if rows else ["id"], title="Red lines")


@app.command()
def info(
    db: DbOpt = None,
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Version, spaCy model and its version, database path and counts.

    Examples:

      brinkwatch info

      brinkwatch info --json --db crisis.db
    """
    from .extractors import extractor_versions
    from .nlp import model_info

    facts: dict[str, Any] = {"version": __version__}
    facts.update(model_info(settings.get("model", model)))
    path = settings.get("db", db)
    facts["database"] = str(Path(path).resolve())
    with open_store(path) as store:
        facts["counts"] = store.counts()
        facts["migrations"] = store.migrations()
    facts["extractors"] = extractor_versions()
    if as_json:
        sys.stdout.write(json.dumps(facts, indent=2) + "\n")
        return
    table = Table(title="brinkwatch", show_header=False)
    for key, value in facts.items():
        table.add_row(key, json.dumps(value) if isinstance(value, dict | list) else str(value))
    out.print(table)


@app.command()
def summary(
    db: DbOpt = None,
    top: Annotated[int, typer.Option(help="rows per table")] = 15,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="also save the summary as an SVG picture")
    ] = None,
) -> None:
    """Print the crisis summary: events by dyad, sources, red lines and the dated timeline.

    Examples:

      brinkwatch summary

      brinkwatch summary --db crisis.db --top 30 --svg summary.svg
    """
    from .analyse.summary import summarize
    from .render import render_summary

    console = Console(record=True, width=120) if svg else out
    with open_store(db) as store:
        render_summary(summarize(store, top=top), console)
    if svg:
        console.save_svg(str(svg), title="brinkwatch summary")


@app.command(name="eval")
def evaluate(
    benchmark: Annotated[str, typer.Argument(help="plover-gsr, polnear, te3 or tr-news")],
    path: Annotated[Path, typer.Argument(help="the benchmark's folder or .jsonl file")],
    model: ModelOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Score the extractors on a hand-annotated benchmark.

    Examples:

      brinkwatch eval plover-gsr ../shared/bench/plover-gsr/sentences.jsonl

      brinkwatch eval te3 ../shared/bench/te3 --json
    """
    from .evaluate import run_benchmark
    from .nlp import load_model
    from .render import render_report

    try:
        report = run_benchmark(benchmark, path, load_model(settings.get("model", model)))
    except BrinkwatchError as exc:
        _fail(exc)
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        render_report(report, out)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one extraction record.

    Example:

      brinkwatch schema > record.schema.json
    """
    from .records import record_json_schema

    sys.stdout.write(json.dumps(record_json_schema(), indent=2, sort_keys=True) + "\n")


def _emit(rows: list[dict[str, Any]], fmt: Format, *, columns: list[str], title: str) -> None:
    if fmt is Format.jsonl:
        for line in to_jsonl(rows):
            sys.stdout.write(line + "\n")
    elif fmt is Format.csv:
        flat = ({k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()}
                for r in rows)  # fmt: skip
        for line in to_csv(flat, columns):
            sys.stdout.write(line + "\n")
    else:
        table = Table(title=f"{title} ({len(rows)})")
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        out.print(table)


if __name__ == "__main__":  # pragma: no cover
    app()
