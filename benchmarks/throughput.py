"""``make bench``: throughput of the full pipeline against the bare spaCy model it runs on.

On the same texts, in the same run, rounds of two passes are interleaved (bare, full; then
full, bare; ...) and the medians taken, since the machine is shared and noisy:

- **bare**: ``nlp.pipe`` over the texts, nothing else;
- **full**: :func:`brinkwatch.pipeline.extract_articles` (parse + every extractor + record).

The headline is ``full / bare`` throughput (goal ≥ 0.75), from CPU time (what other
processes on the machine steal shows in wall time, not in ours) and from wall time. Then:
each registered extractor timed over the parsed docs (who costs what, as a share of parse
time); one ``ingest`` (read + extract + SQLite) pass; and scaling with local worker
processes (``LocalEngine(workers=1)`` vs ``workers=2``, wall time, pool start included).

Texts: the example storyline (``examples/storyline/``), synthetic articles
(``synthetic_corpus.py``), and the seed report from ``../shared`` when present. Prints
tables; writes
``bench-results/throughput.json``.

    python benchmarks/throughput.py                 # the default run (a few minutes)
    python benchmarks/throughput.py --quick         # a smoke run
    python benchmarks/throughput.py --synthetic 400 --repeats 5 --workers 1,2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import spacy
from rich.console import Console
from rich.table import Table
from spacy.language import Language
from synthetic_corpus import synthetic_articles

from brinkwatch import settings
from brinkwatch.engines.local import LocalEngine
from brinkwatch.errors import InputError
from brinkwatch.extractors.base import PIPELINE, Extraction, registered
from brinkwatch.nlp import load_model
from brinkwatch.pipeline import extract_articles, ingest
from brinkwatch.read import read_inputs
from brinkwatch.records import Article
from brinkwatch.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "storyline"
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "us-warns-iraq.txt"
SEED_PUBLISHED = "2024-11-05"
GOAL = 0.75
console = Console(highlight=False, width=110)


# -- the texts ---------------------------------------------------------------------------------


def corpus(synthetic: int) -> tuple[list[Article], dict[str, int]]:
    """The bench articles and how many came from each source."""
    examples = [
        item
        for item in read_inputs([EXAMPLES], require_english=False)
        if not isinstance(item, InputError)
    ]
    seed = []
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        seed = [Article(doc_id="seed", text=text, published=SEED_PUBLISHED, origin=str(SEED))]
    generated = list(synthetic_articles(synthetic))
    sources = {"examples": len(examples), "seed": len(seed), "synthetic": len(generated)}
    return examples + seed + generated, sources


# -- measuring ---------------------------------------------------------------------------------


class Clock:
    """Wall and CPU seconds of one block."""

    def __enter__(self) -> Clock:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def bare_pass(nlp: Language, texts: list[str], batch: int) -> tuple[Clock, int]:
    with Clock() as clock:
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch))
    return clock, tokens


def full_pass(nlp: Language, articles: list[Article], batch: int) -> Clock:
    with Clock() as clock:
        for _ in extract_articles(articles, nlp, batch_size=batch):
            pass
    return clock


def interleaved(nlp: Language, articles: list[Article], rounds: int, batch: int) -> dict[str, Any]:
    texts = [a.text for a in articles]
    bare: list[Clock] = []
    full: list[Clock] = []
    for r in range(rounds):
        passes: list[Callable[[], None]] = [
            lambda: bare.append(bare_pass(nlp, texts, batch)[0]),
            lambda: full.append(full_pass(nlp, articles, batch)),
        ]
        for run in passes if r % 2 == 0 else reversed(passes):
            run()
        console.print(
            f"  round {r + 1}/{rounds}: bare {bare[-1].wall:.1f}s wall {bare[-1].cpu:.1f}s cpu, "
            f"full {full[-1].wall:.1f}s wall {full[-1].cpu:.1f}s cpu"
        )
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    result: dict[str, Any] = {"docs": len(texts), "tokens": tokens}
    for name, clocks in (("bare", bare), ("full", full)):
        wall = statistics.median(c.wall for c in clocks)
        cpu = statistics.median(c.cpu for c in clocks)
        result[name] = {
            "wall_s": [round(c.wall, 3) for c in clocks],
            "cpu_s": [round(c.cpu, 3) for c in clocks],
            "docs_per_s": len(texts) / wall,
            "tokens_per_s": tokens / wall,
            "docs_per_cpu_s": len(texts) / cpu,
            "tokens_per_cpu_s": tokens / cpu,
        }
    # each round's ratio sees one machine state; the median of them is the headline
    result["ratio_cpu"] = statistics.median(b.cpu / f.cpu for b, f in zip(bare, full, strict=True))
    result["ratio_wall"] = statistics.median(
        b.wall / f.wall for b, f in zip(bare, full, strict=True)
    )
    return result


def extractor_breakdown(nlp: Language, articles: list[Article], batch: int) -> dict[str, Any]:
    """CPU seconds of each registered extractor over the parsed docs, in pipeline order."""
    found = registered()
    with Clock() as parse:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=batch))
    spent = dict.fromkeys((n for n in PIPELINE if n in found), 0.0)
    failures = dict.fromkeys(spent, 0)
    for article, doc in zip(articles, docs, strict=True):
        published = dt.date.fromisoformat(article.published[:10]) if article.published else None
        state = Extraction(doc=doc, doc_id=article.doc_id, published=published)
        for name in spent:
            start = time.process_time()
            try:
                found[name].fn(state)
            except Exception:  # a broken extractor is reported, not allowed to stop the bench
                failures[name] += 1
            spent[name] += time.process_time() - start
    return {
        "parse_cpu_s": parse.cpu,
        "extractors": {
            name: {
                "version": found[name].qualified,
                "cpu_s": seconds,
                "ms_per_doc": 1000 * seconds / len(docs),
                "share_of_parse": seconds / parse.cpu,
                "failures": failures[name],
            }
            for name, seconds in spent.items()
        },
        "missing": [n for n in PIPELINE if n not in found],
    }


def ingest_pass(articles: list[Article]) -> dict[str, Any]:
    """One whole ``ingest`` (read JSONL, skip-check, extract, SQLite) into a fresh database."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for a in articles:
                fields = a.model_dump(include={"doc_id", "text", "published", "outlet"})
                out.write(json.dumps(fields) + "\n")
        with SqliteStore(Path(tmp) / "bench.db") as store, Clock() as clock:
            report = ingest([source], store, engine=LocalEngine(1))
    return {"docs": report.stored, "wall_s": clock.wall, "docs_per_s": report.stored / clock.wall}


