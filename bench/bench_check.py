"""Provides the routine-command benchmark: `check` on 1,000 files, `show` against bare Python.

Run:  python bench/bench_check.py [--runs N] [--write-docs]

Uses hyperfine when it is installed, else repeated runs timed with
time.perf_counter. With --write-docs the table replaces the section
"## Routine commands (issue 2)" of docs/benchmarks.md (other sections are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Routine commands (issue 2)"
FILES = 1_000

_TEMPLATE = """\
# yaml-language-server: $schema=./routine.schema.json
name: Generated {n}
summary: A generated routine for the benchmark.
description: |
  Stop and see a doctor if you have fever with the pain, bowel or bladder
  changes, night pain that wakes you, or leg weakness or numbness.
tags: [bench, generated]
defaults:
  prep: 10s
  rest: 15s
steps:
  - exercise: Modified runner's lunge {n}
    cue: Knee on a folded towel, tuck your tail.
    hold: {hold}s
    sides: both
    sets: {sets}
  - exercise: Glute bridge
    reps: {reps}
    tempo: 3s
  - rest: 1:30
  - exercise: Supine release
    hold: {{left: 2m, right: 90s}}
    sides: both
  - repeat: 2
    name: Circuit
    rest: 20s
    steps:
      - exercise: Clamshell
        reps: 15
        sides: both
      - exercise: Single-leg balance
        hold: 30s
        sides: both
"""


def generate(folder: Path) -> list[Path]:
    """Write FILES valid routine files into `folder` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(FILES):
        path = folder / f"routine-{n:04d}.yaml"
        path.write_text(_TEMPLATE.format(n=n, hold=30 + n % 30, sets=1 + n % 3, reps=8 + n % 8))
        paths.append(path)
    return paths


def evenside_command() -> list[str]:
    """The installed console script beside this Python, else `python -m evenside`."""
    script = Path(sys.executable).parent / "evenside"
    return [str(script)] if script.exists() else [sys.executable, "-m", "evenside"]


def time_runs(argv: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` runs of `argv` (after one warm-up run)."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def hyperfine_runs(argv: list[str], runs: int) -> list[float]:
    """The same, measured by hyperfine (its JSON export holds every run)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            ["hyperfine", "--warmup", "1", "--runs", str(runs), "--export-json", export.name,
             "--style", "none", "-N", shlex.join(argv)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return list(json.loads(Path(export.name).read_text())["results"][0]["times"])


_SPLIT = """
import contextlib, io, time
start = time.perf_counter()
import click
from evenside.commands import routines_cmds
group = click.Group(commands=routines_cmds.COMMANDS)
with contextlib.redirect_stdout(io.StringIO()):
    group.main(["show", "desk-break"], standalone_mode=False)
alone = time.perf_counter() - start
start = time.perf_counter()
import evenside.cli
print(alone * 1000, (time.perf_counter() - start) * 1000)
"""


def split_show(runs: int) -> tuple[float, float]:
    """Median ms of `show` with only the routine commands, and of importing the other commands."""
    alone, rest = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _SPLIT], capture_output=True, text=True)
        first, second = map(float, out.stdout.split())
        alone.append(first)
        rest.append(second)
    return statistics.median(alone), statistics.median(rest)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command")
    parser.add_argument("--write-docs", action="store_true", help=f"update {DOCS.name}")
    args = parser.parse_args()

    files = generate(WORK / "routines")
    evenside = evenside_command()
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("evenside show desk-break", [*evenside, "show", "desk-break"]),
        ("evenside show desk-break --format json",
         [*evenside, "show", "desk-break", "--format", "json"]),
        ("evenside list", [*evenside, "list"]),
        (f"evenside check --quiet ({FILES:,} files)",
         [*evenside, "check", "--quiet", *map(str, files)]),
    ]  # fmt: skip
    tool = "hyperfine" if shutil.which("hyperfine") else "perf_counter"
    runner = hyperfine_runs if tool == "hyperfine" else time_runs
    rows = []
    for label, argv in cases:
        times = runner(argv, args.runs)
        rows.append((label, min(times), statistics.median(times), max(times)))
    base = rows[0][2]
    table = [
        "| command | min ms | median ms | max ms | median beyond `python -c pass` |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, low, mid, high in rows:
        extra = "-" if label == rows[0][0] else f"{(mid - base) * 1000:.0f} ms"
        table.append(
            f"| `{label}` | {low * 1000:.0f} | {mid * 1000:.0f} | {high * 1000:.0f} | {extra} |"
        )
    per_file = (rows[-1][2] - rows[1][2]) / FILES * 1000
    alone, rest = split_show(args.runs)
    notes = [
        f"`evenside check` costs about {per_file:.2f} ms per routine file beyond start-up.",
        f"In one process, `show desk-break` with only the routine commands registered takes "
        f"{alone:.0f} ms (click, PyYAML, the loader, the timeline, the output); importing the "
        f"other areas' command modules that `evenside.cli` registers eagerly adds {rest:.0f} ms. "
        "No routine command imports Textual (tests/test_import_hygiene.py).",
    ]
    print("\n".join(table))
    print("\n".join(notes))
    if args.write_docs:
        write_docs(table, notes, tool, args.runs)


def write_docs(table: list[str], notes: list[str], tool: str, runs: int) -> None:
    """Replace (or add) this benchmark's section of docs/benchmarks.md."""
    section = "\n".join(
        [
            HEADING,
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, timed with {tool}, "
            f"{runs} runs each after one warm-up. The machine was shared with other work "
            "while measuring, so the max column is noisy.",
            "",
            "Command: `python bench/bench_check.py --runs "
            f"{runs} --write-docs` (generates {FILES:,} routine files in `bench/.work/`).",
            "",
            *table,
            "",
            " ".join(notes),
            "",
        ]
    )
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n\n"
    start = text.find(HEADING)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + ("\n" + text[end + 1 :] if end != -1 else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
