"""Provides the history screen benchmark: 20 years of history, the screen's first frame, each query.

Run: `python bench/bench_history_screen.py [--years 20] [--runs 5] [--tmux]`. It builds
the history issue's benchmark data (bench/bench_history.py: 3 sessions a day, about
220,000 intervals) in a temporary database, with an "after" pain rating added to
each session so the pain queries have work to do, then times:

- opening the history screen headless (`run_test`), to its first complete frame (the
  first frame drawn with the side-by-side table filled) and to settled (every message
  handled): the whole app start, and the screen alone pushed onto a running app; a bare
  Textual app showing one label beside them;
- each aggregation query on its own, in process;
- with `--tmux`, in a real 100x30 terminal, from process start (imports included) to
  the first complete frame: `evenside history`, the screen's own entry point, and the
  bare Textual app, taking turns.

It prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _terminal import Terminal
from bench_history import make_history
from evenside.history.aggregates import (
    HistoryFilter,
    HistoryWindow,
    calendar_days,
    exercise_names,
    routine_names,
    side_by_side,
)
from evenside.history.db import open_database
from evenside.history.importer import import_sessions, parse_history
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.history.streaks import streaks
from evenside.pain.care import marked_routines
from evenside.pain.trends import pain_series, what_helps

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


def first_frame_app(app_class: type[Any], ready: Callable[[Any], bool]) -> type[Any]:
    """`app_class`, noting in `first_frame` (perf_counter seconds) when it first draws a
    frame of its top screen for which `ready(screen)` holds."""

    class FirstFrameApp(app_class):  # type: ignore[misc]
        first_frame: float | None = None

        # Every frame goes through App._display (Textual internals; headless, it only
        # skips the write to the terminal), so this is when the frame is ready.
        def _display(self, screen: Any, renderable: Any) -> None:
            if (
                renderable is not None
                and self.first_frame is None
                and screen is self.screen
                and ready(screen)
            ):
                self.first_frame = time.perf_counter()
            super()._display(screen, renderable)

    return FirstFrameApp


def table_filled(screen: Any) -> bool:
    """Whether `screen` shows the side-by-side table with its rows."""
    tables = screen.query("#side-by-side-table")
    return bool(tables) and tables.first().row_count > 0


async def open_app(path: Path) -> tuple[float, float, float, float]:
    """Milliseconds from the app's start to its first complete frame and to the screen
    settled (`pilot.pause()`: every message handled); then the same for the screen alone,
    pushed onto the running app (what the library's `h` does)."""
    from evenside.ui.history_app import HistoryApp
    from evenside.ui.screens.history_screen.screen import HistoryScreen

    conn = open_database(path)
    began = time.perf_counter()
    app = first_frame_app(HistoryApp, table_filled)(conn)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        settled = (time.perf_counter() - began) * 1000
        first = (app.first_frame - began) * 1000
        assert isinstance(app.screen, HistoryScreen)
        app.first_frame = None
        began = time.perf_counter()
        await app.push_screen(HistoryScreen(conn))
        await pilot.pause()
        alone_settled = (time.perf_counter() - began) * 1000
        alone_first = (app.first_frame - began) * 1000
    conn.close()
    return first, settled, alone_first, alone_settled


async def open_bare() -> tuple[float, float]:
    """The peer: a bare Textual app showing one label, to its first frame and settled."""
    from bare_textual import BareApp

    began = time.perf_counter()
    app = first_frame_app(BareApp, lambda screen: True)()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        settled = (time.perf_counter() - began) * 1000
    return (app.first_frame - began) * 1000, settled


def first_screen_ms(terminal: Terminal, command: list[str], ready: tuple[str, ...]) -> float:
    """Milliseconds from `command` starting in `terminal` to a screen holding every text
    of `ready` (Textual writes a frame at once, so that is its first complete frame)."""
    began = terminal.start(command)
    try:
        while time.perf_counter() - began < 30:
            screen = terminal.screen()
            if all(text in screen for text in ready):
                return (time.perf_counter() - began) * 1000
            time.sleep(0.005)
        raise TimeoutError(f"{command} never showed {ready}")
    finally:
        terminal.kill()


def tmux_figures(data_home: Path, runs: int) -> list[tuple[str, float]]:
    """Medians in tmux for `evenside history`, its screen's entry point alone and a bare
    Textual app; their runs take turns, so a busy moment on the machine hits all three."""
    python = sys.executable
    bench = Path(__file__).resolve().parent
    # The whole first frame: pane bar, a row of the table, key bar.
    history_ready = ("1 Side by side", "Behind", " sets", "esc Back")
    launch = "from evenside.ui.history_app import history_tui; history_tui()"
    env = ["env", f"XDG_DATA_HOME={data_home}"]
    subjects = [
        (
            "a bare Textual app showing one label (`bench/bare_textual.py`)",
            [python, str(bench / "bare_textual.py")],
            ("bare textual",),
        ),
        (
            "the history screen's entry point (`history_tui()`)",
            [*env, python, "-c", launch],
            history_ready,
        ),
        (
            "`evenside history` (the command: CLI start-up included)",
            [*env, str(Path(python).with_name("evenside")), "history"],
            history_ready,
        ),
    ]
    times: list[list[float]] = [[] for _ in subjects]
    for run in range(runs + 1):
        for number, (_, command, ready) in enumerate(subjects):
            terminal = Terminal(f"bench-history-{os.getpid()}-{run}-{number}")
            ms = first_screen_ms(terminal, command, ready)
            if run:  # the first round warms the disk cache
                times[number].append(ms)
    return [(name, statistics.median(t)) for (name, _, _), t in zip(subjects, times, strict=True)]


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
                functools.partial(side_by_side, conn, window, HistoryFilter(d)),
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

        # One warm-up open first (Python's own caches), as for the queries.
        opens = [asyncio.run(open_app(path)) for _ in range(options.runs + 1)][1:]
        medians = [statistics.median(o[i] for o in opens) for i in range(4)]
        bares = [asyncio.run(open_bare()) for _ in range(options.runs + 1)][1:]
        bare = [statistics.median(b[i] for b in bares) for i in range(2)]
        tmux = (
            tmux_figures(data_home, options.runs) if options.tmux and shutil.which("tmux") else []
        )

    print(f"{options.years} years: {intervals} intervals; built in {build_s:.1f} s\n")
    print(f"| opening the history screen, headless (median of {options.runs}) | ms | goal |")
    print("|---|---:|---|")
    verdict = "met" if medians[0] < GOAL_MS else "missed"
    rows = [
        ("app start to first complete frame (`run_test`, 100x30)", f"< {GOAL_MS} ms: {verdict}"),
        ("app start to settled (every message handled)", ""),
        ("the screen alone, pushed onto a running app: first complete frame", ""),
        ("the screen alone: settled", ""),
        ("peer: a bare Textual app showing one label, to first frame", ""),
        ("peer: the bare app, settled", ""),
    ]
    for (name, goal), ms in zip(rows, medians + bare, strict=True):
        print(f"| {name} | {ms:.0f} | {goal} |")
    if tmux:
        title = f"in tmux, 100x30: process start to first complete frame (median of {options.runs})"
        print(f"\n| {title} | ms |")
        print("|---|---:|")
        for name, ms in tmux:
            print(f"| {name} | {ms:.0f} |")
    print(f"\n| query (median of {options.runs}) | ms |")
    print("|---|---:|")
    for name, ms in figures:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
