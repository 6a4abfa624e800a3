"""Provides the timing benchmark: how late every boundary and cue of a ~20 s routine fires.

Plays the routine with `evenside play --plain --trace FILE` in a subprocess and
reads the trace: lateness = actual - planned, per event, for interval
boundaries (starts and ends) and for cues. The goal is every one within 10 ms.
Run:

    python bench/bench_timing.py [--runs 3] [--mute] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

GOAL_MS = 10.0

ROUTINE = """\
name: Timing bench
defaults: {prep: 3s, switch: 2s}
steps:
  - exercise: Runner's lunge
    hold: 5s
    sides: both
  - rest: 2s
  - exercise: Glute bridge
    reps: 4
    tempo: 1.5s
  - exercise: Plank
    hold: 2s
"""
"""prep 3 s + 5 s left + 2 s switch + 5 s right + 2 s rest + 6 s of reps + 2 s: 25 s."""

BOUNDARY_EVENTS = ("interval_start", "interval_end", "session_end")


def play_once(folder: Path, run: int, mute: bool) -> list[dict[str, object]]:
    """Play the routine once and return its trace records."""
    routine = folder / "timing-bench.yaml"
    routine.write_text(ROUTINE, encoding="utf-8")
    trace = folder / f"trace-{run}.jsonl"
    command = [sys.executable, "-m", "evenside", "play", "--plain", "--trace", str(trace)]
    if mute:
        command.append("--mute")
    subprocess.run(
        [*command, str(routine)],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]


def lateness_ms(records: list[dict[str, object]], events: tuple[str, ...]) -> list[float]:
    """actual - planned, in ms, for the records whose event is in `events`."""
    return [
        (float(r["actual"]) - float(r["planned"])) * 1000  # type: ignore[arg-type]
        for r in records
        if r["event"] in events
    ]


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (no interpolation: every figure is one that happened)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    """Count, p50, p95, max and the share within the goal."""
    return {
        "count": len(values),
        "p50_ms": statistics.median(values),
        "p95_ms": percentile(values, 0.95),
        "max_ms": max(values),
        "within_goal": sum(v <= GOAL_MS for v in values) / len(values),
    }


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="how many times to play it")
    parser.add_argument("--mute", action="store_true", help="play with --mute")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    boundaries: list[float] = []
    cues: list[float] = []
    with tempfile.TemporaryDirectory(prefix="evenside-bench-") as folder:
        for run in range(args.runs):
            records = play_once(Path(folder), run, args.mute)
            boundaries += lateness_ms(records, BOUNDARY_EVENTS)
            cues += lateness_ms(records, ("cue",))
    figures = {"boundaries": summary(boundaries), "cues": summary(cues)}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"lateness (actual - planned), {args.runs} run(s) of a 25 s routine, goal <= {GOAL_MS} ms"
    )
    print(f"{'':12}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'in goal':>9}")
    for name, figure in figures.items():
        print(
            f"{name:12}{figure['count']:>7}{figure['p50_ms']:>9.1f}{figure['p95_ms']:>9.1f}"
            f"{figure['max_ms']:>9.1f}{figure['within_goal']:>9.0%}"
        )


if __name__ == "__main__":
    main()
