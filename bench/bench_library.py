"""Provides the library benchmark: the library's first frame, wall time and instructions.

Run: `python bench/bench_library.py [--runs 5] [--years 1] [--before SRC] [--instructions]`.

A private XDG home holds a history of `--years` of sessions (bench/bench_history.py's
data, imported), so the library's balance and care marks have work to do. Then:

- in a real 100x30 tmux terminal, from process start to the first frame that lists
  the routines (`evenside`, no command), the bare Textual app beside it, taking turns;
- with `--instructions`, the instructions Python executes from start to that first
  frame, headless, under valgrind's callgrind (deterministic where wall time is not).

`--before SRC` runs the same measures with another checkout's `src` folder first on
the path (e.g. main's: `git archive main src | tar -x -C /tmp/main`, then
`--before /tmp/main/src`), paired with this one, so a change is measured on one machine
under one load. evenside's modules are byte-compiled first, as pip does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _terminal import Terminal
from bench_history import make_history

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
MARKER = "Psoas stretches"
"""A bundled routine's name: on screen once the library lists its routines."""

# Headless: the app runs until the first frame that shows the library with its rows,
# then the process ends at once, so the count stops there.
FIRST_FRAME = """
import os
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.screen import LibraryScreen

class FirstFrame(EvensideApp):
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and isinstance(screen, LibraryScreen):
            if screen.query_one("#library-table").row_count:
                os._exit(0)

import asyncio

async def main():
    async with FirstFrame().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    os._exit(3)

asyncio.run(main())
"""

BARE_FIRST_FRAME = """
import os, sys
sys.path.insert(0, sys.argv[1])
from bare_textual import BareApp

class FirstFrame(BareApp):
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None:
            os._exit(0)

import asyncio

async def main():
    async with FirstFrame().run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    os._exit(3)

asyncio.run(main())
"""
"""The peer, counted the same way: a bare Textual app to its first frame."""


def private_home(years: int) -> dict[str, str]:
    """XDG folders in a new temporary home, with `years` of history imported."""
    from evenside.history.db import open_database
    from evenside.history.importer import import_sessions, parse_history
    from evenside.history.store import HistoryStore
    from evenside.locations import history_path

    work = Path(tempfile.mkdtemp(prefix="evenside-bench-library-"))
    env = {
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
        "XDG_STATE_HOME": str(work / "state"),
    }
    os.environ.update(env)
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = HistoryStore(open_database(path))
    import_sessions(store, parse_history(make_history(years)))
    store.conn.close()
    return env


def first_frames(
    term: Terminal, env: dict[str, str], sources: dict[str, Path], runs: int
) -> dict[str, list[float]]:
    """Seconds from launch to the library's first frame, per source, and the bare app's."""
    bare = [sys.executable, str(HERE / "bare_textual.py")]
    frames: dict[str, list[float]] = {name: [] for name in [*sources, "bare_textual"]}
    for _ in range(runs):
        for name, src in sources.items():
            command = ["env", f"PYTHONPATH={src}", sys.executable, "-m", "evenside"]
            started = term.start(command, env)
            frames[name].append(term.wait_for(MARKER) - started)
            term.kill()
            time.sleep(0.2)
        started = term.start(bare, env)
        frames["bare_textual"].append(term.wait_for("bare textual") - started)
        term.kill()
        time.sleep(0.2)
    return frames


def instructions(env: dict[str, str], src: Path | None) -> int | None:
    """Instructions (millions) from start to the library's first frame under callgrind
    (the bare app's for `src` None)."""
    if not shutil.which("valgrind"):
        return None
    out = Path(tempfile.mkdtemp()) / "callgrind.out"
    script = ["-c", FIRST_FRAME] if src is not None else ["-c", BARE_FIRST_FRAME, str(HERE)]
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
         sys.executable, *script],
        env={**os.environ, **env, "PYTHONPATH": str(src or HERE)},
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return round(int(found.group(1)) / 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--before", type=Path, help="another checkout's src folder to compare")
    parser.add_argument("--instructions", action="store_true", help="count under callgrind")
    args = parser.parse_args()
    sources = {"evenside": SRC}
    if args.before is not None:
        sources = {"before": args.before.resolve(), "after": SRC}
    for src in sources.values():
        compileall.compile_dir(src / "evenside", quiet=1)
    env = private_home(args.years)
    term = Terminal(f"evenside-bench-library-{os.getpid()}")
    try:
        frames = first_frames(term, env, sources, args.runs)
    finally:
        term.kill()
    bare = statistics.median(frames["bare_textual"])
    print(f"Library first frame, {args.years} year(s) of history, median of {args.runs}:")
    print("| run | first frame (ms) | x bare Textual | instructions (M) |")
    print("|---|---|---|---|")
    for name, src in sources.items():
        median = statistics.median(frames[name])
        counted = instructions(env, src) if args.instructions else None
        shown = "-" if counted is None else str(counted)
        print(f"| {name} | {median * 1000:.0f} | {median / bare:.2f} | {shown} |")
    counted = instructions(env, None) if args.instructions else None
    shown = "-" if counted is None else str(counted)
    print(f"| bare Textual | {bare * 1000:.0f} | 1.00 | {shown} |")


if __name__ == "__main__":
    main()
