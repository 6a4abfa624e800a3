"""Provides the backups benchmark: the size and time of a daily copy, and of `history restore`,
for 1 and 20 years of history (bench_history's history: 3 sessions a day, 30 intervals each).

Run:  python bench/bench_backups.py [--years 1 20] [--runs 3]

For each history: its size; one copy's time (`make_copy`: quick_check of the history,
SQLite's online backup, integrity_check of the copy, fsync, rename) and size; the cost
of the once-a-day test when today's copy exists (`daily_copy`); `evenside history
restore` end to end after a bad page in the middle of the file (the copy put back and
every readable session merged back) and after a file of zeros (the copy alone). Each
runs against a private XDG home in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_history import make_history
from evenside.history.backups import daily_copy, make_copy

DAY = date(2000, 1, 1)


def _run(args: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "evenside", *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"evenside {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - began


def _damage_middle(history: Path) -> None:
    size = history.stat().st_size
    with history.open("r+b") as file:
        file.seek(size // 2 // 4096 * 4096)
        file.write(b"\xa5\x5a" * 2048)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def bench(years: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/c"}
        env["XDG_CACHE_HOME"] = f"{home}/cache"
        export = Path(home) / "export.json"
        export.write_text(json.dumps(make_history(years)))
        _run(["history", "import", str(export)], env)
        export.unlink()
        history = Path(home) / "data" / "evenside" / "history.sqlite3"
        copies = history.parent / "backups"
        for old in copies.glob("history-*.sqlite3"):
            old.unlink()  # the import's own copy: every copy below is timed
        times = []
        for n in range(runs):
            began = time.perf_counter()
            copy = make_copy(history, date(2000, 1, 1 + n), keep=runs)
            times.append(time.perf_counter() - began)
        began = time.perf_counter()
        for _ in range(100):
            daily_copy(history, date(2000, 1, 1))
        already = (time.perf_counter() - began) / 100
        print(f"{years} years: history {_mb(history.stat().st_size)}, copy {_mb(copy.size)}")
        print(f"  one copy: median {statistics.median(times):.2f} s of {runs} ({times})")
        print(f"  today's copy already made: {already * 1e6:.0f} us")
        print(f"  7 copies: {_mb(7 * copy.size)}")
        os.utime(copy.path)
        _damage_middle(history)
        print(f"  restore after a bad page: {_run(['history', 'restore'], env):.2f} s")
        history.write_bytes(bytes(history.stat().st_size))
        print(f"  restore of a file of zeros: {_run(['history', 'restore'], env):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for years in args.years:
        bench(years, args.runs)


if __name__ == "__main__":
    main()
