"""Provides the timing benchmark: how late every boundary and cue of a routine fires.

Plays a routine with `evenside play --plain --trace FILE` in a subprocess, with
the history recorded (a private, fresh data folder for the whole benchmark, so
each run's session is written as a user's would be), and reads the trace:
lateness = actual - planned, per event. The goal is every one within 10 ms.

Two routines (--routine):
- short: 25 s (prep, a hold on both sides with a switch, a rest, timed reps
  with ticks, a short hold); every boundary (interval starts and ends, the
  session end) and every cue.
- forty: 40 intervals of 1-3 s (holds with sides, switches, round rests); the
  start of each interval, split into starts that follow a work interval (the
  history writes a finished interval there) and all the others, with each
  run's maximum so the spread between runs shows.

Run:

    python bench/bench_timing.py [--routine short|forty|both] [--runs 3] [--mute] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
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

FORTY = """\
name: Timing bench, forty intervals
defaults: {prep: 2s, switch: 1s}
steps:
  - repeat: 5
    rest: 1s
    steps:
      - exercise: Calf stretch
        hold: 2s
        sides: both
      - exercise: Chin tuck
        hold: 1s
      - exercise: Hip flexor stretch
        hold: 3s
        sides: both
"""
"""prep, then 5 rounds of (calf left, switch, calf right, chin tuck, hip flexor left,
switch, hip flexor right) with a 1 s rest between rounds: 1 + 35 + 4 = 40 intervals,
71 s. Per run, 24 interval starts follow a work interval (a work, a switch or a round
rest starts as the history records the work just done) and 16 do not (the prep, the
first work after it, and every start after a switch or a rest)."""

ROUTINES = {"short": ("timing-bench", ROUTINE), "forty": ("timing-bench-40", FORTY)}

BOUNDARY_EVENTS = ("interval_start", "interval_end", "session_end")


def private_home(folder: Path) -> dict[str, str]:
    """The environment for a player that keeps its history, settings and cache in `folder`."""
    return {
        **os.environ,
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "XDG_STATE_HOME": str(folder / "state"),
    }


def play_once(folder: Path, routine_name: str, run: int, mute: bool) -> list[dict[str, object]]:
    """Play the routine once (history recorded) and return its trace records."""
    slug, text = ROUTINES[routine_name]
    routine = folder / f"{slug}.yaml"
    routine.write_text(text, encoding="utf-8")
    trace = folder / f"trace-{slug}-{run}.jsonl"
    command = [sys.executable, "-m", "evenside", "play", "--plain", "--trace", str(trace)]
    if mute:
        command.append("--mute")
    subprocess.run(
        [*command, str(routine)],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        env=private_home(folder),
        timeout=300,
    )
    return [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]


def lateness_ms(records: list[dict[str, object]], events: tuple[str, ...]) -> list[float]:
    """actual - planned, in ms, for the records whose event is in `events`."""
    return [_late(r) for r in records if r["event"] in events]


def starts_by_previous_kind(records: list[dict[str, object]]) -> tuple[list[float], list[float]]:
    """Lateness of each interval start: (those right after a work interval, all others)."""
    after_work: list[float] = []
    others: list[float] = []
    previous: object = None
    for record in records:
        if record["event"] != "interval_start":
            continue
        (after_work if previous == "work" else others).append(_late(record))
        previous = record["kind"]
    return after_work, others


def _late(record: dict[str, object]) -> float:
    return (float(record["actual"]) - float(record["planned"])) * 1000  # type: ignore[arg-type]


def recorded(folder: Path) -> tuple[int, int]:
    """Sessions and intervals in the benchmark's history (proof the writes happened)."""
    database = folder / "data" / "evenside" / "history.sqlite3"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
        intervals = connection.execute("SELECT count(*) FROM intervals").fetchone()[0]
    finally:
        connection.close()
    return sessions, intervals


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


def print_table(figures: dict[str, dict[str, float]]) -> None:
    """Print count, p50, p95, max and the share in goal, one row per figure."""
    print(f"{'':16}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'in goal':>9}")
    for name, figure in figures.items():
        print(
            f"{name:16}{figure['count']:>7}{figure['p50_ms']:>9.1f}{figure['p95_ms']:>9.1f}"
            f"{figure['max_ms']:>9.1f}{figure['within_goal']:>9.0%}"
        )


def bench_short(folder: Path, runs: int, mute: bool, as_json: bool) -> dict[str, object]:
    """Every boundary and every cue of the 25 s routine."""
    boundaries: list[float] = []
    cues: list[float] = []
    for run in range(runs):
        records = play_once(folder, "short", run, mute)
        boundaries += lateness_ms(records, BOUNDARY_EVENTS)
        cues += lateness_ms(records, ("cue",))
    figures = {"boundaries": summary(boundaries), "cues": summary(cues)}
    if not as_json:
        print(f"lateness (actual - planned), {runs} run(s) of a 25 s routine, goal <= {GOAL_MS} ms")
        print_table(figures)
    return dict(figures)


def bench_forty(folder: Path, runs: int, mute: bool, as_json: bool) -> dict[str, object]:
    """Interval starts of the 40-interval routine: after a work interval, and the others."""
    after_work: list[float] = []
    others: list[float] = []
    per_run: list[dict[str, float]] = []
    for run in range(runs):
        load_before = os.getloadavg()[0]
        records = play_once(folder, "forty", run, mute)
        late_after_work, late_others = starts_by_previous_kind(records)
        after_work += late_after_work
        others += late_others
        per_run.append(
            {
                "load_1min": load_before,
                "after_work_max_ms": max(late_after_work),
                "others_max_ms": max(late_others),
            }
        )
    sessions, intervals = recorded(folder)
    figures: dict[str, object] = {
        "after_work": summary(after_work),
        "others": summary(others),
        "per_run": per_run,
        "history": {"sessions": sessions, "intervals": intervals},
    }
    if not as_json:
        print(
            f"interval start lateness (actual - planned), {runs} run(s) of a 40-interval 71 s"
            f" routine, history recorded, goal <= {GOAL_MS} ms"
        )
        print_table({"after work": summary(after_work), "all the others": summary(others)})
        print(f"{'run':>5}{'load 1 min':>12}{'max after work':>16}{'max others':>12}")
        for run, row in enumerate(per_run, 1):
            print(
                f"{run:>5}{row['load_1min']:>12.2f}{row['after_work_max_ms']:>16.1f}"
                f"{row['others_max_ms']:>12.1f}"
            )
        print(f"history: {sessions} session(s), {intervals} interval(s) recorded")
    return figures


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--routine",
        choices=("short", "forty", "both"),
        default="short",
        help="short: every boundary and cue of 25 s; forty: interval starts of 40 short "
        "intervals, after work vs the others (default: short)",
    )
    parser.add_argument("--runs", type=int, default=1, help="how many times to play each")
    parser.add_argument("--mute", action="store_true", help="play with --mute")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="evenside-bench-") as folder:
        if args.routine in ("short", "both"):
            figures["short"] = bench_short(Path(folder), args.runs, args.mute, args.json)
        if args.routine == "both" and not args.json:
            print()
        if args.routine in ("forty", "both"):
            figures["forty"] = bench_forty(Path(folder), args.runs, args.mute, args.json)
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