def scaling(
    nlp: Language, articles: list[Article], workers: Iterable[int], rounds: int
) -> dict[str, Any]:
    """Wall time of ``LocalEngine(workers=w)`` over the articles (pool start included)."""
    runs: dict[int, list[tuple[float, float]]] = {w: [] for w in workers}
    cpu: dict[int, list[tuple[float, float]]] = {w: [] for w in workers}
    for r in range(rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for w in order:
            first = 0.0
            children = _children_cpu()
            with Clock() as clock:
                for n, _ in enumerate(LocalEngine(workers=w)(articles, nlp)):
                    if n == 0:
                        first = time.perf_counter() - clock.wall0
            workers_cpu = _children_cpu() - children
            runs[w].append((clock.wall, first))
            cpu[w].append((clock.cpu, workers_cpu))
            console.print(
                f"  workers={w}: {clock.wall:.1f}s (first record after {first:.1f}s; cpu "
                f"{clock.cpu:.1f}s here + {workers_cpu:.1f}s in workers)"
            )
    base = statistics.median(wall for wall, _ in runs[min(runs)])
    return {
        "docs": len(articles),
        "workers": {
            str(w): {
                "wall_s": [round(wall, 3) for wall, _ in seconds],
                "first_record_s": [round(first, 3) for _, first in seconds],
                # CPU seconds of the whole run: main process + worker processes
                "cpu_s_main_workers": [[round(a, 2), round(b, 2)] for a, b in cpu[w]],
                "docs_per_s": len(articles) / statistics.median(wall for wall, _ in seconds),
                "speedup": base / statistics.median(wall for wall, _ in seconds),
            }
            for w, seconds in runs.items()
        },
    }


def _children_cpu() -> float:
    """CPU seconds of this process's ended (and waited-for) children so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


# -- reporting ---------------------------------------------------------------------------------


def show(results: dict[str, Any]) -> None:
    main = results["throughput"]
    table = Table(title=f"Throughput on {main['docs']} docs, {main['tokens']} tokens "
                        f"(median of {len(main['bare']['wall_s'])} rounds)")  # fmt: skip
    for column in ("pass", "docs/s", "tokens/s", "docs/cpu-s", "tokens/cpu-s"):
        table.add_column(column, justify="right" if column != "pass" else "left")
    for name in ("bare", "full"):
        m = main[name]
        table.add_row(
            name, f"{m['docs_per_s']:.1f}", f"{m['tokens_per_s']:.0f}",
            f"{m['docs_per_cpu_s']:.1f}", f"{m['tokens_per_cpu_s']:.0f}",
        )  # fmt: skip
    if "ingest" in results:
        table.add_row("ingest (1 run)", f"{results['ingest']['docs_per_s']:.1f}", "", "", "")
    console.print(table)
    verdict = "[green]meets[/green]" if main["ratio_cpu"] >= GOAL else "[red]misses[/red]"
    console.print(
        f"full/bare throughput: [bold]{main['ratio_cpu']:.3f}[/bold] (CPU time), "
        f"{main['ratio_wall']:.3f} (wall time) — {verdict} the goal of {GOAL}"
    )

    parts = results["extractors"]
    table = Table(title=f"Extractors (parse: {parts['parse_cpu_s']:.2f} cpu-s)")
    for column in ("extractor", "version", "cpu-s", "ms/doc", "% of parse", "failures"):
        table.add_column(column, justify="left" if column in ("extractor", "version") else "right")
    total = 0.0
    for name, e in parts["extractors"].items():
        total += e["cpu_s"]
        table.add_row(name, e["version"], f"{e['cpu_s']:.3f}", f"{e['ms_per_doc']:.2f}",
                      f"{100 * e['share_of_parse']:.1f}", str(e["failures"]))  # fmt: skip
    table.add_row("all", "", f"{total:.3f}", "", f"{100 * total / parts['parse_cpu_s']:.1f}", "")
    console.print(table)
    if parts["missing"]:
        console.print(f"not registered (yet): {', '.join(parts['missing'])}")

    if "scaling" in results:
        scale = results["scaling"]
        table = Table(title=f"Local worker processes on {scale['docs']} docs (wall time)")
        for column in ("workers", "docs/s", "speedup", "first record", "cpu-s (all processes)"):
            table.add_column(column, justify="right")
        for w, s in scale["workers"].items():
            first = statistics.median(s["first_record_s"])
            spent = statistics.median(a + b for a, b in s["cpu_s_main_workers"])
            table.add_row(
                w, f"{s['docs_per_s']:.1f}", f"{s['speedup']:.2f}x", f"{first:.1f}s", f"{spent:.1f}"
            )
        console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=120, help="synthetic articles")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, e.g. 1,2")
    parser.add_argument("--scaling-docs", type=int, default=240, help="articles for scaling")
    parser.add_argument("--scaling-repeats", type=int, default=1, help="rounds for scaling")
    parser.add_argument("--no-scaling", action="store_true", help="skip the workers test")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest pass")
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: setting)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench-results" / "throughput.json", help="JSON file"
    )
    args = parser.parse_args()
    if args.quick:
        args.synthetic, args.repeats, args.scaling_docs = 20, 1, 80

    batch = int(settings.get("batch_size", args.batch_size))
    model = settings.get("model", args.model)
    nlp = load_model(model)
    articles, sources = corpus(args.synthetic)
    console.print(f"[bold]brinkwatch bench[/bold]: {len(articles)} articles {sources}, "
                  f"model {model}, batch {batch}, {os.cpu_count()} cpus, "
                  f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
    for _ in extract_articles(articles[:4], nlp, batch_size=batch):  # warm up caches, lexicons
        pass

    results: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_1min_at_start": os.getloadavg()[0],
                    "python": platform.python_version(), "spacy": spacy.__version__},
        "model": model,
        "batch_size": batch,
        "sources": sources,
        "goal_ratio": GOAL,
    }  # fmt: skip
    console.print("bare vs full:")
    results["throughput"] = interleaved(nlp, articles, args.repeats, batch)
    results["ratio"] = results["throughput"]["ratio_cpu"]
    results["extractors"] = extractor_breakdown(nlp, articles, batch)
    if not args.no_ingest:
        results["ingest"] = ingest_pass(articles)
    if not args.no_scaling:
        console.print("scaling:")
        extra = list(synthetic_articles(args.scaling_docs, seed=1))
        workers = sorted({int(w) for w in args.workers.split(",") if w.strip()})
        results["scaling"] = scaling(nlp, extra, workers, args.scaling_repeats)
    results["load_1min_at_end"] = os.getloadavg()[0]

    show(results)
    busiest = max(results["machine"]["load_1min_at_start"], results["load_1min_at_end"])
    if busiest > (os.cpu_count() or 1) * 0.75:
        console.print(
            f"[yellow]note[/yellow]: the machine was busy (load {busiest:.1f} on "
            f"{os.cpu_count()} cpus); wall-time figures and worker scaling are unreliable, "
            "the CPU-time ratio less so"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
