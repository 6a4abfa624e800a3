"""Provides the history benchmark: 20 years of sessions imported, re-imported, balanced, exported.

Run: `python bench/bench_history.py [--years 20]`. It writes a JSON export of
about 220,000 intervals (3 sessions a day) into a temporary folder, then
times the real `evenside` commands in subprocesses against a private data
folder, and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# (exercise id, name, kind, planned seconds or reps, sets); every exercise works both sides.
EXERCISES = [
    ("lunge", "Modified runner's lunge", "hold", 45, 1),
    ("supine", "Supine release", "hold", 120, 1),
    ("clam", "Clamshell", "reps", 15, 1),
    ("bridge", "Glute bridge", "reps", 12, 1),
    ("pigeon", "Pigeon stretch", "hold", 60, 1),
]
ROUTINES = ["Psoas release", "Desk break", "Evening hips"]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def make_history(years: int, seed: int = 5) -> dict[str, Any]:
    """A JSON export: 3 sessions a day for `years` years, about 10 intervals each."""
    rng = random.Random(seed)
    # The history ends today, so `balance --days 3650` reads the last ten years of it.
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start -= timedelta(days=years * 365)
    sessions = []
    for day in range(years * 365):
        for hour in (8, 13, 19):
            began = start + timedelta(days=day, hours=hour)
            at = began + timedelta(seconds=5)
            intervals = []
            for exercise_id, name, kind, amount, sets in EXERCISES:
                for set_number in range(1, sets + 1):
                    for side in ("left", "right"):
                        skipped = side == "right" and rng.random() < 0.05
                        seconds = amount if kind == "hold" else amount * 3
                        intervals.append(
                            {
                                "exercise_id": exercise_id,
                                "exercise": name,
                                "side": side,
                                "set": set_number,
                                "kind": kind,
                                "planned_seconds": seconds,
                                "actual_seconds": 0 if skipped else seconds,
                                "planned_reps": amount if kind == "reps" else None,
                                "done_reps": (0 if skipped else amount) if kind == "reps" else None,
                                "status": "skipped" if skipped else "done",
                                "started_at": _iso(at),
                                "ended_at": _iso(at + timedelta(seconds=seconds)),
                            }
                        )
                        at += timedelta(seconds=seconds + 5)
            sessions.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "routine": rng.choice(ROUTINES),
                    "started_at": _iso(began),
                    "ended_at": _iso(at),
                    "status": "completed",
                    "ratings": [{"when": "before", "side": "left", "pain": rng.randint(0, 6)}],
                    "intervals": intervals,
                }
            )
    return {"format": "evenside-history", "version": 1, "sessions": sessions}


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run `evenside ARGS` in a subprocess; return seconds taken and its stdout."""
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "evenside", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    if proc.returncode != 0:
        raise SystemExit(f"evenside {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the balance command")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = dict(os.environ, XDG_DATA_HOME=str(root / "data"), HOME=str(root))
        document = make_history(options.years)
        intervals = sum(len(s["intervals"]) for s in document["sessions"])
        export = root / "history.json"
        export.write_text(json.dumps(document))
        size_mb = export.stat().st_size / 1e6
        del document

        first, out1 = timed(["history", "import", str(export)], env)
        second, out2 = timed(["history", "import", str(export)], env)
        db = root / "data" / "evenside" / "history.sqlite3"
        # The second import must add nothing: the same sessions and intervals as after the first.
        probe = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('select count(*) from sessions').fetchone()[0], "
            "c.execute('select count(*) from intervals').fetchone()[0])"
        )
        counts = subprocess.run(
            [sys.executable, "-c", probe, str(db)], capture_output=True, text=True, check=True
        ).stdout.split()
        if [int(n) for n in counts] != [len_sessions := options.years * 365 * 3, intervals]:
            raise SystemExit(f"duplicates or losses: {counts} vs {len_sessions} {intervals}")

        balance_runs = [
            timed(["balance", "--days", "3650", "--format", "json"], env)[0]
            for _ in range(options.repeat)
        ]
        startup_runs = [timed(["--help"], env)[0] for _ in range(options.repeat)]
        in_process = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, time\n"
                "from evenside.history.db import open_database\n"
                "from evenside.balance.tracker import balance_report\n"
                "c = open_database(sys.argv[1]); runs = []\n"
                "for _ in range(5):\n"
                "    t = time.perf_counter(); balance_report(c, 3650)\n"
                "    runs.append(time.perf_counter() - t)\n"
                "print(sorted(runs)[2])",
                str(db),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        query_s = float(in_process.stdout)
        csv_file = root / "history.csv"
        csv_s, _ = timed(["history", "--format", "csv", "-o", str(csv_file)], env)
        json_s, _ = timed(["history", "--format", "json", "-o", str(root / "again.json")], env)
        db_mb = db.stat().st_size / 1e6

    balance_s = statistics.median(balance_runs)
    startup_s = statistics.median(startup_runs)
    print(f"{options.years} years: {len_sessions} sessions, {intervals} intervals")
    print(f"export file {size_mb:.0f} MB; database {db_mb:.0f} MB")
    print(f"import: {out1.strip()}\nsecond import: {out2.strip()}\n")
    print("| step | time |")
    print("|---|---|")
    print(f"| `evenside history import` (first, {intervals} intervals) | {first:.2f} s |")
    print(f"| `evenside history import` again (adds nothing) | {second:.2f} s |")
    print(
        f"| `evenside balance --days 3650` (whole command, median of {options.repeat}) "
        f"| {balance_s * 1000:.0f} ms |"
    )
    print(f"| of which the balance query (in process, median of 5) | {query_s * 1000:.1f} ms |")
    print(f"| for comparison: `evenside --help` (start-up only) | {startup_s * 1000:.0f} ms |")
    print(f"| `evenside history --format csv -o FILE` | {csv_s:.2f} s |")
    print(f"| `evenside history --format json -o FILE` | {json_s:.2f} s |")


if __name__ == "__main__":
    main()
