"""Provides the history screen benchmark: 20 years of history, the screen's first frame, each query.

Run: `python bench/bench_history_screen.py [--years 20] [--runs 5] [--tmux]`. It builds
the history issue's benchmark data (bench/bench_history.py: 3 sessions a day, about
220,000 intervals) in a temporary database, with an "after" pain rating added to
each session so the pain queries have work to do, then times:

- opening the history screen to its first complete frame, headless (`run_test`):
  the whole app start, and the screen alone pushed onto a running app;
- each aggregation query on its own, in process;
- with `--tmux`, `evenside history` in a real 100x30 terminal until the side-by-side
  table is on screen (process start and imports included).

It prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_history import make_history
from evenside.balance.care import marked_routines
from evenside.history.aggregates import (
    HistoryFilter,
    HistoryWindow,
    calendar_days,
    exercise_names,
    routine_names,
    side_by_side,
    streaks,
)
from evenside.history.db import open_database
from evenside.history.importer import import_sessions, parse_history
from evenside.history.pain_trends import pain_series, what_helps
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore

GOAL_MS = 300


def build(path: Path, years: int) -> int:
    """Write `years` of history into a new database at `path`; return the interval count."""
    document = make_history(years)
    rng = random.Random(6)
    for session in document["sessions"]:
        before = session["ratings"][0]["pain"]
        after = max(0, min(10, before + rng.choice((-2, -1, -1, 0, 0, 1, 2))))
        session["ratings"].append({"when": "after", "side": "left", "pain": after})
    sessions = parse_history(document)
    store = HistoryStore(open_database(path))
    result = import_sessions(store, sessions)
    store.conn.close()
    return result.added_intervals


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median wall time of `action`, in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def open_app(path: Path) -> tuple[float, float]:
    """Milliseconds to the first complete frame: the app started cold, then the screen alone."""
    from evenside.ui.history_launch import HistoryApp
    from evenside.ui.screens.history import HistoryScreen

    conn = open_database(path)
    began = time.perf_counter()
    app = HistoryApp(conn)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        whole = (time.perf_counter() - began) * 1000
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#side-by-side-table").row_count > 0  # type: ignore[attr-defined]
        began = time.perf_counter()
        await app.push_screen(HistoryScreen(conn))
        await pilot.pause()
        alone = (time.perf_counter() - began) * 1000
    conn.close()
    return whole, alone


def in_tmux(data_home: Path) -> float | None:
    """Milliseconds from `evenside history` starting in tmux to the table on screen."""
    if shutil.which("tmux") is None:
        return None
    socket = f"bench-history-{os.getpid()}"
    env = f"XDG_DATA_HOME={data_home}"
    # The history screen's own entry point (what `evenside history` calls).
    launch = "from evenside.ui.history_launch import history_tui; history_tui()"
    command = f"env {env} {sys.executable} -c '{launch}'"
    began = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-x", "100", "-y", "30", command], check=True
    )
    try:
        while time.perf_counter() - began < 30:
            screen = subprocess.run(
                ["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if "Behind" in screen and "W" in screen and "sets" in screen:
                return (time.perf_counter() - began) * 1000
            time.sleep(0.005)
        return None
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tmux", action="store_true", help="also time `evenside history` in tmux")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data_home = Path(folder) / "data"
        path = data_home / "evenside" / "history.sqlite3"
        began = time.perf_counter()
        intervals = build(path, options.years)
        build_s = time.perf_counter() - began

        conn = open_database(path)
        window = HistoryWindow()
        queries: list[tuple[str, Callable[[], Any]]] = [
            (
                f"side by side, last {d} days",
                lambda d=d: side_by_side(conn, window, HistoryFilter(d)),
            )
            for d in (7, 30, 90, 365)
        ]
        default = HistoryFilter()
        queries += [
            (
                "side by side, 90 days, one routine",
                lambda: side_by_side(conn, window, HistoryFilter(routine="Desk break")),
            ),
            ("calendar (26 weeks)", lambda: calendar_days(conn, window, default)),
            ("streaks (all 20 years)", lambda: streaks(conn, window)),
            ("pain per day, 90 days", lambda: pain_series(conn, window, default)),
            ("pain per day, 365 days", lambda: pain_series(conn, window, HistoryFilter(365))),
            ("what helps, 90 days", lambda: what_helps(conn, window, default)),
            ("what helps, 365 days", lambda: what_helps(conn, window, HistoryFilter(365))),
            ("session list, 90 days", lambda: session_rows(conn, window, default)),
            ("session list, 365 days", lambda: session_rows(conn, window, HistoryFilter(365))),
            ("routine choices", lambda: routine_names(conn)),
            ("exercise choices", lambda: exercise_names(conn)),
            ("care marks (all routines)", lambda: marked_routines(conn)),
        ]
        figures = [(name, median_ms(query, options.runs)) for name, query in queries]
        conn.close()

        opens = [asyncio.run(open_app(path)) for _ in range(options.runs)]
        whole = statistics.median(o[0] for o in opens)
        alone = statistics.median(o[1] for o in opens)
        tmux_ms = in_tmux(data_home) if options.tmux else None

    print(f"{options.years} years: {intervals} intervals; built in {build_s:.1f} s\n")
    print(f"| opening the history screen (median of {options.runs}) | ms | goal |")
    print("|---|---:|---|")
    verdict = "met" if whole < GOAL_MS else "missed"
    print(
        f"| app start to first complete frame (`run_test`, 100x30) | {whole:.0f} | "
        f"< {GOAL_MS} ms: {verdict} |"
    )
    print(f"| the screen alone, pushed onto a running app | {alone:.0f} | |")
    if options.tmux:
        shown = f"{tmux_ms:.0f}" if tmux_ms is not None else "not seen"
        print(f"| `evenside history` in tmux, process start to table on screen | {shown} | |")
    print(f"\n| query (median of {options.runs}) | ms |")
    print("|---|---:|")
    for name, ms in figures:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
