"""Peak memory of a command and all its child processes (worker pools included).

``/usr/bin/time -v`` reports one process; with ``--workers 2`` the memory is spread over
three. This samples the resident set size of the whole process tree every ``--every``
seconds and prints the peak of the sum, the peak of the main process, and the wall time
(``--json`` adds a timeline, to see whether memory grows as the run goes on)::

    python benchmarks/synthetic_corpus.py /tmp/corpus-10k.jsonl --docs 10000
    python benchmarks/memory.py -- brinkwatch ingest /tmp/corpus-10k.jsonl \\
        --db /tmp/10k.db --workers 2

Exits with the command's exit status; ``--json FILE`` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import psutil


def tree_rss(root: psutil.Process) -> tuple[int, int]:
    """(bytes resident in ``root`` and its descendants, bytes in ``root`` alone)."""
    try:
        main = root.memory_info().rss
        processes = root.children(recursive=True)
    except psutil.Error:
        return 0, 0
    total = main
    for child in processes:
        try:
            total += child.memory_info().rss
        except psutil.Error:  # ended between listing and reading
            continue
    return total, main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.2, help="seconds between samples")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--timeline", type=float, default=10.0, help="seconds between timeline points (JSON)"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command and arguments")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")

    started = time.perf_counter()
    process = subprocess.Popen(command)
    root = psutil.Process(process.pid)
    peak_total = peak_main = 0
    timeline: list[tuple[float, float, float]] = []  # (seconds, tree MB, main MB)
    while process.poll() is None:
        total, own = tree_rss(root)
        peak_total, peak_main = max(peak_total, total), max(peak_main, own)
        elapsed = time.perf_counter() - started
        if total and (not timeline or elapsed - timeline[-1][0] >= args.timeline):
            timeline.append((round(elapsed, 1), round(total / 2**20, 1), round(own / 2**20, 1)))
        time.sleep(args.every)
    figures = {
        "command": command,
        "exit_status": process.returncode,
        "wall_s": round(time.perf_counter() - started, 1),
        "peak_rss_tree_mb": round(peak_total / 2**20, 1),
        "peak_rss_main_mb": round(peak_main / 2**20, 1),
    }
    print(json.dumps(figures), file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures["timeline_s_tree_mb_main_mb"] = timeline
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
